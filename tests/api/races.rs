//! Issue 10: saves of one form at the same moment (double clicks, two
//! coordinators of one group) each succeed; none is a server error.

use convene::db::schema::{answers, delegates, invitees};
use diesel::prelude::*;

use crate::fixtures::{Visitor, full_answer, invited_meeting, opened_meeting, token_for};
use crate::helpers::{TestApp, csrf_token, spawn_app};
use crate::replies::personal_link;

async fn logged_in() -> TestApp {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    app
}

/// Posts `fields` to `path` `times` times at once; returns the statuses.
async fn at_once(
    visitor: &Visitor,
    path: &str,
    fields: &[(String, String)],
    times: usize,
) -> Vec<u16> {
    let posts = (0..times).map(|i| {
        let client = visitor.client.clone();
        let url = format!("{}{path}", visitor.address);
        let mut fields = fields.to_vec();
        for (k, v) in &mut fields {
            if k == "d.name.0" {
                *v = format!("Delegate {i}");
            }
        }
        async move {
            client
                .post(url)
                .form(&fields)
                .send()
                .await
                .expect("POST")
                .status()
                .as_u16()
        }
    });
    futures_util::future::join_all(posts).await
}

#[tokio::test]
async fn thirty_saves_of_one_coordinator_form_at_once_become_thirty_versions() {
    let app = logged_in().await;
    opened_meeting(&app).await;
    let path = format!("/c/{}", token_for(&app, "alpha@mission.example").await);
    let visitor = Visitor::new(&app);
    let html = visitor.html(&path).await;
    let mut fields = vec![("csrf_token".to_owned(), csrf_token(&html))];
    fields.extend(full_answer(&html, "yes"));
    let statuses = at_once(&visitor, &path, &fields, 30).await;
    assert!(statuses.iter().all(|s| *s == 303), "{statuses:?}");
    let versions: Vec<i32> = answers::table
        .select(answers::version)
        .order(answers::version)
        .load(&mut *app.conn())
        .expect("versions");
    assert_eq!(versions, (1..=30).collect::<Vec<i32>>());
}

#[tokio::test]
async fn twenty_replies_of_one_invitee_at_once_leave_one_whole_delegation() {
    let app = logged_in().await;
    invited_meeting(&app).await;
    let path = personal_link(&app, "jp@mission.example");
    let visitor = Visitor::new(&app);
    let html = visitor.html(&path).await;
    let fields: Vec<(String, String)> = [
        ("csrf_token", csrf_token(&html).as_str()),
        ("response", "in_person"),
        ("d.name.0", "Delegate"),
        ("d.function.0", "Head"),
        ("d.name.1", "Second Delegate"),
        ("d.function.1", "Adviser"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    let statuses = at_once(&visitor, &path, &fields, 20).await;
    assert!(statuses.iter().all(|s| *s == 303), "{statuses:?}");
    let names: Vec<String> = delegates::table
        .inner_join(invitees::table)
        .filter(invitees::name.like("%Japan%"))
        .order(delegates::position)
        .select(delegates::name)
        .load(&mut *app.conn())
        .expect("delegates");
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(names[1], "Second Delegate");
}
