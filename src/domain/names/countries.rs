//! Country names in the six languages, from the CLDR table committed at
//! `data/cldr/country_names.tsv` (its header names the CLDR release; the
//! generator is `tools/cldr_country_names.py`). The table is compiled into
//! the binary: a name is a lookup, never a file read or a network call.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::domain::language::Language;

const TABLE: &str = include_str!("../../../data/cldr/country_names.tsv");

/// Code → the six names, in the order of [`Language::ALL`].
static NAMES: LazyLock<HashMap<&'static str, [&'static str; 6]>> = LazyLock::new(|| {
    let mut lines = TABLE.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    // The columns are found by name, so a regenerated table in another
    // order still reads right.
    let columns: Vec<Option<usize>> = Language::ALL
        .iter()
        .map(|lang| header.iter().position(|h| *h == lang.tag()))
        .collect();
    lines
        .filter_map(|line| {
            let cells: Vec<&'static str> = line.split('\t').collect();
            let code = *cells.first()?;
            let mut names = [""; 6];
            for (slot, column) in names.iter_mut().zip(&columns) {
                *slot = column.and_then(|c| cells.get(c).copied()).unwrap_or("");
            }
            Some((code, names))
        })
        .collect()
});

/// The CLDR name of the territory `iso2` (ISO 3166-1 alpha-2, any case) in
/// `lang`, one of the six (another tag reads as [`Language::from_tag`] says).
/// `None` for a code CLDR does not name.
pub fn country_name(iso2: &str, lang: &str) -> Option<&'static str> {
    let lang = Language::from_tag(lang);
    let column = Language::ALL.iter().position(|l| *l == lang)?;
    let names = NAMES.get(iso2.trim().to_ascii_uppercase().as_str())?;
    Some(names[column]).filter(|n| !n.is_empty())
}

/// A member state's name for a reader of `lang`. In English, the
/// secretariat's own name from the directory: the directory is kept in
/// English, its names are the organisation's official ones ("United
/// Republic of Tanzania" where CLDR says "Tanzania"), and English readers
/// keep reading what the secretariat typed. In the other languages, CLDR's
/// name; the directory's when CLDR has none (a code it does not know).
pub fn state_name(directory_name: &str, iso2: &str, lang: &str) -> String {
    let lang = Language::from_tag(lang);
    if lang == Language::DEFAULT {
        return directory_name.to_owned();
    }
    country_name(iso2, lang.tag())
        .unwrap_or(directory_name)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switzerland_is_named_in_each_of_the_six_languages() {
        for (lang, name) in [
            ("ar", "سويسرا"),
            ("en", "Switzerland"),
            ("es", "Suiza"),
            ("fr", "Suisse"),
            ("ru", "Швейцария"),
            ("zh", "瑞士"),
        ] {
            assert_eq!(country_name("CH", lang), Some(name), "{lang}");
        }
        assert_eq!(country_name("ch", "fr-CH"), Some("Suisse"));
    }

    #[test]
    fn another_language_reads_english_and_an_unknown_code_has_no_name() {
        assert_eq!(country_name("ES", "pt-BR"), Some("Spain"));
        assert_eq!(country_name("QQ", "fr"), None);
        assert_eq!(country_name("", "fr"), None);
    }

    #[test]
    fn every_row_of_the_table_has_six_names() {
        assert!(NAMES.len() > 240, "{} territories", NAMES.len());
        for (code, names) in NAMES.iter() {
            assert_eq!(code.len(), 2, "{code}");
            assert!(names.iter().all(|n| !n.is_empty()), "{code}: {names:?}");
        }
    }

    #[test]
    fn english_readers_keep_the_secretariats_name_and_others_read_cldr() {
        assert_eq!(
            state_name("United Republic of Tanzania", "TZ", "en"),
            "United Republic of Tanzania"
        );
        assert_eq!(state_name("Spain", "ES", "fr"), "Espagne");
        assert_eq!(state_name("Spain", "ES", "de"), "Spain");
        assert_eq!(state_name("Atlantis", "QQ", "zh"), "Atlantis");
    }
}
