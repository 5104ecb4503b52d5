//! The participant list: every invitee with its reply and delegation.

use std::collections::HashMap;

use diesel::prelude::*;

use super::{Invitee, invitees_of};
use crate::db::DbConnection;
use crate::db::schema::{delegates, invitees};
use crate::domain::invitation::{Counted, Delegate};

/// An invitee with its delegation, for the participant list.
#[derive(Debug, Clone)]
pub struct Participant {
    pub invitee: Invitee,
    pub delegates: Vec<Delegate>,
}

/// Every invitee of a meeting with its reply and delegation, by category
/// then name.
pub fn participants(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Vec<Participant>> {
    let mut list = invitees_of(conn, meeting_id)?;
    list.sort_by(|a, b| (a.category(), &a.name).cmp(&(b.category(), &b.name)));
    let rows: Vec<(i64, String, String)> = delegates::table
        .inner_join(invitees::table)
        .filter(invitees::meeting_id.eq(meeting_id))
        .order((delegates::invitee_id, delegates::position, delegates::id))
        .select((delegates::invitee_id, delegates::name, delegates::function))
        .load(conn)?;
    let mut by_invitee: HashMap<i64, Vec<Delegate>> = HashMap::new();
    for (invitee, name, function) in rows {
        by_invitee
            .entry(invitee)
            .or_default()
            .push(Delegate { name, function });
    }
    Ok(list
        .into_iter()
        .map(|invitee| Participant {
            delegates: by_invitee.remove(&invitee.id).unwrap_or_default(),
            invitee,
        })
        .collect())
}

impl Participant {
    /// What counting the replies needs of this invitee.
    pub fn counted(&self) -> Counted<'_> {
        Counted {
            category: self.invitee.category(),
            group_name: self.invitee.group_name.as_deref(),
            response: self.invitee.response(),
            delegates: self.delegates.len(),
        }
    }
}
