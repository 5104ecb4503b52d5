//! A regional group's answer to a consultation: for every working unit
//! *available*, *if need be* or *unavailable*; the durations the group accepts
//! and the one it prefers; a modality preference; a comment.
//!
//! Every unit must be answered before an answer is saved (the form offers
//! quick ways to fill a week or the whole window), so a saved answer never
//! leaves the engine guessing what silence meant.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::meeting::{FieldErrors, MeetingSettings, Modality};
use super::text::{Kind, Text, TextError};
use super::units::{Granularity, Unit};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    Yes,
    IfNeedBe,
    No,
}

impl Availability {
    pub const ALL: [Availability; 3] =
        [Availability::Yes, Availability::IfNeedBe, Availability::No];

    /// Reads either spelling: the name (`if_need_be`, as the API and stored
    /// answers write it) or the form's one-letter code (`m`).
    pub fn parse(text: &str) -> Option<Availability> {
        Availability::ALL
            .into_iter()
            .find(|a| a.as_str() == text || a.code() == text)
    }

    /// The radio's own label in the form, where the day's legend gives the
    /// context ("Mon 4 Jan: Yes"), as Doodle and Rallly word it.
    pub fn short_label(self) -> &'static str {
        match self {
            Availability::Yes => "Yes",
            Availability::IfNeedBe => "If need be",
            Availability::No => "No",
        }
    }

    /// The value the form's radios and quick-fill buttons send: one letter,
    /// because a six-month form repeats it hundreds of times (issue 11 asks
    /// for a form of at most 40 KB); the names stay accepted.
    pub fn code(self) -> &'static str {
        match self {
            Availability::Yes => "y",
            Availability::IfNeedBe => "m",
            Availability::No => "n",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Availability::Yes => "yes",
            Availability::IfNeedBe => "if_need_be",
            Availability::No => "no",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Availability::Yes => "Available",
            Availability::IfNeedBe => "If need be",
            Availability::No => "Unavailable",
        }
    }
}

/// A validated answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// Unit key → availability.
    pub units: BTreeMap<String, Availability>,
    /// Accepted durations, in units.
    pub accepted_durations: Vec<u32>,
    pub preferred_duration: Option<u32>,
    pub modality: Option<Modality>,
    pub comment: String,
}

/// The coordinator's form as sent: every field text, kept for re-display.
#[derive(Debug, Clone, Default)]
pub struct AnswerInput {
    pub units: BTreeMap<String, String>,
    pub accepted: Vec<String>,
    pub preferred: String,
    pub modality: String,
    pub comment: String,
    /// A quick-fill request instead of saving: `all:y` (every unit), `week:y`
    /// (the week chosen in `fill_week`), or the older `week:2026-03-02:no`.
    pub fill: Option<String>,
    /// The Monday of the week a `week:` fill applies to, from the form's
    /// week selector.
    pub fill_week: String,
}

pub const MAX_COMMENT_CHARS: usize = Kind::Note.max();

impl AnswerInput {
    /// Reads the form's field pairs: `u.<unit key>`, `accepted`, `preferred`,
    /// `modality`, `comment`, `fill`; anything else (such as the CSRF token or
    /// a forged group id) is ignored.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> AnswerInput {
        let mut input = AnswerInput::default();
        for (name, value) in pairs {
            match name.as_str() {
                "accepted" => input.accepted.push(value),
                "preferred" => input.preferred = value,
                "modality" => input.modality = value,
                "comment" => input.comment = value,
                "fill" => input.fill = Some(value),
                "fill_week" => input.fill_week = value,
                other => {
                    if let Some(key) = other.strip_prefix("u.") {
                        input.units.insert(key.to_owned(), value);
                    }
                }
            }
        }
        input
    }

    /// The form before a group's first answer: every candidate duration
    /// ticked, so that a group accepts them all unless it says otherwise.
    pub fn blank(settings: &MeetingSettings) -> AnswerInput {
        AnswerInput {
            accepted: settings.durations.iter().map(u32::to_string).collect(),
            ..AnswerInput::default()
        }
    }

    /// The form showing a saved answer.
    pub fn from_answer(answer: &Answer) -> AnswerInput {
        AnswerInput {
            units: answer
                .units
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().to_owned()))
                .collect(),
            accepted: answer
                .accepted_durations
                .iter()
                .map(u32::to_string)
                .collect(),
            preferred: answer
                .preferred_duration
                .map(|d| d.to_string())
                .unwrap_or_default(),
            modality: answer
                .modality
                .map(|m| m.as_str().to_owned())
                .unwrap_or_default(),
            comment: answer.comment.clone(),
            fill: None,
            fill_week: String::new(),
        }
    }

    /// Applies a quick-fill request to the units it names; returns whether it
    /// was understood.
    pub fn apply_fill(&mut self, units: &[Unit]) -> bool {
        let Some(fill) = self.fill.take() else {
            return false;
        };
        let (scope, value) = match fill.rsplit_once(':') {
            Some(parts) => parts,
            None => return false,
        };
        if Availability::parse(value).is_none() {
            return false;
        }
        let chosen: Vec<&Unit> = if scope == "all" {
            units.iter().collect()
        } else if let Some(week) = scope
            .strip_prefix("week:")
            .or((scope == "week").then_some(self.fill_week.as_str()))
        {
            units
                .iter()
                .filter(|u| u.week_start().to_string() == week)
                .collect()
        } else {
            return false;
        };
        if chosen.is_empty() {
            return false;
        }
        for unit in chosen {
            self.units.insert(unit.key(), value.to_owned());
        }
        true
    }

    pub fn accepts(&self, units: u32) -> bool {
        let key = units.to_string();
        self.accepted.contains(&key)
    }
}

