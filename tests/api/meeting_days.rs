//! A meeting that runs across a weekend or an excluded day: the invitation
//! lists each day it sits, and its calendar entry covers only those days,
//! as two independent iCalendar parsers read it.

use chrono::{DateTime, Utc};

use crate::calendar::{Calendar, calendar_text, occurrences};
use crate::fixtures::{add_state_contact, approved_meeting, send_invitations};
use crate::helpers::spawn_app_with;
use crate::outbox::fast_mail;
use crate::smtp::SmtpServer;

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("instant")
}

#[tokio::test]
async fn a_meeting_from_friday_to_monday_lists_its_two_days_and_its_calendar_entry_skips_the_weekend()
 {
    let smtp = SmtpServer::start();
    let url = smtp.url();
    let app = spawn_app_with(|raw| fast_mail(raw, Some(url))).await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    add_state_contact(&app, "JP", "Japan Mission", "jp@mission.example", "en");
    add_state_contact(&app, "CH", "Mission de Suisse", "ch@mission.example", "fr");
    let id = approved_meeting(&app).await;
    // Friday 8 January 2049, 10:00 CET, to Monday 11 January, 18:00 CET.
    app.execute(&format!(
        "UPDATE meetings SET allow_spanning = TRUE, \
         approved_start = '2049-01-08 09:00:00', approved_end = '2049-01-11 17:00:00' \
         WHERE id = {id}"
    ));
    assert_eq!(send_invitations(&app, id).await.status(), 303);
    let received = smtp.wait_for(2).await;

    let english = received
        .iter()
        .find(|m| m.to == ["jp@mission.example"])
        .expect("Japan's invitation");
    let days = "Meeting days (no sitting on other days):\n\
                - Friday, 8 January 2049, 10:00–18:00 CET (Europe/Zurich), that is 09:00–17:00 UTC\n\
                - Monday, 11 January 2049, 10:00–18:00 CET (Europe/Zurich), that is 09:00–17:00 UTC\n";
    let text = english.text.replace("\r\n", "\n");
    assert!(text.contains(days), "{text}");
    assert!(!english.text.contains("Saturday") && !english.text.contains("Sunday"));
    assert!(
        english
            .html
            .contains("<li><strong>Monday, 11 January 2049, 10:00–18:00 CET")
    );
    let french = received
        .iter()
        .find(|m| m.to == ["ch@mission.example"])
        .expect("Switzerland's invitation");
    assert!(
        french
            .text
            .contains("- lundi 11 janvier 2049, 10:00–18:00 CET (Europe/Zurich)"),
        "{}",
        french.text
    );

    for message in [english, french] {
        // The `icalendar` crate reads one event on the Friday that recurs
        // on the Monday.
        let calendar = Calendar::of_message(&message.raw);
        assert_eq!(calendar.value("DTSTART"), "20490108T090000Z");
        assert_eq!(calendar.value("DTEND"), "20490108T170000Z");
        assert_eq!(calendar.value("RDATE"), "20490111T090000Z");
        // `calcard` expands it as a calendar would: two sittings, nothing
        // on Saturday or Sunday.
        assert_eq!(
            occurrences(&calendar_text(&message.raw)),
            vec![
                (at("2049-01-08T09:00:00Z"), at("2049-01-08T17:00:00Z")),
                (at("2049-01-11T09:00:00Z"), at("2049-01-11T17:00:00Z")),
            ]
        );
    }
}

#[tokio::test]
async fn a_meeting_without_a_gap_is_one_event_as_before() {
    let smtp = SmtpServer::start();
    let url = smtp.url();
    let app = spawn_app_with(|raw| fast_mail(raw, Some(url))).await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    add_state_contact(&app, "JP", "Japan Mission", "jp@mission.example", "en");
    let id = approved_meeting(&app).await;
    app.execute(&format!(
        "UPDATE meetings SET approved_start = '2049-01-11 09:00:00', \
         approved_end = '2049-01-12 17:00:00' WHERE id = {id}"
    ));
    assert_eq!(send_invitations(&app, id).await.status(), 303);
    let received = smtp.wait_for(1).await;
    assert!(!received[0].text.contains("Meeting days"));
    let ics = calendar_text(&received[0].raw);
    assert!(!ics.contains("RDATE"));
    assert_eq!(
        occurrences(&ics),
        vec![(at("2049-01-11T09:00:00Z"), at("2049-01-12T17:00:00Z"))]
    );
}
