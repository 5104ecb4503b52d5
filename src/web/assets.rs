//! Static assets compiled into the binary: one deployable file, no CDN.

use actix_web::http::header;
use actix_web::{HttpResponse, get};

const STYLESHEET: &str = include_str!("../../templates/assets/style.css");

#[get("/assets/style.css")]
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/css; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(STYLESHEET)
}
