//! Renders one message of a kind, for one recipient, in their language: the
//! subject, the plain-text body and the HTML body, from the one set of
//! templates under `templates/email/<kind>/`, whose words are the Fluent
//! messages of the language (English for a language convene does not speak).

use askama::Template;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::MailError;
use super::kinds::{self, CoordinatorParams};
use super::{invitation_email, outcome_email};
use crate::config::Settings;
use crate::domain::meeting::Modality;
use crate::i18n::{Language, Messages, format, strip_isolation, tr, tr_args};

/// A message ready to be put into an envelope.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// What the coordinator templates show, already formatted for the language;
/// the templates take their words from the language's messages.
struct CoordinatorEmail {
    style: Style,
    greeting: String,
    meeting_title: String,
    meeting_purpose: String,
    organiser: String,
    group_name: String,
    window: String,
    deadline: String,
    link: String,
}

#[derive(Template)]
#[template(path = "email/coordinator_link/subject.txt")]
struct LinkSubject<'a> {
    c: &'a CoordinatorEmail,
    t: Messages,
}

#[derive(Template)]
#[template(path = "email/coordinator_link/body.txt")]
struct LinkText<'a> {
    c: &'a CoordinatorEmail,
    t: Messages,
}

#[derive(Template)]
#[template(path = "email/coordinator_link/body.html")]
struct LinkHtml<'a> {
    c: &'a CoordinatorEmail,
    t: Messages,
}

#[derive(Template)]
#[template(path = "email/coordinator_reminder/subject.txt")]
struct ReminderSubject<'a> {
    c: &'a CoordinatorEmail,
    t: Messages,
}

#[derive(Template)]
#[template(path = "email/coordinator_reminder/body.txt")]
struct ReminderText<'a> {
    c: &'a CoordinatorEmail,
    t: Messages,
}

#[derive(Template)]
#[template(path = "email/coordinator_reminder/body.html")]
struct ReminderHtml<'a> {
    c: &'a CoordinatorEmail,
    t: Messages,
}

/// Renders a message of `kind` from its stored parameters. `secret` is the
/// opened personal token of the row, for kinds that carry a personal link;
/// the link is built from the configured base URL only.
pub fn render(
    kind: &str,
    language: &str,
    params_json: &str,
    secret: Option<&str>,
    settings: &Settings,
) -> Result<Rendered, MailError> {
    let language = Language::from_tag(language);
    match kind {
        kinds::COORDINATOR_LINK | kinds::COORDINATOR_REMINDER => {
            let params: CoordinatorParams =
                serde_json::from_str(params_json).map_err(|e| MailError::Params(e.to_string()))?;
            let token = secret.ok_or(MailError::MissingSecret)?;
            let c = coordinator_email(&params, language, settings.link(&format!("c/{token}")))?;
            let t = Messages::new(language);
            if kind == kinds::COORDINATOR_LINK {
                finish(
                    &LinkSubject { c: &c, t },
                    &LinkText { c: &c, t },
                    &LinkHtml { c: &c, t },
                )
            } else {
                finish(
                    &ReminderSubject { c: &c, t },
                    &ReminderText { c: &c, t },
                    &ReminderHtml { c: &c, t },
                )
            }
        }
        kinds::CONSULTATION_OUTCOME => outcome_email::render(params_json, language),
        kinds::INVITATION | kinds::INVITATION_UPDATE | kinds::INVITATION_CANCEL => {
            invitation_email::render(kind, language, params_json, secret, settings)
        }
        other => Err(MailError::UnknownKind(other.to_owned())),
    }
}

fn coordinator_email(
    params: &CoordinatorParams,
    language: Language,
    link: String,
) -> Result<CoordinatorEmail, MailError> {
    let zone = parse_zone(&params.time_zone)?;
    let deadline = parse_instant(&params.deadline_utc)?;
    Ok(CoordinatorEmail {
        style: Style::of(language),
        greeting: greeting(
            &params.recipient_name,
            language,
            "email-greeting-coordinator",
        ),
        meeting_title: params.meeting_title.clone(),
        meeting_purpose: params.meeting_purpose.trim().to_owned(),
        organiser: organiser_or_secretariat(&params.organiser, language),
        group_name: params.group_name.clone(),
        window: format::window(
            parse_day(&params.window_start)?,
            parse_day(&params.window_end)?,
            language,
        ),
        deadline: format::instant(deadline, zone, language),
        link,
    })
}

/// The IANA zone a message's times are shown in.
pub(super) fn parse_zone(name: &str) -> Result<Tz, MailError> {
    name.parse()
        .map_err(|_| MailError::Params(format!("unknown time zone {name:?}")))
}

