//! The outbox: one row per email, written in the same transaction as the change
//! that causes it, sent later by the worker (see `mail::worker`). Rows are kept
//! for ever; their status is what the secretariat sees.
//!
//! A row holds the template kind and its parameters, not the rendered message:
//! the worker renders at send time. A personal link's token is held only sealed
//! (`sealed_secret`, see `domain::seal`) and wiped once the message is sent.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::audit::{self, Actor};
use super::schema::{outbox, outbox_pauses};
use super::{DbConnection, now, transaction};
use crate::domain::token::Token;

mod waiting;
pub use waiting::{Waiting, oldest_queued, waiting};

/// A row's status: waiting (perhaps for a retry), claimed by a worker,
/// delivered, or given up on.
pub const QUEUED: &str = "queued";
pub const SENDING: &str = "sending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";

/// A message to queue. `dedupe_key`, when given, makes the enqueue idempotent:
/// a second message with the same key is not queued.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub kind: String,
    pub meeting_id: Option<i64>,
    pub recipient_email: String,
    pub recipient_name: String,
    pub language: String,
    pub params: serde_json::Value,
    pub sealed_secret: Option<String>,
    pub dedupe_key: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct Message {
    pub id: i64,
    pub kind: String,
    pub meeting_id: Option<i64>,
    pub recipient_email: String,
    pub recipient_name: String,
    pub language: String,
    pub params: String,
    pub sealed_secret: Option<String>,
    pub message_id: String,
    pub dedupe_key: Option<String>,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub claimed_at: Option<NaiveDateTime>,
    pub claimed_by: Option<String>,
    pub sent_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
}

/// A Message-ID on the service's own domain, fixed when the row is written so
/// that every retry of the message carries the same one.
pub fn new_message_id(domain: &str) -> String {
    format!("<{}@{domain}>", &Token::generate().expose()[..32])
}

/// Whether a message with this dedupe key was ever queued.
pub fn is_queued(conn: &mut DbConnection, dedupe_key: &str) -> QueryResult<bool> {
    let count: i64 = outbox::table
        .filter(outbox::dedupe_key.eq(dedupe_key))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// Queues one message; returns its row id, or `None` when its dedupe key was
/// already queued. Call inside the transaction of the change that causes it.
pub fn enqueue(
    conn: &mut DbConnection,
    message: &NewMessage,
    message_domain: &str,
) -> QueryResult<Option<i64>> {
    if let Some(key) = &message.dedupe_key {
        let exists: i64 = outbox::table
            .filter(outbox::dedupe_key.eq(key))
            .count()
            .get_result(conn)?;
        if exists > 0 {
            return Ok(None);
        }
    }
    let at = now();
    let row = (
        outbox::kind.eq(&message.kind),
        outbox::meeting_id.eq(message.meeting_id),
        outbox::recipient_email.eq(&message.recipient_email),
        outbox::recipient_name.eq(&message.recipient_name),
        outbox::language.eq(&message.language),
        outbox::params.eq(message.params.to_string()),
        outbox::sealed_secret.eq(&message.sealed_secret),
        outbox::message_id.eq(new_message_id(message_domain)),
        outbox::dedupe_key.eq(&message.dedupe_key),
        outbox::status.eq("queued"),
        outbox::attempts.eq(0),
        outbox::next_attempt_at.eq(at),
        outbox::created_at.eq(at),
    );
    let id: i64 = crate::with_backend!(&mut *conn, |c| diesel::insert_into(outbox::table)
        .values(row)
        .returning(outbox::id)
        .get_result(c))?;
    Ok(Some(id))
}

/// Rows per INSERT statement in [`enqueue_batch`]: 13 values each stays
/// well under both backends' limit on bound parameters.
const BATCH_ROWS: usize = 1000;

/// Queues many messages with multi-row inserts; returns how many. For a
/// caller that knows its messages are new (each needs a dedupe key that was
/// never queued: the unique key makes a repeat fail rather than send twice).
/// Call inside the transaction of the change that causes them.
pub fn enqueue_batch(
    conn: &mut DbConnection,
    messages: &[NewMessage],
    message_domain: &str,
) -> QueryResult<usize> {
    let at = now();
    let mut queued = 0;
    for chunk in messages.chunks(BATCH_ROWS) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|m| {
                (
                    outbox::kind.eq(&m.kind),
                    outbox::meeting_id.eq(m.meeting_id),
                    outbox::recipient_email.eq(&m.recipient_email),
                    outbox::recipient_name.eq(&m.recipient_name),
                    outbox::language.eq(&m.language),
                    outbox::params.eq(m.params.to_string()),
                    outbox::sealed_secret.eq(&m.sealed_secret),
                    outbox::message_id.eq(new_message_id(message_domain)),
                    outbox::dedupe_key.eq(&m.dedupe_key),
                    outbox::status.eq(QUEUED),
                    outbox::attempts.eq(0),
                    outbox::next_attempt_at.eq(at),
                    outbox::created_at.eq(at),
                )
            })
            .collect();
        queued += crate::with_backend!(&mut *conn, |c| diesel::insert_into(outbox::table)
            .values(&rows)
            .execute(c))?;
    }
    Ok(queued)
}

