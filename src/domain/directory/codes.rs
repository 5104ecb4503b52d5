//! Country and language codes, checked once where they enter.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("a country code is two letters (ISO 3166-1 alpha-2), for example CH")]
    Country,
    #[error(
        "a language is ar, en, es, fr, ru or zh (Arabic, English, Spanish, French, Russian, Chinese), or another BCP 47 tag such as pt-BR, which reads English"
    )]
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

/// A contact's language: a well-formed BCP 47 tag (RFC 5646), stored in
/// its canonical case (`pt-BR`, `zh-Hant`, `sr-Latn-RS`). One of the six
/// UN languages, or any other, which reads English (see
/// `Language::from_tag`). Whether the subtags are registered
/// is not checked, like [`CountryCode`]: the shape is what keeps a typo
/// such as `english` or `fr, es` out.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LanguageCode(String);

/// Longer than any tag a person means (the registry's longest are ~30).
const MAX_TAG: usize = 64;

impl LanguageCode {
    /// Reads a tag; `_` is taken for `-`, as spreadsheets and locales write
    /// `pt_BR`. Grandfathered tags (`i-klingon`) are refused.
    pub fn parse(input: &str) -> Result<LanguageCode, CodeError> {
        let tag = input.trim().replace('_', "-");
        if tag.is_empty() || tag.len() > MAX_TAG {
            return Err(CodeError::Language);
        }
        canonical_tag(&tag)
            .map(LanguageCode)
            .ok_or(CodeError::Language)
    }

    pub fn english() -> LanguageCode {
        LanguageCode("en".to_owned())
    }

    pub fn has_translation(&self) -> bool {
        TRANSLATED_LANGUAGES.contains(&self.primary())
    }

    /// The primary language subtag (`pt` of `pt-BR`).
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or("")
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn alpha(s: &str, lengths: std::ops::RangeInclusive<usize>) -> bool {
    lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic())
}

fn alphanum(s: &str, lengths: std::ops::RangeInclusive<usize>) -> bool {
    lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The tag in canonical case if it is a well-formed RFC 5646 `langtag`
/// (language, extlang, script, region, variants, extensions, private use;
/// the language itself 2–3 letters)
/// or a private-use tag (`x-…`); `None` otherwise.
fn canonical_tag(tag: &str) -> Option<String> {
    let parts: Vec<&str> = tag.split('-').collect();
    let mut out: Vec<String> = Vec::with_capacity(parts.len());
    let mut i = 0;
    let lower = |s: &str| s.to_ascii_lowercase();
    let private_use = |rest: &[&str]| !rest.is_empty() && rest.iter().all(|p| alphanum(p, 1..=8));
    if parts[0].eq_ignore_ascii_case("x") {
        return private_use(&parts[1..]).then(|| lower(tag));
    }
    // language: 2–3 letters (ISO 639), with up to three extlangs. RFC 5646
    // also reserves 4–8 letters, but no such subtag is registered, and
    // allowing them would let `english` or `French` through as tags.
    let language = parts[0];
    if !alpha(language, 2..=3) {
        return None;
    }
    out.push(lower(language));
    i += 1;
    {
        let mut extlangs = 0;
        while extlangs < 3 && parts.get(i).is_some_and(|p| alpha(p, 3..=3)) {
            out.push(lower(parts[i]));
            i += 1;
            extlangs += 1;
        }
    }
    if let Some(script) = parts.get(i).filter(|p| alpha(p, 4..=4)) {
        let (first, rest) = script.split_at(1);
        out.push(format!("{}{}", first.to_ascii_uppercase(), lower(rest)));
        i += 1;
    }
    if let Some(region) = parts
        .get(i)
        .filter(|p| alpha(p, 2..=2) || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit())))
    {
        out.push(region.to_ascii_uppercase());
        i += 1;
    }
    while let Some(variant) = parts.get(i).filter(|p| {
        alphanum(p, 5..=8)
            || (p.len() == 4 && p.as_bytes()[0].is_ascii_digit() && alphanum(p, 4..=4))
    }) {
        out.push(lower(variant));
        i += 1;
    }
    // extensions: a singleton (not x) and one or more 2–8 subtags each.
    while let Some(singleton) = parts
        .get(i)
        .filter(|p| p.len() == 1 && alphanum(p, 1..=1) && !p.eq_ignore_ascii_case("x"))
    {
        out.push(lower(singleton));
        i += 1;
        let start = i;
        while parts.get(i).is_some_and(|p| alphanum(p, 2..=8)) {
            out.push(lower(parts[i]));
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    if parts.get(i).is_some_and(|p| p.eq_ignore_ascii_case("x")) {
        if !private_use(&parts[i + 1..]) {
            return None;
        }
        out.extend(parts[i..].iter().map(|p| lower(p)));
        i = parts.len();
    }
    (i == parts.len()).then(|| out.join("-"))
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
    fn a_language_is_a_bcp47_tag_in_canonical_case_and_knows_its_translation() {
        let fr = LanguageCode::parse("FR").expect("valid");
        assert_eq!(fr.as_str(), "fr");
        assert!(fr.has_translation());
        assert!(
            LanguageCode::parse("fr-CA")
                .expect("valid")
                .has_translation()
        );
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
        for (typed, stored) in [
            ("pt-br", "pt-BR"),
            ("zh-hant", "zh-Hant"),
            ("ZH-HANT-tw", "zh-Hant-TW"),
            (" pt_BR ", "pt-BR"),
            ("es-419", "es-419"),
            ("sr-latn-rs", "sr-Latn-RS"),
            ("de-CH-1996", "de-CH-1996"),
            ("zh-yue-HK", "zh-yue-HK"),
            ("en-GB-u-ca-gregory", "en-GB-u-ca-gregory"),
            ("en-x-wipo", "en-x-wipo"),
            ("fra", "fra"),
        ] {
            assert_eq!(
                LanguageCode::parse(typed).map(|c| c.as_str().to_owned()),
                Ok(stored.to_owned()),
                "{typed:?}"
            );
        }
        assert_eq!(LanguageCode::parse("pt-BR").expect("valid").primary(), "pt");
    }

    #[test]
    fn a_language_that_is_not_a_well_formed_tag_is_refused() {
        for bad in [
            "",
            "f",
            "f1",
            "english",
            "French",
            "english1",
            "français",
            "fr, es",
            "en-",
            "-en",
            "en--GB",
            "en-GB-u",
            "en-a-b",
            "en-x",
            "i-klingon",
            "en-123456789",
            "abcdefghi",
        ] {
            assert_eq!(
                LanguageCode::parse(bad),
                Err(CodeError::Language),
                "{bad:?}"
            );
        }
    }
}
