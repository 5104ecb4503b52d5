//! Issue 10, bad input: NUL bytes, over-long text, line breaks in one-line
//! fields, unknown organisations, absurd dates. Each is a 4xx with a message,
//! and nothing is written.

use chrono::{Duration, Utc};
use convene::db::schema::{
    answers, invited_organisations, invitees, login_failures, meetings, outbox,
};
use diesel::prelude::*;

use crate::fixtures::{
    Visitor, add_group, as_refs, draft_fields, full_answer, invited_meeting, opened_meeting,
    token_for,
};
use crate::helpers::{TestApp, spawn_app};
use crate::replies::personal_link;

async fn logged_in() -> TestApp {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    app
}

/// The number of rows in a table.
macro_rules! count {
    ($app:expr, $table:expr) => {
        $table
            .count()
            .get_result::<i64>(&mut *$app.conn())
            .expect("count")
    };
}

/// The draft form with `field` set to `value`.
fn draft_with(groups: &[i64], field: &str, value: &str) -> Vec<(String, String)> {
    let mut fields = draft_fields(groups);
    for (name, old) in fields.iter_mut() {
        if name == field {
            *old = value.to_owned();
        }
    }
    fields
}

async fn draft_refused(app: &TestApp, group: i64, field: &str, value: &str, message: &str) {
    let fields = draft_with(&[group], field, value);
    let response = app
        .post_form("/meetings/new", "/meetings", &as_refs(&fields))
        .await;
    assert_eq!(response.status(), 422, "{field} = {value:?}");
    let html = response.text().await.expect("body");
    assert!(html.contains(message), "{field}: {message} not in the page");
    assert_eq!(count!(app, meetings::table), 0, "{field} = {value:?}");
}

#[tokio::test]
async fn nul_bytes_in_any_text_field_or_search_are_refused_and_nothing_is_stored() {
    let app = logged_in().await;
    let login = app
        .second_browser()
        .0
        .post(app.url("/login"))
        .form(&[("email", "sec\0@wipo.int"), ("password", "x")])
        .send()
        .await
        .expect("POST");
    assert!(login.status().is_client_error());
    let login = app.login("sec\0@wipo.int", "wrong").await;
    assert_eq!(login.status(), 422);
    assert_eq!(count!(&app, login_failures::table), 0);

    let group = add_group(&app, "Group Nul");
    draft_refused(
        &app,
        group,
        "purpose",
        "Agree\0 on dates",
        "control characters",
    )
    .await;
    draft_refused(&app, group, "title", "A\0title", "control characters").await;

    for path in [
        "/directory/contacts?q=%00",
        "/directory/states?q=a%00b",
        "/directory/organisations?q=%00",
    ] {
        assert_eq!(app.get(path).await.status(), 400, "{path}");
    }
}

#[tokio::test]
async fn a_coordinators_comment_with_a_nul_byte_is_refused_with_a_message() {
    let app = logged_in().await;
    opened_meeting(&app).await;
    let path = format!("/c/{}", token_for(&app, "alpha@mission.example").await);
    let visitor = Visitor::new(&app);
    let mut fields = full_answer(&visitor.html(&path).await, "yes");
    fields.push(("comment".into(), "Fine\0 by us".into()));
    let response = visitor.submit(&path, &fields).await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("caractères de contrôle")
    );
    assert_eq!(count!(&app, answers::table), 0);
}

#[tokio::test]
async fn an_invitees_note_or_delegate_with_a_nul_byte_or_line_break_is_refused() {
    let app = logged_in().await;
    invited_meeting(&app).await;
    let path = personal_link(&app, "jp@mission.example");
    let visitor = Visitor::new(&app);
    for (field, value) in [
        ("note", "Arriving\0 Monday"),
        ("d.name.0", "Ana\0 Ruiz"),
        ("d.name.0", "Ana\nRuiz"),
        ("d.function.0", "Amb\0assador"),
    ] {
        let mut fields = vec![
            ("response".to_owned(), "in_person".to_owned()),
            ("d.name.0".to_owned(), "Ana Ruiz".to_owned()),
            ("d.function.0".to_owned(), "Ambassador".to_owned()),
        ];
        fields.retain(|(k, _)| k != field);
        fields.push((field.to_owned(), value.to_owned()));
        let response = visitor.submit(&path, &fields).await;
        assert_eq!(response.status(), 422, "{field} = {value:?}");
    }
    let replied: i64 = invitees::table
        .filter(invitees::response.is_not_null())
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(replied, 0);
}

