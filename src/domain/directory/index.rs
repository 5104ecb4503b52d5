//! What already exists in the directory, so that a form or a CSV row can name
//! a group, state or organisation and be checked against it without I/O.

use super::codes::CountryCode;
use super::ids::{GroupId, OrganisationId, StateId};

#[derive(Debug, Clone, Default)]
pub struct DirectoryIndex {
    /// (id, name, short name)
    pub groups: Vec<(GroupId, String, String)>,
    /// (id, ISO code)
    pub states: Vec<(StateId, String)>,
    /// (id, name)
    pub organisations: Vec<(OrganisationId, String)>,
}

impl DirectoryIndex {
    /// A group by its name or short name, ignoring case.
    pub fn group_named(&self, label: &str) -> Option<GroupId> {
        let label = label.trim().to_lowercase();
        self.groups
            .iter()
            .find(|(_, name, short)| name.to_lowercase() == label || short.to_lowercase() == label)
            .map(|(id, _, _)| *id)
    }

    /// The short name by which a CSV refers to a group.
    pub fn group_short_name(&self, id: GroupId) -> Option<&str> {
        self.groups
            .iter()
            .find(|(g, _, _)| *g == id)
            .map(|(_, _, short)| short.as_str())
    }

    pub fn has_group(&self, id: GroupId) -> bool {
        self.groups.iter().any(|(g, _, _)| *g == id)
    }

    pub fn state_coded(&self, code: &CountryCode) -> Option<StateId> {
        self.states
            .iter()
            .find(|(_, c)| c == code.as_str())
            .map(|(id, _)| *id)
    }

    pub fn has_state(&self, id: StateId) -> bool {
        self.states.iter().any(|(s, _)| *s == id)
    }

    /// An organisation by its name or acronym-free name, ignoring case.
    pub fn organisation_named(&self, name: &str) -> Option<OrganisationId> {
        let name = name.trim().to_lowercase();
        self.organisations
            .iter()
            .find(|(_, n)| n.to_lowercase() == name)
            .map(|(id, _)| *id)
    }

    pub fn has_organisation(&self, id: OrganisationId) -> bool {
        self.organisations.iter().any(|(o, _)| *o == id)
    }
}
