//! The inputs for a text's translations on the secretariat's forms: one per
//! other language, marked with its language and direction so that Arabic is
//! typed right to left and each input is spelt-checked in its language.

use crate::domain::language::Language;

/// One translation's input, as a template shows it.
pub struct TranslationField {
    /// The form field (`name_fr`, `title_ar`, …), also the input's id.
    pub name: &'static str,
    pub lang: &'static str,
    /// `rtl` for Arabic, `ltr` otherwise.
    pub dir: &'static str,
    /// `Title in French`.
    pub label: String,
    pub value: String,
    pub error: Option<String>,
}

/// The inputs of one text (`what`, e.g. "Name") in the order of
/// [`Language::OTHERS`]: `fields` are the form fields, `values` as typed,
/// `error` finds a field's message.
pub fn translation_fields<'a>(
    what: &str,
    fields: [&'static str; 5],
    values: [&str; 5],
    error: impl Fn(&str) -> Option<&'a str>,
) -> Vec<TranslationField> {
    Language::OTHERS
        .into_iter()
        .zip(fields)
        .zip(values)
        .map(|((lang, name), value)| TranslationField {
            name,
            lang: lang.tag(),
            dir: lang.dir(),
            label: format!("{what} in {}", lang.english_name()),
            value: value.to_owned(),
            error: error(name).map(str::to_owned),
        })
        .collect()
}
