//! Messages waiting to retry: queued again after a temporary failure (a 4xx
//! reply, a connection error) or left alone while the server was down. The
//! secretariat sees how many, the last reply and when the next attempt is,
//! so that an outage is not mistaken for a stalled bar with no failure.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::QUEUED;
use crate::db::DbConnection;
use crate::db::schema::outbox;

/// What the pages say about messages waiting to retry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Waiting {
    pub count: i64,
    /// The reply of the most recent attempt among them.
    pub last_reply: Option<String>,
    /// The earliest of their next attempts.
    pub next_attempt_at: Option<NaiveDateTime>,
}

/// Messages waiting to retry, of one meeting or of all, and of the given
/// kinds or of any. A queued message with a reply kept is one that failed
/// (a delivery, a resend and a new message all clear it).
pub fn waiting(
    conn: &mut DbConnection,
    meeting_id: Option<i64>,
    kinds: Option<&[&str]>,
) -> QueryResult<Waiting> {
    let rows = || {
        let mut query = outbox::table
            .filter(outbox::status.eq(QUEUED))
            .filter(outbox::last_error.is_not_null())
            .into_boxed();
        if let Some(meeting) = meeting_id {
            query = query.filter(outbox::meeting_id.eq(meeting));
        }
        if let Some(kinds) = kinds {
            query = query.filter(outbox::kind.eq_any(kinds.to_vec()));
        }
        query
    };
    let (count, next_attempt_at): (i64, Option<NaiveDateTime>) = rows()
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::min(outbox::next_attempt_at),
        ))
        .first(conn)?;
    if count == 0 {
        return Ok(Waiting::default());
    }
    // The claim time of a queued row is that of its last attempt.
    let last_reply: Option<Option<String>> = rows()
        .order((
            outbox::claimed_at.is_null(),
            outbox::claimed_at.desc(),
            outbox::id.desc(),
        ))
        .select(outbox::last_error)
        .first(conn)
        .optional()?;
    Ok(Waiting {
        count,
        last_reply: last_reply.flatten(),
        next_attempt_at,
    })
}

/// When the oldest message still to be sent (queued, waiting to retry or
/// being sent) was queued.
pub fn oldest_queued(conn: &mut DbConnection) -> QueryResult<Option<NaiveDateTime>> {
    outbox::table
        .filter(outbox::status.eq_any([QUEUED, super::SENDING]))
        .select(diesel::dsl::min(outbox::created_at))
        .first(conn)
}
