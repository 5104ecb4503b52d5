//! Invitations: the invitee list of a meeting, sending one invitation per
//! recipient through the outbox, updates and cancellation, and the replies.
//!
//! Decisions:
//! - The list is every member state (through its contacts marked as
//!   invitation recipients), plus organisations chosen by rule (all
//!   observers, all IGOs, all NGOs) or one by one, plus extra addresses. It
//!   is computed from the directory until invitations are sent; sending fixes
//!   the invitees and recipients it reached.
//! - Sending is idempotent: it writes only invitees and recipients that are
//!   not yet on the meeting, and queues one message per new recipient. A
//!   replayed or double-clicked send queues nothing more; sending again after
//!   the list grew invites only the newcomers.
//! - A reply belongs to the invited party (a mission's several contacts
//!   answer for one delegation); every recipient has personal links of their
//!   own, and each message that carries a link carries a fresh one (only its
//!   SHA-256 digest is stored, so an earlier link cannot be sent again).
//! - An update (new date, time, modality, venue or link) and a cancellation go to every
//!   recipient with the meeting's calendar UID and the next SEQUENCE.
//!
//! The rules these queries follow (when the list may change, when replies
//! are open, how the list and the replies are counted) are in
//! [`crate::domain::invitation`].

mod changes;
mod links;
mod list;
mod participants;
mod replies;
mod sending;

pub use changes::{Changed, cancel, change};
pub use links::{LinkError, RecipientLinks, links, reissue_link, withdraw, withdraw_contact};
pub use list::{choice, plan, save_choice};
pub use participants::{Participant, participants};
pub use replies::{Personal, by_token, delegation, recipient, reply};
pub use sending::{Sent, save_and_send, send};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::meetings::{Meeting, MeetingError};
use super::outbox::{self, Counts};
use super::schema::{
    invitation_recipients, invitation_settings, invitees, meetings as meetings_table,
};
use super::{DbConnection, now};
use crate::domain::invitation::{Category, Party, Refusal, Response};
use crate::domain::messages as kinds;
use crate::domain::token::Token;

/// The kinds of message the delivery page follows.
pub const KINDS: [&str; 3] = [
    kinds::INVITATION,
    kinds::INVITATION_UPDATE,
    kinds::INVITATION_CANCEL,
];

