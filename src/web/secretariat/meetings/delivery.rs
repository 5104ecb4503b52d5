//! Delivery of a meeting's invitations: queued, sent and failed counts with a
//! progress bar, the failures with the mail server's reply, resending one or
//! all, and pausing this meeting's sending.
//!
//! The page is complete without JavaScript (reload to see progress); where
//! JavaScript runs, `/assets/delivery.js` polls the JSON at
//! `/api/v1/meetings/{id}/delivery` and updates the counts and the bar.

use crate::web::extract::Query;
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get, post};
use askama::Template;
use serde::Deserialize;
use serde::Serialize;

use super::actions::NoFields;
use super::actor;
use crate::db::DbConnection;
use crate::db::audit::Actor;
use crate::db::invitations;
use crate::db::meetings;
use crate::db::outbox::{self, Counts, Message, PauseScope};
use crate::domain::meeting::{Status, show_instant};
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::outbox::WaitingNote;
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, Layout, db, page, see_other};

/// How many failures the page lists.
const LISTED: i64 = 200;

/// Progress as the page and the JSON show it.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub queued: i64,
    pub sent: i64,
    pub failed: i64,
    pub total: i64,
    /// Sent or failed: the messages that are done with.
    pub done: i64,
    pub percent: i64,
    /// This meeting's sending is paused.
    pub paused: bool,
    /// All sending is paused (on the outbox page).
    pub paused_all: bool,
    /// Of the queued, those waiting to retry after a temporary failure.
    pub waiting: i64,
    /// The mail server's last reply to one of them.
    pub last_reply: String,
    /// The earliest next attempt among them, in UTC.
    pub next_attempt: String,
}

impl Progress {
    fn new(counts: Counts, paused: bool, paused_all: bool, waiting: WaitingNote) -> Progress {
        let queued = counts.queued + counts.sending;
        let total = queued + counts.sent + counts.failed;
        let done = counts.sent + counts.failed;
        Progress {
            queued,
            sent: counts.sent,
            failed: counts.failed,
            total,
            done,
            percent: if total == 0 { 0 } else { done * 100 / total },
            paused,
            paused_all,
            waiting: waiting.count,
            last_reply: waiting.last_reply,
            next_attempt: waiting.next_attempt,
        }
    }
}

/// The delivery figures of one meeting (404 when there is no such meeting).
pub fn progress(conn: &mut crate::db::DbConnection, id: i64) -> Result<Progress, AppError> {
    meetings::get(conn, id)?;
    Ok(Progress::new(
        invitations::delivery(conn, id)?,
        outbox::is_paused(conn, PauseScope::Meeting(id))?,
        outbox::is_paused(conn, PauseScope::All)?,
        outbox::waiting(conn, Some(id), Some(&invitations::KINDS))?.into(),
    ))
}

pub struct Failure {
    pub id: i64,
    pub recipient: String,
    pub kind: &'static str,
    pub attempts: i32,
    pub reply: String,
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        crate::mail::kinds::INVITATION_UPDATE => "Update",
        crate::mail::kinds::INVITATION_CANCEL => "Cancellation",
        _ => "Invitation",
    }
}

