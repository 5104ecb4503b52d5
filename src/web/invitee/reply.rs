//! The reply page: the invitation as the invitee needs it (what, when in the
//! host zone and in UTC, how, where) and one form for attendance, the
//! delegation and a note.
//!
//! Decisions:
//! - The reply is the invited party's, not the recipient's: every recipient
//!   of a mission sees and changes the same reply, and the page says who last
//!   saved it and when.
//! - GET never changes anything. POST validates with [`Reply::parse`]; errors
//!   answer 422 with everything typed kept and a message at each field;
//!   success answers 303 to `?saved=1`, which shows a confirmation.
//! - Replies close when the meeting starts or is cancelled. The page then
//!   shows the reply as last saved, without a form, and says why; a POST
//!   answers 409 with that page and saves nothing. The store is the one
//!   judge of a valid reply: it checks in its transaction, and its refusal
//!   (the meeting started or was cancelled, even since the page was read)
//!   answers this page, in the reader's language, rather than the
//!   secretariat's English conflict page. The page's own check only keeps
//!   an invalid reply to a closed meeting from being answered with errors
//!   for a form it no longer shows.
//! - Only the responses the meeting's modalities allow are offered; one that
//!   is not allowed (a page left open while the secretariat changed them) is
//!   refused at its field.
//! - The delegation is shown as its rows plus three empty ones; without
//!   JavaScript, more empty rows appear after saving.
//! - The token appears only in the path and the form's action; the request
//!   log writes the route pattern, never the path.
//! - The page speaks the recipient's language (the one their invitation was
//!   written in, one of the six), not the invitee's: two contacts of one
//!   mission may read different languages. Its words are Fluent messages
//!   (`reply-*` in `locales/<tag>/pages.ftl`), as the coordinator's form's
//!   are: one template for every language, so the markup, ids and
//!   accessibility attributes exist once. Names and numbers are Fluent
//!   variables (word order differs; limits take the language's digits);
//!   validation in the domain returns
//!   [`ReplyError`](crate::domain::invitation::ReplyError) codes, written
//!   here in the language. Dates are the emails' ([`format`]). A member
//!   state is named in the page's language from CLDR; the meeting's title and
//!   purpose are the secretariat's translation, else the English text marked
//!   as such ([`Text`]).
//! - The switcher (`?lang=xx`) shows the page in another of the six and
//!   stores nothing; the choice travels in a hidden `lang` field through
//!   the POST and in the redirect (`?saved=1&lang=xx`).
//! - An unknown or withdrawn link answers [`Refused`]'s page: in the
//!   recipient's language when the token is known, else the browser's.

use crate::web::extract::Query;
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get, post};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use crate::db::invitations::{self, InvitationError, Personal};
use crate::db::meetings::{self, Meeting};
use crate::db::translations;
use crate::domain::invitation::{
    Delegate, MAX_DELEGATES, MAX_NOTE, MAX_TEXT, Refusal, Reply, ReplyError, ReplyErrors,
    ReplyField, ReplyInput, Response, replies_open,
};
use crate::domain::meeting::Modality;
use crate::i18n::{Language, Messages, format};
use crate::mail::render::modality_label;
use crate::web::csrf::CsrfToken;
use crate::web::personal::{self, Asked, PersonalForm, Refused, Text};
use crate::web::{AppError, AppState, db, page, see_other};

/// Empty delegation rows offered below the filled ones.
const BLANK_ROWS: usize = 3;

/// One delegation row of the form.
pub struct Row {
    pub index: usize,
    pub name: String,
    pub function: String,
    /// Whether the delegation's error is about this name or function.
    pub name_invalid: bool,
    pub function_invalid: bool,
}

/// The reply as last saved, for the summary.
pub struct Saved {
    pub response: String,
    pub delegates: Vec<Delegate>,
    pub note: String,
    /// Who saved it and when, in the meeting's zone.
    pub by_at: String,
    pub at_utc: String,
}

