//! The Fluent bundles, one per language, built once from the `.ftl` files
//! compiled into the binary, and the API that templates and code read them
//! through.
//!
//! `fluent-bundle` directly rather than `fluent-templates`: six languages
//! with a handful of files each need no loader, and `include_str!` keeps the
//! files in the binary with nothing read from disk at run time.

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::Language;

/// The files of one language: `(name, text)`. Every language has the same
/// names; the completeness tests check that the folders hold no other.
pub(super) type Files = [(&'static str, &'static str); FILE_COUNT];

pub(super) const FILE_COUNT: usize = 3;

macro_rules! files {
    ($tag:literal) => {
        [
            (
                "dates.ftl",
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/locales/",
                    $tag,
                    "/dates.ftl"
                )),
            ),
            (
                "email.ftl",
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/locales/",
                    $tag,
                    "/email.ftl"
                )),
            ),
            (
                "pages.ftl",
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/locales/",
                    $tag,
                    "/pages.ftl"
                )),
            ),
        ]
    };
}

/// The `.ftl` files of `language`, as compiled in.
pub(super) fn files(language: Language) -> &'static Files {
    static AR: Files = files!("ar");
    static EN: Files = files!("en");
    static ES: Files = files!("es");
    static FR: Files = files!("fr");
    static RU: Files = files!("ru");
    static ZH: Files = files!("zh");
    match language {
        Language::Ar => &AR,
        Language::En => &EN,
        Language::Es => &ES,
        Language::Fr => &FR,
        Language::Ru => &RU,
        Language::Zh => &ZH,
    }
}

type Bundle = FluentBundle<FluentResource>;

/// The bundles in the order of [`Language::ALL`]. A file that does not
/// parse stops the program at its first message: the files are part of the
/// binary, and the completeness tests parse every one of them.
static BUNDLES: LazyLock<Vec<Bundle>> = LazyLock::new(|| {
    Language::ALL
        .into_iter()
        .map(|language| {
            let langid = language
                .tag()
                .parse()
                .expect("every language tag is a valid identifier");
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            bundle.set_use_isolating(language.is_rtl());
            set_number_formatter(&mut bundle, language);
            for (name, text) in files(language) {
                let resource = FluentResource::try_new((*text).to_owned())
                    .unwrap_or_else(|_| panic!("locales/{}/{name} does not parse", language.tag()));
                bundle.add_resource(resource).unwrap_or_else(|errors| {
                    panic!("locales/{}/{name}: {errors:?}", language.tag())
                });
            }
            bundle
        })
        .collect()
});

fn bundle(language: Language) -> &'static Bundle {
    &BUNDLES[language.index()]
}

/// Numbers in messages are written with CLDR's digits and separators for
/// the language (Fluent's own formatting knows neither). One hook per
/// language, since Fluent's hook is a plain function that cannot carry the
/// language itself.
fn set_number_formatter(bundle: &mut Bundle, language: Language) {
    macro_rules! formatter {
        ($language:expr) => {
            Some(|value, _| format_number(value, $language))
        };
    }
    bundle.set_formatter(match language {
        Language::Ar => formatter!(Language::Ar),
        Language::En => formatter!(Language::En),
        Language::Es => formatter!(Language::Es),
        Language::Fr => formatter!(Language::Fr),
        Language::Ru => formatter!(Language::Ru),
        Language::Zh => formatter!(Language::Zh),
    });
}

fn format_number(value: &FluentValue, language: Language) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    // Only whole numbers are passed (counts, limits); anything else keeps
    // Fluent's formatting.
    if number.value.fract() != 0.0 || number.value.abs() > 1e15 {
        return None;
    }
    Some(super::format::number(number.value as i64, language))
}

/// A value put into a message: text as it is, or a number that both
/// chooses a plural form and is written in the language's digits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(text)
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Number(n)
    }
}

impl From<u32> for Arg<'_> {
    fn from(n: u32) -> Self {
        Arg::Number(n.into())
    }
}

/// The arguments of a message: a slice of `(name, value)` pairs, or, for
/// templates, one pair or a tuple of two or three, by value or by reference
/// (askama passes a tuple by reference).
pub trait Args<'a> {
    fn into_fluent(self) -> FluentArgs<'a>;
}

fn value(arg: Arg<'_>) -> FluentValue<'_> {
    match arg {
        Arg::Text(text) => FluentValue::String(Cow::Borrowed(text)),
        Arg::Number(n) => FluentValue::from(n),
    }
}

impl<'a> Args<'a> for &[(&'a str, Arg<'a>)] {
    fn into_fluent(self) -> FluentArgs<'a> {
        let mut args = FluentArgs::with_capacity(self.len());
        for &(name, arg) in self {
            args.set(name, value(arg));
        }
        args
    }
}

impl<'a, A: Into<Arg<'a>>> Args<'a> for (&'a str, A) {
    fn into_fluent(self) -> FluentArgs<'a> {
        [(self.0, self.1.into())].as_slice().into_fluent()
    }
}

