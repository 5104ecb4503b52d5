//! The secretariat's decision at approval: modality, venue, link and session
//! times; the groups' preferences that inform it; changing it later.

use convene::db::schema::{meetings, outbox};
use diesel::prelude::*;

use crate::fixtures::answered_and_closed;
use crate::fixtures::{
    REMOTE_LINK, Visitor, approved_meeting, full_answer, invited_meeting, opened_meeting,
    send_invitations, token_for,
};
use crate::helpers::{TestApp, location, spawn_app};

async fn logged_in() -> TestApp {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    app
}

/// The `start` and `duration` of the best listed slot.
async fn best_slot(app: &TestApp, id: i64) -> (String, String) {
    let html = app.get_html(&format!("/meetings/{id}/proposals")).await;
    let value = |name: &str| {
        let marker = format!("name=\"{name}\" value=\"");
        let at = html.find(&marker).expect(name) + marker.len();
        html[at..at + html[at..].find('"').expect("quote")].to_owned()
    };
    (value("start"), value("duration"))
}

fn stored_decision(app: &TestApp, id: i64) -> (String, Option<String>, String, String) {
    meetings::table
        .find(id)
        .select((
            meetings::status,
            meetings::approved_modality,
            meetings::approved_venue,
            meetings::approved_link,
        ))
        .first(&mut *app.conn())
        .expect("meeting")
}

fn params_of(app: &TestApp, id: i64, kind: &str) -> Vec<serde_json::Value> {
    outbox::table
        .filter(outbox::meeting_id.eq(id))
        .filter(outbox::kind.eq(kind))
        .order(outbox::id)
        .select(outbox::params)
        .load::<String>(&mut *app.conn())
        .expect("rows")
        .iter()
        .map(|p| serde_json::from_str(p).expect("JSON"))
        .collect()
}

#[tokio::test]
async fn approval_decides_the_modality_venue_link_and_times_and_refuses_what_is_missing() {
    let app = logged_in().await;
    let id = answered_and_closed(&app, true).await;
    let (start, duration) = best_slot(&app, id).await;
    let path = format!("/meetings/{id}/approve?start={start}&duration={duration}");
    let form = app.get_html(&path).await;
    for expected in [
        "value=\"in_person\"",
        "value=\"hybrid\"",
        "value=\"virtual\"",
        "id=\"morning_start\" name=\"morning_start\" value=\"10:00\"",
        "id=\"afternoon_end\" name=\"afternoon_end\" value=\"18:00\"",
    ] {
        assert!(form.contains(expected), "{expected}:\n{form}");
    }

    let post = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        let path = path.clone();
        let (start, duration) = (start.clone(), duration.clone());
        async move {
            let mut all = vec![
                ("start", start),
                ("duration", duration),
                ("morning_start", "09:30".to_owned()),
                ("morning_end", "13:00".to_owned()),
                ("afternoon_start", "15:00".to_owned()),
                ("afternoon_end", "18:00".to_owned()),
            ];
            all.extend(fields);
            let refs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form(&path, &format!("/meetings/{id}/approve"), &refs)
                .await
        }
    };

    let bare = post(vec![("modality", "hybrid".into())]).await;
    assert_eq!(bare.status(), 422);
    let html = bare.text().await.expect("body");
    assert!(html.contains("id=\"venue-error\">Give the venue"), "{html}");
    assert!(html.contains("id=\"link-error\">Give the link to join remotely"));
    assert!(
        html.contains("value=\"hybrid\" checked"),
        "keeps the choice"
    );
    assert_eq!(stored_decision(&app, id).0, "closed", "nothing approved");

    let unsafe_link = post(vec![
        ("modality", "virtual".into()),
        ("link", "javascript:alert(1)".into()),
    ])
    .await;
    assert_eq!(unsafe_link.status(), 422);
    assert!(
        unsafe_link
            .text()
            .await
            .expect("body")
            .contains("id=\"link-error\">Give a web address starting with https://")
    );

    let approved = post(vec![
        ("modality", "hybrid".into()),
        ("venue", "WIPO headquarters, Room B".into()),
        ("link", "https://meet.example.org/wipo-b".into()),
    ])
    .await;
    assert_eq!(approved.status(), 303);
    assert_eq!(
        stored_decision(&app, id),
        (
            "approved".to_owned(),
            Some("hybrid".to_owned()),
            "WIPO headquarters, Room B".to_owned(),
            "https://meet.example.org/wipo-b".to_owned()
        )
    );
    let begin: Option<chrono::NaiveDateTime> = meetings::table
        .find(id)
        .select(meetings::approved_start)
        .first(&mut *app.conn())
        .expect("start");
    assert_eq!(
        begin.expect("start").format("%H:%M").to_string(),
        "08:30",
        "09:30 in Zurich in winter: the decided morning, not the draft's"
    );
    for outcome in params_of(&app, id, "consultation_outcome") {
        assert_eq!(outcome["modalities"], serde_json::json!(["hybrid"]));
    }
}

