//! The `convene` binary itself: account commands and configuration errors.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::helpers::{TestDb, spawn_app};

fn convene(db_url: &str, args: &[&str], env: &[(&str, &str)], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_convene"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", db_url)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the convene binary starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("convene finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test]
async fn user_add_creates_an_account_that_can_log_in() {
    let app = spawn_app().await;
    let out = convene(
        &app.db_url,
        &["user", "add", "--email", "Cleo@WIPO.int", "--name", "Cleo"],
        &[],
        "a long enough password\n",
    );
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    assert!(text(&out.stdout).contains("cleo@wipo.int"));

    assert_eq!(
        app.login("cleo@wipo.int", "a long enough password")
            .await
            .status(),
        303
    );

    let listed = convene(&app.db_url, &["user", "list"], &[], "");
    assert!(
        text(&listed.stdout).contains("cleo@wipo.int\tCleo\tactive"),
        "{}",
        text(&listed.stdout)
    );
}

#[tokio::test]
async fn user_add_refuses_a_short_password_and_a_duplicate() {
    let db = TestDb::new();
    let short = convene(
        db.url(),
        &["user", "add", "--email", "dan@wipo.int"],
        &[],
        "elevenchars\n",
    );
    assert_eq!(short.status.code(), Some(1));
    assert!(
        text(&short.stderr).contains("at least 12 characters"),
        "{}",
        text(&short.stderr)
    );

    let first = convene(
        db.url(),
        &["user", "add", "--email", "dan@wipo.int"],
        &[],
        "twelve chars\n",
    );
    assert!(first.status.success(), "{}", text(&first.stderr));
    let again = convene(
        db.url(),
        &["user", "add", "--email", "DAN@wipo.int"],
        &[],
        "twelve chars\n",
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );
}

#[tokio::test]
async fn user_disable_ends_access() {
    let app = spawn_app().await;
    app.add_user("eve@wipo.int", "Eve");
    let out = convene(
        &app.db_url,
        &["user", "disable", "--email", "eve@wipo.int"],
        &[],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        app.login("eve@wipo.int", crate::helpers::PASSWORD)
            .await
            .status(),
        403
    );
    let missing = convene(
        &app.db_url,
        &["user", "disable", "--email", "nobody@wipo.int"],
        &[],
        "",
    );
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn migrate_brings_a_fresh_database_up_to_date() {
    let db = TestDb::new();
    let out = convene(db.url(), &["migrate"], &[], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("up to date"));
}

#[test]
fn a_bad_setting_stops_with_one_line_naming_it_and_exit_code_2() {
    let db = TestDb::new();
    let cases = [
        ("CONVENE_BIND", "not-an-address"),
        ("CONVENE_BASE_URL", "convene.example.org"),
        ("CONVENE_SECRET_KEY", "too short"),
        ("SMTP_URL", "mail.example.org"),
        ("CONVENE_LOG_FORMAT", "yaml"),
        ("CONVENE_SESSION_IDLE_MINUTES", "half an hour"),
        ("DATABASE_URL", "mysql://localhost/convene"),
        // Above its documented maximum: refused, not lowered to it.
        ("CONVENE_MAIL_RATE", "100001"),
    ];
    for (variable, value) in cases {
        let out = convene(db.url(), &["migrate"], &[(variable, value)], "");
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{variable}: {stderr}");
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "{variable}: one line, got {stderr:?}"
        );
        assert!(stderr.contains(variable), "{variable}: {stderr}");
        assert!(!stderr.contains("panicked"), "{variable}: {stderr}");
    }
}

#[test]
fn secrets_are_not_echoed_in_configuration_errors() {
    let db = TestDb::new();
    let out = convene(
        db.url(),
        &["migrate"],
        &[("CONVENE_SECRET_KEY", "hunter2-secret")],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!text(&out.stderr).contains("hunter2-secret"));
}
