//! What the secretariat sees while mail cannot go: messages waiting to retry
//! (with the server's last reply and the next attempt), a pause of all
//! sending on a meeting's delivery page, and failure lists that say how much
//! they leave out.

use std::time::{Duration, Instant};

use convene::config::RawSettings;
use convene::db::audit::Actor;
use convene::db::outbox::{self, NewMessage, PauseScope};
use convene::db::schema::outbox as table;
use diesel::prelude::*;

use crate::fixtures::{add_state_contact, approved_meeting, send_invitations};
use crate::helpers::{TestApp, spawn_app_with};
use crate::outbox::{fast_mail, queue};
use crate::smtp::SmtpServer;

const GREYLISTED: &str = "451 4.7.1 greylisted, try again later";

/// An app sending through `smtp` whose retries come only after ten minutes,
/// logged in as the secretariat.
async fn slow_retries(smtp: Option<&SmtpServer>) -> TestApp {
    let url = smtp.map(SmtpServer::url);
    let app = spawn_app_with(|raw: &mut RawSettings| {
        fast_mail(raw, url);
        raw.mail_retry_base_ms = Some("600000".into());
    })
    .await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    app
}

/// Waits until `n` rows are queued again with a reply kept.
async fn wait_waiting(app: &TestApp, n: i64) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let waiting = outbox::waiting(&mut app.conn(), None, None).expect("query");
        if waiting.count >= n {
            return;
        }
        assert!(Instant::now() < deadline, "{waiting:?}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// The next attempt of a row, as the pages show it.
fn next_attempt(app: &TestApp, id: i64) -> String {
    let row = outbox::get(&mut app.conn(), id)
        .expect("query")
        .expect("row");
    row.next_attempt_at
        .format("%Y-%m-%d %H:%M:%S UTC")
        .to_string()
}

#[tokio::test]
async fn a_temporary_failure_shows_on_the_outbox_page_as_waiting_with_the_reply_and_next_attempt() {
    let smtp = SmtpServer::start();
    smtp.fail_next(100, GREYLISTED);
    let app = slow_retries(Some(&smtp)).await;
    let (id, _) = queue(&app, "coord@mission.example", "en");
    wait_waiting(&app, 1).await;

    let html = app.get_html("/outbox").await;
    assert!(
        html.contains("Waiting to retry: <strong id=\"count-waiting\">1</strong>"),
        "{html}"
    );
    assert!(html.contains(GREYLISTED), "the server's reply is shown");
    assert!(
        html.contains(&format!(
            "next attempt at <span id=\"next-attempt\">{}</span>",
            next_attempt(&app, id)
        )),
        "{html}"
    );
    assert!(html.contains("<td id=\"count-failed\">0</td>"));
}

#[tokio::test]
async fn the_delivery_page_and_its_json_show_invitations_waiting_to_retry() {
    let smtp = SmtpServer::start();
    smtp.fail_next(100, GREYLISTED);
    let app = slow_retries(Some(&smtp)).await;
    add_state_contact(&app, "CH", "Mission de Suisse", "ch@mission.example", "fr");
    add_state_contact(&app, "JP", "Japan Mission", "jp@mission.example", "en");
    let id = approved_meeting(&app).await;
    assert_eq!(send_invitations(&app, id).await.status(), 303);
    wait_waiting(&app, 2).await;

    let page = app.get_html(&format!("/meetings/{id}/delivery")).await;
    assert!(
        page.contains("Waiting to retry: <strong id=\"count-waiting\">2</strong>"),
        "{page}"
    );
    assert!(page.contains(GREYLISTED));
    assert!(page.contains("next attempt at <span id=\"next-attempt\">20"));
    let progress: serde_json::Value = app
        .get(&format!("/api/v1/meetings/{id}/delivery"))
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(progress["waiting"], 2);
    assert_eq!(progress["failed"], 0);
    assert_eq!(progress["last_reply"], GREYLISTED);
    assert!(
        progress["next_attempt"]
            .as_str()
            .is_some_and(|t| t.ends_with(" UTC")),
        "{progress}"
    );
}

#[tokio::test]
async fn the_delivery_page_says_when_all_sending_is_paused() {
    let app = slow_retries(None).await;
    let id = approved_meeting(&app).await;
    let before = app.get_html(&format!("/meetings/{id}/delivery")).await;
    assert!(!before.contains("id=\"paused-all\""));

    let response = app.post_form("/outbox", "/outbox/pause", &[]).await;
    assert_eq!(response.status(), 303);
    let page = app.get_html(&format!("/meetings/{id}/delivery")).await;
    assert!(page.contains("id=\"paused-all\""), "{page}");
    assert!(page.contains("All sending is paused"));
    let progress: serde_json::Value = app
        .get(&format!("/api/v1/meetings/{id}/delivery"))
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(progress["paused_all"], true);
    assert_eq!(
        progress["paused"], false,
        "this meeting's own pause is apart"
    );
}

/// Marks every queued message of the app failed with a 5xx reply.
fn fail_all(app: &TestApp) {
    diesel::update(table::table.filter(table::status.eq(outbox::QUEUED)))
        .set((
            table::status.eq(outbox::FAILED),
            table::attempts.eq(1),
            table::last_error.eq(Some("550 5.1.1 mailbox unavailable")),
        ))
        .execute(&mut *app.conn())
        .expect("failed");
}

#[tokio::test]
async fn cut_failure_lists_say_how_many_more_failed() {
    let app = slow_retries(None).await;
    outbox::pause(&mut app.conn(), PauseScope::All, &Actor::System).expect("pause");
    for i in 0..53 {
        queue(&app, &format!("c{i}@mission.example"), "en");
    }
    fail_all(&app);
    let html = app.get_html("/outbox").await;
    assert!(html.contains("<td id=\"count-failed\">53</td>"), "{html}");
    assert!(html.contains("… and 3 more failed messages"), "{html}");

    let id = approved_meeting(&app).await;
    let invitations: Vec<NewMessage> = (0..203)
        .map(|i| NewMessage {
            kind: "invitation".into(),
            meeting_id: Some(id),
            recipient_email: format!("i{i}@mission.example"),
            recipient_name: String::new(),
            language: "en".into(),
            params: serde_json::json!({}),
            sealed_secret: None,
            dedupe_key: None,
        })
        .collect();
    outbox::enqueue_batch(&mut app.conn(), &invitations, "127.0.0.1").expect("queued");
    fail_all(&app);
    let page = app.get_html(&format!("/meetings/{id}/delivery")).await;
    assert!(page.contains("<td id=\"count-failed\">203</td>"), "{page}");
    assert!(page.contains("… and 3 more failed messages"), "{page}");
}
