//! Small things the secretariat reads: counts that use one vocabulary, a
//! coordinator's form that does not invite them, a guest line's real fault.

use crate::fixtures::{add_group, add_state_contact, approved_meeting, send_invitations};
use crate::helpers::{TestApp, location, spawn_app};

async fn logged_in() -> TestApp {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    app
}

#[tokio::test]
async fn the_notice_after_sending_counts_invitees_and_recipients_as_the_invitations_page_does() {
    let app = logged_in().await;
    add_state_contact(&app, "CH", "Mission de Suisse", "ch@mission.example", "fr");
    add_state_contact(&app, "BR", "Misión del Brasil", "br@mission.example", "es");
    add_state_contact(&app, "BR", "Brazil Counsellor", "br2@mission.example", "es");
    let id = approved_meeting(&app).await;
    let page = app.get_html(&format!("/meetings/{id}/invitations")).await;
    assert!(page.contains("<th scope=\"col\">Invitees with an address</th>"));
    assert!(page.contains("<th scope=\"col\">Recipients"));
    let response = send_invitations(&app, id).await;
    let delivery = app.get_html(&location(&response)).await;
    assert!(
        delivery.contains("Invitations queued: 2 invitees, 3 recipients."),
        "{delivery}"
    );
    let page = app.get_html(&format!("/meetings/{id}/invitations")).await;
    assert!(page.contains(": 2 invitees, 3 recipients."), "{page}");
}

#[tokio::test]
async fn a_contact_added_as_a_coordinator_is_not_ticked_to_receive_invitations() {
    let app = logged_in().await;
    let group = add_group(&app, "Group Alpha");
    let groups = app.get_html("/directory/groups").await;
    let link = format!("/directory/contacts/new?coordinator_of={group}");
    assert!(groups.contains(&format!("href=\"{link}\"")), "{groups}");
    let form = app.get_html(&link).await;
    assert!(form.contains(&format!(
        "<option value=\"{group}\" selected>Group Alpha</option>"
    )));
    assert!(
        form.contains("name=\"invitation_recipient\" value=\"yes\"> Receives invitations"),
        "not ticked: {form}"
    );
    let plain = app.get_html("/directory/contacts/new").await;
    assert!(plain.contains("name=\"invitation_recipient\" value=\"yes\" checked>"));
}

#[tokio::test]
async fn an_extra_address_in_a_malformed_language_is_refused_naming_the_accepted_ones() {
    let app = logged_in().await;
    let id = approved_meeting(&app).await;
    let response = app
        .post_form(
            &format!("/meetings/{id}/invitations"),
            &format!("/meetings/{id}/invitations"),
            &[("guests", "Hans Muster <hans@example.org>, de--CH")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(
        html.contains("write the language as ar, en, es, fr, ru or zh"),
        "{html}"
    );
    assert!(
        html.contains("Hans Muster &#60;hans@example.org&#62;, de--CH"),
        "{html}"
    );
    assert!(!html.contains("write it as Name &#60;address&#62;"));
}
