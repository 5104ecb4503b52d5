//! Data the consultation tests need: groups with coordinators, a meeting, and
//! the personal links as the coordinators' emails would carry them.

use chrono::{Datelike, Duration, Utc};
use convene::db::schema::{contacts, outbox, regional_groups};
use diesel::prelude::*;

use crate::helpers::TestApp;

pub fn add_group(app: &TestApp, name: &str) -> i64 {
    let mut conn = app.conn();
    diesel::insert_into(regional_groups::table)
        .values((
            regional_groups::name.eq(name),
            regional_groups::short_name.eq(name),
            regional_groups::weight.eq(1),
            regional_groups::created_at.eq(convene::db::now()),
        ))
        .execute(&mut *conn)
        .expect("group");
    regional_groups::table
        .filter(regional_groups::name.eq(name))
        .select(regional_groups::id)
        .first(&mut *conn)
        .expect("group id")
}

pub fn add_coordinator(app: &TestApp, group: i64, email: &str, language: &str) {
    diesel::insert_into(contacts::table)
        .values((
            contacts::name.eq(format!("Coordinator {email}")),
            contacts::email.eq(email),
            contacts::language.eq(language),
            contacts::coordinator_of.eq(Some(group)),
            contacts::invitation_recipient.eq(true),
            contacts::created_at.eq(convene::db::now()),
        ))
        .execute(&mut *app.conn())
        .expect("coordinator");
}

/// The draft form, filled in validly; tests change what they need.
pub fn draft_fields(groups: &[i64]) -> Vec<(String, String)> {
    // A Monday about a month ahead, so that the window is always two full weeks.
    let mut start = (Utc::now() + Duration::days(30)).date_naive();
    while start.weekday() != chrono::Weekday::Mon {
        start = start.succ_opt().expect("a next day");
    }
    let end = start + Duration::days(13);
    let deadline = (Utc::now() + Duration::days(10))
        .format("%Y-%m-%dT12:00")
        .to_string();
    let mut fields: Vec<(String, String)> = vec![
        (
            "title".into(),
            "Informal consultation on broadcasting".into(),
        ),
        (
            "purpose".into(),
            "Agree on the dates of an ad hoc informal meeting.".into(),
        ),
        ("organiser".into(), "Copyright Law Division".into()),
        ("time_zone".into(), "Europe/Zurich".into()),
        ("window_start".into(), start.to_string()),
        ("window_end".into(), end.to_string()),
        ("granularity".into(), "day".into()),
        ("durations".into(), "1, 2".into()),
        ("excluded".into(), String::new()),
        ("morning_start".into(), "10:00".into()),
        ("morning_end".into(), "13:00".into()),
        ("afternoon_start".into(), "15:00".into()),
        ("afternoon_end".into(), "18:00".into()),
        ("deadline".into(), deadline),
        ("quorum".into(), "all".into()),
        ("reminder_days".into(), "7, 2".into()),
    ];
    for day in 1..=5 {
        fields.push(("working_days".into(), day.to_string()));
    }
    for modality in ["in_person", "hybrid", "virtual"] {
        fields.push(("modalities".into(), modality.into()));
    }
    for group in groups {
        fields.push(("groups".into(), group.to_string()));
    }
    fields
}

pub fn as_refs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// Creates a draft through the form; returns its id.
pub async fn create_meeting(app: &TestApp, groups: &[i64]) -> i64 {
    create_meeting_from(app, &draft_fields(groups)).await
}

/// Creates a draft through the form filled in with `fields`; returns its id.
pub async fn create_meeting_from(app: &TestApp, fields: &[(String, String)]) -> i64 {
    let response = app
        .post_form("/meetings/new", "/meetings", &as_refs(fields))
        .await;
    assert_eq!(response.status(), 303, "draft saved");
    crate::helpers::location(&response)
        .trim_start_matches("/meetings/")
        .parse()
        .expect("meeting id in the redirect")
}

