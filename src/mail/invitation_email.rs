//! The invitation emails (first invitation, update, cancellation) from their
//! stored parameters, checked once into an [`Invitation`] from which both the
//! message and its calendar file are made.

use askama::Template;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::MailError;
use super::kinds::{self, DayParams, InvitationParams};
use super::render::{
    Rendered, Style, finish, greeting, modality_label, organiser_or_secretariat, parse_instant,
    parse_span,
};
use crate::config::Settings;
use crate::domain::ical::{Method, Span};
use crate::domain::meeting::Modality;
use crate::i18n::{Language, Messages, format, strip_isolation, tr_args};

/// Which of the three invitation messages a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Version {
    Invitation,
    Update,
    Cancel,
}

impl Version {
    fn from_kind(kind: &str) -> Option<Version> {
        match kind {
            kinds::INVITATION => Some(Version::Invitation),
            kinds::INVITATION_UPDATE => Some(Version::Update),
            kinds::INVITATION_CANCEL => Some(Version::Cancel),
            _ => None,
        }
    }

    pub(super) fn method(self) -> Method {
        match self {
            Version::Invitation | Version::Update => Method::Request,
            Version::Cancel => Method::Cancel,
        }
    }
}

/// Whether `kind` is one of the invitation kinds.
pub(super) fn is_invitation(kind: &str) -> bool {
    Version::from_kind(kind).is_some()
}

/// An invitation row's parameters once checked: the times hold together, the
/// zone and the modality are known, and the reply link is there when the kind
/// carries one.
#[derive(Debug, Clone)]
pub(super) struct Invitation {
    pub(super) version: Version,
    pub(super) params: InvitationParams,
    pub(super) zone: Tz,
    pub(super) start: DateTime<Utc>,
    pub(super) end: DateTime<Utc>,
    pub(super) stamp: DateTime<Utc>,
    pub(super) sequence: u32,
    /// The days the meeting sits, when they are not one unbroken run; the
    /// first starts at `start` and the last ends at `end`.
    pub(super) days: Vec<Span>,
    /// The modality decided; `None` only in rows queued before the decision
    /// was part of approval.
    pub(super) modality: Option<Modality>,
    /// The personal reply link; `None` for a cancellation, which has none.
    pub(super) link: Option<String>,
}

impl Invitation {
    /// Checks a row of an invitation kind. `secret` is the row's opened
    /// token: required for the invitation and its update, ignored for a
    /// cancellation.
    pub(super) fn parse(
        kind: &str,
        params_json: &str,
        secret: Option<&str>,
        settings: &Settings,
    ) -> Result<Invitation, MailError> {
        let version =
            Version::from_kind(kind).ok_or_else(|| MailError::UnknownKind(kind.to_owned()))?;
        let params: InvitationParams =
            serde_json::from_str(params_json).map_err(|e| MailError::Params(e.to_string()))?;
        let (zone, start, end) = parse_span(&params.time_zone, &params.start_utc, &params.end_utc)?;
        let stamp = parse_instant(&params.stamp_utc)?;
        let sequence = u32::try_from(params.sequence)
            .map_err(|_| MailError::Params(format!("negative sequence {}", params.sequence)))?;
        if params.ical_uid.trim().is_empty() {
            return Err(MailError::Params("no calendar UID".into()));
        }
        let modality = match params.modality.trim() {
            "" => None,
            text => Some(
                Modality::parse(text)
                    .ok_or_else(|| MailError::Params(format!("unknown modality {text:?}")))?,
            ),
        };
        let days = parse_days(&params.days, start, end)?;
        let remote_link = params.remote_link.trim();
        if !remote_link.is_empty() && !crate::domain::decision::is_web_link(remote_link) {
            return Err(MailError::Params(format!(
                "remote link {remote_link:?} is not a web address"
            )));
        }
        let link = match version {
            Version::Cancel => None,
            Version::Invitation | Version::Update => {
                let token = secret.ok_or(MailError::MissingSecret)?;
                Some(settings.link(&format!("i/{token}")))
            }
        };
        Ok(Invitation {
            version,
            params,
            zone,
            start,
            end,
            stamp,
            sequence,
            days,
            modality,
            link,
        })
    }

