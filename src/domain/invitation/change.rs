//! A change of date, time, modality, venue or link after approval: before the
//! invitations go out it corrects the decision; after, every recipient gets
//! an update.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::reply::FieldErrors;
use crate::domain::decision::Place;
use crate::domain::meeting::{Modality, local_to_utc};
use crate::domain::text::{Kind, Text};

/// The change form as typed: first and last day, start and end times in the
/// meeting's zone, the modality, venue and link, and a note to invitees.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ChangeInput {
    pub first_day: String,
    pub starts_at: String,
    pub last_day: String,
    pub ends_at: String,
    pub modality: String,
    pub venue: String,
    pub link: String,
    pub note: String,
}

/// How far ahead a changed meeting may end: far enough for any plan, near
/// enough to refuse a mistyped year such as 9999.
pub const MAX_YEARS_AHEAD: i64 = 100;

/// A valid change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub place: Place,
    pub note: String,
}

impl ChangeInput {
    /// The form filled with the current values.
    pub fn current(
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        zone: Tz,
        modality: Option<Modality>,
        venue: &str,
        link: &str,
    ) -> ChangeInput {
        let (s, e) = (start.with_timezone(&zone), end.with_timezone(&zone));
        ChangeInput {
            first_day: s.date_naive().to_string(),
            starts_at: s.format("%H:%M").to_string(),
            last_day: e.date_naive().to_string(),
            ends_at: e.format("%H:%M").to_string(),
            modality: modality.map(|m| m.as_str().to_owned()).unwrap_or_default(),
            venue: venue.to_owned(),
            link: link.to_owned(),
            note: String::new(),
        }
    }
}

