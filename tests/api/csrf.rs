use crate::helpers::{PASSWORD, csrf_token, spawn_app};

#[tokio::test]
async fn a_form_without_its_token_is_refused() {
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann");
    app.get("/login").await; // the browser has its CSRF cookie
    let response = app
        .post_raw(
            "/login",
            &[("email", "ann@wipo.int"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), 403);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("This form has expired")
    );
    assert!(app.cookie("convene_session").is_none());
}

#[tokio::test]
async fn a_token_from_another_browser_is_refused() {
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann");
    app.login_as("ann@wipo.int").await;

    // An attacker's page can obtain a token for *its own* cookie, never ours.
    let (attacker, _) = app.second_browser();
    let html = attacker
        .get(app.url("/login"))
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("body");
    let foreign = csrf_token(&html);
    let response = app
        .post_raw("/logout", &[("csrf_token", foreign.as_str())])
        .await;
    assert_eq!(response.status(), 403);
    assert_eq!(app.get("/").await.status(), 200, "still logged in");
}

#[tokio::test]
async fn a_post_without_the_cookie_is_refused_even_with_a_token() {
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann");
    let token = csrf_token(&app.get_html("/login").await);
    let bare = reqwest::Client::new();
    let response = bare
        .post(app.url("/login"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "ann@wipo.int"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn the_csrf_cookie_is_http_only_and_strict() {
    let app = spawn_app().await;
    let response = app.get("/login").await;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().expect("ascii").to_owned())
        .find(|c| c.starts_with("convene_csrf="))
        .expect("CSRF cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
}
