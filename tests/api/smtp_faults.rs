//! What the outbox does when the SMTP server misbehaves at a given point of
//! the conversation: each fault played by the in-process test server.

use std::time::Duration;

use convene::db::outbox;

use crate::helpers::spawn_app_with;
use crate::outbox::{app_sending_to, fast_mail, queue, several_polls, wait_status};
use crate::smtp::{Command, SmtpServer};

#[tokio::test]
async fn a_421_that_closes_the_connection_is_retried_and_the_message_delivered_once() {
    let smtp = SmtpServer::start();
    smtp.fail_at(Command::Mail, 1, "421 4.3.2 service shutting down");
    let app = app_sending_to(&smtp).await;
    let (id, _) = queue(&app, "coord@mission.example", "en");

    let row = wait_status(&app, id, outbox::SENT).await;
    assert_eq!(row.attempts, 2, "refused once with 421, then delivered");
    several_polls().await;
    assert_eq!(smtp.messages().len(), 1);
}

#[tokio::test]
async fn a_connection_dropped_before_the_server_accepts_the_data_is_retried_and_delivered_once() {
    let smtp = SmtpServer::start();
    smtp.drop_at(Command::Message, 1);
    let app = app_sending_to(&smtp).await;
    let (id, _) = queue(&app, "coord@mission.example", "en");

    let row = wait_status(&app, id, outbox::SENT).await;
    assert_eq!(row.attempts, 2, "cut off once, then delivered");
    several_polls().await;
    assert_eq!(smtp.messages().len(), 1);
}

#[tokio::test]
async fn a_permanent_refusal_of_the_sender_marks_the_message_failed_with_the_reply() {
    let smtp = SmtpServer::start();
    smtp.fail_at(Command::Mail, 1, "554 5.7.1 sender not allowed");
    let app = app_sending_to(&smtp).await;
    let (id, _) = queue(&app, "coord@mission.example", "en");

    let row = wait_status(&app, id, outbox::FAILED).await;
    assert_eq!(row.attempts, 1, "a 5xx is not retried");
    let error = row.last_error.expect("the server's reply is kept");
    assert!(error.contains("554 5.7.1 sender not allowed"), "{error}");
    assert!(smtp.messages().is_empty());
}

#[tokio::test]
async fn a_slow_server_is_waited_for_and_the_message_sent_once() {
    let smtp = SmtpServer::start();
    smtp.slow_at(Command::Message, Duration::from_millis(1500));
    let app = app_sending_to(&smtp).await;
    let (id, _) = queue(&app, "coord@mission.example", "en");

    let row = wait_status(&app, id, outbox::SENT).await;
    assert_eq!(row.attempts, 1, "a slow answer is not a failure");
    several_polls().await;
    assert_eq!(smtp.messages().len(), 1);
}

#[tokio::test]
async fn the_greeting_names_the_service_by_the_host_of_its_base_url() {
    let smtp = SmtpServer::start();
    let url = smtp.url();
    let app = spawn_app_with(|raw| {
        fast_mail(raw, Some(url));
        raw.base_url = Some("https://meetings.wipo.example/".into());
    })
    .await;
    queue(&app, "coord@mission.example", "en");

    let received = smtp.wait_for(1).await;
    assert_eq!(received[0].helo, "meetings.wipo.example");
}

#[tokio::test]
async fn a_live_workers_claims_outlast_the_lease_on_a_slow_server_and_no_message_goes_twice() {
    // Each message takes 0.7 s to be accepted and two go at a time, so the
    // last of twelve waits about four seconds after its claim: twice the lease.
    let smtp = SmtpServer::start();
    smtp.slow_at(Command::Message, Duration::from_millis(700));
    let url = smtp.url();
    let app = spawn_app_with(|raw| {
        fast_mail(raw, Some(url));
        raw.mail_concurrency = Some("2".into());
        raw.mail_lease_seconds = Some("2".into());
    })
    .await;
    let count = 12;
    let ids: Vec<i64> = (0..count)
        .map(|i| queue(&app, &format!("c{i}@mission.example"), "en").0)
        .collect();

    for id in &ids {
        let row = wait_status(&app, *id, outbox::SENT).await;
        assert_eq!(row.attempts, 1, "message {id} was claimed again");
    }
    // A message claimed twice is sent again after its first copy is recorded:
    // wait until nothing has arrived for two messages' time.
    let mut received = smtp.messages();
    loop {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let now = smtp.messages();
        if now.len() == received.len() {
            break;
        }
        received = now;
    }
    let mut message_ids: Vec<&str> = received.iter().map(|m| m.message_id.as_str()).collect();
    message_ids.sort();
    message_ids.dedup();
    assert_eq!(message_ids.len(), count, "every message arrived");
    assert_eq!(received.len(), count, "and none twice");
}

/// Queues `count` messages; returns their ids.
fn queue_many(app: &crate::helpers::TestApp, count: usize) -> Vec<i64> {
    (0..count)
        .map(|i| queue(app, &format!("c{i}@mission.example"), "en").0)
        .collect()
}

/// Waits until every message is sent, then checks that each arrived once.
async fn all_delivered_once(app: &crate::helpers::TestApp, smtp: &SmtpServer, ids: &[i64]) {
    for id in ids {
        wait_status(app, *id, outbox::SENT).await;
    }
    several_polls().await;
    let received = smtp.messages();
    let mut message_ids: Vec<&str> = received.iter().map(|m| m.message_id.as_str()).collect();
    message_ids.sort();
    message_ids.dedup();
    assert_eq!(received.len(), ids.len(), "each exactly once");
    assert_eq!(message_ids.len(), ids.len());
}

#[tokio::test]
async fn a_server_that_turns_every_connection_away_is_tried_a_few_times_not_at_the_sending_rate() {
    // The rate is 1,000 a second and retries start after 100 ms: without a
    // backoff per connection, 20 messages make about a hundred connections
    // in three seconds.
    let smtp = SmtpServer::start();
    smtp.fail_at(Command::Greeting, 10_000, "421 4.3.2 service not available");
    let app = app_sending_to(&smtp).await;
    let ids = queue_many(&app, 20);

    tokio::time::sleep(Duration::from_secs(3)).await;
    let tried = smtp.connections();
    assert!(tried <= 8, "{tried} connections in three seconds");
    let rows = outbox::latest(&mut app.conn(), 100).expect("rows");
    assert!(rows.iter().all(|r| r.status == outbox::QUEUED), "{rows:?}");
    assert!(
        rows.iter()
            .all(|r| r.last_error.as_deref().is_some_and(|e| e.contains("421"))),
        "each waits with the server's reply"
    );

    smtp.clear_faults();
    all_delivered_once(&app, &smtp, &ids).await;
}

#[tokio::test]
async fn while_nothing_listens_messages_wait_without_using_up_an_attempt_each_and_go_once_it_returns()
 {
    let mut smtp = SmtpServer::start();
    let app = app_sending_to(&smtp).await;
    smtp.stop();
    let ids = queue_many(&app, 20);

    tokio::time::sleep(Duration::from_secs(3)).await;
    let rows = outbox::latest(&mut app.conn(), 100).expect("rows");
    let attempts: i32 = rows.iter().map(|r| r.attempts).sum();
    assert!(
        attempts <= 8,
        "{attempts} connection attempts in three seconds"
    );
    assert!(rows.iter().all(|r| r.status == outbox::QUEUED));

    smtp.restart();
    all_delivered_once(&app, &smtp, &ids).await;
}
