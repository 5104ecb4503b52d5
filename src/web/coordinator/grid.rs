//! The form's grid of days: one fieldset per unit with its three radios, the
//! heaviest part of the page by far (a six-month window writes some 35 KB of
//! it). It is rendered on its own, and the grid of a group's stored answer is
//! kept ([`GridCache`]) for the next view while everything it shows stays the
//! same.
//!
//! What makes a kept grid right is checked in full on every view, not
//! trusted to a version number: the stored answer's row as just read from the
//! database (every column), the meeting's units as they are now (window,
//! granularity, working and excluded days) and the reader's language. Any
//! difference renders the grid again and replaces what was kept. A form shown
//! with the person's own unsaved input (a quick fill, an error) is never
//! kept: it is rendered from that input.
//!
//! One grid is kept per meeting and group (the last language it was read
//! in), at most [`KEPT`] of them: past that, one is dropped to make room.
//! A six-month grid with its form input is about 60 KB, so the cache stays
//! under 16 MB whatever the number of meetings.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use askama::Template;
use chrono::{Datelike, NaiveDate};

use crate::db::answers::AnswerRow;
use crate::domain::answer::{AnswerInput, Availability};
use crate::domain::units::Unit;
use crate::i18n::{Language, Messages, format};
use crate::web::coordinator::words::GridWords;

/// The most grids kept at once.
pub const KEPT: usize = 256;

/// One unit of the grid. Its legend ("Mon 4 Jan", "Mon 4 Jan, morning")
/// leaves out the year, which the week's heading above it gives; it is
/// written by the template from these parts (the language's words, made
/// once per language) rather than formatted here, as this is done for
/// every unit.
pub struct UnitCell {
    /// Written as the radios' name (`u.2027-01-04`) by the template.
    pub unit: Unit,
    pub weekday: &'static str,
    pub day: &'static str,
    pub month: &'static str,
    pub half: &'static str,
    /// The choice shown as checked, if any.
    pub value: Option<Availability>,
}

impl UnitCell {
    pub fn shows(&self, choice: &Availability) -> bool {
        self.value == Some(*choice)
    }
}

struct Week {
    label: String,
    units: Vec<UnitCell>,
}

#[derive(Template)]
#[template(path = "coordinator/grid.html")]
struct GridHtml<'a> {
    weeks: &'a [Week],
    w: &'static GridWords,
    choices: [Availability; 3],
    /// Some unit was left without an answer: those units are outlined.
    missing: bool,
}

/// A week of the window as the week-fill selector offers it.
pub struct WeekHeading {
    pub start: NaiveDate,
    pub label: String,
}

/// The grid, written out, and its weeks.
pub struct Grid {
    pub weeks: Vec<WeekHeading>,
    pub html: String,
}

impl Grid {
    /// The grid of `units` showing `input`'s choices, in `t`'s language;
    /// `missing` outlines the units without one.
    pub fn render(units: &[Unit], input: &AnswerInput, missing: bool, t: &Messages) -> Grid {
        let w = GridWords::of(t.language());
        let mut weeks: Vec<(NaiveDate, Week)> = Vec::new();
        for &unit in units {
            let start = unit.week_start();
            if weeks.last().is_none_or(|(s, _)| *s != start) {
                let label = t.tr_with(
                    "form-week-of",
                    ("date", &format::date_short(start, t.language())),
                );
                weeks.push((
                    start,
                    Week {
                        label,
                        units: Vec::new(),
                    },
                ));
            }
            if let Some((_, week)) = weeks.last_mut() {
                week.units.push(UnitCell {
                    value: input
                        .units
                        .get(&*unit.name())
                        .and_then(|v| Availability::parse(v)),
                    unit,
                    weekday: w.weekday(unit.date.weekday()),
                    day: w.day(unit.date),
                    month: w.month(unit.date),
                    half: w.half(unit.half),
                });
            }
        }
        let (starts, weeks): (Vec<NaiveDate>, Vec<Week>) = weeks.into_iter().unzip();
        let html = GridHtml {
            weeks: &weeks,
            w,
            choices: Availability::ALL,
            missing,
        }
        .render()
        .unwrap_or_else(|error| {
            // The template has no fallible part; were one added, the form
            // still shows, without its grid, and the log says why.
            tracing::error!(%error, "the form's grid could not be written");
            String::new()
        });
        Grid {
            weeks: starts
                .into_iter()
                .zip(weeks)
                .map(|(start, week)| WeekHeading {
                    start,
                    label: week.label,
                })
                .collect(),
            html,
        }
    }
}

/// A group's stored answer as its form shows it: the form's input and the
/// grid, with what they were made from.
pub struct Stored {
    pub input: AnswerInput,
    pub grid: Grid,
    row: Option<AnswerRow>,
    units: Vec<Unit>,
    language: Language,
}

impl Stored {
    fn shows(&self, row: Option<&AnswerRow>, units: &[Unit], language: Language) -> bool {
        self.language == language && self.row.as_ref() == row && self.units == units
    }
}

/// The grids of stored answers, kept between views (see the module's
/// documentation for what is checked before one is shown again).
#[derive(Default)]
pub struct GridCache {
    kept: Mutex<HashMap<(i64, i64), Arc<Stored>>>,
}

