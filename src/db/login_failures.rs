//! Failed login attempts, counted per account and per client address to slow
//! down password guessing. Kept in the database so that every instance behind
//! a load balancer sees the same counts. An attempt is recorded before its
//! password is checked ([`begin_attempt`]), so the limit holds under
//! parallel attempts.

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

/// One login attempt, counted before its password is checked: the attempt
/// is written first, then the recent failures are counted *with it*, so
/// that parallel attempts each see the others and no more than the limit are
/// ever checked. Returns the attempt's id and the counts for the account and
/// for the client address, this attempt included.
pub fn begin_attempt(
    conn: &mut DbConnection,
    email: &str,
    client: &str,
    window: Duration,
) -> QueryResult<(i64, i64, i64)> {
    let row = NewFailure {
        email,
        client,
        at: now(),
    };
    let id: i64 = crate::with_backend!(conn, |c| diesel::insert_into(login_failures::table)
        .values(&row)
        .returning(login_failures::id)
        .get_result(c))?;
    let (for_account, for_client) = recent(conn, email, client, window)?;
    Ok((id, for_account, for_client))
}

/// Takes back an attempt that turned out not to be a wrong password (it was
/// refused unchecked, or the password was right).
pub fn forget_attempt(conn: &mut DbConnection, id: i64) -> QueryResult<usize> {
    diesel::delete(login_failures::table.find(id)).execute(conn)
}

/// Failures within `window` for the account and for the client address.
fn recent(
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