#[tokio::test]
async fn the_proposals_page_shows_the_groups_modality_preferences_and_comments() {
    let app = logged_in().await;
    let (id, _, _) = opened_meeting(&app).await;
    for (who, modality, comment) in [
        (
            "alpha@mission.example",
            "hybrid",
            "Hybrid, please: our capital follows remotely.",
        ),
        ("beta@mission.example", "in_person", ""),
    ] {
        let token = token_for(&app, who).await;
        let visitor = Visitor::new(&app);
        let form = visitor.html(&format!("/c/{token}")).await;
        let mut answer = full_answer(&form, "yes");
        for (k, v) in answer.iter_mut() {
            if k == "modality" {
                *v = modality.into();
            }
        }
        answer.push(("comment".into(), comment.into()));
        let response = visitor.submit(&format!("/c/{token}"), &answer).await;
        assert_eq!(response.status(), 303);
    }
    let html = app.get_html(&format!("/meetings/{id}/proposals")).await;
    for expected in [
        "<tr><th scope=\"row\">In person</th><td>1</td></tr>",
        "<tr><th scope=\"row\">Hybrid (in person and online)</th><td>1</td></tr>",
        "<tr><th scope=\"row\">Virtual (online only)</th><td>0</td></tr>",
        "<tr><th scope=\"row\">No preference, or no answer</th><td>0</td></tr>",
        "<dt>Group Alpha</dt><dd class=\"keep-lines\">Hybrid, please: our capital follows remotely.</dd>",
    ] {
        assert!(html.contains(expected), "{expected}:\n{html}");
    }
    assert!(!html.contains("<dt>Group Beta</dt><dd class=\"keep-lines\">"));
}

#[tokio::test]
async fn a_change_of_modality_or_link_alone_sends_everyone_an_update_with_the_next_sequence() {
    let app = logged_in().await;
    let id = invited_meeting(&app).await;
    let form = app.get_html(&format!("/meetings/{id}/change")).await;
    let value = |name: &str| {
        let marker = format!("name=\"{name}\" value=\"");
        let at = form.find(&marker).expect(name) + marker.len();
        form[at..at + form[at..].find('"').expect("quote")].to_owned()
    };
    let (first_day, starts_at, last_day, ends_at) = (
        value("first_day"),
        value("starts_at"),
        value("last_day"),
        value("ends_at"),
    );
    assert!(form.contains("value=\"hybrid\" checked"));
    assert!(form.contains(&format!("value=\"{REMOTE_LINK}\"")));
    let change = |modality: &'static str, link: &'static str| {
        let fields = [
            ("first_day", first_day.clone()),
            ("starts_at", starts_at.clone()),
            ("last_day", last_day.clone()),
            ("ends_at", ends_at.clone()),
            ("modality", modality.to_owned()),
            ("venue", "WIPO headquarters, Room A, Geneva".to_owned()),
            ("link", link.to_owned()),
            ("note", String::new()),
        ];
        let app = &app;
        async move {
            let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form(
                &format!("/meetings/{id}/change"),
                &format!("/meetings/{id}/change"),
                &refs,
            )
            .await
        }
    };
    let response = change("virtual", "https://meet.example.org/new-room").await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        location(&response),
        format!("/meetings/{id}/delivery?done=changed")
    );
    let updates = params_of(&app, id, "invitation_update");
    assert_eq!(updates.len(), 4, "one update per recipient");
    for p in &updates {
        assert_eq!(p["sequence"], 1);
        assert_eq!(p["modality"], "virtual");
        assert_eq!(p["venue"], "", "a virtual meeting has no room");
        assert_eq!(p["remote_link"], "https://meet.example.org/new-room");
    }
    let again = change("virtual", "https://meet.example.org/new-room").await;
    assert_eq!(
        location(&again),
        format!("/meetings/{id}/delivery?done=unchanged")
    );
    assert_eq!(params_of(&app, id, "invitation_update").len(), 4);
}

