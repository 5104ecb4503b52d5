//! The six languages convene writes in (the United Nations' official
//! languages) and how a person's language is chosen from a stored tag or a
//! browser's `Accept-Language` header.
//!
//! Anything that is not one of the six (German, an empty field, a malformed
//! tag) reads English: convene writes to diplomats, for whom English is the
//! working language shared most widely, and a message is better sent in
//! English than not sent.

use std::fmt;

/// One of the six UN languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    Ar,
    En,
    Es,
    Fr,
    Ru,
    Zh,
}

impl Language {
    /// Every language, in the order of their tags (the UN's order in English).
    pub const ALL: [Language; 6] = [
        Language::Ar,
        Language::En,
        Language::Es,
        Language::Fr,
        Language::Ru,
        Language::Zh,
    ];

    /// The language's place in [`Language::ALL`], for tables kept per
    /// language.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The language of a BCP 47 tag, by its primary subtag alone, in any
    /// case and with `-` or `_` between subtags: `fr`, `fr-CH`, `FR_ca` →
    /// French, `zh-Hant-TW` → Chinese. Anything else, or nothing, is English
    /// (see the module's note); [`Language::parse`] tells the two apart.
    pub fn from_tag(tag: &str) -> Language {
        Language::parse(tag).unwrap_or(Language::En)
    }

    /// The language of a tag when it is one of the six, else `None`.
    pub fn parse(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        Language::ALL
            .into_iter()
            .find(|language| primary.eq_ignore_ascii_case(language.tag()))
    }

    /// The two-letter tag stored for a contact and written in `lang`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::Ar => "ar",
            Language::En => "en",
            Language::Es => "es",
            Language::Fr => "fr",
            Language::Ru => "ru",
            Language::Zh => "zh",
        }
    }

    /// The language the secretariat writes its own texts in (titles,
    /// purposes, group names); every other language is a translation of it.
    pub const DEFAULT: Language = Language::En;

    /// The languages a secretariat text may be translated into: all but
    /// [`Language::DEFAULT`], in the order of their tags.
    pub const OTHERS: [Language; 5] = [
        Language::Ar,
        Language::Es,
        Language::Fr,
        Language::Ru,
        Language::Zh,
    ];

    /// The language's English name, for the secretariat's pages (which are
    /// in English).
    pub fn english_name(self) -> &'static str {
        match self {
            Language::Ar => "Arabic",
            Language::En => "English",
            Language::Es => "Spanish",
            Language::Fr => "French",
            Language::Ru => "Russian",
            Language::Zh => "Chinese",
        }
    }

    /// The language's name in itself, for a switcher that a reader of any
    /// of the six can find their own language in.
    pub fn own_name(self) -> &'static str {
        match self {
            Language::Ar => "العربية",
            Language::En => "English",
            Language::Es => "Español",
            Language::Fr => "Français",
            Language::Ru => "Русский",
            Language::Zh => "中文",
        }
    }

    /// Whether the language is written right to left (Arabic).
    pub fn is_rtl(self) -> bool {
        self == Language::Ar
    }

    /// The value of an HTML `dir` attribute for the language.
    pub fn dir(self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
    }

    /// The language a browser asks for in its `Accept-Language` header: the
    /// first of the six in the order of the header's q-values (ties keep
    /// the header's order, `q=0` refuses), else English. A wildcard `*`
    /// matches no language in particular and so leaves the choice to the
    /// ones after it, then to English.
    pub fn negotiate(accept_language: &str) -> Language {
        let mut ranked: Vec<(u16, usize, Language)> = accept_language
            .split(',')
            .enumerate()
            .filter_map(|(position, item)| {
                let mut parts = item.split(';');
                let language = Language::parse(parts.next()?.trim())?;
                let quality = parts
                    .find_map(|p| p.trim().strip_prefix("q=").or(p.trim().strip_prefix("Q=")))
                    .map_or(Some(1000), quality)?;
                (quality > 0).then_some((quality, position, language))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.first().map_or(Language::En, |&(_, _, l)| l)
    }
}

/// A q-value in thousandths (RFC 9110: `0` to `1` with up to three
/// decimals); a malformed one makes its item count as not offered.
fn quality(text: &str) -> Option<u16> {
    let value: f32 = text.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&value)
        .then(|| (value * 1000.0).round() as u16)
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_knows_its_place_in_the_list() {
        for (index, language) in Language::ALL.into_iter().enumerate() {
            assert_eq!(language.index(), index, "{language:?}");
        }
    }

    #[test]
    fn a_language_is_chosen_by_its_primary_subtag_in_any_case() {
        assert_eq!(Language::from_tag("fr-CH"), Language::Fr);
        assert_eq!(Language::from_tag("ES"), Language::Es);
        assert_eq!(Language::from_tag("ar_EG"), Language::Ar);
        assert_eq!(Language::from_tag("zh-Hant-TW"), Language::Zh);
        assert_eq!(Language::from_tag(" RU "), Language::Ru);
        assert_eq!(Language::parse("de"), None);
        assert_eq!(Language::from_tag("de"), Language::En);
        assert_eq!(Language::from_tag(""), Language::En);
        assert_eq!(
            Language::from_tag("frx"),
            Language::En,
            "not a prefix match"
        );
    }

    #[test]
    fn every_tag_reads_back_as_its_language() {
        for language in Language::ALL {
            assert_eq!(Language::parse(language.tag()), Some(language));
        }
    }

    #[test]
    fn arabic_alone_is_written_right_to_left() {
        for language in Language::ALL {
            assert_eq!(language.is_rtl(), language == Language::Ar);
            assert_eq!(
                language.dir(),
                if language.is_rtl() { "rtl" } else { "ltr" }
            );
        }
        assert_eq!(Language::Zh.own_name(), "中文");
    }

    #[test]
    fn the_other_languages_are_all_but_the_default() {
        let mut all = Language::OTHERS.to_vec();
        all.push(Language::DEFAULT);
        all.sort_unstable();
        assert_eq!(all, Language::ALL);
    }

    #[test]
    fn the_browsers_first_supported_language_wins() {
        assert_eq!(
            Language::negotiate("de-CH, fr;q=0.9, en;q=0.8"),
            Language::Fr
        );
        assert_eq!(Language::negotiate("ru-RU,ru;q=0.9"), Language::Ru);
        assert_eq!(Language::negotiate("zh-CN"), Language::Zh);
    }

    #[test]
    fn q_values_order_the_languages_and_ties_keep_the_header_order() {
        assert_eq!(Language::negotiate("en;q=0.5, ar;q=0.8"), Language::Ar);
        assert_eq!(Language::negotiate("es;q=0.7, fr;q=0.7"), Language::Es);
        assert_eq!(Language::negotiate("fr;q=0.1, es"), Language::Es);
        assert_eq!(Language::negotiate("es; q=0.25 , zh ; q=0.3"), Language::Zh);
    }

    #[test]
    fn a_refused_or_malformed_item_is_not_chosen() {
        assert_eq!(Language::negotiate("fr;q=0, es;q=0.1"), Language::Es);
        assert_eq!(
            Language::negotiate("fr;q=2, ru;q=abc, ar;q=0.2"),
            Language::Ar
        );
        assert_eq!(Language::negotiate("fr;q=0"), Language::En);
    }

    #[test]
    fn nothing_supported_is_english() {
        for header in ["", "de, it;q=0.9", "*", ";;,,", "x-klingon"] {
            assert_eq!(Language::negotiate(header), Language::En, "{header:?}");
        }
        assert_eq!(Language::negotiate("*, ru;q=0.5"), Language::Ru);
    }
}
