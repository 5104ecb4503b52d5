//! Every kind of email in each of the six languages, composed as the worker
//! composes it: no English left in another language, Arabic right to left,
//! the calendar file readable and in the recipient's language, and no
//! bidirectional mark in a subject, a link or the calendar file.

use icalendar::parser::{read_calendar, unfold};
use mail_parser::{MessageParser, MimeHeaders};

use super::compose::compose;
use super::kinds::{self, CoordinatorParams, DayParams, InvitationParams, OutcomeParams};
use crate::config::{RawSettings, Settings};
use crate::db::outbox::Message;
use crate::i18n::{Language, tr, tr_args};

const KINDS: [&str; 6] = [
    kinds::COORDINATOR_LINK,
    kinds::COORDINATOR_REMINDER,
    kinds::CONSULTATION_OUTCOME,
    kinds::INVITATION,
    kinds::INVITATION_UPDATE,
    kinds::INVITATION_CANCEL,
];

/// What the English emails say that must never appear in another
/// language's (the data below is chosen to contain none of it).
const ENGLISH: [&str; 29] = [
    "Dear",
    "Meeting",
    "Purpose",
    "Organiser",
    "Regional group",
    "Period under consideration",
    "Deadline",
    "Start",
    "End",
    "Duration",
    "Modality",
    "Venue",
    "Join online",
    "No sitting",
    "This link is personal",
    "Anyone who has it",
    "With best regards",
    "With thanks",
    "In person",
    "Hybrid (",
    "Reply to the invitation",
    "Open your group",
    "that is",
    "Monday",
    "March",
    "January",
    "The attached calendar file",
    "What has changed",
    "Reason",
];

const TITLE: &str = "WIPO/IGC/42";

fn settings() -> Settings {
    Settings::from_raw(&RawSettings {
        base_url: Some("https://convene.example.org/".into()),
        reply_to: Some("meetings@wipo.int".into()),
        ..RawSettings::default()
    })
    .expect("valid settings")
}

fn params(kind: &str) -> String {
    match kind {
        kinds::COORDINATOR_LINK | kinds::COORDINATOR_REMINDER => {
            serde_json::to_string(&CoordinatorParams {
                meeting_title: TITLE.into(),
                meeting_purpose: "IGC 2027/3".into(),
                organiser: "WIPO".into(),
                group_name: "GRULAC".into(),
                recipient_name: "Ana Pérez".into(),
                time_zone: "Europe/Zurich".into(),
                window_start: "2027-03-01".into(),
                window_end: "2027-03-12".into(),
                deadline_utc: "2027-01-15T17:00:00Z".into(),
            })
        }
        kinds::CONSULTATION_OUTCOME => serde_json::to_string(&OutcomeParams {
            meeting_title: TITLE.into(),
            meeting_purpose: "IGC 2027/3".into(),
            organiser: "WIPO".into(),
            group_name: "GRULAC".into(),
            recipient_name: "Ana Pérez".into(),
            time_zone: "Europe/Zurich".into(),
            start_utc: "2027-03-01T09:00:00Z".into(),
            end_utc: "2027-03-03T17:00:00Z".into(),
            days: vec![
                "2027-03-01".into(),
                "2027-03-02".into(),
                "2027-03-03".into(),
            ],
            modalities: vec!["in_person".into(), "hybrid".into()],
        }),
        _ => serde_json::to_string(&InvitationParams {
            meeting_title: TITLE.into(),
            meeting_purpose: "IGC 2027/3".into(),
            organiser: "WIPO".into(),
            recipient_name: "Ana Pérez".into(),
            recipient_email: "ana@mission.example".into(),
            invitee_name: "Uruguay".into(),
            time_zone: "Europe/Zurich".into(),
            start_utc: "2027-03-01T09:00:00Z".into(),
            end_utc: "2027-03-03T17:00:00Z".into(),
            days: vec![
                DayParams {
                    start_utc: "2027-03-01T09:00:00Z".into(),
                    end_utc: "2027-03-01T17:00:00Z".into(),
                },
                DayParams {
                    start_utc: "2027-03-03T09:00:00Z".into(),
                    end_utc: "2027-03-03T17:00:00Z".into(),
                },
            ],
            modality: "hybrid".into(),
            venue: "WIPO, Salle A".into(),
            remote_link: "https://meet.example.org/igc-42?x=1".into(),
            ical_uid: "meeting-42@convene.example.org".into(),
            sequence: 1,
            stamp_utc: "2027-01-20T08:15:00Z".into(),
            change_note: "IGC 2027/3 rev.".into(),
        }),
    }
    .expect("JSON")
}

