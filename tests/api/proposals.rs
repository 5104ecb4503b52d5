//! The proposals page, approval and the exports, after real coordinator answers.

use convene::db::schema::{audit_log, meetings, outbox};
use convene::domain::proposals::propose;
use diesel::prelude::*;

use crate::fixtures::answered_and_closed;
use crate::helpers::{TestApp, csrf_token, location, spawn_app};

async fn logged_in() -> TestApp {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    app
}

/// The hidden `start`/`duration` of each "Approve this slot" form, in page order.
fn listed_slots(html: &str) -> Vec<(String, String)> {
    let mut slots = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("name=\"start\" value=\"") {
        rest = &rest[at + 20..];
        let start = rest[..rest.find('"').expect("quote")].to_owned();
        let at = rest.find("name=\"duration\" value=\"").expect("duration") + 23;
        rest = &rest[at..];
        let duration = rest[..rest.find('"').expect("quote")].to_owned();
        slots.push((start, duration));
    }
    slots
}

async fn approve(
    app: &TestApp,
    id: i64,
    start: &str,
    duration: &str,
    confirm: bool,
) -> reqwest::Response {
    let html = app.get_html(&format!("/meetings/{id}/proposals")).await;
    let token = csrf_token(&html);
    let mut fields = vec![
        ("csrf_token", token.as_str()),
        ("start", start),
        ("duration", duration),
        ("modality", "in_person"),
        ("venue", "WIPO headquarters, Room A"),
        ("morning_start", "10:00"),
        ("morning_end", "13:00"),
        ("afternoon_start", "15:00"),
        ("afternoon_end", "18:00"),
    ];
    if confirm {
        fields.push(("confirm", "yes"));
    }
    app.post_raw(&format!("/meetings/{id}/approve"), &fields)
        .await
}

#[tokio::test]
async fn the_proposals_shown_are_exactly_the_engines_best_slots_each_explained() {
    let app = logged_in().await;
    let id = answered_and_closed(&app, true).await;
    let html = app.get_html(&format!("/meetings/{id}/proposals")).await;
    let data = convene::db::proposals::load(&mut app.conn(), id).expect("load");
    let expected: Vec<(String, String)> = propose(&data.input, 10, None)
        .iter()
        .map(|p| (p.start.key(), p.duration.to_string()))
        .collect();
    assert_eq!(listed_slots(&html), expected);
    assert_eq!(expected.len(), 10);
    assert!(
        html.contains("<td class=\"no\"><i>unavailable</i>"),
        "Alpha's no is on the heat map"
    );
    assert!(
        html.contains("<td class=\"maybe\"><i>if need be</i>"),
        "Beta's if-need-be too"
    );
    assert!(html.contains("meets the quorum"));

    // Two-day slots (fewer than ten in two weeks): all listed, the worse ones explained.
    let filtered = app
        .get_html(&format!("/meetings/{id}/proposals?duration=2"))
        .await;
    let two_days = listed_slots(&filtered);
    let expected: Vec<(String, String)> = propose(&data.input, 10, Some(2))
        .iter()
        .map(|p| (p.start.key(), "2".to_owned()))
        .collect();
    assert_eq!(two_days, expected);
    assert!(two_days.len() < 10);
    assert!(
        filtered.contains("Group Beta (only if need be on"),
        "explanations name the if-need-be days"
    );
    assert!(
        filtered.contains("Group Alpha: unavailable on"),
        "and the blocking days"
    );
}

#[tokio::test]
async fn when_no_slot_meets_the_quorum_the_near_misses_name_what_blocks_them() {
    let app = logged_in().await;
    let id = answered_and_closed(&app, false).await;
    let html = app.get_html(&format!("/meetings/{id}/proposals")).await;
    assert!(html.contains("No slot meets the quorum"));
    assert!(html.contains("<dt>Not answered</dt><dd>Group Beta</dd>"));
    assert_eq!(
        listed_slots(&html).len(),
        10,
        "near-misses are still listed"
    );
}

#[tokio::test]
async fn approving_records_who_and_when_stores_utc_instants_and_tells_the_coordinators() {
    let app = logged_in().await;
    let id = answered_and_closed(&app, true).await;
    let html = app.get_html(&format!("/meetings/{id}/proposals")).await;
    let (start, duration) = listed_slots(&html)[0].clone();
    let response = approve(&app, id, &start, &duration, false).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), format!("/meetings/{id}?done=approved"));

    let (status, begin, end): (
        String,
        Option<chrono::NaiveDateTime>,
        Option<chrono::NaiveDateTime>,
    ) = meetings::table
        .find(id)
        .select((
            meetings::status,
            meetings::approved_start,
            meetings::approved_end,
        ))
        .first(&mut *app.conn())
        .expect("meeting");
    assert_eq!(status, "approved");
    // 10:00 and 18:00 in Zurich are 09:00 and 17:00 UTC in winter.
    assert_eq!(begin.expect("start").format("%H:%M").to_string(), "09:00");
    assert_eq!(end.expect("end").format("%H:%M").to_string(), "17:00");
    let page = app.get_html(&format!("/meetings/{id}")).await;
    assert!(page.contains("Slot approved"));
    assert!(
        page.contains("Sam Secretariat: Approved"),
        "the history says who"
    );
    let outcomes: i64 = outbox::table
        .filter(outbox::kind.eq("consultation_outcome"))
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(outcomes, 2, "one per coordinator");
    // Both are rendered and delivered (written as .eml files here).
    let mut sent = 0;
    for _ in 0..100 {
        sent = outbox::table
            .filter(outbox::kind.eq("consultation_outcome"))
            .filter(outbox::status.eq("sent"))
            .count()
            .get_result(&mut *app.conn())
            .expect("count");
        if sent == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(sent, 2, "the outcome emails render and go out");
}

