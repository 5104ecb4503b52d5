//! Working units of a consultation window: a working day, or a working
//! half-day (morning or afternoon) when the granularity is half-days.
//!
//! Units have a stable text key used in forms, stored answers and exports:
//! `2026-03-02` for a day, `2026-03-02.am` / `2026-03-02.pm` for half-days.

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Granularity {
    Day,
    HalfDay,
}

impl Granularity {
    pub fn parse(text: &str) -> Option<Granularity> {
        match text.trim() {
            "day" => Some(Granularity::Day),
            "half_day" => Some(Granularity::HalfDay),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::HalfDay => "half_day",
        }
    }

    pub fn units_per_day(self) -> u32 {
        match self {
            Granularity::Day => 1,
            Granularity::HalfDay => 2,
        }
    }

    /// A number of units in the units' own words: "1 day", "10 days",
    /// "1 half-day", "4 half-days".
    pub fn count(self, units: usize) -> String {
        match (self, units) {
            (Granularity::Day, 1) => "1 day".to_owned(),
            (Granularity::Day, n) => format!("{n} days"),
            (Granularity::HalfDay, 1) => "1 half-day".to_owned(),
            (Granularity::HalfDay, n) => format!("{n} half-days"),
        }
    }

    /// The units' name in the plural: "days", "half-days".
    pub fn plural(self) -> &'static str {
        match self {
            Granularity::Day => "days",
            Granularity::HalfDay => "half-days",
        }
    }

    /// "2 days", "1 day", "1.5 days", "half a day".
    pub fn describe(self, units: u32) -> String {
        match self {
            Granularity::Day if units == 1 => "1 day".to_owned(),
            Granularity::Day => format!("{units} days"),
            Granularity::HalfDay if units == 1 => "half a day".to_owned(),
            Granularity::HalfDay if units == 2 => "1 day".to_owned(),
            Granularity::HalfDay if units.is_multiple_of(2) => format!("{} days", units / 2),
            Granularity::HalfDay => format!("{}.5 days", units / 2),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Half {
    Am,
    Pm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unit {
    pub date: NaiveDate,
    /// `None` for a whole day.
    pub half: Option<Half>,
}

impl Unit {
    /// `2027-01-04`, `2027-01-04.am`: the unit's name in forms and in
    /// stored answers. Written without a heap allocation by `Display`.
    pub fn key(&self) -> String {
        self.name().to_string()
    }

    /// The unit's [`key`](Unit::key) without a heap allocation.
    pub fn name(&self) -> UnitName {
        UnitName::new(self)
    }

    pub fn parse_key(key: &str) -> Option<Unit> {
        let (date, half) = match key.split_once('.') {
            None => (key, None),
            Some((d, "am")) => (d, Some(Half::Am)),
            Some((d, "pm")) => (d, Some(Half::Pm)),
            Some(_) => return None,
        };
        Some(Unit {
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?,
            half,
        })
    }

    /// Whether `next` directly follows this unit in a run: the afternoon of
    /// the same day, or the next calendar day (the morning, for half-days).
    pub fn is_followed_by(&self, next: &Unit) -> bool {
        match (self.half, next.half) {
            (None, None) => self.date.succ_opt() == Some(next.date),
            (Some(Half::Am), Some(Half::Pm)) => self.date == next.date,
            (Some(Half::Pm), Some(Half::Am)) => self.date.succ_opt() == Some(next.date),
            _ => false,
        }
    }

    /// "Mon 2 Mar 2026" or "Mon 2 Mar 2026, morning".
    pub fn label(&self) -> String {
        let mut label = String::with_capacity(26);
        self.write_label(&mut label);
        label
    }

    /// The label, appended to `out`. Written by hand rather than through
    /// chrono's format string, which is parsed anew on every call: the
    /// proposals page labels every unit of the window (522 for a year of
    /// half-days) on every view.
    pub fn write_label(&self, out: &mut String) {
        const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let date = self.date;
        let year = date.year();
        if (0..=9999).contains(&year) {
            out.push_str(WEEKDAYS[date.weekday().num_days_from_monday() as usize]);
            out.push(' ');
            let day = date.day();
            if day >= 10 {
                out.push(char::from(b'0' + (day / 10) as u8));
            }
            out.push(char::from(b'0' + (day % 10) as u8));
            out.push(' ');
            out.push_str(MONTHS[date.month0() as usize]);
            out.push(' ');
            for digit in [year / 1000, year / 100 % 10, year / 10 % 10, year % 10] {
                out.push(char::from(b'0' + digit as u8));
            }
        } else {
            // A signed year: rare enough to let chrono spell it.
            out.push_str(&date.format("%a %-d %b %Y").to_string());
        }
        out.push_str(match self.half {
            None => "",
            Some(Half::Am) => ", morning",
            Some(Half::Pm) => ", afternoon",
        });
    }

    /// The Monday of the unit's week, for grouping a calendar by week.
    pub fn week_start(&self) -> NaiveDate {
        self.date - chrono::Duration::days(i64::from(self.date.weekday().num_days_from_monday()))
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// A unit's name ([`Unit::key`]) written on the stack, digit by digit: a
/// six-month form writes one for each of its hundreds of radios and looks
/// each up in the answer, and `core::fmt` with padded numbers cost a tenth
/// of the form's time (issue 11).
pub struct UnitName {
    bytes: [u8; 24],
    len: usize,
}

impl UnitName {
    fn new(unit: &Unit) -> UnitName {
        let mut name = UnitName {
            bytes: [0; 24],
            len: 0,
        };
        let (y, m, d) = (unit.date.year(), unit.date.month(), unit.date.day());
        match u32::try_from(y) {
            Ok(y) if y <= 9999 => {
                name.digits(y, 4);
                name.push(b"-");
                name.digits(m, 2);
                name.push(b"-");
                name.digits(d, 2);
            }
            // Years a meeting cannot have, written the slow way.
            _ => {
                let _ = fmt::Write::write_fmt(&mut name, format_args!("{y:04}-{m:02}-{d:02}"));
            }
        }
        name.push(match unit.half {
            None => b"",
            Some(Half::Am) => b".am",
            Some(Half::Pm) => b".pm",
        });
        name
    }

    /// `n` in `width` decimal digits, zero-padded (`n` has no more).
    fn digits(&mut self, mut n: u32, width: usize) {
        for i in (0..width).rev() {
            self.bytes[self.len + i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        self.len += width;
    }

    fn push(&mut self, bytes: &[u8]) {
        let end = (self.len + bytes.len()).min(self.bytes.len());
        self.bytes[self.len..end].copy_from_slice(&bytes[..end - self.len]);
        self.len = end;
    }
}

impl fmt::Write for UnitName {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push(s.as_bytes());
        Ok(())
    }
}

impl std::ops::Deref for UnitName {
    type Target = str;

    fn deref(&self) -> &str {
        // Only ASCII digits, `-` and `.am`/`.pm` are ever written.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

/// The working units from `start` to `end` inclusive: days on `working_days`
/// that are not excluded, split in two when the granularity is half-days.
pub fn enumerate(
    start: NaiveDate,
    end: NaiveDate,
    granularity: Granularity,
    working_days: &[Weekday],
    excluded: impl Fn(NaiveDate) -> bool,
) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut day = start;
    while day <= end {
        if working_days.contains(&day.weekday()) && !excluded(day) {
            match granularity {
                Granularity::Day => units.push(Unit {
                    date: day,
                    half: None,
                }),
                Granularity::HalfDay => {
                    units.push(Unit {
                        date: day,
                        half: Some(Half::Am),
                    });
                    units.push(Unit {
                        date: day,
                        half: Some(Half::Pm),
                    });
                }
            }
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_units_name_is_its_date_zero_padded_then_its_half() {
        for (y, m, d) in [
            (2027, 1, 4),
            (5, 12, 31),
            (9999, 6, 9),
            (12345, 2, 3),
            (-44, 3, 15),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).expect("a date");
            for (half, suffix) in [(None, ""), (Some(Half::Am), ".am"), (Some(Half::Pm), ".pm")] {
                let unit = Unit { date, half };
                let expected = format!("{y:04}-{m:02}-{d:02}{suffix}");
                assert_eq!(&*unit.name(), expected);
                assert_eq!(unit.to_string(), expected);
            }
        }
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    const WEEKDAYS: [Weekday; 5] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];

    #[test]
    fn weekends_and_excluded_days_are_not_units() {
        // Thu 2 Apr 2026 .. Tue 7 Apr 2026, Good Friday excluded.
        let units = enumerate(
            date("2026-04-02"),
            date("2026-04-07"),
            Granularity::Day,
            &WEEKDAYS,
            |d| d == date("2026-04-03"),
        );
        let keys: Vec<String> = units.iter().map(Unit::key).collect();
        assert_eq!(keys, ["2026-04-02", "2026-04-06", "2026-04-07"]);
    }

    #[test]
    fn half_days_come_in_pairs_and_keys_round_trip() {
        let units = enumerate(
            date("2026-03-02"),
            date("2026-03-02"),
            Granularity::HalfDay,
            &WEEKDAYS,
            |_| false,
        );
        assert_eq!(units.len(), 2);
        for unit in &units {
            assert_eq!(Unit::parse_key(&unit.key()), Some(*unit));
        }
        assert_eq!(Unit::parse_key("2026-03-02.noon"), None);
    }

    #[test]
    fn runs_continue_over_midday_and_overnight_but_not_over_a_gap() {
        let am = Unit {
            date: date("2026-03-02"),
            half: Some(Half::Am),
        };
        let pm = Unit {
            date: date("2026-03-02"),
            half: Some(Half::Pm),
        };
        let next_am = Unit {
            date: date("2026-03-03"),
            half: Some(Half::Am),
        };
        let later = Unit {
            date: date("2026-03-04"),
            half: Some(Half::Am),
        };
        assert!(am.is_followed_by(&pm));
        assert!(pm.is_followed_by(&next_am));
        assert!(!am.is_followed_by(&next_am));
        assert!(!pm.is_followed_by(&later));
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(Granularity::HalfDay.describe(1), "half a day");
        assert_eq!(Granularity::HalfDay.describe(3), "1.5 days");
        assert_eq!(Granularity::HalfDay.describe(4), "2 days");
        assert_eq!(Granularity::Day.describe(1), "1 day");
    }
}

#[cfg(test)]
mod label {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The hand-written label is chrono's `%a %-d %b %Y`, for any date
        /// chrono knows (signed years included).
        #[test]
        fn a_label_reads_as_chrono_writes_it(
            days in NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce(),
            near in 700_000i32..3_700_000,
            half in 0usize..3,
        ) {
            for days in [days, near] {
                let date = NaiveDate::from_num_days_from_ce_opt(days).expect("in range");
                let unit = Unit { date, half: [None, Some(Half::Am), Some(Half::Pm)][half] };
                let day = date.format("%a %-d %b %Y").to_string();
                let expected = match unit.half {
                    None => day,
                    Some(Half::Am) => format!("{day}, morning"),
                    Some(Half::Pm) => format!("{day}, afternoon"),
                };
                prop_assert_eq!(unit.label(), expected);
            }
        }
    }
}
