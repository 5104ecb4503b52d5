//! Issue 10, security: redirects, rate limiting under parallel attempts, CSV
//! formula injection, caching, idle expiry, extractor errors, slow bodies.

use convene::db::schema::{contacts, login_failures, member_states, organisations, sessions};
use diesel::prelude::*;

use crate::fixtures::{add_coordinator, add_group, create_meeting};
use crate::helpers::{PASSWORD, TestApp, csrf_token, location, spawn_app, spawn_app_with};

async fn logged_in() -> TestApp {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    app
}

#[tokio::test]
async fn a_login_target_with_a_tab_or_a_line_break_sends_the_browser_home_not_away() {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    for next in [
        "/\t/evil.example",
        "/\n/x",
        "/\r\n/x",
        "/\u{b}/x",
        "/ /evil.example",
    ] {
        let response = app
            .post_form(
                "/login",
                "/login",
                &[
                    ("email", "sec@wipo.int"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(response.status(), 303, "{next:?}");
        assert_eq!(location(&response), "/", "{next:?}");
    }
    // Logged in now: the login page sends straight on, and must not go away.
    for query in ["/%09/evil.example", "/%0a/x", "/%0d/x", "/%5c/evil.example"] {
        let response = app.get(&format!("/login?next={query}")).await;
        assert_eq!(response.status(), 303, "{query}");
        assert_eq!(location(&response), "/", "{query}");
    }
    let response = app.get("/login?next=/meetings").await;
    assert_eq!(location(&response), "/meetings");
}

#[tokio::test]
async fn a_back_address_with_a_line_break_returns_to_the_list_instead_of_failing() {
    let app = logged_in().await;
    let id: i64 = member_states::table
        .filter(member_states::iso2.eq("CH"))
        .select(member_states::id)
        .first(&mut *app.conn())
        .expect("CH");
    for back in [
        "/directory/states\r\nSet-Cookie: x=1",
        "/directory/states?\u{b}",
        "//evil",
    ] {
        let response = app
            .post_form(
                "/directory/states",
                &format!("/directory/states/{id}/confirm"),
                &[("back", back)],
            )
            .await;
        assert_eq!(response.status(), 303, "{back:?}");
        assert_eq!(location(&response), "/directory/states", "{back:?}");
    }
}

#[tokio::test]
async fn parallel_wrong_passwords_never_get_more_checks_than_the_limit() {
    let app = spawn_app_with(|raw| raw.trust_proxy = Some("true".into())).await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    let token = csrf_token(&app.get_html("/login").await);
    let attempts = (0..30).map(|i| {
        let (client, token) = (app.client.clone(), token.clone());
        let url = app.url("/login");
        async move {
            client
                .post(url)
                .header("X-Forwarded-For", format!("192.0.2.{}", i + 1))
                .form(&[
                    ("csrf_token", token.as_str()),
                    ("email", "sec@wipo.int"),
                    ("password", "wrong password, guessed"),
                ])
                .send()
                .await
                .expect("POST")
                .status()
                .as_u16()
        }
    });
    let statuses = futures_util::future::join_all(attempts).await;
    let checked = statuses.iter().filter(|s| **s == 422).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(checked + refused, 30, "{statuses:?}");
    assert!(
        checked <= 5,
        "{checked} passwords were checked: {statuses:?}"
    );
    let failures: i64 = login_failures::table
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(failures, i64::try_from(checked).expect("small"));
    // Parallel attempts may be refused conservatively; one by one, the
    // account takes exactly the rest of its five, then locks.
    let mut more = 0;
    while app
        .login("sec@wipo.int", "another wrong guess")
        .await
        .status()
        == 422
    {
        more += 1;
        assert!(checked + more <= 5, "more than five checks");
    }
    assert_eq!(checked + more, 5);
    assert_eq!(app.login("sec@wipo.int", PASSWORD).await.status(), 429);
}

#[tokio::test]
async fn directory_and_proposal_exports_write_formula_like_names_as_text() {
    let app = logged_in().await;
    let group = add_group(&app, "=Group Formula");
    app.execute(&format!(
        "UPDATE regional_groups SET short_name = '@SUM(A1)' WHERE id = {group}"
    ));
    add_coordinator(&app, group, "coord@mission.example", "en");
    diesel::update(contacts::table)
        .set(contacts::name.eq("+cmd|' /C calc'!A0"))
        .execute(&mut *app.conn())
        .expect("contact renamed");
    diesel::insert_into(organisations::table)
        .values((
            organisations::name.eq("-Formula Organisation"),
            organisations::acronym.eq("=HYPERLINK(\"http://evil.example\")"),
            organisations::kind.eq("igo"),
            organisations::observer.eq(true),
            organisations::created_at.eq(convene::db::now()),
        ))
        .execute(&mut *app.conn())
        .expect("organisation");
    let meeting = create_meeting(&app, &[group]).await;

    let contacts_csv = app.get_html("/directory/contacts.csv").await;
    assert!(contacts_csv.contains("'+cmd"), "{contacts_csv}");
    assert!(contacts_csv.contains(",'@SUM(A1),"), "{contacts_csv}");
    let organisations_csv = app.get_html("/directory/organisations.csv").await;
    assert!(
        organisations_csv.contains("'-Formula Organisation"),
        "{organisations_csv}"
    );
    assert!(
        organisations_csv.contains("\"'=HYPERLINK("),
        "{organisations_csv}"
    );
    let proposals_csv = app
        .get_html(&format!("/meetings/{meeting}/proposals.csv"))
        .await;
    assert!(proposals_csv.contains("'@SUM(A1)"), "{proposals_csv}");
    for csv in [&contacts_csv, &organisations_csv, &proposals_csv] {
        for line in csv.lines() {
            for cell in line.split(',') {
                assert!(
                    !cell
                        .trim_start_matches('"')
                        .starts_with(['=', '+', '-', '@']),
                    "a cell starts like a formula: {cell}"
                );
            }
        }
    }
}

#[tokio::test]
async fn secretariat_pages_the_api_and_exports_are_never_stored_by_a_cache() {
    let app = logged_in().await;
    for path in [
        "/",
        "/directory/contacts",
        "/directory/contacts.csv",
        "/api/v1/me",
        "/outbox",
        "/login",
    ] {
        let response = app.get(path).await;
        assert!(
            response.status().is_success() || response.status() == 303,
            "{path}"
        );
        assert_eq!(
            response
                .headers()
                .get("cache-control")
                .map(|v| v.to_str().unwrap_or("")),
            Some("no-store"),
            "{path}"
        );
    }
    let style = app.get("/assets/style.css").await;
    assert_ne!(
        style
            .headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap_or("")),
        Some("no-store")
    );
}

/// Moves every session's clock back by `seconds`, as if that time had passed.
fn age_sessions(app: &TestApp, seconds: i64) {
    if app.is_postgres() {
        let shift = format!("interval '{seconds} seconds'");
        app.execute(&format!(
            "UPDATE sessions SET created_at = created_at - {shift}, last_seen_at = last_seen_at - {shift}"
        ));
    } else {
        let shift = format!("'-{seconds} seconds'");
        app.execute(&format!(
            "UPDATE sessions SET created_at = strftime('%Y-%m-%d %H:%M:%f', created_at, {shift}), \
             last_seen_at = strftime('%Y-%m-%d %H:%M:%f', last_seen_at, {shift})"
        ));
    }
}

#[tokio::test]
async fn a_session_used_within_its_idle_time_is_still_alive_an_idle_time_after_that_use() {
    let app = spawn_app_with(|raw| raw.session_idle_minutes = Some("1".into())).await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    age_sessions(&app, 40);
    assert_eq!(app.get("/").await.status(), 200, "used at 40 s");
    age_sessions(&app, 35);
    assert_eq!(
        app.get("/").await.status(),
        200,
        "alive at 75 s, 35 s after its last use"
    );
    age_sessions(&app, 61);
    assert_eq!(
        app.get("/").await.status(),
        303,
        "ended a minute after its last use"
    );
    let left: i64 = sessions::table
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(left, 0);
}

#[tokio::test]
async fn bad_query_and_path_parameters_get_our_error_page_or_a_problem_body() {
    let app = logged_in().await;
    let duplicate = app.get("/directory/contacts?q=a&q=b").await;
    assert_eq!(duplicate.status(), 400);
    assert!(
        duplicate.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/html")
    );
    let body = duplicate.text().await.expect("body");
    assert!(body.contains("could not be read"), "{body}");
    assert!(!body.contains("Query deserialize error"), "{body}");

    let path = app.get("/meetings/abc").await;
    assert_eq!(path.status(), 404);
    let body = path.text().await.expect("body");
    assert!(body.contains("This page does not exist."), "{body}");
    assert!(!body.contains("can not parse"), "{body}");

    let api = app.get("/api/v1/meetings/abc/delivery").await;
    assert_eq!(api.status(), 404);
    assert_eq!(api.headers()["content-type"], "application/problem+json");
    let problem: serde_json::Value = api.json().await.expect("JSON");
    assert_eq!(problem["status"], 404);

    let saved = app.get("/meetings/1?done=a&done=b").await;
    assert_eq!(saved.status(), 400);
}

#[tokio::test]
async fn a_request_body_that_arrives_too_slowly_is_answered_and_the_connection_closed() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = spawn_app_with(|raw| raw.request_body_seconds = Some("1".into())).await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address)
        .await
        .expect("connect");
    stream
        .write_all(
            b"POST /login HTTP/1.1\r\nHost: localhost\r\n\
              Content-Type: application/x-www-form-urlencoded\r\n\
              Content-Length: 1000\r\n\r\nemail=slow",
        )
        .await
        .expect("write");
    let mut answer = Vec::new();
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        stream.read_to_end(&mut answer),
    )
    .await;
    assert!(
        read.is_ok(),
        "the server still waits for the body after 10 s"
    );
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 4"), "{answer}");
}

