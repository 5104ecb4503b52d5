//! The store: one connection type for SQLite and PostgreSQL, the pool, and the
//! helpers every query module shares.
//!
//! The backend is chosen from the URL scheme (`postgres://` or `postgresql://`
//! selects PostgreSQL; anything else is a SQLite path), never by trial and error,
//! so a wrong password on PostgreSQL is reported as such.

pub mod answers;
pub mod approval;
pub mod audit;
pub mod consultation;
pub mod directory;
pub mod invitations;
pub mod login_failures;
pub mod meetings;
pub mod migrate;
pub mod outbox;
pub mod proposals;
pub mod record;
pub mod schema;
pub mod secrets;
pub mod sessions;
pub mod translations;
pub mod users;

use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};

/// A connection to whichever backend the URL selected.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Pg(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

pub type DbPool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

impl Backend {
    pub fn from_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Postgres => "postgresql",
            Backend::Sqlite => "sqlite",
        }
    }
}

/// Turns `sqlite://path`, `sqlite:path` or a bare path into what SQLite opens.
pub fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
}

/// r2d2 manager that opens the backend named by the URL and prepares SQLite
/// connections (busy timeout first, then WAL, then foreign keys).
#[derive(Debug, Clone)]
pub struct Manager {
    url: String,
    backend: Backend,
}

impl Manager {
    pub fn new(url: &str) -> Manager {
        Manager {
            url: url.to_owned(),
            backend: Backend::from_url(url),
        }
    }
}

/// Pragmas for every SQLite connection. `busy_timeout` must come before
/// `journal_mode=WAL`: switching a fresh file to WAL takes a lock that parallel
/// connections would otherwise fail on at once.
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 10000; \
     PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = FULL; \
     PRAGMA foreign_keys = ON;";

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        match self.backend {
            Backend::Postgres => diesel::PgConnection::establish(&self.url)
                .map(DbConnection::Pg)
                .map_err(r2d2::Error::ConnectionError),
            Backend::Sqlite => {
                let mut conn = diesel::SqliteConnection::establish(sqlite_path(&self.url))
                    .map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(SQLITE_PRAGMAS)
                    .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

/// Opens a pool; fails fast (with the backend's own message) when the database
/// cannot be reached at all.
pub fn connect(url: &str, max_size: u32) -> Result<DbPool, r2d2::PoolError> {
    let manager = Manager::new(url);
    if manager.backend == Backend::Sqlite {
        // Switch a fresh file to WAL once, before the pool opens connections
        // in parallel (WAL is a property of the file and persists). A failure
        // here shows up again, with its cause, when the pool connects.
        let _ = manager.connect();
    }
    r2d2::Pool::builder()
        .max_size(max_size)
        .connection_timeout(Duration::from_secs(10))
        .build(manager)
}

/// Runs `f` in one transaction. On SQLite it starts with `BEGIN IMMEDIATE`, so a
/// transaction that reads before it writes waits for the write lock up front
/// instead of failing with "database is locked" when it tries to upgrade.
/// Called inside another transaction, it becomes a savepoint of that one.
pub fn transaction<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    type Tm = <DbConnection as Connection>::TransactionManager;
    let nested = Tm::transaction_manager_status_mut(conn)
        .transaction_depth()?
        .is_some();
    if nested {
        return conn.transaction(f);
    }
    match conn {
        DbConnection::Sqlite(inner) => {
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?
        }
        DbConnection::Pg(_) => Tm::begin_transaction(conn)?,
    }
    match f(conn) {
        Ok(value) => {
            Tm::commit_transaction(conn)?;
            Ok(value)
        }
        Err(error) => {
            Tm::rollback_transaction(conn)?;
            Err(error)
        }
    }
}

/// Evaluates the same expression against the concrete connection of either
/// backend. Needed for the diesel features that `MultiConnection` does not
/// carry (`RETURNING`, batch inserts, `ON CONFLICT`).
#[macro_export]
macro_rules! with_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConnection::Pg($c) => $body,
            $crate::db::DbConnection::Sqlite($c) => $body,
        }
    };
}

/// The row a lookup by a unique key found, if any: for lookups that run on
/// every page, which load their (at most one) row rather than ask for the
/// `first`. Diesel writes `first` as `LIMIT ?`, and SQLite (3.53 as bundled
/// here) reads a bound LIMIT while planning, so it prepares such a
/// statement afresh every time the limit is bound again: parsing and
/// planning on every execution, about a sixth of the proposals page's CPU.
pub fn unique<T>(rows: Vec<T>) -> Option<T> {
    rows.into_iter().next()
}

/// The present instant, as stored: UTC without offset.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}
