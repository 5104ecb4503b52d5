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

const DELIVERY_SCRIPT: &str = include_str!("../../templates/assets/delivery.js");

/// Live progress on the delivery page; the page works without it.
#[get("/assets/delivery.js")]
pub async fn delivery_script() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/javascript; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(DELIVERY_SCRIPT)
}
