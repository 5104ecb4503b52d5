//! Actions on a meeting's consultation. Each is a POST with the CSRF token,
//! runs in one transaction with its audit entry and emails, and answers with a
//! redirect back to the meeting page saying what happened.

use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, post};
use serde::Deserialize;

use super::actor;
use crate::db::consultation;
use crate::web::csrf::CsrfForm;
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, db, see_other};

#[derive(Deserialize)]
pub struct NoFields {}

fn back(id: i64, done: &str) -> HttpResponse {
    see_other(&format!("/meetings/{id}?done={done}"))
}

#[post("/meetings/{id}/open")]
pub async fn open(
    state: Data<AppState>,
    user: CurrentUser,
    path: Path<i64>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let actor = actor(&user);
    let user_id = user.id.0;
    let mailing = state.mailing();
    db(&state, move |conn| {
        Ok(consultation::open(
            conn,
            id,
            &actor,
            Some(user_id),
            &mailing,
        )?)
    })
    .await?;
    Ok(back(id, "opened"))
}

#[post("/meetings/{id}/close")]
pub async fn close(
    state: Data<AppState>,
    user: CurrentUser,
    path: Path<i64>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let actor = actor(&user);
    db(&state, move |conn| {
        Ok(consultation::close(
            conn,
            id,
            &actor,
            "Consultation closed early by hand",
        )?)
    })
    .await?;
    Ok(back(id, "closed"))
}

#[post("/meetings/{id}/remind")]
pub async fn remind(
    state: Data<AppState>,
    user: CurrentUser,
    path: Path<i64>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let actor = actor(&user);
    let mailing = state.mailing();
    let queued = db(&state, move |conn| {
        Ok(consultation::remind(conn, id, None, &actor, &mailing)?)
    })
    .await?;
    Ok(back(id, if queued > 0 { "reminded" } else { "nobody" }))
}

#[post("/meetings/{id}/links/{link}/revoke")]
pub async fn revoke(
    state: Data<AppState>,
    user: CurrentUser,
    path: Path<(i64, i64)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let (id, link) = path.into_inner();
    let actor = actor(&user);
    db(&state, move |conn| {
        Ok(consultation::revoke(conn, id, link, &actor)?)
    })
    .await?;
    Ok(back(id, "revoked"))
}

#[post("/meetings/{id}/links/{link}/reissue")]
pub async fn reissue(
    state: Data<AppState>,
    user: CurrentUser,
    path: Path<(i64, i64)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let (id, link) = path.into_inner();
    let actor = actor(&user);
    let user_id = user.id.0;
    let mailing = state.mailing();
    db(&state, move |conn| {
        Ok(consultation::reissue(
            conn,
            id,
            link,
            &actor,
            Some(user_id),
            &mailing,
        )?)
    })
    .await?;
    Ok(back(id, "reissued"))
}
