//! Email: what each kind of message carries, how it is rendered from templates,
//! and the outbox worker that sends it.

pub mod compose;
mod invitation_email;
#[cfg(test)]
mod languages;
pub mod message;
mod outcome_email;
mod recorder;
pub mod render;
pub mod smtp;
pub mod transport;
pub mod worker;

/// The kinds of message and their parameters are plain data shared with the
/// store, which queues them; they live in the domain.
pub use crate::domain::messages as kinds;

/// Why a queued message could not be turned into an email. None of these get
/// better by retrying, so the worker marks the row failed with the reason.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("unknown message kind {0:?}")]
    UnknownKind(String),
    #[error("invalid message parameters: {0}")]
    Params(String),
    #[error("the personal link's secret is missing or cannot be opened with this instance's key")]
    MissingSecret,
    #[error("template failed: {0}")]
    Template(askama::Error),
    #[error("cannot build the message: {0}")]
    Build(String),
}
