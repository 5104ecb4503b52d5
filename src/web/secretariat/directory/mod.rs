//! The directory pages: regional groups, member states, organisations and
//! contacts, with CSV export and import. Secretariat only; every change is a
//! POST through the one CSRF mechanism.

pub mod contacts;
pub mod groups;
pub mod organisations;
pub mod overview;
pub mod state_form;
pub mod states;
pub mod transfer;

use actix_web::web;
use askama::Template;

use crate::db::audit::Actor;
use crate::db::directory::groups::ConsultingMeeting;
use crate::web::Layout;
use crate::web::csrf::CsrfToken;
use crate::web::session::CurrentUser;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(overview::show)
        .service(groups::list)
        .service(groups::new)
        .service(groups::create)
        .service(groups::edit)
        .service(groups::update)
        .service(groups::ask_remove)
        .service(groups::remove)
        .service(states::list)
        .service(state_form::new)
        .service(state_form::create)
        .service(state_form::edit)
        .service(state_form::update)
        .service(states::confirm)
        .service(states::ask_remove)
        .service(states::remove)
        .service(organisations::list)
        .service(organisations::new)
        .service(organisations::create)
        .service(organisations::edit)
        .service(organisations::update)
        .service(organisations::ask_remove)
        .service(organisations::remove)
        .service(contacts::list)
        .service(contacts::new)
        .service(contacts::create)
        .service(contacts::edit)
        .service(contacts::update)
        .service(contacts::ask_remove)
        .service(contacts::remove)
        .service(transfer::export_csv)
        .service(transfer::import_form)
        .service(transfer::import_preview)
        .service(transfer::import_confirm);
}

fn layout(user: &CurrentUser, csrf: CsrfToken) -> Layout {
    Layout {
        user_name: user.display_name().to_owned(),
        csrf: csrf.0,
    }
}

fn actor(user: &CurrentUser) -> Actor {
    Actor::User(user.id, user.display_name().to_owned())
}

/// An optional filter value from a query string: empty means "any".
fn non_empty(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// The confirmation page every removal goes through, so a click alone never
/// deletes anything.
#[derive(Template)]
#[template(path = "directory/remove.html")]
struct RemovePage {
    layout: Layout,
    /// "contact", "organisation", "member state", "regional group"
    what: &'static str,
    name: String,
    /// What goes with it, or, when refused, why.
    consequence: String,
    action: String,
    back: &'static str,
    /// Meetings that forbid the removal; when there are any the page explains
    /// instead of offering the button.
    blocked_by: Vec<ConsultingMeeting>,
}

/// "1 contact", "3 contacts": counts on confirmation pages.
fn count_of<N: std::fmt::Display + PartialEq + From<u8>>(n: N, one: &str, many: &str) -> String {
    if n == N::from(1) {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
