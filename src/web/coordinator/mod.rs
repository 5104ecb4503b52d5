//! Pages for regional group coordinators, reached through a personal link
//! (`/c/{token}`): no account, the token is the capability. It opens exactly
//! one group's answer for one meeting; nothing else is reachable from it.

pub mod form;
pub mod grid;
pub mod words;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(form::show).service(form::save);
}