/// Every message of a meeting, newest first.
pub fn for_meeting(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Vec<Message>> {
    outbox::table
        .filter(outbox::meeting_id.eq(meeting_id))
        .order(outbox::id.desc())
        .select(Message::as_select())
        .load(conn)
}

/// One message by id.
pub fn get(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Message>> {
    outbox::table
        .find(id)
        .select(Message::as_select())
        .first(conn)
        .optional()
}

/// Claims up to `limit` due messages for `worker` and returns them, marked
/// `sending`. Due: queued and past `next_attempt_at`, or `sending` under a
/// claim older than `lease` (its worker died before recording the outcome, so
/// the message is sent again rather than lost). Messages of a paused scope
/// are left alone.
///
/// PostgreSQL locks the chosen rows with `FOR UPDATE SKIP LOCKED`, so
/// concurrent workers take disjoint rows without waiting on each other;
/// SQLite's `BEGIN IMMEDIATE` makes the whole claim one writer's at a time.
#[tracing::instrument(skip(conn))]
pub fn claim(
    conn: &mut DbConnection,
    worker: &str,
    limit: i64,
    lease: chrono::Duration,
) -> QueryResult<Vec<Message>> {
    transaction(conn, |conn| {
        let scopes: Vec<String> = outbox_pauses::table
            .select(outbox_pauses::scope)
            .load(conn)?;
        if scopes.iter().any(|s| *s == PauseScope::All.key()) {
            return Ok(Vec::new());
        }
        let paused: Vec<i64> = scopes
            .iter()
            .filter_map(|s| PauseScope::parse(s))
            .filter_map(|s| match s {
                PauseScope::Meeting(id) => Some(id),
                PauseScope::All => None,
            })
            .collect();
        let at = now();
        let stale = at - lease;
        // Two queries rather than one with OR: each walks the (status,
        // next_attempt_at) index in order and stops after `limit` rows, where
        // the OR made SQLite sort every due row on each claim (5 ms a claim
        // with 10,000 queued).
        let not_paused = || {
            outbox::meeting_id
                .is_null()
                .or(outbox::meeting_id.ne_all(paused.clone()))
        };
        let queued = || {
            outbox::table
                .filter(outbox::status.eq(QUEUED))
                .filter(outbox::next_attempt_at.le(at))
                .filter(not_paused())
                .order((outbox::next_attempt_at, outbox::id))
                .limit(limit)
                .select((outbox::next_attempt_at, outbox::id))
        };
        let abandoned = || {
            outbox::table
                .filter(outbox::status.eq(SENDING))
                .filter(outbox::claimed_at.lt(stale))
                .filter(not_paused())
                .order((outbox::next_attempt_at, outbox::id))
                .limit(limit)
                .select((outbox::next_attempt_at, outbox::id))
        };
        let mut due: Vec<(NaiveDateTime, i64)> = match conn {
            DbConnection::Pg(c) => {
                let mut due = queued().for_update().skip_locked().load(c)?;
                due.extend(
                    abandoned()
                        .for_update()
                        .skip_locked()
                        .load::<(NaiveDateTime, i64)>(c)?,
                );
                due
            }
            DbConnection::Sqlite(c) => {
                let mut due = queued().load(c)?;
                due.extend(abandoned().load::<(NaiveDateTime, i64)>(c)?);
                due
            }
        };
        due.sort_unstable();
        due.truncate(usize::try_from(limit).unwrap_or(0));
        let ids: Vec<i64> = due.into_iter().map(|(_, id)| id).collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)))
            .set((
                outbox::status.eq(SENDING),
                outbox::claimed_at.eq(at),
                outbox::claimed_by.eq(worker),
            ))
            .execute(conn)?;
        outbox::table
            .filter(outbox::id.eq_any(&ids))
            .order(outbox::id)
            .select(Message::as_select())
            .load(conn)
    })
}