/// A calendar day stored as `YYYY-MM-DD`.
pub(super) fn parse_day(text: &str) -> Result<NaiveDate, MailError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| MailError::Params(format!("not a date: {text:?}")))
}

/// An instant stored as RFC 3339.
pub(super) fn parse_instant(text: &str) -> Result<DateTime<Utc>, MailError> {
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| MailError::Params(format!("not an instant: {text:?}")))
}

/// The zone and the start and end of a meeting as a message's parameters
/// give them; a meeting that ends before it starts is refused rather than
/// announced.
pub(super) fn parse_span(
    zone: &str,
    start_utc: &str,
    end_utc: &str,
) -> Result<(Tz, DateTime<Utc>, DateTime<Utc>), MailError> {
    let zone = parse_zone(zone)?;
    let start = parse_instant(start_utc)?;
    let end = parse_instant(end_utc)?;
    if end <= start {
        return Err(MailError::Params(format!(
            "the meeting ends ({end_utc}) before it starts ({start_utc})"
        )));
    }
    Ok((zone, start, end))
}

/// A message is signed by its organiser, or by the Secretariat when the
/// meeting names none.
pub(super) fn organiser_or_secretariat(organiser: &str, language: Language) -> String {
    if organiser.trim().is_empty() {
        tr(language, "email-secretariat")
    } else {
        organiser.to_owned()
    }
}