    /// The subject, text and HTML in `language`.
    pub(super) fn email(&self, language: Language) -> Result<Rendered, MailError> {
        let c = self.view(language);
        let t = Messages::new(language);
        match self.version {
            Version::Invitation => finish(
                &InvitationSubject { c: &c, t },
                &InvitationText { c: &c, t },
                &InvitationHtml { c: &c, t },
            ),
            Version::Update => finish(
                &UpdateSubject { c: &c, t },
                &UpdateText { c: &c, t },
                &UpdateHtml { c: &c, t },
            ),
            Version::Cancel => finish(
                &CancelSubject { c: &c, t },
                &CancelText { c: &c, t },
                &CancelHtml { c: &c, t },
            ),
        }
    }

    /// Where to join remotely, if the meeting has such a link. Every
    /// version states it with the venue, a cancellation too (it describes
    /// the meeting that will not take place).
    pub(super) fn remote_link(&self) -> Option<&str> {
        Some(self.params.remote_link.trim()).filter(|link| !link.is_empty())
    }

    /// The link a calendar should offer for joining: none once cancelled.
    pub(super) fn link_to_join(&self) -> Option<&str> {
        self.remote_link()
            .filter(|_| self.version != Version::Cancel)
    }

    /// The calendar entry's title: the meeting's, marked as cancelled in
    /// `language` once it is. No isolation marks: calendar programs show
    /// them as boxes (see `i18n`).
    pub(super) fn calendar_summary(&self, language: Language) -> String {
        let title = self.params.meeting_title.as_str();
        match self.version {
            Version::Cancel => strip_isolation(&tr_args(
                language,
                "calendar-summary-cancelled",
                &[("title", title.into())],
            )),
            Version::Invitation | Version::Update => title.to_owned(),
        }
    }

    /// The calendar entry's description: for a cancellation its reason, then
    /// the purpose, where to join remotely, and the personal reply link, each
    /// labelled in `language`, without isolation marks.
    pub(super) fn calendar_description(&self, language: Language) -> String {
        let p = &self.params;
        let line = |id: &str, name: &str, value: &str| {
            strip_isolation(&tr_args(language, id, &[(name, value.into())]))
        };
        let mut parts = Vec::new();
        if self.version == Version::Cancel && !p.change_note.trim().is_empty() {
            parts.push(line("calendar-reason", "reason", p.change_note.trim()));
        }
        parts.push(p.meeting_purpose.trim().to_owned());
        // A cancelled meeting is not to be joined: its calendar text says
        // why it is cancelled instead.
        if let Some(link) = self
            .remote_link()
            .filter(|_| self.version != Version::Cancel)
        {
            parts.push(line("calendar-join", "link", link));
        }
        if let Some(link) = &self.link {
            parts.push(line("calendar-reply", "link", link));
        }
        parts.retain(|part| !part.is_empty());
        parts.join("\n\n")
    }

    fn view(&self, language: Language) -> InvitationEmail {
        let p = &self.params;
        let recipient_name = p.recipient_name.trim().to_owned();
        let invitee_name = p.invitee_name.trim();
        // A guest invited in their own name is not invited "on behalf of" themself.
        let on_behalf_of = if invitee_name.to_lowercase() == recipient_name.to_lowercase() {
            String::new()
        } else {
            invitee_name.to_owned()
        };
        let (intro_id, on_behalf_id) = match self.version {
            Version::Invitation => ("invitation-intro", "invitation-intro-on-behalf"),
            Version::Update => ("update-intro", "update-intro-on-behalf"),
            Version::Cancel => ("cancel-intro", "cancel-intro-on-behalf"),
        };
        let intro = if on_behalf_of.is_empty() {
            crate::i18n::tr(language, intro_id)
        } else {
            tr_args(
                language,
                on_behalf_id,
                &[("invitee", on_behalf_of.as_str().into())],
            )
        };
        InvitationEmail {
            style: Style::of(language),
            greeting: greeting(&recipient_name, language, "email-greeting-formal"),
            intro,
            meeting_title: p.meeting_title.clone(),
            meeting_purpose: p.meeting_purpose.trim().to_owned(),
            organiser: organiser_or_secretariat(&p.organiser, language),
            start: format::instant(self.start, self.zone, language),
            end: format::instant(self.end, self.zone, language),
            days: self
                .days
                .iter()
                .map(|&(start, end)| format::sitting(start, end, self.zone, language))
                .collect(),
            modality: self.modality.map(|m| modality_label(m, language)),
            venue: p.venue.trim().to_owned(),
            remote_link: self.remote_link().unwrap_or_default().to_owned(),
            link: self.link.clone().unwrap_or_default(),
            change_note: p.change_note.trim().to_owned(),
        }
    }
}

