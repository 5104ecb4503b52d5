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

use actix_web::http::StatusCode;
use actix_web::web::{Data, Path, Query};
use actix_web::{HttpResponse, get, post};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use crate::db::invitations::{self, InvitationError, Personal};
use crate::db::meetings::{self, Meeting};
use crate::domain::invitation::{
    Delegate, FieldErrors, MAX_DELEGATES, MAX_TEXT, Reply, ReplyInput, Response,
};
use crate::domain::meeting::{show_instant, show_utc};
use crate::web::csrf::{CsrfForm, CsrfToken};
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
    pub by: String,
    pub at: String,
    pub at_utc: String,
}

#[derive(Template)]
#[template(path = "invitee/reply.html")]
struct ReplyPage {
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
    modalities: String,
    venue: String,
    choices: Vec<Response>,
    response: String,
    rows: Vec<Row>,
    note: String,
    errors: FieldErrors,
    saved: Option<Saved>,
    closed: Option<&'static str>,
    /// A POST came after replies closed.
    refused: bool,
    notice: Option<String>,
}

impl ReplyPage {
    fn error(&self, field: &str) -> Option<&String> {
        self.errors.get(field)
    }
}

/// What a personal link opens.
struct Context {
    personal: Personal,
    meeting: Meeting,
    venue: String,
    delegates: Vec<Delegate>,
    /// Who last saved the reply (name, else address).
    by: Option<String>,
}

/// Finds the link and what it opens; an unknown token is a 404.
async fn context(state: &Data<AppState>, token: String) -> Result<Context, AppError> {
    db(state, move |conn| {
        let personal = invitations::by_token(conn, &token)?.ok_or(AppError::NotFound)?;
        let meeting = meetings::get(conn, personal.invitee.meeting_id)?;
        let venue = invitations::settings(conn, meeting.id)?
            .map(|s| s.venue)
            .unwrap_or_default();
        let delegates = invitations::delegation(conn, personal.invitee.id)?;
        let by = match personal.invitee.responded_by {
            Some(id) => invitations::recipient(conn, id)?.map(|r| {
                if r.name.trim().is_empty() {
                    r.email
                } else {
                    r.name
                }
            }),
            None => None,
        };
        Ok(Context {
            personal,
            meeting,
            venue,
            delegates,
            by,
        })
    })
    .await
}

/// Why replies are closed, as a sentence; `None` while they are open.
fn closed(meeting: &Meeting) -> Option<&'static str> {
    match invitations::replies_open(meeting, Utc::now()) {
        Ok(()) => None,
        Err(InvitationError::Started) => {
            Some("The meeting has started, so replies can no longer be changed.")
        }
        Err(InvitationError::Cancelled) => {
            Some("This meeting has been cancelled, so replies are closed.")
        }
        Err(_) => Some("Replies to this invitation are not open."),
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
fn rows(delegates: &[Delegate], errors: &FieldErrors) -> Vec<Row> {
    let has_error = errors.contains_key("delegates");
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
    errors: FieldErrors,
    notice: Option<String>,
) -> ReplyPage {
    let s = &ctx.meeting.settings;
    let zone = s.time_zone;
    let (starts, starts_utc, ends, ends_utc) = match &ctx.meeting.approval {
        Some(a) => (
            show_instant(a.start, zone),
            show_utc(a.start),
            show_instant(a.end, zone),
            show_utc(a.end),
        ),
        None => Default::default(),
    };
    let invitee = &ctx.personal.invitee;
    let saved = invitee.response().map(|response| {
        let at = invitee.responded_at.map(|at| at.and_utc());
        Saved {
            response: response.label(),
            delegates: ctx.delegates.clone(),
            note: invitee.note.clone(),
            by: ctx.by.clone().unwrap_or_default(),
            at: at.map(|at| show_instant(at, zone)).unwrap_or_default(),
            at_utc: at.map(show_utc).unwrap_or_default(),
        }
    });
    ReplyPage {
        csrf,
        token,
        invitee: invitee.name.clone(),
        recipient: ctx.personal.recipient.name.clone(),
        title: s.title.clone(),
        purpose: s.purpose.clone(),
        organiser: s.organiser.clone(),
        starts,
        starts_utc,
        ends,
        ends_utc,
        modalities: s
            .modalities
            .iter()
            .map(|m| m.label())
            .collect::<Vec<_>>()
            .join("; "),
        venue: ctx.venue.clone(),
        choices: Response::ALL
            .into_iter()
            .filter(|r| r.allowed_by(&s.modalities))
            .collect(),
        response: input.response,
        rows: rows(&input.delegates, &errors),
        note: input.note,
        errors,
        saved,
        closed: closed(&ctx.meeting),
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
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let ctx = context(&state, token.clone()).await?;
    let notice = (query.saved.is_some() && ctx.personal.invitee.response.is_some()).then(|| {
        format!(
            "Thank you: your reply is saved. Everyone invited for {} sees this reply and can change it until the meeting starts.",
            ctx.personal.invitee.name
        )
    });
    let input = stored_input(&ctx);
    page(
        StatusCode::OK,
        &render(&ctx, csrf.0, token, input, FieldErrors::new(), notice),
    )
}

#[post("/i/{token}")]
pub async fn save(
    state: Data<AppState>,
    csrf: CsrfToken,
    path: Path<String>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let ctx = context(&state, token.clone()).await?;
    if closed(&ctx.meeting).is_some() {
        let input = stored_input(&ctx);
        let refused = ReplyPage {
            refused: true,
            ..render(&ctx, csrf.0, token, input, FieldErrors::new(), None)
        };
        return page(StatusCode::CONFLICT, &refused);
    }
    let input = ReplyInput::from_fields(&fields);
    match Reply::parse(&input, &ctx.meeting.settings.modalities) {
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
