//! When the invitee list may be edited and sent, and when replies are taken:
//! decisions on a meeting's status and approved times, kept apart from the
//! queries that act on them.

use chrono::{DateTime, Utc};

use crate::domain::meeting::Status;

/// Why an invitation step is refused in the meeting's present state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("no slot is approved yet")]
    NotApproved,
    #[error("the invitations have not been sent")]
    NotSent,
    #[error("the meeting has started; replies are closed")]
    Started,
    #[error("the meeting is cancelled")]
    Cancelled,
    #[error("the meeting is {0:?}, which does not allow this")]
    WrongStatus(Status),
    #[error("the modality is not decided yet")]
    Undecided,
}

/// Whether the invitee list may be edited and sent: once a slot is approved,
/// before and after the first send, never after a cancellation.
pub fn editable(status: Status, approved: bool) -> Result<(), Refusal> {
    match status {
        Status::Approved | Status::Invited => Ok(()),
        Status::Cancelled => Err(Refusal::Cancelled),
        _ if !approved => Err(Refusal::NotApproved),
        other => Err(Refusal::WrongStatus(other)),
    }
}

/// Whether the invitations may be sent: the list is editable and the
/// modality is decided (`decided` is `None` when nothing is approved), so
/// that every invitation states one modality.
pub fn sendable(status: Status, decided: Option<bool>) -> Result<(), Refusal> {
    editable(status, decided.is_some())?;
    match decided {
        Some(true) => Ok(()),
        _ => Err(Refusal::Undecided),
    }
}

/// Whether replies are open at `at`: invitations sent, not cancelled, and
/// the meeting (starting at `start`) not begun.
pub fn replies_open(
    status: Status,
    start: Option<DateTime<Utc>>,
    at: DateTime<Utc>,
) -> Result<(), Refusal> {
    match status {
        Status::Invited => {}
        Status::Cancelled => return Err(Refusal::Cancelled),
        _ => return Err(Refusal::NotSent),
    }
    let start = start.ok_or(Refusal::NotApproved)?;
    if at >= start {
        return Err(Refusal::Started);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn the_list_is_editable_from_approval_until_cancellation() {
        assert_eq!(editable(Status::Approved, true), Ok(()));
        assert_eq!(editable(Status::Invited, true), Ok(()));
        assert_eq!(editable(Status::Cancelled, true), Err(Refusal::Cancelled));
        assert_eq!(editable(Status::Closed, false), Err(Refusal::NotApproved));
        assert_eq!(
            editable(Status::Closed, true),
            Err(Refusal::WrongStatus(Status::Closed))
        );
    }

    #[test]
    fn invitations_go_out_only_once_the_modality_is_decided() {
        assert_eq!(sendable(Status::Approved, Some(true)), Ok(()));
        assert_eq!(
            sendable(Status::Approved, Some(false)),
            Err(Refusal::Undecided)
        );
        assert_eq!(sendable(Status::Closed, None), Err(Refusal::NotApproved));
    }

    #[test]
    fn replies_close_when_the_meeting_starts() {
        let start = Utc.with_ymd_and_hms(2027, 5, 3, 8, 0, 0).single();
        let before = Utc.with_ymd_and_hms(2027, 5, 3, 7, 59, 0).unwrap();
        let at = Utc.with_ymd_and_hms(2027, 5, 3, 8, 0, 0).unwrap();
        assert_eq!(replies_open(Status::Invited, start, before), Ok(()));
        assert_eq!(
            replies_open(Status::Invited, start, at),
            Err(Refusal::Started)
        );
        assert_eq!(
            replies_open(Status::Approved, start, before),
            Err(Refusal::NotSent)
        );
        assert_eq!(
            replies_open(Status::Cancelled, start, before),
            Err(Refusal::Cancelled)
        );
    }
}