/// Checks the meeting days: each ends after it starts, they run in order
/// without overlapping, the first starts at `start` and the last ends at
/// `end`, so the list never contradicts the span stated beside it.
fn parse_days(
    days: &[DayParams],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<Span>, MailError> {
    let parsed = days
        .iter()
        .map(|d| Ok((parse_instant(&d.start_utc)?, parse_instant(&d.end_utc)?)))
        .collect::<Result<Vec<_>, MailError>>()?;
    let ordered =
        parsed.iter().all(|(s, e)| s < e) && parsed.windows(2).all(|pair| pair[0].1 < pair[1].0);
    let bounded = match (parsed.first(), parsed.last()) {
        (Some(first), Some(last)) => first.0 == start && last.1 == end,
        _ => true,
    };
    if ordered && bounded {
        Ok(parsed)
    } else {
        Err(MailError::Params(
            "the meeting days do not run in order from the start to the end".into(),
        ))
    }
}

/// Renders a message of one of the invitation kinds.
pub(super) fn render(
    kind: &str,
    language: Language,
    params_json: &str,
    secret: Option<&str>,
    settings: &Settings,
) -> Result<Rendered, MailError> {
    Invitation::parse(kind, params_json, secret, settings)?.email(language)
}

/// What the invitation templates show, already formatted for the language.
struct InvitationEmail {
    style: Style,
    greeting: String,
    /// The opening sentence, which names whom the recipient is invited for
    /// unless they come in their own name.
    intro: String,
    meeting_title: String,
    meeting_purpose: String,
    organiser: String,
    /// Start and end, each in the meeting's zone and in UTC.
    start: String,
    end: String,
    /// Each day the meeting sits with its hours, when the meeting skips
    /// days between its start and end; empty otherwise.
    days: Vec<String>,
    /// The modality decided, as a label.
    modality: Option<String>,
    venue: String,
    /// Where to join remotely; empty for a meeting in person.
    remote_link: String,
    /// The personal reply link; empty in a cancellation.
    link: String,
    change_note: String,
}

macro_rules! templates {
    ($($name:ident => $path:literal),* $(,)?) => {$(
        #[derive(Template)]
        #[template(path = $path)]
        struct $name<'a> {
            c: &'a InvitationEmail,
            t: Messages,
        }
    )*};
}