/// Two groups with a coordinator each, a meeting consulting them, opened.
pub async fn opened_meeting(app: &TestApp) -> (i64, i64, i64) {
    let a = add_group(app, "Group Alpha");
    let b = add_group(app, "Group Beta");
    // Alpha's coordinator reads French: their form and its messages are
    // French; Beta's reads English.
    add_coordinator(app, a, "alpha@mission.example", "fr");
    add_coordinator(app, b, "beta@mission.example", "en");
    let id = create_meeting(app, &[a, b]).await;
    open_consultation(app, id).await;
    (id, a, b)
}

/// Opens a drafted meeting's consultation, which mails every coordinator
/// their link.
pub async fn open_consultation(app: &TestApp, id: i64) {
    let response = app
        .post_form(
            &format!("/meetings/{id}"),
            &format!("/meetings/{id}/open"),
            &[],
        )
        .await;
    assert_eq!(response.status(), 303, "consultation opened");
}

/// A consultation of six groups whose coordinators
/// (`coordinator-<tag>@mission.example`) each read another of the six
/// languages; returns the meeting. The caller is logged in.
pub async fn consulted_in_six_languages(app: &TestApp) -> i64 {
    let mut groups = Vec::new();
    for tag in ["ar", "en", "es", "fr", "ru", "zh"] {
        let group = add_group(app, &format!("Group {tag}"));
        add_coordinator(
            app,
            group,
            &format!("coordinator-{tag}@mission.example"),
            tag,
        );
        groups.push(group);
    }
    let id = create_meeting(app, &groups).await;
    open_consultation(app, id).await;
    id
}

/// The messages queued for a meeting, as `(recipient, kind)`, oldest first.
pub fn queued(app: &TestApp, meeting: i64) -> Vec<(String, String)> {
    outbox::table
        .filter(outbox::meeting_id.eq(meeting))
        .order(outbox::id)
        .select((outbox::recipient_email, outbox::kind))
        .load(&mut *app.conn())
        .expect("outbox rows")
}

/// Waits (at most thirty seconds) until every message queued for `meeting` is
/// marked sent. The `.eml` file is written before its row is marked, so a
/// test that reads the files must wait for this before asserting on rows.
pub async fn wait_all_sent(app: &TestApp, meeting: i64) {
    for _ in 0..600 {
        let unsent: i64 = outbox::table
            .filter(outbox::meeting_id.eq(meeting))
            .filter(outbox::status.ne("sent"))
            .count()
            .get_result(&mut *app.conn())
            .expect("count");
        if unsent == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the messages of meeting {meeting} were not all sent");
}

/// The personal links (tokens) in the emails delivered to `recipient`, in
/// sending order, read from the `.eml` files the app writes.
pub fn mailed_tokens(app: &TestApp, recipient: &str) -> Vec<String> {
    mailed_links(app, recipient, "/c/")
}

/// The tokens after `marker` (`/c/` or `/i/`) in the text bodies of the
/// messages delivered to `recipient`, in sending order.
fn mailed_links(app: &TestApp, recipient: &str, marker: &str) -> Vec<String> {
    let mut files: Vec<(i64, String)> = std::fs::read_dir(app.mail_dir.path())
        .expect("mail folder")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let id = path
                .file_stem()?
                .to_str()?
                .strip_prefix("outbox-")?
                .parse()
                .ok()?;
            Some((id, std::fs::read_to_string(&path).ok()?))
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|(_, raw)| {
            let message = mail_parser::MessageParser::default().parse(raw.as_bytes())?;
            let to = message.to()?.first()?.address()?.to_owned();
            if to != recipient {
                return None;
            }
            let text = message.body_text(0)?;
            let at = text.find(marker)? + marker.len();
            let token: String = text[at..]
                .chars()
                .take_while(char::is_ascii_hexdigit)
                .collect();
            (token.len() == 64).then_some(token)
        })
        .collect()
}

