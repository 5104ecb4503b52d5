//! Replies: the recipient behind a personal link, the delegation, and
//! saving a reply.

use chrono::Utc;
use diesel::prelude::*;

use super::{InvitationError, Invitee, Recipient};
use crate::db::audit::{self, Actor};
use crate::db::meetings;
use crate::db::schema::{delegates, invitation_links, invitation_recipients, invitees};
use crate::db::{DbConnection, now, transaction};
use crate::domain::invitation::{Delegate, Reply, replies_open};
use crate::domain::token;

/// The recipient behind a personal link, with the invitee they answer for.
#[derive(Debug, Clone)]
pub struct Personal {
    pub recipient: Recipient,
    pub invitee: Invitee,
    /// The link was re-issued or the recipient withdrawn: it opens nothing.
    pub withdrawn: bool,
}

/// Finds the recipient a presented reply token belongs to.
pub fn by_token(conn: &mut DbConnection, presented: &str) -> QueryResult<Option<Personal>> {
    let found: Option<(Recipient, Option<chrono::NaiveDateTime>)> = invitation_links::table
        .inner_join(invitation_recipients::table)
        .filter(invitation_links::token_hash.eq(token::digest(presented)))
        .select((Recipient::as_select(), invitation_links::revoked_at))
        .first(conn)
        .optional()?;
    let Some((recipient, revoked_at)) = found else {
        return Ok(None);
    };
    let withdrawn = revoked_at.is_some() || recipient.withdrawn_at.is_some();
    let invitee = invitees::table
        .find(recipient.invitee_id)
        .select(Invitee::as_select())
        .first(conn)?;
    Ok(Some(Personal {
        recipient,
        invitee,
        withdrawn,
    }))
}

/// A recipient by id: who last saved an invitee's reply.
pub fn recipient(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Recipient>> {
    invitation_recipients::table
        .find(id)
        .select(Recipient::as_select())
        .first(conn)
        .optional()
}

/// The delegation of an invitee, in order.
pub fn delegation(conn: &mut DbConnection, invitee_id: i64) -> QueryResult<Vec<Delegate>> {
    let rows: Vec<(String, String)> = delegates::table
        .filter(delegates::invitee_id.eq(invitee_id))
        .order((delegates::position, delegates::id))
        .select((delegates::name, delegates::function))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(name, function)| Delegate { name, function })
        .collect())
}

/// Saves an invitee's reply (replacing the previous one and its
/// delegation), given through `recipient`'s link. Audited.
pub fn reply(
    conn: &mut DbConnection,
    personal: &Personal,
    reply: &Reply,
) -> Result<(), InvitationError> {
    transaction(conn, |conn| {
        let meeting = meetings::get(conn, personal.invitee.meeting_id)?;
        replies_open(
            meeting.status,
            meeting.approval.as_ref().map(|a| a.start),
            Utc::now(),
        )?;
        let invitee_id = personal.invitee.id;
        diesel::update(invitees::table.find(invitee_id))
            .set((
                invitees::response.eq(Some(reply.response.as_str())),
                invitees::note.eq(&reply.note),
                invitees::responded_at.eq(Some(now())),
                invitees::responded_by.eq(Some(personal.recipient.id)),
            ))
            .execute(conn)?;
        diesel::delete(delegates::table.filter(delegates::invitee_id.eq(invitee_id)))
            .execute(conn)?;
        let rows: Vec<_> = reply
            .delegates
            .iter()
            .enumerate()
            .map(|(i, d)| {
                (
                    delegates::invitee_id.eq(invitee_id),
                    delegates::position.eq(i32::try_from(i).unwrap_or(i32::MAX)),
                    delegates::name.eq(&d.name),
                    delegates::function.eq(&d.function),
                )
            })
            .collect();
        if !rows.is_empty() {
            crate::with_backend!(&mut *conn, |c| diesel::insert_into(delegates::table)
                .values(&rows)
                .execute(c))?;
        }
        audit::record(
            conn,
            &Actor::Invitee {
                name: personal.invitee.name.clone(),
            },
            Some(meeting.id),
            "invitation.replied",
            &format!(
                "{}: {} ({} delegates), by {}",
                personal.invitee.name,
                reply.response.label(),
                reply.delegates.len(),
                personal.recipient.email
            ),
        )?;
        Ok(())
    })
}
