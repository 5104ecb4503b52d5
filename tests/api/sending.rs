//! "Send the invitations" sends what is on screen: the list as typed is saved
//! and sent in one step, or nothing is.

use convene::db::schema::{invitation_settings, organisations, outbox};
use diesel::prelude::*;

use crate::fixtures::{add_organisation_contact, add_state_contact, approved_meeting};
use crate::helpers::{TestApp, location, spawn_app};

async fn logged_in() -> TestApp {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    app
}

fn invited_addresses(app: &TestApp, id: i64) -> Vec<String> {
    let mut to: Vec<String> = outbox::table
        .filter(outbox::meeting_id.eq(id))
        .filter(outbox::kind.eq("invitation"))
        .select(outbox::recipient_email)
        .load(&mut *app.conn())
        .expect("rows");
    to.sort();
    to
}

#[tokio::test]
async fn send_saves_the_list_as_shown_and_sends_it_without_a_separate_save() {
    let app = logged_in().await;
    add_state_contact(&app, "CH", "Mission de Suisse", "ch@mission.example", "fr");
    let igo: i64 = organisations::table
        .filter(organisations::kind.eq("igo"))
        .select(organisations::id)
        .first(&mut *app.conn())
        .expect("an IGO in the reference directory");
    add_organisation_contact(&app, igo, "Liaison", "liaison@igo.example", "en");
    let id = approved_meeting(&app).await;
    let page = app.get_html(&format!("/meetings/{id}/invitations")).await;
    assert!(
        page.contains(&format!("formaction=\"/meetings/{id}/invitations/send\"")),
        "Send belongs to the list's form"
    );

    // Ticked and typed on the page, then Send: no "Save the list" first.
    let response = app
        .post_form(
            &format!("/meetings/{id}/invitations"),
            &format!("/meetings/{id}/invitations/send"),
            &[
                ("list", "shown"),
                ("all_igos", "on"),
                ("guests", "Ana Guest <ana@guest.example>, es"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        location(&response),
        format!("/meetings/{id}/delivery?done=sent&invitees=3&recipients=3")
    );
    assert_eq!(
        invited_addresses(&app, id),
        [
            "ana@guest.example",
            "ch@mission.example",
            "liaison@igo.example"
        ]
    );
    let all_igos: bool = invitation_settings::table
        .find(id)
        .select(invitation_settings::all_igos)
        .first(&mut *app.conn())
        .expect("settings");
    assert!(all_igos, "the list sent is the list saved");
}

#[tokio::test]
async fn a_send_with_a_bad_extra_address_sends_nothing_and_keeps_what_was_typed() {
    let app = logged_in().await;
    add_state_contact(&app, "CH", "Mission de Suisse", "ch@mission.example", "fr");
    let id = approved_meeting(&app).await;
    let response = app
        .post_form(
            &format!("/meetings/{id}/invitations"),
            &format!("/meetings/{id}/invitations/send"),
            &[
                ("list", "shown"),
                ("all_ngos", "on"),
                ("guests", "ok@guest.example\nnot an address"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(html.contains("Nothing was saved or sent."), "{html}");
    assert!(html.contains("ok@guest.example\nnot an address"));
    assert!(html.contains("name=\"all_ngos\" value=\"on\" checked"));
    assert!(html.contains("Line 2"));
    assert!(invited_addresses(&app, id).is_empty());
    let saved: i64 = invitation_settings::table
        .filter(invitation_settings::meeting_id.eq(id))
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(saved, 0, "the list was not saved either");
}

#[tokio::test]
async fn the_invitees_without_an_address_are_collapsed_above_the_send_button() {
    let app = logged_in().await;
    add_state_contact(&app, "CH", "Mission de Suisse", "ch@mission.example", "fr");
    let id = approved_meeting(&app).await;
    let html = app.get_html(&format!("/meetings/{id}/invitations")).await;
    let lacking = html
        .find("<details id=\"lacking\">")
        .expect("a closed details element");
    assert!(
        html[lacking..].contains("<summary>Show the 192 invitees without an address</summary>")
    );
    let button = html.find("id=\"send\"").expect("the send button");
    assert!(lacking < button, "the list comes first, folded");
}
