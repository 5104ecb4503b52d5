//! The JSON API. Every error under `/api/` is an RFC 9457 problem body.

use actix_web::{HttpResponse, web};

use super::error::{ApiError, AppError};
use super::session::CurrentUser;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/v1/me", web::get().to(me))
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

async fn not_found() -> Result<HttpResponse, ApiError> {
    Err(ApiError(AppError::NotFound))
}