#[tokio::test]
async fn before_sending_the_decision_is_corrected_quietly_and_an_undecided_meeting_cannot_send() {
    let app = logged_in().await;
    crate::fixtures::add_state_contact(&app, "CH", "Mission", "ch@mission.example", "fr");
    let id = approved_meeting(&app).await;
    app.execute(&format!(
        "UPDATE meetings SET approved_modality = NULL WHERE id = {id}"
    ));
    let page = app.get_html(&format!("/meetings/{id}/invitations")).await;
    assert!(page.contains("Not decided yet"), "{page}");
    let refused = send_invitations(&app, id).await;
    assert_eq!(refused.status(), 409);
    assert!(
        refused
            .text()
            .await
            .expect("body")
            .contains("Decide the modality first")
    );
    assert!(params_of(&app, id, "invitation").is_empty());

    let form = app.get_html(&format!("/meetings/{id}/change")).await;
    assert!(form.contains("nobody is written to"), "{form}");
    let value = |name: &str| {
        let marker = format!("name=\"{name}\" value=\"");
        let at = form.find(&marker).expect(name) + marker.len();
        form[at..at + form[at..].find('"').expect("quote")].to_owned()
    };
    let fields = [
        ("first_day", value("first_day")),
        ("starts_at", value("starts_at")),
        ("last_day", value("last_day")),
        ("ends_at", value("ends_at")),
        ("modality", "in_person".to_owned()),
        ("venue", "WIPO, Room C".to_owned()),
        ("link", REMOTE_LINK.to_owned()),
    ];
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app
        .post_form(
            &format!("/meetings/{id}/change"),
            &format!("/meetings/{id}/change"),
            &refs,
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        location(&response),
        format!("/meetings/{id}/invitations?done=decided")
    );
    let queued: i64 = outbox::table
        .filter(outbox::meeting_id.eq(id))
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(queued, 0, "nobody was invited yet, so nobody is told");

    assert_eq!(send_invitations(&app, id).await.status(), 303);
    let sent = params_of(&app, id, "invitation");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["modality"], "in_person");
    assert_eq!(sent[0]["venue"], "WIPO, Room C");
    assert_eq!(
        sent[0]["remote_link"], "",
        "no link for a meeting in person"
    );
}

#[tokio::test]
async fn approving_while_a_group_has_not_answered_says_so_and_not_that_it_conflicts() {
    let app = logged_in().await;
    let id = answered_and_closed(&app, false).await;
    let (start, duration) = best_slot(&app, id).await;
    let html = app
        .get_html(&format!(
            "/meetings/{id}/approve?start={start}&duration={duration}"
        ))
        .await;
    assert!(
        html.contains("No group said it cannot attend, but not every group has answered."),
        "{html}"
    );
    assert!(html.contains("<dt>Has not answered</dt><dd>Group Beta</dd>"));
    assert!(!html.contains("conflict"), "nothing conflicts: {html}");
    assert!(!html.contains("cannot attend this slot"));

    // A slot Alpha said it cannot attend is named as such.
    let data = convene::db::proposals::load(&mut app.conn(), id).expect("load");
    let third = data.input.units[2].key();
    let html = app
        .get_html(&format!("/meetings/{id}/approve?start={third}&duration=1"))
        .await;
    assert!(html.contains("Some groups said they cannot attend this slot."));
    assert!(html.contains("<dt>Cannot attend</dt>"));
}
