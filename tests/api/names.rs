//! Names in the reader's language: member states from CLDR, the
//! secretariat's translations of group names and meeting texts, languages
//! as BCP 47 tags; and the secretariat's English pages with non-Latin names.

use convene::db::schema::{contacts, group_names, meeting_texts, outbox, regional_groups};
use diesel::prelude::*;

use crate::fixtures::{
    add_coordinator, add_state_contact, approved_meeting, as_refs, draft_fields, open_consultation,
    send_invitations, token_for,
};
use crate::helpers::{TestApp, location, spawn_app};
use crate::replies::personal_link;

const ARABIC_GROUP: &str = "المجموعة الأفريقية";
const CHINESE_GROUP: &str = "非洲集团";
const ARABIC_TITLE: &str = "مشاورة غير رسمية بشأن البث";
const CHINESE_TITLE: &str = "关于广播的非正式磋商";
const FRENCH_TITLE: &str = "Consultation informelle sur la radiodiffusion";
const CHINESE_PURPOSE: &str = "商定一次特别非正式会议的日期。";
/// An Arabic name with markup in it: the pages must escape it.
const ARABIC_CONTACT: &str = "بعثة <مصر> الدائمة & شركاؤها";

async fn logged_in() -> TestApp {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    app
}

fn group_id(app: &TestApp, name: &str) -> i64 {
    regional_groups::table
        .filter(regional_groups::name.eq(name))
        .select(regional_groups::id)
        .first(&mut *app.conn())
        .expect("group")
}

/// Adds a group through the form, with Arabic, Chinese and French names.
async fn add_translated_group(app: &TestApp, name: &str) -> i64 {
    let response = app
        .post_form(
            "/directory/groups/new",
            "/directory/groups",
            &[
                ("name", name),
                ("short_name", name),
                ("weight", "1"),
                ("name_ar", ARABIC_GROUP),
                ("name_zh", CHINESE_GROUP),
                ("name_fr", "Groupe des pays africains"),
                ("name_ru", "  "),
            ],
        )
        .await;
    assert_eq!(response.status(), 303, "group saved");
    group_id(app, name)
}

fn translated_draft(groups: &[i64]) -> Vec<(String, String)> {
    let mut fields = draft_fields(groups);
    for (k, v) in [
        ("title_ar", ARABIC_TITLE),
        ("title_zh", CHINESE_TITLE),
        ("title_fr", FRENCH_TITLE),
        ("purpose_zh", CHINESE_PURPOSE),
    ] {
        fields.push((k.into(), v.into()));
    }
    fields
}

async fn create_translated_meeting(app: &TestApp, groups: &[i64]) -> i64 {
    let fields = translated_draft(groups);
    let response = app
        .post_form("/meetings/new", "/meetings", &as_refs(&fields))
        .await;
    assert_eq!(response.status(), 303, "draft saved");
    location(&response)
        .trim_start_matches("/meetings/")
        .parse()
        .expect("meeting id")
}

fn params_of(app: &TestApp, meeting: i64, kind: &str) -> Vec<(String, serde_json::Value)> {
    outbox::table
        .filter(outbox::meeting_id.eq(meeting))
        .filter(outbox::kind.eq(kind))
        .order(outbox::id)
        .select((outbox::recipient_email, outbox::params))
        .load::<(String, String)>(&mut *app.conn())
        .expect("rows")
        .into_iter()
        .map(|(to, p)| (to, serde_json::from_str(&p).expect("JSON")))
        .collect()
}

fn param<'a>(rows: &'a [(String, serde_json::Value)], to: &str, key: &str) -> &'a str {
    rows.iter()
        .find(|(t, _)| t == to)
        .and_then(|(_, p)| p[key].as_str())
        .unwrap_or_else(|| panic!("{key} for {to} in {rows:?}"))
}

#[tokio::test]
async fn a_groups_names_in_other_languages_are_saved_and_shown_again_right_to_left_for_arabic() {
    let app = logged_in().await;
    let id = add_translated_group(&app, "African Group X").await;
    let stored: Vec<(String, String)> = group_names::table
        .filter(group_names::group_id.eq(id))
        .order(group_names::language)
        .select((group_names::language, group_names::name))
        .load(&mut *app.conn())
        .expect("names");
    assert_eq!(
        stored,
        vec![
            ("ar".to_owned(), ARABIC_GROUP.to_owned()),
            ("fr".to_owned(), "Groupe des pays africains".to_owned()),
            ("zh".to_owned(), CHINESE_GROUP.to_owned()),
        ],
        "a blank translation is no translation"
    );
    let form = app.get_html(&format!("/directory/groups/{id}/edit")).await;
    assert!(
        form.contains(&format!(
            "name=\"name_ar\" value=\"{ARABIC_GROUP}\" maxlength=\"200\" lang=\"ar\" dir=\"rtl\""
        )),
        "{form}"
    );
    assert!(form.contains(&format!(
        "name=\"name_zh\" value=\"{CHINESE_GROUP}\" maxlength=\"200\" lang=\"zh\" dir=\"ltr\""
    )));
    assert!(form.contains("<label for=\"name_ru\">Name in Russian</label>"));
}

