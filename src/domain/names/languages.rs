//! The six languages as data: which tag a reader's language falls to, and
//! how each is written.

/// The six UN languages, in the order pages list them (by tag).
pub const SIX: [&str; 6] = ["ar", "en", "es", "fr", "ru", "zh"];

/// The language the secretariat writes its own texts in (titles, purposes,
/// group names); every other language is a translation of it.
pub const DEFAULT_LANGUAGE: &str = "en";

/// The languages a secretariat text may be translated into.
pub const OTHER_LANGUAGES: [&str; 5] = ["ar", "es", "fr", "ru", "zh"];

/// Which of the six a contact's language tag is read in: the tag's primary
/// language subtag when it is one of the six (`fr-CA` reads French,
/// `zh-Hant` reads Chinese: a reader of the traditional script reads the
/// simplified one better than English), English for every other language.
/// The tag is expected well-formed (see `LanguageCode::parse`); anything
/// else reads English too.
pub fn reading_language(tag: &str) -> &'static str {
    let primary = tag.split(['-', '_']).next().unwrap_or("").trim();
    SIX.into_iter()
        .find(|six| six.eq_ignore_ascii_case(primary))
        .unwrap_or(DEFAULT_LANGUAGE)
}

/// The writing direction of one of the six, for `dir` attributes.
pub fn direction(lang: &str) -> &'static str {
    if reading_language(lang) == "ar" {
        "rtl"
    } else {
        "ltr"
    }
}

/// The English name of one of the six, for the secretariat's pages (which
/// are in English); another tag is named by itself.
pub fn english_name(lang: &str) -> &str {
    match lang {
        "ar" => "Arabic",
        "en" => "English",
        "es" => "Spanish",
        "fr" => "French",
        "ru" => "Russian",
        "zh" => "Chinese",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_reads_in_its_primary_language_when_it_is_one_of_the_six() {
        for (tag, reads) in [
            ("fr", "fr"),
            ("fr-CA", "fr"),
            ("ZH-Hant", "zh"),
            ("ar-EG", "ar"),
            ("ru", "ru"),
            ("es-419", "es"),
            ("pt-BR", "en"),
            ("de", "en"),
            ("", "en"),
        ] {
            assert_eq!(reading_language(tag), reads, "{tag}");
        }
    }

    #[test]
    fn only_arabic_is_written_right_to_left() {
        assert_eq!(direction("ar"), "rtl");
        assert_eq!(direction("ar-SA"), "rtl");
        for lang in ["en", "es", "fr", "ru", "zh", "he"] {
            assert_eq!(direction(lang), "ltr", "{lang}");
        }
    }

    #[test]
    fn the_other_languages_are_the_six_but_the_default() {
        let mut all: Vec<&str> = OTHER_LANGUAGES.to_vec();
        all.push(DEFAULT_LANGUAGE);
        all.sort_unstable();
        assert_eq!(all, SIX);
    }
}
