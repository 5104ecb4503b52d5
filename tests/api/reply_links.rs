//! Withdrawing and re-issuing personal reply links: by the secretariat for
//! one recipient, and by removing a contact from the directory.

use convene::db::schema::{audit_log, contacts, outbox};
use diesel::prelude::*;

use crate::fixtures::{Visitor, invited_meeting, wait_all_sent};
use crate::helpers::{TestApp, location, spawn_app};
use crate::replies::{personal_link, recipient_id};

async fn logged_in() -> TestApp {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    app
}

/// How many messages were queued to `email` for the meeting.
fn messages_to(app: &TestApp, meeting: i64, email: &str) -> i64 {
    outbox::table
        .filter(outbox::meeting_id.eq(meeting))
        .filter(outbox::recipient_email.eq(email))
        .count()
        .get_result(&mut *app.conn())
        .expect("count")
}

fn audit_actions(app: &TestApp) -> Vec<String> {
    audit_log::table
        .order(audit_log::id)
        .select(audit_log::action)
        .load(&mut *app.conn())
        .expect("audit log")
}

/// Presses "Withdraw" for one recipient on the meeting's reply-links page.
pub async fn withdraw(app: &TestApp, meeting: i64, recipient: i64) -> reqwest::Response {
    app.post_form(
        &format!("/meetings/{meeting}/reply-links"),
        &format!("/meetings/{meeting}/reply-links/{recipient}/withdraw"),
        &[],
    )
    .await
}

#[tokio::test]
async fn removing_a_contact_ends_its_reply_links_and_no_more_mail_goes_to_it() {
    let app = logged_in().await;
    let id = invited_meeting(&app).await;
    let link = personal_link(&app, "jp@mission.example");
    let visitor = Visitor::new(&app);
    assert_eq!(visitor.get(&link).await.status(), 200);

    let contact: i64 = contacts::table
        .filter(contacts::email.eq("jp@mission.example"))
        .select(contacts::id)
        .first(&mut *app.conn())
        .expect("contact");
    let removed = app
        .post_form(
            &format!("/directory/contacts/{contact}/remove"),
            &format!("/directory/contacts/{contact}/remove"),
            &[],
        )
        .await;
    assert_eq!(removed.status(), 303);

    let gone = visitor.get(&link).await;
    assert_eq!(gone.status(), 410);
    let page = gone.text().await.expect("body");
    assert!(page.contains("withdrawn"), "{page}");
    let form_page = app.get_html(&format!("/meetings/{id}/reply-links")).await;
    assert!(form_page.contains("Withdrawn"), "{form_page}");

    // A cancellation after the removal goes to everyone else, not to it.
    let before = messages_to(&app, id, "jp@mission.example");
    let cancel = app
        .post_form(
            &format!("/meetings/{id}/cancel"),
            &format!("/meetings/{id}/cancel"),
            &[("reason", "Postponed sine die."), ("confirm", "yes")],
        )
        .await;
    assert_eq!(cancel.status(), 303, "cancelled");
    assert_eq!(messages_to(&app, id, "jp@mission.example"), before);
    assert!(
        messages_to(&app, id, "ch@mission.example") >= 2,
        "CH gets the cancellation"
    );
}

#[tokio::test]
async fn the_secretariat_withdraws_then_reissues_one_recipients_link_and_both_are_audited() {
    let app = logged_in().await;
    let id = invited_meeting(&app).await;
    wait_all_sent(&app, id).await;
    let old = personal_link(&app, "ch@mission.example");
    let recipient = recipient_id(&app, "ch@mission.example");
    let visitor = Visitor::new(&app);
    assert_eq!(visitor.get(&old).await.status(), 200);
    let links_page = format!("/meetings/{id}/reply-links");

    let withdrawn = withdraw(&app, id, recipient).await;
    assert_eq!(withdrawn.status(), 303);
    assert_eq!(location(&withdrawn), format!("{links_page}?done=withdrawn"));
    assert_eq!(visitor.get(&old).await.status(), 410);
    let other = personal_link(&app, "jp@mission.example");
    assert_eq!(
        visitor.get(&other).await.status(),
        200,
        "others keep theirs"
    );

    let before = messages_to(&app, id, "ch@mission.example");
    let reissued = app
        .post_form(
            &links_page,
            &format!("/meetings/{id}/reply-links/{recipient}/reissue"),
            &[],
        )
        .await;
    assert_eq!(reissued.status(), 303);
    assert_eq!(messages_to(&app, id, "ch@mission.example"), before + 1);
    wait_all_sent(&app, id).await;
    let tokens = crate::fixtures::mailed_reply_tokens(&app, "ch@mission.example");
    let newest = tokens.last().expect("the new invitation's link");
    assert_eq!(visitor.get(&format!("/i/{newest}")).await.status(), 200);
    assert_eq!(
        visitor.get(&old).await.status(),
        410,
        "the old link stays dead"
    );
    for earlier in &tokens[..tokens.len() - 1] {
        assert_eq!(visitor.get(&format!("/i/{earlier}")).await.status(), 410);
    }

    let actions = audit_actions(&app);
    assert!(actions.contains(&"invitation.link.withdrawn".to_owned()));
    assert!(actions.contains(&"invitation.link.reissued".to_owned()));
}

#[tokio::test]
async fn a_recipient_of_another_meeting_or_none_cannot_be_withdrawn_through_this_one() {
    let app = logged_in().await;
    let id = invited_meeting(&app).await;
    let recipient = recipient_id(&app, "ch@mission.example");
    for (meeting, who) in [(id + 1000, recipient), (id, recipient + 1000)] {
        let response = app
            .post_form(
                &format!("/meetings/{id}/reply-links"),
                &format!("/meetings/{meeting}/reply-links/{who}/withdraw"),
                &[],
            )
            .await;
        assert_eq!(response.status(), 404);
    }
    let link = personal_link(&app, "ch@mission.example");
    assert_eq!(Visitor::new(&app).get(&link).await.status(), 200);
}