#[tokio::test]
async fn a_bad_translation_re_renders_the_group_form_as_typed_and_saves_nothing() {
    let app = logged_in().await;
    let long = "ع".repeat(201);
    let response = app
        .post_form(
            "/directory/groups/new",
            "/directory/groups",
            &[
                ("name", "Group Typo"),
                ("short_name", "Typo"),
                ("weight", "1"),
                ("name_ar", &long),
                ("name_zh", CHINESE_GROUP),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(html.contains("id=\"name_ar-error\""), "{html}");
    assert!(html.contains(&format!("value=\"{long}\"")));
    assert!(html.contains(&format!("value=\"{CHINESE_GROUP}\"")));
    assert!(html.contains("value=\"Group Typo\""));
    let groups: i64 = regional_groups::table
        .filter(regional_groups::name.eq("Group Typo"))
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(groups, 0);
}

#[tokio::test]
async fn a_meetings_title_and_purpose_in_other_languages_are_saved_and_edited_with_the_draft() {
    let app = logged_in().await;
    let group = add_translated_group(&app, "Group Alpha").await;
    let id = create_translated_meeting(&app, &[group]).await;
    let stored: Vec<(String, String, String)> = meeting_texts::table
        .filter(meeting_texts::meeting_id.eq(id))
        .order(meeting_texts::language)
        .select((
            meeting_texts::language,
            meeting_texts::title,
            meeting_texts::purpose,
        ))
        .load(&mut *app.conn())
        .expect("texts");
    assert_eq!(
        stored,
        vec![
            ("ar".into(), ARABIC_TITLE.into(), String::new()),
            ("fr".into(), FRENCH_TITLE.into(), String::new()),
            ("zh".into(), CHINESE_TITLE.into(), CHINESE_PURPOSE.into()),
        ]
    );
    let form = app.get_html(&format!("/meetings/{id}/edit")).await;
    assert!(form.contains(&format!(
        "name=\"title_ar\" value=\"{ARABIC_TITLE}\" maxlength=\"200\" lang=\"ar\" dir=\"rtl\""
    )));
    assert!(form.contains("lang=\"zh\" dir=\"ltr\""));
    assert!(form.contains(&format!(">{CHINESE_PURPOSE}</textarea>")));

    // An edit that clears the French title and has a bad Russian one is
    // refused whole, as typed.
    let mut fields = translated_draft(&[group]);
    fields.retain(|(k, _)| k != "title_fr");
    fields.push(("title_ru".into(), "строка\u{7}".into()));
    let response = app
        .post_form(
            &format!("/meetings/{id}/edit"),
            &format!("/meetings/{id}/edit"),
            &as_refs(&fields),
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(html.contains("href=\"#title_ru-error\""), "{html}");
    assert!(html.contains(&format!("value=\"{ARABIC_TITLE}\"")));
    let french: i64 = meeting_texts::table
        .filter(meeting_texts::meeting_id.eq(id))
        .filter(meeting_texts::title.eq(FRENCH_TITLE))
        .count()
        .get_result(&mut *app.conn())
        .expect("count");
    assert_eq!(french, 1, "nothing was saved");
}

#[tokio::test]
async fn coordinators_are_written_to_with_the_title_purpose_and_group_in_their_language() {
    let app = logged_in().await;
    let group = add_translated_group(&app, "Group Alpha").await;
    add_coordinator(&app, group, "zh@mission.example", "zh");
    add_coordinator(&app, group, "ru@mission.example", "ru");
    add_coordinator(&app, group, "fr@mission.example", "fr-CH");
    let id = create_translated_meeting(&app, &[group]).await;
    open_consultation(&app, id).await;
    let rows = params_of(&app, id, "coordinator_link");
    assert_eq!(
        param(&rows, "zh@mission.example", "meeting_title"),
        CHINESE_TITLE
    );
    assert_eq!(
        param(&rows, "zh@mission.example", "meeting_purpose"),
        CHINESE_PURPOSE
    );
    assert_eq!(
        param(&rows, "zh@mission.example", "group_name"),
        CHINESE_GROUP
    );
    assert_eq!(
        param(&rows, "fr@mission.example", "meeting_title"),
        FRENCH_TITLE
    );
    assert_eq!(
        param(&rows, "fr@mission.example", "group_name"),
        "Groupe des pays africains"
    );
    // No Russian translation: the default texts.
    assert_eq!(
        param(&rows, "ru@mission.example", "meeting_title"),
        "Informal consultation on broadcasting"
    );
    assert_eq!(
        param(&rows, "ru@mission.example", "group_name"),
        "Group Alpha"
    );

    // The form behind each link shows the same texts.
    let zh = token_for(&app, "zh@mission.example").await;
    let form = app.get_html(&format!("/c/{zh}")).await;
    for text in [CHINESE_TITLE, CHINESE_PURPOSE, CHINESE_GROUP] {
        assert!(form.contains(text), "{text} in the Chinese form");
    }
    let ru = token_for(&app, "ru@mission.example").await;
    let form = app.get_html(&format!("/c/{ru}")).await;
    assert!(form.contains("Informal consultation on broadcasting"));
    assert!(!form.contains(CHINESE_TITLE) && !form.contains(FRENCH_TITLE));
    // Switched to English, the Chinese coordinator reads the default texts.
    let form = app.get_html(&format!("/c/{zh}?lang=en")).await;
    assert!(form.contains("Informal consultation on broadcasting"));
    assert!(!form.contains(CHINESE_TITLE) && !form.contains(CHINESE_GROUP));
}

#[tokio::test]
async fn an_invitee_reads_its_member_state_in_its_language_and_the_secretariats_name_in_english() {
    let app = logged_in().await;
    add_state_contact(&app, "CH", "Mission de Suisse", "ch@mission.example", "fr");
    add_state_contact(&app, "CH", "瑞士代表团", "ch-zh@mission.example", "zh");
    add_state_contact(&app, "ES", "بعثة إسبانيا", "es-ar@mission.example", "ar");
    add_state_contact(
        &app,
        "RU",
        "Постоянное представительство",
        "ru@mission.example",
        "ru",
    );
    add_state_contact(&app, "TZ", "Tanzania Mission", "tz@mission.example", "en");
    add_state_contact(
        &app,
        "BR",
        "Missão do Brasil",
        "br@mission.example",
        "pt-BR",
    );
    let id = approved_meeting(&app).await;
    let response = send_invitations(&app, id).await;
    assert_eq!(response.status(), 303, "invitations sent");
    let rows = params_of(&app, id, "invitation");
    for (to, name) in [
        ("ch@mission.example", "Suisse"),
        ("ch-zh@mission.example", "瑞士"),
        ("es-ar@mission.example", "إسبانيا"),
        ("ru@mission.example", "Россия"),
        ("tz@mission.example", "United Republic of Tanzania"),
        ("br@mission.example", "Brazil"),
    ] {
        assert_eq!(param(&rows, to, "invitee_name"), name, "{to}");
    }
    // The French reply page names the state in French.
    let html = crate::fixtures::Visitor::new(&app)
        .html(&personal_link(&app, "ch@mission.example"))
        .await;
    assert!(
        html.contains("Invitation adressée à <strong>Suisse</strong>"),
        "{html}"
    );
}

#[tokio::test]
async fn an_invitation_carries_the_title_in_the_recipients_language_or_the_default() {
    let app = logged_in().await;
    add_state_contact(&app, "CH", "Mission de Suisse", "ch@mission.example", "fr");
    add_state_contact(&app, "JP", "Japan Mission", "jp@mission.example", "ja");
    let id = approved_meeting(&app).await;
    app.execute(&format!(
        "INSERT INTO meeting_texts (meeting_id, language, title, purpose) \
         VALUES ({id}, 'fr', '{FRENCH_TITLE}', '')"
    ));
    let response = send_invitations(&app, id).await;
    assert_eq!(response.status(), 303);
    let rows = params_of(&app, id, "invitation");
    assert_eq!(
        param(&rows, "ch@mission.example", "meeting_title"),
        FRENCH_TITLE
    );
    assert_eq!(
        param(&rows, "ch@mission.example", "meeting_purpose"),
        "Agree on the dates of an ad hoc informal meeting."
    );
    assert_eq!(
        param(&rows, "jp@mission.example", "meeting_title"),
        "Informal consultation on broadcasting"
    );
    let html = crate::fixtures::Visitor::new(&app)
        .html(&personal_link(&app, "ch@mission.example"))
        .await;
    assert!(html.contains(FRENCH_TITLE), "{html}");
}

#[tokio::test]
async fn the_secretariat_sees_how_many_recipients_read_each_language_before_sending() {
    let app = logged_in().await;
    add_state_contact(&app, "EG", "بعثة مصر", "eg@mission.example", "ar");
    add_state_contact(&app, "SA", "بعثة السعودية", "sa@mission.example", "ar");
    add_state_contact(&app, "CN", "中国代表团", "cn@mission.example", "zh");
    add_state_contact(
        &app,
        "BR",
        "Missão do Brasil",
        "br@mission.example",
        "pt-BR",
    );
    let id = approved_meeting(&app).await;
    let page = app.get_html(&format!("/meetings/{id}/invitations")).await;
    for row in [
        "<tr id=\"language-ar\"><th scope=\"row\">Arabic</th><td>2</td></tr>",
        "<tr id=\"language-zh\"><th scope=\"row\">Chinese</th><td>1</td></tr>",
        "<tr id=\"language-ru\"><th scope=\"row\">Russian</th><td>0</td></tr>",
        "<tr id=\"language-pt-BR\"><th scope=\"row\">pt-BR, which reads English</th><td>1</td></tr>",
    ] {
        assert!(page.contains(row), "{row} in {page}");
    }
    assert!(
        page.contains("id=\"send\""),
        "the counts are on the page that sends"
    );
}

#[tokio::test]
async fn a_contact_may_read_a_bcp47_language_and_a_malformed_one_is_refused_with_the_accepted_values()
 {
    let app = logged_in().await;
    let state: i64 = convene::db::schema::member_states::table
        .filter(convene::db::schema::member_states::iso2.eq("BR"))
        .select(convene::db::schema::member_states::id)
        .first(&mut *app.conn())
        .expect("BR");
    let affiliation = format!("state:{state}");
    let post = |language: &'static str, email: &'static str| {
        let affiliation = affiliation.clone();
        let app = &app;
        async move {
            app.post_form(
                "/directory/contacts/new",
                "/directory/contacts",
                &[
                    ("name", "Ana Souza"),
                    ("email", email),
                    ("language", language),
                    ("affiliation", &affiliation),
                    ("coordinator_of", ""),
                    ("invitation_recipient", "yes"),
                ],
            )
            .await
        }
    };
    let response = post("pt_br", "ana@mission.example").await;
    assert_eq!(response.status(), 303);
    let stored: String = contacts::table
        .filter(contacts::email.eq("ana@mission.example"))
        .select(contacts::language)
        .first(&mut *app.conn())
        .expect("contact");
    assert_eq!(stored, "pt-BR");
    let response = post("portuguese", "ana2@mission.example").await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(
        html.contains("a language is ar, en, es, fr, ru or zh"),
        "{html}"
    );
    assert!(html.contains("value=\"portuguese\""));
}

#[tokio::test]
async fn the_secretariats_pages_show_arabic_and_chinese_names_escaped_in_utf8() {
    let app = logged_in().await;
    let group = add_translated_group(&app, "Group Alpha").await;
    add_coordinator(&app, group, "alpha@mission.example", "ar");
    let id = create_translated_meeting(&app, &[group]).await;
    add_state_contact(&app, "EG", ARABIC_CONTACT, "eg@mission.example", "ar");
    // askama escapes with numeric references.
    let escaped = "بعثة &#60;مصر&#62; الدائمة &#38; شركاؤها";

    let response = app.get("/directory/contacts").await;
    assert_eq!(response.status(), 200);
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    assert!(content_type.contains("charset=utf-8"), "{content_type}");
    let contacts = response.text().await.expect("UTF-8 body");
    assert!(contacts.contains(escaped), "{contacts}");
    assert!(!contacts.contains(ARABIC_CONTACT), "unescaped");

    let groups = app.get_html("/directory/groups").await;
    assert!(groups.contains("Group Alpha"));
    let form = app
        .get_html(&format!("/directory/groups/{group}/edit"))
        .await;
    assert!(form.contains(ARABIC_GROUP) && form.contains(CHINESE_GROUP));

    let meeting = app.get_html(&format!("/meetings/{id}")).await;
    assert!(meeting.contains("Informal consultation on broadcasting"));
    let edit = app.get_html(&format!("/meetings/{id}/edit")).await;
    assert!(edit.contains(ARABIC_TITLE) && edit.contains(CHINESE_TITLE));
    assert!(edit.contains(CHINESE_PURPOSE));

    let approved = approved_meeting(&app).await;
    let invitations = app
        .get_html(&format!("/meetings/{approved}/invitations"))
        .await;
    assert!(
        invitations.contains("<tr id=\"language-ar\"><th scope=\"row\">Arabic</th><td>1</td></tr>")
    );
    let response = send_invitations(&app, approved).await;
    assert_eq!(response.status(), 303);
    let participants = app
        .get_html(&format!("/meetings/{approved}/participants"))
        .await;
    assert!(participants.contains("Egypt"), "{participants}");
    let links = app
        .get_html(&format!("/meetings/{approved}/reply-links"))
        .await;
    assert!(links.contains(escaped), "{links}");
}
