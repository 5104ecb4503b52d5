//! Changes after approval: a new date, time, modality, venue or link (once
//! the invitations went out, every invitee is sent an update with the same
//! calendar UID and the next SEQUENCE; before, the decision is corrected),
//! and cancelling the meeting (every invitee is sent a calendar
//! cancellation). Cancelling needs an explicit confirmation; it is possible
//! from any status, and writes to invitees only if they were invited.

use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get, post};
use askama::Template;
use serde::Deserialize;

use super::actor;
use crate::db::invitations::{self, Changed};
use crate::db::meetings::{self, Meeting};
use crate::domain::invitation::{Change, ChangeInput, FieldErrors};
use crate::domain::meeting::{Status, show_span};
use crate::domain::text::{Kind, Text, TextError};
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, Layout, db, page, see_other};

#[derive(Template)]
#[template(path = "secretariat/change.html")]
struct ChangePage {
    layout: Layout,
    id: i64,
    title: String,
    zone: String,
    current: String,
    input: ChangeInput,
    errors: FieldErrors,
    recipients: i64,
    /// Whether the invitations went out (a change is then an update).
    sent: bool,
    /// The modalities the draft offered: key and label.
    modalities: Vec<(&'static str, &'static str)>,
}

impl ChangePage {
    fn error(&self, field: &str) -> Option<&String> {
        self.errors.get(field)
    }

    fn described(&self, field: &str) -> String {
        super::described(&self.errors, field)
    }
}

struct Current {
    meeting: Meeting,
    recipients: i64,
}

async fn current(state: &Data<AppState>, id: i64) -> Result<Current, AppError> {
    let current = db(state, move |conn| {
        let meeting = meetings::get(conn, id)?;
        let (recipients, _) = invitations::reach(conn, id)?;
        Ok(Current {
            meeting,
            recipients,
        })
    })
    .await?;
    if !matches!(current.meeting.status, Status::Approved | Status::Invited) {
        return Err(AppError::Conflict(
            "Date, time, modality and venue are changed here once a slot is approved, until the meeting is cancelled.".into(),
        ));
    }
    Ok(current)
}

fn render(
    current: &Current,
    user: &CurrentUser,
    csrf: String,
    input: Option<ChangeInput>,
    errors: FieldErrors,
) -> Result<ChangePage, AppError> {
    let s = &current.meeting.settings;
    let approval = current
        .meeting
        .approval
        .as_ref()
        .ok_or_else(|| AppError::Conflict("No slot is approved.".into()))?;
    Ok(ChangePage {
        layout: Layout {
            user_name: user.display_name().to_owned(),
            csrf,
        },
        id: current.meeting.id,
        title: s.title.clone(),
        zone: s.time_zone.name().to_owned(),
        current: {
            let (local, utc) = show_span(approval.start, approval.end, s.time_zone);
            format!("{local} ({utc})")
        },
        input: input.unwrap_or_else(|| {
            ChangeInput::current(
                approval.start,
                approval.end,
                s.time_zone,
                approval.modality,
                &approval.venue,
                &approval.link,
            )
        }),
        errors,
        recipients: current.recipients,
        sent: current.meeting.status == Status::Invited,
        modalities: s
            .modalities
            .iter()
            .map(|m| (m.as_str(), m.label()))
            .collect(),
    })
}

#[get("/meetings/{id}/change")]
pub async fn change_form(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    path: Path<i64>,
) -> Result<HttpResponse, AppError> {
    let current = current(&state, path.into_inner()).await?;
    page(
        StatusCode::OK,
        &render(&current, &user, csrf.0, None, FieldErrors::new())?,
    )
}

#[post("/meetings/{id}/change")]
pub async fn change(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    path: Path<i64>,
    CsrfForm(input): CsrfForm<ChangeInput>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let current = current(&state, id).await?;
    let s = &current.meeting.settings;
    let change = match Change::parse(&input, s.time_zone, &s.modalities, chrono::Utc::now()) {
        Ok(change) => change,
        Err(errors) => {
            return page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &render(&current, &user, csrf.0, Some(input), errors)?,
            );
        }
    };
    let actor = actor(&user);
    let mailing = state.mailing();
    let changed = db(&state, move |conn| {
        Ok(invitations::change(conn, id, &change, &actor, &mailing)?)
    })
    .await?;
    Ok(see_other(&match changed {
        Changed::Nothing if current.meeting.status == Status::Approved => {
            format!("/meetings/{id}/invitations?done=unchanged")
        }
        Changed::Nothing => format!("/meetings/{id}/delivery?done=unchanged"),
        Changed::Saved => format!("/meetings/{id}/invitations?done=decided"),
        Changed::Updated(_) => format!("/meetings/{id}/delivery?done=changed"),
    }))
}

#[derive(Template)]
#[template(path = "secretariat/cancel.html")]
struct CancelPage {
    layout: Layout,
    id: i64,
    title: String,
    status: Status,
    recipients: i64,
    reason: String,
    error: Option<&'static str>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CancelInput {
    confirm: String,
    reason: String,
}

async fn cancel_page(
    state: &Data<AppState>,
    user: &CurrentUser,
    csrf: String,
    id: i64,
    reason: String,
    error: Option<&'static str>,
) -> Result<CancelPage, AppError> {
    let (meeting, (recipients, _)) = db(state, move |conn| {
        Ok((meetings::get(conn, id)?, invitations::reach(conn, id)?))
    })
    .await?;
    if meeting.status == Status::Cancelled {
        return Err(AppError::Conflict(
            "This meeting is already cancelled.".into(),
        ));
    }
    Ok(CancelPage {
        layout: Layout {
            user_name: user.display_name().to_owned(),
            csrf,
        },
        id,
        title: meeting.settings.title.clone(),
        status: meeting.status,
        recipients,
        reason,
        error,
    })
}

#[get("/meetings/{id}/cancel")]
pub async fn cancel_form(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    path: Path<i64>,
) -> Result<HttpResponse, AppError> {
    let page_data = cancel_page(
        &state,
        &user,
        csrf.0,
        path.into_inner(),
        String::new(),
        None,
    )
    .await?;
    page(StatusCode::OK, &page_data)
}

#[post("/meetings/{id}/cancel")]
pub async fn cancel(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    path: Path<i64>,
    CsrfForm(input): CsrfForm<CancelInput>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let reason = Text::parse(Kind::Note, &input.reason);
    if let Err(error) = &reason {
        let message = match error {
            TextError::TooLong(_) => "The reason has at most 2000 characters.",
            _ => "Remove the control characters (such as NUL) from the reason.",
        };
        let page_data = cancel_page(&state, &user, csrf.0, id, input.reason, Some(message)).await?;
        return page(StatusCode::UNPROCESSABLE_ENTITY, &page_data);
    }
    let reason = reason.map(Text::into_string).unwrap_or_default();
    if input.confirm != "yes" {
        let page_data = cancel_page(
            &state,
            &user,
            csrf.0,
            id,
            input.reason,
            Some("Tick the box to confirm that the meeting is cancelled."),
        )
        .await?;
        return page(StatusCode::UNPROCESSABLE_ENTITY, &page_data);
    }
    let actor = actor(&user);
    let mailing = state.mailing();
    let queued = db(&state, move |conn| {
        Ok(invitations::cancel(conn, id, &reason, &actor, &mailing)?)
    })
    .await?;
    Ok(see_other(&if queued > 0 {
        format!("/meetings/{id}/delivery?done=cancelled")
    } else {
        format!("/meetings/{id}?done=cancelled")
    }))
}
