//! Prometheus metrics: on their own address when asked for, never on the
//! application's.

use crate::helpers::{spawn_app, spawn_app_with};
use crate::outbox::{fast_mail, queue, wait_status};
use crate::smtp::SmtpServer;

#[tokio::test]
async fn metrics_are_served_on_their_own_address_after_some_traffic() {
    let smtp = SmtpServer::start();
    let url = smtp.url();
    let app = spawn_app_with(|raw| {
        fast_mail(raw, Some(url));
        raw.metrics_bind = Some("127.0.0.1:0".into());
    })
    .await;
    assert_eq!(app.get("/healthz").await.status(), 200);
    assert_eq!(app.get("/nowhere").await.status(), 404);
    // A path holding a token, and one inside a scope: counted by their
    // patterns, never by the path.
    assert_eq!(app.get("/c/not-a-real-token").await.status(), 404);
    assert!(
        app.get("/api/v1/meetings/424242/delivery")
            .await
            .status()
            .is_client_error()
    );
    let (id, _) = queue(&app, "coord@mission.example", "en");
    wait_status(&app, id, convene::db::outbox::SENT).await;

    let address = app.metrics_address.clone().expect("metrics are on");
    let response = reqwest::get(format!("{address}/metrics"))
        .await
        .expect("scrape");
    assert_eq!(response.status(), 200);
    assert!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/plain")),
    );
    let text = response.text().await.expect("body");
    for expected in [
        "convene_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"}",
        "status=\"404\"",
        "convene_http_requests_total{method=\"GET\",route=\"/c/{token}\",status=\"404\"}",
        "route=\"/api/v1/meetings/{id}/delivery\"",
        "convene_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\"",
        "convene_db_pool_connections{state=\"in_use\"}",
        "convene_db_pool_connections{state=\"idle\"}",
        "convene_outbox_messages{state=\"queued\"}",
        "convene_outbox_messages{state=\"sending\"}",
        "convene_outbox_messages{state=\"waiting_to_retry\"}",
        "convene_outbox_messages{state=\"sent\"}",
        "convene_outbox_messages{state=\"failed\"}",
        "convene_outbox_sent_total",
        "convene_outbox_send_duration_seconds_bucket",
        "convene_outbox_oldest_queued_age_seconds",
        "# TYPE convene_http_requests_total counter",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    for path in ["/nowhere", "not-a-real-token", "424242"] {
        assert!(!text.contains(path), "routes are patterns, never paths");
    }
}

#[tokio::test]
async fn metrics_are_not_served_on_the_applications_address() {
    let with = spawn_app_with(|raw| raw.metrics_bind = Some("127.0.0.1:0".into())).await;
    assert_eq!(with.get("/metrics").await.status(), 404);
    let without = spawn_app().await;
    assert!(without.metrics_address.is_none(), "off by default");
    assert_eq!(without.get("/metrics").await.status(), 404);
}
