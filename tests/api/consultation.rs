//! Drafting a meeting, opening its consultation, and the coordinators' forms.

use convene::db::schema::{answers, coordinator_links, meetings, outbox};
use diesel::prelude::*;

use crate::fixtures::{
    Visitor, add_coordinator, add_group, as_refs, create_meeting, create_meeting_from,
    draft_fields, full_answer, opened_meeting, queued, sql_instant, token_for, wait_all_sent,
    wait_for_tokens,
};
use crate::helpers::{location, spawn_app, spawn_app_with};

async fn logged_in_app() -> crate::helpers::TestApp {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    app
}

fn answer_count(app: &crate::helpers::TestApp) -> i64 {
    answers::table
        .count()
        .get_result(&mut *app.conn())
        .expect("count")
}

#[tokio::test]
async fn an_invalid_draft_shows_its_errors_at_the_fields_and_keeps_the_input() {
    let app = logged_in_app().await;
    let group = add_group(&app, "Group Alpha");
    let mut fields = draft_fields(&[group]);
    for (name, value) in fields.iter_mut() {
        match name.as_str() {
            "time_zone" => *value = "Mars/Olympus".into(),
            "window_end" => *value = "2020-01-01".into(),
            "title" => *value = "Keep this title".into(),
            "durations" => *value = "two".into(),
            _ => {}
        }
    }
    fields.retain(|(name, _)| name != "groups");
    let response = app
        .post_form("/meetings/new", "/meetings", &as_refs(&fields))
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(html.contains("is not a known time zone"), "time zone error");
    assert!(html.contains("The window must end on or after its first day."));
    assert!(html.contains("Consult at least one regional group."));
    assert!(html.contains("List durations in days"));
    assert!(
        html.contains("value=\"Keep this title\""),
        "the title is kept"
    );
    assert!(
        html.contains("value=\"Mars/Olympus\""),
        "the bad value is kept too"
    );
    assert!(html.contains("aria-invalid=\"true\""));
    let count: i64 = meetings::table
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(count, 0, "nothing was written");
}

#[tokio::test]
async fn a_deadline_after_the_window_starts_is_refused() {
    let app = logged_in_app().await;
    let group = add_group(&app, "Group Alpha");
    let mut fields = draft_fields(&[group]);
    let start = fields
        .iter()
        .find(|(k, _)| k == "window_start")
        .expect("start")
        .1
        .clone();
    for (name, value) in fields.iter_mut() {
        if name == "deadline" {
            *value = format!("{start}T09:00");
        }
    }
    let response = app
        .post_form("/meetings/new", "/meetings", &as_refs(&fields))
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("The deadline must fall before the window starts.")
    );
}

#[tokio::test]
async fn a_draft_is_saved_listed_and_editable_until_opened() {
    let app = logged_in_app().await;
    let group = add_group(&app, "Group Alpha");
    add_coordinator(&app, group, "alpha@mission.example", "en");
    let id = create_meeting(&app, &[group]).await;
    let page = app.get_html(&format!("/meetings/{id}")).await;
    assert!(page.contains("Informal consultation on broadcasting"));
    assert!(page.contains("Europe/Zurich"));
    assert!(
        app.get_html("/").await.contains(&format!("/meetings/{id}")),
        "listed on the dashboard"
    );

    let mut fields = draft_fields(&[group]);
    fields[0].1 = "Renamed meeting".into();
    let response = app
        .post_form(
            &format!("/meetings/{id}/edit"),
            &format!("/meetings/{id}/edit"),
            &as_refs(&fields),
        )
        .await;
    assert_eq!(response.status(), 303);
    assert!(
        app.get_html(&format!("/meetings/{id}"))
            .await
            .contains("Renamed meeting")
    );

    app.post_form(
        &format!("/meetings/{id}"),
        &format!("/meetings/{id}/open"),
        &[],
    )
    .await;
    assert_eq!(app.get(&format!("/meetings/{id}/edit")).await.status(), 409);
}

