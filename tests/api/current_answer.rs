//! Issue 11, goal 1: each group's current answer is a pointer moved in the
//! transaction of each save, and saves that arrive together are written in
//! one commit. Whatever the interleaving, the pointer names the group's last
//! version and the form shows that version.

use convene::db::answers::{self, Save};
use convene::db::schema::{answers as answer_rows, audit_log, current_answers, meetings};
use diesel::prelude::*;

use crate::fixtures::{Visitor, create_meeting, full_answer, opened_meeting, token_for};
use crate::helpers::{TestApp, csrf_token, spawn_app};

async fn logged_in() -> TestApp {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    app
}

/// `(group, current version, highest saved version)` for every group.
fn pointers(app: &TestApp, meeting: i64) -> Vec<(i64, i32, i32)> {
    let conn = &mut *app.conn();
    let current: Vec<(i64, i32)> = current_answers::table
        .filter(current_answers::meeting_id.eq(meeting))
        .order(current_answers::group_id)
        .select((current_answers::group_id, current_answers::version))
        .load(conn)
        .expect("pointers");
    current
        .into_iter()
        .map(|(group, version)| {
            let highest: Option<i32> = answer_rows::table
                .filter(answer_rows::meeting_id.eq(meeting))
                .filter(answer_rows::group_id.eq(group))
                .select(diesel::dsl::max(answer_rows::version))
                .first(conn)
                .expect("highest version");
            (group, version, highest.unwrap_or(0))
        })
        .collect()
}

#[tokio::test]
async fn saves_of_two_groups_at_once_leave_each_pointer_on_its_last_version() {
    let app = logged_in().await;
    let (meeting, alpha, beta) = opened_meeting(&app).await;
    let mut posts = Vec::new();
    for (recipient, group) in [
        ("alpha@mission.example", alpha),
        ("beta@mission.example", beta),
    ] {
        let path = format!("/c/{}", token_for(&app, recipient).await);
        let visitor = Visitor::new(&app);
        let html = visitor.html(&path).await;
        let mut fields = vec![("csrf_token".to_owned(), csrf_token(&html))];
        fields.extend(full_answer(&html, "yes"));
        for i in 0..20 {
            let mut fields = fields.clone();
            fields.push(("comment".into(), format!("save {i} of group {group}")));
            let client = visitor.client.clone();
            let url = format!("{}{path}", visitor.address);
            posts.push(async move {
                let response = client.post(url).form(&fields).send().await.expect("POST");
                response.status().as_u16()
            });
        }
    }
    let statuses = futures_util::future::join_all(posts).await;
    assert!(statuses.iter().all(|s| *s == 303), "{statuses:?}");
    assert_eq!(
        pointers(&app, meeting),
        vec![(alpha, 20, 20), (beta, 20, 20)],
        "each pointer on its group's 20th version"
    );

    // The form shows the version the pointer names, with that version's
    // comment (the saves raced, so which comment it is is not known).
    let path = format!("/c/{}", token_for(&app, "alpha@mission.example").await);
    let html = Visitor::new(&app).html(&path).await;
    let comment: String = answer_rows::table
        .filter(answer_rows::meeting_id.eq(meeting))
        .filter(answer_rows::group_id.eq(alpha))
        .filter(answer_rows::version.eq(20))
        .select(answer_rows::comment)
        .first(&mut *app.conn())
        .expect("version 20");
    assert!(
        html.contains("Version 20, enregistrée"),
        "the form names version 20"
    );
    assert!(
        html.contains(&comment),
        "the form shows version 20's comment"
    );
}

