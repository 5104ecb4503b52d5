//! Server-side sessions of secretariat members. The cookie holds a random id;
//! the table holds only its digest, so a leaked database does not leak logins.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{sessions, users};
use super::users::User;
use super::{DbConnection, now};
use crate::domain::UserId;

/// How long a session lives without use, and at most.
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    pub idle: Duration,
    pub absolute: Duration,
}

/// Seen-at is written at most this often, so that reading pages does not turn
/// every request into a write; with a short idle time, a tenth of it, so that
/// a session in use never ends more than a tenth of its idle time early.
const TOUCH_EVERY: Duration = Duration::seconds(60);

fn touch_every(idle: Duration) -> Duration {
    TOUCH_EVERY.min(idle / 10)
}

#[derive(Insertable)]
#[diesel(table_name = sessions)]
struct NewSession<'a> {
    id_hash: &'a str,
    user_id: i64,
    created_at: NaiveDateTime,
    last_seen_at: NaiveDateTime,
}

/// Stores a new session; `replaces` (the digest of a session the browser
/// already had) is removed in the same transaction, so an id is never reused
/// across a login.
#[tracing::instrument(skip_all)]
pub fn create(
    conn: &mut DbConnection,
    id_hash: &str,
    user: UserId,
    replaces: Option<&str>,
) -> QueryResult<()> {
    super::transaction(conn, |conn| {
        if let Some(old) = replaces {
            diesel::delete(sessions::table.find(old)).execute(conn)?;
        }
        let at = now();
        diesel::insert_into(sessions::table)
            .values(&NewSession {
                id_hash,
                user_id: user.0,
                created_at: at,
                last_seen_at: at,
            })
            .execute(conn)?;
        Ok(())
    })
}

/// The user behind a live session. An expired session is deleted; a session of
/// a disabled account counts as absent.
#[tracing::instrument(skip_all)]
pub fn resolve(
    conn: &mut DbConnection,
    id_hash: &str,
    lifetimes: Lifetimes,
) -> QueryResult<Option<User>> {
    let found: Option<(NaiveDateTime, NaiveDateTime, User)> = super::unique(
        sessions::table
            .inner_join(users::table)
            .filter(sessions::id_hash.eq(id_hash))
            .select((
                sessions::created_at,
                sessions::last_seen_at,
                User::as_select(),
            ))
            .load(conn)?,
    );
    let Some((created_at, last_seen_at, user)) = found else {
        return Ok(None);
    };
    let at = now();
    let expired = at - created_at > lifetimes.absolute || at - last_seen_at > lifetimes.idle;
    if expired || user.is_disabled() {
        delete(conn, id_hash)?;
        return Ok(None);
    }
    if at - last_seen_at > touch_every(lifetimes.idle) {
        diesel::update(sessions::table.find(id_hash))
            .set(sessions::last_seen_at.eq(at))
            .execute(conn)?;
    }
    Ok(Some(user))
}

pub fn delete(conn: &mut DbConnection, id_hash: &str) -> QueryResult<usize> {
    diesel::delete(sessions::table.find(id_hash)).execute(conn)
}

/// Removes sessions that can no longer be used; run from time to time.
pub fn purge_expired(conn: &mut DbConnection, lifetimes: Lifetimes) -> QueryResult<usize> {
    let at = now();
    diesel::delete(
        sessions::table.filter(
            sessions::created_at
                .lt(at - lifetimes.absolute)
                .or(sessions::last_seen_at.lt(at - lifetimes.idle)),
        ),
    )
    .execute(conn)
}
