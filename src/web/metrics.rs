//! Prometheus metrics for operators, served on their own address
//! (`CONVENE_METRICS_BIND`, off by default) so that they are never public by
//! accident: HTTP requests and durations by route pattern and status, the
//! database pool, the outbox by state with its counters, send durations and
//! the age of the oldest queued message. Gauges read from the database are
//! taken at each scrape.

use std::net::TcpListener;
use std::sync::OnceLock;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web::{self, Data};
use actix_web::{App, HttpResponse, HttpServer};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

use super::{AppState, db};
use crate::db::outbox;

/// Histogram buckets, in seconds: from a fast page to a slow SMTP server.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the process-wide recorder (once; later calls share it).
pub fn install() -> PrometheusHandle {
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new();
            let recorder = builder
                .set_buckets(&BUCKETS)
                .unwrap_or_else(|_| PrometheusBuilder::new())
                .build_recorder();
            let handle = recorder.handle();
            if metrics::set_global_recorder(recorder).is_err() {
                tracing::warn!("another metrics recorder is installed; /metrics stays empty");
            }
            describe();
            handle
        })
        .clone()
}

fn describe() {
    use metrics::{Unit, describe_counter, describe_gauge, describe_histogram};
    describe_counter!(
        "convene_http_requests_total",
        "HTTP requests by route pattern and status"
    );
    describe_histogram!(
        "convene_http_request_duration_seconds",
        Unit::Seconds,
        "Time to answer an HTTP request, by route pattern"
    );
    describe_gauge!(
        "convene_db_pool_connections",
        "Database connections by state (in_use, idle)"
    );
    describe_gauge!(
        "convene_outbox_messages",
        "Outbox messages by state (queued, sending, waiting_to_retry, sent, failed)"
    );
    describe_gauge!(
        "convene_outbox_oldest_queued_age_seconds",
        Unit::Seconds,
        "Age of the oldest message waiting to be sent (0 when none)"
    );
    describe_counter!(
        "convene_outbox_sent_total",
        "Messages the mail server accepted"
    );
    describe_counter!("convene_outbox_failed_total", "Messages given up on");
    describe_counter!(
        "convene_outbox_retried_total",
        "Temporary failures queued for a retry"
    );
    describe_counter!(
        "convene_outbox_deferred_total",
        "Messages not attempted while the mail server was unreachable"
    );
    describe_histogram!(
        "convene_outbox_send_duration_seconds",
        Unit::Seconds,
        "Time to hand one message to the mail server"
    );
}

/// Counts each request and its duration by route pattern (never the path,
/// which may hold a token).
pub async fn track_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().to_string();
    let result = next.call(req).await;
    let route = super::middleware::route_of(&result);
    let status = match &result {
        Ok(response) => response.status().as_u16(),
        Err(error) => error.as_response_error().status_code().as_u16(),
    };
    metrics::counter!(
        "convene_http_requests_total",
        "method" => method.clone(),
        "route" => route.clone(),
        "status" => status.to_string()
    )
    .increment(1);
    metrics::histogram!(
        "convene_http_request_duration_seconds",
        "method" => method,
        "route" => route
    )
    .record(started.elapsed().as_secs_f64());
    result
}

/// The metrics server on its own listener.
pub fn server(
    listener: TcpListener,
    state: AppState,
    handle: PrometheusHandle,
) -> std::io::Result<Server> {
    let state = Data::new(state);
    let handle = Data::new(handle);
    Ok(HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(handle.clone())
            .route("/metrics", web::get().to(scrape))
    })
    .workers(1)
    .disable_signals()
    .shutdown_timeout(1)
    .listen(listener)?
    .run())
}

async fn scrape(state: Data<AppState>, handle: Data<PrometheusHandle>) -> HttpResponse {
    let pool = state.pool.state();
    let idle = f64::from(pool.idle_connections);
    metrics::gauge!("convene_db_pool_connections", "state" => "idle").set(idle);
    metrics::gauge!("convene_db_pool_connections", "state" => "in_use")
        .set(f64::from(pool.connections) - idle);
    let outbox_figures = db(&state, |conn| {
        Ok((
            outbox::counts(conn, None)?,
            outbox::waiting(conn, None, None)?,
            outbox::oldest_queued(conn)?,
        ))
    })
    .await;
    match outbox_figures {
        Ok((counts, waiting, oldest)) => {
            let by_state = [
                ("queued", counts.queued - waiting.count),
                ("waiting_to_retry", waiting.count),
                ("sending", counts.sending),
                ("sent", counts.sent),
                ("failed", counts.failed),
            ];
            for (name, n) in by_state {
                metrics::gauge!("convene_outbox_messages", "state" => name).set(n as f64);
            }
            let age = oldest.map_or(0.0, |at| {
                (crate::db::now() - at).num_milliseconds().max(0) as f64 / 1000.0
            });
            metrics::gauge!("convene_outbox_oldest_queued_age_seconds").set(age);
        }
        Err(error) => tracing::warn!(%error, "metrics: cannot read the outbox"),
    }
    handle.run_upkeep();
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(handle.render())
}
