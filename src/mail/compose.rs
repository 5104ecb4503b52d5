//! One outbox row into one email: its kind rendered for the recipient, the
//! parts the kind adds (an invitation's calendar request), the envelope.
//! Pure: the worker opens the row's secret and sends; tests and benchmarks
//! call [`compose`] directly.

use super::MailError;
use super::invitation_email::{self, Invitation};
use super::message::{self, Addressing, Extra};
use super::render::render;
use crate::config::Settings;
use crate::db::outbox::Message;
use crate::domain::ical;
use crate::i18n::Language;

/// Builds the email of `row`. `secret` is the row's opened personal token,
/// for kinds that carry a personal link.
pub fn compose(
    row: &Message,
    secret: Option<&str>,
    settings: &Settings,
) -> Result<lettre::Message, MailError> {
    let (rendered, extras) = if invitation_email::is_invitation(&row.kind) {
        // Parsed once: the email and its calendar file say the same thing.
        let invitation = Invitation::parse(&row.kind, &row.params, secret, settings)?;
        let rendered = invitation.email(Language::from_tag(&row.language))?;
        (rendered, calendar_parts(&invitation, row, settings))
    } else {
        let rendered = render(&row.kind, &row.language, &row.params, secret, settings)?;
        (rendered, Vec::new())
    };
    message::build(
        Addressing {
            to_email: &row.recipient_email,
            to_name: &row.recipient_name,
            message_id: &row.message_id,
        },
        &rendered,
        &settings.mail,
        &extras,
    )
}

/// The calendar request twice: as an alternative, which calendar-aware
/// clients act on, and as `invite.ics`, which any reader can open.
fn calendar_parts(invitation: &Invitation, row: &Message, settings: &Settings) -> Vec<Extra> {
    let text = calendar(invitation, row, settings);
    let method = invitation.version.method().name();
    vec![
        Extra::Alternative {
            content_type: format!("text/calendar; method={method}; charset=UTF-8"),
            body: text.clone(),
        },
        Extra::Attachment {
            filename: "invite.ics".into(),
            content_type: "application/ics".into(),
            body: text.into_bytes(),
        },
    ]
}

