use crate::helpers::{location, minutes_ago, spawn_app};

#[tokio::test]
async fn the_session_id_is_renewed_at_login_and_stored_only_as_a_digest() {
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann");
    app.login_as("ann@wipo.int").await;
    let first = app.cookie("convene_session").expect("cookie");
    app.login_as("ann@wipo.int").await;
    let second = app.cookie("convene_session").expect("cookie");
    assert_ne!(first, second, "a login issues a new id");

    use convene::db::schema::sessions::dsl::*;
    use diesel::prelude::*;
    let stored: Vec<String> = sessions
        .select(id_hash)
        .load(&mut *app.conn())
        .expect("load");
    assert_eq!(
        stored,
        vec![convene::domain::token::digest(&second)],
        "the old session is gone"
    );
    assert!(!stored.contains(&second), "the raw id is never stored");
}

#[tokio::test]
async fn a_session_idle_for_more_than_thirty_minutes_expires() {
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann");
    app.login_as("ann@wipo.int").await;

    app.execute(&format!(
        "UPDATE sessions SET last_seen_at = {}",
        minutes_ago(&app, 29)
    ));
    assert_eq!(
        app.get("/").await.status(),
        200,
        "29 minutes idle is still fine"
    );

    app.execute(&format!(
        "UPDATE sessions SET last_seen_at = {}",
        minutes_ago(&app, 31)
    ));
    let response = app.get("/").await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/login");
}

#[tokio::test]
async fn a_session_older_than_twelve_hours_expires_even_when_in_use() {
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann");
    app.login_as("ann@wipo.int").await;

    app.execute(&format!(
        "UPDATE sessions SET created_at = {}",
        minutes_ago(&app, 11 * 60 + 59)
    ));
    assert_eq!(app.get("/").await.status(), 200);

    app.execute(&format!(
        "UPDATE sessions SET created_at = {}, last_seen_at = {}",
        minutes_ago(&app, 12 * 60 + 1),
        minutes_ago(&app, 0)
    ));
    assert_eq!(app.get("/").await.status(), 303);
}

#[tokio::test]
async fn session_lifetimes_are_configurable() {
    let app =
        crate::helpers::spawn_app_with(|raw| raw.session_idle_minutes = Some("5".into())).await;
    app.add_user("ann@wipo.int", "Ann");
    app.login_as("ann@wipo.int").await;
    app.execute(&format!(
        "UPDATE sessions SET last_seen_at = {}",
        minutes_ago(&app, 6)
    ));
    assert_eq!(app.get("/").await.status(), 303);
}
