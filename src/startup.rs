//! Builds the application in one place: pool, migrations, instance secret,
//! HTTP server with its middleware, the periodic housekeeping task and the
//! outbox worker.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context;

use crate::config::Settings;
use crate::db::{self, DbPool};
use crate::domain::token::Token;
use crate::web::{self as routes, AppState, csrf::CsrfKey};

pub struct Application {
    port: u16,
    server: Server,
    /// The metrics server and its port, when `CONVENE_METRICS_BIND` is set.
    metrics: Option<(Server, u16)>,
    state: AppState,
    mailer: crate::mail::worker::Worker,
}

/// Opens the pool and brings the schema up to date. Used by `serve` and by
/// every command that touches the database.
pub fn prepare_database(settings: &Settings) -> anyhow::Result<DbPool> {
    let pool = db::connect(&settings.database_url, settings.db_pool_size)
        .with_context(|| format!("cannot open the {} database", settings.backend.name()))?;
    let mut conn = pool.get().context("cannot get a database connection")?;
    let applied = db::migrate::run_pending(&mut conn)
        .map_err(|e| anyhow::anyhow!("database migration failed: {e}"))?;
    for version in applied {
        tracing::info!(%version, "migration applied");
    }
    Ok(pool)
}

/// The instance secret: from the settings, or generated once and kept in the
/// database so that every instance and command shares it.
pub fn instance_secret(settings: &Settings, pool: &DbPool) -> anyhow::Result<String> {
    Ok(match &settings.secret_key {
        Some(key) => key.clone(),
        None => {
            let mut conn = pool.get()?;
            db::secrets::get_or_insert(&mut conn, "secret_key", Token::generate().expose())?
        }
    })
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let pool = prepare_database(&settings)?;
        let secret = instance_secret(&settings, &pool)?;
        let mut conn = pool.get()?;
        if let Some(loaded) = db::directory::seed::load_reference_if_empty(&mut conn)? {
            tracing::info!(?loaded, "directory was empty: reference data loaded");
        }
        if db::users::count(&mut conn)? == 0 {
            tracing::warn!(
                "no secretariat account exists yet; create the first one with: \
                 convene user add --email you@example.org --name \"Your Name\""
            );
        }
        drop(conn);

        let listener = TcpListener::bind(settings.bind)
            .with_context(|| format!("cannot listen on {}", settings.bind))?;
        let port = listener.local_addr()?.port();
        let mut settings = settings;
        // A base URL derived from `…:0` follows the port actually bound.
        if settings.base_url.port() == Some(0) {
            let _ = settings.base_url.set_port(Some(port));
        }
        let slots = usize::try_from(pool.max_size()).unwrap_or(1);
        let state = AppState {
            answers: crate::db::answers::group_commit::AnswerSaver::start(
                pool.clone(),
                settings.backend,
            )?,
            pool,
            db_slots: Arc::new(tokio::sync::Semaphore::new(slots)),
            csrf: CsrfKey::derive(&secret),
            seal: crate::domain::seal::SealKey::derive(&secret),
            settings: Arc::new(settings),
            grids: Arc::default(),
        };
        let mailer = crate::mail::worker::Worker::new(
            state.pool.clone(),
            state.settings.clone(),
            state.seal.clone(),
        )?;
        let metrics = match state.settings.metrics_bind {
            None => None,
            Some(address) => {
                let listener = TcpListener::bind(address)
                    .with_context(|| format!("cannot listen on {address} for metrics"))?;
                let port = listener.local_addr()?.port();
                let handle = routes::metrics::install();
                Some((
                    routes::metrics::server(listener, state.clone(), handle)?,
                    port,
                ))
            }
        };
        let workers = state.settings.workers;
        let data = web::Data::new(state.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .app_data(web::PayloadConfig::new(2 * 1024 * 1024))
                .configure(routes::extract::configure)
                .wrap(from_fn(routes::csrf::ensure_cookie))
                .wrap(from_fn(routes::middleware::body_deadline))
                .wrap(from_fn(routes::middleware::no_store_personal_pages))
                .wrap(routes::middleware::security_headers())
                .wrap(Compress::default())
                .wrap(from_fn(routes::middleware::log_requests))
                .wrap(from_fn(routes::metrics::track_requests))
                .configure(routes::routes)
                .default_service(web::to(not_found))
        })
        .workers(workers)
        .shutdown_timeout(10)
        .listen(listener)?
        .run();
        Ok(Application {
            port,
            server,
            metrics,
            state,
            mailer,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The port serving `/metrics`, when metrics are on.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().map(|(_, port)| *port)
    }

    /// Serves until SIGINT or SIGTERM, finishing requests in flight (actix
    /// handles both signals), while housekeeping and the outbox worker run
    /// beside it.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let housekeeping = tokio::spawn(housekeeping(self.state.clone()));
        let scheduler = tokio::spawn(scheduler(self.state.clone()));
        let mailer = self.mailer.spawn();
        let metrics = self.metrics.map(|(server, _)| {
            let handle = server.handle();
            (tokio::spawn(server), handle)
        });
        let result = self.server.await;
        if let Some((task, handle)) = metrics {
            handle.stop(true).await;
            let _ = task.await;
        }
        housekeeping.abort();
        scheduler.abort();
        mailer.stop().await;
        tracing::info!("stopped");
        result
    }
}

async fn not_found(req: actix_web::HttpRequest) -> actix_web::HttpResponse {
    use actix_web::ResponseError;
    let error = routes::AppError::NotFound;
    if req.path().starts_with("/api/") {
        routes::error::ApiError(error).error_response()
    } else {
        error.error_response()
    }
}

/// Deletes expired sessions and old login failures every ten minutes.
async fn housekeeping(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        let lifetimes = state.settings.session;
        let window = state.settings.login_limits.window;
        let result = routes::db(&state, move |conn| {
            let sessions = db::sessions::purge_expired(conn, lifetimes)?;
            let failures = db::login_failures::purge_older_than(conn, window)?;
            Ok((sessions, failures))
        })
        .await;
        match result {
            Ok((sessions, failures)) if sessions + failures > 0 => {
                tracing::debug!(sessions, failures, "housekeeping removed expired rows");
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "housekeeping failed"),
        }
    }
}

/// Closes consultations at their deadline and sends due reminders. Safe with
/// several instances: transitions are conditional and reminders are keyed.
async fn scheduler(state: AppState) {
    let mut tick = tokio::time::interval(state.settings.scheduler_every);
    loop {
        tick.tick().await;
        let app = state.clone();
        let result = routes::db(&state, move |conn| {
            let mailing = app.mailing();
            for id in
                db::meetings::ids_with_status(conn, crate::domain::meeting::Status::Consulting)?
            {
                if let Err(error) = db::consultation::tick(conn, id, &mailing) {
                    tracing::warn!(meeting = id, %error, "scheduler: meeting skipped");
                }
            }
            Ok(())
        })
        .await;
        if let Err(error) = result {
            tracing::warn!(%error, "scheduler round failed");
        }
    }
}

/// Builds and serves until stopped: what `convene serve` does.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    let bind = settings.bind;
    let base = settings.base_url.to_string();
    let backend = settings.backend.name();
    let app = Application::build(settings).await?;
    let metrics = app
        .metrics_port()
        .map(|port| format!("port {port}, /metrics"))
        .unwrap_or_else(|| "off".to_owned());
    tracing::info!(%bind, base_url = %base, backend, %metrics, "convene is serving");
    app.run_until_stopped().await?;
    Ok(())
}