/// Records deliveries, in one statement, and wipes their sealed tokens: from
/// now on each personal link exists only as its hash. Returns how many rows
/// were `sending` and are now `sent`.
pub fn mark_all_sent(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<usize> {
    if ids.is_empty() {
        return Ok(0);
    }
    diesel::update(
        outbox::table
            .filter(outbox::id.eq_any(ids))
            .filter(outbox::status.eq(SENDING)),
    )
    .set((
        outbox::status.eq(SENT),
        outbox::sent_at.eq(Some(now())),
        outbox::sealed_secret.eq(None::<String>),
        outbox::last_error.eq(None::<String>),
        outbox::attempts.eq(outbox::attempts + 1),
    ))
    .execute(conn)
}

/// Ids per statement in [`renew`].
const RENEW_CHUNK: usize = 500;

/// Renews the lease on rows that `worker` still holds, so that no other
/// worker takes them while it is alive. Returns how many were renewed.
pub fn renew(conn: &mut DbConnection, ids: &[i64], worker: &str) -> QueryResult<usize> {
    let at = now();
    let mut renewed = 0;
    for chunk in ids.chunks(RENEW_CHUNK) {
        renewed += diesel::update(
            outbox::table
                .filter(outbox::id.eq_any(chunk))
                .filter(outbox::status.eq(SENDING))
                .filter(outbox::claimed_by.eq(worker)),
        )
        .set(outbox::claimed_at.eq(at))
        .execute(conn)?;
    }
    Ok(renewed)
}

/// Hands back rows that `worker` claimed but never started to send (it is
/// stopping): queued again as they were, attempts unchanged, so that any
/// worker may take them at once instead of after the lease.
pub fn release(conn: &mut DbConnection, ids: &[i64], worker: &str) -> QueryResult<usize> {
    if ids.is_empty() {
        return Ok(0);
    }
    diesel::update(
        outbox::table
            .filter(outbox::id.eq_any(ids))
            .filter(outbox::status.eq(SENDING))
            .filter(outbox::claimed_by.eq(worker)),
    )
    .set((
        outbox::status.eq(QUEUED),
        outbox::claimed_at.eq(None::<NaiveDateTime>),
        outbox::claimed_by.eq(None::<String>),
    ))
    .execute(conn)
}

/// Puts a message claimed by `worker` back in the queue after a temporary
/// failure, to be tried again at `retry_at`.
pub fn mark_retry(
    conn: &mut DbConnection,
    id: i64,
    worker: &str,
    error: &str,
    retry_at: NaiveDateTime,
) -> QueryResult<bool> {
    let updated = diesel::update(claimed_by(id, worker))
        .set((
            outbox::status.eq(QUEUED),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::next_attempt_at.eq(retry_at),
            outbox::last_error.eq(Some(error)),
        ))
        .execute(conn)?;
    Ok(updated == 1)
}

/// Puts a message claimed by `worker` back in the queue without an attempt
/// (the SMTP server was unreachable a moment ago), to be tried at `retry_at`;
/// `error` is what the last connection attempt said.
pub fn mark_deferred(
    conn: &mut DbConnection,
    id: i64,
    worker: &str,
    error: &str,
    retry_at: NaiveDateTime,
) -> QueryResult<bool> {
    let updated = diesel::update(claimed_by(id, worker))
        .set((
            outbox::status.eq(QUEUED),
            outbox::next_attempt_at.eq(retry_at),
            outbox::last_error.eq(Some(error)),
        ))
        .execute(conn)?;
    Ok(updated == 1)
}

/// Gives up on a message claimed by `worker`, keeping the reason (for SMTP,
/// the server's reply) for the secretariat.
pub fn mark_failed(
    conn: &mut DbConnection,
    id: i64,
    worker: &str,
    error: &str,
) -> QueryResult<bool> {
    let updated = diesel::update(claimed_by(id, worker))
        .set((
            outbox::status.eq(FAILED),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::last_error.eq(Some(error)),
        ))
        .execute(conn)?;
    Ok(updated == 1)
}

type ClaimedBy = diesel::dsl::Filter<
    diesel::dsl::Filter<
        diesel::dsl::Filter<outbox::table, diesel::dsl::Eq<outbox::id, i64>>,
        diesel::dsl::Eq<outbox::status, &'static str>,
    >,
    diesel::dsl::Eq<outbox::claimed_by, String>,
>;

/// The row `id` if `worker` still holds its claim.
fn claimed_by(id: i64, worker: &str) -> ClaimedBy {
    outbox::table
        .filter(outbox::id.eq(id))
        .filter(outbox::status.eq(SENDING))
        .filter(outbox::claimed_by.eq(worker.to_owned()))
}

/// How many messages are in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub queued: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
}