fn row(kind: &str, language: Language) -> Message {
    Message {
        id: 7,
        kind: kind.into(),
        meeting_id: Some(42),
        recipient_email: "ana@mission.example".into(),
        recipient_name: "Ana Pérez".into(),
        language: language.tag().into(),
        params: params(kind),
        sealed_secret: Some("sealed".into()),
        message_id: "<m7@convene.example.org>".into(),
        dedupe_key: None,
        status: "sending".into(),
        attempts: 0,
        next_attempt_at: Default::default(),
        claimed_at: None,
        claimed_by: None,
        sent_at: None,
        last_error: None,
        created_at: Default::default(),
    }
}

/// The subject, text, HTML and calendar part (if any) of a composed email,
/// decoded by an independent MIME parser.
struct Received {
    subject: String,
    text: String,
    html: String,
    calendar: Option<String>,
}

fn receive(kind: &str, language: Language) -> Received {
    let email = compose(&row(kind, language), Some("tok3n"), &settings())
        .unwrap_or_else(|e| panic!("{kind} {language}: {e}"));
    let raw = email.formatted();
    let parsed = MessageParser::default().parse(&raw).expect("parses");
    let calendar = parsed
        .parts
        .iter()
        .find(|p| p.attachment_name() == Some("invite.ics"))
        .map(|p| String::from_utf8(p.contents().to_vec()).expect("UTF-8"));
    Received {
        subject: parsed.subject().expect("a subject").to_owned(),
        text: parsed.body_text(0).expect("text").into_owned(),
        html: parsed.body_html(0).expect("HTML").into_owned(),
        calendar,
    }
}