impl From<Message> for Failure {
    fn from(m: Message) -> Failure {
        Failure {
            id: m.id,
            recipient: if m.recipient_name.is_empty() {
                m.recipient_email
            } else {
                format!("{} <{}>", m.recipient_name, m.recipient_email)
            },
            kind: kind_label(&m.kind),
            attempts: m.attempts,
            reply: m.last_error.unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "secretariat/delivery.html")]
struct DeliveryPage {
    layout: Layout,
    id: i64,
    title: String,
    status: Status,
    sent_at: Option<String>,
    progress: Progress,
    failures: Vec<Failure>,
    /// Failed messages not listed (the list is cut at [`LISTED`]).
    more_failures: i64,
    notice: Option<String>,
}

/// Which action led here, and after a send, how many it reached.
#[derive(Deserialize)]
pub struct DeliveryQuery {
    done: Option<String>,
    invitees: Option<usize>,
    recipients: Option<usize>,
}

/// The notice after an action. A send counts in the invitations page's
/// words: invitees (states, organisations, guests) and recipients (the
/// addresses written to).
fn notice(query: &DeliveryQuery) -> Option<String> {
    if query.done.as_deref() == Some("sent")
        && let (Some(invitees), Some(recipients)) = (query.invitees, query.recipients)
    {
        return Some(format!(
            "Invitations queued: {invitees} invitees, {recipients} recipients. They are on their way."
        ));
    }
    Some(
        match query.done.as_deref()? {
            "sent" => "The invitations are queued and on their way.",
            "nothing-new" => "Everyone on the list was already invited; nothing new was queued.",
            "resent" => "The message is queued again.",
            "resent-all" => "Every failed message is queued again.",
            "paused" => "Sending of this meeting's messages is paused.",
            "resumed" => "Sending of this meeting's messages has resumed.",
            "changed" => "The change is saved; every invitee is being sent an update.",
            "unchanged" => "Nothing was changed; nobody was written to.",
            "cancelled" => "The meeting is cancelled; every invitee is being told.",
            _ => return None,
        }
        .to_owned(),
    )
}

#[get("/meetings/{id}/delivery")]
pub async fn show(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    path: Path<i64>,
    query: Query<DeliveryQuery>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (meeting, settings, progress, failures) = db(&state, move |conn| {
        Ok((
            meetings::get(conn, id)?,
            invitations::settings(conn, id)?,
            progress(conn, id)?,
            invitations::failures(conn, id, LISTED)?,
        ))
    })
    .await?;
    let zone = meeting.settings.time_zone;
    let more_failures = (progress.failed - failures.len() as i64).max(0);
    page(
        StatusCode::OK,
        &DeliveryPage {
            layout: Layout {
                user_name: user.display_name().to_owned(),
                csrf: csrf.0,
            },
            id,
            title: meeting.settings.title.clone(),
            status: meeting.status,
            sent_at: settings
                .and_then(|s| s.sent_at)
                .map(|at| show_instant(at.and_utc(), zone)),
            progress,
            failures: failures.into_iter().map(Failure::from).collect(),
            more_failures,
            notice: notice(&query),
        },
    )
}

fn back(id: i64, done: &str) -> HttpResponse {
    see_other(&format!("/meetings/{id}/delivery?done={done}"))
}

#[post("/meetings/{id}/delivery/{message}/resend")]
pub async fn resend(
    state: Data<AppState>,
    user: CurrentUser,
    path: Path<(i64, i64)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let (id, message) = path.into_inner();
    let actor = actor(&user);
    db(&state, move |conn| {
        // The message must be this meeting's: the URL names both.
        let row = outbox::get(conn, message)?.ok_or(AppError::NotFound)?;
        if row.meeting_id != Some(id) {
            return Err(AppError::NotFound);
        }
        if !outbox::resend(conn, message, &actor)? {
            return Err(AppError::Conflict(
                "This message has not failed, so it is not sent again.".into(),
            ));
        }
        Ok(())
    })
    .await?;
    Ok(back(id, "resent"))
}

/// Runs an audited outbox action on this meeting's messages (404 when there
/// is no such meeting) and goes back to the delivery page saying `done`.
async fn act<T: Send + 'static>(
    state: &Data<AppState>,
    user: &CurrentUser,
    id: i64,
    done: &str,
    action: impl FnOnce(&mut DbConnection, &Actor) -> diesel::QueryResult<T> + Send + 'static,
) -> Result<HttpResponse, AppError> {
    let actor = actor(user);
    db(state, move |conn| {
        meetings::get(conn, id)?;
        Ok(action(conn, &actor)?)
    })
    .await?;
    Ok(back(id, done))
}

#[post("/meetings/{id}/delivery/resend-failed")]
pub async fn resend_failed(
    state: Data<AppState>,
    user: CurrentUser,
    path: Path<i64>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    act(&state, &user, id, "resent-all", move |conn, actor| {
        outbox::resend_all_failed(conn, Some(id), actor)
    })
    .await
}

#[post("/meetings/{id}/delivery/pause")]
pub async fn pause(
    state: Data<AppState>,
    user: CurrentUser,
    path: Path<i64>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    act(&state, &user, id, "paused", move |conn, actor| {
        outbox::pause(conn, PauseScope::Meeting(id), actor)
    })
    .await
}

#[post("/meetings/{id}/delivery/resume")]
pub async fn resume(
    state: Data<AppState>,
    user: CurrentUser,
    path: Path<i64>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    act(&state, &user, id, "resumed", move |conn, actor| {
        outbox::resume(conn, PauseScope::Meeting(id), actor)
    })
    .await
}
