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

use std::time::{Duration, Instant};

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

/// A connection taken from the pool that dereferences to the connection
/// itself (r2d2's own dereferences to [`Checked`]), for code generic over
/// diesel's connection traits.
pub struct PooledConn(r2d2::PooledConnection<Manager>);

impl From<r2d2::PooledConnection<Manager>> for PooledConn {
    fn from(conn: r2d2::PooledConnection<Manager>) -> PooledConn {
        PooledConn(conn)
    }
}

impl std::ops::Deref for PooledConn {
    type Target = DbConnection;

    fn deref(&self) -> &DbConnection {
        &self.0
    }
}

impl std::ops::DerefMut for PooledConn {
    fn deref_mut(&mut self) -> &mut DbConnection {
        &mut self.0
    }
}

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

/// How long a connection that answered a test is trusted without another
/// one: a test is a round trip to the server (on PostgreSQL, a quarter of a
/// coordinator's form view when every checkout made one). Half a second, as
/// HikariCP's `aliveBypassWindowMs`: a connection that died since its last
/// test fails at most the requests of that half-second before the next test
/// finds it dead and the pool replaces it.
const TRUSTED_FOR: Duration = Duration::from_millis(500);

/// A pooled connection and when it last proved alive: when it was opened
/// or last answered a test. Dereferences to the connection itself.
pub struct Checked {
    conn: DbConnection,
    alive_at: Instant,
}

impl std::ops::Deref for Checked {
    type Target = DbConnection;

    fn deref(&self) -> &DbConnection {
        &self.conn
    }
}

impl std::ops::DerefMut for Checked {
    fn deref_mut(&mut self) -> &mut DbConnection {
        &mut self.conn
    }
}

impl ManageConnection for Manager {
    type Connection = Checked;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<Checked, r2d2::Error> {
        let conn = match self.backend {
            Backend::Postgres => diesel::PgConnection::establish(&self.url)
                .map(DbConnection::Pg)
                .map_err(r2d2::Error::ConnectionError)?,
            Backend::Sqlite => {
                let mut conn = diesel::SqliteConnection::establish(sqlite_path(&self.url))
                    .map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(SQLITE_PRAGMAS)
                    .map_err(r2d2::Error::QueryError)?;
                DbConnection::Sqlite(conn)
            }
        };
        Ok(Checked {
            conn,
            alive_at: Instant::now(),
        })
    }

    /// Tests a connection leaving the pool unless it proved alive within
    /// [`TRUSTED_FOR`].
    fn is_valid(&self, checked: &mut Checked) -> Result<(), r2d2::Error> {
        if checked.alive_at.elapsed() < TRUSTED_FOR {
            return Ok(());
        }
        checked
            .conn
            .batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)?;
        checked.alive_at = Instant::now();
        Ok(())
    }

    /// A connection left inside a transaction that could not be closed is
    /// dropped instead of going back to the pool.
    fn has_broken(&self, checked: &mut Checked) -> bool {
        use diesel::r2d2::R2D2Connection;
        match &mut checked.conn {
            DbConnection::Pg(c) => c.is_broken(),
            DbConnection::Sqlite(c) => c.is_broken(),
        }
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
    // A PostgreSQL connection can die with its server or the network, so it
    // is tested when it leaves the pool (at most every `TRUSTED_FOR`); a
    // SQLite connection is a file handle that cannot, and testing it (a
    // `SELECT 1` parsed anew each time) cost a few percent of every request.
    let test = manager.backend == Backend::Postgres;
    r2d2::Pool::builder()
        .max_size(max_size)
        .connection_timeout(Duration::from_secs(10))
        .test_on_check_out(test)
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
    let nested = in_transaction(conn)?;
    if nested {
        return conn.transaction(f);
    }
    match conn {
        DbConnection::Sqlite(inner) => {
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?
        }
        DbConnection::Pg(_) => Tm::begin_transaction(conn)?,
    }
    finish(conn, f)
}

/// Runs a page's reads together. On SQLite in one deferred transaction:
/// WAL's read lock is taken once for all of them rather than once for each
/// statement (most of what a short read costs), and they read one snapshot.
/// On PostgreSQL as they come, each statement seeing what was committed when
/// it started: a transaction there costs two more round trips (`BEGIN`,
/// `COMMIT`), a fifth of a coordinator's form view, for an agreement between
/// reads no page needs (each read is consistent in itself; an answer saved
/// between two of them is simply the newer one). `f` must not write. Inside
/// another transaction it runs in that one.
pub fn reads<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    let nested = in_transaction(conn)?;
    match conn {
        DbConnection::Sqlite(inner) if !nested => {
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN")?;
        }
        _ => return f(conn),
    }
    finish(conn, f)
}

type Tm = <DbConnection as Connection>::TransactionManager;

fn in_transaction(conn: &mut DbConnection) -> QueryResult<bool> {
    Ok(Tm::transaction_manager_status_mut(conn)
        .transaction_depth()?
        .is_some())
}

/// Runs `f` in the transaction just begun, and commits it, or rolls it back
/// when `f` fails.
fn finish<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
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

/// The present instant, as stored: UTC without offset.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

#[cfg(test)]
mod tests {
    use diesel::sql_types::Text;

    use super::*;

    #[derive(QueryableByName)]
    struct CompileOption {
        #[diesel(sql_type = Text)]
        compile_options: String,
    }

    /// `.cargo/config.toml` compiles SQLite with the query-planner stability
    /// guarantee; without it every `LIMIT ?` query is prepared anew on each
    /// run (see that file).
    #[test]
    fn sqlite_is_built_with_the_query_planner_stability_guarantee() {
        let mut conn = SqliteConnection::establish(":memory:").expect("in-memory SQLite");
        let options: Vec<String> = diesel::sql_query("PRAGMA compile_options")
            .load::<CompileOption>(&mut conn)
            .expect("compile options")
            .into_iter()
            .map(|o| o.compile_options)
            .collect();
        assert!(options.iter().any(|o| o == "ENABLE_QPSG"), "{options:?}");
    }
}
