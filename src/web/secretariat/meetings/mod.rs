//! The secretariat's meeting pages: drafting, the meeting's own page with the
//! consultation's progress, and the actions on it.

pub mod actions;
pub mod approval;
pub mod changes;
pub mod delivery;
pub mod exports;
pub mod form;
mod heat_map;
pub mod invitations;
pub mod participants;
pub mod proposals;
pub mod reply_links;
pub mod show;

use actix_web::web;

use crate::db::audit::Actor;
use crate::domain::meeting::FieldErrors;
use crate::web::session::CurrentUser;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(form::new)
        .service(form::create)
        .service(form::edit)
        .service(form::update)
        .service(show::show)
        .service(show::versions)
        .service(actions::open)
        .service(actions::close)
        .service(actions::remind)
        .service(actions::revoke)
        .service(actions::reissue)
        .service(proposals::show)
        .service(approval::approve_form)
        .service(approval::approve)
        .service(exports::answers)
        .service(exports::ranked)
        .service(invitations::show)
        .service(invitations::save)
        .service(invitations::send)
        .service(delivery::show)
        .service(delivery::resend)
        .service(delivery::resend_failed)
        .service(delivery::pause)
        .service(delivery::resume)
        .service(changes::change_form)
        .service(changes::change)
        .service(changes::cancel_form)
        .service(changes::cancel)
        .service(participants::show)
        .service(participants::export)
        .service(reply_links::show)
        .service(reply_links::withdraw)
        .service(reply_links::reissue);
}

pub fn actor(user: &CurrentUser) -> Actor {
    Actor::User(user.id, user.display_name().to_owned())
}

/// The attributes that tie a form field to its error message, when it has
/// one: the same on every meeting form.
fn described(errors: &FieldErrors, field: &str) -> String {
    if errors.contains_key(field) {
        format!("aria-invalid=\"true\" aria-describedby=\"{field}-error\"")
    } else {
        String::new()
    }
}
