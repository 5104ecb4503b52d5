use crate::helpers::{PASSWORD, location, spawn_app, spawn_app_with};

#[tokio::test]
async fn a_member_logs_in_with_the_right_password() {
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann");
    let response = app.login("Ann@WIPO.int", PASSWORD).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/");
    let set_cookie: Vec<_> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().expect("ascii").to_owned())
        .collect();
    let session = set_cookie
        .iter()
        .find(|c| c.starts_with("convene_session="))
        .expect("a session cookie");
    assert!(session.contains("HttpOnly"), "{session}");
    assert!(session.contains("SameSite=Strict"), "{session}");
    assert_eq!(app.get("/").await.status(), 200);
}

#[tokio::test]
async fn a_wrong_password_is_refused_and_the_email_is_kept() {
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann");
    let response = app.login("ann@wipo.int", "not the password at all").await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(html.contains("The email address or the password is not correct."));
    assert!(
        html.contains("value=\"ann@wipo.int\""),
        "the typed email is kept"
    );
    assert!(app.cookie("convene_session").is_none());
    assert_eq!(app.get("/").await.status(), 303);
}

#[tokio::test]
async fn an_unknown_account_gets_the_same_answer_as_a_wrong_password() {
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann");
    let response = app.login("nobody@wipo.int", PASSWORD).await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("The email address or the password is not correct.")
    );
}

#[tokio::test]
async fn a_disabled_member_cannot_log_in_and_loses_open_sessions() {
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann");
    app.login_as("ann@wipo.int").await;
    assert_eq!(app.get("/").await.status(), 200);

    assert!(convene::db::users::disable(&mut app.conn(), "ann@wipo.int").expect("disable"));
    assert_eq!(app.get("/").await.status(), 303, "the open session ended");

    let response = app.login("ann@wipo.int", PASSWORD).await;
    assert_eq!(response.status(), 403);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("This account has been disabled.")
    );
    assert_eq!(app.get("/").await.status(), 303);
}

#[tokio::test]
async fn too_many_failures_for_one_account_lock_it_for_the_window() {
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann");
    for attempt in 1..=5 {
        let response = app.login("ann@wipo.int", "wrong password here").await;
        assert_eq!(response.status(), 422, "attempt {attempt}");
    }
    // Even the right password is refused now, and the page says why.
    let response = app.login("ann@wipo.int", PASSWORD).await;
    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key("retry-after"));
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("Too many failed attempts")
    );
    assert_eq!(app.get("/").await.status(), 303);

    // Another account from the same address is not locked by this one.
    app.add_user("bob@wipo.int", "Bob");
    assert_eq!(app.login("bob@wipo.int", PASSWORD).await.status(), 303);

    // Once the failures are older than the window, the account opens again.
    app.execute(&format!(
        "UPDATE login_failures SET at = {}",
        crate::helpers::minutes_ago(&app, 16)
    ));
    assert_eq!(app.login("ann@wipo.int", PASSWORD).await.status(), 303);
}

#[tokio::test]
async fn too_many_failures_from_one_address_lock_that_address() {
    let app = spawn_app_with(|raw| raw.login_max_failures_per_client = Some("3".into())).await;
    app.add_user("ann@wipo.int", "Ann");
    for who in ["a@x.org", "b@x.org", "c@x.org"] {
        assert_eq!(app.login(who, "some guess or other").await.status(), 422);
    }
    assert_eq!(app.login("ann@wipo.int", PASSWORD).await.status(), 429);
}

#[tokio::test]
async fn a_success_forgives_earlier_failures_of_the_account() {
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann");
    for _ in 0..4 {
        assert_eq!(
            app.login("ann@wipo.int", "typo in password").await.status(),
            422
        );
    }
    assert_eq!(app.login("ann@wipo.int", PASSWORD).await.status(), 303);
    for _ in 0..4 {
        assert_eq!(
            app.login("ann@wipo.int", "typo in password").await.status(),
            422
        );
    }
    assert_eq!(app.login("ann@wipo.int", PASSWORD).await.status(), 303);
}

#[tokio::test]
async fn logout_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann");
    app.login_as("ann@wipo.int").await;
    let old_cookie = app.cookie("convene_session").expect("session cookie");

    let response = app.post_form("/", "/logout", &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/login");
    assert_eq!(app.get("/").await.status(), 303);

    // Replaying the old cookie does not bring the session back.
    let replay = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .get(app.url("/"))
        .header("cookie", format!("convene_session={old_cookie}"))
        .send()
        .await
        .expect("GET");
    assert_eq!(replay.status(), 303);
}
