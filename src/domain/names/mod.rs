//! Names and texts in the reader's language: country names from CLDR, and
//! the secretariat's own translations of group names and meeting texts.
//! The languages themselves are [`crate::domain::language::Language`].

pub mod countries;
pub mod translated;

pub use countries::{country_name, state_name};
pub use translated::{Localised, Translations};
