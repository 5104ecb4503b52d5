//! Directory entries as they are allowed to exist: every constructor takes the
//! raw input of a form or CSV row and either returns the entry or says, field by
//! field, what is wrong.

use super::codes::{CountryCode, LanguageCode};
use super::fields::{FieldErrors, Text};
use super::ids::{GroupId, OrganisationId, StateId};
use super::index::DirectoryIndex;
use super::kinds::{Confidence, OrganisationKind};
use crate::domain::EmailAddress;

/// The weight a group's answer carries when proposals are ranked.
pub const WEIGHT_RANGE: std::ops::RangeInclusive<i32> = 1..=100;
pub const ACRONYM_MAX: usize = 40;
pub const NOTE_MAX: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupEntry {
    pub name: Text,
    pub short_name: Text,
    pub weight: i32,
}

impl GroupEntry {
    pub fn parse(name: &str, short_name: &str, weight: &str) -> Result<GroupEntry, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take("name", Text::name(name));
        let short_name = errors.take("short_name", Text::optional(short_name, 40));
        let short_name = short_name.and_then(|s| {
            if s.as_str().is_empty() {
                errors.add("short_name", "this field is required");
                None
            } else {
                Some(s)
            }
        });
        let weight = match weight.trim().parse::<i32>() {
            Ok(w) if WEIGHT_RANGE.contains(&w) => Some(w),
            _ => {
                errors.add("weight", "a whole number from 1 to 100");
                None
            }
        };
        match (name, short_name, weight) {
            (Some(name), Some(short_name), Some(weight)) if errors.is_empty() => Ok(GroupEntry {
                name,
                short_name,
                weight,
            }),
            _ => Err(errors),
        }
    }
}

/// A member state. `confidence` and `note` say how its group is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateEntry {
    pub code: CountryCode,
    pub name: Text,
    pub group: Option<GroupId>,
    pub confidence: Confidence,
    pub note: Text,
}