#[derive(Debug, thiserror::Error)]
pub enum InvitationError {
    #[error(transparent)]
    Meeting(#[from] MeetingError),
    #[error("no slot is approved yet")]
    NotApproved,
    #[error("the modality, venue and link are not decided yet")]
    Undecided,
    #[error("nobody on the list has an address to write to")]
    NobodyToInvite,
    #[error("the invitations have not been sent")]
    NotSent,
    #[error("the meeting has started; replies are closed")]
    Started,
    #[error("the meeting is cancelled")]
    Cancelled,
    #[error("no such recipient on this meeting")]
    NoRecipient,
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

impl From<Refusal> for InvitationError {
    fn from(refusal: Refusal) -> InvitationError {
        match refusal {
            Refusal::NotApproved => InvitationError::NotApproved,
            Refusal::NotSent => InvitationError::NotSent,
            Refusal::Started => InvitationError::Started,
            Refusal::Cancelled => InvitationError::Cancelled,
            Refusal::WrongStatus(status) => MeetingError::WrongStatus(status).into(),
            Refusal::Undecided => InvitationError::Undecided,
        }
    }
}

/// A meeting's invitation settings row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = invitation_settings)]
pub struct Settings {
    pub meeting_id: i64,
    pub all_observers: bool,
    pub all_igos: bool,
    pub all_ngos: bool,
    pub ical_uid: String,
    pub sequence: i32,
    pub sent_at: Option<NaiveDateTime>,
    pub sent_by: Option<i64>,
    pub cancelled_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

pub fn settings(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Option<Settings>> {
    invitation_settings::table
        .find(meeting_id)
        .select(Settings::as_select())
        .first(conn)
        .optional()
}

/// The settings row, created (with the meeting's calendar UID) if missing.
pub(super) fn ensure_settings(
    conn: &mut DbConnection,
    meeting_id: i64,
    message_domain: &str,
) -> QueryResult<Settings> {
    if let Some(existing) = settings(conn, meeting_id)? {
        return Ok(existing);
    }
    let uid = format!("{}@{message_domain}", &Token::generate().expose()[..32]);
    diesel::insert_into(invitation_settings::table)
        .values((
            invitation_settings::meeting_id.eq(meeting_id),
            invitation_settings::ical_uid.eq(uid),
            invitation_settings::updated_at.eq(now()),
        ))
        .execute(conn)?;
    settings(conn, meeting_id)?.ok_or(diesel::result::Error::NotFound)
}

/// Whether the meeting's invitee list may be edited and sent now.
fn editable(meeting: &Meeting) -> Result<(), InvitationError> {
    Ok(crate::domain::invitation::editable(
        meeting.status,
        meeting.approval.is_some(),
    )?)
}

/// An invitee as stored when invitations went out, with its reply.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = invitees)]
pub struct Invitee {
    pub id: i64,
    pub meeting_id: i64,
    pub category: String,
    pub member_state_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub guest_id: Option<i64>,
    pub name: String,
    pub group_name: Option<String>,
    pub response: Option<String>,
    pub note: String,
    pub responded_at: Option<NaiveDateTime>,
    pub responded_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

impl Invitee {
    pub(super) fn party(&self) -> Option<Party> {
        match (self.member_state_id, self.organisation_id, self.guest_id) {
            (Some(s), _, _) => Some(Party::State(s)),
            (None, Some(o), _) => Some(Party::Organisation(o)),
            (None, None, Some(g)) => Some(Party::Guest(g)),
            _ => None,
        }
    }

    pub fn category(&self) -> Category {
        Category::parse(&self.category).unwrap_or(Category::Guest)
    }

    pub fn response(&self) -> Option<Response> {
        self.response.as_deref().and_then(Response::parse)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = invitation_recipients)]
pub struct Recipient {
    pub id: i64,
    pub meeting_id: i64,
    pub invitee_id: i64,
    pub contact_id: Option<i64>,
    pub name: String,
    pub email: String,
    pub language: String,
    pub created_at: NaiveDateTime,
    /// Set when the secretariat withdrew the recipient or the contact was
    /// removed: their links answer 410 and no more mail goes to them.
    pub withdrawn_at: Option<NaiveDateTime>,
}

pub(super) fn invitees_of(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Vec<Invitee>> {
    invitees::table
        .filter(invitees::meeting_id.eq(meeting_id))
        .order(invitees::id)
        .select(Invitee::as_select())
        .load(conn)
}

pub(super) fn recipients_of(
    conn: &mut DbConnection,
    meeting_id: i64,
) -> QueryResult<Vec<Recipient>> {
    invitation_recipients::table
        .filter(invitation_recipients::meeting_id.eq(meeting_id))
        .order(invitation_recipients::id)
        .select(Recipient::as_select())
        .load(conn)
}

/// Holds the meeting's row for the rest of the transaction, so that two sends
/// (or a send and a change) of one meeting run one after the other. SQLite's
/// `BEGIN IMMEDIATE` already makes every writer wait its turn.
pub(super) fn lock_meeting(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<()> {
    if let DbConnection::Pg(c) = conn {
        meetings_table::table
            .find(meeting_id)
            .select(meetings_table::id)
            .for_update()
            .first::<i64>(c)?;
    }
    Ok(())
}

/// Delivery of this meeting's invitations, updates and cancellations.
pub fn delivery(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Counts> {
    outbox::counts_of_kinds(conn, meeting_id, &KINDS)
}

/// How many recipients and invitees a meeting's invitations reached.
pub fn reach(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<(i64, i64)> {
    let recipients = invitation_recipients::table
        .filter(invitation_recipients::meeting_id.eq(meeting_id))
        .count()
        .get_result(conn)?;
    let invited = invitees::table
        .filter(invitees::meeting_id.eq(meeting_id))
        .count()
        .get_result(conn)?;
    Ok((recipients, invited))
}

/// This meeting's failed invitation messages, newest first.
pub fn failures(
    conn: &mut DbConnection,
    meeting_id: i64,
    limit: i64,
) -> QueryResult<Vec<outbox::Message>> {
    use super::schema::outbox as table;
    table::table
        .filter(table::meeting_id.eq(meeting_id))
        .filter(table::kind.eq_any(KINDS))
        .filter(table::status.eq(outbox::FAILED))
        .order(table::id.desc())
        .limit(limit)
        .select(outbox::Message::as_select())
        .load(conn)
}