/// Counts by status, of one meeting's messages or of all.
pub fn counts(conn: &mut DbConnection, meeting_id: Option<i64>) -> QueryResult<Counts> {
    let mut query = outbox::table
        .group_by(outbox::status)
        .select((outbox::status, diesel::dsl::count_star()))
        .into_boxed();
    if let Some(meeting) = meeting_id {
        query = query.filter(outbox::meeting_id.eq(meeting));
    }
    Ok(tally(query.load(conn)?))
}

fn tally(rows: Vec<(String, i64)>) -> Counts {
    let mut counts = Counts::default();
    for (status, n) in rows {
        match status.as_str() {
            QUEUED => counts.queued = n,
            SENDING => counts.sending = n,
            SENT => counts.sent = n,
            FAILED => counts.failed = n,
            _ => {}
        }
    }
    counts
}

/// Counts by status of one meeting's messages of the given kinds.
pub fn counts_of_kinds(
    conn: &mut DbConnection,
    meeting_id: i64,
    kinds: &[&str],
) -> QueryResult<Counts> {
    let rows: Vec<(String, i64)> = outbox::table
        .filter(outbox::meeting_id.eq(meeting_id))
        .filter(outbox::kind.eq_any(kinds))
        .group_by(outbox::status)
        .select((outbox::status, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(tally(rows))
}

/// Failed messages, newest first, of one meeting or of all.
pub fn failures(
    conn: &mut DbConnection,
    meeting_id: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<Message>> {
    let mut query = outbox::table
        .filter(outbox::status.eq(FAILED))
        .order(outbox::id.desc())
        .limit(limit)
        .select(Message::as_select())
        .into_boxed();
    if let Some(meeting) = meeting_id {
        query = query.filter(outbox::meeting_id.eq(meeting));
    }
    query.load(conn)
}

/// The latest messages, newest first.
pub fn latest(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<Message>> {
    outbox::table
        .order(outbox::id.desc())
        .limit(limit)
        .select(Message::as_select())
        .load(conn)
}

/// The columns of a failed message queued again as if new.
macro_rules! requeued {
    () => {
        (
            outbox::status.eq(QUEUED),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(now()),
            outbox::last_error.eq(None::<String>),
            outbox::claimed_at.eq(None::<NaiveDateTime>),
            outbox::claimed_by.eq(None::<String>),
        )
    };
}

/// Queues a failed message again, as new (attempts reset). Returns false when
/// the message is not failed. Audited.
pub fn resend(conn: &mut DbConnection, id: i64, actor: &Actor) -> QueryResult<bool> {
    transaction(conn, |conn| {
        let meeting: Option<Option<i64>> = outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::status.eq(FAILED))
            .select(outbox::meeting_id)
            .first(conn)
            .optional()?;
        let Some(meeting) = meeting else {
            return Ok(false);
        };
        diesel::update(outbox::table.filter(outbox::id.eq(id)))
            .set(requeued!())
            .execute(conn)?;
        audit::record(
            conn,
            actor,
            meeting,
            "outbox.resent",
            &format!("message {id} queued again"),
        )?;
        Ok(true)
    })
}

/// Queues every failed message again (of one meeting, or all). Audited.
pub fn resend_all_failed(
    conn: &mut DbConnection,
    meeting_id: Option<i64>,
    actor: &Actor,
) -> QueryResult<usize> {
    transaction(conn, |conn| {
        let failed = outbox::table.filter(outbox::status.eq(FAILED));
        let n = match meeting_id {
            Some(meeting) => diesel::update(failed.filter(outbox::meeting_id.eq(meeting)))
                .set(requeued!())
                .execute(conn)?,
            None => diesel::update(failed).set(requeued!()).execute(conn)?,
        };
        if n > 0 {
            audit::record(
                conn,
                actor,
                meeting_id,
                "outbox.resent_all",
                &format!("{n} failed messages queued again"),
            )?;
        }
        Ok(n)
    })
}

/// What a pause covers: everything, or one meeting's messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseScope {
    All,
    Meeting(i64),
}

impl PauseScope {
    /// `all` or `meeting:<id>`, as stored in `outbox_pauses.scope`.
    pub fn parse(text: &str) -> Option<PauseScope> {
        match text.trim() {
            "all" => Some(PauseScope::All),
            other => other
                .strip_prefix("meeting:")?
                .parse()
                .ok()
                .map(PauseScope::Meeting),
        }
    }

    pub fn key(self) -> String {
        match self {
            PauseScope::All => "all".to_owned(),
            PauseScope::Meeting(id) => format!("meeting:{id}"),
        }
    }
}

/// Stops the worker from claiming the scope's messages (those already being
/// sent finish). Returns false when it was paused already. Audited.
pub fn pause(conn: &mut DbConnection, scope: PauseScope, actor: &Actor) -> QueryResult<bool> {
    transaction(conn, |conn| {
        if is_paused(conn, scope)? {
            return Ok(false);
        }
        let paused_by = match actor {
            Actor::User(id, _) => Some(id.0),
            _ => None,
        };
        diesel::insert_into(outbox_pauses::table)
            .values((
                outbox_pauses::scope.eq(scope.key()),
                outbox_pauses::paused_by.eq(paused_by),
                outbox_pauses::paused_at.eq(now()),
            ))
            .execute(conn)?;
        audit::record(
            conn,
            actor,
            meeting_of(scope),
            "outbox.paused",
            &scope.key(),
        )?;
        Ok(true)
    })
}

/// Lets the worker claim the scope's messages again. Returns false when it
/// was not paused. Audited.
pub fn resume(conn: &mut DbConnection, scope: PauseScope, actor: &Actor) -> QueryResult<bool> {
    transaction(conn, |conn| {
        let removed =
            diesel::delete(outbox_pauses::table.filter(outbox_pauses::scope.eq(scope.key())))
                .execute(conn)?;
        if removed > 0 {
            audit::record(
                conn,
                actor,
                meeting_of(scope),
                "outbox.resumed",
                &scope.key(),
            )?;
        }
        Ok(removed > 0)
    })
}

pub fn is_paused(conn: &mut DbConnection, scope: PauseScope) -> QueryResult<bool> {
    let n: i64 = outbox_pauses::table
        .filter(outbox_pauses::scope.eq(scope.key()))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

fn meeting_of(scope: PauseScope) -> Option<i64> {
    match scope {
        PauseScope::All => None,
        PauseScope::Meeting(id) => Some(id),
    }
}
