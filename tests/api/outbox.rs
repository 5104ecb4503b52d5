//! The outbox end to end: rows queued in the database, the real worker, and a
//! real SMTP server (or the .eml folder), on SQLite and PostgreSQL alike.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use convene::config::RawSettings;
use convene::db::audit::Actor;
use convene::db::outbox::{self, Message, NewMessage, PauseScope};
use convene::domain::seal::SealKey;
use convene::domain::token::Token;
use convene::mail::kinds::{self, CoordinatorParams};

use crate::helpers::{TestApp, csrf_token, location, minutes_ago, spawn_app_with};
use crate::smtp::SmtpServer;

/// Given to the app, so that the tests can seal tokens as the app does.
pub(crate) const SECRET: &str = "the outbox tests' instance secret, long enough";
const SECRETARIAT: &str = "meetings@wipo.int";

/// Fast polling and retries, the secretariat as Reply-To, and `smtp_url`.
pub(crate) fn fast_mail(raw: &mut RawSettings, smtp_url: Option<String>) {
    raw.secret_key = Some(SECRET.into());
    raw.smtp_url = smtp_url;
    raw.outbox_poll_ms = Some("50".into());
    raw.mail_retry_base_ms = Some("100".into());
    raw.mail_rate = Some("1000".into());
    raw.reply_to = Some(format!("WIPO Secretariat <{SECRETARIAT}>"));
}

pub(crate) async fn app_sending_to(smtp: &SmtpServer) -> TestApp {
    let url = smtp.url();
    spawn_app_with(|raw| fast_mail(raw, Some(url))).await
}

/// A queued coordinator link; returns the row id and the personal token.
pub(crate) fn queue(app: &TestApp, email: &str, language: &str) -> (i64, String) {
    let (message, token) = coordinator_link(email, language);
    let domain = url::Url::parse(&app.address)
        .expect("address")
        .host_str()
        .expect("host")
        .to_owned();
    let id = outbox::enqueue(&mut app.conn(), &message, &domain)
        .expect("enqueue")
        .expect("no dedupe key, so always queued");
    (id, token)
}

/// A coordinator link to queue, and its personal token.
pub(crate) fn coordinator_link(email: &str, language: &str) -> (NewMessage, String) {
    let token = Token::generate().expose().to_owned();
    let params = CoordinatorParams {
        meeting_title: "Informal consultation on genetic resources".into(),
        meeting_purpose: "To agree on the dates of the next session.".into(),
        organiser: "WIPO Secretariat".into(),
        group_name: "Group B".into(),
        recipient_name: "Ana Pérez".into(),
        time_zone: "Europe/Zurich".into(),
        window_start: "2027-03-01".into(),
        window_end: "2027-03-12".into(),
        deadline_utc: "2027-01-15T17:00:00Z".into(),
    };
    let message = NewMessage {
        kind: kinds::COORDINATOR_LINK.into(),
        meeting_id: None,
        recipient_email: email.into(),
        recipient_name: "Ana Pérez".into(),
        language: language.into(),
        params: serde_json::to_value(params).expect("JSON"),
        sealed_secret: Some(SealKey::derive(SECRET).seal(&token)),
        dedupe_key: None,
    };
    (message, token)
}

fn row(app: &TestApp, id: i64) -> Message {
    outbox::get(&mut app.conn(), id)
        .expect("query")
        .expect("row exists")
}

