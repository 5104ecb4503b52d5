//! Approving a slot: closed → approved, once. The approved slot's start and
//! end are stored as UTC instants computed from the session times in the
//! meeting's zone (so they are right across a daylight-saving change), the
//! approval is audited, and every coordinator of a consulted group is told the
//! outcome through the outbox, all in one transaction. The secretariat's
//! decision (modality, venue, link, session times) is stored with the slot,
//! and the slot's times come from the decided sessions.
//!
//! Races: the status moves only `WHERE status = 'closed'`, so of two approvals
//! at the same moment exactly one wins; the other gets [`ApproveError::Taken`]
//! naming what was approved, by whom and when. Approving the very slot that is
//! already approved (a double click) is not an error.

use diesel::prelude::*;

use super::audit::{self, Actor};
use super::consultation::Mailing;
use super::meetings::{self, Approval, MeetingError};
use super::outbox::{self, NewMessage};
use super::schema::{contacts, meetings as meetings_table, users};
use super::{DbConnection, now};
use crate::domain::decision::Decision;
use crate::domain::meeting::{MeetingSettings, Status};
use crate::domain::messages::{self as kinds, OutcomeParams};
use crate::domain::units::Unit;

#[derive(Debug, thiserror::Error)]
pub enum ApproveError {
    #[error(transparent)]
    Meeting(#[from] MeetingError),
    #[error("that slot does not exist in this consultation")]
    NoSuchSlot,
    #[error("another slot was approved")]
    Taken {
        slot: String,
        by: String,
        at: String,
    },
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

/// Whether this call approved the slot or found it approved already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Approved {
    Now,
    Already,
}

/// The slot's units, if it is one the consultation allows.
pub fn slot_units(settings: &MeetingSettings, start: &Unit, duration: u32) -> Option<Vec<Unit>> {
    let units = settings.units();
    let index = units.iter().position(|u| u == start)?;
    let end = index.checked_add(duration as usize)?;
    if duration == 0 || end > units.len() || !settings.durations.contains(&duration) {
        return None;
    }
    let slot = units[index..end].to_vec();
    if !settings.allow_spanning && !slot.windows(2).all(|w| w[0].is_followed_by(&w[1])) {
        return None;
    }
    Some(slot)
}

/// "Tue 2 Mar 2027 – Thu 4 Mar 2027 (3 days)".
pub fn describe(settings: &MeetingSettings, units: &[Unit]) -> String {
    match (units.first(), units.last()) {
        (Some(first), Some(last)) if first == last => {
            format!("{} ({})", first.label(), settings.duration_label(1))
        }
        (Some(first), Some(last)) => format!(
            "{} – {} ({})",
            first.label(),
            last.label(),
            settings.duration_label(units.len() as u32)
        ),
        _ => String::new(),
    }
}

fn approver_name(conn: &mut DbConnection, approval: &Approval) -> QueryResult<String> {
    match approval.by {
        Some(id) => Ok(users::table
            .find(id)
            .select((users::name, users::email))
            .first::<(String, String)>(conn)
            .optional()?
            .map_or_else(
                || "a former member".to_owned(),
                |(n, e)| if n.is_empty() { e } else { n },
            )),
        None => Ok("convene".to_owned()),
    }
}

/// The answer when a slot is already approved: fine if it is the same one,
/// otherwise who approved which slot and when.
fn already(
    conn: &mut DbConnection,
    settings: &MeetingSettings,
    approval: &Approval,
    keys: &[String],
) -> Result<Approved, ApproveError> {
    if approval.units == keys {
        return Ok(Approved::Already);
    }
    let approved: Vec<Unit> = approval
        .units
        .iter()
        .filter_map(|k| Unit::parse_key(k))
        .collect();
    Err(ApproveError::Taken {
        slot: describe(settings, &approved),
        by: approver_name(conn, approval)?,
        at: crate::domain::meeting::show_instant(approval.at.and_utc(), settings.time_zone),
    })
}

/// The slot to approve and what is decided with it.
#[derive(Debug, Clone)]
pub struct Choice {
    pub start: Unit,
    pub duration: u32,
    pub decision: Decision,
}

pub fn approve(
    conn: &mut DbConnection,
    meeting_id: i64,
    choice: &Choice,
    actor: &Actor,
    user_id: Option<i64>,
    mailing: &Mailing,
) -> Result<Approved, ApproveError> {
    super::transaction(conn, |conn| {
        let meeting = meetings::get(conn, meeting_id)?;
        let settings = &meeting.settings;
        let decision = &choice.decision;
        let units =
            slot_units(settings, &choice.start, choice.duration).ok_or(ApproveError::NoSuchSlot)?;
        let keys: Vec<String> = units.iter().map(Unit::key).collect();
        if let Some(approval) = &meeting.approval {
            return already(conn, settings, approval, &keys);
        }
        if meeting.status != Status::Closed {
            return Err(MeetingError::WrongStatus(meeting.status).into());
        }
        let timed = MeetingSettings {
            sessions: decision.sessions,
            ..settings.clone()
        };
        let (Some((begin, _)), Some((_, end))) = (
            units.first().and_then(|u| timed.unit_bounds(u)),
            units.last().and_then(|u| timed.unit_bounds(u)),
        ) else {
            return Err(ApproveError::NoSuchSlot);
        };
        let at = now();
        let changed = diesel::update(
            meetings_table::table
                .find(meeting_id)
                .filter(meetings_table::status.eq(Status::Closed.as_str())),
        )
        .set((
            meetings_table::status.eq(Status::Approved.as_str()),
            meetings_table::approved_units
                .eq(Some(serde_json::to_string(&keys).unwrap_or_default())),
            meetings_table::approved_start.eq(Some(begin.naive_utc())),
            meetings_table::approved_end.eq(Some(end.naive_utc())),
            meetings_table::approved_by.eq(user_id),
            meetings_table::approved_at.eq(Some(at)),
            meetings_table::approved_modality.eq(Some(decision.place.modality.as_str())),
            meetings_table::approved_venue.eq(&decision.place.venue),
            meetings_table::approved_link.eq(&decision.place.link),
            meetings_table::approved_sessions.eq(Some(
                serde_json::to_string(&decision.sessions).unwrap_or_default(),
            )),
            meetings_table::updated_at.eq(at),
        ))
        .execute(conn)?;
        if changed == 0 {
            // Someone else moved the meeting on between our read and our write
            // (on PostgreSQL the write waited for their commit).
            let now_stored = meetings::get(conn, meeting_id)?;
            return match &now_stored.approval {
                Some(approval) => already(conn, settings, approval, &keys),
                None => Err(MeetingError::WrongStatus(now_stored.status).into()),
            };
        }
        let label = describe(settings, &units);
        audit::record(
            conn,
            actor,
            Some(meeting_id),
            "meeting.approved",
            &format!(
                "Approved {label}; {}{}{}",
                decision.place.modality.label(),
                if decision.place.venue.is_empty() {
                    String::new()
                } else {
                    format!(", venue: {}", decision.place.venue)
                },
                if decision.place.link.is_empty() {
                    String::new()
                } else {
                    format!(", link: {}", decision.place.link)
                }
            ),
        )?;

        let days: Vec<String> = {
            let mut d: Vec<String> = units.iter().map(|u| u.date.to_string()).collect();
            d.dedup();
            d
        };
        let coordinators: Vec<(i64, String, String, String, i64)> = contacts::table
            .filter(contacts::coordinator_of.eq_any(&settings.groups))
            .order(contacts::id)
            .select((
                contacts::id,
                contacts::name,
                contacts::email,
                contacts::language,
                contacts::coordinator_of.assume_not_null(),
            ))
            .load(conn)?;
        for (contact, name, email, language, group_id) in coordinators {
            // In the coordinator's language, as the secretariat translated it.
            let group = super::translations::group_name_in(conn, group_id, &language)?;
            let params = OutcomeParams {
                meeting_title: settings.title_in(&language).text.to_owned(),
                meeting_purpose: settings.purpose_in(&language).text.to_owned(),
                organiser: settings.organiser.clone(),
                group_name: group,
                recipient_name: name.clone(),
                time_zone: settings.time_zone.name().to_owned(),
                start_utc: begin.to_rfc3339(),
                end_utc: end.to_rfc3339(),
                days: days.clone(),
                modalities: vec![decision.place.modality.as_str().to_owned()],
            };
            outbox::enqueue(
                conn,
                &NewMessage {
                    kind: kinds::CONSULTATION_OUTCOME.to_owned(),
                    meeting_id: Some(meeting_id),
                    recipient_email: email,
                    recipient_name: name,
                    language,
                    params: serde_json::to_value(params).unwrap_or_default(),
                    sealed_secret: None,
                    dedupe_key: Some(format!("outcome:{meeting_id}:{contact}")),
                },
                &mailing.message_domain,
            )?;
        }
        Ok(Approved::Now)
    })
}