templates! {
    InvitationSubject => "email/invitation/subject.txt",
    InvitationText => "email/invitation/body.txt",
    InvitationHtml => "email/invitation/body.html",
    UpdateSubject => "email/invitation_update/subject.txt",
    UpdateText => "email/invitation_update/body.txt",
    UpdateHtml => "email/invitation_update/body.html",
    CancelSubject => "email/invitation_cancel/subject.txt",
    CancelText => "email/invitation_cancel/body.txt",
    CancelHtml => "email/invitation_cancel/body.html",
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RawSettings;
    use crate::mail::render::render as render_kind;

    const KINDS: [&str; 3] = [
        kinds::INVITATION,
        kinds::INVITATION_UPDATE,
        kinds::INVITATION_CANCEL,
    ];

    fn settings() -> Settings {
        Settings::from_raw(&RawSettings {
            base_url: Some("https://convene.example.org/".into()),
            ..RawSettings::default()
        })
        .expect("valid settings")
    }

    fn params() -> serde_json::Value {
        serde_json::to_value(InvitationParams {
            meeting_title: "Informal consultation on <genetic resources>".into(),
            meeting_purpose: "To agree on the dates of the next session.".into(),
            organiser: "WIPO Secretariat".into(),
            recipient_name: "Ana Pérez".into(),
            recipient_email: "ana@mission.example".into(),
            invitee_name: "Switzerland".into(),
            time_zone: "Europe/Zurich".into(),
            start_utc: "2027-03-01T09:00:00Z".into(),
            end_utc: "2027-03-02T17:00:00Z".into(),
            days: Vec::new(),
            modality: "hybrid".into(),
            venue: "Room A & B, WIPO headquarters".into(),
            remote_link: "https://meet.example.org/wipo?room=42&lang=en".into(),
            ical_uid: "meeting-42@convene.example.org".into(),
            sequence: 1,
            stamp_utc: "2027-01-20T08:15:00Z".into(),
            change_note: "The meeting now starts on Monday.".into(),
        })
        .expect("JSON")
    }

    fn render(
        kind: &str,
        language: &str,
        params: &serde_json::Value,
    ) -> Result<Rendered, MailError> {
        render_kind(
            kind,
            language,
            &params.to_string(),
            Some("tok3n"),
            &settings(),
        )
    }

    /// Per language: start and end in the zone and in UTC, the invitee
    /// phrase, the personal-link line, the modality and the venue labels.
    const EXPECTATIONS: [(&str, [&str; 6]); 3] = [
        (
            "en",
            [
                "Monday, 1 March 2027 at 10:00 CET (Europe/Zurich), that is \
                 Monday, 1 March 2027 at 09:00 UTC",
                "Tuesday, 2 March 2027 at 18:00 CET (Europe/Zurich), that is \
                 Tuesday, 2 March 2027 at 17:00 UTC",
                "on behalf of Switzerland",
                "Hybrid (in person and online)",
                "Venue",
                "Dear Ana Pérez,",
            ],
        ),
        (
            "fr",
            [
                "lundi 1 mars 2027 à 10:00 CET (Europe/Zurich), soit le \
                 lundi 1 mars 2027 à 09:00 UTC",
                "mardi 2 mars 2027 à 18:00 CET (Europe/Zurich), soit le \
                 mardi 2 mars 2027 à 17:00 UTC",
                "au nom de la délégation que vous représentez (Switzerland)",
                "Hybride (en présentiel et en ligne)",
                "Lieu",
                "Madame, Monsieur,",
            ],
        ),
        (
            "es",
            [
                "lunes, 1 de marzo de 2027 a las 10:00 CET (Europe/Zurich), es decir, el \
                 lunes, 1 de marzo de 2027 a las 09:00 UTC",
                "martes, 2 de marzo de 2027 a las 18:00 CET (Europe/Zurich), es decir, el \
                 martes, 2 de marzo de 2027 a las 17:00 UTC",
                "en nombre de la delegación que representa (Switzerland)",
                "Híbrida (presencial y en línea)",
                "Lugar",
                "Estimado/a Ana Pérez:",
            ],
        ),
    ];

    fn personal_line(language: &str) -> &'static str {
        match language {
            "fr" => "Ce lien vous est personnel : merci de ne pas le transférer.",
            "es" => "Este enlace es personal: le rogamos que no lo reenvíe.",
            _ => "This link is personal: please do not forward it.",
        }
    }

    #[test]
    fn every_invitation_kind_renders_in_every_language() {
        let link = "https://convene.example.org/i/tok3n";
        for kind in KINDS {
            let carries_link = kind != kinds::INVITATION_CANCEL;
            for (language, phrases) in EXPECTATIONS {
                let r = render(kind, language, &params())
                    .unwrap_or_else(|e| panic!("{kind} {language}: {e}"));
                for body in [&r.text, &r.html] {
                    for phrase in phrases {
                        assert!(
                            body.contains(phrase),
                            "{kind} {language} {phrase:?}:\n{body}"
                        );
                    }
                    assert!(
                        body.contains("invite.ics"),
                        "{kind} {language} calendar line"
                    );
                    assert!(
                        body.contains("WIPO Secretariat"),
                        "{kind} {language} signature"
                    );
                    assert_eq!(body.contains(link), carries_link, "{kind} {language} link");
                    assert_eq!(body.contains("/i/"), carries_link, "{kind} {language} /i/");
                    assert_eq!(
                        body.contains(personal_line(language)),
                        carries_link,
                        "{kind} {language} personal line"
                    );
                    assert!(!body.contains("{{") && !body.contains("{%"));
                }
                assert!(r.subject.contains("<genetic resources>"), "{}", r.subject);
                assert!(!r.subject.contains('\n'));
                assert!(
                    r.text.contains("<genetic resources>"),
                    "text is not escaped"
                );
                assert!(r.text.contains("Room A & B"), "text is not escaped");
                assert!(r.html.contains("&#60;genetic resources&#62;"), "{}", r.html);
                assert!(r.html.contains("Room A &#38; B"), "{}", r.html);
                assert!(!r.html.contains("<genetic"));
                assert!(r.html.contains(&format!("lang=\"{language}\"")));
            }
        }
    }

    #[test]
    fn each_kind_says_what_it_is() {
        let says: [(&str, &str, &[&str]); 9] = [
            (
                kinds::INVITATION,
                "en",
                &["Invitation: ", "We have the honour to invite you"],
            ),
            (
                kinds::INVITATION,
                "fr",
                &[
                    "Invitation à la réunion",
                    "Nous avons l'honneur de vous inviter",
                ],
            ),
            (
                kinds::INVITATION,
                "es",
                &["Invitación a la reunión", "Tenemos el honor de invitarle"],
            ),
            (
                kinds::INVITATION_UPDATE,
                "en",
                &[
                    "Updated invitation: ",
                    "replaces the earlier invitation",
                    "What has changed: The meeting now starts on Monday.",
                ],
            ),
            (
                kinds::INVITATION_UPDATE,
                "fr",
                &[
                    "Invitation modifiée",
                    "remplace l'invitation précédente",
                    "Nature de la modification",
                ],
            ),
            (
                kinds::INVITATION_UPDATE,
                "es",
                &[
                    "Invitación modificada",
                    "sustituye a la invitación anterior",
                    "Cambios introducidos",
                ],
            ),
            (
                kinds::INVITATION_CANCEL,
                "en",
                &[
                    "Cancelled: ",
                    "has been cancelled",
                    "removes the meeting from your calendar",
                ],
            ),
            (
                kinds::INVITATION_CANCEL,
                "fr",
                &[
                    "Annulation de la réunion",
                    "est annulée",
                    "retire la réunion de votre agenda",
                ],
            ),
            (
                kinds::INVITATION_CANCEL,
                "es",
                &[
                    "Cancelación de la reunión",
                    "ha sido cancelada",
                    "elimina la reunión de su calendario",
                ],
            ),
        ];
        for (kind, language, phrases) in says {
            let r = render(kind, language, &params()).expect("renders");
            let all = format!("{}\n{}\n{}", r.subject, r.text, r.html);
            for phrase in phrases {
                assert!(all.contains(phrase), "{kind} {language} {phrase:?}:\n{all}");
            }
        }
    }

    #[test]
    fn an_update_without_a_note_says_only_that_it_replaces_the_invitation() {
        let mut p = params();
        p.as_object_mut().expect("object").remove("change_note");
        let r = render(kinds::INVITATION_UPDATE, "en", &p).expect("renders");
        assert!(!r.text.contains("What has changed"));
        assert!(!r.html.contains("What has changed"));
        assert!(
            r.text
                .contains("This message replaces the earlier invitation;")
        );
        assert!(r.text.contains("now apply.\n\nMeeting: "), "{}", r.text);
    }

    #[test]
    fn a_guest_in_their_own_name_is_not_invited_on_behalf_of_themself() {
        let mut p = params();
        p["invitee_name"] = "ana pérez".into();
        p["recipient_name"] = "".into();
        p["venue"] = "".into();
        p["modality"] = "virtual".into();
        let r = render(kinds::INVITATION, "en", &p).expect("renders");
        assert!(
            r.text.contains("on behalf of ana pérez"),
            "no recipient name to match"
        );
        p["recipient_name"] = "Ana Pérez".into();
        for (language, absent) in [
            ("en", "on behalf of"),
            ("fr", "au nom de"),
            ("es", "en nombre de"),
        ] {
            let r = render(kinds::INVITATION, language, &p).expect("renders");
            assert!(!r.text.contains(absent), "{language}:\n{}", r.text);
            assert!(!r.html.contains(absent), "{language}");
        }
        let r = render(kinds::INVITATION, "en", &p).expect("renders");
        assert!(
            r.text
                .contains("\nModality: Virtual (online only)\nJoin online: "),
            "{}",
            r.text
        );
        assert!(!r.text.contains("Venue"));
        assert!(!r.html.contains("Venue"));
    }

    #[test]
    fn a_recipient_without_a_name_is_greeted_formally() {
        let mut p = params();
        p["recipient_name"] = " ".into();
        let english = render(kinds::INVITATION, "en", &p).expect("renders");
        assert!(english.text.starts_with("Dear Sir or Madam,\n"));
        let spanish = render(kinds::INVITATION, "es", &p).expect("renders");
        assert!(spanish.text.starts_with("Estimado/a señor/a:\n"));
    }

    #[test]
    fn a_language_without_a_translation_is_english() {
        for kind in KINDS {
            let german = render(kind, "de-CH", &params()).expect("renders");
            assert_eq!(german, render(kind, "en", &params()).expect("renders"));
            assert!(german.html.contains("lang=\"en\""));
        }
    }

    #[test]
    fn the_invitation_and_its_update_need_their_secret_and_the_cancellation_none() {
        for kind in [kinds::INVITATION, kinds::INVITATION_UPDATE] {
            assert!(matches!(
                render_kind(kind, "en", &params().to_string(), None, &settings()),
                Err(MailError::MissingSecret)
            ));
        }
        let cancel = render_kind(
            kinds::INVITATION_CANCEL,
            "en",
            &params().to_string(),
            None,
            &settings(),
        )
        .expect("a cancellation carries no link");
        assert!(!cancel.text.contains("/i/"));
    }

    #[test]
    fn invalid_parameters_are_an_error() {
        let broken: [(&str, serde_json::Value); 11] = [
            ("time_zone", "Europe/Atlantis".into()),
            ("start_utc", "2027-03-01 09:00".into()),
            ("end_utc", "2027-03-01T08:00:00Z".into()),
            ("end_utc", "2027-03-01T09:00:00Z".into()),
            ("stamp_utc", "yesterday".into()),
            ("modality", "by carrier pigeon".into()),
            ("remote_link", "javascript:alert(1)".into()),
            ("sequence", (-1).into()),
            ("sequence", "one".into()),
            ("ical_uid", " ".into()),
            ("meeting_title", serde_json::Value::Null),
        ];
        for kind in KINDS {
            for (field, value) in &broken {
                let mut p = params();
                p[*field] = value.clone();
                assert!(
                    matches!(render(kind, "fr", &p), Err(MailError::Params(_))),
                    "{kind}: {field} = {value}"
                );
            }
            for field in ["start_utc", "ical_uid", "invitee_name"] {
                let mut p = params();
                p.as_object_mut().expect("object").remove(field);
                assert!(
                    matches!(render(kind, "es", &p), Err(MailError::Params(_))),
                    "{kind}: without {field}"
                );
            }
            assert!(matches!(
                render_kind(kind, "en", "not JSON", Some("t"), &settings()),
                Err(MailError::Params(_))
            ));
        }
    }
}