/// Every `https://` address in `text`, up to the first character that
/// cannot be part of one here.
fn links(text: &str) -> Vec<&str> {
    text.match_indices("https://")
        .map(|(at, _)| {
            let rest = &text[at..];
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"' || c == '<')
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

#[test]
fn every_kind_is_written_in_each_language_with_no_english_left() {
    for kind in KINDS {
        let english = receive(kind, Language::En);
        for phrase in ["Dear Ana Pérez,", "With", "WIPO"] {
            assert!(english.text.contains(phrase), "{kind} en {phrase:?}");
        }
        for language in Language::ALL {
            let r = receive(kind, language);
            assert!(
                r.subject.contains(TITLE),
                "{kind} {language}: {}",
                r.subject
            );
            if language == Language::En {
                continue;
            }
            assert_ne!(r.subject, english.subject, "{kind} {language}: subject");
            for body in [&r.subject, &r.text, &r.html] {
                for word in ENGLISH {
                    assert!(
                        !body.contains(word),
                        "{kind} {language}: English {word:?} in\n{body}"
                    );
                }
            }
            let greeting = tr(language, "email-personal-link");
            let personal = kind != kinds::CONSULTATION_OUTCOME && kind != kinds::INVITATION_CANCEL;
            assert_eq!(r.text.contains(&greeting), personal, "{kind} {language}");
        }
    }
}

#[test]
fn every_email_keeps_its_data_in_every_language() {
    for kind in KINDS {
        for language in Language::ALL {
            let r = receive(kind, language);
            for body in [&r.text, &r.html] {
                assert!(body.contains("Europe/Zurich"), "{kind} {language} zone");
                assert!(body.contains("UTC"), "{kind} {language} UTC");
                assert!(body.contains("WIPO"), "{kind} {language} organiser");
                assert!(body.contains("2027"), "{kind} {language} year");
                let link = match kind {
                    kinds::COORDINATOR_LINK | kinds::COORDINATOR_REMINDER => {
                        Some("https://convene.example.org/c/tok3n")
                    }
                    kinds::INVITATION | kinds::INVITATION_UPDATE => {
                        Some("https://convene.example.org/i/tok3n")
                    }
                    _ => None,
                };
                if let Some(link) = link {
                    assert!(links(body).contains(&link), "{kind} {language} link");
                }
            }
            if kind.starts_with("invitation") {
                assert!(r.text.contains("Uruguay"), "{kind} {language} on behalf of");
                assert!(r.text.contains("WIPO, Salle A"), "{kind} {language} venue");
                assert!(r.text.contains("https://meet.example.org/igc-42?x=1"));
                let days = r.text.lines().filter(|l| l.starts_with("- ")).count();
                assert_eq!(days, 2, "{kind} {language}: the two meeting days");
            }
            if kind != kinds::INVITATION {
                let outcome_or_changed =
                    kind == kinds::CONSULTATION_OUTCOME || r.text.contains("IGC 2027/3 rev.");
                assert!(
                    outcome_or_changed || kind.starts_with("coordinator"),
                    "{kind} {language} note"
                );
            }
        }
    }
}

#[test]
fn arabic_is_right_to_left_and_the_others_left_to_right() {
    for kind in KINDS {
        for language in Language::ALL {
            let r = receive(kind, language);
            let dir = language.dir();
            assert!(
                r.html
                    .contains(&format!("<html lang=\"{}\" dir=\"{dir}\">", language.tag())),
                "{kind} {language}:\n{}",
                r.html
            );
            assert!(
                r.html.contains(&format!("<body dir=\"{dir}\"")),
                "{kind} {language}"
            );
            if language.is_rtl() {
                assert!(
                    r.html.contains("text-align: right"),
                    "{kind}: labels on the right"
                );
                assert!(!r.html.contains("text-align: left"), "{kind}");
            }
        }
    }
}

#[test]
fn no_isolation_mark_reaches_a_subject_a_link_or_the_calendar() {
    let marks = ['\u{2068}', '\u{2069}'];
    for kind in KINDS {
        let r = receive(kind, Language::Ar);
        assert!(
            r.text.contains('\u{2068}'),
            "{kind}: Arabic isolates its values"
        );
        assert!(!r.subject.contains(marks), "{kind}: {:?}", r.subject);
        for body in [&r.text, &r.html] {
            for link in links(body) {
                assert!(!link.contains(marks), "{kind}: {link:?}");
            }
            // A mark right after a link would be taken into it by some
            // programs that turn addresses into links.
            for mark in marks {
                assert!(!body.contains(&format!("tok3n{mark}")), "{kind}");
                assert!(!body.contains(&format!("x=1{mark}")), "{kind}");
            }
        }
        if let Some(calendar) = &r.calendar {
            assert!(!calendar.contains(marks), "{kind}:\n{calendar}");
        }
    }
}

/// The value of a property of the one VEVENT, TEXT unescaped.
fn event_value(ics: &str, name: &str) -> String {
    let unfolded = unfold(ics);
    let calendar = read_calendar(&unfolded).expect("the .ics parses");
    let event = calendar
        .components
        .iter()
        .flat_map(|c| std::iter::once(c).chain(c.components.iter()))
        .find(|c| c.name == "VEVENT")
        .expect("a VEVENT");
    let property = event
        .properties
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name}"));
    property
        .val
        .as_str()
        .replace("\\n", "\n")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\\\", "\\")
}

#[test]
fn the_calendar_file_parses_and_speaks_the_recipients_language() {
    for language in Language::ALL {
        for kind in [kinds::INVITATION, kinds::INVITATION_UPDATE] {
            let ics = receive(kind, language).calendar.expect("an .ics");
            assert_eq!(event_value(&ics, "SUMMARY"), TITLE, "{kind} {language}");
            let description = event_value(&ics, "DESCRIPTION");
            let reply = crate::i18n::strip_isolation(&tr_args(
                language,
                "calendar-reply",
                &[("link", "https://convene.example.org/i/tok3n".into())],
            ));
            assert!(
                description.contains(&reply),
                "{kind} {language}:\n{description}"
            );
        }
        let ics = receive(kinds::INVITATION_CANCEL, language)
            .calendar
            .expect("an .ics");
        let summary = event_value(&ics, "SUMMARY");
        let expected = crate::i18n::strip_isolation(&tr_args(
            language,
            "calendar-summary-cancelled",
            &[("title", TITLE.into())],
        ));
        assert_eq!(summary, expected, "{language}");
        assert!(summary.contains(TITLE));
        if language != Language::En {
            assert!(!summary.starts_with("Cancelled"), "{language}: {summary}");
            let description = event_value(&ics, "DESCRIPTION");
            assert!(!description.contains("Reason"), "{language}: {description}");
        }
    }
}
