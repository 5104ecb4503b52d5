//! Names and texts in the reader's language: the six languages convene
//! writes in, country names from CLDR, and the secretariat's own
//! translations of group names and meeting texts.

pub mod countries;
pub mod languages;
pub mod translated;

pub use countries::{country_name, state_name};
pub use languages::{
    DEFAULT_LANGUAGE, OTHER_LANGUAGES, SIX, direction, english_name, reading_language,
};
pub use translated::{Localised, Translations};
