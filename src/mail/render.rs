//! Renders one message of a kind, for one recipient, in their language: the
//! subject, the plain-text body and the HTML body, from the templates under
//! `templates/email/<kind>/` (English where a language has no translation).

use askama::Template;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::MailError;
use super::format::{self, Language};
use super::kinds::{self, CoordinatorParams};
use crate::config::Settings;

/// A message ready to be put into an envelope.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// What the coordinator templates show, already formatted for the language.
struct CoordinatorEmail {
    lang: &'static str,
    recipient_name: String,
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
}

#[derive(Template)]
#[template(path = "email/coordinator_link/body.txt")]
struct LinkText<'a> {
    c: &'a CoordinatorEmail,
}

#[derive(Template)]
#[template(path = "email/coordinator_link/body.html")]
struct LinkHtml<'a> {
    c: &'a CoordinatorEmail,
}

#[derive(Template)]
#[template(path = "email/coordinator_reminder/subject.txt")]
struct ReminderSubject<'a> {
    c: &'a CoordinatorEmail,
}

#[derive(Template)]
#[template(path = "email/coordinator_reminder/body.txt")]
struct ReminderText<'a> {
    c: &'a CoordinatorEmail,
}

#[derive(Template)]
#[template(path = "email/coordinator_reminder/body.html")]
struct ReminderHtml<'a> {
    c: &'a CoordinatorEmail,
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
            if kind == kinds::COORDINATOR_LINK {
                finish(
                    &LinkSubject { c: &c },
                    &LinkText { c: &c },
                    &LinkHtml { c: &c },
                )
            } else {
                finish(
                    &ReminderSubject { c: &c },
                    &ReminderText { c: &c },
                    &ReminderHtml { c: &c },
                )
            }
        }
        other => Err(MailError::UnknownKind(other.to_owned())),
    }
}

fn coordinator_email(
    params: &CoordinatorParams,
    language: Language,
    link: String,
) -> Result<CoordinatorEmail, MailError> {
    let zone: Tz = params
        .time_zone
        .parse()
        .map_err(|_| MailError::Params(format!("unknown time zone {:?}", params.time_zone)))?;
    let day = |text: &str| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| MailError::Params(format!("not a date: {text:?}")))
    };
    let deadline: DateTime<Utc> = DateTime::parse_from_rfc3339(&params.deadline_utc)
        .map_err(|_| MailError::Params(format!("not an instant: {:?}", params.deadline_utc)))?
        .with_timezone(&Utc);
    let organiser = if params.organiser.trim().is_empty() {
        match language {
            Language::En => "The Secretariat",
            Language::Fr => "Le Secrétariat",
            Language::Es => "La Secretaría",
        }
        .to_owned()
    } else {
        params.organiser.clone()
    };
    Ok(CoordinatorEmail {
        lang: language.tag(),
        recipient_name: params.recipient_name.trim().to_owned(),
        meeting_title: params.meeting_title.clone(),
        meeting_purpose: params.meeting_purpose.trim().to_owned(),
        organiser,
        group_name: params.group_name.clone(),
        window: format::window(
            day(&params.window_start)?,
            day(&params.window_end)?,
            language,
        ),
        deadline: format::instant(deadline, zone, language),
        link,
    })
}

fn finish(
    subject: &impl Template,
    text: &impl Template,
    html: &impl Template,
) -> Result<Rendered, MailError> {
    let render = |t: &dyn DynRender| t.render_text().map_err(MailError::Template);
    Ok(Rendered {
        // A subject is one line whatever the template's line breaks.
        subject: render(subject)?
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
                "Friday 15 January 2027",
            ),
            (
                "fr",
                "merci de ne pas le transférer",
                "vendredi 15 janvier 2027",
            ),
            (
                "es",
                "le rogamos que no lo reenvíe",
                "viernes 15 de enero de 2027",
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
                    assert!(body.contains("17:00 UTC") || body.contains("17 h 00 UTC"));
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
}