/// Waits (at most thirty seconds; a loaded machine is slow) until `recipient` has received `count` links;
/// returns them all.
pub async fn wait_for_tokens(app: &TestApp, recipient: &str, count: usize) -> Vec<String> {
    for _ in 0..600 {
        let tokens = mailed_tokens(app, recipient);
        if tokens.len() >= count {
            return tokens;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!(
        "{recipient} did not receive {count} links; has {:?}",
        mailed_tokens(app, recipient)
    );
}

/// The newest personal link mailed to `recipient` (waiting for the first).
pub async fn token_for(app: &TestApp, recipient: &str) -> String {
    let tokens = wait_for_tokens(app, recipient, 1).await;
    tokens.last().cloned().expect("a link")
}

/// Every unit of the default window answered `value`, plus the durations.
pub fn full_answer(html: &str, value: &str) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = unit_fields(html)
        .into_iter()
        .map(|name| (name, value.to_owned()))
        .collect();
    fields.push(("accepted".into(), "1".into()));
    fields.push(("accepted".into(), "2".into()));
    fields.push(("preferred".into(), "2".into()));
    fields.push(("modality".into(), "in_person".into()));
    fields
}

/// The names of the form's availability fields (`u.2027-01-04`), once each,
/// in the order of the page. The form writes the radios' attributes unquoted.
pub fn unit_fields(html: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (at, _) in html.match_indices(" name=u.") {
        let rest = &html[at + " name=".len()..];
        let name = &rest[..rest.find([' ', '>']).expect("end of the name")];
        if names.last().is_none_or(|last| last != name) {
            names.push(name.to_owned());
        }
    }
    names
}

pub fn sql_instant(app: &TestApp, days_from_now: i64) -> String {
    if app.is_postgres() {
        format!("(now() at time zone 'utc') + interval '{days_from_now} days'")
    } else {
        format!("strftime('%Y-%m-%d %H:%M:%f', 'now', '{days_from_now} days')")
    }
}

/// A coordinator's browser: no secretariat session, cookies of its own.
pub struct Visitor {
    pub client: reqwest::Client,
    pub address: String,
}

impl Visitor {
    pub fn new(app: &TestApp) -> Visitor {
        Visitor {
            client: app.second_browser().0,
            address: app.address.clone(),
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("GET")
    }

    pub async fn html(&self, path: &str) -> String {
        self.get(path).await.text().await.expect("body")
    }

    /// Loads `path`, then posts `fields` to it with the page's CSRF token.
    pub async fn submit(&self, path: &str, fields: &[(String, String)]) -> reqwest::Response {
        let html = self.html(path).await;
        let mut all = vec![("csrf_token".to_owned(), crate::helpers::csrf_token(&html))];
        all.extend_from_slice(fields);
        self.client
            .post(format!("{}{path}", self.address))
            .form(&all)
            .send()
            .await
            .expect("POST")
    }
}

/// A meeting with an approved slot, starting in about 40 days at 09:00 UTC
/// and ending two days later at 16:00 UTC, decided hybrid at [`VENUE`] with
/// [`REMOTE_LINK`]. The status is set
/// directly: approval has its own tests.
pub const VENUE: &str = "WIPO headquarters, Room A, Geneva";
pub const REMOTE_LINK: &str = "https://meet.example.org/convene-42";

pub async fn approved_meeting(app: &TestApp) -> i64 {
    let groups: i64 = regional_groups::table
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    let group = add_group(app, &format!("Group Approved {groups}"));
    let id = create_meeting(app, &[group]).await;
    let start = (Utc::now() + Duration::days(40)).date_naive();
    let end = start + Duration::days(1);
    app.execute(&format!(
        "UPDATE meetings SET status = 'approved', \
         approved_units = '[\"{start}\",\"{end}\"]', \
         approved_start = '{start} 09:00:00', approved_end = '{end} 16:00:00', \
         approved_modality = 'hybrid', approved_venue = '{VENUE}', \
         approved_link = '{REMOTE_LINK}', approved_at = {} WHERE id = {id}",
        sql_instant(app, 0)
    ));
    id
}

/// Adds an invitation contact for the member state with this ISO code (the
/// reference directory is loaded in every test app).
pub fn add_state_contact(app: &TestApp, iso2: &str, name: &str, email: &str, language: &str) {
    use convene::db::schema::member_states;
    let state: i64 = member_states::table
        .filter(member_states::iso2.eq(iso2))
        .select(member_states::id)
        .first(&mut *app.conn())
        .expect("a member state with this code");
    diesel::insert_into(contacts::table)
        .values((
            contacts::name.eq(name),
            contacts::email.eq(email),
            contacts::language.eq(language),
            contacts::member_state_id.eq(Some(state)),
            contacts::invitation_recipient.eq(true),
            contacts::created_at.eq(convene::db::now()),
        ))
        .execute(&mut *app.conn())
        .expect("contact");
}

/// Adds an invitation contact for an organisation.
pub fn add_organisation_contact(
    app: &TestApp,
    organisation: i64,
    name: &str,
    email: &str,
    language: &str,
) {
    diesel::insert_into(contacts::table)
        .values((
            contacts::name.eq(name),
            contacts::email.eq(email),
            contacts::language.eq(language),
            contacts::organisation_id.eq(Some(organisation)),
            contacts::invitation_recipient.eq(true),
            contacts::created_at.eq(convene::db::now()),
        ))
        .execute(&mut *app.conn())
        .expect("contact");
}

/// Presses "Send the invitations" on the meeting's invitations page.
pub async fn send_invitations(app: &TestApp, meeting: i64) -> reqwest::Response {
    app.post_form(
        &format!("/meetings/{meeting}/invitations"),
        &format!("/meetings/{meeting}/invitations/send"),
        &[],
    )
    .await
}

/// An approved meeting with three member states invited (CH in French, BR
/// in Spanish with two contacts, JP in English), sent. Returns its id.
pub async fn invited_meeting(app: &TestApp) -> i64 {
    add_state_contact(app, "CH", "Mission de Suisse", "ch@mission.example", "fr");
    add_state_contact(app, "BR", "Misión del Brasil", "br@mission.example", "es");
    add_state_contact(app, "BR", "Brazil Counsellor", "br2@mission.example", "es");
    add_state_contact(app, "JP", "Japan Mission", "jp@mission.example", "en");
    let id = approved_meeting(app).await;
    let response = send_invitations(app, id).await;
    assert_eq!(response.status(), 303, "invitations sent");
    id
}

/// The personal reply links (`/i/<token>`) in the messages delivered to
/// `recipient`, in sending order, read from the `.eml` files.
#[allow(
    dead_code,
    reason = "used by the browser journeys, a target of their own that shares this file"
)]
pub fn mailed_reply_tokens(app: &TestApp, recipient: &str) -> Vec<String> {
    mailed_links(app, recipient, "/i/")
}

