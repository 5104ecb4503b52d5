//! The six languages through the real path: a coordinator or an invitee
//! whose contact language is Arabic, Chinese, English, French, Russian or
//! Spanish gets the consultation email, the invitation, its update and its
//! cancellation in that language, from the outbox through SMTP.

use convene::config::RawSettings;

use crate::calendar::Calendar;
use crate::fixtures::{
    REMOTE_LINK, add_state_contact, approved_meeting, consulted_in_six_languages, send_invitations,
};
use crate::helpers::{TestApp, spawn_app_with};
use crate::outbox::fast_mail;
use crate::smtp::{Received, SmtpServer};

/// Per language: its tag, a phrase its consultation subject carries, one
/// its invitation subject carries, and how a cancelled meeting is marked in
/// the calendar.
const LANGUAGES: [(&str, &str, &str, &str); 6] = [
    (
        "ar",
        "مشاورات بشأن موعد الاجتماع",
        "دعوة إلى الاجتماع",
        "أُلغي: ",
    ),
    (
        "en",
        "Consultation on the timing of",
        "Invitation: ",
        "Cancelled: ",
    ),
    (
        "es",
        "Consulta sobre las fechas",
        "Invitación a la reunión",
        "Cancelada: ",
    ),
    (
        "fr",
        "Consultation sur la date",
        "Invitation à la réunion",
        "Annulée : ",
    ),
    (
        "ru",
        "Консультации о сроках совещания",
        "Приглашение на совещание",
        "Отменено: ",
    ),
    ("zh", "会期的磋商", "会议邀请", "已取消："),
];

/// Words of the English emails that must not appear in another language's.
const ENGLISH: [&str; 14] = [
    "Dear ",
    "Purpose",
    "Organiser",
    "Deadline for replies",
    "Start",
    "Venue",
    "Join online",
    "This link is personal",
    "With best regards",
    "With thanks",
    "Reply to the invitation",
    "Open your group",
    "that is",
    "The attached calendar file",
];

async fn sending_to(smtp: &SmtpServer) -> TestApp {
    let url = smtp.url();
    let app = spawn_app_with(|raw: &mut RawSettings| fast_mail(raw, Some(url))).await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    app
}

fn language_of(message: &Received) -> &'static str {
    let to = &message.to[0];
    let tag = to.split('@').next().unwrap_or("");
    LANGUAGES
        .iter()
        .map(|(tag, ..)| *tag)
        .find(|t| tag.ends_with(t))
        .unwrap_or_else(|| panic!("a test address names its language: {to}"))
}

/// The checks every message passes whatever its kind.
fn check_language(message: &Received, tag: &str) {
    let dir = if tag == "ar" { "rtl" } else { "ltr" };
    assert!(
        message
            .html
            .contains(&format!("<html lang=\"{tag}\" dir=\"{dir}\">")),
        "{tag}: {}",
        message.html
    );
    assert!(message.html.contains(&format!("<body dir=\"{dir}\"")));
    if tag != "en" {
        for body in [&message.subject, &message.text, &message.html] {
            for word in ENGLISH {
                assert!(!body.contains(word), "{tag}: {word:?} in\n{body}");
            }
        }
    }
    for mark in ['\u{2068}', '\u{2069}'] {
        assert!(
            !message.subject.contains(mark),
            "{tag}: {:?}",
            message.subject
        );
    }
}

#[tokio::test]
async fn each_coordinator_is_consulted_in_their_language() {
    let smtp = SmtpServer::start();
    let app = sending_to(&smtp).await;
    consulted_in_six_languages(&app).await;
    let received = smtp.wait_for(6).await;
    let mut seen = Vec::new();
    for message in &received {
        let tag = language_of(message);
        let (_, subject, ..) = LANGUAGES.iter().find(|l| l.0 == tag).expect("known");
        assert!(
            message.subject.contains(subject),
            "{tag}: {}",
            message.subject
        );
        assert!(
            message
                .subject
                .contains("Informal consultation on broadcasting"),
            "{tag}: the title"
        );
        check_language(message, tag);
        assert!(message.text.contains("/c/"), "{tag}: the personal link");
        assert!(message.text.contains("Europe/Zurich") && message.text.contains("UTC"));
        seen.push(tag);
    }
    seen.sort();
    assert_eq!(seen, ["ar", "en", "es", "fr", "ru", "zh"]);
}

#[tokio::test]
async fn each_invitee_is_invited_updated_and_told_of_the_cancellation_in_their_language() {
    let smtp = SmtpServer::start();
    let app = sending_to(&smtp).await;
    for (iso2, tag) in [
        ("EG", "ar"),
        ("JP", "en"),
        ("BR", "es"),
        ("CH", "fr"),
        ("RU", "ru"),
        ("CN", "zh"),
    ] {
        add_state_contact(
            &app,
            iso2,
            "",
            &format!("mission-{tag}@mission.example"),
            tag,
        );
    }
    let id = approved_meeting(&app).await;
    assert_eq!(send_invitations(&app, id).await.status(), 303);
    let title = "Informal consultation on broadcasting";
    for message in &smtp.wait_for(6).await {
        let tag = language_of(message);
        let (_, _, subject, _) = LANGUAGES.iter().find(|l| l.0 == tag).expect("known");
        assert!(
            message.subject.contains(subject),
            "{tag}: {}",
            message.subject
        );
        check_language(message, tag);
        let calendar = Calendar::of_message(&message.raw);
        assert_eq!(calendar.method, "REQUEST");
        assert_eq!(calendar.value("SUMMARY"), title, "{tag}");
        assert!(calendar.value("DESCRIPTION").contains("/i/"), "{tag}");
    }

    let response = app
        .post_form(
            &format!("/meetings/{id}/change"),
            &format!("/meetings/{id}/change"),
            &[
                ("first_day", "2099-03-02"),
                ("starts_at", "10:00"),
                ("last_day", "2099-03-03"),
                ("ends_at", "17:30"),
                ("modality", "hybrid"),
                ("venue", "WIPO, Salle B"),
                ("link", REMOTE_LINK),
                ("note", "Salle B"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let received = smtp.wait_for(12).await;
    for message in &received[6..] {
        let tag = language_of(message);
        check_language(message, tag);
        assert!(message.text.contains("Salle B"), "{tag}: the change's note");
        assert!(message.text.contains("2099"), "{tag}: the new dates");
        assert_eq!(Calendar::of_message(&message.raw).value("SEQUENCE"), "1");
    }

    let response = app
        .post_form(
            &format!("/meetings/{id}/cancel"),
            &format!("/meetings/{id}/cancel"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let received = smtp.wait_for(18).await;
    for message in &received[12..] {
        let tag = language_of(message);
        check_language(message, tag);
        assert!(!message.text.contains("/i/"), "{tag}: no reply link");
        let calendar = Calendar::of_message(&message.raw);
        assert_eq!(calendar.method, "CANCEL");
        let (_, _, _, cancelled) = LANGUAGES.iter().find(|l| l.0 == tag).expect("known");
        assert_eq!(
            calendar.value("SUMMARY"),
            format!("{cancelled}{title}"),
            "{tag}: the calendar says it is cancelled, in the language"
        );
    }
}
