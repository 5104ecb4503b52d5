//! The invitee's reply page in the six languages: the recipient's language
//! decides the page's `lang`, `dir`, words, country name, dates and
//! messages; the switcher shows another language and keeps it through a
//! save; refusals (closed replies, a withdrawn link, an expired form) are
//! told in the reader's language too.

use crate::fixtures::{Visitor, add_state_contact, approved_meeting, send_invitations};
use crate::form_languages::assert_switcher;
use crate::helpers::{TestApp, csrf_token, location, spawn_app};
use crate::personal_errors::get_in;
use crate::replies::{personal_link, post_with, recipient_id};
use crate::reply_links::withdraw;

/// Per language: its tag, the member state invited, the state's name in
/// the language (CLDR), the save button, the saved notice's first words,
/// and "Attending in person".
const LANGUAGES: [(&str, &str, &str, &str, &str, &str); 6] = [
    ("ar", "EG", "مصر", "حفظ الرد", "شكرًا لكم", "المشاركة حضوريًا"),
    (
        "en",
        "JP",
        "Japan",
        "Save the reply",
        "Thank you: your reply is saved",
        "Attending in person",
    ),
    (
        "es",
        "BR",
        "Brasil",
        "Guardar la respuesta",
        "Le agradecemos su respuesta",
        "Presencial",
    ),
    (
        "fr",
        "CH",
        "Suisse",
        "Enregistrer la réponse",
        "Nous vous remercions",
        "En présentiel",
    ),
    (
        "ru",
        "RU",
        "Россия",
        "Сохранить ответ",
        "Благодарим Вас",
        "Очное участие",
    ),
    ("zh", "CN", "中国", "保存答复", "谨此致谢", "现场出席"),
];

/// Words of the English page that must not appear on another language's.
const ENGLISH: [&str; 27] = [
    "Skip to main content",
    "Reply: ",
    "Invitation for",
    "Purpose",
    "Organiser",
    "Invited",
    "Starts",
    "Ends",
    "Modality",
    "Venue",
    "Join online",
    "This link is personal",
    "The reply of",
    "No reply has been given yet",
    "Will ",
    "Attending",
    "Not attending",
    "Delegation",
    ">Name<",
    ">Function<",
    "of delegate",
    "Note for the secretariat",
    "Save the reply",
    "Hybrid (",
    "that is",
    "Thank you",
    "Last saved",
];

/// The English names of the states invited, which no other language's
/// page may show.
const ENGLISH_NAMES: [&str; 6] = ["Egypt", "Japan", "Brazil", "Switzerland", "Russia", "China"];

fn address(tag: &str) -> String {
    format!("mission-{tag}@mission.example")
}

/// One member state invited per language, its contact reading it; the
/// invitations sent. Returns the meeting's id.
async fn invited_in_six(app: &TestApp) -> i64 {
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    for (tag, iso2, ..) in LANGUAGES {
        add_state_contact(app, iso2, "", &address(tag), tag);
    }
    let id = approved_meeting(app).await;
    assert_eq!(send_invitations(app, id).await.status(), 303);
    id
}

fn root(tag: &str) -> String {
    if tag == "ar" {
        "<html lang=\"ar\" dir=\"rtl\">".to_owned()
    } else {
        format!("<html lang=\"{tag}\">")
    }
}

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn assert_no_english(html: &str, tag: &str) {
    for english in ENGLISH.iter().chain(&ENGLISH_NAMES) {
        assert!(!html.contains(english), "{tag}: {english:?} on the page");
    }
}

#[tokio::test]
async fn each_invitee_reads_the_reply_page_and_its_confirmation_in_their_language() {
    let app = spawn_app().await;
    invited_in_six(&app).await;
    for (tag, _, state, save, thanks, in_person) in LANGUAGES {
        let link = personal_link(&app, &address(tag));
        let visitor = Visitor::new(&app);
        let html = visitor.html(&link).await;
        assert!(
            html.contains(&root(tag)),
            "{tag}: {}",
            &html[..200.min(html.len())]
        );
        assert!(
            html.contains(&format!(
                "<button type=\"submit\" id=\"save\">{save}</button>"
            )),
            "{tag}: the save button"
        );
        assert!(
            html.contains(&format!("<strong>{state}</strong>")),
            "{tag}: the country in the language"
        );
        assert!(html.contains("(Europe/Zurich)"), "{tag}: the dates");
        if tag == "en" {
            assert!(
                !html.contains("class=\"fallback\""),
                "English marks nothing"
            );
        } else {
            assert_no_english(&html, tag);
            // No translation was given: the title is the English one, in
            // its own language and marked.
            assert!(
                html.contains(
                    "<h1><span lang=\"en\" dir=\"ltr\">Informal consultation on broadcasting</span> <small class=\"fallback\">"
                ),
                "{tag}: the title's fallback"
            );
        }

        let typed = fields(&[
            ("response", "in_person"),
            ("d.name.0", "Delegate One"),
            ("d.function.0", "Counsellor"),
        ]);
        let response = visitor.submit(&link, &typed).await;
        assert_eq!(response.status(), 303, "{tag}");
        assert_eq!(location(&response), format!("{link}?saved=1"));
        let html = visitor.html(&location(&response)).await;
        assert!(html.contains(&root(tag)), "{tag}");
        let notice = html
            .split("id=\"notice\">")
            .nth(1)
            .and_then(|rest| rest.split("</p>").next())
            .unwrap_or_else(|| panic!("{tag}: a saved notice in\n{html}"));
        assert!(notice.starts_with(thanks), "{tag}: {notice}");
        assert!(notice.contains(state), "{tag}: {notice}");
        assert!(
            html.contains(&format!("<dd>{in_person}</dd>")),
            "{tag}: the response as saved"
        );
        assert!(html.contains("<li>Delegate One, Counsellor</li>"), "{tag}");
        if tag != "en" {
            assert_no_english(&html, tag);
        }
    }
}

