//! The outbox: one row per email, written in the same transaction as the change
//! that causes it, sent later by the worker (see `mail::worker`). Rows are kept
//! for ever; their status is what the secretariat sees.
//!
//! A row holds the template kind and its parameters, not the rendered message:
//! the worker renders at send time. A personal link's token is held only sealed
//! (`sealed_secret`, see `domain::seal`) and wiped once the message is sent.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::outbox;
use super::{DbConnection, now};
use crate::domain::token::Token;

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

/// Every message of a meeting, newest first.
pub fn for_meeting(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Vec<Message>> {
    outbox::table
        .filter(outbox::meeting_id.eq(meeting_id))
        .order(outbox::id.desc())
        .select(Message::as_select())
        .load(conn)
}

/// How many messages are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub queued: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
}

/// Message counts by status, for one meeting or for everything.
pub fn status_counts(conn: &mut DbConnection, meeting_id: Option<i64>) -> QueryResult<Counts> {
    let mut query = outbox::table
        .group_by(outbox::status)
        .select((outbox::status, diesel::dsl::count_star()))
        .into_boxed();
    if let Some(id) = meeting_id {
        query = query.filter(outbox::meeting_id.eq(id));
    }
    let rows: Vec<(String, i64)> = query.load(conn)?;
    let mut counts = Counts::default();
    for (status, n) in rows {
        match status.as_str() {
            "queued" => counts.queued = n,
            "sending" => counts.sending = n,
            "sent" => counts.sent = n,
            "failed" => counts.failed = n,
            _ => {}
        }
    }
    Ok(counts)
}
