//! Changes after approval: a new date, time, modality, venue or link (an
//! update to every recipient once invited) and a cancellation.

use diesel::prelude::*;

use super::sending::{Letter, write_to_everyone};
use super::{InvitationError, Settings, editable, lock_meeting, settings};
use crate::db::audit::{self, Actor};
use crate::db::consultation::Mailing;
use crate::db::meetings;
use crate::db::schema::{invitation_settings, meetings as meetings_table};
use crate::db::{DbConnection, now, transaction};
use crate::domain::invitation::Change;
use crate::domain::meeting::{Status, show_instant};
use crate::domain::messages as kinds;

/// What a change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// Everything was already so: nobody is written to.
    Nothing,
    /// Saved before the invitations went out: nobody to tell yet.
    Saved,
    /// Updates queued to this many recipients.
    Updated(usize),
}

/// Changes the date, time, modality, venue or link of an approved meeting.
/// Once the invitations went out, every recipient is sent an update (same
/// UID, SEQUENCE + 1); before, the decision is simply corrected.
pub fn change(
    conn: &mut DbConnection,
    meeting_id: i64,
    change: &Change,
    actor: &Actor,
    mailing: &Mailing,
) -> Result<Changed, InvitationError> {
    transaction(conn, |conn| {
        lock_meeting(conn, meeting_id)?;
        let meeting = meetings::get(conn, meeting_id)?;
        editable(&meeting)?;
        let approval = meeting
            .approval
            .as_ref()
            .ok_or(InvitationError::NotApproved)?;
        let place = &change.place;
        if approval.start == change.start
            && approval.end == change.end
            && approval.modality == Some(place.modality)
            && approval.venue == place.venue
            && approval.link == place.link
        {
            return Ok(Changed::Nothing);
        }
        let at = now();
        diesel::update(meetings_table::table.find(meeting_id))
            .set((
                meetings_table::approved_start.eq(Some(change.start.naive_utc())),
                meetings_table::approved_end.eq(Some(change.end.naive_utc())),
                meetings_table::approved_modality.eq(Some(place.modality.as_str())),
                meetings_table::approved_venue.eq(&place.venue),
                meetings_table::approved_link.eq(&place.link),
                meetings_table::updated_at.eq(at),
            ))
            .execute(conn)?;
        let tz = meeting.settings.time_zone;
        let what = format!(
            "{} – {}, {}{}{}",
            show_instant(change.start, tz),
            show_instant(change.end, tz),
            place.modality.label(),
            if place.venue.is_empty() {
                String::new()
            } else {
                format!(", venue: {}", place.venue)
            },
            if place.link.is_empty() {
                String::new()
            } else {
                format!(", link: {}", place.link)
            },
        );
        let sent = settings(conn, meeting_id)?.filter(|s| s.sent_at.is_some());
        let Some(settings) = sent else {
            audit::record(
                conn,
                actor,
                Some(meeting_id),
                "meeting.decision_changed",
                &format!("Changed before sending to {what}"),
            )?;
            return Ok(Changed::Saved);
        };
        diesel::update(invitation_settings::table.find(meeting_id))
            .set((
                invitation_settings::sequence.eq(invitation_settings::sequence + 1),
                invitation_settings::updated_at.eq(at),
            ))
            .execute(conn)?;
        let settings = Settings {
            sequence: settings.sequence + 1,
            ..settings
        };
        let meeting = meetings::get(conn, meeting_id)?;
        let letter = Letter::new(&meeting, &settings, &change.note)?;
        let queued = write_to_everyone(conn, &letter, kinds::INVITATION_UPDATE, mailing)?;
        audit::record(
            conn,
            actor,
            Some(meeting_id),
            "invitations.updated",
            &format!(
                "Changed to {what}; update {} queued for {queued} recipients",
                settings.sequence
            ),
        )?;
        Ok(Changed::Updated(queued))
    })
}

/// Cancels a meeting from any status. When invitations went out, every
/// recipient is sent the cancellation (`METHOD:CANCEL`, SEQUENCE + 1).
/// Returns how many cancellations were queued.
pub fn cancel(
    conn: &mut DbConnection,
    meeting_id: i64,
    reason: &str,
    actor: &Actor,
    mailing: &Mailing,
) -> Result<usize, InvitationError> {
    transaction(conn, |conn| {
        lock_meeting(conn, meeting_id)?;
        let meeting = meetings::get(conn, meeting_id)?;
        if meeting.status == Status::Cancelled {
            return Err(InvitationError::Cancelled);
        }
        meetings::transition(conn, meeting_id, meeting.status, Status::Cancelled)?;
        let mut queued = 0;
        if let Some(settings) = settings(conn, meeting_id)?
            && settings.sent_at.is_some()
            && meeting.approval.is_some()
        {
            let at = now();
            diesel::update(invitation_settings::table.find(meeting_id))
                .set((
                    invitation_settings::sequence.eq(invitation_settings::sequence + 1),
                    invitation_settings::cancelled_at.eq(Some(at)),
                    invitation_settings::updated_at.eq(at),
                ))
                .execute(conn)?;
            let settings = Settings {
                sequence: settings.sequence + 1,
                ..settings
            };
            let letter = Letter::new(&meeting, &settings, reason)?;
            queued = write_to_everyone(conn, &letter, kinds::INVITATION_CANCEL, mailing)?;
        }
        audit::record(
            conn,
            actor,
            Some(meeting_id),
            "meeting.cancelled",
            &format!(
                "Meeting cancelled{}{}",
                if reason.is_empty() {
                    String::new()
                } else {
                    format!(" ({reason})")
                },
                if queued > 0 {
                    format!("; cancellation queued for {queued} recipients")
                } else {
                    String::new()
                }
            ),
        )?;
        Ok(queued)
    })
}
