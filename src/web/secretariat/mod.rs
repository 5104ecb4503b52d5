//! Pages for secretariat staff (account + password, session cookie).

pub mod directory;
pub mod home;
pub mod login;
pub mod meetings;
pub mod translation_fields;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(home::home)
        .service(login::show)
        .service(login::submit)
        .service(login::logout)
        .configure(meetings::routes)
        .configure(directory::routes);
}
