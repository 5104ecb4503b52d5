use crate::helpers::{location, spawn_app};

#[tokio::test]
async fn before_any_account_exists_the_home_page_says_how_to_create_one() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("body");
    assert!(html.contains("convene user add --email"), "{html}");
    assert!(
        app.get_html("/login")
            .await
            .contains("convene user add --email")
    );
}

#[tokio::test]
async fn secretariat_pages_redirect_to_login_when_logged_out() {
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann");
    let home = app.get("/").await;
    assert_eq!(home.status(), 303);
    assert_eq!(location(&home), "/login");
    assert!(
        !app.get_html("/login").await.contains("convene user add"),
        "no set-up hint once accounts exist"
    );

    let api = app.get("/api/v1/me").await;
    assert_eq!(api.status(), 401);
    assert_eq!(api.headers()["content-type"], "application/problem+json");
}

#[tokio::test]
async fn after_login_the_dashboard_lists_meetings() {
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann Example");
    app.login_as("ann@wipo.int").await;
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("body");
    assert!(html.contains("<h1>Meetings</h1>"));
    assert!(html.contains("Ann Example"));
    let me: serde_json::Value = app.get("/api/v1/me").await.json().await.expect("JSON");
    assert_eq!(me["email"], "ann@wipo.int");
}

#[tokio::test]
async fn login_returns_to_the_page_first_asked_for_but_never_off_site() {
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann");
    let response = app
        .post_form(
            "/login?next=/api/v1/me",
            "/login",
            &[
                ("email", "ann@wipo.int"),
                ("password", crate::helpers::PASSWORD),
                ("next", "/api/v1/me"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/api/v1/me");

    let (other, _) = app.second_browser();
    let html = other
        .get(app.url("/login"))
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("body");
    let token = crate::helpers::csrf_token(&html);
    // The token belongs to the other browser's cookie, so use that browser.
    let response = other
        .post(app.url("/login"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "ann@wipo.int"),
            ("password", crate::helpers::PASSWORD),
            ("next", "https://evil.example/"),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(location(&response), "/");
}
