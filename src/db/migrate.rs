//! Embedded migrations, one folder per backend (their SQL differs in identity
//! columns), applied at `serve` start and by `convene migrate`.

use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::DbConnection;

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Applies every pending migration; returns the versions applied.
pub fn run_pending(conn: &mut DbConnection) -> Result<Vec<String>, BoxError> {
    let applied = match conn {
        DbConnection::Pg(c) => c.run_pending_migrations(POSTGRES)?,
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE)?,
    };
    Ok(applied.into_iter().map(|v| v.to_string()).collect())
}

/// Reverts every applied migration, newest first; returns the versions reverted.
pub fn revert_all(conn: &mut DbConnection) -> Result<Vec<String>, BoxError> {
    let reverted = match conn {
        DbConnection::Pg(c) => c.revert_all_migrations(POSTGRES)?,
        DbConnection::Sqlite(c) => c.revert_all_migrations(SQLITE)?,
    };
    Ok(reverted.into_iter().map(|v| v.to_string()).collect())
}

/// Reverts the newest applied migration; returns its version.
pub fn revert_last(conn: &mut DbConnection) -> Result<String, BoxError> {
    let reverted = match conn {
        DbConnection::Pg(c) => c.revert_last_migration(POSTGRES)?,
        DbConnection::Sqlite(c) => c.revert_last_migration(SQLITE)?,
    };
    Ok(reverted.to_string())
}

/// Versions applied so far, oldest first.
pub fn applied(conn: &mut DbConnection) -> Result<Vec<String>, BoxError> {
    let mut versions = match conn {
        DbConnection::Pg(c) => c.applied_migrations()?,
        DbConnection::Sqlite(c) => c.applied_migrations()?,
    };
    versions.sort();
    Ok(versions.into_iter().map(|v| v.to_string()).collect())
}
