//! A personal link that opens nothing answers in its reader's language: the
//! contact's when the token is known, the browser's when it is not; it tells
//! the person to contact the secretariat (by its Reply-To address when one
//! is configured) and never points at the secretariat's login.

use convene::db::schema::coordinator_links;
use diesel::prelude::*;

use crate::fixtures::{opened_meeting, sql_instant, token_for, wait_for_tokens};
use crate::helpers::{TestApp, spawn_app, spawn_app_with};

const UNKNOWN: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// GETs `path` in a browser of its own asking for `accept_language`.
pub async fn get_in(app: &TestApp, path: &str, accept_language: Option<&str>) -> (u16, String) {
    let client = app.second_browser().0;
    let mut request = client.get(app.url(path));
    if let Some(header) = accept_language {
        request = request.header("Accept-Language", header);
    }
    let response = request.send().await.expect("GET");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

fn assert_never_points_to_the_login(html: &str) {
    assert!(!html.contains("/login"), "{html}");
    assert!(!html.contains("href=\"/\""), "{html}");
}

#[tokio::test]
async fn an_unknown_link_answers_in_the_language_the_browser_asks_for() {
    let app = spawn_app().await;
    for prefix in ["c", "i"] {
        let path = format!("/{prefix}/{UNKNOWN}");
        for (header, tag, dir, title) in [
            (
                Some("de-CH, fr;q=0.9"),
                "fr",
                "ltr",
                "Ce lien ne fonctionne pas",
            ),
            (Some("ar"), "ar", "rtl", "هذا الرابط لا يعمل"),
            (Some("zh-CN,zh;q=0.9"), "zh", "ltr", "此链接无效"),
            (Some("ru"), "ru", "ltr", "Эта ссылка не работает"),
            (Some("es-419"), "es", "ltr", "Este enlace no funciona"),
            (None, "en", "ltr", "This link does not work"),
        ] {
            let (status, html) = get_in(&app, &path, header).await;
            assert_eq!(status, 404, "{path} {header:?}");
            assert!(
                html.contains(&format!("<html lang=\"{tag}\" dir=\"{dir}\">")),
                "{path} {header:?}: {html}"
            );
            assert!(html.contains(title), "{path} {header:?}: {html}");
            assert_never_points_to_the_login(&html);
            if tag != "en" {
                for english in ["This link", "secretariat", "Skip to main content"] {
                    assert!(!html.contains(english), "{tag}: {english} in {html}");
                }
            }
        }
    }
}

#[tokio::test]
async fn a_withdrawn_or_expired_coordinator_link_answers_in_the_contacts_language() {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    let (id, _, _) = opened_meeting(&app).await;
    // Alpha's coordinator reads French; the browser asks for Russian.
    let token = token_for(&app, "alpha@mission.example").await;
    let link_id: i64 = coordinator_links::table
        .filter(coordinator_links::email.eq("alpha@mission.example"))
        .select(coordinator_links::id)
        .first(&mut *app.conn())
        .expect("link");
    let reissued = app
        .post_form(
            &format!("/meetings/{id}"),
            &format!("/meetings/{id}/links/{link_id}/reissue"),
            &[],
        )
        .await;
    assert_eq!(reissued.status(), 303);
    let (status, html) = get_in(&app, &format!("/c/{token}"), Some("ru")).await;
    assert_eq!(status, 410);
    assert!(html.contains("<html lang=\"fr\" dir=\"ltr\">"), "{html}");
    assert!(html.contains("Ce lien a été retiré"), "{html}");
    assert!(html.contains("secrétariat"), "{html}");
    assert_never_points_to_the_login(&html);

    app.execute(&format!(
        "UPDATE coordinator_links SET expires_at = {}",
        sql_instant(&app, -1)
    ));
    let fresh = wait_for_tokens(&app, "alpha@mission.example", 2).await[1].clone();
    let (status, html) = get_in(&app, &format!("/c/{fresh}"), Some("ru")).await;
    assert_eq!(status, 410);
    assert!(html.contains("Ce lien a expiré"), "{html}");
}

#[tokio::test]
async fn the_page_gives_the_secretariats_reply_to_address_when_configured() {
    let app = spawn_app_with(|raw| {
        raw.reply_to = Some("WIPO Secretariat <meetings@wipo.int>".into());
    })
    .await;
    let (_, html) = get_in(&app, &format!("/i/{UNKNOWN}"), Some("es")).await;
    assert!(
        html.contains("<a href=\"mailto:meetings@wipo.int\" dir=\"ltr\">meetings@wipo.int</a>"),
        "{html}"
    );
    assert!(html.contains("Secretaría"), "{html}");

    let plain = spawn_app().await;
    let (_, html) = get_in(&plain, &format!("/i/{UNKNOWN}"), Some("es")).await;
    assert!(!html.contains("mailto:"), "{html}");
    assert!(html.contains("respondiendo al correo"), "{html}");
}
