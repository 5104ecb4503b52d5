//! The meeting form reports every error at once, each linked from the
//! summary at the top of the page.

use convene::db::schema::meetings;
use diesel::prelude::*;

use crate::fixtures::{add_group, as_refs, draft_fields};
use crate::helpers::spawn_app;

#[tokio::test]
async fn a_draft_reports_all_its_errors_at_once_with_links_from_the_summary() {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    let group = add_group(&app, "Group Alpha");
    let mut fields = draft_fields(&[group]);
    for (name, value) in fields.iter_mut() {
        match name.as_str() {
            "title" => *value = String::new(),
            // Two weeks of Monday to Friday: five days at most in a row.
            "durations" => *value = "1, 6, 9".into(),
            _ => {}
        }
    }
    let response = app
        .post_form("/meetings/new", "/meetings", &as_refs(&fields))
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    for expected in [
        "<a href=\"#title-error\">Give the meeting a title.</a>",
        "<a href=\"#durations-error\">Meetings of 6 days and 9 days cannot fit: \
         the longest run of consecutive working days in the window is 5.</a>",
        "id=\"durations-error\"",
        "id=\"title-error\"",
    ] {
        assert!(html.contains(expected), "{expected}:\n{html}");
    }
    let count: i64 = meetings::table
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(count, 0);
}