#[tokio::test]
async fn over_long_text_is_refused_with_a_message_not_stored() {
    let app = logged_in().await;
    let long_email = format!("{}@wipo.int", "a".repeat(12_000));
    assert_eq!(app.login(&long_email, "wrong").await.status(), 422);
    assert_eq!(count!(&app, login_failures::table), 0);
    let group = add_group(&app, "Group Long");
    draft_refused(
        &app,
        group,
        "title",
        &"T".repeat(5000),
        "At most 200 characters",
    )
    .await;
    draft_refused(
        &app,
        group,
        "organiser",
        &"O".repeat(201),
        "At most 200 characters",
    )
    .await;
}

#[tokio::test]
async fn line_breaks_in_one_line_fields_are_refused() {
    let app = logged_in().await;
    let group = add_group(&app, "Group Lines");
    draft_refused(
        &app,
        group,
        "title",
        "Broadcasting\r\nSUMMARY:x",
        "one line",
    )
    .await;
    draft_refused(
        &app,
        group,
        "organiser",
        "Division\nORGANIZER:x",
        "one line",
    )
    .await;

    let id = invited_meeting(&app).await;
    let queued = count!(&app, outbox::table);
    for (field, value) in [
        ("venue", "Room B\r\nLOCATION:x"),
        ("note", "Moved\nX-Header: y"),
    ] {
        let response = change(&app, id, &[(field, value)], "").await;
        assert_eq!(response.status(), 422, "{field}");
        assert!(
            response.text().await.expect("body").contains("one line"),
            "{field}"
        );
    }
    assert_eq!(count!(&app, outbox::table), queued);
}

/// Posts the change form of meeting `id` with valid dates (the approved
/// slot, 40 days ahead) unless `first_day` is given, and `extra` fields.
async fn change(
    app: &TestApp,
    id: i64,
    extra: &[(&str, &str)],
    first_day: &str,
) -> reqwest::Response {
    let start = (Utc::now() + Duration::days(40)).date_naive().to_string();
    let end = (Utc::now() + Duration::days(41)).date_naive().to_string();
    let first = if first_day.is_empty() {
        start.as_str()
    } else {
        first_day
    };
    let mut fields = vec![
        ("first_day", first),
        ("starts_at", "10:00"),
        ("last_day", end.as_str()),
        ("ends_at", "17:00"),
        ("venue", "Room A"),
        ("note", ""),
    ];
    for (k, v) in extra {
        fields.retain(|(name, _)| name != k);
        fields.push((k, v));
    }
    app.post_form(
        &format!("/meetings/{id}/change"),
        &format!("/meetings/{id}/change"),
        &fields,
    )
    .await
}

#[tokio::test]
async fn a_change_to_a_date_in_the_past_or_far_ahead_is_refused_and_nobody_is_written_to() {
    let app = logged_in().await;
    let id = invited_meeting(&app).await;
    let queued = count!(&app, outbox::table);
    for first_day in ["-0001-01-01", "2001-01-01", "0000-00-00"] {
        let response = change(&app, id, &[], first_day).await;
        assert_eq!(response.status(), 422, "{first_day}");
    }
    let response = change(&app, id, &[("last_day", "9999-12-31")], "").await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("within 100 years")
    );
    assert_eq!(count!(&app, outbox::table), queued);
}

#[tokio::test]
async fn an_unknown_organisation_in_the_invitee_list_is_a_conflict_not_a_server_error() {
    let app = logged_in().await;
    let id = crate::fixtures::approved_meeting(&app).await;
    let page = format!("/meetings/{id}/invitations");
    for org in ["999999", "0", "-1", "2147483648"] {
        let response = app.post_form(&page, &page, &[("org", org)]).await;
        assert_eq!(response.status(), 409, "org={org}");
        let html = response.text().await.expect("body");
        assert!(html.contains("is not in the directory"), "{html}");
    }
    assert_eq!(count!(&app, invited_organisations::table), 0);
}