/// A response offered: the radio button's value and its words.
pub struct Choice {
    pub value: &'static str,
    pub label: String,
}

#[derive(Template)]
#[template(path = "invitee/reply.html")]
struct ReplyPage {
    t: Messages,
    csrf: String,
    token: String,
    invitee: String,
    recipient: String,
    title: Text,
    purpose: Text,
    organiser: String,
    starts: String,
    starts_utc: String,
    ends: String,
    ends_utc: String,
    modalities: Vec<String>,
    venue: String,
    /// Where to join remotely; empty for a meeting in person.
    link: String,
    choices: Vec<Choice>,
    response: String,
    rows: Vec<Row>,
    note: String,
    /// Messages by field name, in the form's order.
    errors: Vec<(&'static str, String)>,
    saved: Option<Saved>,
    /// Why replies are closed, in the page's language.
    closed: Option<String>,
    /// A POST came after replies closed.
    refused: bool,
    notice: Option<String>,
    /// The language the reader chose with the switcher, carried through the
    /// form's POST and redirect; `None` for the recipient's own.
    chosen: Option<Language>,
    languages: [Language; 6],
}

impl ReplyPage {
    fn error(&self, field: &str) -> Option<&String> {
        self.errors
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message)| message)
    }
}

/// What a personal link opens.
struct Context {
    personal: Personal,
    meeting: Meeting,
    delegates: Vec<Delegate>,
    /// Who last saved the reply (name, else address).
    by: Option<String>,
    /// The language the page speaks: the one chosen with the switcher, else
    /// the recipient's.
    language: Language,
    chosen: Option<Language>,
    /// The invitee as the page names it: a member state in the page's
    /// language (CLDR), anyone else by the name stored.
    invitee_name: String,
}

impl Context {
    /// The modality decided at approval, or (for a meeting approved before
    /// decisions existed) those the draft offered: what replies may choose.
    fn modalities(&self) -> Vec<Modality> {
        match self.meeting.approval.as_ref().and_then(|a| a.modality) {
            Some(decided) => vec![decided],
            None => self.meeting.settings.modalities.clone(),
        }
    }
}

/// A recipient as the page names them: by name, else by address.
fn name_or_email(recipient: &invitations::Recipient) -> String {
    if recipient.name.trim().is_empty() {
        recipient.email.clone()
    } else {
        recipient.name.clone()
    }
}

/// Finds the link and what it opens; an unknown token is a 404 and a
/// withdrawn one a 410, in the reader's language (`asked` when the token
/// tells nothing).
async fn context(
    state: &Data<AppState>,
    token: String,
    asked: Language,
    chosen: Option<Language>,
) -> Result<Context, AppError> {
    let settings = state.settings.clone();
    db(state, move |conn| {
        let personal = invitations::by_token(conn, &token)?.ok_or_else(|| {
            Refused::error(
                personal::Refusal::Unknown,
                chosen.unwrap_or(asked),
                &settings,
            )
        })?;
        let own = Language::from_tag(&personal.recipient.language);
        if personal.withdrawn {
            return Err(Refused::error(personal::Refusal::Withdrawn, own, &settings));
        }
        let language = chosen.unwrap_or(own);
        let meeting = meetings::get(conn, personal.invitee.meeting_id)?;
        let delegates = invitations::delegation(conn, personal.invitee.id)?;
        let by = match personal.invitee.responded_by {
            Some(id) => invitations::recipient(conn, id)?.map(|r| name_or_email(&r)),
            None => None,
        };
        let invitee_name = match personal.invitee.member_state_id {
            Some(state) => {
                translations::state_name_in(conn, state, &personal.invitee.name, language.tag())?
            }
            None => personal.invitee.name.clone(),
        };
        Ok(Context {
            invitee_name,
            personal,
            meeting,
            delegates,
            by,
            language,
            chosen,
        })
    })
    .await
}