#[tokio::test]
async fn a_slot_of_ones_own_that_conflicts_is_explained_and_needs_confirmation() {
    let app = logged_in().await;
    let id = answered_and_closed(&app, true).await;
    let data = convene::db::proposals::load(&mut app.conn(), id).expect("load");
    let third = data.input.units[2].key();
    let warning = approve(&app, id, &third, "1", false).await;
    assert_eq!(warning.status(), 200);
    let html = warning.text().await.expect("body");
    assert!(html.contains("Some groups said they cannot attend this slot."));
    assert!(html.contains("Group Alpha: unavailable on"));
    let status: String = meetings::table
        .find(id)
        .select(meetings::status)
        .first(&mut *app.conn())
        .expect("status");
    assert_eq!(status, "closed", "nothing approved before confirming");

    let confirmed = approve(&app, id, &third, "1", true).await;
    assert_eq!(confirmed.status(), 303);
    let status: String = meetings::table
        .find(id)
        .select(meetings::status)
        .first(&mut *app.conn())
        .expect("status");
    assert_eq!(status, "approved");
}

#[tokio::test]
async fn a_double_submission_approves_once() {
    let app = logged_in().await;
    let id = answered_and_closed(&app, true).await;
    let (start, duration) =
        listed_slots(&app.get_html(&format!("/meetings/{id}/proposals")).await)[0].clone();
    assert_eq!(
        approve(&app, id, &start, &duration, false).await.status(),
        303
    );
    assert_eq!(
        approve(&app, id, &start, &duration, false).await.status(),
        303,
        "the same slot again is fine"
    );
    let approvals: i64 = audit_log::table
        .filter(audit_log::action.eq("meeting.approved"))
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(approvals, 1);
    let outcomes: i64 = outbox::table
        .filter(outbox::kind.eq("consultation_outcome"))
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(outcomes, 2);
}

#[tokio::test]
async fn when_two_members_approve_different_slots_at_once_one_wins_and_the_other_is_told() {
    let app = logged_in().await;
    app.add_user("kim@wipo.int", "Kim Colleague");
    let id = answered_and_closed(&app, true).await;
    let slots = listed_slots(&app.get_html(&format!("/meetings/{id}/proposals")).await);
    let (kim, _) = app.second_browser();
    let login_page = kim
        .get(app.url("/login"))
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("body");
    let token = csrf_token(&login_page);
    kim.post(app.url("/login"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "kim@wipo.int"),
            ("password", crate::helpers::PASSWORD),
        ])
        .send()
        .await
        .expect("login");
    let kim_html = kim
        .get(app.url(&format!("/meetings/{id}/proposals")))
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("body");
    let kim_token = csrf_token(&kim_html);
    let kim_request = kim
        .post(app.url(&format!("/meetings/{id}/approve")))
        .form(&[
            ("csrf_token", kim_token.as_str()),
            ("start", slots[1].0.as_str()),
            ("duration", slots[1].1.as_str()),
            ("modality", "virtual"),
            ("link", "https://meet.example.org/kim"),
            ("morning_start", "10:00"),
            ("morning_end", "13:00"),
            ("afternoon_start", "15:00"),
            ("afternoon_end", "18:00"),
        ])
        .send();
    let (sam, kim) = tokio::join!(
        approve(&app, id, &slots[0].0, &slots[0].1, false),
        kim_request
    );
    let kim = kim.expect("Kim's POST");
    let mut statuses = [sam.status().as_u16(), kim.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [303, 409], "exactly one wins");
    let loser = if sam.status() == 409 { sam } else { kim };
    assert!(
        loser
            .text()
            .await
            .expect("body")
            .contains("approved another slot first")
    );
    let approvals: i64 = audit_log::table
        .filter(audit_log::action.eq("meeting.approved"))
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(approvals, 1);
}

#[tokio::test]
async fn answers_and_proposals_export_as_csv() {
    let app = logged_in().await;
    let id = answered_and_closed(&app, true).await;
    let answers = app.get(&format!("/meetings/{id}/answers.csv")).await;
    assert!(
        answers.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/csv")
    );
    let text = answers.text().await.expect("body");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("group,short_name,unit,date"));
    assert_eq!(lines.len(), 1 + 2 * 10, "one row per group and unit");
    assert_eq!(
        lines.iter().filter(|l| l.contains(",no,")).count(),
        1,
        "Alpha's one no"
    );

    let ranked = app
        .get(&format!("/meetings/{id}/proposals.csv"))
        .await
        .text()
        .await
        .expect("body");
    let rows: Vec<&str> = ranked.lines().collect();
    assert!(rows[0].starts_with("rank,first_unit"));
    let data = convene::db::proposals::load(&mut app.conn(), id).expect("load");
    let all = propose(&data.input, usize::MAX, None);
    assert_eq!(rows.len(), 1 + all.len());
    assert!(rows[1].starts_with(&format!("1,{},", all[0].start.key())));
    assert!(
        rows[1].contains(",Group Alpha; Group Beta,"),
        "group names, which hold spaces, are kept apart: {}",
        rows[1]
    );
    assert_eq!(
        app.client
            .get(app.url(&format!("/meetings/{id}/answers.csv")))
            .send()
            .await
            .expect("GET")
            .status(),
        200
    );
    let (stranger, _) = app.second_browser();
    let refused = stranger
        .get(app.url(&format!("/meetings/{id}/answers.csv")))
        .send()
        .await
        .expect("GET");
    assert_eq!(refused.status(), 303, "exports need a login");
}