#[tokio::test]
async fn an_invalid_reply_is_told_in_the_language_with_its_limit_in_the_languages_digits() {
    let app = spawn_app().await;
    invited_in_six(&app).await;
    let note = "n".repeat(2001);
    // Per language: the message at the nameless function, and the note's
    // limit as CLDR writes 2,000 in the language: a narrow no-break space in
    // French, a no-break space in Russian, no separator in Spanish, and
    // Western digits in Arabic (CLDR's default for `ar`; Arabic-Indic
    // digits are those of some regions, such as `ar-EG`).
    for (tag, nameless, limit) in [
        (
            "ar",
            "يُرجى ذكر اسم الشخص الذي يشغل وظيفة «Conseiller».",
            "لا تتجاوز الملاحظة 2,000 حرف.",
        ),
        (
            "en",
            "Give the name of the delegate whose function is “Conseiller”.",
            "The note is at most 2,000 characters.",
        ),
        (
            "es",
            "Le rogamos que indique el nombre de la persona cuyo cargo es «Conseiller».",
            "La nota tiene como máximo 2000 caracteres.",
        ),
        (
            "fr",
            "Veuillez indiquer le nom de la personne dont la fonction est « Conseiller ».",
            "La note compte au plus 2\u{202f}000 caractères.",
        ),
        (
            "ru",
            "Просим указать имя и фамилию лица, занимающего должность «Conseiller».",
            "Примечание — не более 2\u{a0}000 символов.",
        ),
        (
            "zh",
            "请填写职务为“Conseiller”的人员的姓名。",
            "备注最多2,000个字符。",
        ),
    ] {
        let link = personal_link(&app, &address(tag));
        let visitor = Visitor::new(&app);
        let typed = fields(&[
            ("response", "remote"),
            ("d.name.0", ""),
            ("d.function.0", "Conseiller"),
            ("note", &note),
        ]);
        let response = visitor.submit(&link, &typed).await;
        assert_eq!(response.status(), 422, "{tag}");
        // Arabic isolates each inserted value (U+2068 … U+2069).
        let html = response
            .text()
            .await
            .expect("body")
            .replace(['\u{2068}', '\u{2069}'], "");
        assert!(html.contains(&root(tag)), "{tag}");
        for expected in [
            format!("id=\"delegates-error\">{nameless}</p>"),
            format!("id=\"note-error\">{limit}</p>"),
        ] {
            assert!(
                html.contains(&expected),
                "{tag}: missing {expected:?} in\n{html}"
            );
        }
        assert!(
            html.contains("value=\"Conseiller\""),
            "{tag}: kept as typed"
        );
        assert!(html.contains(&note), "{tag}: the note kept");
        assert!(
            html.contains("value=\"remote\" checked"),
            "{tag}: the response kept"
        );
        if tag != "en" {
            assert_no_english(&html, tag);
        }
    }
}

#[tokio::test]
async fn the_switcher_shows_another_language_and_keeps_it_through_a_save() {
    let app = spawn_app().await;
    invited_in_six(&app).await;
    let path = personal_link(&app, &address("fr"));
    let visitor = Visitor::new(&app);
    let french = visitor.html(&path).await;
    assert_switcher(&french, "fr");
    assert!(!french.contains("name=\"lang\""), "nothing chosen yet");

    let russian_path = format!("{path}?lang=ru");
    let russian = visitor.html(&russian_path).await;
    assert!(russian.contains("<html lang=\"ru\">"), "{russian}");
    assert!(russian.contains("<strong>Швейцария</strong>"), "{russian}");
    assert!(russian.contains("<input type=\"hidden\" name=\"lang\" value=\"ru\">"));
    assert_switcher(&russian, "ru");
    // Reading another language changes nothing stored.
    assert!(visitor.html(&path).await.contains("<html lang=\"fr\">"));

    let typed = fields(&[("response", "not_attending"), ("lang", "ru")]);
    let saved = visitor.submit(&russian_path, &typed).await;
    assert_eq!(saved.status(), 303);
    let confirmation = location(&saved);
    assert_eq!(confirmation, format!("{path}?saved=1&lang=ru"));
    let html = visitor.html(&confirmation).await;
    assert!(html.contains("<html lang=\"ru\">"), "{html}");
    assert!(html.contains("Благодарим Вас"), "{html}");
    assert!(html.contains("<dd>Не примет участия</dd>"), "{html}");

    // An invalid reply keeps the chosen language too.
    let typed = fields(&[("response", ""), ("lang", "ar")]);
    let response = visitor.submit(&format!("{path}?lang=ar"), &typed).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "{html}");
    assert!(html.contains("يُرجى بيان ما إذا كنتم ستشاركون"), "{html}");
    assert!(html.contains("<input type=\"hidden\" name=\"lang\" value=\"ar\">"));
}