impl Answer {
    pub fn parse(input: &AnswerInput, settings: &MeetingSettings) -> Result<Answer, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut answered = Vec::new();
        let mut missing = Vec::new();
        // Units come in the order their names sort in (a date, then `.am`
        // before `.pm`), and so do the input's: one walk through both finds
        // each unit's choice without a search. Should a name ever come out
        // of order, the map is searched for it instead.
        let mut given = input.units.iter().peekable();
        for unit in settings.units() {
            let name = unit.name();
            while given.next_if(|(key, _)| key.as_str() < &*name).is_some() {}
            let choice = match given.peek() {
                Some((key, value)) if key.as_str() == &*name => Some(*value),
                _ => input.units.get(&*name),
            };
            match choice.and_then(|v| Availability::parse(v)) {
                Some(a) => answered.push((name.to_string(), a)),
                None => missing.push(unit),
            }
        }
        let units: BTreeMap<String, Availability> = answered.into_iter().collect();
        if let Some(first) = missing.first() {
            errors.insert(
                "units",
                format!(
                    "{} still without an answer (the first is {}). Choose available, if need be or unavailable for each, or use the quick fill.",
                    match missing.len() {
                        1 => match settings.granularity {
                            Granularity::Day => "One day is".to_owned(),
                            Granularity::HalfDay => {
                                "One half-day is".to_owned()
                            }
                        },
                        n => format!("{} are", settings.granularity.count(n)),
                    },
                    first.label()
                ),
            );
        }
        let mut accepted: Vec<u32> = input
            .accepted
            .iter()
            .filter_map(|a| a.parse().ok())
            .filter(|d| settings.durations.contains(d))
            .collect();
        accepted.sort_unstable();
        accepted.dedup();
        if accepted.is_empty() {
            // A group that accepts no duration would be unable for every slot:
            // a veto by omission, which the form must not let happen silently.
            errors.insert(
                "accepted",
                "Tick at least one duration your group can accept: with none, your group would count as unable for every slot.".into(),
            );
        }
        let preferred = match input.preferred.trim() {
            "" => None,
            text => match text.parse::<u32>() {
                Ok(d) if accepted.contains(&d) => Some(d),
                _ => {
                    errors.insert(
                        "preferred",
                        "The preferred duration must be one your group accepts.".into(),
                    );
                    None
                }
            },
        };
        let modality = match input.modality.trim() {
            "" | "none" => None,
            text => match Modality::parse(text).filter(|m| settings.modalities.contains(m)) {
                Some(m) => Some(m),
                None => {
                    errors.insert("modality", "Choose one of the modalities offered.".into());
                    None
                }
            },
        };
        let comment = match Text::parse(Kind::Note, &input.comment) {
            Ok(comment) => comment.into_string(),
            Err(TextError::TooLong(_)) => {
                errors.insert(
                    "comment",
                    format!("A comment has at most {MAX_COMMENT_CHARS} characters."),
                );
                String::new()
            }
            Err(error) => {
                errors.insert("comment", error.sentence());
                String::new()
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Answer {
            units,
            accepted_durations: accepted,
            preferred_duration: preferred,
            modality,
            comment,
        })
    }

    pub fn count(&self, availability: Availability) -> usize {
        self.units.values().filter(|a| **a == availability).count()
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime, Weekday};

    use super::*;
    use crate::domain::meeting::Session;

    fn half_day_week() -> MeetingSettings {
        let t = |h| NaiveTime::from_hms_opt(h, 0, 0).expect("time");
        let day = |d| NaiveDate::from_ymd_opt(2027, 3, d).expect("date");
        MeetingSettings {
            title: "T".into(),
            purpose: String::new(),
            organiser: String::new(),
            time_zone: chrono_tz::UTC,
            window_start: day(1),
            window_end: day(5),
            granularity: Granularity::HalfDay,
            durations: vec![1, 2],
            working_days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            excluded: BTreeMap::new(),
            sessions: [
                Session {
                    start: t(10),
                    end: t(13),
                },
                Session {
                    start: t(15),
                    end: t(18),
                },
            ],
            modalities: vec![Modality::InPerson],
            deadline: "2027-02-01T12:00:00Z".parse().expect("instant"),
            groups: vec![1],
            quorum: None,
            reminder_days: Vec::new(),
            allow_spanning: false,
            title_translations: Default::default(),
            purpose_translations: Default::default(),
        }
    }

