//! The words the availability grid repeats for every unit (weekday, day
//! and month names, the half-day words, the choices' labels), made once per
//! language and kept for the life of the process: a six-month form writes
//! them hundreds of times, and issue 11 measures that page, so no Fluent or
//! ICU4X call is made per unit.

use chrono::{Datelike, NaiveDate, Weekday};
use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{D, E, M};

use crate::domain::answer::Availability;
use crate::i18n::format::locale;
use crate::i18n::{Language, PerLanguage, tr};

/// One language's words for the grid.
#[derive(Debug)]
pub struct GridWords {
    /// Abbreviated weekday names, Monday first ("Mon", "lun.", "周一").
    weekdays: [String; 7],
    /// Abbreviated month names, January first ("Jan", "janv.", "1月").
    months: [String; 12],
    /// The days of the month as the language writes them ("4", "٤", "4日").
    days: [String; 31],
    /// Chinese writes the month and day before the weekday ("1月4日 周一");
    /// the other five languages the weekday first ("Mon 4 Jan").
    pub month_first: bool,
    /// The choices' own labels by [`Availability::ALL`]: short for the
    /// radios, long for the quick-fill buttons.
    short: [String; 3],
    long: [String; 3],
    /// The suffixes of a half-day's legend (", morning").
    am: String,
    pm: String,
}

impl GridWords {
    /// The words of `language`, made on first use.
    pub fn of(language: Language) -> &'static GridWords {
        static WORDS: PerLanguage<GridWords> = PerLanguage::new();
        WORDS.get(language, || GridWords::new(language))
    }

    fn new(language: Language) -> GridWords {
        let prefs = (&locale(language)).into();
        let weekday = FixedCalendarDateTimeFormatter::<Gregorian, E>::try_new(prefs, E::medium());
        let month = FixedCalendarDateTimeFormatter::<Gregorian, M>::try_new(prefs, M::medium());
        let day = FixedCalendarDateTimeFormatter::<Gregorian, D>::try_new(prefs, D::medium());
        // 2027-02-01 is a Monday; every month has a 1st, January a 31st.
        let monday = NaiveDate::from_ymd_opt(2027, 2, 1).expect("a date");
        let weekdays = std::array::from_fn(|i| {
            let date = monday + chrono::Duration::days(i as i64);
            match &weekday {
                Ok(f) => f.format(&gregorian(date)).to_string(),
                Err(_) => date.format("%a").to_string(),
            }
        });
        let months = std::array::from_fn(|i| {
            let date = NaiveDate::from_ymd_opt(2027, i as u32 + 1, 1).expect("a date");
            match &month {
                Ok(f) => f.format(&gregorian(date)).to_string(),
                Err(_) => date.format("%b").to_string(),
            }
        });
        let days = std::array::from_fn(|i| {
            let date = NaiveDate::from_ymd_opt(2027, 1, i as u32 + 1).expect("a date");
            match &day {
                Ok(f) => f.format(&gregorian(date)).to_string(),
                Err(_) => (i + 1).to_string(),
            }
        });
        let [short, long] = [
            ["form-short-yes", "form-short-maybe", "form-short-no"],
            ["form-choice-yes", "form-choice-maybe", "form-choice-no"],
        ]
        .map(|ids| ids.map(|id| tr(language, id)));
        GridWords {
            weekdays,
            months,
            days,
            month_first: language == Language::Zh,
            short,
            long,
            am: tr(language, "form-half-am"),
            pm: tr(language, "form-half-pm"),
        }
    }

    pub fn weekday(&self, weekday: Weekday) -> &str {
        &self.weekdays[weekday.num_days_from_monday() as usize]
    }

    /// The month name of a date.
    pub fn month(&self, date: NaiveDate) -> &str {
        &self.months[date.month0() as usize]
    }

    /// The day of the month of a date.
    pub fn day(&self, date: NaiveDate) -> &str {
        &self.days[date.day0() as usize]
    }

    pub fn short(&self, choice: &Availability) -> &str {
        &self.short[index(*choice)]
    }

    pub fn long(&self, choice: &Availability) -> &str {
        &self.long[index(*choice)]
    }

    /// The suffix of a half-day's legend; empty for a whole day.
    pub fn half(&self, half: Option<crate::domain::units::Half>) -> &str {
        use crate::domain::units::Half;
        match half {
            None => "",
            Some(Half::Am) => &self.am,
            Some(Half::Pm) => &self.pm,
        }
    }
}

fn index(choice: Availability) -> usize {
    Availability::ALL
        .iter()
        .position(|&c| c == choice)
        .unwrap_or_default()
}

fn gregorian(day: NaiveDate) -> Date<Gregorian> {
    Date::try_new_gregorian(day.year(), day.month() as u8, day.day() as u8)
        .expect("a chrono date is a Gregorian date")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_keeps_the_short_legend_the_form_always_had() {
        let en = GridWords::of(Language::En);
        let date = NaiveDate::from_ymd_opt(2027, 1, 4).expect("a date");
        assert_eq!(
            (en.weekday(date.weekday()), en.day(date), en.month(date)),
            ("Mon", "4", "Jan")
        );
        assert_eq!(en.short(&Availability::IfNeedBe), "If need be");
        assert_eq!(en.long(&Availability::No), "Unavailable");
        assert_eq!(en.half(Some(crate::domain::units::Half::Am)), ", morning");
    }

    #[test]
    fn each_language_names_its_weekdays_and_months_from_cldr() {
        let date = NaiveDate::from_ymd_opt(2027, 1, 4).expect("a date");
        let fr = GridWords::of(Language::Fr);
        assert_eq!(fr.weekday(date.weekday()), "lun.");
        assert_eq!(fr.month(date), "janv.");
        let zh = GridWords::of(Language::Zh);
        assert!(zh.month_first);
        assert_eq!(zh.month(date), "1月");
        let ru = GridWords::of(Language::Ru);
        assert_eq!(ru.short(&Availability::Yes), "Да");
        for language in Language::ALL {
            let words = GridWords::of(language);
            assert!(words.weekdays.iter().all(|w| !w.is_empty()), "{language}");
            assert!(words.months.iter().all(|m| !m.is_empty()), "{language}");
        }
    }
}
