//! HTTP routes by audience, and what they share: state, the blocking-database
//! helper, CSRF, sessions, error pages and middleware.

pub mod api;
pub mod assets;
pub mod coordinator;
pub mod csrf;
pub mod error;
pub mod extract;
pub mod health;
pub mod invitee;
pub mod metrics;
pub mod middleware;
pub mod outbox;
pub mod personal;
pub mod redirect;
pub mod secretariat;
pub mod session;

use std::sync::Arc;

use actix_web::web;

use crate::config::Settings;
use crate::db::{DbConnection, DbPool};
pub use error::AppError;

/// What every handler may reach. Cloned per worker; everything inside is shared.
#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    /// Coordinators' saves, written in group commits.
    pub answers: crate::db::answers::group_commit::AnswerSaver,
    pub settings: Arc<Settings>,
    pub csrf: csrf::CsrfKey,
    /// Seals personal-link tokens while their email waits in the outbox.
    pub seal: crate::domain::seal::SealKey,
    /// As many as the database pool has connections: see [`db`].
    pub db_slots: Arc<tokio::sync::Semaphore>,
    /// The coordinator forms' grids of stored answers, kept between views.
    pub grids: Arc<coordinator::grid::GridCache>,
}

impl AppState {
    /// What queuing a personal-link email needs: the sealing key and the
    /// Message-ID domain.
    pub fn mailing(&self) -> crate::db::consultation::Mailing {
        crate::db::consultation::Mailing {
            seal: self.seal.clone(),
            message_domain: self.settings.message_domain(),
        }
    }
}

/// Runs `f` with a pooled connection on the blocking thread pool, so that
/// diesel's synchronous calls never stall the async workers.
///
/// No more requests go to the blocking pool at once than the database pool
/// has connections (`db_slots`); the others wait for a slot here, as tasks,
/// rather than each in a thread of its own blocked on the pool: under load a
/// thread per waiting request had the core switching between dozens of them.
pub async fn db<T, F>(state: &AppState, f: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let _slot = state
        .db_slots
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let pool = state.pool.clone();
    web::block(move || {
        let mut conn = pool.get()?;
        f(&mut conn)
    })
    .await?
}

/// The layout data every secretariat page needs (who is logged in, the CSRF
/// token for the logout form).
pub struct Layout {
    pub user_name: String,
    pub csrf: String,
}

/// actix-web tries routes in the order they are registered, matching each
/// pattern with a variable part by a regular expression. The personal links
/// come first: they take the load (every coordinator's form and save, every
/// invitee's reply), and behind the secretariat's eighty routes their
/// matching was 13 % of a save's CPU.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.configure(coordinator::routes)
        .configure(invitee::routes)
        .service(health::healthz)
        .service(assets::stylesheet)
        .service(assets::delivery_script)
        .service(web::scope("/api").configure(api::routes))
        .configure(secretariat::routes)
        .configure(outbox::routes);
}

/// Renders a page with a status other than 200 (a form shown again with its
/// errors, a refusal).
pub fn page(
    status: actix_web::http::StatusCode,
    template: &impl askama::Template,
) -> Result<actix_web::HttpResponse, AppError> {
    let body = template
        .render()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("template failed: {e}")))?;
    Ok(actix_web::HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body))
}

/// A 303 to `location`, the answer to a successful POST.
pub fn see_other(location: &str) -> actix_web::HttpResponse {
    actix_web::HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, location))
        .finish()
}