#[tokio::test]
async fn opening_the_consultation_queues_one_personal_link_per_coordinator() {
    let app = logged_in_app().await;
    let (id, _, _) = opened_meeting(&app).await;
    let queued = queued(&app, id);
    assert_eq!(queued.len(), 2, "{queued:?}");
    assert!(queued.iter().all(|(_, kind)| kind == "coordinator_link"));
    let hashes: Vec<String> = coordinator_links::table
        .select(coordinator_links::token_hash)
        .load(&mut *app.conn())
        .expect("links");
    for recipient in ["alpha@mission.example", "beta@mission.example"] {
        let token = token_for(&app, recipient).await;
        assert_eq!(token.len(), 64, "a 256-bit token");
        assert!(!hashes.contains(&token), "the token itself is not stored");
        assert!(
            hashes.contains(&convene::domain::token::digest(&token)),
            "its digest is"
        );
    }
    wait_all_sent(&app, id).await;
    let sealed: Vec<Option<String>> = outbox::table
        .select(outbox::sealed_secret)
        .load(&mut *app.conn())
        .expect("rows");
    assert!(
        sealed.iter().all(Option::is_none),
        "once sent, no form of the token is left in the outbox"
    );
    let languages: Vec<String> = outbox::table
        .select(outbox::language)
        .order(outbox::id)
        .load(&mut *app.conn())
        .expect("rows");
    assert_eq!(
        languages,
        vec!["fr", "en"],
        "each in the coordinator's language"
    );
    let page = app.get_html(&format!("/meetings/{id}")).await;
    assert!(page.contains("Consulting the groups"));
    assert!(
        page.contains("Consultation opened; 2 coordinators invited"),
        "audited"
    );
    assert!(page.contains("Group Alpha") && page.contains("Group Beta"));
}

#[tokio::test]
async fn opening_is_refused_when_a_group_has_no_coordinator_and_nothing_changes() {
    let app = logged_in_app().await;
    let a = add_group(&app, "Group Alpha");
    let b = add_group(&app, "Group Lonely");
    add_coordinator(&app, a, "alpha@mission.example", "en");
    let id = create_meeting(&app, &[a, b]).await;
    let response = app
        .post_form(
            &format!("/meetings/{id}"),
            &format!("/meetings/{id}/open"),
            &[],
        )
        .await;
    assert_eq!(response.status(), 409);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("Group Lonely")
    );
    assert!(queued(&app, id).is_empty(), "no email queued");
    let links: i64 = coordinator_links::table
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(links, 0);
    assert!(
        app.get_html(&format!("/meetings/{id}"))
            .await
            .contains("Open the consultation"),
        "still a draft"
    );
}

#[tokio::test]
async fn a_coordinator_opens_the_link_saves_and_revises_and_every_version_is_kept() {
    let app = logged_in_app().await;
    let (id, alpha, _) = opened_meeting(&app).await;
    let token = token_for(&app, "alpha@mission.example").await;
    let coordinator = Visitor::new(&app);
    let path = format!("/c/{token}");

    let form = coordinator.html(&path).await;
    assert!(form.contains("Group Alpha"));
    assert!(
        form.contains("Europe/Zurich"),
        "times shown with the zone's name"
    );
    let first = coordinator.submit(&path, &full_answer(&form, "yes")).await;
    assert_eq!(first.status(), 303);
    assert_eq!(location(&first), format!("{path}?saved=1"));
    let confirmation = coordinator.html(&location(&first)).await;
    assert!(confirmation.contains("(version 1)"));

    let mut revised = full_answer(&form, "if_need_be");
    revised.push(("comment".into(), "Thursdays are difficult".into()));
    let second = coordinator.submit(&path, &revised).await;
    assert_eq!(location(&second), format!("{path}?saved=2"));
    let again = coordinator.html(&path).await;
    assert!(
        again.contains("Thursdays are difficult"),
        "the latest version is shown"
    );
    assert!(again.contains("value=m checked"));
    assert!(
        !again.contains("value=y checked"),
        "nothing of the version shown before is shown again"
    );

    let page = app.get_html(&format!("/meetings/{id}")).await;
    assert!(page.contains("2 versions"));
    assert!(page.contains("Not answered yet:</strong> Group Beta"));
    let versions = app
        .get_html(&format!("/meetings/{id}/groups/{alpha}/answers"))
        .await;
    assert!(versions.contains("Version 2 (current)") && versions.contains("Version 1"));
}

