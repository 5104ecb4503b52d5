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
    let result = next.call(req).await;
    let route = route_of(&result);
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

/// The route pattern a request was routed to (`/c/{token}`: never the path,
/// which may hold a token), read once the request has been routed: actix then
/// finds it from the resource that matched rather than matching the path
/// against every route again (which, before routing, cost a form view 5 %
/// of its time for each of the two middlewares that ask).
pub fn route_of<B>(result: &Result<ServiceResponse<B>, actix_web::Error>) -> String {
    match result {
        Ok(response) => response.request().match_pattern(),
        // Only a middleware fails this way, before any route answered.
        Err(_) => None,
    }
    .unwrap_or_else(|| "<unmatched>".to_owned())
}

/// No cache may keep any answer but the static assets: personal-link pages
/// carry a token in their address, and secretariat pages, the API and the CSV
/// exports carry the directory's and the meetings' data (ASVS 8.2.1).
pub async fn no_store_personal_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let cacheable = req.path().starts_with("/assets/");
    let mut response = next.call(req).await?;
    if !cacheable {
        response.headers_mut().insert(
            actix_web::http::header::CACHE_CONTROL,
            actix_web::http::header::HeaderValue::from_static("no-store"),
        );
    }
    Ok(response)
}

/// Bounds the time a request's body may take to arrive. actix times out
/// slow headers (`client_request_timeout`) but not slow bodies, so a client
/// sending a byte a minute could hold a connection and a worker's attention
/// forever. Past the deadline the body reads as an error: the extractor
/// answers 400 and the connection is closed.
pub async fn body_deadline(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    use actix_web::HttpMessage;

    let limit = req
        .app_data::<actix_web::web::Data<super::AppState>>()
        .map_or(std::time::Duration::from_secs(30), |s| {
            s.settings.request_body_timeout
        });
    let timed = Deadline {
        inner: Some(req.take_payload()),
        sleep: Box::pin(tokio::time::sleep(limit)),
    };
    let boxed: std::pin::Pin<Box<dyn futures_util::Stream<Item = _>>> = Box::pin(timed);
    req.set_payload(actix_web::dev::Payload::from(boxed));
    next.call(req).await
}

/// A request body that ends with an error once its time is up.
struct Deadline {
    inner: Option<actix_web::dev::Payload>,
    sleep: std::pin::Pin<Box<tokio::time::Sleep>>,
}

impl futures_util::Stream for Deadline {
    type Item = Result<actix_web::web::Bytes, actix_web::error::PayloadError>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        use std::future::Future;
        use std::task::Poll;

        let Some(inner) = self.inner.as_mut() else {
            return Poll::Ready(None);
        };
        if let Poll::Ready(item) = futures_util::StreamExt::poll_next_unpin(inner, cx) {
            if item.is_none() {
                self.inner = None;
            }
            return Poll::Ready(item);
        }
        if self.sleep.as_mut().poll(cx).is_ready() {
            self.inner = None;
            return Poll::Ready(Some(Err(actix_web::error::PayloadError::Io(
                std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    "the request body did not arrive in time",
                ),
            ))));
        }
        Poll::Pending
    }
}
