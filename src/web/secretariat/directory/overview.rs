//! The directory's start page: what it holds and what needs attention.

use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{HttpResponse, get};
use askama::Template;

use super::layout;
use crate::db::directory::{contacts, groups, organisations, states};
use crate::web::csrf::CsrfToken;
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, Layout, db, page};

#[derive(Template)]
#[template(path = "directory/overview.html")]
struct Overview {
    layout: Layout,
    groups: i64,
    states: i64,
    flagged: i64,
    organisations: i64,
    contacts: i64,
}

#[get("/directory")]
#[tracing::instrument(skip_all)]
pub async fn show(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let (groups, states, flagged, organisations, contacts) = db(&state, |conn| {
        Ok((
            groups::count(conn)?,
            states::count(conn)?,
            states::flagged_count(conn)?,
            organisations::count(conn)?,
            contacts::count(conn)?,
        ))
    })
    .await?;
    page(
        StatusCode::OK,
        &Overview {
            layout: layout(&user, csrf),
            groups,
            states,
            flagged,
            organisations,
            contacts,
        },
    )
}
