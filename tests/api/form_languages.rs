//! The coordinator's form in the six languages: the contact's language
//! decides the page's `lang`, `dir`, words, dates and error messages; the
//! meeting's texts without a translation are marked as English.

use crate::fixtures::{Visitor, consulted_in_six_languages, wait_for_tokens};
use crate::helpers::{TestApp, spawn_app};

/// Words of the English form that must not appear on another language's.
const ENGLISH: [&str; 22] = [
    "Skip to main content",
    "Availability of the",
    "The answer was not saved",
    "Possible dates",
    "Sessions</dt>",
    "Answer by",
    "Your group's answer",
    "not given yet",
    "Only the secretariat sees",
    "Every day at once",
    "One week:",
    "Week of",
    "<legend>Days</legend>",
    "Durations your group can accept",
    "Preferred duration",
    "No preference",
    "Preferred modality",
    "Comment for the secretariat",
    "Save the answer",
    ">Available<",
    ">Unavailable<",
    "If need be",
];

/// The switcher of a personal page: each of the six languages offered by
/// its own name as a plain link, `current` marked as the one shown.
pub fn assert_switcher(html: &str, current: &str) {
    for (tag, name) in [
        ("ar", "العربية"),
        ("en", "English"),
        ("es", "Español"),
        ("fr", "Français"),
        ("ru", "Русский"),
        ("zh", "中文"),
    ] {
        let mark = if tag == current {
            " aria-current=true"
        } else {
            ""
        };
        let link = format!("<a href=\"?lang={tag}\" lang={tag} hreflang={tag}{mark}>{name}</a>");
        assert!(html.contains(&link), "{link} in the switcher");
    }
}

async fn consulted_in_six(app: &TestApp) -> i64 {
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    consulted_in_six_languages(app).await
}

#[tokio::test]
async fn each_coordinator_reads_the_form_in_their_contacts_language() {
    let app = spawn_app().await;
    consulted_in_six(&app).await;
    for (tag, save, weekday) in [
        ("ar", "حفظ الرد", "الاثنين"),
        ("en", "Save the answer", "Mon "),
        ("es", "Guardar la respuesta", "lun"),
        ("fr", "Enregistrer la réponse", "lun."),
        ("ru", "Сохранить ответ", "пн"),
        ("zh", "保存答复", "周一"),
    ] {
        let token = wait_for_tokens(&app, &format!("coordinator-{tag}@mission.example"), 1)
            .await
            .remove(0);
        let html = Visitor::new(&app).html(&format!("/c/{token}")).await;
        let root = if tag == "ar" {
            "<html lang=\"ar\" dir=\"rtl\">".to_owned()
        } else {
            format!("<html lang=\"{tag}\">")
        };
        assert!(
            html.contains(&root),
            "{tag}: {}",
            &html[..200.min(html.len())]
        );
        assert!(html.contains(save), "{tag}: the save button");
        assert!(html.contains(weekday), "{tag}: weekday names");
        if tag == "en" {
            assert!(
                !html.contains("class=\"fallback\""),
                "English marks nothing"
            );
        } else {
            for english in ENGLISH {
                assert!(!html.contains(english), "{tag}: {english:?} on the page");
            }
            // No translation was given: the title is the English one, in
            // its own language and marked.
            assert!(
                html.contains(
                    "<span lang=\"en\" dir=\"ltr\">Informal consultation on broadcasting</span> <small class=\"fallback\">"
                ),
                "{tag}: the title's fallback"
            );
        }
    }
}

#[tokio::test]
async fn a_french_coordinators_mistakes_are_told_in_french() {
    let app = spawn_app().await;
    consulted_in_six(&app).await;
    let token = wait_for_tokens(&app, "coordinator-fr@mission.example", 1)
        .await
        .remove(0);
    let path = format!("/c/{token}");
    let response = Visitor::new(&app)
        .submit(&path, &[("comment".to_owned(), "rien".to_owned())])
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(
        html.contains("La réponse n&#39;a pas été enregistrée."),
        "{html}"
    );
    assert!(html.contains("encore sans réponse"), "{html}");
    assert!(html.contains("Cochez au moins une durée"), "{html}");
    assert!(!html.contains("still without an answer"), "{html}");
    assert!(html.contains("rien"), "what was typed is kept");
}

#[tokio::test]
async fn the_switcher_shows_another_language_and_keeps_it_through_a_save() {
    let app = spawn_app().await;
    consulted_in_six(&app).await;
    let token = wait_for_tokens(&app, "coordinator-fr@mission.example", 1)
        .await
        .remove(0);
    let path = format!("/c/{token}");
    let visitor = Visitor::new(&app);
    let french = visitor.html(&path).await;
    assert_switcher(&french, "fr");
    let arabic_path = format!("{path}?lang=ar");
    let arabic = visitor.html(&arabic_path).await;
    assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(arabic.contains("<input type=\"hidden\" name=\"lang\" value=\"ar\">"));
    // Reading another language changes nothing stored: the French page
    // is French again without the query.
    assert!(visitor.html(&path).await.contains("<html lang=\"fr\">"));

    let mut answer = crate::fixtures::full_answer(&arabic, "yes");
    answer.push(("lang".into(), "ar".into()));
    let saved = visitor.submit(&arabic_path, &answer).await;
    assert_eq!(saved.status(), 303);
    let location = crate::helpers::location(&saved);
    assert_eq!(location, format!("{path}?saved=1&lang=ar"));
    let confirmation = visitor.html(&location).await;
    assert!(confirmation.contains("<html lang=\"ar\" dir=\"rtl\">"));
}
