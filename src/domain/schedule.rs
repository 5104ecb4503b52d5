//! The days a meeting actually sits. A meeting that may run across
//! non-working and excluded days (a Friday to a Monday, around a holiday)
//! must not look continuous: its invitation lists each meeting day with its
//! times, and its calendar entry covers only those days, so that nobody's
//! weekend is blocked.
//!
//! The days are derived from the meeting's start and end and the draft's
//! working days and excluded dates, so they follow a later change of dates
//! as they follow the approved slot: the first day starts at the start, the
//! last ends at the end, and every working day between runs from the first
//! session's start to the last session's end.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;

use super::meeting::{Session, is_working, local_to_utc};

/// One day the meeting sits, as UTC instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sitting {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// What the days depend on besides the start and end.
#[derive(Debug, Clone, Copy)]
pub struct Calendar<'a> {
    pub zone: Tz,
    pub working_days: &'a [Weekday],
    pub excluded: &'a BTreeMap<NaiveDate, String>,
    pub sessions: &'a [Session; 2],
}

impl Calendar<'_> {
    fn sits_on(&self, day: NaiveDate) -> bool {
        is_working(day, self.working_days) && !self.excluded.contains_key(&day)
    }
}

/// The days between `start` and `end` the meeting sits, in order, when they
/// are not one unbroken run of calendar days; `None` when the meeting runs
/// without a gap (then its start and end say everything, as before).
pub fn broken_days(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    cal: &Calendar<'_>,
) -> Option<Vec<Sitting>> {
    let first = start.with_timezone(&cal.zone).date_naive();
    let last = end.with_timezone(&cal.zone).date_naive();
    let mut days = Vec::new();
    let mut gap = false;
    for day in first.iter_days().take_while(|d| *d <= last) {
        let (is_first, is_last) = (day == first, day == last);
        if !is_first && !is_last && !cal.sits_on(day) {
            gap = true;
            continue;
        }
        let from = if is_first {
            Some(start)
        } else {
            local_to_utc(cal.zone, day.and_time(cal.sessions[0].start))
        };
        let to = if is_last {
            Some(end)
        } else {
            local_to_utc(cal.zone, day.and_time(cal.sessions[1].end))
        };
        if let (Some(start), Some(end)) = (from, to) {
            days.push(Sitting { start, end });
        }
    }
    gap.then_some(days)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveTime;

    use super::*;

    fn sessions() -> [Session; 2] {
        let t = |h| NaiveTime::from_hms_opt(h, 0, 0).expect("time");
        [
            Session {
                start: t(10),
                end: t(13),
            },
            Session {
                start: t(15),
                end: t(18),
            },
        ]
    }

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().expect("instant")
    }

    const WEEK: [Weekday; 5] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];

    #[test]
    fn a_friday_to_monday_meeting_sits_on_two_days_across_a_daylight_saving_change() {
        let excluded = BTreeMap::new();
        let cal = Calendar {
            zone: "Europe/Zurich".parse().expect("zone"),
            working_days: &WEEK,
            excluded: &excluded,
            sessions: &sessions(),
        };
        // Fri 26 March 2027 (CET) to Mon 29 March 2027 (CEST).
        let days = broken_days(at("2027-03-26T09:00:00Z"), at("2027-03-29T16:00:00Z"), &cal)
            .expect("a gap");
        assert_eq!(
            days,
            vec![
                Sitting {
                    start: at("2027-03-26T09:00:00Z"),
                    end: at("2027-03-26T17:00:00Z")
                },
                Sitting {
                    start: at("2027-03-29T08:00:00Z"),
                    end: at("2027-03-29T16:00:00Z")
                },
            ]
        );
    }

    #[test]
    fn an_excluded_day_is_skipped_and_an_unbroken_run_needs_no_list() {
        let excluded = BTreeMap::from([(
            NaiveDate::from_ymd_opt(2027, 5, 5).expect("date"),
            "Holiday".to_owned(),
        )]);
        let cal = Calendar {
            zone: chrono_tz::UTC,
            working_days: &WEEK,
            excluded: &excluded,
            sessions: &sessions(),
        };
        let days = broken_days(at("2027-05-04T10:00:00Z"), at("2027-05-06T18:00:00Z"), &cal)
            .expect("the holiday is a gap");
        assert_eq!(days.len(), 2);
        assert_eq!(days[1].start, at("2027-05-06T10:00:00Z"));
        assert_eq!(
            broken_days(at("2027-05-03T10:00:00Z"), at("2027-05-04T18:00:00Z"), &cal),
            None
        );
    }
}
