//! The JSON API. Every error under `/api/` is an RFC 9457 problem body.

use actix_web::{HttpResponse, web};

use super::error::{ApiError, AppError};
use super::session::CurrentUser;
use super::{AppState, db};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/v1/me", web::get().to(me))
        .route("/v1/meetings/{id}/delivery", web::get().to(delivery))
        .default_service(web::to(not_found));
}

/// Who the session belongs to; a cheap way for scripts to check their login.
async fn me(user: Result<CurrentUser, AppError>) -> Result<HttpResponse, ApiError> {
    let user = user?;
    Ok(HttpResponse::Ok().json(serde_json::json!({
        "id": user.id.0,
        "email": user.email,
        "name": user.name,
    })))
}

/// A meeting's invitation delivery: queued, sent, failed, total, done,
/// percent, paused. The delivery page polls it.
async fn delivery(
    state: web::Data<AppState>,
    user: Result<CurrentUser, AppError>,
    path: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    user?;
    let id = path.into_inner();
    let progress = db(&state, move |conn| {
        crate::web::secretariat::meetings::delivery::progress(conn, id)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(progress))
}

async fn not_found() -> Result<HttpResponse, ApiError> {
    Err(ApiError(AppError::NotFound))
}