impl<'a, A: Into<Arg<'a>>, B: Into<Arg<'a>>> Args<'a> for ((&'a str, A), (&'a str, B)) {
    fn into_fluent(self) -> FluentArgs<'a> {
        [(self.0.0, self.0.1.into()), (self.1.0, self.1.1.into())]
            .as_slice()
            .into_fluent()
    }
}

impl<'a, A: Into<Arg<'a>>, B: Into<Arg<'a>>, C: Into<Arg<'a>>> Args<'a>
    for ((&'a str, A), (&'a str, B), (&'a str, C))
{
    fn into_fluent(self) -> FluentArgs<'a> {
        [
            (self.0.0, self.0.1.into()),
            (self.1.0, self.1.1.into()),
            (self.2.0, self.2.1.into()),
        ]
        .as_slice()
        .into_fluent()
    }
}

impl<'a, T: Args<'a> + Copy> Args<'a> for &T {
    fn into_fluent(self) -> FluentArgs<'a> {
        (*self).into_fluent()
    }
}

/// The message `id` in `language`, without arguments.
pub fn tr(language: Language, id: &str) -> String {
    format(language, id, None)
}

/// The message `id` in `language` with its arguments.
pub fn tr_args(language: Language, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    format(language, id, Some(&args.into_fluent()))
}

/// A message that no locale defines is a bug the completeness tests catch;
/// should one slip through, the reader sees its id (never a blank) and the
/// log says which.
fn format(language: Language, id: &str, args: Option<&FluentArgs>) -> String {
    let bundle = bundle(language);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        tracing::error!(language = language.tag(), id, "missing message");
        return id.to_owned();
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::error!(language = language.tag(), id, ?errors, "message incomplete");
    }
    text.into_owned()
}

/// Takes out the bidirectional isolation marks Fluent puts around values,
/// for the places where an invisible character does harm (see the module
/// note in `i18n`).
pub fn strip_isolation(text: &str) -> String {
    text.replace(['\u{2068}', '\u{2069}'], "")
}

/// The messages of one language, for a template or a request: `{{
/// t.tr("id") }}`, `{{ t.tr_with("id", ("name", value)) }}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Messages {
    language: Language,
}

impl Messages {
    pub fn new(language: Language) -> Messages {
        Messages { language }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// The language's tag, for `lang`.
    pub fn lang(&self) -> &'static str {
        self.language.tag()
    }

    /// `rtl` or `ltr`, for `dir`.
    pub fn dir(&self) -> &'static str {
        self.language.dir()
    }

    pub fn tr(&self, id: &str) -> String {
        tr(self.language, id)
    }

    pub fn tr_with<'a>(&self, id: &str, args: impl Args<'a>) -> String {
        format(self.language, id, Some(&args.into_fluent()))
    }

    /// A label and its value on one line of a plain-text email ("Venue:
    /// Room A"), with the language's separator. The value is written as it
    /// is, never isolated: it may be a link.
    pub fn field(&self, label_id: &str, value: &str) -> String {
        format!(
            "{}{}{value}",
            self.tr(label_id),
            self.tr("email-field-separator")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_takes_its_arguments_and_counts_choose_the_plural_form() {
        let fr = Messages::new(Language::Fr);
        assert_eq!(fr.tr_with("email-label-dates", ("count", 1usize)), "Date");
        assert_eq!(fr.tr_with("email-label-dates", ("count", 3usize)), "Dates");
        let ru = Messages::new(Language::Ru);
        let forms: Vec<String> = [1usize, 2, 5, 21]
            .into_iter()
            .map(|n| ru.tr_with("email-days-count", ("count", n)))
            .collect();
        assert_eq!(forms, ["1 день", "2 дня", "5 дней", "21 день"]);
    }

    #[test]
    fn arabic_counts_use_its_six_plural_forms_and_its_digits() {
        let ar = Messages::new(Language::Ar);
        let forms: Vec<String> = [0usize, 1, 2, 3, 11, 100]
            .into_iter()
            .map(|n| strip_isolation(&ar.tr_with("email-days-count", ("count", n))))
            .collect();
        let distinct: std::collections::BTreeSet<&String> = forms.iter().collect();
        assert_eq!(distinct.len(), 6, "{forms:?}");
        assert!(
            forms[3].contains('٣') || forms[3].contains('3'),
            "{forms:?}"
        );
    }

    #[test]
    fn values_are_isolated_in_arabic_only() {
        let args = ("name", "Group B");
        let ar = Messages::new(Language::Ar).tr_with("email-greeting-named", args);
        assert!(ar.contains("\u{2068}Group B\u{2069}"), "{ar}");
        let en = Messages::new(Language::En).tr_with("email-greeting-named", args);
        assert_eq!(en, "Dear Group B,");
        assert_eq!(strip_isolation(&ar).matches('\u{2068}').count(), 0);
    }

    #[test]
    fn an_unknown_id_shows_itself_rather_than_nothing() {
        assert_eq!(tr(Language::Es, "no-such-message"), "no-such-message");
    }
}
