//! Invitations: the invitee list, sending through the outbox, delivery,
//! updates and cancellation.

use std::time::{Duration, Instant};

use convene::config::RawSettings;
use convene::db::schema::{
    invitation_links, invitation_recipients, invitation_settings, invitees, outbox,
};
use diesel::prelude::*;

use crate::calendar::Calendar;
use crate::fixtures::{
    REMOTE_LINK, VENUE, Visitor, add_organisation_contact, add_state_contact, approved_meeting,
    invited_meeting, send_invitations,
};
use crate::helpers::{TestApp, location, spawn_app, spawn_app_with};
use crate::outbox::{OutboxProcess, fast_mail};
use crate::smtp::{Received, SmtpServer};

async fn logged_in() -> TestApp {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    app
}

fn invitation_rows(app: &TestApp, meeting: i64) -> Vec<(String, String, String)> {
    outbox::table
        .filter(outbox::meeting_id.eq(meeting))
        .filter(outbox::kind.eq("invitation"))
        .order(outbox::id)
        .select((outbox::recipient_email, outbox::language, outbox::kind))
        .load(&mut *app.conn())
        .expect("rows")
}

#[tokio::test]
async fn sending_queues_one_invitation_per_recipient_and_twice_queues_once() {
    let app = logged_in().await;
    let id = invited_meeting(&app).await;
    let mut rows = invitation_rows(&app, id);
    rows.sort();
    assert_eq!(
        rows.iter()
            .map(|(e, l, _)| (e.as_str(), l.as_str()))
            .collect::<Vec<_>>(),
        vec![
            ("br2@mission.example", "es"),
            ("br@mission.example", "es"),
            ("ch@mission.example", "fr"),
            ("jp@mission.example", "en"),
        ]
    );
    let parties: i64 = invitees::table
        .filter(invitees::meeting_id.eq(id))
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(parties, 3, "one invitee per state that has an address");
    let links: i64 = invitation_links::table
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(links, 4, "one personal link per recipient");

    // A replayed POST and a second click queue nothing more.
    assert_eq!(send_invitations(&app, id).await.status(), 303);
    assert_eq!(send_invitations(&app, id).await.status(), 303);
    assert_eq!(invitation_rows(&app, id).len(), 4);

    // A contact added later is invited by the next send, alone.
    add_state_contact(&app, "FR", "Mission de France", "fr@mission.example", "fr");
    assert_eq!(send_invitations(&app, id).await.status(), 303);
    let rows = invitation_rows(&app, id);
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[4].0, "fr@mission.example");
    let recipients: i64 = invitation_recipients::table
        .filter(invitation_recipients::meeting_id.eq(id))
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(recipients, 5);
}

#[tokio::test]
async fn the_list_shows_counts_by_category_and_who_lacks_an_address() {
    let app = logged_in().await;
    add_state_contact(&app, "CH", "Mission de Suisse", "ch@mission.example", "fr");
    let id = approved_meeting(&app).await;
    let html = app.get_html(&format!("/meetings/{id}/invitations")).await;
    assert!(
        html.contains("<td id=\"total-invitees\">193</td>"),
        "{html}"
    );
    assert!(html.contains("<td id=\"total-recipients\">1</td>"));
    assert!(html.contains("192 invitees have no address"));
    assert!(html.contains("Japan"));
}

/// An app sending through `smtp`, logged in as the secretariat.
async fn sending_to(smtp: &SmtpServer, tweak: impl FnOnce(&mut RawSettings)) -> TestApp {
    let url = smtp.url();
    let app = spawn_app_with(|raw| {
        fast_mail(raw, Some(url));
        tweak(raw);
    })
    .await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    app
}

fn ical_uid(app: &TestApp, meeting: i64) -> String {
    invitation_settings::table
        .find(meeting)
        .select(invitation_settings::ical_uid)
        .first(&mut *app.conn())
        .expect("settings")
}

fn params_of(app: &TestApp, meeting: i64, kind: &str) -> Vec<serde_json::Value> {
    let rows: Vec<String> = outbox::table
        .filter(outbox::meeting_id.eq(meeting))
        .filter(outbox::kind.eq(kind))
        .order(outbox::id)
        .select(outbox::params)
        .load(&mut *app.conn())
        .expect("rows");
    rows.iter()
        .map(|p| serde_json::from_str(p).expect("JSON"))
        .collect()
}

