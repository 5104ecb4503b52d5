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
//!   answers 409 with that page and saves nothing. The store checks again in
//!   its transaction, so a meeting that starts between GET and POST is
//!   refused too (with the plain conflict page).
//! - Only the responses the meeting's modalities allow are offered; one that
//!   is not allowed (a page left open while the secretariat changed them) is
//!   refused at its field.
//! - The delegation is shown as its rows plus three empty ones; without
//!   JavaScript, more empty rows appear after saving.
//! - The token appears only in the path and the form's action; the request
//!   log writes the route pattern, never the path.
//! - The page speaks the recipient's language (the one their invitation was
//!   written in; English when there is no translation), not the invitee's:
//!   two contacts of one mission may read different languages. One template
//!   serves all languages with the words from [`texts`], a table per
//!   language, rather than one template per language: the markup, ids and
//!   accessibility attributes then exist once and cannot drift apart, and a
//!   translator reads each language's sentences together in one place.
//!   Validation in the domain returns
//!   [`ReplyError`](crate::domain::invitation::ReplyError) codes, and the page
//!   writes them in the language. Dates are the emails' ([`format`]).
//! - An unknown or withdrawn link answers [`Refused`]'s page: in the
//!   recipient's language when the token is known, else the browser's. The
//!   plain 409 (replies closed between the check here and the store's) stays
//!   English: it comes from the shared error pages.

use crate::web::extract::Query;
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get, post};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use crate::db::invitations::{self, Personal};
use crate::db::meetings::{self, Meeting};
use crate::db::translations;
use crate::domain::invitation::{
    Delegate, MAX_DELEGATES, MAX_TEXT, Refusal, Reply, ReplyErrors, ReplyField, ReplyInput,
    Response, replies_open,
};
use crate::domain::meeting::Modality;
use crate::i18n::{Language, format};
use crate::mail::render::modality_label;
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::invitee::texts::{Texts, fill, page_language, texts};
use crate::web::personal::{self, Asked, Refused};
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
    pub response: &'static str,
    pub delegates: Vec<Delegate>,
    pub note: String,
    /// Who saved it and when, in the meeting's zone.
    pub by_at: String,
    pub at_utc: String,
}

/// A response offered: the radio button's value and its words.
pub struct Choice {
    pub value: &'static str,
    pub label: &'static str,
}

#[derive(Template)]
#[template(path = "invitee/reply.html")]
struct ReplyPage {
    /// The page's language tag, for `<html lang>`.
    lang: &'static str,
    t: &'static Texts,
    csrf: String,
    token: String,
    invitee: String,
    recipient: String,
    title: String,
    purpose: String,
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
    closed: Option<&'static str>,
    /// A POST came after replies closed.
    refused: bool,
    notice: Option<String>,
}

impl ReplyPage {
    fn error(&self, field: &str) -> Option<&String> {
        self.errors
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message)| message)
    }

    /// A sentence of [`Texts`] with this page's names filled in.
    fn say(&self, text: &str) -> String {
        fill(
            text,
            &[
                ("invitee", &self.invitee),
                ("recipient", &self.recipient),
                ("title", &self.title),
            ],
        )
    }
}

/// What a personal link opens.
struct Context {
    personal: Personal,
    meeting: Meeting,
    delegates: Vec<Delegate>,
    /// Who last saved the reply (name, else address).
    by: Option<String>,
    /// The recipient's language, which the page speaks.
    language: Language,
    /// The invitee as the page names it: a member state in the page's
    /// language (CLDR), anyone else by the name stored.
    invitee_name: String,
}

impl Context {
    fn texts(&self) -> &'static Texts {
        texts(self.language)
    }

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
) -> Result<Context, AppError> {
    let settings = state.settings.clone();
    db(state, move |conn| {
        let personal = invitations::by_token(conn, &token)?
            .ok_or_else(|| Refused::error(personal::Refusal::Unknown, asked, &settings))?;
        if personal.withdrawn {
            let language = Language::from_tag(&personal.recipient.language);
            return Err(Refused::error(
                personal::Refusal::Withdrawn,
                language,
                &settings,
            ));
        }
        let meeting = meetings::get(conn, personal.invitee.meeting_id)?;
        let delegates = invitations::delegation(conn, personal.invitee.id)?;
        let by = match personal.invitee.responded_by {
            Some(id) => invitations::recipient(conn, id)?.map(|r| name_or_email(&r)),
            None => None,
        };
        let language = page_language(Language::from_tag(&personal.recipient.language));
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
        })
    })
    .await
}

/// Why replies are closed, as a sentence in the page's language; `None`
/// while they are open.
fn closed(meeting: &Meeting, t: &Texts) -> Option<&'static str> {
    let start = meeting.approval.as_ref().map(|a| a.start);
    match replies_open(meeting.status, start, Utc::now()) {
        Ok(()) => None,
        Err(Refusal::Started) => Some(t.started),
        Err(Refusal::Cancelled) => Some(t.cancelled),
        Err(_) => Some(t.not_open),
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
    let (language, t) = (ctx.language, ctx.texts());
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
        Saved {
            response: t.response(response),
            delegates: ctx.delegates.clone(),
            note: invitee.note.clone(),
            by_at: fill(
                t.saved_by,
                &[
                    ("by", ctx.by.as_deref().unwrap_or_default()),
                    (
                        "at",
                        &at.map(|at| format::in_zone(at, zone, language))
                            .unwrap_or_default(),
                    ),
                ],
            ),
            at_utc: at
                .map(|at| format::in_utc(at, language))
                .unwrap_or_default(),
        }
    });
    ReplyPage {
        lang: language.tag(),
        t,
        csrf,
        token,
        invitee: ctx.invitee_name.clone(),
        recipient: name_or_email(&ctx.personal.recipient),
        // The secretariat's translation into the page's language; where it
        // gave none, the default text (`Localised::fallback` says so, for
        // the template to mark).
        title: s.title_in(language.tag()).text.to_owned(),
        purpose: s.purpose_in(language.tag()).text.to_owned(),
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
                label: t.response(r),
            })
            .collect(),
        response: input.response,
        rows: rows(&input.delegates, &errors),
        note: input.note,
        errors: errors
            .values()
            .map(|e| (e.field().as_str(), t.error(e)))
            .collect(),
        saved,
        closed: closed(&ctx.meeting, t),
        refused: false,
        notice,
    }
}

#[derive(Deserialize)]
pub struct Confirmation {
    saved: Option<String>,
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
    let ctx = context(&state, token.clone(), asked).await?;
    let notice = (query.saved.is_some() && ctx.personal.invitee.response.is_some()).then(|| {
        fill(
            ctx.texts().saved_notice,
            &[("invitee", &ctx.personal.invitee.name)],
        )
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
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let ctx = context(&state, token.clone(), asked).await?;
    if closed(&ctx.meeting, ctx.texts()).is_some() {
        let input = stored_input(&ctx);
        let refused = ReplyPage {
            refused: true,
            ..render(&ctx, csrf.0, token, input, ReplyErrors::new(), None)
        };
        return page(StatusCode::CONFLICT, &refused);
    }
    let input = ReplyInput::from_fields(&fields);
    match Reply::parse(&input, &ctx.modalities()) {
        Err(errors) => page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &render(&ctx, csrf.0, token, input, errors, None),
        ),
        Ok(reply) => {
            let personal = ctx.personal;
            db(&state, move |conn| {
                Ok(invitations::reply(conn, &personal, &reply)?)
            })
            .await?;
            Ok(see_other(&format!("/i/{token}?saved=1")))
        }
    }
}