#[tokio::test]
async fn a_coordinator_sees_and_changes_only_their_own_groups_answer() {
    let app = logged_in_app().await;
    let (id, alpha, beta) = opened_meeting(&app).await;
    let alpha_token = token_for(&app, "alpha@mission.example").await;
    let beta_token = token_for(&app, "beta@mission.example").await;
    let beta_browser = Visitor::new(&app);
    let beta_path = format!("/c/{beta_token}");
    let form = beta_browser.html(&beta_path).await;
    let mut beta_answer = full_answer(&form, "no");
    beta_answer.push(("comment".into(), "BETA-PRIVATE-NOTE".into()));
    assert_eq!(
        beta_browser.submit(&beta_path, &beta_answer).await.status(),
        303
    );

    let alpha_browser = Visitor::new(&app);
    let alpha_path = format!("/c/{alpha_token}");
    let alpha_form = alpha_browser.html(&alpha_path).await;
    assert!(!alpha_form.contains("BETA-PRIVATE-NOTE"));
    assert!(!alpha_form.contains("Group Beta"));

    // Forged fields naming the other group or meeting are ignored.
    let mut forged = full_answer(&alpha_form, "yes");
    forged.push(("group_id".into(), beta.to_string()));
    forged.push(("meeting_id".into(), (id + 1).to_string()));
    assert_eq!(
        alpha_browser.submit(&alpha_path, &forged).await.status(),
        303
    );
    let rows: Vec<(i64, i32)> = answers::table
        .order(answers::id)
        .select((answers::group_id, answers::version))
        .load(&mut *app.conn())
        .expect("answers");
    assert_eq!(
        rows,
        vec![(beta, 1), (alpha, 1)],
        "Beta's answer untouched; Alpha's saved as its own"
    );

    let stranger = Visitor::new(&app);
    let unknown = stranger.get(&format!("/c/{}", "0".repeat(64))).await;
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn revoked_expired_and_replaced_links_refuse_with_a_clear_page() {
    let app = logged_in_app().await;
    let (id, _, _) = opened_meeting(&app).await;
    let token = token_for(&app, "alpha@mission.example").await;
    let link_id: i64 = coordinator_links::table
        .filter(coordinator_links::email.eq("alpha@mission.example"))
        .select(coordinator_links::id)
        .first(&mut *app.conn())
        .expect("link");
    let coordinator = Visitor::new(&app);
    assert_eq!(coordinator.get(&format!("/c/{token}")).await.status(), 200);

    // Re-issuing revokes the old link and mails a new one.
    let response = app
        .post_form(
            &format!("/meetings/{id}"),
            &format!("/meetings/{id}/links/{link_id}/reissue"),
            &[],
        )
        .await;
    assert_eq!(response.status(), 303);
    let old = coordinator.get(&format!("/c/{token}")).await;
    assert_eq!(old.status(), 410);
    assert!(
        old.text()
            .await
            .expect("body")
            .contains("Le secrétariat a retiré ce lien")
    );
    let fresh = wait_for_tokens(&app, "alpha@mission.example", 2).await[1].clone();
    assert_ne!(fresh, token);
    assert_eq!(coordinator.get(&format!("/c/{fresh}")).await.status(), 200);

    app.execute(&format!(
        "UPDATE coordinator_links SET expires_at = {}",
        sql_instant(&app, -1)
    ));
    let expired = coordinator.get(&format!("/c/{fresh}")).await;
    assert_eq!(expired.status(), 410);
    assert!(
        expired
            .text()
            .await
            .expect("body")
            .contains("Ce lien a expiré")
    );
}

#[tokio::test]
async fn the_coordinators_form_refuses_a_post_without_its_csrf_token() {
    let app = logged_in_app().await;
    opened_meeting(&app).await;
    let token = token_for(&app, "alpha@mission.example").await;
    let coordinator = Visitor::new(&app);
    let form = coordinator.html(&format!("/c/{token}")).await;
    let response = coordinator
        .client
        .post(format!("{}/c/{token}", app.address))
        .form(&full_answer(&form, "yes"))
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), 403);
    assert_eq!(answer_count(&app), 0);
}

