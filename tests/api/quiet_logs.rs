//! The log as an operator reads it from a file or a pipe: no colour codes,
//! one line for a refused request (never a backtrace), and one summary line
//! for a mailing instead of one line per message.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use convene::db::outbox;

use convene::config::Settings;

use crate::helpers::{TestDb, test_settings};
use crate::outbox::{SECRET, coordinator_link};
use crate::smtp::SmtpServer;

/// `convene <args>` on `db_url`, its stderr (the log) written to `log`.
fn start(db_url: &str, args: &[&str], env: &[(&str, String)], log: &std::path::Path) -> Child {
    let file = std::fs::File::create(log).expect("log file");
    Command::new(env!("CARGO_BIN_EXE_convene"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", db_url)
        .env("CONVENE_SECRET_KEY", SECRET)
        .env("CONVENE_LOG", "info")
        // Asked for, a backtrace must still not appear for expected errors.
        .env("RUST_BACKTRACE", "1")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .stdout(Stdio::null())
        .stderr(Stdio::from(file))
        .spawn()
        .expect("convene starts")
}

/// SIGTERM, then a bounded wait for a clean exit.
async fn terminate(mut child: Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "convene exited with {status}");
            return;
        }
        assert!(Instant::now() < deadline, "convene did not stop");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

#[tokio::test]
async fn a_log_written_to_a_file_has_no_colour_codes_and_one_line_per_refused_request() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().expect("temporary directory");
    let log = dir.path().join("convene.log");
    let port = free_port();
    let child = start(
        db.url(),
        &["serve"],
        &[
            ("CONVENE_BIND", format!("127.0.0.1:{port}")),
            (
                "CONVENE_MAIL_DIR",
                dir.path().join("mail").display().to_string(),
            ),
        ],
        &log,
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !client
        .get(format!("{base}/healthz"))
        .send()
        .await
        .is_ok_and(|r| r.status() == 200)
    {
        assert!(Instant::now() < deadline, "convene did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let missing = client
        .get(format!("{base}/nowhere"))
        .send()
        .await
        .expect("GET");
    assert_eq!(missing.status(), 404);
    let forged = client
        .post(format!("{base}/login"))
        .form(&[("email", "a@b.example"), ("password", "x")])
        .send()
        .await
        .expect("POST");
    assert_eq!(forged.status(), 403);
    terminate(child).await;

    let text = std::fs::read_to_string(&log).expect("log");
    assert!(text.contains("convene is serving"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "escape codes in the log: {text:?}"
    );
    let lines = |needle: &str| text.lines().filter(|l| l.contains(needle)).count();
    assert_eq!(lines("status=404"), 1, "{text}");
    assert_eq!(lines("status=403"), 1, "{text}");
    assert!(!text.contains("backtrace"), "{text}");
}

#[tokio::test]
async fn a_mailing_is_logged_in_one_summary_line_not_one_line_per_message() {
    let smtp = SmtpServer::start();
    let db = TestDb::new();
    let pool = convene::startup::prepare_database(
        &Settings::from_raw(&test_settings(&db)).expect("settings"),
    )
    .expect("database");
    let count = 12;
    for i in 0..count {
        let (message, _) = coordinator_link(&format!("c{i}@mission.example"), "en");
        outbox::enqueue(
            &mut pool.get().expect("connection"),
            &message,
            "example.org",
        )
        .expect("queued");
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let log = dir.path().join("outbox.log");
    let child = start(
        db.url(),
        &["outbox", "run"],
        &[
            ("SMTP_URL", smtp.url()),
            ("CONVENE_OUTBOX_POLL_MS", "50".into()),
            ("CONVENE_MAIL_RATE", "1000".into()),
            ("NO_COLOR", "1".into()),
        ],
        &log,
    );
    smtp.wait_for(count).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    while outbox::counts(&mut pool.get().expect("connection"), None)
        .expect("counts")
        .sent
        < count as i64
    {
        assert!(Instant::now() < deadline, "not all marked sent");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    terminate(child).await;

    let text = std::fs::read_to_string(&log).expect("log");
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(!text.contains("message delivered"), "{text}");
    let summary: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("outbox: messages sent"))
        .collect();
    assert_eq!(summary.len(), 1, "{text}");
    assert!(summary[0].contains("sent=12"), "{text}");
    assert!(text.lines().count() < 12, "{text}");
}