impl Change {
    /// Validates a change; times are read in `zone` (a time that does not
    /// exist there, in a spring-forward gap, is refused), and the modality,
    /// venue and link follow the rules of the decision at approval.
    ///
    /// The meeting must start after `now` (a start in the past would close
    /// the replies at once) and end within [`MAX_YEARS_AHEAD`] years.
    pub fn parse(
        input: &ChangeInput,
        zone: Tz,
        offered: &[Modality],
        now: DateTime<Utc>,
    ) -> Result<Change, FieldErrors> {
        let mut errors = FieldErrors::new();
        let day = |text: &str, field: &'static str, errors: &mut FieldErrors| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .map_err(|_| errors.insert(field, "Give a date as YYYY-MM-DD.".to_owned()))
                .ok()
        };
        let time = |text: &str, field: &'static str, errors: &mut FieldErrors| {
            NaiveTime::parse_from_str(text.trim(), "%H:%M")
                .map_err(|_| errors.insert(field, "Give a time as HH:MM.".to_owned()))
                .ok()
        };
        let first = day(&input.first_day, "first_day", &mut errors);
        let starts = time(&input.starts_at, "starts_at", &mut errors);
        let last = day(&input.last_day, "last_day", &mut errors);
        let ends = time(&input.ends_at, "ends_at", &mut errors);
        let mut instant = |d: Option<NaiveDate>, t: Option<NaiveTime>, field: &'static str| {
            let at = local_to_utc(zone, d?.and_time(t?));
            if at.is_none() {
                errors.insert(
                    field,
                    format!("This time does not exist in {}.", zone.name()),
                );
            }
            at
        };
        let start = instant(first, starts, "starts_at");
        let end = instant(last, ends, "ends_at");
        if let (Some(s), Some(e)) = (start, end)
            && e <= s
        {
            errors.insert(
                "ends_at",
                "The meeting must end after it starts.".to_owned(),
            );
        }
        if let Some(s) = start
            && s <= now
        {
            errors.insert(
                "first_day",
                "The new start is in the past; choose a date and time still to come.".to_owned(),
            );
        }
        if let Some(e) = end
            && e > now + chrono::Duration::days(365 * MAX_YEARS_AHEAD)
        {
            errors.insert(
                "last_day",
                format!("The meeting must end within {MAX_YEARS_AHEAD} years from today."),
            );
        }
        let place = Place::parse(
            &input.modality,
            &input.venue,
            &input.link,
            offered,
            &mut errors,
        );
        let note = Text::parse(Kind::Line, &input.note)
            .map_err(|e| errors.insert("note", e.sentence()))
            .map(Text::into_string)
            .unwrap_or_default();
        match (start, end, place) {
            (Some(start), Some(end), Some(place)) if errors.is_empty() => Ok(Change {
                start,
                end,
                place,
                note,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test_now() -> DateTime<Utc> {
        "2026-06-01T00:00:00Z".parse().expect("instant")
    }

    #[test]
    fn a_change_must_start_after_now_and_end_within_a_hundred_years() {
        let zone: Tz = "Europe/Zurich".parse().expect("zone");
        let on = |first: &str, last: &str| ChangeInput {
            first_day: first.into(),
            starts_at: "10:00".into(),
            last_day: last.into(),
            ends_at: "18:00".into(),
            modality: "virtual".into(),
            link: "https://meet.example.org/x".into(),
            ..ChangeInput::default()
        };
        let parse = |input: ChangeInput| Change::parse(&input, zone, &Modality::ALL, test_now());
        let past = parse(on("-0001-01-01", "2026-06-02"));
        assert!(past.expect_err("in the past").contains_key("first_day"));
        let yesterday = parse(on("2026-05-31", "2026-06-02"));
        assert!(yesterday.expect_err("started").contains_key("first_day"));
        let far = parse(on("2026-07-01", "9999-12-31"));
        assert!(far.expect_err("too far").contains_key("last_day"));
        assert!(parse(on("2026-07-01", "2026-07-02")).is_ok());
    }

    #[test]
    fn a_change_is_read_in_the_meetings_zone_across_daylight_saving() {
        let zone: Tz = "Europe/Zurich".parse().expect("zone");
        let input = ChangeInput {
            first_day: "2027-03-26".into(),
            starts_at: "10:00".into(),
            last_day: "2027-03-29".into(),
            ends_at: "18:00".into(),
            modality: "in_person".into(),
            venue: " Room B ".into(),
            link: String::new(),
            note: String::new(),
        };
        let change = Change::parse(&input, zone, &Modality::ALL, test_now()).expect("valid");
        assert_eq!(change.start.to_rfc3339(), "2027-03-26T09:00:00+00:00");
        assert_eq!(change.end.to_rfc3339(), "2027-03-29T16:00:00+00:00");
        assert_eq!(change.place.venue, "Room B");
        assert_eq!(
            ChangeInput::current(
                change.start,
                change.end,
                zone,
                Some(Modality::InPerson),
                "Room B",
                ""
            )
            .starts_at,
            "10:00"
        );
    }

    #[test]
    fn a_bad_change_names_each_field() {
        let zone: Tz = "Europe/Zurich".parse().expect("zone");
        let errors = Change::parse(
            &ChangeInput {
                first_day: "2027-03-28".into(),
                starts_at: "02:30".into(),
                last_day: "someday".into(),
                ends_at: "25:00".into(),
                ..ChangeInput::default()
            },
            zone,
            &Modality::ALL,
            test_now(),
        )
        .expect_err("invalid");
        assert_eq!(
            errors.keys().copied().collect::<Vec<_>>(),
            vec!["ends_at", "last_day", "modality", "starts_at"]
        );
        let backwards = Change::parse(
            &ChangeInput {
                first_day: "2027-05-03".into(),
                starts_at: "10:00".into(),
                last_day: "2027-05-03".into(),
                ends_at: "09:00".into(),
                ..ChangeInput::default()
            },
            zone,
            &Modality::ALL,
            test_now(),
        )
        .expect_err("ends first");
        assert!(backwards.contains_key("ends_at"));
    }
}
