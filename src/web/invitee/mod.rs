//! Pages for invitees, reached through a personal link (`/i/{token}`): no
//! account, the token is the capability. It opens exactly one invitee's
//! reply to one meeting; nothing else is reachable from it.

pub mod reply;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(reply::show).service(reply::save);
}