/// Why replies are closed, if they are.
fn closed(meeting: &Meeting) -> Option<Refusal> {
    let start = meeting.approval.as_ref().map(|a| a.start);
    replies_open(meeting.status, start, Utc::now()).err()
}

/// The store's refusal of a reply, when it is about replies being closed.
fn closed_by_store(error: &InvitationError) -> Option<Refusal> {
    match error {
        InvitationError::Started => Some(Refusal::Started),
        InvitationError::Cancelled => Some(Refusal::Cancelled),
        InvitationError::NotSent => Some(Refusal::NotSent),
        InvitationError::NotApproved => Some(Refusal::NotApproved),
        _ => None,
    }
}

/// The sentence saying why replies are closed.
fn closed_id(refusal: Refusal) -> &'static str {
    match refusal {
        Refusal::Started => "reply-started",
        Refusal::Cancelled => "reply-cancelled",
        _ => "reply-not-open",
    }
}

fn response_id(response: Response) -> &'static str {
    match response {
        Response::InPerson => "reply-in-person",
        Response::Remote => "reply-remote",
        Response::NotAttending => "reply-not-attending",
    }
}

/// The message shown at the field a reply error is about; limits are
/// Fluent numbers, written with the language's digits.
fn error_message(error: &ReplyError, t: &Messages) -> String {
    match error {
        ReplyError::NoResponse => t.tr("reply-error-no-response"),
        ReplyError::NotOffered(Response::InPerson) => t.tr("reply-error-online-only"),
        ReplyError::NotOffered(_) => t.tr("reply-error-no-remote"),
        ReplyError::NamelessDelegate { function } => {
            t.tr_with("reply-error-nameless-delegate", ("function", function))
        }
        ReplyError::DelegateTooLong => {
            t.tr_with("reply-error-delegate-too-long", ("max", MAX_TEXT))
        }
        ReplyError::TooManyDelegates => {
            t.tr_with("reply-error-too-many-delegates", ("max", MAX_DELEGATES))
        }
        ReplyError::NoteTooLong => t.tr_with("reply-error-note-too-long", ("max", MAX_NOTE)),
        ReplyError::DelegateCharacters => t.tr("reply-error-delegate-characters"),
        ReplyError::NoteCharacters => t.tr("reply-error-note-characters"),
    }
}

/// The stored reply as the form shows it.
fn stored_input(ctx: &Context) -> ReplyInput {
    let invitee = &ctx.personal.invitee;
    ReplyInput {
        response: invitee
            .response()
            .map(|r| r.as_str().to_owned())
            .unwrap_or_default(),
        delegates: ctx.delegates.clone(),
        note: invitee.note.clone(),
    }
}

/// The typed rows without empty ones, then [`BLANK_ROWS`] empty rows (fewer
/// near [`MAX_DELEGATES`]). A field is marked when the delegation's error is
/// about it: a function without a name, or text too long.
fn rows(delegates: &[Delegate], errors: &ReplyErrors) -> Vec<Row> {
    let has_error = errors.contains_key(&ReplyField::Delegates);
    let too_long = |text: &str| text.trim().chars().count() > MAX_TEXT;
    let filled: Vec<&Delegate> = delegates
        .iter()
        .filter(|d| !d.name.trim().is_empty() || !d.function.trim().is_empty())
        .collect();
    let blanks = BLANK_ROWS.min(MAX_DELEGATES.saturating_sub(filled.len()));
    let mut rows: Vec<Row> = filled
        .into_iter()
        .enumerate()
        .map(|(index, d)| Row {
            index,
            name_invalid: has_error && (d.name.trim().is_empty() || too_long(&d.name)),
            function_invalid: has_error && too_long(&d.function),
            name: d.name.clone(),
            function: d.function.clone(),
        })
        .collect();
    for _ in 0..blanks {
        rows.push(Row {
            index: rows.len(),
            name: String::new(),
            function: String::new(),
            name_invalid: false,
            function_invalid: false,
        });
    }
    rows
}