#[tokio::test]
async fn a_day_left_unanswered_is_pointed_out_and_the_other_choices_are_kept() {
    let app = logged_in_app().await;
    opened_meeting(&app).await;
    let token = token_for(&app, "alpha@mission.example").await;
    let coordinator = Visitor::new(&app);
    let path = format!("/c/{token}");
    let form = coordinator.html(&path).await;
    let mut partial = full_answer(&form, "no");
    partial.remove(0);
    let response = coordinator.submit(&path, &partial).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(html.contains("Un jour est encore sans réponse"));
    assert!(
        html.contains("value=n checked"),
        "the other days keep their answer"
    );
    assert_eq!(answer_count(&app), 0);
}

#[tokio::test]
async fn quick_fill_sets_every_day_without_saving() {
    let app = logged_in_app().await;
    opened_meeting(&app).await;
    let token = token_for(&app, "alpha@mission.example").await;
    let coordinator = Visitor::new(&app);
    let path = format!("/c/{token}");
    let response = coordinator
        .submit(&path, &[("fill".into(), "all:y".into())])
        .await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("body");
    assert!(html.contains("encore enregistré"));
    assert_eq!(
        html.matches("value=y checked").count(),
        10,
        "ten working days in the two-week window"
    );
    assert_eq!(answer_count(&app), 0);
}

