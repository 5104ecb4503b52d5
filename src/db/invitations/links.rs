//! Personal reply links after sending: who holds one, withdrawing a
//! recipient (their links answer 410 and no more mail goes to them), and
//! re-issuing a recipient's link (the old ones answer 410, a new invitation
//! with a fresh link is mailed). Removing a contact from the directory
//! withdraws it from every meeting.

use std::collections::HashMap;

use diesel::dsl::count_star;
use diesel::prelude::*;

use super::sending::{Letter, queue_letters};
use super::{InvitationError, Recipient, invitees_of, lock_meeting, recipients_of, settings};
use crate::db::audit::{self, Actor};
use crate::db::consultation::Mailing;
use crate::db::meetings;
use crate::db::schema::{invitation_links, invitation_recipients};
use crate::db::{DbConnection, now, transaction};
use crate::domain::meeting::Status;
use crate::domain::messages as kinds;

/// A recipient of a meeting with the invitee they answer for and how many of
/// their links still open the reply page.
#[derive(Debug, Clone)]
pub struct RecipientLinks {
    pub recipient: Recipient,
    pub invitee_name: String,
    pub live_links: i64,
}

/// Why a link cannot be withdrawn or re-issued.
pub type LinkError = InvitationError;

/// Every recipient of the meeting, in the order they were invited.
pub fn links(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Vec<RecipientLinks>> {
    let names: HashMap<i64, String> = invitees_of(conn, meeting_id)?
        .into_iter()
        .map(|i| (i.id, i.name))
        .collect();
    let live: HashMap<i64, i64> = invitation_links::table
        .inner_join(invitation_recipients::table)
        .filter(invitation_recipients::meeting_id.eq(meeting_id))
        .filter(invitation_links::revoked_at.is_null())
        .group_by(invitation_links::recipient_id)
        .select((invitation_links::recipient_id, count_star()))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    Ok(recipients_of(conn, meeting_id)?
        .into_iter()
        .map(|recipient| RecipientLinks {
            invitee_name: names
                .get(&recipient.invitee_id)
                .cloned()
                .unwrap_or_default(),
            live_links: live.get(&recipient.id).copied().unwrap_or(0),
            recipient,
        })
        .collect())
}

fn recipient_of_meeting(
    conn: &mut DbConnection,
    meeting_id: i64,
    recipient_id: i64,
) -> Result<Recipient, InvitationError> {
    invitation_recipients::table
        .find(recipient_id)
        .filter(invitation_recipients::meeting_id.eq(meeting_id))
        .select(Recipient::as_select())
        .first(conn)
        .optional()?
        .ok_or(InvitationError::NoRecipient)
}

/// Ends every live link of one recipient; returns how many there were.
fn revoke_links(conn: &mut DbConnection, recipient_id: i64) -> QueryResult<usize> {
    diesel::update(
        invitation_links::table
            .filter(invitation_links::recipient_id.eq(recipient_id))
            .filter(invitation_links::revoked_at.is_null()),
    )
    .set(invitation_links::revoked_at.eq(Some(now())))
    .execute(conn)
}

fn mark_withdrawn(conn: &mut DbConnection, recipient_id: i64) -> QueryResult<usize> {
    diesel::update(
        invitation_recipients::table
            .find(recipient_id)
            .filter(invitation_recipients::withdrawn_at.is_null()),
    )
    .set(invitation_recipients::withdrawn_at.eq(Some(now())))
    .execute(conn)
}

/// Withdraws one recipient: their links stop working and updates or a
/// cancellation no longer go to them. Withdrawing twice changes nothing.
pub fn withdraw(
    conn: &mut DbConnection,
    meeting_id: i64,
    recipient_id: i64,
    actor: &Actor,
) -> Result<(), InvitationError> {
    transaction(conn, |conn| {
        let recipient = recipient_of_meeting(conn, meeting_id, recipient_id)?;
        let revoked = revoke_links(conn, recipient.id)?;
        if mark_withdrawn(conn, recipient.id)? + revoked > 0 {
            audit::record(
                conn,
                actor,
                Some(meeting_id),
                "invitation.link.withdrawn",
                &format!(
                    "Reply link of {} <{}> withdrawn",
                    recipient.name, recipient.email
                ),
            )?;
        }
        Ok(())
    })
}

/// Ends a recipient's links and mails them the invitation again with a new
/// one (for a link forwarded by mistake, or a recipient withdrawn earlier).
pub fn reissue_link(
    conn: &mut DbConnection,
    meeting_id: i64,
    recipient_id: i64,
    actor: &Actor,
    mailing: &Mailing,
) -> Result<(), InvitationError> {
    transaction(conn, |conn| {
        lock_meeting(conn, meeting_id)?;
        let meeting = meetings::get(conn, meeting_id)?;
        match meeting.status {
            Status::Invited => {}
            Status::Cancelled => return Err(InvitationError::Cancelled),
            _ => return Err(InvitationError::NotSent),
        }
        let settings = settings(conn, meeting_id)?.ok_or(InvitationError::NotSent)?;
        let recipient = recipient_of_meeting(conn, meeting_id, recipient_id)?;
        let earlier: i64 = invitation_links::table
            .filter(invitation_links::recipient_id.eq(recipient.id))
            .count()
            .get_result(conn)?;
        revoke_links(conn, recipient.id)?;
        diesel::update(invitation_recipients::table.find(recipient.id))
            .set(invitation_recipients::withdrawn_at.eq(None::<chrono::NaiveDateTime>))
            .execute(conn)?;
        let names = invitees_of(conn, meeting_id)?
            .into_iter()
            .filter(|i| i.id == recipient.invitee_id)
            .map(|i| (i.id, i.name))
            .collect();
        let letter = Letter::new(&meeting, &settings, "")?;
        // The round makes this message distinct from the first invitation
        // (same kind and sequence), and is the same for a replayed request
        // only if no link was issued in between.
        let round = format!(":reissue{earlier}");
        queue_letters(
            conn,
            &letter,
            kinds::INVITATION,
            std::slice::from_ref(&recipient),
            &names,
            mailing,
            &round,
        )?;
        audit::record(
            conn,
            actor,
            Some(meeting_id),
            "invitation.link.reissued",
            &format!(
                "Reply link of {} <{}> re-issued",
                recipient.name, recipient.email
            ),
        )?;
        Ok(())
    })
}

/// Withdraws a contact from every meeting it was invited to, inside the
/// transaction that removes the contact; returns how many recipients.
pub fn withdraw_contact(conn: &mut DbConnection, contact_id: i64) -> QueryResult<usize> {
    let ids: Vec<i64> = invitation_recipients::table
        .filter(invitation_recipients::contact_id.eq(contact_id))
        .select(invitation_recipients::id)
        .load(conn)?;
    for id in &ids {
        revoke_links(conn, *id)?;
        mark_withdrawn(conn, *id)?;
    }
    Ok(ids.len())
}
