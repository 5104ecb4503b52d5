//! Invitations: the invitee list, sending through the outbox, delivery,
//! updates and cancellation.

use convene::db::schema::{invitation_links, invitation_recipients, invitees, outbox};
use diesel::prelude::*;

use crate::fixtures::{add_state_contact, approved_meeting, invited_meeting, send_invitations};
use crate::helpers::{TestApp, spawn_app};

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
