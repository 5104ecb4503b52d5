//! Issue 10: the real binary at debug level, through a whole journey (login,
//! directory, a draft, opening, a coordinator's link with good and bad query
//! strings and paths, logout): no password, session id, CSRF seed or token,
//! or personal-link token appears in what it logs.

use std::process::{Command, Stdio};
use std::sync::Arc;

use reqwest::cookie::Jar;

use crate::fixtures::{Visitor, full_answer, opened_meeting, token_for};
use crate::helpers::{PASSWORD, TestApp, TestDb, csrf_token};

#[tokio::test]
async fn a_journey_at_debug_level_logs_no_secret() {
    let db = TestDb::new();
    let mail_dir = tempfile::tempdir().expect("mail folder");
    let log_path = mail_dir.path().join("convene.log");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_convene"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", db.url())
        .env("CONVENE_BIND", format!("127.0.0.1:{port}"))
        .env("CONVENE_MAIL_DIR", mail_dir.path())
        .env("CONVENE_OUTBOX_POLL_MS", "50")
        .env("CONVENE_LOG", "debug")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log_path).expect("log file"))
        .spawn()
        .expect("convene serve starts");
    let jar = Arc::new(Jar::default());
    let app = TestApp {
        address: format!("http://127.0.0.1:{port}"),
        client: reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        jar,
        pool: loop {
            // The server creates the schema; wait for it to answer.
            if let Ok(r) = reqwest::get(format!("http://127.0.0.1:{port}/healthz")).await
                && r.status() == 200
            {
                break convene::db::connect(db.url(), 2).expect("pool");
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        },
        db_url: db.url().to_owned(),
        mail_dir,
        metrics_address: None,
        db,
    };

    app.add_user("sec@wipo.int", "Sam Secretariat");
    assert_eq!(
        app.login("sec@wipo.int", "a wrong password here")
            .await
            .status(),
        422
    );
    app.login_as("sec@wipo.int").await;
    let session = app.cookie("convene_session").expect("session cookie");
    let seed = app.cookie("convene_csrf").expect("CSRF cookie");
    let form_token = csrf_token(&app.get_html("/directory").await);
    app.get_html("/directory/contacts?q=a&q=b").await;
    opened_meeting(&app).await;
    let token = token_for(&app, "alpha@mission.example").await;
    let visitor = Visitor::new(&app);
    let path = format!("/c/{token}");
    let html = visitor.html(&path).await;
    visitor.submit(&path, &full_answer(&html, "yes")).await;
    for query in ["?saved=x", "?saved=1&saved=2", "?saved=%00"] {
        visitor.get(&format!("{path}{query}")).await;
    }
    visitor.get(&format!("{path}%FF")).await;
    visitor.get(&format!("/i/{token}?saved=a&saved=b")).await;
    app.post_form("/", "/logout", &[]).await;

    let _ = server.kill();
    let _ = server.wait();
    let log = std::fs::read_to_string(&log_path).expect("log");
    assert!(
        log.contains("/c/{token}"),
        "the journey was logged by route:\n{log}"
    );
    for (what, secret) in [
        ("password", PASSWORD),
        ("session id", session.as_str()),
        ("CSRF seed", seed.as_str()),
        ("CSRF token", form_token.as_str()),
        ("personal-link token", token.as_str()),
    ] {
        assert!(!log.contains(secret), "the {what} is in the log");
    }
    assert!(
        !log.contains(&token[..16]),
        "part of the personal-link token is in the log"
    );
}
