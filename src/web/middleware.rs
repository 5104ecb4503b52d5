//! Cross-cutting middleware: security headers and the request log.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::{DefaultHeaders, Next};

/// Headers on every response. The policy allows no inline script or style at
/// all; pages work without JavaScript.
pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=()",
        ))
}

/// Logs one line per request: method, the matched route *pattern* (so a token
/// in a path such as `/c/{token}` is never written), status and duration. The
/// query string, cookies and bodies are never logged.
pub async fn log_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req
        .match_pattern()
        .unwrap_or_else(|| "<unmatched>".to_owned());
    let result = next.call(req).await;
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    match &result {
        Ok(response) => tracing::info!(
            method = %method,
            route = %route,
            status = response.status().as_u16(),
            elapsed_ms = format!("{elapsed_ms:.1}"),
            "request"
        ),
        Err(error) => tracing::warn!(
            method = %method,
            route = %route,
            status = error.as_response_error().status_code().as_u16(),
            elapsed_ms = format!("{elapsed_ms:.1}"),
            "request failed"
        ),
    }
    result
}

/// Pages opened by a personal link (`/c/…`, `/i/…`) carry the token in their
/// address: no cache may keep them.
pub async fn no_store_personal_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let personal = req.path().starts_with("/c/") || req.path().starts_with("/i/");
    let mut response = next.call(req).await?;
    if personal {
        response.headers_mut().insert(
            actix_web::http::header::CACHE_CONTROL,
            actix_web::http::header::HeaderValue::from_static("no-store"),
        );
    }
    Ok(response)
}
