//! Dates and instants written out for a reader of each language, from CLDR
//! through ICU4X: weekday and month names, the order of day, month and year,
//! the words that join a date and a time, and the language's digits. Always
//! the Gregorian calendar (meetings are held by it) and the 24-hour clock
//! (convene writes to people across all time zones; CLDR's default for
//! English would be the 12-hour clock). The time zone is named by its
//! abbreviation and its IANA name, which every reader can look up.
//!
//! English is British English (`en-GB`: "Friday 15 January 2027"), the
//! English of the emails and of most intergovernmental secretariats.

use std::cell::RefCell;
use std::collections::VecDeque;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::{T, YMDE, YMDET};
use icu_datetime::input::{DateTime as IcuDateTime, Time};
use icu_datetime::{FixedCalendarDateTimeFormatter, NoCalendarFormatter};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::{Locale, locale};

use super::{Language, PerLanguage, tr_args};

/// The CLDR locale a language is formatted in, on the 24-hour clock.
pub(crate) fn locale(language: Language) -> Locale {
    match language {
        Language::Ar => locale!("ar-u-hc-h23"),
        Language::En => locale!("en-GB-u-hc-h23"),
        Language::Es => locale!("es-u-hc-h23"),
        Language::Fr => locale!("fr-u-hc-h23"),
        Language::Ru => locale!("ru-u-hc-h23"),
        Language::Zh => locale!("zh-u-hc-h23"),
    }
}

/// One kind of formatter for each language; `None` where ICU4X could not
/// make it, and the caller writes a plain format instead.
type Formatters<F> = PerLanguage<Option<F>>;

/// The formatter of `language` that `make` makes from its locale, made the
/// first time it is asked for (see [`PerLanguage`]): making one costs
/// microseconds, using it a fraction of that, and a six-month form writes a
/// date for each of its weeks.
fn cached<F, E>(
    formatters: &'static Formatters<F>,
    language: Language,
    make: impl FnOnce(&Locale) -> Result<F, E>,
) -> Option<&'static F> {
    formatters
        .get(language, || make(&locale(language)).ok())
        .as_ref()
}

/// A chrono date as ICU4X's; every `NaiveDate` is a valid Gregorian date.
fn gregorian(day: NaiveDate) -> Date<Gregorian> {
    // chrono's months and days are 1-based and always in range.
    Date::try_new_gregorian(day.year(), day.month() as u8, day.day() as u8)
        .expect("a chrono date is a Gregorian date")
}

fn time(hour: u32, minute: u32) -> Time {
    Time::try_new(hour as u8, minute as u8, 0, 0).expect("a chrono time is a time")
}

/// A calendar date in full: "Monday 1 March 2027", "lundi 1 mars 2027",
/// "lunes, 1 de marzo de 2027", "2027年3月1日星期一".
pub fn date(day: NaiveDate, language: Language) -> String {
    static FORMATTERS: Formatters<FixedCalendarDateTimeFormatter<Gregorian, YMDE>> =
        PerLanguage::new();
    cached(&FORMATTERS, language, |l| {
        FixedCalendarDateTimeFormatter::try_new(l.into(), YMDE::long())
    })
    .map(|f| f.format(&gregorian(day)).to_string())
    .unwrap_or_else(|| day.format("%Y-%m-%d").to_string())
}

/// A calendar date in short: "Mon 4 Jan 2027", "lun. 4 janv. 2027", for
/// headings repeated down a page (one per week of a form).
pub fn date_short(day: NaiveDate, language: Language) -> String {
    static FORMATTERS: Formatters<FixedCalendarDateTimeFormatter<Gregorian, YMDE>> =
        PerLanguage::new();
    cached(&FORMATTERS, language, |l| {
        FixedCalendarDateTimeFormatter::try_new(l.into(), YMDE::medium())
    })
    .map(|f| f.format(&gregorian(day)).to_string())
    .unwrap_or_else(|| day.format("%Y-%m-%d").to_string())
}

/// A time of day on the 24-hour clock: "18:00".
pub fn clock(hour: u32, minute: u32, language: Language) -> String {
    static FORMATTERS: Formatters<NoCalendarFormatter<T>> = PerLanguage::new();
    cached(&FORMATTERS, language, |l| {
        NoCalendarFormatter::try_new(l.into(), T::hm())
    })
    .map(|f| f.format(&time(hour, minute)).to_string())
    .unwrap_or_else(|| format!("{hour:02}:{minute:02}"))
}

/// A date and a time of day joined as CLDR joins them for the language:
/// "Friday 15 January 2027 at 18:00", "vendredi 15 janvier 2027 à 18:00".
fn date_and_clock(day: NaiveDate, hour: u32, minute: u32, language: Language) -> String {
    let input = IcuDateTime {
        date: gregorian(day),
        time: time(hour, minute),
    };
    static FORMATTERS: Formatters<FixedCalendarDateTimeFormatter<Gregorian, YMDET>> =
        PerLanguage::new();
    cached(&FORMATTERS, language, |l| {
        FixedCalendarDateTimeFormatter::try_new(l.into(), YMDE::long().with_time_hm())
    })
    .map(|f| f.format(&input).to_string())
    .unwrap_or_else(|| format!("{} {}", date(day, language), clock(hour, minute, language)))
}

