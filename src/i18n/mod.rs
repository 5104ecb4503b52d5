//! What convene says to people outside the secretariat, in their language:
//! messages from Project Fluent files and dates, times and numbers from CLDR
//! through ICU4X.
//!
//! - **Messages** live in `locales/<tag>/*.ftl`, one folder per language of
//!   [`Language::ALL`], compiled into the binary ([`messages`]). Templates and
//!   code ask for them through one small API, [`Messages::tr`] and
//!   [`Messages::tr_with`] (or the free [`tr`] and [`tr_args`]). Counts are
//!   passed as numbers so that each language's plural rules choose the form
//!   (Arabic and Russian have more than two).
//! - **Dates and times** ([`format`]) come from CLDR for each language, on the
//!   Gregorian calendar and the 24-hour clock, the time zone named by its
//!   abbreviation and IANA name as before.
//! - **Bidirectional isolation.** Fluent can put FSI/PDI marks (U+2068,
//!   U+2069) around every value it inserts. They are kept in Arabic, where a
//!   Latin name or a date inside right-to-left text would otherwise be
//!   reordered with its neighbours, and left out of the other languages,
//!   where they help nothing and would break plain-text matching. Wherever
//!   an invisible character can do harm they are taken out again by
//!   [`strip_isolation`]: email subjects (a header that clients sort and
//!   search), and the calendar file's SUMMARY and DESCRIPTION (calendar
//!   programs show them as boxes). Links are never a Fluent value: templates
//!   write them outside messages, so no mark can enter a URL.

pub mod format;
mod messages;

use std::sync::OnceLock;

pub use crate::domain::language::Language;
pub use messages::{Arg, Args, Messages, strip_isolation, tr, tr_args};

/// One value per language, made on first use and kept for the life of the
/// process: for what costs far more to make than to use (an ICU4X formatter
/// reads CLDR data and resolves its patterns when made; a form's grid words
/// are a few hundred strings), so that a page or an email does not make it
/// again each time.
pub struct PerLanguage<T>([OnceLock<T>; 6]);

impl<T> PerLanguage<T> {
    pub const fn new() -> PerLanguage<T> {
        PerLanguage([const { OnceLock::new() }; 6])
    }

    /// The value for `language`, made by `make` the first time.
    pub fn get(&self, language: Language, make: impl FnOnce() -> T) -> &T {
        self.0[language.index()].get_or_init(make)
    }
}

impl<T> Default for PerLanguage<T> {
    fn default() -> PerLanguage<T> {
        PerLanguage::new()
    }
}

#[cfg(test)]
mod completeness;
