//! Failed login attempts, counted per account and per client address to slow
//! down password guessing. Kept in the database so that every instance behind
//! a load balancer sees the same counts.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::schema::login_failures;
use super::{DbConnection, now};

#[derive(Insertable)]
#[diesel(table_name = login_failures)]
struct NewFailure<'a> {
    email: &'a str,
    client: &'a str,
    at: NaiveDateTime,
}

pub fn record(conn: &mut DbConnection, email: &str, client: &str) -> QueryResult<()> {
    diesel::insert_into(login_failures::table)
        .values(&NewFailure {
            email,
            client,
            at: now(),
        })
        .execute(conn)?;
    Ok(())
}

/// Failures within `window` for the account and for the client address.
pub fn recent(
    conn: &mut DbConnection,
    email: &str,
    client: &str,
    window: Duration,
) -> QueryResult<(i64, i64)> {
    let since = now() - window;
    let for_account = login_failures::table
        .filter(login_failures::email.eq(email))
        .filter(login_failures::at.gt(since))
        .count()
        .get_result(conn)?;
    let for_client = login_failures::table
        .filter(login_failures::client.eq(client))
        .filter(login_failures::at.gt(since))
        .count()
        .get_result(conn)?;
    Ok((for_account, for_client))
}

/// A successful login forgives the account's earlier mistakes (not the
/// client's: one address guessing many accounts stays slowed down).
pub fn forgive_account(conn: &mut DbConnection, email: &str) -> QueryResult<usize> {
    diesel::delete(login_failures::table.filter(login_failures::email.eq(email))).execute(conn)
}

pub fn purge_older_than(conn: &mut DbConnection, window: Duration) -> QueryResult<usize> {
    diesel::delete(login_failures::table.filter(login_failures::at.lt(now() - window)))
        .execute(conn)
}