/// Alpha: available except the third working day (no); Beta: if need be on
/// the first day, available otherwise. Returns the meeting id.
pub async fn answered_and_closed(app: &TestApp, beta_answers: bool) -> i64 {
    let (id, _, _) = opened_meeting(app).await;
    let alpha_token = token_for(app, "alpha@mission.example").await;
    let alpha = Visitor::new(app);
    let form = alpha.html(&format!("/c/{alpha_token}")).await;
    let mut answer = full_answer(&form, "yes");
    let third = answer
        .iter()
        .filter(|(k, _)| k.starts_with("u."))
        .nth(2)
        .expect("a third day")
        .0
        .clone();
    for (k, v) in answer.iter_mut() {
        if *k == third {
            *v = "no".into();
        }
    }
    assert_eq!(
        alpha
            .submit(&format!("/c/{alpha_token}"), &answer)
            .await
            .status(),
        303
    );
    if beta_answers {
        let beta_token = token_for(app, "beta@mission.example").await;
        let beta = Visitor::new(app);
        let form = beta.html(&format!("/c/{beta_token}")).await;
        let mut answer = full_answer(&form, "yes");
        let first = answer
            .iter()
            .position(|(k, _)| k.starts_with("u."))
            .expect("a day");
        answer[first].1 = "if_need_be".into();
        assert_eq!(
            beta.submit(&format!("/c/{beta_token}"), &answer)
                .await
                .status(),
            303
        );
    }
    let closed = app
        .post_form(
            &format!("/meetings/{id}"),
            &format!("/meetings/{id}/close"),
            &[],
        )
        .await;
    assert_eq!(closed.status(), 303);
    id
}
