//! Invitations as the secretariat and invitees type them, and the rules that
//! decide what may happen to them: the extra addresses of an invitee list, an
//! invitee's reply with its delegation, a change of date, time or venue, when
//! the list may be edited and replies taken, and how replies are counted.
//! Parsing keeps what was typed, so a form with errors can be shown again as
//! it was, with a message at each bad field.

mod change;
mod guests;
mod languages;
mod list;
mod reply;
mod rules;
mod tally;

pub use change::{Change, ChangeInput};
pub use guests::{Guest, GuestLineError, LANGUAGE_REASON, format_guests, parse_guests};
pub use languages::LanguageCount;
pub use list::{ListChoice, Party, Plan, PlanCount, PlannedInvitee, PlannedRecipient};
pub use reply::{
    Delegate, FieldErrors, MAX_DELEGATES, MAX_NOTE, MAX_TEXT, Reply, ReplyError, ReplyErrors,
    ReplyField, ReplyInput,
};
pub use rules::{Refusal, editable, replies_open, sendable};
pub use tally::{Counted, Tallies, Tally, tally};

use super::meeting::Modality;

/// Who an invitee is, for counts and the participant list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    MemberState,
    Igo,
    Ngo,
    Guest,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::MemberState,
        Category::Igo,
        Category::Ngo,
        Category::Guest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::MemberState => "member_state",
            Category::Igo => "igo",
            Category::Ngo => "ngo",
            Category::Guest => "guest",
        }
    }

    pub fn parse(text: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::MemberState => "Member states",
            Category::Igo => "Intergovernmental organisations",
            Category::Ngo => "Non-governmental organisations",
            Category::Guest => "Other invitees",
        }
    }
}

/// An invitee's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Response {
    InPerson,
    Remote,
    NotAttending,
}

impl Response {
    pub const ALL: [Response; 3] = [Response::InPerson, Response::Remote, Response::NotAttending];

    pub fn as_str(self) -> &'static str {
        match self {
            Response::InPerson => "in_person",
            Response::Remote => "remote",
            Response::NotAttending => "not_attending",
        }
    }

    pub fn parse(text: &str) -> Option<Response> {
        Response::ALL.into_iter().find(|r| r.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Response::InPerson => "Attending in person",
            Response::Remote => "Attending remotely",
            Response::NotAttending => "Not attending",
        }
    }

    /// Whether the meeting's modalities allow this way of attending: in person
    /// needs an in-person or hybrid meeting, remote a virtual or hybrid one.
    pub fn allowed_by(self, modalities: &[Modality]) -> bool {
        match self {
            Response::InPerson => modalities
                .iter()
                .any(|m| matches!(m, Modality::InPerson | Modality::Hybrid)),
            Response::Remote => modalities
                .iter()
                .any(|m| matches!(m, Modality::Virtual | Modality::Hybrid)),
            Response::NotAttending => true,
        }
    }
}

/// Languages invitations are written in; anything else reads English.
pub const LANGUAGES: [&str; 3] = ["en", "fr", "es"];
