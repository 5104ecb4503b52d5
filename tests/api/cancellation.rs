//! Cancelling a meeting tells the invitees why: the reason the secretariat
//! gives is in the text, the HTML and the calendar file of every
//! cancellation.

use crate::calendar::Calendar;
use crate::fixtures::{add_state_contact, approved_meeting, send_invitations};
use crate::helpers::spawn_app_with;
use crate::outbox::fast_mail;
use crate::smtp::SmtpServer;

#[tokio::test]
async fn the_cancellation_reason_reaches_every_invitee_in_text_html_and_calendar() {
    let smtp = SmtpServer::start();
    let url = smtp.url();
    let app = spawn_app_with(|raw| fast_mail(raw, Some(url))).await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    add_state_contact(&app, "JP", "Japan Mission", "jp@mission.example", "en");
    add_state_contact(&app, "CH", "Mission de Suisse", "ch@mission.example", "fr");
    let id = approved_meeting(&app).await;
    assert_eq!(send_invitations(&app, id).await.status(), 303);
    smtp.wait_for(2).await;

    let reason = "The conference hall is closed for repairs; a new date will follow.";
    let response = app
        .post_form(
            &format!("/meetings/{id}/cancel"),
            &format!("/meetings/{id}/cancel"),
            &[("confirm", "yes"), ("reason", reason)],
        )
        .await;
    assert_eq!(response.status(), 303);
    let received = smtp.wait_for(4).await;
    let cancellations: Vec<_> = received
        .iter()
        .filter(|m| m.has_part("text/calendar; method=cancel"))
        .collect();
    assert_eq!(cancellations.len(), 2);
    for message in cancellations {
        let french = message.to == ["ch@mission.example"];
        let label = if french {
            "Motif de l'annulation : "
        } else {
            "Reason: "
        };
        let text = message.text.replace("\r\n", "\n");
        assert!(text.contains(&format!("{label}{reason}")), "{text}");
        assert!(
            message.html.contains(reason),
            "the HTML says it too: {}",
            message.html
        );
        let calendar = Calendar::of_message(&message.raw);
        assert_eq!(calendar.value("STATUS"), "CANCELLED");
        let description = calendar.value("DESCRIPTION");
        let expected = if french {
            format!("Motif de l'annulation : {reason}")
        } else {
            format!("Reason for the cancellation: {reason}")
        };
        assert!(description.starts_with(&expected), "{description}");
        assert!(
            !description.contains("https://meet.example.org"),
            "the calendar does not invite anyone to join a cancelled meeting"
        );
        assert!(
            text.contains("https://meet.example.org/convene-42"),
            "the email states the cancelled meeting's modality, venue and link"
        );
        assert!(text.contains("WIPO headquarters, Room A, Geneva"));
    }
}