impl StateEntry {
    /// `group` names a group (name or short name) or is empty for none;
    /// an empty `confidence` means the secretariat vouches for it (`confirmed`).
    pub fn parse(
        code: &str,
        name: &str,
        group: &str,
        confidence: &str,
        note: &str,
        index: &DirectoryIndex,
    ) -> Result<StateEntry, FieldErrors> {
        let mut errors = FieldErrors::default();
        let code = errors.take("code", CountryCode::parse(code));
        let name = errors.take("name", Text::name(name));
        let group = if group.trim().is_empty() {
            Some(None)
        } else {
            let found = index.group_named(group);
            if found.is_none() {
                errors.add(
                    "group",
                    format!("no regional group is called {:?}", group.trim()),
                );
            }
            found.map(Some)
        };
        let confidence = if confidence.trim().is_empty() {
            Some(Confidence::Confirmed)
        } else {
            errors.take("group_confidence", Confidence::parse(confidence))
        };
        let note = errors.take("group_note", Text::optional(note, NOTE_MAX));
        match (code, name, group, confidence, note) {
            (Some(code), Some(name), Some(group), Some(confidence), Some(note))
                if errors.is_empty() =>
            {
                Ok(StateEntry {
                    code,
                    name,
                    group,
                    confidence,
                    note,
                })
            }
            _ => Err(errors),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationEntry {
    pub name: Text,
    pub acronym: Text,
    pub kind: OrganisationKind,
    pub observer: bool,
}

impl OrganisationEntry {
    pub fn parse(
        name: &str,
        acronym: &str,
        kind: &str,
        observer: &str,
    ) -> Result<OrganisationEntry, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take("name", Text::name(name));
        let acronym = errors.take("acronym", Text::optional(acronym, ACRONYM_MAX));
        let kind = errors.take("kind", OrganisationKind::parse(kind));
        let observer = errors.take("observer", super::fields::parse_flag(observer, false));
        match (name, acronym, kind, observer) {
            (Some(name), Some(acronym), Some(kind), Some(observer)) if errors.is_empty() => {
                Ok(OrganisationEntry {
                    name,
                    acronym,
                    kind,
                    observer,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Whom a contact speaks for: exactly one member state or organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Affiliation {
    State(StateId),
    Organisation(OrganisationId),
}

impl Affiliation {
    /// The form's select value: `state:12` or `organisation:3`.
    pub fn key(self) -> String {
        match self {
            Affiliation::State(id) => format!("state:{id}"),
            Affiliation::Organisation(id) => format!("organisation:{id}"),
        }
    }

    /// Reads a select value back, checking that the row exists.
    pub fn from_key(key: &str, index: &DirectoryIndex) -> Result<Affiliation, &'static str> {
        const MISSING: &str = "choose the member state or organisation this person belongs to";
        let (kind, id) = key.trim().split_once(':').ok_or(MISSING)?;
        let id: i64 = id.parse().map_err(|_| MISSING)?;
        match kind {
            "state" if index.has_state(StateId(id)) => Ok(Affiliation::State(StateId(id))),
            "organisation" if index.has_organisation(OrganisationId(id)) => {
                Ok(Affiliation::Organisation(OrganisationId(id)))
            }
            _ => Err(MISSING),
        }
    }

    pub fn state(self) -> Option<StateId> {
        match self {
            Affiliation::State(id) => Some(id),
            Affiliation::Organisation(_) => None,
        }
    }

    pub fn organisation(self) -> Option<OrganisationId> {
        match self {
            Affiliation::Organisation(id) => Some(id),
            Affiliation::State(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactEntry {
    pub name: Text,
    pub email: EmailAddress,
    pub language: LanguageCode,
    pub affiliation: Affiliation,
    pub coordinator_of: Option<GroupId>,
    pub invitation_recipient: bool,
}

/// A contact's fields before checking; the affiliation and group are already
/// resolved (or refused) by whoever knows how they were written.
pub struct ContactInput<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub language: &'a str,
    pub affiliation: Result<Affiliation, String>,
    pub coordinator_of: Result<Option<GroupId>, String>,
    pub invitation_recipient: Result<bool, String>,
}

impl ContactEntry {
    pub fn parse(input: ContactInput<'_>) -> Result<ContactEntry, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take("name", Text::name(input.name));
        let email = errors.take("email", EmailAddress::parse(input.email));
        let language = if input.language.trim().is_empty() {
            Some(LanguageCode::english())
        } else {
            errors.take("language", LanguageCode::parse(input.language))
        };
        let affiliation = errors.take("affiliation", input.affiliation);
        let coordinator_of = errors.take("coordinator_of", input.coordinator_of);
        let recipient = errors.take("invitation_recipient", input.invitation_recipient);
        match (
            name,
            email,
            language,
            affiliation,
            coordinator_of,
            recipient,
        ) {
            (Some(name), Some(email), Some(language), Some(affiliation), Some(group), Some(r))
                if errors.is_empty() =>
            {
                Ok(ContactEntry {
                    name,
                    email,
                    language,
                    affiliation,
                    coordinator_of: group,
                    invitation_recipient: r,
                })
            }
            _ => Err(errors),
        }
    }

    /// The key an import matches existing contacts on: the same address
    /// (ignoring case) for the same state or organisation.
    pub fn natural_key(&self) -> (String, Affiliation) {
        (self.email.login_key(), self.affiliation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> DirectoryIndex {
        DirectoryIndex {
            groups: vec![(GroupId(1), "Group B".into(), "B".into())],
            states: vec![(StateId(7), "CH".into())],
            organisations: vec![(OrganisationId(3), "European Union".into())],
        }
    }

    #[test]
    fn a_state_names_its_group_by_name_or_short_name() {
        let ix = index();
        let state = StateEntry::parse("ch", "Switzerland", "b", "", "", &ix).expect("valid");
        assert_eq!(state.code.as_str(), "CH");
        assert_eq!(state.group, Some(GroupId(1)));
        assert_eq!(state.confidence, Confidence::Confirmed);
        let errors = StateEntry::parse("CHE", "", "Group Z", "guess", "", &ix).expect_err("bad");
        for field in ["code", "name", "group", "group_confidence"] {
            assert!(errors.get(field).is_some(), "{field}: {errors}");
        }
    }

    #[test]
    fn a_group_needs_names_and_a_weight_in_range() {
        assert!(GroupEntry::parse("Group B", "B", "1").is_ok());
        let errors = GroupEntry::parse("", " ", "0").expect_err("bad");
        assert!(errors.get("name").is_some());
        assert!(errors.get("short_name").is_some());
        assert!(errors.get("weight").is_some());
    }

    #[test]
    fn an_organisation_needs_a_kind() {
        let org = OrganisationEntry::parse("EU", "", "igo", "yes").expect("valid");
        assert!(org.observer);
        assert!(OrganisationEntry::parse("EU", "", "club", "").is_err());
    }

    #[test]
    fn an_affiliation_key_must_name_an_existing_row() {
        let ix = index();
        assert_eq!(
            Affiliation::from_key("state:7", &ix),
            Ok(Affiliation::State(StateId(7)))
        );
        assert_eq!(Affiliation::State(StateId(7)).key(), "state:7");
        assert!(Affiliation::from_key("state:8", &ix).is_err());
        assert!(Affiliation::from_key("organisation:7", &ix).is_err());
        assert!(Affiliation::from_key("", &ix).is_err());
    }

    #[test]
    fn a_contact_with_a_bad_email_is_refused_at_that_field() {
        let input = ContactInput {
            name: "Ann",
            email: "ann-at-example",
            language: "",
            affiliation: Ok(Affiliation::State(StateId(7))),
            coordinator_of: Ok(None),
            invitation_recipient: Ok(true),
        };
        let errors = ContactEntry::parse(input).expect_err("bad email");
        assert!(errors.get("email").is_some());
        assert!(errors.get("name").is_none());
    }
}