/// The `value`s of the form's week selector, in order.
fn week_options(html: &str) -> Vec<String> {
    let select = &html[html.find("name=\"fill_week\"").expect("a week selector")..];
    let select = &select[..select.find("</select>").expect("end of the selector")];
    select
        .split("<option value=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').expect("quote")].to_owned())
        .collect()
}

#[tokio::test]
async fn the_week_selector_fills_one_week_and_then_offers_the_next() {
    let app = logged_in_app().await;
    opened_meeting(&app).await;
    let token = token_for(&app, "alpha@mission.example").await;
    let coordinator = Visitor::new(&app);
    let path = format!("/c/{token}");
    let form = coordinator.html(&path).await;
    let weeks = week_options(&form);
    assert!(weeks.len() >= 2, "a two-week window: {weeks:?}");
    let response = coordinator
        .submit(
            &path,
            &[
                ("fill".into(), "week:n".into()),
                ("fill_week".into(), weeks[0].clone()),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("body");
    assert!(html.contains("encore enregistré"));
    let in_first_week = full_answer(&form, "n")
        .iter()
        .filter(|(name, _)| {
            name.strip_prefix("u.")
                .is_some_and(|day| day >= weeks[0].as_str() && day < weeks[1].as_str())
        })
        .count();
    assert!(in_first_week >= 1);
    assert_eq!(html.matches("value=n checked").count(), in_first_week);
    assert!(
        html.contains(&format!("<option value=\"{}\" selected>", weeks[1])),
        "the next week is offered"
    );
    assert_eq!(answer_count(&app), 0);
}

#[tokio::test]
async fn after_the_deadline_the_form_is_read_only() {
    let app = logged_in_app().await;
    opened_meeting(&app).await;
    let token = token_for(&app, "alpha@mission.example").await;
    let coordinator = Visitor::new(&app);
    let path = format!("/c/{token}");
    let form = coordinator.html(&path).await;
    app.execute(&format!(
        "UPDATE meetings SET response_deadline = {}",
        sql_instant(&app, -1)
    ));
    let html = coordinator.html(&path).await;
    assert!(html.contains("La consultation est close"));
    assert!(html.contains("<fieldset disabled"));
    let response = coordinator.submit(&path, &full_answer(&form, "yes")).await;
    assert_eq!(response.status(), 409);
    assert_eq!(answer_count(&app), 0);
}

#[tokio::test]
async fn the_consultation_closes_by_itself_at_the_deadline() {
    let app = spawn_app_with(|raw| raw.scheduler_seconds = Some("1".into())).await;
    app.add_user("sec@wipo.int", "Sam");
    app.login_as("sec@wipo.int").await;
    let (id, _, _) = opened_meeting(&app).await;
    app.execute(&format!(
        "UPDATE meetings SET response_deadline = {}",
        sql_instant(&app, -1)
    ));
    let mut status = String::new();
    for _ in 0..50 {
        status = meetings::table
            .find(id)
            .select(meetings::status)
            .first(&mut *app.conn())
            .expect("status");
        if status == "closed" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, "closed");
    assert!(
        app.get_html(&format!("/meetings/{id}"))
            .await
            .contains("Closed automatically at the response deadline")
    );
}

fn reminders_to(app: &crate::helpers::TestApp, email: &str) -> usize {
    queued(app, 1)
        .iter()
        .filter(|(to, kind)| to == email && kind == "coordinator_reminder")
        .count()
}

#[tokio::test]
async fn automatic_reminders_go_once_and_only_to_groups_that_have_not_answered() {
    let app = spawn_app_with(|raw| raw.scheduler_seconds = Some("1".into())).await;
    app.add_user("sec@wipo.int", "Sam");
    app.login_as("sec@wipo.int").await;
    let (id, _, _) = opened_meeting(&app).await;
    assert_eq!(id, 1);
    let token = token_for(&app, "alpha@mission.example").await;
    let alpha = Visitor::new(&app);
    let form = alpha.html(&format!("/c/{token}")).await;
    assert_eq!(
        alpha
            .submit(&format!("/c/{token}"), &full_answer(&form, "yes"))
            .await
            .status(),
        303
    );

    // Six days before the deadline, opened three days ago: the 7-day point is due.
    app.execute(&format!(
        "UPDATE meetings SET response_deadline = {}, opened_at = {}",
        sql_instant(&app, 6),
        sql_instant(&app, -3)
    ));
    let mut waited = 0;
    while reminders_to(&app, "beta@mission.example") == 0 && waited < 50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        waited += 1;
    }
    assert_eq!(reminders_to(&app, "beta@mission.example"), 1);
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(reminders_to(&app, "beta@mission.example"), 1, "never twice");
    assert_eq!(
        reminders_to(&app, "alpha@mission.example"),
        0,
        "Alpha answered"
    );

    // The reminder's link opens Beta's form.
    let reminder_token = wait_for_tokens(&app, "beta@mission.example", 2).await[1].clone();
    assert_eq!(
        Visitor::new(&app)
            .get(&format!("/c/{reminder_token}"))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn remind_now_reaches_unanswered_groups_once_even_when_clicked_twice() {
    let app = logged_in_app().await;
    let (id, _, _) = opened_meeting(&app).await;
    for _ in 0..2 {
        let response = app
            .post_form(
                &format!("/meetings/{id}"),
                &format!("/meetings/{id}/remind"),
                &[],
            )
            .await;
        assert_eq!(response.status(), 303);
    }
    let reminders = queued(&app, id)
        .into_iter()
        .filter(|(_, kind)| kind == "coordinator_reminder")
        .count();
    assert_eq!(reminders, 2, "one per coordinator, not four");
}

#[tokio::test]
async fn closing_early_locks_the_forms() {
    let app = logged_in_app().await;
    let (id, _, _) = opened_meeting(&app).await;
    let token = token_for(&app, "beta@mission.example").await;
    let response = app
        .post_form(
            &format!("/meetings/{id}"),
            &format!("/meetings/{id}/close"),
            &[],
        )
        .await;
    assert_eq!(response.status(), 303);
    let html = Visitor::new(&app).html(&format!("/c/{token}")).await;
    assert!(html.contains("The consultation is closed"));
    assert!(
        app.get_html(&format!("/meetings/{id}"))
            .await
            .contains("Consultation closed early by hand")
    );
}

#[tokio::test]
async fn coordinators_receive_their_personal_links_through_real_smtp_in_their_language() {
    let smtp = crate::smtp::SmtpServer::start();
    let url = smtp.url();
    let app = spawn_app_with(|raw| raw.smtp_url = Some(url)).await;
    app.add_user("sec@wipo.int", "Sam");
    app.login_as("sec@wipo.int").await;
    let (id, _, _) = opened_meeting(&app).await;

    let messages = smtp.wait_for(2).await;
    assert_eq!(messages.len(), 2);
    let domain = reqwest::Url::parse(&app.address)
        .expect("url")
        .host_str()
        .expect("host")
        .to_owned();
    for message in &messages {
        assert_eq!(message.to.len(), 1, "one recipient per message");
        assert!(
            message.message_id.ends_with(&format!("@{domain}")),
            "{}",
            message.message_id
        );
        assert!(message.has_part("text/plain") && message.has_part("text/html"));
        let token_at = message.text.find("/c/").expect("a link") + 3;
        let token: String = message.text[token_at..]
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .collect();
        let form = Visitor::new(&app).get(&format!("/c/{token}")).await;
        assert_eq!(form.status(), 200, "the mailed link opens the form");
    }
    let french = messages
        .iter()
        .find(|m| m.to[0] == "alpha@mission.example")
        .expect("Alpha's message");
    assert!(
        french.text.contains("Date limite de r\u{e9}ponse"),
        "French for Alpha: {}",
        french.text
    );
    let english = messages
        .iter()
        .find(|m| m.to[0] == "beta@mission.example")
        .expect("Beta's message");
    assert!(english.text.contains("Europe/Zurich"));
    // The server's acceptance is recorded a moment after the message arrives.
    crate::fixtures::wait_all_sent(&app, id).await;
    let page = app.get_html(&format!("/meetings/{id}")).await;
    assert!(
        page.contains("2 sent"),
        "delivery shows on the meeting page"
    );
}

#[tokio::test]
async fn the_days_the_secretariat_excluded_are_not_asked_in_the_coordinators_form() {
    let app = logged_in_app().await;
    let group = add_group(&app, "Group Alpha");
    add_coordinator(&app, group, "alpha@mission.example", "en");
    let mut fields = draft_fields(&[group]);
    let start: chrono::NaiveDate = fields
        .iter()
        .find(|(name, _)| name == "window_start")
        .and_then(|(_, value)| value.parse().ok())
        .expect("the window's first day");
    let day = |n: i64| (start + chrono::Duration::days(n)).to_string();
    // Labels with what JSON and SQL quote: the days travel through both.
    let excluded = format!(
        "{} Fête \"nationale\" \\ 'jour férié'\n{} عطلة",
        day(2),
        day(3)
    );
    for (name, value) in fields.iter_mut() {
        if name == "excluded" {
            value.clone_from(&excluded);
        }
    }
    let id = create_meeting_from(&app, &fields).await;
    crate::fixtures::open_consultation(&app, id).await;
    let token = token_for(&app, "alpha@mission.example").await;
    let coordinator = Visitor::new(&app);
    let path = format!("/c/{token}");
    let form = coordinator.html(&path).await;
    let units = crate::fixtures::unit_fields(&form);
    // Two working weeks, less the two excluded days.
    assert_eq!(units.len(), 8, "{units:?}");
    for n in [2, 3] {
        assert!(!units.contains(&format!("u.{}", day(n))), "{n}: {units:?}");
    }
    for n in [0, 1, 4, 7] {
        assert!(units.contains(&format!("u.{}", day(n))), "{n}: {units:?}");
    }
    let saved = coordinator.submit(&path, &full_answer(&form, "yes")).await;
    assert_eq!(saved.status(), 303, "an answer without the excluded days");
}
