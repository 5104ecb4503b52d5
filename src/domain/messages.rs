//! The kinds of message convene sends and the parameters each carries in its
//! outbox row: plain data that the store writes when it queues a message and
//! the mail module reads when it renders one. Parameters are raw data (ISO
//! dates, RFC 3339 instants, IANA zone names); rendering formats them for the
//! recipient's language.

use serde::{Deserialize, Serialize};

/// A coordinator's personal link to the availability form.
pub const COORDINATOR_LINK: &str = "coordinator_link";
/// A reminder to a coordinator whose group has not answered.
pub const COORDINATOR_REMINDER: &str = "coordinator_reminder";

/// Parameters of [`COORDINATOR_LINK`] and [`COORDINATOR_REMINDER`] messages.
/// The link itself is `{base_url}/c/{token}`, the token coming from the row's
/// sealed secret.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CoordinatorParams {
    pub meeting_title: String,
    pub meeting_purpose: String,
    pub organiser: String,
    pub group_name: String,
    pub recipient_name: String,
    /// IANA name of the meeting's time zone, e.g. `Europe/Zurich`.
    pub time_zone: String,
    /// First and last day of the window, `YYYY-MM-DD`, dates in that zone.
    pub window_start: String,
    pub window_end: String,
    /// The response deadline, an RFC 3339 instant in UTC.
    pub deadline_utc: String,
}

/// The outcome of a consultation, sent to the coordinators when the
/// secretariat approves a slot.
pub const CONSULTATION_OUTCOME: &str = "consultation_outcome";

/// Parameters of [`CONSULTATION_OUTCOME`] messages. No personal link.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OutcomeParams {
    pub meeting_title: String,
    pub meeting_purpose: String,
    pub organiser: String,
    pub group_name: String,
    pub recipient_name: String,
    /// IANA name of the meeting's time zone.
    pub time_zone: String,
    /// Start of the first session and end of the last, RFC 3339 instants in UTC.
    pub start_utc: String,
    pub end_utc: String,
    /// Working days the meeting spans, `YYYY-MM-DD`, in order.
    pub days: Vec<String>,
    /// The modality decided at approval (`in_person`, `hybrid`, `virtual`),
    /// alone; rows queued before the decision existed list those offered.
    pub modalities: Vec<String>,
}

/// The invitation to the meeting, with its calendar request and the
/// recipient's personal reply link (`{base_url}/i/{token}`, the token from the
/// row's sealed secret).
pub const INVITATION: &str = "invitation";
/// A change of date, time or venue after the invitations went out: the same
/// calendar UID with a higher SEQUENCE, and the reply link again.
pub const INVITATION_UPDATE: &str = "invitation_update";
/// The meeting is cancelled: `METHOD:CANCEL`, `STATUS:CANCELLED`; no link.
pub const INVITATION_CANCEL: &str = "invitation_cancel";

/// One day a meeting sits: its start and end, RFC 3339 instants in UTC.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DayParams {
    pub start_utc: String,
    pub end_utc: String,
}

/// Parameters of the three invitation kinds. The calendar file is built from
/// them at send time, so a retried message carries the same file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct InvitationParams {
    pub meeting_title: String,
    pub meeting_purpose: String,
    pub organiser: String,
    /// The person written to, and the address the message goes to (the
    /// calendar's only ATTENDEE).
    pub recipient_name: String,
    pub recipient_email: String,
    /// Whom the recipient is invited for: "Switzerland", "World Health
    /// Organization (WHO)", or the guest's own name.
    pub invitee_name: String,
    /// IANA name of the meeting's time zone.
    pub time_zone: String,
    /// Start of the first session and end of the last, RFC 3339 instants in UTC.
    pub start_utc: String,
    pub end_utc: String,
    /// The days the meeting sits, when they are not one unbroken run (a
    /// meeting across a weekend or an excluded day); empty otherwise.
    #[serde(default)]
    pub days: Vec<DayParams>,
    /// The modality decided at approval (`in_person`, `hybrid`, `virtual`);
    /// empty only in rows queued before the decision was part of approval.
    #[serde(default)]
    pub modality: String,
    /// Where the meeting takes place; empty when it is virtual.
    pub venue: String,
    /// The remote-participation link; empty when the meeting is in person.
    #[serde(default)]
    pub remote_link: String,
    /// The meeting's calendar UID, created once and stored.
    pub ical_uid: String,
    /// The calendar SEQUENCE: 0 for the first invitation, raised on every
    /// update and on cancellation.
    pub sequence: i32,
    /// When this version of the event was made (DTSTAMP), RFC 3339 in UTC.
    pub stamp_utc: String,
    /// For an update: what changed, in the secretariat's words; may be empty.
    #[serde(default)]
    pub change_note: String,
}
