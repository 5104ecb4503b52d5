//! A coordinator cannot veto every slot by leaving the durations blank: a
//! fresh form accepts every candidate duration, and an answer must accept at
//! least one.

use convene::db::schema::answers;
use diesel::prelude::*;

use crate::fixtures::{Visitor, full_answer, opened_meeting, token_for};
use crate::helpers::spawn_app;

#[tokio::test]
async fn a_fresh_form_accepts_every_duration_and_an_answer_accepting_none_is_refused() {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    let (id, _, _) = opened_meeting(&app).await;
    let token = token_for(&app, "alpha@mission.example").await;
    let coordinator = Visitor::new(&app);
    let form = coordinator.html(&format!("/c/{token}")).await;
    for units in ["1", "2"] {
        assert!(
            form.contains(&format!("name=\"accepted\" value=\"{units}\" checked")),
            "duration {units} starts ticked:\n{form}"
        );
    }

    let none: Vec<(String, String)> = full_answer(&form, "yes")
        .into_iter()
        .filter(|(k, _)| k != "accepted" && k != "preferred")
        .collect();
    let refused = coordinator.submit(&format!("/c/{token}"), &none).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("body");
    assert!(
        html.contains("id=\"accepted-error\">Cochez au moins une durée"),
        "{html}"
    );
    let saved: i64 = answers::table
        .filter(answers::meeting_id.eq(id))
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(saved, 0, "nothing was saved");

    let mut one = none.clone();
    one.push(("accepted".into(), "2".into()));
    let saved = coordinator.submit(&format!("/c/{token}"), &one).await;
    assert_eq!(saved.status(), 303);
}
