//! The directory's vocabulary: regional groups, member states, organisations
//! and their contacts, as the secretariat is allowed to record them.

pub mod codes;
pub mod csv;
pub mod entries;
pub mod fields;
pub mod ids;
pub mod index;
pub mod kinds;

pub use codes::{CountryCode, LanguageCode};
pub use entries::{
    Affiliation, ContactEntry, ContactInput, GroupEntry, OrganisationEntry, StateEntry,
};
pub use fields::{FieldErrors, Text};
pub use ids::{ContactId, GroupId, OrganisationId, StateId};
pub use index::DirectoryIndex;
pub use kinds::{Confidence, OrganisationKind};
