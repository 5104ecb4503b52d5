//! An invitee's reply with its delegation, as typed and as accepted.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Response;
use crate::domain::meeting::Modality;
use crate::domain::text::{Kind, Text, TextError};

/// One member of a delegation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delegate {
    pub name: String,
    pub function: String,
}

/// Most delegates one invitee may name.
pub const MAX_DELEGATES: usize = 40;
/// Longest name, function or note accepted.
pub const MAX_TEXT: usize = Kind::Name.max();
pub const MAX_NOTE: usize = Kind::Note.max();

/// The reply form as typed: `response`, then `d.name.N` / `d.function.N`
/// pairs, then `note`.
#[derive(Debug, Clone, Default)]
pub struct ReplyInput {
    pub response: String,
    pub delegates: Vec<Delegate>,
    pub note: String,
}

impl ReplyInput {
    /// Reads the submitted fields; delegate rows come back in their order.
    pub fn from_fields(fields: &[(String, String)]) -> ReplyInput {
        let mut rows: BTreeMap<usize, Delegate> = BTreeMap::new();
        let mut input = ReplyInput::default();
        for (key, value) in fields {
            if key == "response" {
                input.response = value.clone();
            } else if key == "note" {
                input.note = value.clone();
            } else if let Some(n) = key.strip_prefix("d.name.") {
                if let Ok(n) = n.parse() {
                    rows.entry(n)
                        .or_insert_with(|| Delegate {
                            name: String::new(),
                            function: String::new(),
                        })
                        .name = value.clone();
                }
            } else if let Some(n) = key.strip_prefix("d.function.")
                && let Ok(n) = n.parse()
            {
                rows.entry(n)
                    .or_insert_with(|| Delegate {
                        name: String::new(),
                        function: String::new(),
                    })
                    .function = value.clone();
            }
        }
        input.delegates = rows.into_values().collect();
        input
    }
}

/// A valid reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub response: Response,
    /// Empty when not attending.
    pub delegates: Vec<Delegate>,
    pub note: String,
}

/// Messages by field, for the forms whose messages are written here.
pub type FieldErrors = BTreeMap<&'static str, String>;

/// A part of the reply form, in the form's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReplyField {
    Response,
    Delegates,
    Note,
}

impl ReplyField {
    /// The form field's name, used for its ids.
    pub fn as_str(self) -> &'static str {
        match self {
            ReplyField::Response => "response",
            ReplyField::Delegates => "delegates",
            ReplyField::Note => "note",
        }
    }
}

/// Why a reply was refused. The reply page writes the message in the
/// recipient's language, so the rule says only what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplyError {
    /// No response chosen, or one that does not exist.
    NoResponse,
    /// A response the meeting's modalities do not allow.
    NotOffered(Response),
    /// A delegate with a function but no name.
    NamelessDelegate { function: String },
    /// A name or function longer than [`MAX_TEXT`].
    DelegateTooLong,
    /// More than [`MAX_DELEGATES`] delegates.
    TooManyDelegates,
    /// A note longer than [`MAX_NOTE`].
    NoteTooLong,
    /// A name or function with a line break or a control character.
    DelegateCharacters,
    /// A note with a control character.
    NoteCharacters,
}

impl ReplyError {
    pub fn field(&self) -> ReplyField {
        match self {
            ReplyError::NoResponse | ReplyError::NotOffered(_) => ReplyField::Response,
            ReplyError::NamelessDelegate { .. }
            | ReplyError::DelegateTooLong
            | ReplyError::TooManyDelegates
            | ReplyError::DelegateCharacters => ReplyField::Delegates,
            ReplyError::NoteTooLong | ReplyError::NoteCharacters => ReplyField::Note,
        }
    }
}

/// One error per field at most: the last one found.
pub type ReplyErrors = BTreeMap<ReplyField, ReplyError>;