fn render(
    ctx: &Context,
    csrf: String,
    token: String,
    input: ReplyInput,
    errors: ReplyErrors,
    notice: Option<String>,
) -> ReplyPage {
    let language = ctx.language;
    let t = Messages::new(language);
    let s = &ctx.meeting.settings;
    let approval = ctx.meeting.approval.as_ref();
    let modalities = ctx.modalities();
    let zone = s.time_zone;
    let (starts, starts_utc, ends, ends_utc) = match &ctx.meeting.approval {
        Some(a) => (
            format::in_zone(a.start, zone, language),
            format::in_utc(a.start, language),
            format::in_zone(a.end, zone, language),
            format::in_utc(a.end, language),
        ),
        None => Default::default(),
    };
    let invitee = &ctx.personal.invitee;
    let saved = invitee.response().map(|response| {
        let at = invitee.responded_at.map(|at| at.and_utc());
        let at_zone = at
            .map(|at| format::in_zone(at, zone, language))
            .unwrap_or_default();
        Saved {
            response: t.tr(response_id(response)),
            delegates: ctx.delegates.clone(),
            note: invitee.note.clone(),
            by_at: t.tr_with(
                "reply-saved-by",
                (
                    ("by", ctx.by.as_deref().unwrap_or_default()),
                    ("at", &at_zone),
                ),
            ),
            at_utc: at
                .map(|at| format::in_utc(at, language))
                .unwrap_or_default(),
        }
    });
    ReplyPage {
        csrf,
        token,
        invitee: ctx.invitee_name.clone(),
        recipient: name_or_email(&ctx.personal.recipient),
        title: Text::from(s.title_in(language.tag())),
        purpose: Text::from(s.purpose_in(language.tag())),
        organiser: s.organiser.clone(),
        starts,
        starts_utc,
        ends,
        ends_utc,
        modalities: modalities
            .iter()
            .map(|&m| modality_label(m, language))
            .collect(),
        venue: approval.map(|a| a.venue.clone()).unwrap_or_default(),
        link: approval.map(|a| a.link.clone()).unwrap_or_default(),
        choices: Response::ALL
            .into_iter()
            .filter(|r| r.allowed_by(&modalities))
            .map(|r| Choice {
                value: r.as_str(),
                label: t.tr(response_id(r)),
            })
            .collect(),
        response: input.response,
        rows: rows(&input.delegates, &errors),
        note: input.note,
        errors: errors
            .values()
            .map(|e| (e.field().as_str(), error_message(e, &t)))
            .collect(),
        saved,
        closed: closed(&ctx.meeting).map(|refusal| t.tr(closed_id(refusal))),
        refused: false,
        notice,
        chosen: ctx.chosen,
        languages: Language::ALL,
        t,
    }
}

/// The page answering a POST that came after replies closed: the reply as
/// last saved, why, and that nothing was saved.
fn refused(
    ctx: &Context,
    refusal: Refusal,
    csrf: String,
    token: String,
) -> Result<HttpResponse, AppError> {
    let page_shown = render(
        ctx,
        csrf,
        token,
        stored_input(ctx),
        ReplyErrors::new(),
        None,
    );
    let refused = ReplyPage {
        closed: Some(page_shown.t.tr(closed_id(refusal))),
        refused: true,
        ..page_shown
    };
    page(StatusCode::CONFLICT, &refused)
}

#[derive(Deserialize)]
pub struct Confirmation {
    saved: Option<String>,
    /// The switcher's choice (`?lang=fr`); anything not one of the six is
    /// ignored. Reading it changes nothing stored.
    lang: Option<String>,
}

