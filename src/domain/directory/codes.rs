//! Country and language codes, checked once where they enter.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("a country code is two letters (ISO 3166-1 alpha-2), for example CH")]
    Country,
    #[error("a language code is two letters (ISO 639-1), for example en, fr or es")]
    Language,
}

fn two_letters(input: &str) -> Option<&str> {
    let trimmed = input.trim();
    (trimmed.len() == 2 && trimmed.bytes().all(|b| b.is_ascii_alphabetic())).then_some(trimmed)
}

/// An ISO 3166-1 alpha-2 code, stored upper-cased. Whether the code is
/// assigned is not checked: the secretariat's list of states is the authority,
/// and codes are reassigned rarely enough that a frozen list would age badly.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode(String);

impl CountryCode {
    pub fn parse(input: &str) -> Result<CountryCode, CodeError> {
        two_letters(input)
            .map(|code| CountryCode(code.to_ascii_uppercase()))
            .ok_or(CodeError::Country)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The languages emails are translated into (the tags of
/// [`Language::ALL`](crate::domain::language::Language::ALL)); any other code
/// is accepted and falls back to English when a message is rendered.
pub const TRANSLATED_LANGUAGES: [&str; 6] = ["ar", "en", "es", "fr", "ru", "zh"];

/// An ISO 639-1 language code, stored lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LanguageCode(String);

impl LanguageCode {
    pub fn parse(input: &str) -> Result<LanguageCode, CodeError> {
        two_letters(input)
            .map(|code| LanguageCode(code.to_ascii_lowercase()))
            .ok_or(CodeError::Language)
    }

    pub fn english() -> LanguageCode {
        LanguageCode("en".to_owned())
    }

    pub fn has_translation(&self) -> bool {
        TRANSLATED_LANGUAGES.contains(&self.0.as_str())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LanguageCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_country_code_is_two_letters_upper_cased() {
        assert_eq!(CountryCode::parse(" ch ").expect("valid").as_str(), "CH");
        assert_eq!(CountryCode::parse("Va").expect("valid").as_str(), "VA");
        for bad in ["", "C", "CHE", "C1", "é1", "ü", "--"] {
            assert_eq!(CountryCode::parse(bad), Err(CodeError::Country), "{bad:?}");
        }
    }

    #[test]
    fn a_language_code_is_two_letters_lower_cased_and_knows_its_translation() {
        let fr = LanguageCode::parse("FR").expect("valid");
        assert_eq!(fr.as_str(), "fr");
        assert!(fr.has_translation());
        let de = LanguageCode::parse("de").expect("other languages are allowed");
        assert!(!de.has_translation());
        assert!(LanguageCode::english().has_translation());
        for language in crate::domain::language::Language::ALL {
            let code = LanguageCode::parse(language.tag()).expect("valid");
            assert!(code.has_translation(), "{language}");
        }
        assert_eq!(
            TRANSLATED_LANGUAGES.len(),
            crate::domain::language::Language::ALL.len()
        );
        for bad in ["", "f", "fra", "f1", "en-GB"] {
            assert_eq!(
                LanguageCode::parse(bad),
                Err(CodeError::Language),
                "{bad:?}"
            );
        }
    }
}