#[tokio::test]
async fn a_reply_after_the_meeting_started_or_was_cancelled_is_refused_in_the_language() {
    let app = spawn_app().await;
    let id = invited_in_six(&app).await;
    let chinese = personal_link(&app, &address("zh"));
    let arabic = personal_link(&app, &address("ar"));
    let (zh, ar) = (Visitor::new(&app), Visitor::new(&app));
    let zh_csrf = csrf_token(&zh.html(&chinese).await);
    let ar_csrf = csrf_token(&ar.html(&arabic).await);
    // Both pages were read while replies were open; the meeting starts.
    app.execute(&format!(
        "UPDATE meetings SET approved_start = {} WHERE id = {id}",
        crate::fixtures::sql_instant(&app, -1)
    ));
    // A valid reply: the store refuses it (the page answers, in Chinese).
    let response = post_with(&zh, &chinese, &zh_csrf, &fields(&[("response", "remote")])).await;
    assert_eq!(response.status(), 409);
    let html = response.text().await.expect("body");
    assert!(html.contains("<html lang=\"zh\">"), "{html}");
    assert!(
        html.contains("id=\"closed\">会议已经开始，答复不能再更改。 未保存任何内容。</p>"),
        "{html}"
    );
    assert!(!html.contains("Not possible now"), "not the shared page");
    assert!(!html.contains("<form method=\"post\" action=\"/i/"));

    app.execute(&format!(
        "UPDATE meetings SET status = 'cancelled' WHERE id = {id}"
    ));
    // An invalid reply to a closed meeting: refused, not corrected.
    let response = post_with(&ar, &arabic, &ar_csrf, &fields(&[("response", "")])).await;
    assert_eq!(response.status(), 409);
    let html = response.text().await.expect("body");
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "{html}");
    assert!(html.contains("أُلغي هذا الاجتماع"), "{html}");
    assert!(html.contains("لم يُحفظ شيء."), "{html}");
    assert!(!html.contains("response-error"), "{html}");
}

#[tokio::test]
async fn a_withdrawn_reply_link_answers_in_the_recipients_language() {
    let app = spawn_app().await;
    let id = invited_in_six(&app).await;
    let link = personal_link(&app, &address("ru"));
    let recipient = recipient_id(&app, &address("ru"));
    assert_eq!(withdraw(&app, id, recipient).await.status(), 303);
    // The browser asks for French; the link's recipient reads Russian.
    let (status, html) = get_in(&app, &link, Some("fr")).await;
    assert_eq!(status, 410);
    assert!(html.contains("<html lang=\"ru\" dir=\"ltr\">"), "{html}");
    assert!(html.contains("Эта ссылка отозвана"), "{html}");
    assert!(!html.contains("/login"), "{html}");
}

#[tokio::test]
async fn a_personal_form_without_its_token_is_refused_in_the_browsers_language() {
    let app = spawn_app().await;
    invited_in_six(&app).await;
    let reply = personal_link(&app, &address("en"));
    // The coordinator's form is a personal page too; the check comes before
    // the token is read, so any token shows it.
    let form = format!("/c/{}", "0".repeat(64));
    let visitor = Visitor::new(&app);
    visitor.get(&reply).await; // the browser has its CSRF cookie
    for (path, header, tag, dir, title) in [
        (&reply, "ru", "ru", "ltr", "Срок действия формы истёк"),
        (
            &reply,
            "ar, en;q=0.5",
            "ar",
            "rtl",
            "انتهت صلاحية هذه الاستمارة",
        ),
        (&reply, "de", "en", "ltr", "This form has expired"),
        (&form, "zh-CN", "zh", "ltr", "此表单已失效"),
    ] {
        let response = visitor
            .client
            .post(app.url(path))
            .header("Accept-Language", header)
            .form(&fields(&[("response", "remote"), ("comment", "x")]))
            .send()
            .await
            .expect("POST");
        assert_eq!(response.status(), 403, "{path} {header}");
        let html = response.text().await.expect("body");
        assert!(
            html.contains(&format!("<html lang=\"{tag}\" dir=\"{dir}\">")),
            "{header}: {html}"
        );
        assert!(html.contains(title), "{header}: {html}");
        assert!(!html.contains("/login"), "{header}: {html}");
        assert!(!html.contains("new link"), "the link still works: {html}");
        if tag != "en" {
            assert!(!html.contains("Form expired"), "{html}");
        }
    }
}