impl GridCache {
    /// The form of group `group` of meeting `meeting` showing its stored
    /// answer `row` (`None`: not answered yet, a blank form) over `units`,
    /// in `t`'s language: the kept one if it still shows exactly that, else
    /// made now and kept.
    pub fn stored(
        &self,
        (meeting, group): (i64, i64),
        row: Option<&AnswerRow>,
        units: Vec<Unit>,
        blank: impl FnOnce() -> AnswerInput,
        t: &Messages,
    ) -> Result<Arc<Stored>, crate::db::meetings::MeetingError> {
        let key = (meeting, group);
        if let Some(shown) = self.lock().get(&key)
            && shown.shows(row, &units, t.language())
        {
            return Ok(shown.clone());
        }
        let input = match row {
            Some(row) => AnswerInput::from_answer(&row.answer()?),
            None => blank(),
        };
        let shown = Arc::new(Stored {
            grid: Grid::render(&units, &input, false, t),
            input,
            row: row.cloned(),
            units,
            language: t.language(),
        });
        let mut kept = self.lock();
        if kept.len() >= KEPT
            && !kept.contains_key(&key)
            && let Some(&dropped) = kept.keys().next()
        {
            kept.remove(&dropped);
        }
        kept.insert(key, shown.clone());
        Ok(shown)
    }

    /// How many grids are kept now.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(i64, i64), Arc<Stored>>> {
        // A panic while holding the lock leaves at worst a stale map of
        // immutable entries, each checked before use: keep going.
        self.kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Weekday;

    use super::*;
    use crate::domain::units::{Granularity, enumerate};

    fn units(excluded: Option<NaiveDate>) -> Vec<Unit> {
        let start = NaiveDate::from_ymd_opt(2027, 1, 4).expect("date");
        let end = NaiveDate::from_ymd_opt(2027, 1, 15).expect("date");
        let working = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ];
        enumerate(start, end, Granularity::Day, &working, |d| {
            Some(d) == excluded
        })
    }

    fn row(version: i32, first_day: &str) -> AnswerRow {
        AnswerRow {
            id: i64::from(version),
            meeting_id: 1,
            group_id: 2,
            version,
            link_id: None,
            units: format!(r#"{{"2027-01-04":"{first_day}","2027-01-05":"no"}}"#),
            accepted_durations: "[1]".into(),
            preferred_duration: None,
            modality: None,
            comment: String::new(),
            submitted_at: NaiveDate::from_ymd_opt(2026, 12, 1)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .expect("instant"),
        }
    }

    fn checked(grid: &Grid, unit: &str) -> Option<String> {
        let at = grid.html.find(&format!("name=u.{unit} "))?;
        let radios = &grid.html[at..];
        let radios = &radios[..radios.find("</fieldset>")?];
        radios
            .split("<label>")
            .find(|radio| radio.contains(" checked"))
            .and_then(|radio| radio.split("value=").nth(1))
            .map(|value| {
                value
                    .chars()
                    .take_while(|c| *c != ' ' && *c != '>')
                    .collect()
            })
    }

    #[test]
    fn a_kept_grid_is_shown_again_only_while_answer_units_and_language_are_the_same() {
        let cache = GridCache::default();
        let en = Messages::new(Language::En);
        let fr = Messages::new(Language::Fr);
        let key = (1, 2);
        let first = row(1, "yes");
        let shown = cache
            .stored(key, Some(&first), units(None), AnswerInput::default, &en)
            .expect("grid");
        assert_eq!(checked(&shown.grid, "2027-01-04").as_deref(), Some("y"));
        assert_eq!(shown.grid.weeks.len(), 2);
        let again = cache
            .stored(
                key,
                Some(&first.clone()),
                units(None),
                AnswerInput::default,
                &en,
            )
            .expect("grid");
        assert!(
            Arc::ptr_eq(&shown, &again),
            "the same answer, units and language: kept"
        );

        // A new version, the same version number with other content, other
        // units, another language, no answer: each made again.
        let second = row(2, "no");
        let newer = cache
            .stored(key, Some(&second), units(None), AnswerInput::default, &en)
            .expect("grid");
        assert_eq!(checked(&newer.grid, "2027-01-04").as_deref(), Some("n"));
        let mut rewritten = second.clone();
        rewritten.units = rewritten
            .units
            .replace(r#""2027-01-04":"no""#, r#""2027-01-04":"if_need_be""#);
        let other = cache
            .stored(
                key,
                Some(&rewritten),
                units(None),
                AnswerInput::default,
                &en,
            )
            .expect("grid");
        assert_eq!(checked(&other.grid, "2027-01-04").as_deref(), Some("m"));
        let excluded = NaiveDate::from_ymd_opt(2027, 1, 5);
        let fewer = cache
            .stored(
                key,
                Some(&rewritten),
                units(excluded),
                AnswerInput::default,
                &en,
            )
            .expect("grid");
        assert!(
            !fewer.grid.html.contains("u.2027-01-05"),
            "{}",
            fewer.grid.html
        );
        assert!(other.grid.html.contains("u.2027-01-05"));
        let french = cache
            .stored(
                key,
                Some(&rewritten),
                units(excluded),
                AnswerInput::default,
                &fr,
            )
            .expect("grid");
        assert!(
            french.grid.weeks[0].label.contains("janv"),
            "{}",
            french.grid.weeks[0].label
        );
        let blank = cache
            .stored(key, None, units(excluded), AnswerInput::default, &fr)
            .expect("grid");
        assert_eq!(checked(&blank.grid, "2027-01-04"), None);
        for (a, b) in [
            (&newer, &other),
            (&other, &fewer),
            (&fewer, &french),
            (&french, &blank),
        ] {
            assert!(!Arc::ptr_eq(a, b));
        }
        assert_eq!(cache.len(), 1, "one grid per meeting and group");
    }

    #[test]
    fn at_most_so_many_grids_are_kept() {
        let cache = GridCache::default();
        let en = Messages::new(Language::En);
        for meeting in 0..i64::try_from(KEPT + 10).expect("small") {
            cache
                .stored((meeting, 2), None, units(None), AnswerInput::default, &en)
                .expect("grid");
        }
        assert_eq!(cache.len(), KEPT);
    }
}