impl Reply {
    /// Validates a reply against the meeting's modalities. Blank delegate rows
    /// are dropped; a function without a name is an error.
    pub fn parse(input: &ReplyInput, modalities: &[Modality]) -> Result<Reply, ReplyErrors> {
        let mut errors = ReplyErrors::new();
        let mut refuse = |error: ReplyError| {
            errors.insert(error.field(), error);
        };
        let response = match Response::parse(input.response.trim()) {
            None => {
                refuse(ReplyError::NoResponse);
                None
            }
            Some(r) if !r.allowed_by(modalities) => {
                refuse(ReplyError::NotOffered(r));
                None
            }
            Some(r) => Some(r),
        };
        let mut delegates = Vec::new();
        for d in &input.delegates {
            let (name, function) = match (
                Text::parse(Kind::Name, &d.name),
                Text::parse(Kind::Name, &d.function),
            ) {
                (Ok(name), Ok(function)) => (name.into_string(), function.into_string()),
                (Err(TextError::TooLong(_)), _) | (_, Err(TextError::TooLong(_))) => {
                    refuse(ReplyError::DelegateTooLong);
                    continue;
                }
                _ => {
                    refuse(ReplyError::DelegateCharacters);
                    continue;
                }
            };
            if name.is_empty() && function.is_empty() {
                continue;
            }
            if name.is_empty() {
                refuse(ReplyError::NamelessDelegate {
                    function: function.clone(),
                });
            }
            delegates.push(Delegate { name, function });
        }
        if delegates.len() > MAX_DELEGATES {
            refuse(ReplyError::TooManyDelegates);
        }
        let note = match Text::parse(Kind::Note, &input.note) {
            Ok(note) => note.into_string(),
            Err(TextError::TooLong(_)) => {
                refuse(ReplyError::NoteTooLong);
                String::new()
            }
            Err(_) => {
                refuse(ReplyError::NoteCharacters);
                String::new()
            }
        };
        match response {
            Some(response) if errors.is_empty() => Ok(Reply {
                response,
                delegates: if response == Response::NotAttending {
                    Vec::new()
                } else {
                    delegates
                },
                note,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_reply_keeps_its_delegation_in_order_and_drops_blank_rows() {
        let input = ReplyInput::from_fields(&fields(&[
            ("response", "in_person"),
            ("d.name.2", "B. Second"),
            ("d.function.2", "Counsellor"),
            ("d.name.10", ""),
            ("d.function.10", ""),
            ("d.name.1", "A. First"),
            ("d.function.1", "Ambassador"),
            ("note", "  We arrive late.  "),
        ]));
        let reply = Reply::parse(&input, &[Modality::Hybrid]).expect("valid");
        assert_eq!(reply.response, Response::InPerson);
        assert_eq!(
            reply
                .delegates
                .iter()
                .map(|d| d.name.as_str())
                .collect::<Vec<_>>(),
            vec!["A. First", "B. Second"]
        );
        assert_eq!(reply.note, "We arrive late.");
    }

    #[test]
    fn a_reply_is_checked_against_the_modalities_and_its_rows() {
        let input = ReplyInput::from_fields(&fields(&[
            ("response", "in_person"),
            ("d.function.1", "Delegate"),
        ]));
        let errors = Reply::parse(&input, &[Modality::Virtual]).expect_err("invalid");
        assert_eq!(
            errors,
            ReplyErrors::from([
                (
                    ReplyField::Response,
                    ReplyError::NotOffered(Response::InPerson)
                ),
                (
                    ReplyField::Delegates,
                    ReplyError::NamelessDelegate {
                        function: "Delegate".into()
                    }
                ),
            ])
        );
        let missing = Reply::parse(&ReplyInput::default(), &[Modality::Virtual]).expect_err("none");
        assert_eq!(
            missing.get(&ReplyField::Response),
            Some(&ReplyError::NoResponse)
        );
        let remote = ReplyInput::from_fields(&fields(&[("response", "remote")]));
        assert_eq!(
            Reply::parse(&remote, &[Modality::InPerson])
                .expect_err("not offered")
                .get(&ReplyField::Response),
            Some(&ReplyError::NotOffered(Response::Remote))
        );
        assert!(Reply::parse(&remote, &[Modality::Hybrid]).is_ok());
    }

    #[test]
    fn over_long_text_is_refused_at_its_field() {
        let long = "x".repeat(MAX_TEXT + 1);
        let mut input = ReplyInput::from_fields(&fields(&[
            ("response", "remote"),
            ("d.name.0", "A. First"),
            ("d.function.0", long.as_str()),
        ]));
        input.note = "n".repeat(MAX_NOTE + 1);
        let errors = Reply::parse(&input, &[Modality::Virtual]).expect_err("too long");
        assert_eq!(
            errors.into_iter().collect::<Vec<_>>(),
            vec![
                (ReplyField::Delegates, ReplyError::DelegateTooLong),
                (ReplyField::Note, ReplyError::NoteTooLong),
            ]
        );
        let crowd: Vec<(String, String)> = (0..=MAX_DELEGATES)
            .map(|i| (format!("d.name.{i}"), format!("Delegate {i}")))
            .chain([("response".to_owned(), "remote".to_owned())])
            .collect();
        let errors = Reply::parse(&ReplyInput::from_fields(&crowd), &[Modality::Virtual])
            .expect_err("too many");
        assert_eq!(
            errors.get(&ReplyField::Delegates),
            Some(&ReplyError::TooManyDelegates)
        );
    }

    #[test]
    fn not_attending_has_no_delegation() {
        let input = ReplyInput::from_fields(&fields(&[
            ("response", "not_attending"),
            ("d.name.1", "A. First"),
        ]));
        let reply = Reply::parse(&input, &[Modality::InPerson]).expect("valid");
        assert!(reply.delegates.is_empty());
    }
}
