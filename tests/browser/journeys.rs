//! End to end in headless Chromium: the journeys of the secretariat, a
//! coordinator and an invitee through the real pages. The runner (main.rs)
//! starts them only where a browser is installed.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

use crate::helpers::{PASSWORD, spawn_app};

/// The programs, found as `CONVENE_CHROMIUM` / `CONVENE_CHROMEDRIVER` say,
/// or else by these names on `PATH` (Debian: `chromium`, `chromedriver`;
/// elsewhere the others).
const CHROMIUM: (&str, &[&str]) = (
    "CONVENE_CHROMIUM",
    &["chromium", "chromium-browser", "google-chrome", "chrome"],
);
const CHROMEDRIVER: (&str, &[&str]) = ("CONVENE_CHROMEDRIVER", &["chromedriver"]);

fn find((variable, names): (&str, &[&str])) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(variable) {
        return Some(PathBuf::from(path)).filter(|p| p.is_file());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

pub struct Driver {
    process: Child,
    pub client: Client,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// Why the journeys cannot run on this machine, if they cannot.
pub fn missing() -> Option<String> {
    [(CHROMIUM, "chromium"), (CHROMEDRIVER, "chromedriver")]
        .into_iter()
        .find(|(program, _)| find(*program).is_none())
        .map(|((variable, _), name)| format!("{name} not found on PATH or in {variable}"))
}

/// Starts chromedriver and a headless browser (the runner has checked that
/// both are installed).
pub async fn browser() -> Driver {
    let chromium = find(CHROMIUM).expect("chromium, checked by the runner");
    let chromedriver = find(CHROMEDRIVER).expect("chromedriver, checked by the runner");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let process = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let profile = tempfile::tempdir().expect("profile dir").keep();
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={}", profile.display()),
            ]
        }),
    );
    let url = format!("http://127.0.0.1:{port}");
    let mut last_error = None;
    for _ in 0..50 {
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(client) => return Driver { process, client },
            Err(error) => {
                last_error = Some(error);
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
    panic!("chromedriver did not accept a session: {last_error:?}");
}

/// Saves a screenshot when `CONVENE_SCREENSHOTS` names a folder, for looking
/// at pages by eye; does nothing otherwise.
pub async fn snap(client: &Client, name: &str) {
    if let Some(dir) = std::env::var_os("CONVENE_SCREENSHOTS") {
        let png = client.screenshot().await.expect("screenshot");
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.png")), png)
            .expect("write screenshot");
    }
}

/// Logs `email` in through the login form and waits for the dashboard.
async fn log_in(c: &Client, app: &crate::helpers::TestApp, email: &str) {
    c.goto(&app.url("/login")).await.expect("login page");
    c.find(Locator::Css("#email"))
        .await
        .expect("email")
        .send_keys(email)
        .await
        .expect("type");
    c.find(Locator::Css("#password"))
        .await
        .expect("password")
        .send_keys(PASSWORD)
        .await
        .expect("type");
    c.find(Locator::Css("button[type=submit]"))
        .await
        .expect("button")
        .click()
        .await
        .expect("log in");
    c.wait()
        .for_element(Locator::Css("#meetings-heading"))
        .await
        .expect("dashboard");
}

pub async fn a_member_logs_in_through_the_form_in_a_real_browser() {
    let driver = browser().await;
    let app = spawn_app().await;
    app.add_user("ann@wipo.int", "Ann Example");
    let c = &driver.client;

    c.goto(&app.url("/")).await.expect("open home");
    let url = c.current_url().await.expect("url");
    assert_eq!(
        url.path(),
        "/login",
        "logged-out visitors land on the login page"
    );

    c.find(Locator::Css("#email"))
        .await
        .expect("email field")
        .send_keys("ann@wipo.int")
        .await
        .expect("type");
    c.find(Locator::Css("#password"))
        .await
        .expect("password field")
        .send_keys(PASSWORD)
        .await
        .expect("type");
    c.find(Locator::Css("button[type=submit]"))
        .await
        .expect("button")
        .click()
        .await
        .expect("submit");

    // Wait for the dashboard itself: the login page has a heading too, which
    // goes stale when the browser moves on.
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#meetings-heading"))
        .await
        .expect("the dashboard");
    let heading = c.find(Locator::Css("h1")).await.expect("a heading");
    assert_eq!(heading.text().await.expect("text"), "Meetings");
    assert_eq!(c.current_url().await.expect("url").path(), "/");
    let body = c
        .find(Locator::Css("body"))
        .await
        .expect("body")
        .text()
        .await
        .expect("text");
    assert!(body.contains("Ann Example"), "{body}");

    c.find(Locator::Css("nav button[type=submit]"))
        .await
        .expect("logout")
        .click()
        .await
        .expect("log out");
    c.wait()
        .for_url(&reqwest::Url::parse(&app.url("/login")).expect("url"))
        .await
        .expect("back at login");
    driver.client.clone().close().await.expect("close browser");
}

pub async fn a_coordinator_fills_in_the_grid_and_saves_in_a_real_browser() {
    let driver = browser().await;
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam");
    app.login_as("sec@wipo.int").await;
    let (id, _, _) = crate::fixtures::opened_meeting(&app).await;
    let token = crate::fixtures::token_for(&app, "alpha@mission.example").await;
    let c = &driver.client;

    c.goto(&app.url(&format!("/c/{token}")))
        .await
        .expect("open the link");
    c.find(Locator::Css("button[value='all:y']"))
        .await
        .expect("quick fill")
        .click()
        .await
        .expect("fill every day");
    c.wait()
        .for_element(Locator::Css("#notice"))
        .await
        .expect("filled notice");
    // Every radio is named by its own label and grouped under its day's
    // legend; the symbol before the word is drawn with empty alternative
    // text, so the name is the word alone.
    let names = c
        .execute(
            "const radios = Array.from(document.querySelectorAll('.units input[type=radio]'));\
             return { radios: radios.length,\
               unnamed: radios.filter(r => r.labels.length !== 1 || !r.labels[0].textContent.trim()).length,\
               ungrouped: radios.filter(r => !r.closest('fieldset').querySelector(':scope > legend')).length,\
               first: radios[2].labels[0].textContent + ' / ' + radios[2].closest('fieldset').querySelector('legend').textContent,\
               symbol: getComputedStyle(radios[2].labels[0], '::before').content };",
            vec![],
        )
        .await
        .expect("script runs");
    assert_eq!(
        names["radios"], 30,
        "three choices for each of ten days: {names}"
    );
    assert_eq!(names["unnamed"], 0, "{names}");
    assert_eq!(names["ungrouped"], 0, "{names}");
    // Group Alpha's coordinator reads French (see `opened_meeting`).
    let first = names["first"].as_str().unwrap_or_default();
    assert!(first.starts_with("Non / lun. "), "{names}");
    assert!(
        names["symbol"].as_str().unwrap_or_default().contains('✗'),
        "a symbol, not colour alone: {names}"
    );
    // Keyboard-reachable radios: mark the first day unavailable.
    let first_no = c
        .find(Locator::Css(".units input[value='n']"))
        .await
        .expect("a radio");
    first_no.click().await.expect("choose unavailable");
    // Every duration starts ticked; this group accepts only 2 days.
    c.find(Locator::Css("input[name='accepted'][value='1']"))
        .await
        .expect("duration")
        .click()
        .await
        .expect("untick 1 day");
    snap(c, "coordinator-form").await;
    // The page after saving, not the "filled in" page before it.
    let notice = save_and_confirm(c, &app.url(&format!("/c/{token}?saved=1"))).await;
    assert!(notice.contains("(version 1)"), "{notice}");

    use convene::db::schema::answers;
    use diesel::prelude::*;
    let (units, accepted): (String, String) = answers::table
        .select((answers::units, answers::accepted_durations))
        .first(&mut *app.conn())
        .expect("saved answer");
    assert_eq!(units.matches("\"no\"").count(), 1, "{units}");
    assert_eq!(units.matches("\"yes\"").count(), 9, "{units}");
    assert_eq!(accepted, "[2]");
    snap(c, "coordinator-saved").await;
    c.goto(&app.url(&format!("/meetings/{id}")))
        .await
        .expect("meeting page");
    snap(c, "meeting-page-logged-out").await;
    driver.client.clone().close().await.expect("close browser");
}

/// What every Arabic page must show in a real browser: `lang="ar"` and
/// `dir="rtl"` on the root and a right-to-left body, the checks of
/// [`accessible`], and no sideways scrolling on a desktop (1280 px) or a
/// phone (390 px), with a screenshot of the whole page at each width
/// (`{name}-1280`, `{name}-390`) for looking by eye. Leaves the window at
/// the phone's width.
async fn right_to_left(c: &Client, name: &str) {
    c.set_window_size(1280, 900).await.expect("resize");
    let page = c
        .execute(
            "return { dir: document.documentElement.dir, lang: document.documentElement.lang,\
               computed: getComputedStyle(document.body).direction };",
            vec![],
        )
        .await
        .expect("script runs");
    assert_eq!(page["dir"], "rtl", "{page}");
    assert_eq!(page["lang"], "ar", "{page}");
    assert_eq!(page["computed"], "rtl", "{page}");
    accessible(c).await;
    for (width, height) in [(1280, 900), (390, 844)] {
        c.set_window_size(width, height).await.expect("resize");
        // What sticks out, if anything, to say where the page overflows.
        let overflow = c
            .execute(
                "return { by: document.documentElement.scrollWidth - document.documentElement.clientWidth,\
                   culprits: Array.from(document.querySelectorAll('body *'))\
                     .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < -1 || r.right > document.documentElement.clientWidth + 1); })\
                     .slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className) };",
                vec![],
            )
            .await
            .expect("script runs");
        assert_eq!(
            overflow["by"], 0,
            "no sideways scrolling at {width} px: {overflow}"
        );
        // The whole page in one picture: the window as tall as the page
        // and the browser's own bars.
        let tall = c
            .execute(
                "return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight;",
                vec![],
            )
            .await
            .expect("script runs")
            .as_u64()
            .map_or(height, |h| u32::try_from(h).unwrap_or(height).clamp(height, 6000));
        c.set_window_size(width, tall).await.expect("resize");
        snap(c, &format!("{name}-{width}")).await;
        c.set_window_size(width, height).await.expect("resize");
    }
}

/// The page's own accessibility checks, run in the browser: every visible
/// form control named by a label (or `aria-label`), every fieldset by a
/// legend, ids unique, one `h1` and no heading level skipped, every link
/// and button with words, and `aria-describedby` pointing at elements that
/// exist.
async fn accessible(c: &Client) {
    let found = c
        .execute(
            "const controls = Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'));\
             const ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id);\
             const levels = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map(h => +h.tagName[1]);\
             return {\
               unnamed: controls.filter(e => !(e.labels && e.labels.length && e.labels[0].textContent.trim()) && !e.getAttribute('aria-label')).map(e => e.id || e.name),\
               fieldsets: Array.from(document.querySelectorAll('fieldset')).filter(f => !f.querySelector(':scope > legend') || !f.querySelector(':scope > legend').textContent.trim()).length,\
               duplicate_ids: ids.filter((id, i) => ids.indexOf(id) !== i),\
               h1: levels.filter(l => l === 1).length,\
               skipped: levels.filter((l, i) => i > 0 && l > levels[i - 1] + 1).length,\
               wordless: Array.from(document.querySelectorAll('a, button')).filter(e => !e.textContent.trim() && !e.getAttribute('aria-label')).length,\
               dangling: Array.from(document.querySelectorAll('[aria-describedby]')).flatMap(e => e.getAttribute('aria-describedby').split(/\\s+/)).filter(id => !document.getElementById(id)) };",
            vec![],
        )
        .await
        .expect("script runs");
    assert_eq!(found["unnamed"], serde_json::json!([]), "{found}");
    assert_eq!(found["fieldsets"], 0, "{found}");
    assert_eq!(found["duplicate_ids"], serde_json::json!([]), "{found}");
    assert_eq!(found["h1"], 1, "{found}");
    assert_eq!(found["skipped"], 0, "{found}");
    assert_eq!(found["wordless"], 0, "{found}");
    assert_eq!(found["dangling"], serde_json::json!([]), "{found}");
}

/// Presses the save button and waits for the page after saving (not the
/// page before it, which also may carry a notice); returns the notice.
async fn save_and_confirm(c: &Client, saved_url: &str) -> String {
    c.find(Locator::Css("#save"))
        .await
        .expect("save button")
        .click()
        .await
        .expect("save");
    let saved_url = reqwest::Url::parse(saved_url).expect("url");
    c.wait().for_url(&saved_url).await.expect("the saved page");
    c.wait()
        .for_element(Locator::Css("#notice"))
        .await
        .expect("confirmation")
        .text()
        .await
        .expect("text")
}

/// The same checks as the French journey's, on the Arabic form: right to
/// left, every radio named by its label and grouped under its day, then a
/// save; screenshots at a desktop and a phone width for looking by eye.
pub async fn an_arabic_coordinator_fills_in_the_grid_right_to_left_in_a_real_browser() {
    let driver = browser().await;
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam");
    app.login_as("sec@wipo.int").await;
    let group = crate::fixtures::add_group(&app, "Arab Group");
    crate::fixtures::add_coordinator(&app, group, "arab@mission.example", "ar");
    let id = crate::fixtures::create_meeting(&app, &[group]).await;
    crate::fixtures::open_consultation(&app, id).await;
    let token = crate::fixtures::token_for(&app, "arab@mission.example").await;
    let c = &driver.client;
    c.set_window_size(1280, 900).await.expect("resize");
    c.goto(&app.url(&format!("/c/{token}")))
        .await
        .expect("open the link");
    let page = c
        .execute(
            "const radios = Array.from(document.querySelectorAll('.units input[type=radio]'));\
             const units = document.querySelectorAll('.units fieldset');\
             return { radios: radios.length,\
               unnamed: radios.filter(r => r.labels.length !== 1 || !r.labels[0].textContent.trim()).length,\
               ungrouped: radios.filter(r => !r.closest('fieldset').querySelector(':scope > legend')).length,\
               monday_right_of_tuesday: units[0].getBoundingClientRect().left > units[1].getBoundingClientRect().left };",
            vec![],
        )
        .await
        .expect("script runs");
    assert_eq!(page["radios"], 30, "{page}");
    assert_eq!(page["unnamed"], 0, "{page}");
    assert_eq!(page["ungrouped"], 0, "{page}");
    assert_eq!(
        page["monday_right_of_tuesday"], true,
        "the grid reads from the right: {page}"
    );
    right_to_left(c, "coordinator-form-ar").await;
    c.find(Locator::Css("button[value='all:y']"))
        .await
        .expect("quick fill")
        .click()
        .await
        .expect("fill every day");
    c.wait()
        .for_element(Locator::Css("#notice"))
        .await
        .expect("filled notice");
    let notice = save_and_confirm(c, &app.url(&format!("/c/{token}?saved=1"))).await;
    assert!(notice.contains("شكرًا"), "{notice}");
    driver.client.clone().close().await.expect("close browser");
}

/// Per language: its tag, the member state whose mission reads it, the
/// words of the coordinator form's save button and of its confirmation,
/// then those of the reply page (`locales/<tag>/pages.ftl`).
const SIX: [(&str, &str, &str, &str, &str, &str); 6] = [
    (
        "ar",
        "EG",
        "حفظ الرد",
        "شكرًا. حُفظ رد مجموعتكم",
        "حفظ الرد",
        "شكرًا لكم: حُفظ ردكم",
    ),
    (
        "en",
        "JP",
        "Save the answer",
        "Thank you. Your group's answer was saved",
        "Save the reply",
        "Thank you: your reply is saved",
    ),
    (
        "es",
        "BR",
        "Guardar la respuesta",
        "Gracias. La respuesta de su grupo se ha guardado",
        "Guardar la respuesta",
        "Le agradecemos su respuesta",
    ),
    (
        "fr",
        "CH",
        "Enregistrer la réponse",
        "Merci. La réponse de votre groupe a été enregistrée",
        "Enregistrer la réponse",
        "Nous vous remercions : votre réponse a été enregistrée",
    ),
    (
        "ru",
        "RU",
        "Сохранить ответ",
        "Спасибо. Ответ вашей группы сохранён",
        "Сохранить ответ",
        "Благодарим Вас: Ваш ответ сохранён",
    ),
    (
        "zh",
        "CN",
        "保存答复",
        "谢谢。贵组的答复已保存",
        "保存答复",
        "谨此致谢：您的答复已保存",
    ),
];

/// The first message the SMTP server received for `to`, waiting for it.
async fn mailed_to(smtp: &crate::smtp::SmtpServer, to: &str) -> crate::smtp::Received {
    for _ in 0..600 {
        if let Some(message) = smtp.messages().into_iter().find(|m| m.to == [to]) {
            return message;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("nothing was sent to {to}");
}

/// Checks that the personal page shown is in `tag`: its `lang`, its
/// direction, its save button's words, and the in-browser accessibility
/// checks.
async fn in_language(c: &Client, tag: &str, save: &str) {
    let page = c
        .execute(
            "return { lang: document.documentElement.lang,\
               direction: getComputedStyle(document.body).direction,\
               save: document.querySelector('#save').textContent.trim() };",
            vec![],
        )
        .await
        .expect("script runs");
    let direction = if tag == "ar" { "rtl" } else { "ltr" };
    assert_eq!(page["lang"], tag, "{page}");
    assert_eq!(page["direction"], direction, "{tag}: {page}");
    assert_eq!(page["save"], save, "{tag}: {page}");
    accessible(c).await;
}

/// The whole journey in each language through the real path: six groups'
/// coordinators, each reading another of the six, get the consultation
/// email over SMTP, open its link in Chromium, fill in the grid and save;
/// then six missions' contacts get their invitations the same way, open the
/// reply page and reply. Every page, button and confirmation is in the
/// contact's language.
pub async fn a_coordinator_and_an_invitee_in_each_of_the_six_languages_in_a_real_browser() {
    let driver = browser().await;
    let smtp = crate::smtp::SmtpServer::start();
    let smtp_url = smtp.url();
    let app = crate::helpers::spawn_app_with(|raw| {
        raw.smtp_url = Some(smtp_url);
        raw.outbox_poll_ms = Some("50".into());
    })
    .await;
    app.add_user("sec@wipo.int", "Sam");
    app.login_as("sec@wipo.int").await;
    crate::fixtures::consulted_in_six_languages(&app).await;
    let c = &driver.client;
    c.set_window_size(1280, 900).await.expect("resize");
    for (tag, _, save, thanks, ..) in SIX {
        let to = format!("coordinator-{tag}@mission.example");
        let path = mailed_to(&smtp, &to).await.link_path("/c/");
        c.goto(&app.url(&path)).await.expect("open the link");
        in_language(c, tag, save).await;
        c.find(Locator::Css("button[value='all:y']"))
            .await
            .expect("quick fill")
            .click()
            .await
            .expect("fill every day");
        c.wait()
            .for_element(Locator::Css("#notice"))
            .await
            .expect("filled");
        let notice = save_and_confirm(c, &app.url(&format!("{path}?saved=1"))).await;
        assert!(notice.starts_with(thanks), "{tag}: {notice}");
    }

    for (tag, iso2, ..) in SIX {
        let email = format!("mission-{tag}@mission.example");
        crate::fixtures::add_state_contact(&app, iso2, "", &email, tag);
    }
    let id = crate::fixtures::approved_meeting(&app).await;
    assert_eq!(
        crate::fixtures::send_invitations(&app, id).await.status(),
        303
    );
    for (tag, _, _, _, save, thanks) in SIX {
        let to = format!("mission-{tag}@mission.example");
        let path = mailed_to(&smtp, &to).await.link_path("/i/");
        c.goto(&app.url(&path)).await.expect("open the link");
        in_language(c, tag, save).await;
        c.find(Locator::Css("input[name=response]"))
            .await
            .expect("a response")
            .click()
            .await
            .expect("choose");
        let notice = save_and_confirm(c, &app.url(&format!("{path}?saved=1"))).await;
        assert!(notice.starts_with(thanks), "{tag}: {notice}");
    }
    driver.client.clone().close().await.expect("close browser");
}

/// An Egyptian delegation's contact reads Arabic: the reply page right to
/// left (its facts and delegation rows mirrored), the same checks as the
/// Arabic form's, then a reply saved and confirmed in Arabic.
pub async fn an_arabic_invitee_replies_right_to_left_in_a_real_browser() {
    let driver = browser().await;
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam");
    app.login_as("sec@wipo.int").await;
    crate::fixtures::add_state_contact(&app, "EG", "", "eg@mission.example", "ar");
    let id = crate::fixtures::approved_meeting(&app).await;
    assert_eq!(
        crate::fixtures::send_invitations(&app, id).await.status(),
        303
    );
    crate::fixtures::wait_all_sent(&app, id).await;
    let token = crate::fixtures::mailed_reply_tokens(&app, "eg@mission.example")
        .pop()
        .expect("the invitation's link");
    let c = &driver.client;
    c.set_window_size(1280, 900).await.expect("resize");
    c.goto(&app.url(&format!("/i/{token}")))
        .await
        .expect("open the link");
    let page = c
        .execute(
            "const dt = document.querySelector('dl.facts dt'), dd = document.querySelector('dl.facts dd');\
             const name = document.querySelector('#d-name-0'), fn = document.querySelector('#d-function-0');\
             return { lead: document.querySelector('.lead').textContent,\
               save: document.querySelector('#save').textContent,\
               label: name.labels[0].textContent,\
               choices: Array.from(document.querySelectorAll('input[name=response]')).map(r => r.labels[0].textContent.trim()),\
               term_right_of_value: dt.getBoundingClientRect().left > dd.getBoundingClientRect().left,\
               name_right_of_function: name.getBoundingClientRect().left > fn.getBoundingClientRect().left };",
            vec![],
        )
        .await
        .expect("script runs");
    assert!(
        page["lead"].as_str().unwrap_or_default().contains("مصر"),
        "the country in Arabic: {page}"
    );
    assert_eq!(page["save"], "حفظ الرد", "{page}");
    assert_eq!(
        page["label"], "الاسم لعضو الوفد رقم \u{2068}1\u{2069}",
        "the row named in Arabic for screen readers: {page}"
    );
    assert_eq!(
        page["choices"],
        serde_json::json!(["المشاركة حضوريًا", "المشاركة عن بُعد", "عدم المشاركة"]),
        "{page}"
    );
    assert_eq!(
        page["term_right_of_value"], true,
        "the facts read from the right: {page}"
    );
    assert_eq!(
        page["name_right_of_function"], true,
        "a delegate's name before their function, from the right: {page}"
    );
    right_to_left(c, "invitee-reply-ar").await;
    c.find(Locator::Css("#response-remote"))
        .await
        .expect("remote")
        .click()
        .await
        .expect("choose");
    c.find(Locator::Css("#d-name-0"))
        .await
        .expect("first delegate")
        .send_keys("ليلى حسن")
        .await
        .expect("type");
    c.find(Locator::Css("#d-function-0"))
        .await
        .expect("function")
        .send_keys("سفيرة")
        .await
        .expect("type");
    let notice = save_and_confirm(c, &app.url(&format!("/i/{token}?saved=1"))).await;
    assert!(
        notice.contains("شكرًا لكم") && notice.contains("مصر"),
        "{notice}"
    );
    let saved = text_of(c, "#saved-reply").await;
    assert!(
        saved.contains("ليلى حسن") && saved.contains("المشاركة عن بُعد"),
        "{saved}"
    );
    accessible(c).await;
    snap(c, "invitee-replied-ar-390").await;
    driver.client.clone().close().await.expect("close browser");
}

pub async fn the_secretariat_reads_the_heat_map_and_approves_a_slot_in_a_real_browser() {
    let driver = browser().await;
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    let id = crate::fixtures::answered_and_closed(&app, true).await;
    let c = &driver.client;

    log_in(c, &app, "sec@wipo.int").await;

    c.goto(&app.url(&format!("/meetings/{id}/proposals")))
        .await
        .expect("proposals");
    let rows = c
        .find_all(Locator::Css("table.heat tbody tr"))
        .await
        .expect("heat map rows");
    assert_eq!(rows.len(), 2, "one row per consulted group");
    let no_cells = c.find_all(Locator::Css("td.no")).await.expect("cells");
    assert_eq!(no_cells.len(), 1, "Alpha's one unavailable day");
    let cell = no_cells[0].text().await.expect("text");
    assert_eq!(cell, "unavailable", "words for screen readers");
    // The symbol is drawn by the stylesheet; the group and the day are the
    // cell's row and column headers, announced with it.
    let seen = c
        .execute(
            "const td = document.querySelector('td.no');\
             const column = Array.from(td.parentNode.children).indexOf(td);\
             return { symbol: getComputedStyle(td, '::before').content,\
               width: td.getBoundingClientRect().width,\
               row: td.parentNode.querySelector('th[scope=row]').textContent,\
               column: document.querySelectorAll('table.heat thead tr')[1].children[column].textContent };",
            vec![],
        )
        .await
        .expect("script runs");
    assert!(
        seen["symbol"].as_str().unwrap_or_default().contains('✗'),
        "a symbol, not colour alone: {seen}"
    );
    assert!(
        seen["width"].as_f64().unwrap_or(99.0) < 40.0,
        "the hidden word does not widen the column: {seen}"
    );
    assert_eq!(seen["row"], "Group Alpha", "{seen}");
    assert!(
        seen["column"].as_str().unwrap_or_default().len() > 3,
        "a day in words: {seen}"
    );
    snap(c, "proposals").await;
    // The page never scrolls sideways, on a laptop or a phone: the heat map
    // scrolls inside its own box.
    for (width, height) in [(1280, 900), (390, 844)] {
        c.set_window_size(width, height).await.expect("resize");
        let fits = c
            .execute(
                "return document.documentElement.scrollWidth <= window.innerWidth;",
                vec![],
            )
            .await
            .expect("script runs");
        // What sticks out, outside the boxes that scroll on their own.
        let culprits = c
            .execute(
                "return Array.from(document.querySelectorAll('body *')).filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 12).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + (e.textContent || '').slice(0, 40));",
                vec![],
            )
            .await
            .expect("script runs");
        assert_eq!(
            fits,
            serde_json::json!(true),
            "sideways scroll at {width} px: {culprits}"
        );
    }
    c.set_window_size(1280, 900).await.expect("resize");

    let tally = text_of(c, "#modality-tally").await;
    assert!(
        tally.contains("In person"),
        "the groups' preferences: {tally}"
    );

    c.find(Locator::Css("li.proposal button[type=submit]"))
        .await
        .expect("choose button")
        .click()
        .await
        .expect("choose");
    c.wait()
        .for_element(Locator::Css("#decision-heading"))
        .await
        .expect("the decision page");
    // Approving without the venue and link a hybrid meeting needs says so.
    c.find(Locator::Css("input[name=modality][value=hybrid]"))
        .await
        .expect("hybrid")
        .click()
        .await
        .expect("choose hybrid");
    c.find(Locator::Css("#approve"))
        .await
        .expect("approve button")
        .click()
        .await
        .expect("approve");
    c.wait()
        .for_element(Locator::Css("#venue-error"))
        .await
        .expect("the venue is asked for");
    assert!(text_of(c, "#link-error").await.contains("link"));
    c.find(Locator::Css("#venue"))
        .await
        .expect("venue")
        .send_keys("WIPO headquarters, Room B")
        .await
        .expect("type");
    c.find(Locator::Css("#link"))
        .await
        .expect("link")
        .send_keys("https://meet.example.org/wipo-b")
        .await
        .expect("type");
    snap(c, "approve-decision").await;
    c.find(Locator::Css("#approve"))
        .await
        .expect("approve button")
        .click()
        .await
        .expect("approve");
    let approved = c
        .wait()
        .for_element(Locator::Css("#approved-slot"))
        .await
        .expect("approved slot on the meeting page");
    let approved = approved.text().await.expect("text");
    assert!(approved.contains("Approved"), "{approved}");
    assert!(
        approved.contains("Hybrid") && approved.contains("WIPO headquarters, Room B"),
        "the decision is shown with the slot: {approved}"
    );
    snap(c, "meeting-approved").await;
    driver.client.clone().close().await.expect("close browser");
}

/// The text of the element `css`.
async fn text_of(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .expect("text")
}

pub async fn the_secretariat_sends_invitations_and_watches_progress_and_an_invitee_replies_in_a_real_browser()
 {
    let driver = browser().await;
    // Slow sending (5 a second), so that the progress can be watched.
    let app = crate::helpers::spawn_app_with(|raw| raw.mail_rate = Some("5".into())).await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    let states = ["CH", "JP", "BR", "FR", "DE", "KE", "IN", "MX", "EG", "NO"];
    for iso2 in states {
        let address = format!("{}@mission.example", iso2.to_lowercase());
        crate::fixtures::add_state_contact(&app, iso2, &format!("Mission {iso2}"), &address, "en");
    }
    app.login_as("sec@wipo.int").await;
    let id = crate::fixtures::approved_meeting(&app).await;
    let c = &driver.client;

    log_in(c, &app, "sec@wipo.int").await;

    c.goto(&app.url(&format!("/meetings/{id}/invitations")))
        .await
        .expect("invitations page");
    assert_eq!(text_of(c, "#total-recipients").await, "10");
    assert_eq!(text_of(c, "#total-invitees").await, "193");
    assert!(text_of(c, "#decision").await.contains("Hybrid"));
    // An extra guest typed and Send pressed at once, without saving first.
    c.find(Locator::Css("#guests"))
        .await
        .expect("extra addresses")
        .send_keys("Guest Speaker <speaker@guest.example>")
        .await
        .expect("type");
    snap(c, "invitations").await;
    c.find(Locator::Css("#send"))
        .await
        .expect("send button")
        .click()
        .await
        .expect("send");
    c.wait()
        .for_element(Locator::Css("#delivery"))
        .await
        .expect("delivery page");
    // Mark this page; a reload would lose the mark.
    c.execute(
        "window.convenePageMark = 'still here'; return null;",
        vec![],
    )
    .await
    .expect("script runs");
    // The deferred script announces itself once it runs.
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath(
            "//p[@id='live-note' and text()='These figures update by themselves.']",
        ))
        .await
        .expect("the live-progress script runs");
    let first = text_of(c, "#count-sent").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        if text_of(c, "#count-sent").await == "11" {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "progress did not reach 11, the guest included (first read {first})"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_ne!(
        first, "11",
        "sending was still under way when the page opened"
    );
    let mark = c
        .execute("return window.convenePageMark || null;", vec![])
        .await
        .expect("script runs");
    assert_eq!(
        mark,
        serde_json::json!("still here"),
        "updated without a reload"
    );
    assert_eq!(text_of(c, "#percent").await, "100");
    snap(c, "delivery").await;

    // An invitee opens the personal link from the email and replies.
    let token = crate::fixtures::mailed_reply_tokens(&app, "ch@mission.example")
        .pop()
        .expect("CH's invitation");
    c.goto(&app.url(&format!("/i/{token}")))
        .await
        .expect("reply page");
    assert!(text_of(c, "#starts").await.contains("Europe/Zurich"));
    c.find(Locator::Css("#response-in_person"))
        .await
        .expect("in person")
        .click()
        .await
        .expect("choose");
    c.find(Locator::Css("#d-name-0"))
        .await
        .expect("first delegate")
        .send_keys("Anne Délégué")
        .await
        .expect("type");
    c.find(Locator::Css("#d-function-0"))
        .await
        .expect("function")
        .send_keys("Ambassador")
        .await
        .expect("type");
    save_and_confirm(c, &app.url(&format!("/i/{token}?saved=1"))).await;
    let saved = text_of(c, "#saved-reply").await;
    assert!(
        saved.contains("Anne Délégué") && saved.contains("Ambassador"),
        "{saved}"
    );
    snap(c, "invitee-replied").await;

    c.goto(&app.url(&format!("/meetings/{id}/participants")))
        .await
        .expect("participants");
    let body = text_of(c, "body").await;
    assert!(body.contains("Anne Délégué"), "{body}");
    driver.client.clone().close().await.expect("close browser");
}