/// The modalities a meeting offers: at least one, each known.
pub(super) fn parse_modalities(texts: &[String]) -> Result<Vec<Modality>, MailError> {
    let modalities = texts
        .iter()
        .map(|text| {
            Modality::parse(text)
                .ok_or_else(|| MailError::Params(format!("unknown modality {text:?}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if modalities.is_empty() {
        return Err(MailError::Params("no modality offered".into()));
    }
    Ok(modalities)
}

/// A modality as invitations name it; the reply page names it the same way.
pub fn modality_label(modality: Modality, language: Language) -> String {
    tr(
        language,
        match modality {
            Modality::InPerson => "modality-in-person",
            Modality::Hybrid => "modality-hybrid",
            Modality::Virtual => "modality-virtual",
        },
    )
}

/// The salutation: by name when the recipient has one, else the formal
/// one of `unnamed_id` (to a coordinator, or to anyone).
pub(super) fn greeting(name: &str, language: Language, unnamed_id: &str) -> String {
    match name.trim() {
        "" => tr(language, unnamed_id),
        name => tr_args(language, "email-greeting-named", &[("name", name.into())]),
    }
}

/// Inline styles that follow the direction of the language: email clients
/// drop style sheets and many ignore `text-align: start`, so the side a
/// label stands on is spelt out.
#[derive(Debug, Clone, Copy)]
pub(super) struct Style {
    /// A label (`th`) in a table of details.
    pub(super) th: &'static str,
    /// A list inside a table cell.
    pub(super) list: &'static str,
}

impl Style {
    pub(super) fn of(language: Language) -> Style {
        if language.is_rtl() {
            Style {
                th: "text-align: right; vertical-align: top; padding: 2px 0 2px 12px;",
                list: "margin: 0; padding-right: 1.2em; padding-left: 0;",
            }
        } else {
            Style {
                th: "text-align: left; vertical-align: top; padding: 2px 12px 2px 0;",
                list: "margin: 0; padding-left: 1.2em;",
            }
        }
    }
}

pub(super) fn finish(
    subject: &impl Template,
    text: &impl Template,
    html: &impl Template,
) -> Result<Rendered, MailError> {
    let render = |t: &dyn DynRender| t.render_text().map_err(MailError::Template);
    Ok(Rendered {
        // A subject is one line whatever the template's line breaks, and
        // carries no invisible isolation marks (see `i18n`): clients sort,
        // search and thread by it.
        subject: strip_isolation(&render(subject)?)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        text: render(text)?,
        html: render(html)?,
    })
}

/// Lets `finish` treat the three templates alike.
trait DynRender {
    fn render_text(&self) -> Result<String, askama::Error>;
}

impl<T: Template> DynRender for T {
    fn render_text(&self) -> Result<String, askama::Error> {
        self.render()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RawSettings;

    fn settings() -> Settings {
        Settings::from_raw(&RawSettings {
            base_url: Some("https://convene.example.org/".into()),
            ..RawSettings::default()
        })
        .expect("valid settings")
    }

    fn params() -> String {
        serde_json::to_string(&CoordinatorParams {
            meeting_title: "Informal consultation on <genetic resources>".into(),
            meeting_purpose: "To agree on the dates of the next session.".into(),
            organiser: "WIPO Secretariat".into(),
            group_name: "Group B".into(),
            recipient_name: "Ana Pérez".into(),
            time_zone: "Europe/Zurich".into(),
            window_start: "2027-03-01".into(),
            window_end: "2027-03-12".into(),
            deadline_utc: "2027-01-15T17:00:00Z".into(),
        })
        .expect("JSON")
    }

    #[test]
    fn every_kind_renders_in_every_language_with_the_link_and_the_zone() {
        let link = "https://convene.example.org/c/tok3n";
        let expectations = [
            (
                "en",
                "personal: please do not forward it",
                "Friday, 15 January 2027",
            ),
            (
                "fr",
                "merci de ne pas le transférer",
                "vendredi 15 janvier 2027",
            ),
            (
                "es",
                "le rogamos que no lo reenvíe",
                "viernes, 15 de enero de 2027",
            ),
        ];
        for kind in [kinds::COORDINATOR_LINK, kinds::COORDINATOR_REMINDER] {
            for (language, personal, deadline) in expectations {
                let r = render(kind, language, &params(), Some("tok3n"), &settings())
                    .unwrap_or_else(|e| panic!("{kind} {language}: {e}"));
                for body in [&r.text, &r.html] {
                    assert!(body.contains(link), "{kind} {language} link:\n{body}");
                    assert!(body.contains("Europe/Zurich"), "{kind} {language} zone");
                    assert!(body.contains("CET"), "{kind} {language} abbreviation");
                    assert!(body.contains("17:00 UTC"), "{kind} {language} UTC");
                    assert!(body.contains(personal), "{kind} {language} personal line");
                    assert!(body.contains(deadline), "{kind} {language} deadline");
                    assert!(body.contains("Group B"));
                }
                assert!(r.subject.contains("Group B"), "{}", r.subject);
                assert!(!r.subject.contains('\n'));
                assert!(
                    r.text.contains("<genetic resources>"),
                    "text is not escaped"
                );
                assert!(
                    r.html.contains("&#60;genetic resources&#62;")
                        || r.html.contains("&lt;genetic resources&gt;")
                );
                assert!(r.html.contains(&format!("lang=\"{language}\"")));
            }
        }
    }

    #[test]
    fn a_language_without_a_translation_falls_back_to_english() {
        let german = render(
            kinds::COORDINATOR_LINK,
            "de",
            &params(),
            Some("t"),
            &settings(),
        )
        .expect("renders");
        let english = render(
            kinds::COORDINATOR_LINK,
            "en",
            &params(),
            Some("t"),
            &settings(),
        )
        .expect("renders");
        assert_eq!(german, english);
        assert!(german.subject.starts_with("Consultation on the timing of"));
    }

    #[test]
    fn a_personal_kind_without_its_secret_is_not_rendered() {
        assert!(matches!(
            render(kinds::COORDINATOR_LINK, "en", &params(), None, &settings()),
            Err(MailError::MissingSecret)
        ));
        assert!(matches!(
            render("nonsense", "en", "{}", None, &settings()),
            Err(MailError::UnknownKind(_))
        ));
    }

    fn outcome_params() -> serde_json::Value {
        serde_json::to_value(kinds::OutcomeParams {
            meeting_title: "Informal consultation on <genetic resources>".into(),
            meeting_purpose: "To agree on the dates of the next session.".into(),
            organiser: "WIPO Secretariat".into(),
            group_name: "Group B".into(),
            recipient_name: "Ana Pérez".into(),
            time_zone: "Europe/Zurich".into(),
            start_utc: "2027-03-01T09:00:00Z".into(),
            end_utc: "2027-03-02T17:00:00Z".into(),
            days: vec!["2027-03-01".into(), "2027-03-02".into()],
            modalities: vec!["in_person".into(), "hybrid".into()],
        })
        .expect("JSON")
    }

    fn render_outcome(language: &str, params: &serde_json::Value) -> Result<Rendered, MailError> {
        render(
            kinds::CONSULTATION_OUTCOME,
            language,
            &params.to_string(),
            None,
            &settings(),
        )
    }

    #[test]
    fn the_outcome_renders_in_every_language_with_the_dates_in_the_zone_and_in_utc() {
        let expectations = [
            (
                "en",
                [
                    "Monday, 1 March 2027 at 10:00 CET (Europe/Zurich), that is \
                     Monday, 1 March 2027 at 09:00 UTC",
                    "Tuesday, 2 March 2027 at 18:00 CET (Europe/Zurich), that is \
                     Tuesday, 2 March 2027 at 17:00 UTC",
                    "Hybrid (in person and online)",
                    "Formal invitations to all Member States and organisations will follow",
                ],
            ),
            (
                "fr",
                [
                    "lundi 1 mars 2027 à 10:00 CET (Europe/Zurich), soit le \
                     lundi 1 mars 2027 à 09:00 UTC",
                    "mardi 2 mars 2027 à 18:00 CET (Europe/Zurich), soit le \
                     mardi 2 mars 2027 à 17:00 UTC",
                    "Hybride (en présentiel et en ligne)",
                    "adressées à l'ensemble des États membres et des organisations",
                ],
            ),
            (
                "es",
                [
                    "lunes, 1 de marzo de 2027 a las 10:00 CET (Europe/Zurich), es decir, el \
                     lunes, 1 de marzo de 2027 a las 09:00 UTC",
                    "martes, 2 de marzo de 2027 a las 18:00 CET (Europe/Zurich), es decir, el \
                     martes, 2 de marzo de 2027 a las 17:00 UTC",
                    "Híbrida (presencial y en línea)",
                    "invitaciones oficiales a todos los Estados miembros y organizaciones",
                ],
            ),
        ];
        for (language, phrases) in expectations {
            let r = render_outcome(language, &outcome_params())
                .unwrap_or_else(|e| panic!("{language}: {e}"));
            // The HTML escapes the apostrophes of the messages.
            let html = r.html.replace("&#39;", "'");
            for body in [&r.text, &html] {
                for phrase in phrases {
                    assert!(body.contains(phrase), "{language} {phrase:?}:\n{body}");
                }
                assert!(body.contains("Group B"), "{language} group");
                assert!(!body.contains("/c/"), "{language} carries a link:\n{body}");
                assert!(!body.contains("{{") && !body.contains("{%"));
            }
            assert!(r.subject.contains("Group B"), "{}", r.subject);
            assert!(!r.subject.contains('\n'));
            assert!(
                r.text.contains("<genetic resources>"),
                "text is not escaped"
            );
            assert!(
                r.html.contains("&#60;genetic resources&#62;")
                    || r.html.contains("&lt;genetic resources&gt;")
            );
            assert!(r.html.contains(&format!("lang=\"{language}\"")));
        }
    }

    #[test]
    fn a_one_day_outcome_names_its_single_date_and_modality() {
        let mut params = outcome_params();
        params["end_utc"] = "2027-03-01T17:00:00Z".into();
        params["days"] = serde_json::json!(["2027-03-01"]);
        params["modalities"] = serde_json::json!(["virtual"]);
        let r = render_outcome("en", &params).expect("renders");
        assert!(
            r.text.contains("\nDate: Monday, 1 March 2027\n"),
            "{}",
            r.text
        );
        assert!(r.text.contains("\nModality: Virtual (online only)\n"));
        assert!(!r.text.contains("Tuesday"));
    }

    #[test]
    fn an_outcome_in_a_language_without_a_translation_is_english() {
        let german = render_outcome("de", &outcome_params()).expect("renders");
        assert_eq!(
            german,
            render_outcome("en", &outcome_params()).expect("renders")
        );
        assert!(
            german
                .subject
                .starts_with("Outcome of the consultation on the timing of")
        );
    }

    #[test]
    fn an_outcome_with_a_missing_or_invalid_parameter_is_an_error() {
        let broken: [(&str, serde_json::Value); 9] = [
            ("time_zone", "Europe/Atlantis".into()),
            ("start_utc", "2027-03-01 09:00".into()),
            ("end_utc", "2027-03-01T08:00:00Z".into()),
            ("days", serde_json::json!([])),
            ("days", serde_json::json!(["2027-03-01", "2 March 2027"])),
            ("days", serde_json::json!(["2027-03-02", "2027-03-01"])),
            ("days", serde_json::json!(["2027-03-01", "2027-03-03"])),
            ("modalities", serde_json::json!([])),
            (
                "modalities",
                serde_json::json!(["in_person", "by carrier pigeon"]),
            ),
        ];
        for (field, value) in broken {
            let mut params = outcome_params();
            params[field] = value.clone();
            assert!(
                matches!(render_outcome("fr", &params), Err(MailError::Params(_))),
                "{field} = {value}"
            );
        }
        for field in ["start_utc", "days", "group_name"] {
            let mut params = outcome_params();
            params.as_object_mut().expect("object").remove(field);
            assert!(
                matches!(render_outcome("es", &params), Err(MailError::Params(_))),
                "without {field}"
            );
        }
        assert!(matches!(
            render(
                kinds::CONSULTATION_OUTCOME,
                "en",
                "not JSON",
                None,
                &settings()
            ),
            Err(MailError::Params(_))
        ));
    }
}