/// GET /healthz `count` times, eight at a time; each response's status.
async fn health_statuses(app: &TestApp, count: usize) -> Vec<u16> {
    let mut statuses = Vec::with_capacity(count);
    for _ in 0..count.div_ceil(8) {
        let batch = (0..8).map(|_| app.get("/healthz"));
        for response in futures_util::future::join_all(batch).await {
            statuses.push(response.status().as_u16());
        }
    }
    statuses
}

/// A PostgreSQL connection that dies with its server process (a restart, a
/// failover, an administrator's `pg_terminate_backend`) is replaced by the
/// pool: a connection is tested when it leaves the pool unless it proved
/// alive in the last half-second, and one that fails a query is dropped when
/// it comes back. So at most one request per pooled connection fails (the
/// test app's pool holds four) and none half a second on, even under a
/// steady stream of requests that reuses every connection at once.
#[tokio::test]
async fn connections_postgresql_ends_are_replaced_under_steady_use() {
    let app = spawn_app().await;
    if !app.is_postgres() {
        return; // SQLite has no server to lose.
    }
    assert!(health_statuses(&app, 32).await.iter().all(|&s| s == 200));
    app.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    let ended = std::time::Instant::now();
    let (mut during, mut after) = (Vec::new(), Vec::new());
    while ended.elapsed() < std::time::Duration::from_secs(2) {
        let started = ended.elapsed();
        let statuses = health_statuses(&app, 8).await;
        if started > std::time::Duration::from_millis(700) {
            after.extend(statuses);
        } else {
            during.extend(statuses);
        }
    }
    let failed = during.iter().filter(|&&s| s != 200).count();
    assert!(failed <= 4, "{failed} failed: {during:?}");
    assert!(!after.is_empty());
    assert!(after.iter().all(|&s| s == 200), "after: {after:?}");
}