#[get("/i/{token}")]
pub async fn show(
    state: Data<AppState>,
    csrf: CsrfToken,
    path: Path<String>,
    query: Query<Confirmation>,
    Asked(asked): Asked,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let chosen = query.lang.as_deref().and_then(Language::parse);
    let ctx = context(&state, token.clone(), asked, chosen).await?;
    let notice = (query.saved.is_some() && ctx.personal.invitee.response.is_some()).then(|| {
        Messages::new(ctx.language)
            .tr_with("reply-saved-notice", ("invitee", ctx.invitee_name.as_str()))
    });
    let input = stored_input(&ctx);
    page(
        StatusCode::OK,
        &render(&ctx, csrf.0, token, input, ReplyErrors::new(), notice),
    )
}

#[post("/i/{token}")]
pub async fn save(
    state: Data<AppState>,
    csrf: CsrfToken,
    path: Path<String>,
    Asked(asked): Asked,
    form: PersonalForm,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let chosen = form.chosen();
    let PersonalForm(fields) = form;
    let ctx = context(&state, token.clone(), asked, chosen).await?;
    let input = ReplyInput::from_fields(&fields);
    let reply = match Reply::parse(&input, &ctx.modalities()) {
        Ok(reply) => reply,
        Err(errors) => {
            return match closed(&ctx.meeting) {
                Some(refusal) => refused(&ctx, refusal, csrf.0, token),
                None => page(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &render(&ctx, csrf.0, token, input, errors, None),
                ),
            };
        }
    };
    let personal = ctx.personal.clone();
    let stored = db(&state, move |conn| {
        Ok(invitations::reply(conn, &personal, &reply))
    })
    .await?;
    match stored {
        Ok(()) => {
            let lang = personal::keep_language(chosen);
            Ok(see_other(&format!("/i/{token}?saved=1{lang}")))
        }
        Err(error) => match closed_by_store(&error) {
            Some(refusal) => refused(&ctx, refusal, csrf.0, token),
            None => Err(error.into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_read_in_the_language_with_their_limits() {
        let fr = Messages::new(Language::Fr);
        assert_eq!(
            error_message(
                &ReplyError::NamelessDelegate {
                    function: "Conseiller".into()
                },
                &fr
            ),
            "Veuillez indiquer le nom de la personne dont la fonction est « Conseiller »."
        );
        assert_eq!(
            error_message(&ReplyError::NoteTooLong, &Messages::new(Language::Es)),
            "La nota tiene como máximo 2000 caracteres."
        );
        assert_eq!(
            error_message(
                &ReplyError::NotOffered(Response::Remote),
                &Messages::new(Language::En)
            ),
            "This meeting cannot be followed remotely."
        );
        // The limit in the language's digits and plural form.
        let ru = error_message(&ReplyError::TooManyDelegates, &Messages::new(Language::Ru));
        assert_eq!(ru, "В составе делегации — не более 40 человек.");
        let ar = crate::i18n::strip_isolation(&error_message(
            &ReplyError::NoteTooLong,
            &Messages::new(Language::Ar),
        ));
        assert!(
            ar.contains(&format::number(2000, Language::Ar)),
            "{ar} has the limit as Arabic writes it"
        );
    }

    #[test]
    fn every_error_and_response_has_words_in_every_language() {
        let errors = [
            ReplyError::NoResponse,
            ReplyError::NotOffered(Response::InPerson),
            ReplyError::NotOffered(Response::Remote),
            ReplyError::NamelessDelegate {
                function: "Counsellor".into(),
            },
            ReplyError::DelegateTooLong,
            ReplyError::TooManyDelegates,
            ReplyError::NoteTooLong,
            ReplyError::DelegateCharacters,
            ReplyError::NoteCharacters,
        ];
        for language in Language::ALL {
            let t = Messages::new(language);
            for error in &errors {
                let message = error_message(error, &t);
                assert!(
                    !message.starts_with("reply-") && !message.contains('{'),
                    "{language}: {message}"
                );
            }
            for response in Response::ALL {
                assert!(!t.tr(response_id(response)).starts_with("reply-"));
            }
        }
    }
}
