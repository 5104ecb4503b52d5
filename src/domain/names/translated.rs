//! The secretariat's own texts in other languages (a group's name, a
//! meeting's title and purpose), and how a reader's text is chosen.

use std::collections::BTreeMap;

use crate::domain::language::Language;
use crate::domain::text::{Kind, Text};

/// Translations of one text, by language tag (one of [`Language::OTHERS`]).
/// A language without a translation is absent, never an empty string: the
/// reader then gets the default text, marked as such.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Translations(BTreeMap<&'static str, String>);

impl Translations {
    /// Checks the translations as typed, one per language, like the default
    /// text they translate (`kind`); blank ones are dropped. An error names
    /// the language's field, `field(lang)`.
    pub fn parse<'a>(
        kind: Kind,
        typed: impl IntoIterator<Item = (&'static str, &'a str)>,
    ) -> Result<Translations, Vec<(&'static str, String)>> {
        let mut texts = BTreeMap::new();
        let mut errors = Vec::new();
        for (lang, input) in typed {
            let Some(lang) = Language::OTHERS
                .into_iter()
                .map(Language::tag)
                .find(|l| *l == lang)
            else {
                continue;
            };
            match Text::parse(kind, input) {
                Ok(text) if text.as_str().is_empty() => {}
                Ok(text) => {
                    texts.insert(lang, text.into_string());
                }
                Err(e) => errors.push((lang, e.sentence())),
            }
        }
        if errors.is_empty() {
            Ok(Translations(texts))
        } else {
            Err(errors)
        }
    }

    /// Translations as stored (language, text); rows of a language that is
    /// not one of [`Language::OTHERS`] or with a blank text are ignored.
    pub fn from_rows(rows: impl IntoIterator<Item = (String, String)>) -> Translations {
        Translations(
            rows.into_iter()
                .filter(|(_, text)| !text.trim().is_empty())
                .filter_map(|(lang, text)| {
                    Language::OTHERS
                        .into_iter()
                        .map(Language::tag)
                        .find(|l| *l == lang)
                        .map(|l| (l, text))
                })
                .collect(),
        )
    }

    /// The translation into `lang`, if the secretariat gave one.
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0.get(lang).map(String::as_str)
    }

    /// Every translation, by language.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.0.iter().map(|(l, t)| (*l, t.as_str()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The text for a reader of `lang` (any tag; see [`Language::from_tag`]).
    pub fn resolve<'a>(&'a self, default: &'a str, lang: &str) -> Localised<'a> {
        let lang = Language::from_tag(lang).tag();
        match self.get(lang) {
            Some(text) => Localised {
                text,
                lang,
                fallback: false,
            },
            None => Localised {
                text: default,
                lang: Language::DEFAULT.tag(),
                fallback: lang != Language::DEFAULT.tag(),
            },
        }
    }
}

/// A text as a reader gets it. A page shows a fallback inside an element
/// with `lang` set to [`Localised::lang`] and a visible marker, so that the
/// reader knows why it is not in their language and a screen reader reads
/// it in the right voice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localised<'a> {
    pub text: &'a str,
    /// The language the text is written in.
    pub lang: &'static str,
    /// The reader's language has no translation: this is the default text.
    pub fallback: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Translations {
        Translations::parse(
            Kind::Name,
            [
                ("fr", " Groupe des pays africains "),
                ("ar", "المجموعة الأفريقية"),
                ("zh", ""),
            ],
        )
        .expect("valid")
    }

    #[test]
    fn a_reader_gets_the_translation_into_their_language() {
        let t = names();
        let fr = t.resolve("African Group", "fr-CH");
        assert_eq!(
            fr,
            Localised {
                text: "Groupe des pays africains",
                lang: "fr",
                fallback: false
            }
        );
        assert_eq!(t.resolve("African Group", "ar").text, "المجموعة الأفريقية");
    }

    #[test]
    fn without_a_translation_the_default_text_is_marked_as_a_fallback() {
        let t = names();
        let zh = t.resolve("African Group", "zh");
        assert_eq!(
            zh,
            Localised {
                text: "African Group",
                lang: "en",
                fallback: true
            }
        );
        // English readers and readers of other languages read English as
        // their page does: nothing to mark.
        assert!(!t.resolve("African Group", "en").fallback);
        assert!(!t.resolve("African Group", "pt-BR").fallback);
    }

    #[test]
    fn a_translation_is_checked_like_the_text_it_translates() {
        let errors = Translations::parse(
            Kind::Name,
            [("ru", "a\u{0}b"), ("es", &"x".repeat(201)), ("fr", "ok")],
        )
        .expect_err("two bad");
        assert_eq!(
            errors.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            vec!["ru", "es"]
        );
    }

    #[test]
    fn stored_rows_of_unknown_languages_or_blank_texts_are_ignored() {
        let t = Translations::from_rows([
            ("fr".into(), "Titre".into()),
            ("de".into(), "Titel".into()),
            ("en".into(), "Title".into()),
            ("ru".into(), "  ".into()),
        ]);
        assert_eq!(t.iter().collect::<Vec<_>>(), vec![("fr", "Titre")]);
    }
}
