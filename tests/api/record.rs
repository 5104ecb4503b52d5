//! A closed consultation is a fixed record: what the ranking depends on is
//! kept at closing, so a later change in the directory re-ranks nothing.

use crate::fixtures::answered_and_closed;
use crate::helpers::{TestApp, spawn_app};

async fn proposals_csv(app: &TestApp, id: i64) -> String {
    app.get(&format!("/meetings/{id}/proposals.csv"))
        .await
        .text()
        .await
        .expect("CSV")
}

#[tokio::test]
async fn changing_a_groups_weight_after_closing_does_not_rerank_the_closed_meeting() {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    let id = answered_and_closed(&app, true).await;
    let before = proposals_csv(&app, id).await;
    assert!(before.contains(",2,"), "both weights of 1 summed: {before}");
    let page = app.get_html(&format!("/meetings/{id}/proposals")).await;
    assert!(
        page.contains(
            "<dt>Weights</dt><dd>Group Alpha 1, Group Beta 1 (as they were when the consultation closed"
        ),
        "{page}"
    );

    app.execute("UPDATE regional_groups SET weight = 5 WHERE name = 'Group Beta'");
    assert_eq!(
        proposals_csv(&app, id).await,
        before,
        "the ranking and its figures are those of the closing"
    );
    let page = app.get_html(&format!("/meetings/{id}/proposals")).await;
    assert!(page.contains("Group Beta 1 (as they were"), "{page}");
}

#[tokio::test]
async fn each_proposal_says_how_many_able_groups_prefer_its_duration() {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    // Both groups accept 1 and 2 days and prefer 2 (the fixture's answer).
    let id = answered_and_closed(&app, true).await;
    let page = app
        .get_html(&format!("/meetings/{id}/proposals?duration=2"))
        .await;
    assert!(
        page.contains("<dd class=\"preferring\">2 of the able groups</dd>"),
        "{page}"
    );
    assert!(page.contains("(d) more able groups preferring that duration"));
}