/// The iCalendar text of an invitation. The organiser is the mailbox replies
/// go to (Reply-To, else From), named after the meeting's organiser when the
/// mailbox has no name; the one attendee is the message's recipient. LOCATION
/// is the venue and URL the remote-participation link (the reply link is in
/// the description: URL holds one address, and the place to join is the one
/// a calendar should offer).
fn calendar(invitation: &Invitation, row: &Message, settings: &Settings) -> String {
    let p = &invitation.params;
    let organizer = settings
        .mail
        .reply_to
        .as_ref()
        .unwrap_or(&settings.mail.from);
    let organizer_name = organizer
        .name
        .as_deref()
        .filter(|name| !name.trim().is_empty())
        .unwrap_or(&p.organiser);
    let organizer_email = organizer.email.to_string();
    let attendee_name = Some(row.recipient_name.as_str())
        .filter(|name| !name.trim().is_empty())
        .unwrap_or(&p.recipient_name);
    // A meeting that skips days is one event on its first day that recurs
    // on each other day it sits (RDATE), so the days between stay free.
    let ((start, end), more_days) = match invitation.days.split_first() {
        Some((&first, rest)) => (first, rest),
        None => ((invitation.start, invitation.end), &[][..]),
    };
    let language = Language::from_tag(&row.language);
    let description = invitation.calendar_description(language);
    let summary = invitation.calendar_summary(language);
    ical::render(&ical::Event {
        method: invitation.version.method(),
        uid: p.ical_uid.trim(),
        sequence: invitation.sequence,
        stamp: invitation.stamp,
        start,
        end,
        more_days,
        summary: &summary,
        description: &description,
        location: &p.venue,
        url: invitation.link_to_join(),
        organizer_name,
        organizer_email: &organizer_email,
        attendee_name,
        attendee_email: &row.recipient_email,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RawSettings;
    use crate::mail::kinds::{self, InvitationParams};
    use icalendar::parser::{Component, read_calendar, unfold};
    use mail_parser::{MessageParser, MimeHeaders};

    fn settings(reply_to: Option<&str>) -> Settings {
        Settings::from_raw(&RawSettings {
            base_url: Some("https://convene.example.org/".into()),
            reply_to: reply_to.map(str::to_owned),
            ..RawSettings::default()
        })
        .expect("valid settings")
    }

    fn row(kind: &str, language: &str) -> Message {
        let params = InvitationParams {
            meeting_title: "Informal consultation on genetic resources, session 2".into(),
            meeting_purpose: "To agree; to decide, and to close.\nSecond paragraph — é.".into(),
            organiser: "WIPO Secretariat".into(),
            recipient_name: "Ana Pérez".into(),
            recipient_email: "ana@mission.example".into(),
            invitee_name: "Switzerland".into(),
            time_zone: "Europe/Zurich".into(),
            start_utc: "2027-03-01T09:00:00Z".into(),
            end_utc: "2027-03-02T17:00:00Z".into(),
            days: Vec::new(),
            modality: "hybrid".into(),
            venue: "Room A, WIPO headquarters, Geneva".into(),
            remote_link: "https://meet.example.org/wipo-42".into(),
            ical_uid: "meeting-42@convene.example.org".into(),
            sequence: 3,
            stamp_utc: "2027-01-20T08:15:00Z".into(),
            change_note: String::new(),
        };
        Message {
            id: 7,
            kind: kind.into(),
            meeting_id: Some(42),
            recipient_email: "ana@mission.example".into(),
            recipient_name: "Pérez, Ana".into(),
            language: language.into(),
            params: serde_json::to_string(&params).expect("JSON"),
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

    /// The formatted email, and its calendar alternative and attachment,
    /// decoded by an independent MIME parser.
    fn composed(kind: &str, secret: Option<&str>, settings: &Settings) -> (String, String, String) {
        let email = compose(&row(kind, "fr"), secret, settings).expect("composes");
        let raw = email.formatted();
        let parsed = MessageParser::default().parse(&raw).expect("parses");
        let part_text = |wanted: &dyn Fn(&mail_parser::MessagePart<'_>) -> bool| {
            let parts: Vec<_> = parsed.parts.iter().filter(|p| wanted(p)).collect();
            assert_eq!(parts.len(), 1, "one such part");
            String::from_utf8(parts[0].contents().to_vec()).expect("UTF-8")
        };
        let alternative = part_text(&|p| {
            p.content_type()
                .is_some_and(|ct| ct.ctype() == "text" && ct.subtype() == Some("calendar"))
        });
        let attachment = part_text(&|p| p.attachment_name() == Some("invite.ics"));
        let mut decoded = String::from_utf8_lossy(&raw).into_owned();
        for i in 0..2 {
            decoded.push_str(&parsed.body_text(i).unwrap_or_default());
            decoded.push_str(&parsed.body_html(i).unwrap_or_default());
        }
        (decoded, alternative, attachment)
    }

    /// A property of the parsed VEVENT: name, value, parameters.
    type Prop = (String, String, Vec<(String, String)>);

    /// The METHOD and the one VEVENT's properties, as the `icalendar`
    /// crate's parser reads them (TEXT values unescaped).
    fn read(ics: &str) -> (String, Vec<Prop>) {
        let unfolded = unfold(ics);
        let calendar = read_calendar(&unfolded).expect("the .ics parses");
        let method = calendar
            .properties
            .iter()
            .find(|p| p.name == "METHOD")
            .map(|p| p.val.as_str().to_owned())
            .expect("METHOD");
        assert_eq!(calendar.components.len(), 1);
        let event: &Component<'_> = &calendar.components[0];
        assert_eq!(event.name.as_str(), "VEVENT");
        let props = event
            .properties
            .iter()
            .map(|p| {
                let params = p
                    .params
                    .iter()
                    .map(|q| {
                        let val = q.val.as_ref().map(|v| v.as_str()).unwrap_or_default();
                        (q.key.as_str().to_owned(), val.to_owned())
                    })
                    .collect();
                (
                    p.name.as_str().to_owned(),
                    p.val.as_str().to_owned(),
                    params,
                )
            })
            .collect();
        (method, props)
    }

    fn value(event: &[Prop], name: &str) -> String {
        let found: Vec<_> = event.iter().filter(|p| p.0 == name).collect();
        assert_eq!(found.len(), 1, "exactly one {name}");
        found[0].1.clone()
    }

    fn param(event: &[Prop], name: &str, key: &str) -> Option<String> {
        let prop = event.iter().find(|p| p.0 == name)?;
        prop.2.iter().find(|q| q.0 == key).map(|q| q.1.clone())
    }

    #[test]
    fn an_invitation_carries_its_calendar_request_as_alternative_and_attachment() {
        let settings = settings(Some("WIPO Meetings <meetings@wipo.int>"));
        let email =
            compose(&row(kinds::INVITATION, "fr"), Some("tok3n"), &settings).expect("composes");
        // lettre writes the charset in lower case.
        let raw = String::from_utf8(email.formatted())
            .expect("UTF-8")
            .to_ascii_lowercase();
        for expected in [
            "multipart/mixed",
            "multipart/alternative",
            "text/plain",
            "text/html",
            "text/calendar; method=request; charset=utf-8",
            "application/ics",
            "filename=\"invite.ics\"",
        ] {
            assert!(raw.contains(expected), "{expected} in\n{raw}");
        }

        let (decoded, alternative, attachment) =
            composed(kinds::INVITATION, Some("tok3n"), &settings);
        assert_eq!(alternative, attachment);
        assert!(decoded.contains("https://convene.example.org/i/tok3n"));
        assert!(decoded.contains("Madame, Monsieur"));
        let (method, event) = read(&alternative);
        assert_eq!(method, "REQUEST");
        assert_eq!(value(&event, "UID"), "meeting-42@convene.example.org");
        assert_eq!(value(&event, "SEQUENCE"), "3");
        assert_eq!(value(&event, "DTSTART"), "20270301T090000Z");
        assert_eq!(value(&event, "DTEND"), "20270302T170000Z");
        assert_eq!(value(&event, "STATUS"), "CONFIRMED");
        assert_eq!(
            value(&event, "SUMMARY"),
            "Informal consultation on genetic resources, session 2"
        );
        assert_eq!(
            value(&event, "DESCRIPTION"),
            "To agree; to decide, and to close.\nSecond paragraph — é.\n\n\
             Participation à distance : https://meet.example.org/wipo-42\n\n\
             Votre réponse : https://convene.example.org/i/tok3n"
        );
        assert_eq!(
            value(&event, "LOCATION"),
            "Room A, WIPO headquarters, Geneva"
        );
        assert_eq!(value(&event, "URL"), "https://meet.example.org/wipo-42");
        assert_eq!(value(&event, "ORGANIZER"), "mailto:meetings@wipo.int");
        assert_eq!(
            param(&event, "ORGANIZER", "CN").as_deref(),
            Some("WIPO Meetings")
        );
        assert_eq!(value(&event, "ATTENDEE"), "mailto:ana@mission.example");
        assert_eq!(
            param(&event, "ATTENDEE", "CN").as_deref(),
            Some("Pérez, Ana")
        );
        assert_eq!(param(&event, "ATTENDEE", "RSVP").as_deref(), Some("FALSE"));
    }

    #[test]
    fn without_a_reply_to_the_sender_organises_under_the_meetings_organiser() {
        let (_, alternative, _) = composed(kinds::INVITATION_UPDATE, Some("t"), &settings(None));
        let (method, event) = read(&alternative);
        assert_eq!(method, "REQUEST");
        assert_eq!(
            value(&event, "ORGANIZER"),
            "mailto:convene@convene.example.org"
        );
        assert_eq!(
            param(&event, "ORGANIZER", "CN").as_deref(),
            Some("WIPO Secretariat")
        );
    }

    #[test]
    fn a_cancellation_cancels_the_event_and_carries_no_link() {
        let settings = settings(None);
        let email = compose(&row(kinds::INVITATION_CANCEL, "es"), None, &settings)
            .expect("composes without a secret");
        let raw = String::from_utf8(email.formatted()).expect("UTF-8");
        assert!(
            raw.contains("text/calendar; method=CANCEL; charset=utf-8"),
            "{raw}"
        );
        let (decoded, alternative, attachment) =
            composed(kinds::INVITATION_CANCEL, None, &settings);
        assert_eq!(alternative, attachment);
        assert!(!decoded.contains("/i/"), "{decoded}");
        let (method, event) = read(&alternative);
        assert_eq!(method, "CANCEL");
        assert_eq!(value(&event, "STATUS"), "CANCELLED");
        assert_eq!(value(&event, "UID"), "meeting-42@convene.example.org");
        assert_eq!(value(&event, "SEQUENCE"), "3");
        assert!(!event.iter().any(|p| p.0 == "URL"));
        assert_eq!(
            value(&event, "DESCRIPTION"),
            "To agree; to decide, and to close.\nSecond paragraph — é."
        );
    }

    #[test]
    fn other_kinds_carry_no_calendar_and_invalid_rows_are_refused() {
        let mut outcome = row(kinds::CONSULTATION_OUTCOME, "en");
        outcome.params = serde_json::json!({
            "meeting_title": "T", "meeting_purpose": "", "organiser": "", "group_name": "B",
            "recipient_name": "", "time_zone": "UTC", "start_utc": "2027-03-01T09:00:00Z",
            "end_utc": "2027-03-01T17:00:00Z", "days": ["2027-03-01"], "modalities": ["virtual"]
        })
        .to_string();
        let raw = String::from_utf8(
            compose(&outcome, None, &settings(None))
                .expect("composes")
                .formatted(),
        )
        .expect("UTF-8");
        assert!(!raw.contains("text/calendar") && !raw.contains("invite.ics"));
        assert!(matches!(
            compose(&row(kinds::INVITATION, "en"), None, &settings(None)),
            Err(MailError::MissingSecret)
        ));
        let mut broken = row(kinds::INVITATION, "en");
        broken.params = broken.params.replace("Europe/Zurich", "Mars/Olympus");
        assert!(matches!(
            compose(&broken, Some("t"), &settings(None)),
            Err(MailError::Params(_))
        ));
    }
}