/// An instant in a zone, with the zone's abbreviation and IANA name, then in
/// UTC: "Friday 15 January 2027 at 18:00 CET (Europe/Zurich), that is
/// Friday 15 January 2027 at 17:00 UTC".
pub fn instant(at: DateTime<Utc>, zone: Tz, language: Language) -> String {
    recently_written(Written::Instant(at, zone, language), || {
        tr_args(
            language,
            "dates-instant",
            &[
                ("local", in_zone(at, zone, language).as_str().into()),
                ("utc", in_utc(at, language).as_str().into()),
            ],
        )
    })
}

/// What an [`instant`] or a [`sitting`] was written from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Written {
    Instant(DateTime<Utc>, Tz, Language),
    Sitting(DateTime<Utc>, DateTime<Utc>, Tz, Language),
}

/// How many written instants and sittings each thread keeps.
const KEPT: usize = 8;

thread_local! {
    static RECENT: RefCell<VecDeque<(Written, String)>> =
        const { RefCell::new(VecDeque::new()) };
}

/// The text `write` makes for `key`, kept with the last few this thread
/// wrote. Every invitation of a meeting states the same start, end and days
/// to its recipients in their languages, so a mailing of 10,000 would write
/// the same few texts (ICU4X formatting, then Fluent joining) thousands of
/// times over; the messages and CLDR data are built in, so a text written
/// once stays right.
fn recently_written(key: Written, write: impl FnOnce() -> String) -> String {
    let kept = RECENT.with_borrow(|recent| {
        recent
            .iter()
            .find(|(written, _)| *written == key)
            .map(|(_, text)| text.clone())
    });
    if let Some(text) = kept {
        return text;
    }
    let text = write();
    RECENT.with_borrow_mut(|recent| {
        if recent.len() == KEPT {
            recent.pop_front();
        }
        recent.push_back((key, text.clone()));
    });
    text
}

/// An instant in a zone, with the zone's abbreviation and IANA name:
/// "Friday 15 January 2027 at 18:00 CET (Europe/Zurich)". Pages show it
/// above [`in_utc`] where an email joins both into one [`instant`].
pub fn in_zone(at: DateTime<Utc>, zone: Tz, language: Language) -> String {
    let local = at.with_timezone(&zone);
    format!(
        "{} {} ({})",
        date_and_clock(local.date_naive(), local.hour(), local.minute(), language),
        local.format("%Z"),
        zone.name()
    )
}

/// An instant in UTC: "Friday 15 January 2027 at 17:00 UTC".
pub fn in_utc(at: DateTime<Utc>, language: Language) -> String {
    format!(
        "{} UTC",
        date_and_clock(at.date_naive(), at.hour(), at.minute(), language)
    )
}

/// One meeting day with its hours in the zone, then in UTC: "Monday 29
/// March 2027, 10:00–18:00 CEST (Europe/Zurich), that is 08:00–16:00 UTC".
pub fn sitting(start: DateTime<Utc>, end: DateTime<Utc>, zone: Tz, language: Language) -> String {
    recently_written(Written::Sitting(start, end, zone, language), || {
        let (from, to) = (start.with_timezone(&zone), end.with_timezone(&zone));
        let zone_name = format!("{} ({})", from.format("%Z"), zone.name());
        tr_args(
            language,
            "dates-sitting",
            &[
                ("date", date(from.date_naive(), language).as_str().into()),
                (
                    "from",
                    clock(from.hour(), from.minute(), language).as_str().into(),
                ),
                (
                    "to",
                    clock(to.hour(), to.minute(), language).as_str().into(),
                ),
                ("zone", zone_name.as_str().into()),
                (
                    "from_utc",
                    clock(start.hour(), start.minute(), language)
                        .as_str()
                        .into(),
                ),
                (
                    "to_utc",
                    clock(end.hour(), end.minute(), language).as_str().into(),
                ),
            ],
        )
    })
}

/// A whole number with the language's digits and grouping: "1,234",
/// "1 234" (French, a narrow no-break space), "1.234" (Spanish).
pub fn number(n: i64, language: Language) -> String {
    static FORMATTERS: Formatters<DecimalFormatter> = PerLanguage::new();
    cached(&FORMATTERS, language, |l| {
        DecimalFormatter::try_new(l.into(), Default::default())
    })
    .map(|f| f.format(&Decimal::from(n)).to_string())
    .unwrap_or_else(|| n.to_string())
}

/// A period of whole days: "from Monday 1 March 2027 to Friday 12 March 2027".
pub fn window(start: NaiveDate, end: NaiveDate, language: Language) -> String {
    tr_args(
        language,
        "dates-window",
        &[
            ("start", date(start, language).as_str().into()),
            ("end", date(end, language).as_str().into()),
        ],
    )
}

#[cfg(test)]
mod tests;
