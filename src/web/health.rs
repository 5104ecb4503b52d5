//! Liveness and readiness in one: answers 200 when the database answers.

use actix_web::web::Data;
use actix_web::{HttpResponse, get};
use diesel::connection::SimpleConnection;

use super::{AppState, db};

#[get("/healthz")]
pub async fn healthz(state: Data<AppState>) -> HttpResponse {
    let backend = state.settings.backend.name();
    let check = db(&state, |conn| Ok(conn.batch_execute("SELECT 1")?)).await;
    let (status, database) = match check {
        Ok(()) => (actix_web::http::StatusCode::OK, "ok"),
        Err(error) => {
            tracing::warn!(%error, "health check: database unreachable");
            (
                actix_web::http::StatusCode::SERVICE_UNAVAILABLE,
                "unreachable",
            )
        }
    };
    HttpResponse::build(status)
        .insert_header(("Cache-Control", "no-store"))
        .json(serde_json::json!({
            "status": if database == "ok" { "ok" } else { "error" },
            "database": database,
            "backend": backend,
            "version": env!("CARGO_PKG_VERSION"),
        }))
}
