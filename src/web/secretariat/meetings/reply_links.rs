//! The personal reply links of a meeting's recipients: withdraw one (the
//! link answers 410 and no more mail goes there) or re-issue it (the old link
//! answers 410 and the invitation goes again with a new one). Both are
//! audited; removing a contact from the directory withdraws it everywhere.

use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get, post};
use askama::Template;
use serde::Deserialize;

use super::actor;
use crate::db::invitations::{self, RecipientLinks};
use crate::db::meetings;
use crate::domain::meeting::{Status, show_instant};
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::extract::Query;
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, Layout, db, page, see_other};

pub struct Row {
    pub id: i64,
    pub invitee: String,
    pub name: String,
    pub email: String,
    pub state: &'static str,
    pub withdrawn: bool,
    pub since: String,
}

#[derive(Template)]
#[template(path = "secretariat/reply_links.html")]
struct LinksPage {
    layout: Layout,
    id: i64,
    title: String,
    can_reissue: bool,
    notice: Option<&'static str>,
    rows: Vec<Row>,
}

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

#[derive(Deserialize)]
pub struct NoFields {}

fn row(entry: RecipientLinks, zone: chrono_tz::Tz) -> Row {
    let r = entry.recipient;
    let (state, withdrawn) = match (r.withdrawn_at, entry.live_links) {
        (Some(_), _) => ("Withdrawn", true),
        (None, 0) => ("No live link", false),
        (None, _) => ("Active", false),
    };
    Row {
        id: r.id,
        invitee: entry.invitee_name,
        name: r.name,
        email: r.email,
        state,
        withdrawn,
        since: r
            .withdrawn_at
            .map(|at| show_instant(at.and_utc(), zone))
            .unwrap_or_default(),
    }
}

#[get("/meetings/{id}/reply-links")]
pub async fn show(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    path: Path<i64>,
    query: Query<Done>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (meeting, entries) = db(&state, move |conn| {
        Ok((meetings::get(conn, id)?, invitations::links(conn, id)?))
    })
    .await?;
    let zone = meeting.settings.time_zone;
    let notice = match query.done.as_deref() {
        Some("withdrawn") => Some("The link was withdrawn: it no longer opens the reply page."),
        Some("reissued") => {
            Some("A new link is on its way with the invitation; the old one no longer works.")
        }
        _ => None,
    };
    page(
        StatusCode::OK,
        &LinksPage {
            layout: Layout {
                user_name: user.display_name().to_owned(),
                csrf: csrf.0,
            },
            id: meeting.id,
            title: meeting.settings.title.clone(),
            can_reissue: meeting.status == Status::Invited,
            notice,
            rows: entries.into_iter().map(|e| row(e, zone)).collect(),
        },
    )
}

#[post("/meetings/{id}/reply-links/{recipient}/withdraw")]
pub async fn withdraw(
    state: Data<AppState>,
    user: CurrentUser,
    path: Path<(i64, i64)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let (id, recipient) = path.into_inner();
    let actor = actor(&user);
    db(&state, move |conn| {
        Ok(invitations::withdraw(conn, id, recipient, &actor)?)
    })
    .await?;
    Ok(see_other(&format!(
        "/meetings/{id}/reply-links?done=withdrawn"
    )))
}

#[post("/meetings/{id}/reply-links/{recipient}/reissue")]
pub async fn reissue(
    state: Data<AppState>,
    user: CurrentUser,
    path: Path<(i64, i64)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let (id, recipient) = path.into_inner();
    let actor = actor(&user);
    let mailing = state.mailing();
    db(&state, move |conn| {
        Ok(invitations::reissue_link(
            conn, id, recipient, &actor, &mailing,
        )?)
    })
    .await?;
    Ok(see_other(&format!(
        "/meetings/{id}/reply-links?done=reissued"
    )))
}