/// Waits until the meeting's delivery shows nothing queued.
async fn wait_delivered(app: &TestApp, meeting: i64) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let progress: serde_json::Value = app
            .get(&format!("/api/v1/meetings/{meeting}/delivery"))
            .await
            .json()
            .await
            .expect("JSON");
        if progress["queued"] == 0 {
            return progress;
        }
        assert!(Instant::now() < deadline, "still queued: {progress}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_change_of_date_or_venue_sends_every_recipient_an_update_once() {
    let app = logged_in().await;
    let id = invited_meeting(&app).await;
    let uid = ical_uid(&app, id);
    let form = app.get_html(&format!("/meetings/{id}/change")).await;
    assert!(
        form.contains("Europe/Zurich"),
        "times are in the meeting's zone"
    );

    // A bad form changes nothing and keeps what was typed.
    let bad = [
        ("first_day", "2099-02-30"),
        ("starts_at", "10:00"),
        ("last_day", "2099-03-02"),
        ("ends_at", "09:00"),
        ("venue", "Room B"),
        ("note", "Moved by a week"),
    ];
    let response = app
        .post_form(
            &format!("/meetings/{id}/change"),
            &format!("/meetings/{id}/change"),
            &bad,
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(html.contains("value=\"2099-02-30\"") && html.contains("Moved by a week"));
    assert!(html.contains("id=\"first_day-error\""));
    assert!(params_of(&app, id, "invitation_update").is_empty());

    let good = [
        ("first_day", "2099-03-02"),
        ("starts_at", "10:00"),
        ("last_day", "2099-03-03"),
        ("ends_at", "17:30"),
        ("modality", "hybrid"),
        ("venue", "WIPO, Room B"),
        ("link", REMOTE_LINK),
        ("note", "Moved by a week"),
    ];
    let response = app
        .post_form(
            &format!("/meetings/{id}/change"),
            &format!("/meetings/{id}/change"),
            &good,
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        location(&response),
        format!("/meetings/{id}/delivery?done=changed")
    );
    let updates = params_of(&app, id, "invitation_update");
    assert_eq!(updates.len(), 4, "one update per recipient");
    for p in &updates {
        assert_eq!(p["ical_uid"], uid.as_str(), "same calendar UID");
        assert_eq!(p["sequence"], 1, "SEQUENCE + 1");
        assert_eq!(
            p["start_utc"], "2099-03-02T09:00:00+00:00",
            "10:00 in Zurich (CET)"
        );
        assert_eq!(p["end_utc"], "2099-03-03T16:30:00+00:00");
        assert_eq!(p["venue"], "WIPO, Room B");
        assert_eq!(p["modality"], "hybrid");
        assert_eq!(p["remote_link"], REMOTE_LINK);
        assert_eq!(p["change_note"], "Moved by a week");
    }
    // The same change again writes to nobody.
    let response = app
        .post_form(
            &format!("/meetings/{id}/change"),
            &format!("/meetings/{id}/change"),
            &good,
        )
        .await;
    assert_eq!(
        location(&response),
        format!("/meetings/{id}/delivery?done=unchanged")
    );
    assert_eq!(params_of(&app, id, "invitation_update").len(), 4);
    let page = app.get_html(&format!("/meetings/{id}/invitations")).await;
    let meeting = app.get_html(&format!("/meetings/{id}")).await;
    assert!(meeting.contains(
        "from Mon 2 Mar 2099, 10:00 CET (Europe/Zurich) to Tue 3 Mar 2099, 17:30 CET (Europe/Zurich) (changed after approval)"
    ));
    assert!(
        page.contains("Mon 2 Mar 2099, 10:00 CET (Europe/Zurich)"),
        "{page}"
    );
}

#[tokio::test]
async fn cancelling_needs_a_confirmation_and_tells_every_recipient() {
    let app = logged_in().await;
    let id = invited_meeting(&app).await;
    let uid = ical_uid(&app, id);
    let response = app
        .post_form(
            &format!("/meetings/{id}/cancel"),
            &format!("/meetings/{id}/cancel"),
            &[("reason", "The session is postponed.")],
        )
        .await;
    assert_eq!(response.status(), 422, "not confirmed");
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("The session is postponed.")
    );
    assert!(params_of(&app, id, "invitation_cancel").is_empty());

    let response = app
        .post_form(
            &format!("/meetings/{id}/cancel"),
            &format!("/meetings/{id}/cancel"),
            &[("reason", "The session is postponed."), ("confirm", "yes")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let cancels = params_of(&app, id, "invitation_cancel");
    assert_eq!(cancels.len(), 4);
    for p in &cancels {
        assert_eq!(p["ical_uid"], uid.as_str());
        assert_eq!(p["sequence"], 1);
    }
    let sealed: Vec<Option<String>> = outbox::table
        .filter(outbox::kind.eq("invitation_cancel"))
        .select(outbox::sealed_secret)
        .load(&mut *app.conn())
        .expect("rows");
    assert!(
        sealed.iter().all(Option::is_none),
        "a cancellation carries no link"
    );
    let page = app.get_html(&format!("/meetings/{id}")).await;
    assert!(page.contains("Cancelled"));
    // Nothing more can be changed or sent.
    assert_eq!(
        app.get(&format!("/meetings/{id}/change")).await.status(),
        409
    );
    assert_eq!(send_invitations(&app, id).await.status(), 409);
}

#[tokio::test]
async fn cancelling_before_any_invitation_writes_to_nobody() {
    let app = logged_in().await;
    let id = approved_meeting(&app).await;
    let response = app
        .post_form(
            &format!("/meetings/{id}/cancel"),
            &format!("/meetings/{id}/cancel"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(
        location(&response),
        format!("/meetings/{id}?done=cancelled")
    );
    let rows: i64 = outbox::table
        .filter(outbox::meeting_id.eq(id))
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(rows, 0);
}

#[tokio::test]
async fn pausing_this_meeting_holds_its_invitations_until_resumed() {
    let smtp = SmtpServer::start();
    let app = sending_to(&smtp, |_| {}).await;
    add_state_contact(&app, "CH", "Mission de Suisse", "ch@mission.example", "fr");
    add_state_contact(&app, "JP", "Japan Mission", "jp@mission.example", "en");
    let id = approved_meeting(&app).await;
    let response = app
        .post_form(
            &format!("/meetings/{id}/invitations"),
            &format!("/meetings/{id}/delivery/pause"),
            &[],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(send_invitations(&app, id).await.status(), 303);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(smtp.messages().is_empty(), "paused");
    let progress: serde_json::Value = app
        .get(&format!("/api/v1/meetings/{id}/delivery"))
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(progress["queued"], 2);
    assert_eq!(progress["paused"], true);
    let page = app.get_html(&format!("/meetings/{id}/delivery")).await;
    assert!(page.contains("id=\"paused\""));
    assert!(page.contains("<progress id=\"progress\" max=\"2\" value=\"0\">"));

    let response = app
        .post_form(
            &format!("/meetings/{id}/delivery"),
            &format!("/meetings/{id}/delivery/resume"),
            &[],
        )
        .await;
    assert_eq!(response.status(), 303);
    smtp.wait_for(2).await;
    let progress = wait_delivered(&app, id).await;
    assert_eq!(progress["sent"], 2);
    assert_eq!(progress["percent"], 100);
}

#[tokio::test]
async fn failures_show_the_servers_reply_and_are_resent_one_or_all() {
    let smtp = SmtpServer::start();
    let app = sending_to(&smtp, |_| {}).await;
    smtp.reject("br@mission.example");
    smtp.reject("jp@mission.example");
    let id = invited_meeting(&app).await;
    smtp.wait_for(2).await;
    let progress = wait_delivered(&app, id).await;
    assert_eq!(
        (progress["sent"].clone(), progress["failed"].clone()),
        (2.into(), 2.into())
    );
    let page = app.get_html(&format!("/meetings/{id}/delivery")).await;
    assert!(page.contains("550 5.1.1 mailbox unavailable"), "{page}");
    assert!(page.contains("br@mission.example") && page.contains("jp@mission.example"));

    smtp.accept_all();
    let failed: Vec<(i64, String)> = outbox::table
        .filter(outbox::meeting_id.eq(id))
        .filter(outbox::status.eq("failed"))
        .order(outbox::id)
        .select((outbox::id, outbox::recipient_email))
        .load(&mut *app.conn())
        .expect("rows");
    let (one, who) = failed[0].clone();
    let response = app
        .post_form(
            &format!("/meetings/{id}/delivery"),
            &format!("/meetings/{id}/delivery/{one}/resend"),
            &[],
        )
        .await;
    assert_eq!(response.status(), 303);
    let received = smtp.wait_for(3).await;
    assert_eq!(received[2].to, [who]);
    wait_delivered(&app, id).await;
    let response = app
        .post_form(
            &format!("/meetings/{id}/delivery"),
            &format!("/meetings/{id}/delivery/resend-failed"),
            &[],
        )
        .await;
    assert_eq!(response.status(), 303);
    smtp.wait_for(4).await;
    let progress = wait_delivered(&app, id).await;
    assert_eq!(progress["sent"], 4);
    assert_eq!(progress["failed"], 0);
    let mut to: Vec<String> = smtp.messages().into_iter().flat_map(|m| m.to).collect();
    to.sort();
    assert_eq!(
        to,
        [
            "br2@mission.example",
            "br@mission.example",
            "ch@mission.example",
            "jp@mission.example"
        ],
        "each exactly once"
    );
}

#[tokio::test]
async fn a_message_of_another_meeting_cannot_be_resent_through_this_one() {
    let app = logged_in().await;
    let id = invited_meeting(&app).await;
    let other = approved_meeting(&app).await;
    let message: i64 = outbox::table
        .filter(outbox::meeting_id.eq(id))
        .select(outbox::id)
        .first(&mut *app.conn())
        .expect("row");
    let response = app
        .post_form(
            &format!("/meetings/{other}/delivery"),
            &format!("/meetings/{other}/delivery/{message}/resend"),
            &[],
        )
        .await;
    assert_eq!(response.status(), 404);
    let anonymous = Visitor::new(&app);
    assert_eq!(
        anonymous
            .get(&format!("/api/v1/meetings/{id}/delivery"))
            .await
            .status(),
        401
    );
    assert_eq!(
        anonymous
            .get(&format!("/meetings/{id}/delivery"))
            .await
            .status(),
        303,
        "to the login page"
    );
}

/// The reply token in a received message's text.
fn reply_token(message: &Received) -> String {
    message.link_path("/i/")["/i/".len()..].to_owned()
}

#[tokio::test]
async fn every_recipient_gets_one_message_in_their_language_with_a_calendar_request() {
    let smtp = SmtpServer::start();
    let app = sending_to(&smtp, |_| {}).await;
    let id = invited_meeting(&app).await;
    let uid = ical_uid(&app, id);
    let received = smtp.wait_for(4).await;
    wait_delivered(&app, id).await;
    let mut tokens = Vec::new();
    let rows: Vec<(String, String)> = outbox::table
        .filter(outbox::meeting_id.eq(id))
        .select((outbox::recipient_email, outbox::message_id))
        .load(&mut *app.conn())
        .expect("rows");
    for message in &received {
        assert_eq!(message.envelope_to.len(), 1, "one recipient per message");
        assert_eq!(message.to.len(), 1);
        let to = message.to[0].clone();
        let language = match to.as_str() {
            "ch@mission.example" => "fr",
            "br@mission.example" | "br2@mission.example" => "es",
            _ => "en",
        };
        assert!(
            message.html.contains(&format!("lang=\"{language}\"")),
            "{to}: {}",
            message.html
        );
        assert!(message.has_part("text/plain") && message.has_part("text/html"));
        assert!(
            message.has_part("text/calendar; method=request"),
            "{}",
            message.raw
        );
        assert!(
            message.raw.contains("invite.ics"),
            "the .ics is attached too"
        );
        assert_eq!(message.auto_submitted.as_deref(), Some("auto-generated"));
        assert_eq!(message.reply_to.as_deref(), Some("meetings@wipo.int"));
        let (_, stored_id) = rows.iter().find(|(e, _)| *e == to).expect("its row");
        assert_eq!(format!("<{}>", message.message_id), *stored_id);
        assert!(message.text.contains("Europe/Zurich") && message.text.contains("UTC"));

        let calendar = Calendar::of_message(&message.raw);
        assert_eq!(calendar.method, "REQUEST");
        assert_eq!(calendar.value("UID"), uid);
        assert_eq!(calendar.value("SEQUENCE"), "0");
        assert_eq!(calendar.value("STATUS"), "CONFIRMED");
        assert_eq!(
            calendar.values("ATTENDEE"),
            [format!("mailto:{to}")],
            "the recipient alone"
        );
        assert_eq!(calendar.value("ORGANIZER"), "mailto:meetings@wipo.int");
        assert!(calendar.value("DTSTART").ends_with("T090000Z"));
        assert!(calendar.value("DTEND").ends_with("T160000Z"));
        assert_eq!(
            calendar.value("SUMMARY"),
            "Informal consultation on broadcasting"
        );
        let token = reply_token(message);
        assert_eq!(token.len(), 64);
        assert_eq!(calendar.value("URL"), REMOTE_LINK, "where to join");
        assert_eq!(calendar.value("LOCATION"), VENUE);
        assert!(
            calendar
                .value("DESCRIPTION")
                .ends_with(&format!("/i/{token}")),
            "the reply link is in the description"
        );
        assert!(message.text.contains(REMOTE_LINK) && message.html.contains(REMOTE_LINK));
        tokens.push(token);
    }
    tokens.sort();
    tokens.dedup();
    assert_eq!(tokens.len(), 4, "a personal link each");
    let stored: Vec<String> = invitation_links::table
        .select(invitation_links::token_hash)
        .load(&mut *app.conn())
        .expect("hashes");
    for token in &tokens {
        assert!(!stored.contains(token), "the token itself is not stored");
        assert!(stored.contains(&convene::domain::token::digest(token)));
    }

    // An update: same UID, SEQUENCE 1, the new times, a fresh link.
    let response = app
        .post_form(
            &format!("/meetings/{id}/change"),
            &format!("/meetings/{id}/change"),
            &[
                ("first_day", "2099-03-02"),
                ("starts_at", "10:00"),
                ("last_day", "2099-03-03"),
                ("ends_at", "17:30"),
                ("modality", "hybrid"),
                ("venue", "WIPO, Room B; Geneva"),
                ("link", REMOTE_LINK),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let received = smtp.wait_for(8).await;
    for message in &received[4..] {
        let calendar = Calendar::of_message(&message.raw);
        assert_eq!(calendar.method, "REQUEST");
        assert_eq!(calendar.value("UID"), uid);
        assert_eq!(calendar.value("SEQUENCE"), "1");
        assert_eq!(calendar.value("DTSTART"), "20990302T090000Z");
        assert_eq!(calendar.value("DTEND"), "20990303T163000Z");
        assert_eq!(
            calendar.value("LOCATION"),
            "WIPO, Room B; Geneva",
            "unescaped"
        );
        assert!(!tokens.contains(&reply_token(message)), "a fresh link");
    }

    // The cancellation: METHOD:CANCEL, STATUS:CANCELLED, SEQUENCE 2, no link.
    let response = app
        .post_form(
            &format!("/meetings/{id}/cancel"),
            &format!("/meetings/{id}/cancel"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let received = smtp.wait_for(12).await;
    let mut cancelled: Vec<String> = Vec::new();
    for message in &received[8..] {
        assert!(
            message.has_part("text/calendar; method=cancel"),
            "{}",
            message.raw
        );
        let calendar = Calendar::of_message(&message.raw);
        assert_eq!(calendar.method, "CANCEL");
        assert_eq!(calendar.value("STATUS"), "CANCELLED");
        assert_eq!(calendar.value("UID"), uid);
        assert_eq!(calendar.value("SEQUENCE"), "2");
        assert!(!message.text.contains("/i/"));
        cancelled.extend(message.to.clone());
    }
    cancelled.sort();
    assert_eq!(
        cancelled,
        [
            "br2@mission.example",
            "br@mission.example",
            "ch@mission.example",
            "jp@mission.example"
        ]
    );
}

#[tokio::test]
async fn every_member_state_and_observer_of_the_reference_directory_is_invited_in_one_action() {
    use convene::db::schema::{member_states, organisations};
    let smtp = SmtpServer::start();
    let app = sending_to(&smtp, |_| {}).await;
    let states: Vec<String> = member_states::table
        .select(member_states::iso2)
        .load(&mut *app.conn())
        .expect("states");
    assert_eq!(states.len(), 193, "the reference directory");
    for iso2 in &states {
        let lower = iso2.to_lowercase();
        add_state_contact(
            &app,
            iso2,
            &format!("Mission {iso2}"),
            &format!("{lower}@missions.example"),
            "en",
        );
    }
    let observers: Vec<i64> = organisations::table
        .filter(organisations::observer.eq(true))
        .select(organisations::id)
        .load(&mut *app.conn())
        .expect("observers");
    assert!(!observers.is_empty());
    for org in &observers {
        add_organisation_contact(
            &app,
            *org,
            "Liaison",
            &format!("org{org}@observers.example"),
            "fr",
        );
    }
    let id = approved_meeting(&app).await;
    let response = app
        .post_form(
            &format!("/meetings/{id}/invitations"),
            &format!("/meetings/{id}/invitations"),
            &[("all_observers", "on"), ("guests", "")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = app.get_html(&format!("/meetings/{id}/invitations")).await;
    let expected = 193 + observers.len();
    assert!(
        page.contains(&format!("<td id=\"total-recipients\">{expected}</td>")),
        "{page}"
    );
    assert!(page.contains("Every invitee has at least one address."));

    assert_eq!(send_invitations(&app, id).await.status(), 303);
    let received = smtp.wait_for(expected).await;
    let progress = wait_delivered(&app, id).await;
    assert_eq!(progress["sent"], expected as i64);
    let mut to: Vec<String> = received.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    let before = to.len();
    to.dedup();
    assert_eq!(before, to.len(), "nobody twice");
    assert_eq!(to.len(), expected, "everyone once");
}

#[tokio::test]
async fn a_worker_killed_in_the_middle_of_a_batch_leaves_nothing_undelivered() {
    use convene::db::audit::Actor;
    use convene::db::outbox::{self as queue, PauseScope};
    use convene::db::schema::member_states;
    let smtp = SmtpServer::start();
    // The in-app worker reclaims a dead worker's rows after one second.
    let app = sending_to(&smtp, |raw| raw.mail_lease_seconds = Some("1".into())).await;
    let states: Vec<String> = member_states::table
        .order(member_states::iso2)
        .limit(40)
        .select(member_states::iso2)
        .load(&mut *app.conn())
        .expect("states");
    for iso2 in &states {
        add_state_contact(
            &app,
            iso2,
            iso2,
            &format!("{}@missions.example", iso2.to_lowercase()),
            "en",
        );
    }
    let id = approved_meeting(&app).await;
    // Only the separate worker runs at first: the app's own is held by a pause.
    queue::pause(&mut app.conn(), PauseScope::All, &Actor::System).expect("pause");
    assert_eq!(send_invitations(&app, id).await.status(), 303);
    let other = OutboxProcess::start(&app, &smtp);
    other.wait_for_line("outbox worker started").await;
    queue::resume(&mut app.conn(), PauseScope::All, &Actor::System).expect("resume");
    smtp.wait_for(5).await;
    drop(other); // SIGKILL in the middle of the batch
    let delivered_before = smtp.messages().len();
    assert!(
        delivered_before < 40,
        "killed before the end ({delivered_before})"
    );

    // Resent duplicates count towards 40 arrivals, so wait for every row to
    // be marked sent (each only after the server accepted it), then look.
    smtp.wait_for(40).await;
    let progress = wait_delivered(&app, id).await;
    assert_eq!(progress["sent"], 40, "every row ends sent");
    let received = smtp.messages();
    let mut to: Vec<String> = received.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    to.dedup();
    assert_eq!(to.len(), 40, "every invitation delivered");
    // A message the dead worker handed over but could not mark is sent again
    // (at least once), with the same Message-ID so mail clients merge it.
    let mut by_id: Vec<(String, String)> = received
        .iter()
        .map(|m| (m.message_id.clone(), m.to[0].clone()))
        .collect();
    by_id.sort();
    by_id.dedup();
    assert_eq!(by_id.len(), 40, "one Message-ID per recipient");
}

#[tokio::test]
async fn two_sends_at_the_same_moment_queue_each_invitation_once() {
    let app = logged_in().await;
    add_state_contact(&app, "CH", "Mission de Suisse", "ch@mission.example", "fr");
    add_state_contact(&app, "JP", "Japan Mission", "jp@mission.example", "en");
    add_state_contact(&app, "KE", "Kenya Mission", "ke@mission.example", "en");
    let id = approved_meeting(&app).await;
    let (a, b, c) = tokio::join!(
        send_invitations(&app, id),
        send_invitations(&app, id),
        send_invitations(&app, id)
    );
    for response in [a, b, c] {
        assert_eq!(response.status(), 303);
    }
    assert_eq!(invitation_rows(&app, id).len(), 3, "each recipient once");
    let recipients: i64 = invitation_recipients::table
        .filter(invitation_recipients::meeting_id.eq(id))
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(recipients, 3);
}
