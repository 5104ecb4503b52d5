//! The audit log: who did what to which meeting, and when. Written in the same
//! transaction as the change it records; never updated or deleted.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::audit_log;
use super::{DbConnection, now};
use crate::domain::UserId;

/// Who acted.
#[derive(Debug, Clone)]
pub enum Actor {
    /// A secretariat member, by id and the name shown in the log.
    User(UserId, String),
    /// A regional group's coordinator through their personal link.
    Coordinator { group: String },
    /// An invitee replying through a personal link, by the invitee's name.
    Invitee { name: String },
    /// convene itself (deadline reached, reminder sent, worker).
    System,
}

impl Actor {
    fn user_id(&self) -> Option<i64> {
        match self {
            Actor::User(id, _) => Some(id.0),
            _ => None,
        }
    }

    fn label(&self) -> String {
        match self {
            Actor::User(_, name) => name.clone(),
            Actor::Coordinator { group } => format!("coordinator of {group}"),
            Actor::Invitee { name } => format!("invitee {name}"),
            Actor::System => "convene".to_owned(),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct Entry {
    pub id: i64,
    pub at: NaiveDateTime,
    pub user_id: Option<i64>,
    pub actor: String,
    pub meeting_id: Option<i64>,
    pub action: String,
    pub detail: String,
}

/// Records one event. `action` is a short stable key (`meeting.opened`,
/// `answer.saved`, `link.revoked` …); `detail` is for people.
pub fn record(
    conn: &mut DbConnection,
    actor: &Actor,
    meeting_id: Option<i64>,
    action: &str,
    detail: &str,
) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::at.eq(now()),
            audit_log::user_id.eq(actor.user_id()),
            audit_log::actor.eq(actor.label()),
            audit_log::meeting_id.eq(meeting_id),
            audit_log::action.eq(action),
            audit_log::detail.eq(detail),
        ))
        .execute(conn)?;
    Ok(())
}

/// An entry to record with others in one insert (see [`record_all`]).
pub struct Pending {
    pub actor: Actor,
    pub meeting_id: Option<i64>,
    pub action: &'static str,
    pub detail: String,
}

/// Records several events that happened at the same instant, in one statement.
pub fn record_all(
    conn: &mut DbConnection,
    entries: &[Pending],
    at: NaiveDateTime,
) -> QueryResult<()> {
    let rows: Vec<_> = entries
        .iter()
        .map(|e| {
            (
                audit_log::at.eq(at),
                audit_log::user_id.eq(e.actor.user_id()),
                audit_log::actor.eq(e.actor.label()),
                audit_log::meeting_id.eq(e.meeting_id),
                audit_log::action.eq(e.action),
                audit_log::detail.eq(e.detail.as_str()),
            )
        })
        .collect();
    crate::with_backend!(conn, |c| diesel::insert_into(audit_log::table)
        .values(&rows)
        .execute(c))?;
    Ok(())
}

/// A meeting's log, newest first.
pub fn for_meeting(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Vec<Entry>> {
    audit_log::table
        .filter(audit_log::meeting_id.eq(meeting_id))
        .order((audit_log::at.desc(), audit_log::id.desc()))
        .select(Entry::as_select())
        .load(conn)
}
