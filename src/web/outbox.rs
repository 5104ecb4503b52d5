//! The secretariat's view of the outbox: how many messages are queued,
//! sending, sent and failed, the failures with the server's reply, and the
//! actions on them (resend, resend all, pause, resume). Every action is
//! audited; GET never changes anything.

use actix_web::http::StatusCode;
use actix_web::web::{self, Data};
use actix_web::{HttpResponse, get, post};
use askama::Template;
use serde::Deserialize;

use crate::db::audit::Actor;
use crate::db::outbox::{self, Counts, Message, PauseScope, Waiting};
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, Layout, db, page, see_other};

/// How many failures and latest messages the page lists.
const LISTED: i64 = 50;

/// A message as the page shows it.
struct Row {
    id: i64,
    kind: String,
    recipient: String,
    language: String,
    status: String,
    attempts: i32,
    error: String,
    created: String,
    sent: String,
}

impl From<Message> for Row {
    fn from(m: Message) -> Row {
        Row {
            id: m.id,
            kind: m.kind,
            recipient: if m.recipient_name.is_empty() {
                m.recipient_email
            } else {
                format!("{} <{}>", m.recipient_name, m.recipient_email)
            },
            language: m.language,
            status: m.status,
            attempts: m.attempts,
            error: m.last_error.unwrap_or_default(),
            created: m.created_at.format("%Y-%m-%d %H:%M:%S").to_string(),
            sent: m
                .sent_at
                .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
                .unwrap_or_default(),
        }
    }
}

/// Messages waiting to retry, as the outbox and delivery pages say it.
pub struct WaitingNote {
    pub count: i64,
    pub last_reply: String,
    /// UTC, with the zone named.
    pub next_attempt: String,
}

impl From<Waiting> for WaitingNote {
    fn from(w: Waiting) -> WaitingNote {
        WaitingNote {
            count: w.count,
            last_reply: w.last_reply.unwrap_or_default(),
            next_attempt: w
                .next_attempt_at
                .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
                .unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "secretariat/outbox.html")]
struct OutboxPage {
    layout: Layout,
    counts: Counts,
    paused: bool,
    waiting: WaitingNote,
    failures: Vec<Row>,
    /// Failed messages not listed (the list is cut at [`LISTED`]).
    more_failures: i64,
    latest: Vec<Row>,
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(show)
        .service(resend)
        .service(resend_failed)
        .service(pause)
        .service(resume);
}

#[get("/outbox")]
#[tracing::instrument(skip_all)]
pub async fn show(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let (counts, paused, waiting, failures, latest) = db(&state, |conn| {
        Ok((
            outbox::counts(conn, None)?,
            outbox::is_paused(conn, PauseScope::All)?,
            outbox::waiting(conn, None, None)?,
            outbox::failures(conn, None, LISTED)?,
            outbox::latest(conn, LISTED)?,
        ))
    })
    .await?;
    let more_failures = (counts.failed - failures.len() as i64).max(0);
    page(
        StatusCode::OK,
        &OutboxPage {
            layout: Layout {
                user_name: user.display_name().to_owned(),
                csrf: csrf.0,
            },
            counts,
            paused,
            waiting: waiting.into(),
            failures: failures.into_iter().map(Row::from).collect(),
            more_failures,
            latest: latest.into_iter().map(Row::from).collect(),
        },
    )
}

/// The forms carry nothing but their CSRF token.
#[derive(Deserialize)]
pub struct Empty {}

fn actor(user: &CurrentUser) -> Actor {
    Actor::User(user.id, user.display_name().to_owned())
}

#[post("/outbox/{id}/resend")]
#[tracing::instrument(skip_all, fields(id = *id))]
pub async fn resend(
    state: Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let actor = actor(&user);
    let requeued = db(&state, move |conn| Ok(outbox::resend(conn, id, &actor)?)).await?;
    if !requeued {
        return Err(AppError::BadRequest(
            "This message is not failed, so it cannot be sent again.".into(),
        ));
    }
    Ok(see_other("/outbox"))
}

#[post("/outbox/resend-failed")]
#[tracing::instrument(skip_all)]
pub async fn resend_failed(
    state: Data<AppState>,
    user: CurrentUser,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let actor = actor(&user);
    db(&state, move |conn| {
        Ok(outbox::resend_all_failed(conn, None, &actor)?)
    })
    .await?;
    Ok(see_other("/outbox"))
}

#[post("/outbox/pause")]
#[tracing::instrument(skip_all)]
pub async fn pause(
    state: Data<AppState>,
    user: CurrentUser,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let actor = actor(&user);
    db(&state, move |conn| {
        Ok(outbox::pause(conn, PauseScope::All, &actor)?)
    })
    .await?;
    Ok(see_other("/outbox"))
}

#[post("/outbox/resume")]
#[tracing::instrument(skip_all)]
pub async fn resume(
    state: Data<AppState>,
    user: CurrentUser,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let actor = actor(&user);
    db(&state, move |conn| {
        Ok(outbox::resume(conn, PauseScope::All, &actor)?)
    })
    .await?;
    Ok(see_other("/outbox"))
}
