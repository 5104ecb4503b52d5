//! Changes after sending: a new date, time or venue (an update to every
//! recipient) and a cancellation.

use chrono::Utc;
use diesel::prelude::*;

use super::sending::{Letter, write_to_everyone};
use super::{InvitationError, Settings, lock_meeting, settings, times};
use crate::db::audit::{self, Actor};
use crate::db::consultation::Mailing;
use crate::db::meetings;
use crate::db::schema::{invitation_settings, meetings as meetings_table};
use crate::db::{DbConnection, now, transaction};
use crate::domain::invitation::Change;
use crate::domain::meeting::Status;
use crate::domain::messages as kinds;

/// What a change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// Date, time and venue were already so: nobody is written to.
    Nothing,
    /// Updates queued to this many recipients.
    Updated(usize),
}

/// Changes the date, time or venue of a meeting whose invitations went out,
/// and sends every recipient an update (same UID, SEQUENCE + 1).
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
        let settings = match (meeting.status, settings(conn, meeting_id)?) {
            (Status::Cancelled, _) => return Err(InvitationError::Cancelled),
            (Status::Invited, Some(s)) => s,
            _ => return Err(InvitationError::NotSent),
        };
        let (start, end) = times(&meeting)?;
        if start == change.start && end == change.end && settings.venue == change.venue {
            return Ok(Changed::Nothing);
        }
        let at = now();
        diesel::update(meetings_table::table.find(meeting_id))
            .set((
                meetings_table::approved_start.eq(Some(change.start.naive_utc())),
                meetings_table::approved_end.eq(Some(change.end.naive_utc())),
                meetings_table::updated_at.eq(at),
            ))
            .execute(conn)?;
        diesel::update(invitation_settings::table.find(meeting_id))
            .set((
                invitation_settings::venue.eq(&change.venue),
                invitation_settings::sequence.eq(invitation_settings::sequence + 1),
                invitation_settings::updated_at.eq(at),
            ))
            .execute(conn)?;
        let settings = Settings {
            venue: change.venue.clone(),
            sequence: settings.sequence + 1,
            ..settings
        };
        let letter = Letter {
            meeting: &meeting,
            settings: &settings,
            start: change.start,
            end: change.end,
            stamp: Utc::now(),
            note: &change.note,
        };
        let queued = write_to_everyone(conn, &letter, kinds::INVITATION_UPDATE, mailing)?;
        let tz = meeting.settings.time_zone;
        audit::record(
            conn,
            actor,
            Some(meeting_id),
            "invitations.updated",
            &format!(
                "Changed to {} – {}{}; update {} queued for {queued} recipients",
                crate::domain::meeting::show_instant(change.start, tz),
                crate::domain::meeting::show_instant(change.end, tz),
                if change.venue.is_empty() {
                    String::new()
                } else {
                    format!(", venue: {}", change.venue)
                },
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
        if let (Some(settings), Ok((start, end))) = (settings(conn, meeting_id)?, times(&meeting))
            && settings.sent_at.is_some()
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
            let letter = Letter {
                meeting: &meeting,
                settings: &settings,
                start,
                end,
                stamp: Utc::now(),
                note: reason,
            };
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