/// Waits (a few seconds at most) until the row has `status`.
pub(crate) async fn wait_status(app: &TestApp, id: i64, status: &str) -> Message {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let row = row(app, id);
        if row.status == status {
            return row;
        }
        assert!(
            Instant::now() < deadline,
            "message {id} is {} (last error {:?}), expected {status}",
            row.status,
            row.last_error
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Long enough for the worker to have polled many times (it polls every 50 ms).
pub(crate) async fn several_polls() {
    tokio::time::sleep(Duration::from_millis(500)).await;
}

fn audit_actions(app: &TestApp) -> Vec<String> {
    use convene::db::schema::audit_log;
    use diesel::prelude::*;
    let mut conn = app.conn();
    audit_log::table
        .order(audit_log::id)
        .select(audit_log::action)
        .load(&mut *conn)
        .expect("audit log")
}

#[tokio::test]
async fn a_queued_message_is_delivered_once_in_the_recipients_language_with_its_headers() {
    let smtp = SmtpServer::start();
    let url = smtp.url();
    let app = spawn_app_with(|raw| {
        fast_mail(raw, Some(url));
        raw.base_url = Some("http://convene.test/".into());
    })
    .await;
    let cases = [
        (
            "fr@mission.example",
            "fr",
            "Consultation sur la date de la réunion",
            "merci de ne pas le transférer",
        ),
        (
            "es@mission.example",
            "es",
            "Consulta sobre las fechas de la reunión",
            "le rogamos que no lo reenvíe",
        ),
        (
            "en@mission.example",
            "en",
            "Consultation on the timing of",
            "please do not forward it",
        ),
        (
            "de@mission.example",
            "de",
            "Consultation on the timing of",
            "please do not forward it",
        ),
    ];
    let queued: Vec<(i64, String)> = cases
        .iter()
        .map(|(email, language, ..)| queue(&app, email, language))
        .collect();

    let received = smtp.wait_for(cases.len()).await;
    for ((id, token), (email, _, subject, personal)) in queued.iter().zip(cases) {
        let row = wait_status(&app, *id, outbox::SENT).await;
        let mail = received
            .iter()
            .find(|m| m.to == [email])
            .unwrap_or_else(|| panic!("a message to {email}"));
        assert_eq!(mail.envelope_to, [email], "the recipient alone");
        assert_eq!(format!("<{}>", mail.message_id), row.message_id);
        assert!(
            mail.message_id.ends_with("@127.0.0.1"),
            "{}",
            mail.message_id
        );
        assert_eq!(mail.auto_submitted.as_deref(), Some("auto-generated"));
        assert_eq!(mail.reply_to.as_deref(), Some(SECRETARIAT));
        assert!(mail.has_part("multipart/alternative"), "{}", mail.raw);
        assert!(mail.has_part("text/plain") && mail.has_part("text/html"));
        assert!(mail.subject.starts_with(subject), "{}", mail.subject);
        let link = format!("http://convene.test/c/{token}");
        assert!(mail.text.contains(&link), "{}", mail.text);
        assert!(mail.html.contains(&link));
        assert!(mail.text.contains(personal));
        assert!(mail.text.contains("Europe/Zurich"));
    }
    several_polls().await;
    assert_eq!(
        smtp.messages().len(),
        cases.len(),
        "each message exactly once"
    );
}

#[tokio::test]
async fn many_messages_go_over_a_few_reused_connections_at_most_one_per_concurrent_send() {
    let smtp = SmtpServer::start();
    let app = app_sending_to(&smtp).await;
    let count = 24;
    for i in 0..count {
        queue(&app, &format!("c{i}@mission.example"), "en");
    }

    let received = smtp.wait_for(count).await;
    let mut connections: Vec<&str> = received.iter().map(|m| m.client_port.as_str()).collect();
    connections.sort();
    connections.dedup();
    assert!(
        !connections.is_empty() && connections.len() <= 4,
        "the default concurrency is 4: {connections:?}"
    );
}

#[tokio::test]
async fn a_temporary_failure_is_retried_and_then_delivered_exactly_once() {
    let smtp = SmtpServer::start();
    smtp.fail_next(2, "451 4.3.0 try again later");
    let app = app_sending_to(&smtp).await;
    let (id, _) = queue(&app, "coord@mission.example", "en");

    let row = wait_status(&app, id, outbox::SENT).await;
    assert_eq!(row.attempts, 3, "two refusals, then delivered");
    assert_eq!(row.last_error, None);
    smtp.wait_for(1).await;
    several_polls().await;
    assert_eq!(smtp.messages().len(), 1);
}

#[tokio::test]
async fn a_temporary_failure_that_never_ends_marks_the_message_failed_after_the_last_attempt() {
    let smtp = SmtpServer::start();
    smtp.fail_next(100, "451 4.3.0 try again later");
    let url = smtp.url();
    let app = spawn_app_with(|raw| {
        fast_mail(raw, Some(url));
        raw.mail_max_attempts = Some("3".into());
    })
    .await;
    let (id, _) = queue(&app, "coord@mission.example", "en");

    let row = wait_status(&app, id, outbox::FAILED).await;
    assert_eq!(row.attempts, 3);
    let error = row.last_error.expect("the reason is kept");
    assert!(error.contains("451 4.3.0 try again later"), "{error}");
    assert!(smtp.messages().is_empty());
}

#[tokio::test]
async fn a_permanent_rejection_marks_the_message_failed_and_resend_delivers_it_once_lifted() {
    let smtp = SmtpServer::start();
    smtp.reject("gone@mission.example");
    let app = app_sending_to(&smtp).await;
    let (id, _) = queue(&app, "gone@mission.example", "en");

    let row = wait_status(&app, id, outbox::FAILED).await;
    assert_eq!(row.attempts, 1, "a 5xx is not retried");
    let error = row.last_error.expect("the server's reply is kept");
    assert!(error.contains("550 5.1.1 mailbox unavailable"), "{error}");
    assert!(
        row.sealed_secret.is_some(),
        "kept, so that it can be resent"
    );

    app.add_user("ann@wipo.int", "Ann");
    app.login_as("ann@wipo.int").await;
    let html = app.get_html("/outbox").await;
    assert!(html.contains("550 5.1.1 mailbox unavailable"), "{html}");
    assert!(html.contains("<td id=\"count-failed\">1</td>"));

    smtp.accept_all();
    let response = app
        .post_form("/outbox", &format!("/outbox/{id}/resend"), &[])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/outbox");
    wait_status(&app, id, outbox::SENT).await;
    assert_eq!(smtp.wait_for(1).await.len(), 1);
    assert!(audit_actions(&app).contains(&"outbox.resent".to_owned()));

    let again = app
        .post_form("/outbox", &format!("/outbox/{id}/resend"), &[])
        .await;
    assert_eq!(again.status(), 400, "a sent message is not resent");
    several_polls().await;
    assert_eq!(smtp.messages().len(), 1);
}

#[tokio::test]
async fn resend_all_failed_queues_every_failed_message_again() {
    let smtp = SmtpServer::start();
    smtp.reject("a@mission.example");
    smtp.reject("b@mission.example");
    let app = app_sending_to(&smtp).await;
    let (a, _) = queue(&app, "a@mission.example", "fr");
    let (b, _) = queue(&app, "b@mission.example", "es");
    wait_status(&app, a, outbox::FAILED).await;
    wait_status(&app, b, outbox::FAILED).await;

    app.add_user("ann@wipo.int", "Ann");
    app.login_as("ann@wipo.int").await;
    smtp.accept_all();
    let response = app.post_form("/outbox", "/outbox/resend-failed", &[]).await;
    assert_eq!(response.status(), 303);
    wait_status(&app, a, outbox::SENT).await;
    wait_status(&app, b, outbox::SENT).await;
    assert_eq!(smtp.wait_for(2).await.len(), 2);
    assert!(audit_actions(&app).contains(&"outbox.resent_all".to_owned()));
}

#[tokio::test]
async fn messages_queued_while_the_smtp_server_is_down_are_delivered_when_it_returns() {
    let mut smtp = SmtpServer::start();
    let app = app_sending_to(&smtp).await;
    smtp.stop();
    let ids: Vec<i64> = (0..3)
        .map(|i| queue(&app, &format!("c{i}@mission.example"), "en").0)
        .collect();

    // Each has been tried, or left alone because the server was just found
    // down, and put back in the queue with the connection error.
    let deadline = Instant::now() + Duration::from_secs(30);
    for id in &ids {
        loop {
            let row = row(&app, *id);
            if row.last_error.is_some() {
                assert_eq!(row.status, outbox::QUEUED, "{:?}", row.last_error);
                assert!(row.last_error.is_some());
                break;
            }
            assert!(Instant::now() < deadline, "message {id} was never tried");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    smtp.restart();
    for id in &ids {
        wait_status(&app, *id, outbox::SENT).await;
    }
    several_polls().await;
    let received = smtp.messages();
    assert_eq!(received.len(), 3, "each exactly once");
    let mut ids: Vec<&str> = received.iter().map(|m| m.message_id.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 3);
}

#[tokio::test]
async fn a_message_left_sending_by_a_dead_worker_is_sent_again_and_a_fresh_claim_is_not_stolen() {
    let smtp = SmtpServer::start();
    let app = app_sending_to(&smtp).await;
    outbox::pause(&mut app.conn(), PauseScope::All, &Actor::System).expect("pause");
    let (abandoned, _) = queue(&app, "abandoned@mission.example", "en");
    let (held, _) = queue(&app, "held@mission.example", "en");
    app.execute(&format!(
        "UPDATE outbox SET status = 'sending', claimed_by = 'dead-worker', \
         claimed_at = {} WHERE id = {abandoned}",
        minutes_ago(&app, 10)
    ));
    app.execute(&format!(
        "UPDATE outbox SET status = 'sending', claimed_by = 'live-worker', \
         claimed_at = {} WHERE id = {held}",
        minutes_ago(&app, 0)
    ));
    outbox::resume(&mut app.conn(), PauseScope::All, &Actor::System).expect("resume");

    wait_status(&app, abandoned, outbox::SENT).await;
    several_polls().await;
    let held = row(&app, held);
    assert_eq!(held.status, outbox::SENDING);
    assert_eq!(held.claimed_by.as_deref(), Some("live-worker"));
    let received = smtp.messages();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, ["abandoned@mission.example"]);
}

/// `convene outbox run` on the app's database, its output read line by line.
pub(crate) struct OutboxProcess {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl OutboxProcess {
    pub(crate) fn start(app: &TestApp, smtp: &SmtpServer) -> OutboxProcess {
        let mut child = Command::new(env!("CARGO_BIN_EXE_convene"))
            .args(["outbox", "run"])
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DATABASE_URL", &app.db_url)
            .env("SMTP_URL", smtp.url())
            .env("CONVENE_SECRET_KEY", SECRET)
            .env("CONVENE_OUTBOX_POLL_MS", "50")
            .env("CONVENE_MAIL_RATE", "20")
            .env("CONVENE_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("convene outbox run starts");
        let (tx, lines) = mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().expect("stdout")) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().expect("stderr")),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        OutboxProcess { child, lines }
    }

    pub(crate) async fn wait_for_line(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            while let Ok(line) = self.lines.try_recv() {
                if line.contains(needle) {
                    return;
                }
            }
            assert!(Instant::now() < deadline, "no log line with {needle:?}");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// SIGTERM, then a bounded wait for a clean exit.
    pub(crate) async fn terminate(mut self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                assert!(status.success(), "convene outbox run exited with {status}");
                return;
            }
            assert!(Instant::now() < deadline, "convene outbox run did not stop");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

impl Drop for OutboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn two_workers_on_one_database_never_send_a_message_twice() {
    let smtp = SmtpServer::start();
    let url = smtp.url();
    let app = spawn_app_with(|raw| {
        fast_mail(raw, Some(url));
        raw.mail_rate = Some("20".into());
    })
    .await;
    outbox::pause(&mut app.conn(), PauseScope::All, &Actor::System).expect("pause");
    let count = 30;
    for i in 0..count {
        queue(&app, &format!("c{i}@mission.example"), "en");
    }
    let other = OutboxProcess::start(&app, &smtp);
    other.wait_for_line("outbox worker started").await;
    outbox::resume(&mut app.conn(), PauseScope::All, &Actor::System).expect("resume");

    smtp.wait_for(count).await;
    let rows = outbox::latest(&mut app.conn(), 100).expect("rows");
    let deadline = Instant::now() + Duration::from_secs(30);
    while outbox::counts(&mut app.conn(), None).expect("counts").sent < count as i64 {
        assert!(Instant::now() < deadline, "not all rows were marked sent");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    several_polls().await;
    let received = smtp.messages();
    assert_eq!(received.len(), count, "no message twice");
    let mut ids: Vec<String> = received.iter().map(|m| m.message_id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count);
    let mut workers: Vec<String> = outbox::latest(&mut app.conn(), 100)
        .expect("rows")
        .into_iter()
        .filter_map(|r| r.claimed_by)
        .collect();
    workers.sort();
    workers.dedup();
    assert_eq!(workers.len(), 2, "both workers took part: {workers:?}");
    assert_eq!(rows.len(), count);
    other.terminate().await;
}

#[tokio::test]
async fn pausing_stops_sending_and_resuming_continues() {
    let smtp = SmtpServer::start();
    let app = app_sending_to(&smtp).await;
    app.add_user("ann@wipo.int", "Ann");
    app.login_as("ann@wipo.int").await;
    let response = app.post_form("/outbox", "/outbox/pause", &[]).await;
    assert_eq!(response.status(), 303);
    let (a, _) = queue(&app, "a@mission.example", "en");
    let (b, _) = queue(&app, "b@mission.example", "en");

    several_polls().await;
    assert!(smtp.messages().is_empty());
    assert_eq!(row(&app, a).status, outbox::QUEUED);
    let html = app.get_html("/outbox").await;
    assert!(html.contains("Sending is paused"), "{html}");
    assert!(html.contains("<td id=\"count-queued\">2</td>"));

    let response = app.post_form("/outbox", "/outbox/resume", &[]).await;
    assert_eq!(response.status(), 303);
    wait_status(&app, a, outbox::SENT).await;
    wait_status(&app, b, outbox::SENT).await;
    assert_eq!(smtp.wait_for(2).await.len(), 2);
    let actions = audit_actions(&app);
    assert!(actions.contains(&"outbox.paused".to_owned()), "{actions:?}");
    assert!(actions.contains(&"outbox.resumed".to_owned()));
}

#[tokio::test]
async fn sending_a_message_wipes_its_sealed_token() {
    let smtp = SmtpServer::start();
    let app = app_sending_to(&smtp).await;
    let (id, token) = queue(&app, "coord@mission.example", "en");
    assert!(row(&app, id).sealed_secret.is_some());

    let row = wait_status(&app, id, outbox::SENT).await;
    assert_eq!(row.sealed_secret, None);
    assert!(row.sent_at.is_some());
    assert!(smtp.wait_for(1).await[0].text.contains(&token));
}

#[tokio::test]
async fn without_an_smtp_server_messages_are_written_as_eml_files() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mail_dir = dir.path().join("mail");
    let mail_dir_text = mail_dir.to_string_lossy().into_owned();
    let app = spawn_app_with(|raw| {
        fast_mail(raw, None);
        raw.mail_dir = Some(mail_dir_text);
    })
    .await;
    let (id, token) = queue(&app, "coord@mission.example", "fr");

    let row = wait_status(&app, id, outbox::SENT).await;
    let path = mail_dir.join(format!("outbox-{id}.eml"));
    let bytes = std::fs::read(&path).expect("the .eml file exists");
    let parsed = mail_parser::MessageParser::default()
        .parse(&bytes)
        .expect("a parseable message");
    assert_eq!(
        format!("<{}>", parsed.message_id().expect("Message-ID")),
        row.message_id
    );
    let text = parsed.body_text(0).expect("text");
    assert!(text.contains(&format!("/c/{token}")));
    assert!(text.contains("Madame, Monsieur"));
    let leftovers: Vec<_> = std::fs::read_dir(&mail_dir)
        .expect("mail dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(leftovers, [format!("outbox-{id}.eml")]);
}

#[tokio::test]
async fn the_outbox_page_needs_a_login_and_lists_the_latest_messages() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mail_dir = dir.path().to_string_lossy().into_owned();
    let app = spawn_app_with(|raw| {
        fast_mail(raw, None);
        raw.mail_dir = Some(mail_dir);
    })
    .await;
    let response = app.get("/outbox").await;
    assert_eq!(response.status(), 303);
    assert!(location(&response).starts_with("/login"));

    let (id, _) = queue(&app, "coord@mission.example", "en");
    wait_status(&app, id, outbox::SENT).await;
    app.add_user("ann@wipo.int", "Ann");
    app.login_as("ann@wipo.int").await;
    let html = app.get_html("/outbox").await;
    assert!(html.contains("<td id=\"count-sent\">1</td>"), "{html}");
    assert!(html.contains(&format!("id=\"message-{id}\"")));
    assert!(html.contains("coord@mission.example"));
    assert!(
        html.contains("href=\"/outbox\""),
        "the nav links to the outbox"
    );
    assert!(!csrf_token(&html).is_empty());

    let forged = app
        .post_raw("/outbox/pause", &[("csrf_token", "forged")])
        .await;
    assert_eq!(forged.status(), 403);
    assert!(!outbox::is_paused(&mut app.conn(), PauseScope::All).expect("query"));
}
