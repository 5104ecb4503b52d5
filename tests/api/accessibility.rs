//! Pages readable by everyone: labels without hovering, contrast, headings
//! in order, scroll boxes reachable by keyboard, no link hidden in a summary.

use crate::fixtures::answered_and_closed;
use crate::fixtures::{Visitor, add_state_contact, approved_meeting, opened_meeting, token_for};
use crate::helpers::{TestApp, spawn_app};

async fn logged_in() -> TestApp {
    let app = spawn_app().await;
    app.add_user("sec@wipo.int", "Sam Secretariat");
    app.login_as("sec@wipo.int").await;
    app
}

/// WCAG relative luminance of `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

fn variable(css: &str, name: &str) -> String {
    let at = css.find(&format!("{name}:")).expect(name) + name.len() + 1;
    css[at..].trim_start()[..7].to_owned()
}

#[tokio::test]
async fn the_green_badge_meets_wcag_aa_contrast() {
    let app = spawn_app().await;
    let css = app
        .get("/assets/style.css")
        .await
        .text()
        .await
        .expect("css");
    let (ink, background) = (variable(&css, "--ok"), variable(&css, "--ok-bg"));
    let (a, b) = (luminance(&ink), luminance(&background));
    let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
    assert!(ratio >= 4.5, "{ink} on {background}: {ratio:.2}");
}

#[tokio::test]
async fn the_heat_map_labels_its_columns_in_words_and_its_scroll_box_takes_the_keyboard() {
    let app = logged_in().await;
    let id = answered_and_closed(&app, true).await;
    let data = convene::db::proposals::load(&mut app.conn(), id).expect("load");
    let first = data.input.units[0].date;
    let html = app.get_html(&format!("/meetings/{id}/proposals")).await;
    let label = format!("<th>{}<br/>{}<", first.format("%a"), first.format("%-d"));
    assert!(html.contains(&label), "{label} in:\n{html}");
    assert!(html.contains(
        "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"heat-heading\">"
    ));
    let css = app
        .get("/assets/style.css")
        .await
        .text()
        .await
        .expect("css");
    assert!(
        css.contains(".table-scroll { overflow-x: auto; position: relative; }"),
        "the hidden labels stay inside the scroll box"
    );
}

/// Every heading level in `html`, in order.
fn heading_levels(html: &str) -> Vec<u8> {
    html.match_indices("<h")
        .filter_map(|(at, _)| {
            let level = html.as_bytes().get(at + 2)?;
            (b'1'..=b'6').contains(level).then(|| level - b'0')
        })
        .collect()
}

#[tokio::test]
async fn the_coordinators_form_does_not_skip_a_heading_level() {
    let app = logged_in().await;
    let _ = opened_meeting(&app).await;
    let token = token_for(&app, "alpha@mission.example").await;
    let html = Visitor::new(&app).html(&format!("/c/{token}")).await;
    let levels = heading_levels(&html);
    assert!(levels.len() > 2, "{levels:?}");
    for pair in levels.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "from h{} to h{}", pair[0], pair[1]);
    }
}

#[tokio::test]
async fn no_link_hides_inside_a_summary_on_the_invitations_page() {
    let app = logged_in().await;
    add_state_contact(&app, "CH", "Mission de Suisse", "ch@mission.example", "fr");
    let id = approved_meeting(&app).await;
    let html = app.get_html(&format!("/meetings/{id}/invitations")).await;
    let mut rest = html.as_str();
    let mut summaries = 0;
    while let Some(at) = rest.find("<summary>") {
        let end = rest[at..].find("</summary>").expect("closed") + at;
        assert!(!rest[at..end].contains("<a "), "{}", &rest[at..end]);
        summaries += 1;
        rest = &rest[end..];
    }
    assert!(summaries >= 1);
}