/// A save of the same group as another row in the batch, and a save for a
/// meeting that is no longer consulting, in one batch: the open meeting's
/// saves are numbered in order and its pointer moves once to the last; the
/// closed meeting's save is refused alone and writes nothing.
#[tokio::test]
async fn one_batch_numbers_saves_in_order_and_refuses_only_a_closed_meetings_save() {
    let app = logged_in().await;
    let (open, alpha, _) = opened_meeting(&app).await;
    let closed = create_meeting(&app, &[alpha]).await;
    diesel::update(meetings::table.find(closed))
        .set(meetings::status.eq("closed"))
        .execute(&mut *app.conn())
        .expect("close the second meeting");
    let token = token_for(&app, "alpha@mission.example").await;
    let link = convene::db::consultation::link_by_token(&mut app.conn(), &token)
        .expect("query")
        .expect("the link");
    let html = Visitor::new(&app).html(&format!("/c/{token}")).await;
    let settings = convene::db::meetings::get(&mut app.conn(), open)
        .expect("meeting")
        .settings;
    let input = convene::domain::answer::AnswerInput::from_pairs(full_answer(&html, "no"));
    let answer = convene::domain::answer::Answer::parse(&input, &settings).expect("valid answer");
    let save = |meeting, group, comment: &str| Save {
        meeting_id: meeting,
        group_id: group,
        link_id: link.id,
        answer: convene::domain::answer::Answer {
            comment: comment.into(),
            ..answer.clone()
        },
    };
    let batch = [
        save(open, alpha, "first"),
        save(closed, alpha, "too late"),
        save(open, alpha, "second"),
    ];
    let outcomes = answers::save_batch(&mut app.conn(), &batch).expect("the batch commits");
    assert!(matches!(outcomes[0], Ok(1)), "{:?}", outcomes[0]);
    assert!(outcomes[1].is_err(), "the closed meeting refuses");
    assert!(matches!(outcomes[2], Ok(2)), "{:?}", outcomes[2]);
    assert_eq!(pointers(&app, open), vec![(alpha, 2, 2)]);
    assert!(
        pointers(&app, closed).is_empty(),
        "nothing saved for the closed meeting"
    );
    let current = answers::current(&mut app.conn(), open, alpha)
        .expect("query")
        .expect("an answer");
    assert_eq!(current.comment, "second");
    let logged: i64 = audit_log::table
        .filter(audit_log::action.eq("answer.saved"))
        .count()
        .get_result(&mut *app.conn())
        .expect("audit");
    assert_eq!(logged, 2, "one audit entry per saved version");
}

/// Forms submitted together reach the writer together, which opens their
/// links and checks their answers itself: each request still gets its own
/// outcome. Valid saves through one link are numbered 1 to 10; incomplete
/// answers come back 422 with the form as sent; a withdrawn link answers
/// 410 and an unknown one 404, and neither writes anything.
#[tokio::test]
async fn submissions_arriving_together_each_get_their_own_outcome() {
    use convene::db::schema::coordinator_links;

    let app = logged_in().await;
    let (meeting, alpha, beta) = opened_meeting(&app).await;
    let alpha_path = format!("/c/{}", token_for(&app, "alpha@mission.example").await);
    let beta_path = format!("/c/{}", token_for(&app, "beta@mission.example").await);
    let visitor = Visitor::new(&app);
    let html = visitor.html(&alpha_path).await;
    let mut complete = vec![("csrf_token".to_owned(), csrf_token(&html))];
    complete.extend(full_answer(&html, "y"));
    let mut incomplete = complete.clone();
    let dropped = incomplete
        .iter()
        .position(|(name, _)| name.starts_with("u."))
        .expect("a unit field");
    incomplete.remove(dropped);
    incomplete.push(("comment".into(), "kept on the page".into()));
    diesel::update(coordinator_links::table.filter(coordinator_links::group_id.eq(beta)))
        .set(coordinator_links::revoked_at.eq(Some(convene::db::now())))
        .execute(&mut *app.conn())
        .expect("withdraw beta's link");

    let mut posts = Vec::new();
    for i in 0..20 {
        let (path, fields) = match i % 4 {
            0 | 1 => (alpha_path.clone(), complete.clone()),
            2 if i < 12 => (alpha_path.clone(), incomplete.clone()),
            2 => (beta_path.clone(), complete.clone()),
            _ => ("/c/not-a-token".to_owned(), complete.clone()),
        };
        let client = visitor.client.clone();
        let url = format!("{}{path}", visitor.address);
        posts.push(async move {
            let response = client.post(url).form(&fields).send().await.expect("POST");
            let status = response.status().as_u16();
            (status, response.text().await.expect("body"))
        });
    }
    let outcomes = futures_util::future::join_all(posts).await;
    let count = |status: u16| outcomes.iter().filter(|(s, _)| *s == status).count();
    assert_eq!(
        (count(303), count(422), count(410), count(404)),
        (10, 3, 2, 5),
        "{:?}",
        outcomes.iter().map(|(s, _)| s).collect::<Vec<_>>()
    );
    for (_, body) in outcomes.iter().filter(|(s, _)| *s == 422) {
        assert!(body.contains("Un jour est encore sans réponse"));
        assert!(
            body.contains("kept on the page"),
            "the form comes back as sent"
        );
    }
    assert!(
        outcomes
            .iter()
            .filter(|(s, _)| *s == 410)
            .all(|(_, body)| body.contains("withdrawn"))
    );
    assert_eq!(
        pointers(&app, meeting),
        vec![(alpha, 10, 10)],
        "beta saved nothing"
    );
}