    #[test]
    fn a_half_day_form_counts_what_is_missing_in_half_days() {
        let settings = half_day_week();
        let input = AnswerInput {
            accepted: vec!["1".into()],
            ..AnswerInput::default()
        };
        let errors = Answer::parse(&input, &settings).expect_err("nothing answered");
        assert!(
            errors["units"].starts_with("10 half-days are still without an answer"),
            "{}",
            errors["units"]
        );
    }

    #[test]
    fn each_half_day_reads_its_own_choice_among_fields_the_form_never_had() {
        let settings = half_day_week();
        let mut input = AnswerInput {
            accepted: vec!["1".into()],
            ..AnswerInput::default()
        };
        let units = settings.units();
        let choices = ["y", "m", "n"];
        for (i, unit) in units.iter().enumerate() {
            input.units.insert(unit.key(), choices[i % 3].to_owned());
        }
        // Names sorting between and around the real ones.
        for stray in [
            "",
            "0000-00-00",
            "2027-03-01.a",
            "2027-03-01.zz",
            "2027-03-03x",
            "9",
        ] {
            input.units.insert(stray.to_owned(), "y".to_owned());
        }
        let answer = Answer::parse(&input, &settings).expect("every half-day answered");
        assert_eq!(answer.units.len(), units.len());
        for (i, unit) in units.iter().enumerate() {
            assert_eq!(
                answer.units[&unit.key()].as_str(),
                Availability::parse(choices[i % 3])
                    .expect("a choice")
                    .as_str(),
                "{unit}"
            );
        }
        input.units.remove("2027-03-03.pm");
        let errors = Answer::parse(&input, &settings).expect_err("one missing");
        assert!(
            errors["units"].starts_with("One half-day is"),
            "{}",
            errors["units"]
        );
    }

    #[test]
    fn an_answer_must_accept_a_duration() {
        let settings = half_day_week();
        let mut input = AnswerInput::blank(&settings);
        assert_eq!(input.accepted, ["1", "2"], "a fresh form accepts them all");
        input.accepted.clear();
        let errors = Answer::parse(&input, &settings).expect_err("none accepted");
        assert!(errors.contains_key("accepted"));
    }

    /// Two weeks of half-days from Monday 1 March 2027.
    fn two_weeks() -> MeetingSettings {
        MeetingSettings {
            window_end: NaiveDate::from_ymd_opt(2027, 3, 12).expect("date"),
            ..half_day_week()
        }
    }

    fn filled(input: &AnswerInput) -> Vec<(&str, &str)> {
        input
            .units
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    #[test]
    fn the_week_selector_fills_the_chosen_week_only() {
        let settings = two_weeks();
        let pairs = [("fill", "week:m"), ("fill_week", "2027-03-08")]
            .map(|(k, v)| (k.to_owned(), v.to_owned()));
        let mut input = AnswerInput::from_pairs(pairs.to_vec());
        assert!(input.apply_fill(&settings.units()));
        let units = filled(&input);
        assert_eq!(
            units.len(),
            10,
            "five days of the second week, two halves each"
        );
        assert!(units.iter().all(|&(k, v)| k >= "2027-03-08" && v == "m"));
        let answer = Answer::parse(&input, &settings).expect_err("the first week is empty");
        assert!(
            answer["units"].starts_with("10 half-days"),
            "{}",
            answer["units"]
        );
    }

    #[test]
    fn the_older_week_fill_with_its_date_and_long_value_still_works() {
        let settings = two_weeks();
        let mut input = AnswerInput {
            fill: Some("week:2027-03-01:if_need_be".into()),
            ..AnswerInput::default()
        };
        assert!(input.apply_fill(&settings.units()));
        assert_eq!(filled(&input).len(), 10);
        assert_eq!(
            input
                .units
                .get("2027-03-01.am")
                .and_then(|v| Availability::parse(v)),
            Some(Availability::IfNeedBe)
        );
    }

    #[test]
    fn a_fill_for_a_week_outside_the_window_or_an_unknown_choice_changes_nothing() {
        let settings = two_weeks();
        for (fill, week) in [
            ("week:y", "2027-04-05"),
            ("week:y", ""),
            ("week:maybe", "2027-03-01"),
            ("everything:y", ""),
            ("all", ""),
        ] {
            let mut input = AnswerInput {
                fill: Some(fill.into()),
                fill_week: week.into(),
                ..AnswerInput::default()
            };
            assert!(!input.apply_fill(&settings.units()), "{fill} {week}");
            assert!(input.units.is_empty(), "{fill} {week}");
        }
    }

    #[test]
    fn both_spellings_of_a_choice_are_read_and_the_form_sends_the_short_one() {
        for choice in Availability::ALL {
            assert_eq!(Availability::parse(choice.as_str()), Some(choice));
            assert_eq!(Availability::parse(choice.code()), Some(choice));
            assert_eq!(choice.code().len(), 1);
        }
        assert_eq!(Availability::parse("Y"), None);
        assert_eq!(Availability::parse(""), None);
    }
}
