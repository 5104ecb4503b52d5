//! A meeting's consultation settings and the rules they obey.
//!
//! [`MeetingSettings::parse`] is the one way in: it turns the draft form's
//! text into settings or into a message per field, so that invalid settings
//! cannot exist past the boundary. Decisions taken here:
//! - The window is a range of calendar dates in the meeting's time zone; a
//!   one-day window is allowed; at most two years (731 days).
//! - Durations are entered in days; with half-day granularity they may be
//!   halves (0.5, 1.5 …). They are stored as a number of units.
//! - Every duration must fit in the longest run of consecutive working units
//!   (a meeting does not span a weekend or an excluded date).
//! - The response deadline is a local date and time in the meeting's zone,
//!   stored as a UTC instant; it must fall before the window's first day starts.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::language::Language;
use super::names::{Localised, Translations};
use super::text::{Kind, Text};

pub use super::units::{Granularity, Half, Unit};

/// Where a meeting is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Consulting,
    Closed,
    Approved,
    Invited,
    Cancelled,
}

impl Status {
    pub fn parse(text: &str) -> Option<Status> {
        Some(match text {
            "draft" => Status::Draft,
            "consulting" => Status::Consulting,
            "closed" => Status::Closed,
            "approved" => Status::Approved,
            "invited" => Status::Invited,
            "cancelled" => Status::Cancelled,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Consulting => "consulting",
            Status::Closed => "closed",
            Status::Approved => "approved",
            Status::Invited => "invited",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::Consulting => "Consulting the groups",
            Status::Closed => "Consultation closed",
            Status::Approved => "Slot approved",
            Status::Invited => "Invitations sent",
            Status::Cancelled => "Cancelled",
        }
    }
}

/// How the meeting may be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    InPerson,
    Hybrid,
    Virtual,
}

impl Modality {
    pub const ALL: [Modality; 3] = [Modality::InPerson, Modality::Hybrid, Modality::Virtual];

    pub fn parse(text: &str) -> Option<Modality> {
        Modality::ALL.into_iter().find(|m| m.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Modality::InPerson => "in_person",
            Modality::Hybrid => "hybrid",
            Modality::Virtual => "virtual",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Modality::InPerson => "In person",
            Modality::Hybrid => "Hybrid (in person and online)",
            Modality::Virtual => "Virtual (online only)",
        }
    }
}

/// A session of the day, e.g. 10:00–13:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// Validated settings of a meeting's consultation.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingSettings {
    pub title: String,
    pub purpose: String,
    pub organiser: String,
    pub time_zone: Tz,
    pub window_start: NaiveDate,
    pub window_end: NaiveDate,
    pub granularity: Granularity,
    /// Candidate durations, in units, ascending.
    pub durations: Vec<u32>,
    pub working_days: Vec<Weekday>,
    pub excluded: BTreeMap<NaiveDate, String>,
    /// Morning and afternoon sessions.
    pub sessions: [Session; 2],
    pub modalities: Vec<Modality>,
    pub deadline: DateTime<Utc>,
    pub groups: Vec<i64>,
    /// Groups that must be able; `None` means every consulted group.
    pub quorum: Option<u32>,
    /// Days before the deadline at which groups that have not answered are reminded.
    pub reminder_days: Vec<u32>,
    /// Whether a slot may run across non-working or excluded days (off by default).
    pub allow_spanning: bool,
    /// The title in the other languages, as the secretariat entered it.
    pub title_translations: Translations,
    /// The purpose in the other languages.
    pub purpose_translations: Translations,
}

/// The draft form as typed. Every field is text (or a list of texts), so that
/// a form with errors can be shown again exactly as it was.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftInput {
    pub title: String,
    pub purpose: String,
    pub organiser: String,
    pub time_zone: String,
    pub window_start: String,
    pub window_end: String,
    pub granularity: String,
    pub durations: String,
    pub working_days: Vec<String>,
    pub excluded: String,
    pub morning_start: String,
    pub morning_end: String,
    pub afternoon_start: String,
    pub afternoon_end: String,
    pub modalities: Vec<String>,
    pub deadline: String,
    pub groups: Vec<String>,
    pub quorum: String,
    pub reminder_days: String,
    /// `"on"` when the checkbox is ticked.
    pub allow_spanning: String,
    /// The title and purpose in the other languages (the order of
    /// [`Language::OTHERS`]); blank for none.
    pub title_ar: String,
    pub title_es: String,
    pub title_fr: String,
    pub title_ru: String,
    pub title_zh: String,
    pub purpose_ar: String,
    pub purpose_es: String,
    pub purpose_fr: String,
    pub purpose_ru: String,
    pub purpose_zh: String,
}

/// The form fields of the title's translations, in the order of [`Language::OTHERS`].
pub const TITLE_FIELDS: [&str; 5] = ["title_ar", "title_es", "title_fr", "title_ru", "title_zh"];
/// The form fields of the purpose's translations, likewise.
pub const PURPOSE_FIELDS: [&str; 5] = [
    "purpose_ar",
    "purpose_es",
    "purpose_fr",
    "purpose_ru",
    "purpose_zh",
];

/// Messages by field name, for showing next to each field.
pub type FieldErrors = BTreeMap<&'static str, String>;

pub const MAX_WINDOW_DAYS: i64 = 731;

impl DraftInput {
    /// The form for a new meeting: the brief's defaults.
    pub fn defaults() -> DraftInput {
        DraftInput {
            time_zone: "Europe/Zurich".into(),
            granularity: "day".into(),
            durations: "1, 2, 3".into(),
            working_days: ["1", "2", "3", "4", "5"].map(String::from).to_vec(),
            morning_start: "10:00".into(),
            morning_end: "13:00".into(),
            afternoon_start: "15:00".into(),
            afternoon_end: "18:00".into(),
            modalities: ["in_person", "hybrid", "virtual"]
                .map(String::from)
                .to_vec(),
            quorum: "all".into(),
            reminder_days: "7, 2".into(),
            ..DraftInput::default()
        }
    }

    /// The typed translations of the title, by language.
    pub fn typed_titles(&self) -> [(&'static str, &str); 5] {
        let t = [
            &self.title_ar,
            &self.title_es,
            &self.title_fr,
            &self.title_ru,
            &self.title_zh,
        ];
        std::array::from_fn(|i| (Language::OTHERS[i].tag(), t[i].as_str()))
    }

    /// The typed translations of the purpose, by language.
    pub fn typed_purposes(&self) -> [(&'static str, &str); 5] {
        let t = [
            &self.purpose_ar,
            &self.purpose_es,
            &self.purpose_fr,
            &self.purpose_ru,
            &self.purpose_zh,
        ];
        std::array::from_fn(|i| (Language::OTHERS[i].tag(), t[i].as_str()))
    }

    /// The form showing existing settings, for editing a draft.
    pub fn from_settings(s: &MeetingSettings) -> DraftInput {
        let title = |lang| s.title_translations.get(lang).unwrap_or("").to_owned();
        let purpose = |lang| s.purpose_translations.get(lang).unwrap_or("").to_owned();
        let days = |units: u32| match s.granularity {
            Granularity::Day => units.to_string(),
            Granularity::HalfDay if units.is_multiple_of(2) => (units / 2).to_string(),
            Granularity::HalfDay => format!("{}.5", units / 2),
        };
        let local_deadline = s.deadline.with_timezone(&s.time_zone).naive_local();
        DraftInput {
            title_ar: title("ar"),
            title_es: title("es"),
            title_fr: title("fr"),
            title_ru: title("ru"),
            title_zh: title("zh"),
            purpose_ar: purpose("ar"),
            purpose_es: purpose("es"),
            purpose_fr: purpose("fr"),
            purpose_ru: purpose("ru"),
            purpose_zh: purpose("zh"),
            title: s.title.clone(),
            purpose: s.purpose.clone(),
            organiser: s.organiser.clone(),
            time_zone: s.time_zone.name().to_owned(),
            window_start: s.window_start.to_string(),
            window_end: s.window_end.to_string(),
            granularity: s.granularity.as_str().to_owned(),
            durations: s
                .durations
                .iter()
                .map(|&u| days(u))
                .collect::<Vec<_>>()
                .join(", "),
            working_days: s
                .working_days
                .iter()
                .map(|d| d.number_from_monday().to_string())
                .collect(),
            excluded: s
                .excluded
                .iter()
                .map(|(d, label)| format!("{d} {label}").trim_end().to_owned())
                .collect::<Vec<_>>()
                .join("\n"),
            morning_start: s.sessions[0].start.format("%H:%M").to_string(),
            morning_end: s.sessions[0].end.format("%H:%M").to_string(),
            afternoon_start: s.sessions[1].start.format("%H:%M").to_string(),
            afternoon_end: s.sessions[1].end.format("%H:%M").to_string(),
            modalities: s.modalities.iter().map(|m| m.as_str().to_owned()).collect(),
            deadline: local_deadline.format("%Y-%m-%dT%H:%M").to_string(),
            groups: s.groups.iter().map(|g| g.to_string()).collect(),
            quorum: s.quorum.map_or_else(|| "all".to_owned(), |q| q.to_string()),
            reminder_days: s
                .reminder_days
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            allow_spanning: if s.allow_spanning {
                "on".into()
            } else {
                String::new()
            },
        }
    }

    pub fn has_weekday(&self, number: &str) -> bool {
        self.working_days.iter().any(|d| d == number)
    }

    pub fn has_modality(&self, key: &str) -> bool {
        self.modalities.iter().any(|m| m == key)
    }

    pub fn has_group(&self, id: i64) -> bool {
        let id = id.to_string();
        self.groups.contains(&id)
    }
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

/// A local date-time in `zone` as a UTC instant. In a DST gap the time does
/// not exist (an error); in an overlap the earlier instant is taken.
pub fn local_to_utc(zone: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    zone.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

fn parse_numbers(text: &str) -> Option<Vec<f64>> {
    text.split([',', ';', ' '])
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.trim().parse::<f64>().ok().filter(|n| n.is_finite()))
        .collect()
}

/// How far ahead a window may start: five years.
const MAX_DAYS_AHEAD: i64 = 5 * 366;

impl MeetingSettings {
    /// Parses the draft form. `known_groups` are the regional groups that may
    /// be consulted. `now` is passed in so the rule stays pure.
    pub fn parse(
        input: &DraftInput,
        known_groups: &[i64],
        now: DateTime<Utc>,
    ) -> Result<MeetingSettings, FieldErrors> {
        let mut errors = FieldErrors::new();

        let mut text = |field: &'static str, kind: Kind, value: &str| match Text::parse(kind, value)
        {
            Ok(text) => text.into_string(),
            Err(error) => {
                errors.insert(field, error.sentence());
                String::new()
            }
        };
        let title = text("title", Kind::Title, &input.title);
        let purpose = text("purpose", Kind::Purpose, &input.purpose);
        let organiser = text("organiser", Kind::Name, &input.organiser);
        if title.is_empty() && !errors.contains_key("title") {
            errors.insert("title", "Give the meeting a title.".into());
        }
        let mut translations = |kind: Kind, typed, fields: [&'static str; 5]| {
            Translations::parse(kind, typed).unwrap_or_else(|wrong| {
                for (lang, message) in wrong {
                    if let Some(i) = Language::OTHERS.iter().position(|l| l.tag() == lang) {
                        errors.insert(fields[i], message);
                    }
                }
                Translations::default()
            })
        };
        let title_translations = translations(Kind::Title, input.typed_titles(), TITLE_FIELDS);
        let purpose_translations =
            translations(Kind::Purpose, input.typed_purposes(), PURPOSE_FIELDS);
        if let Err(error) = Text::parse(Kind::Lines, &input.excluded) {
            errors.insert("excluded", error.sentence());
        }

        let time_zone = input.time_zone.trim().parse::<Tz>().ok();
        if time_zone.is_none() {
            errors.insert(
                "time_zone",
                format!("\u{201c}{}\u{201d} is not a known time zone; use an IANA name such as Europe/Zurich.", input.time_zone.trim()),
            );
        }

        let window_start = parse_date(&input.window_start);
        let window_end = parse_date(&input.window_end);
        if window_start.is_none() {
            errors.insert(
                "window_start",
                "Enter the first day of the window (YYYY-MM-DD).".into(),
            );
        }
        if window_end.is_none() {
            errors.insert(
                "window_end",
                "Enter the last day of the window (YYYY-MM-DD).".into(),
            );
        }
        if let (Some(start), Some(end)) = (window_start, window_end) {
            if end < start {
                errors.insert(
                    "window_end",
                    "The window must end on or after its first day.".into(),
                );
            } else if (end - start).num_days() + 1 > MAX_WINDOW_DAYS {
                errors.insert(
                    "window_end",
                    "The window can be at most two years long.".into(),
                );
            }
            if (start - now.date_naive()).num_days() > MAX_DAYS_AHEAD {
                errors.insert(
                    "window_start",
                    "The window must start within five years from today.".into(),
                );
            }
        }

        let granularity = Granularity::parse(&input.granularity);
        if granularity.is_none() {
            errors.insert("granularity", "Choose whole days or half-days.".into());
        }

        let mut working_days: Vec<Weekday> = input
            .working_days
            .iter()
            .filter_map(|d| d.trim().parse::<u8>().ok())
            .filter(|n| (1..=7).contains(n))
            .filter_map(|n| Weekday::try_from(n - 1).ok())
            .collect();
        working_days.sort_by_key(|d| d.num_days_from_monday());
        working_days.dedup();
        if working_days.is_empty() {
            errors.insert("working_days", "Choose at least one working day.".into());
        }

        let mut excluded = BTreeMap::new();
        for (number, line) in input.excluded.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let (date_text, label) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            match parse_date(date_text) {
                Some(date) => {
                    if let (Some(start), Some(end)) = (window_start, window_end)
                        && (date < start || date > end)
                    {
                        errors.insert(
                            "excluded",
                            format!("Line {}: {date} is outside the window.", number + 1),
                        );
                    }
                    match Text::parse(Kind::Line, label) {
                        Ok(label) => {
                            excluded.insert(date, label.into_string());
                        }
                        Err(error) => {
                            errors.insert(
                                "excluded",
                                format!("Line {}: {}", number + 1, error.sentence()),
                            );
                        }
                    }
                }
                None => {
                    errors.insert(
                        "excluded",
                        format!(
                            "Line {}: start each line with a date (YYYY-MM-DD), then a label, e.g. \u{201c}2026-04-03 Good Friday\u{201d}.",
                            number + 1
                        ),
                    );
                }
            }
        }

        let session = |start: &str, end: &str, field: &'static str, errors: &mut FieldErrors| match (
            parse_time(start),
            parse_time(end),
        ) {
            (Some(s), Some(e)) if s < e => Some(Session { start: s, end: e }),
            (Some(_), Some(_)) => {
                errors.insert(field, "A session must end after it starts.".into());
                None
            }
            _ => {
                errors.insert(field, "Enter times as HH:MM, e.g. 10:00.".into());
                None
            }
        };
        let morning = session(
            &input.morning_start,
            &input.morning_end,
            "morning",
            &mut errors,
        );
        let afternoon = session(
            &input.afternoon_start,
            &input.afternoon_end,
            "afternoon",
            &mut errors,
        );
        if let (Some(m), Some(a)) = (morning, afternoon)
            && m.end > a.start
        {
            errors.insert(
                "afternoon",
                "The afternoon session must start after the morning session ends.".into(),
            );
        }

        let mut modalities: Vec<Modality> = input
            .modalities
            .iter()
            .filter_map(|m| Modality::parse(m))
            .collect();
        modalities.sort();
        modalities.dedup();
        if modalities.is_empty() {
            errors.insert("modalities", "Offer at least one modality.".into());
        }

        let mut durations = Vec::new();
        match (parse_numbers(&input.durations), granularity) {
            (None, _) => {
                errors.insert(
                    "durations",
                    "List durations in days, separated by commas, e.g. 1, 2, 3.".into(),
                );
            }
            (Some(list), _) if list.is_empty() => {
                errors.insert("durations", "Give at least one candidate duration.".into());
            }
            (Some(list), Some(g)) => {
                for days in list {
                    let units = days * g.units_per_day() as f64;
                    if days <= 0.0 || units.fract() != 0.0 {
                        let hint = match g {
                            Granularity::Day => "whole days",
                            Granularity::HalfDay => "whole or half days",
                        };
                        errors.insert("durations", format!("{days} is not a duration in {hint}."));
                    } else {
                        durations.push(units as u32);
                    }
                }
                durations.sort_unstable();
                durations.dedup();
            }
            (Some(_), None) => {}
        }

        let deadline = match (
            time_zone,
            NaiveDateTime::parse_from_str(input.deadline.trim(), "%Y-%m-%dT%H:%M").ok(),
        ) {
            (Some(zone), Some(local)) => {
                match local_to_utc(zone, local) {
                    Some(instant) => Some(instant),
                    None => {
                        errors.insert("deadline", "That time does not exist in this time zone (the clocks go forward then).".into());
                        None
                    }
                }
            }
            (_, None) => {
                errors.insert(
                    "deadline",
                    "Enter the response deadline as a date and time.".into(),
                );
                None
            }
            (None, Some(_)) => None,
        };
        if let (Some(deadline), Some(zone), Some(start)) = (deadline, time_zone, window_start) {
            let window_opens =
                local_to_utc(zone, start.and_time(NaiveTime::MIN)).unwrap_or(deadline);
            if deadline >= window_opens {
                errors.insert(
                    "deadline",
                    "The deadline must fall before the window starts.".into(),
                );
            } else if deadline <= now {
                errors.insert("deadline", "The deadline must be in the future.".into());
            }
        }

        let mut groups: Vec<i64> = input
            .groups
            .iter()
            .filter_map(|g| g.trim().parse().ok())
            .collect();
        groups.sort_unstable();
        groups.dedup();
        groups.retain(|g| known_groups.contains(g));
        if groups.is_empty() {
            errors.insert("groups", "Consult at least one regional group.".into());
        }

        let quorum = match input.quorum.trim() {
            "" | "all" => None,
            text => match text.parse::<u32>() {
                Ok(n) if n >= 1 && (groups.is_empty() || n as usize <= groups.len()) => Some(n),
                _ => {
                    errors.insert(
                        "quorum",
                        format!(
                            "Choose \u{201c}all\u{201d} or a number from 1 to {}.",
                            groups.len().max(1)
                        ),
                    );
                    None
                }
            },
        };

        let mut reminder_days = Vec::new();
        match parse_numbers(&input.reminder_days) {
            Some(list) => {
                for n in list {
                    if n < 1.0 || n.fract() != 0.0 || n > 60.0 {
                        errors.insert(
                            "reminder_days",
                            "Reminders are whole days before the deadline, from 1 to 60.".into(),
                        );
                    } else {
                        reminder_days.push(n as u32);
                    }
                }
                reminder_days.sort_unstable_by(|a, b| b.cmp(a));
                reminder_days.dedup();
            }
            None => {
                errors.insert(
                    "reminder_days",
                    "List days before the deadline, e.g. 7, 2 (or leave empty for none).".into(),
                );
            }
        }

        // Checked with the other fields, so the form reports every error at once.
        if let (Some(start), Some(end), Some(g)) = (window_start, window_end, granularity)
            && start <= end
            && !working_days.is_empty()
            && !errors.contains_key("durations")
        {
            let units = super::units::enumerate(start, end, g, &working_days, |d| {
                excluded.contains_key(&d)
            });
            let longest = longest_run(&units, input.allow_spanning == "on");
            let too_long: Vec<u32> = durations
                .iter()
                .copied()
                .filter(|&d| d as usize > longest)
                .collect();
            if !too_long.is_empty() {
                errors.insert("durations", too_long_message(g, &too_long, longest));
            }
        }

        if !errors.is_empty() {
            return Err(errors);
        }
        let (
            Some(time_zone),
            Some(window_start),
            Some(window_end),
            Some(granularity),
            Some(morning),
            Some(afternoon),
            Some(deadline),
        ) = (
            time_zone,
            window_start,
            window_end,
            granularity,
            morning,
            afternoon,
            deadline,
        )
        else {
            errors.insert("title", "The form is incomplete.".into());
            return Err(errors);
        };
        let settings = MeetingSettings {
            title,
            purpose,
            organiser,
            time_zone,
            window_start,
            window_end,
            granularity,
            durations,
            working_days,
            excluded,
            sessions: [morning, afternoon],
            modalities,
            deadline,
            groups,
            quorum,
            reminder_days,
            allow_spanning: input.allow_spanning == "on",
            title_translations,
            purpose_translations,
        };
        Ok(settings)
    }

    /// The title for a reader of `lang` (any tag): the secretariat's
    /// translation, else the title, marked as a fallback.
    pub fn title_in(&self, lang: &str) -> Localised<'_> {
        self.title_translations.resolve(&self.title, lang)
    }

    /// The purpose for a reader of `lang`, likewise.
    pub fn purpose_in(&self, lang: &str) -> Localised<'_> {
        self.purpose_translations.resolve(&self.purpose, lang)
    }

    /// The working units of the window, in order.
    pub fn units(&self) -> Vec<Unit> {
        super::units::enumerate(
            self.window_start,
            self.window_end,
            self.granularity,
            &self.working_days,
            |d| self.excluded.contains_key(&d),
        )
    }

    /// The longest run of units a meeting can occupy without crossing a
    /// non-working or excluded day (or all units, when spanning is allowed).
    pub fn longest_run(&self) -> usize {
        longest_run(&self.units(), self.allow_spanning)
    }

    /// The start and end of a unit as UTC instants, from the session times in
    /// the meeting's zone (correct across daylight-saving changes).
    pub fn unit_bounds(&self, unit: &Unit) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let (start, end) = match unit.half {
            None => (self.sessions[0].start, self.sessions[1].end),
            Some(Half::Am) => (self.sessions[0].start, self.sessions[0].end),
            Some(Half::Pm) => (self.sessions[1].start, self.sessions[1].end),
        };
        Some((
            local_to_utc(self.time_zone, unit.date.and_time(start))?,
            local_to_utc(self.time_zone, unit.date.and_time(end))?,
        ))
    }

    pub fn duration_label(&self, units: u32) -> String {
        self.granularity.describe(units)
    }
}

/// The longest run of `units` without a gap (all of them when spanning).
fn longest_run(units: &[Unit], allow_spanning: bool) -> usize {
    let mut longest = 0;
    let mut run = 0;
    let mut previous: Option<Unit> = None;
    for unit in units {
        run = match previous {
            Some(p) if allow_spanning || p.is_followed_by(unit) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        previous = Some(*unit);
    }
    longest
}

/// Names every duration that cannot fit, in the window's own units (a
/// half-day meeting speaks of half-days, with the days in brackets).
fn too_long_message(granularity: Granularity, too_long: &[u32], longest: usize) -> String {
    let name = |d: u32| match granularity {
        Granularity::Day => granularity.count(d as usize),
        Granularity::HalfDay => format!(
            "{} ({})",
            granularity.count(d as usize),
            granularity.describe(d)
        ),
    };
    let names: Vec<String> = too_long.iter().map(|&d| name(d)).collect();
    let listed = match names.as_slice() {
        [one] => format!("A meeting of {one} cannot fit"),
        [init @ .., last] => format!("Meetings of {} and {last} cannot fit", init.join(", ")),
        [] => String::new(),
    };
    format!(
        "{listed}: the longest run of consecutive working {} in the window is {longest}.",
        granularity.plural(),
    )
}

/// An instant shown in a zone with the zone's name, e.g.
/// "Fri 13 Mar 2026, 18:00 CET (Europe/Zurich)".
pub fn show_instant(instant: DateTime<Utc>, zone: Tz) -> String {
    let local = instant.with_timezone(&zone);
    format!(
        "{} ({})",
        local.format("%a %-d %b %Y, %H:%M %Z"),
        zone.name()
    )
}

/// The same instant in UTC, e.g. "Fri 13 Mar 2026, 17:00 UTC".
pub fn show_utc(instant: DateTime<Utc>) -> String {
    instant.format("%a %-d %b %Y, %H:%M UTC").to_string()
}

/// A meeting's span as pages show it: "start to end" in the zone with its
/// name, and the same in UTC.
pub fn show_span(start: DateTime<Utc>, end: DateTime<Utc>, zone: Tz) -> (String, String) {
    (
        format!(
            "{} to {}",
            show_instant(start, zone),
            show_instant(end, zone)
        ),
        format!("{} to {}", show_utc(start), show_utc(end)),
    )
}

/// Whether a date falls on one of the given weekdays.
pub fn is_working(date: NaiveDate, working_days: &[Weekday]) -> bool {
    working_days.contains(&date.weekday())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> DraftInput {
        DraftInput {
            title: "Informal meeting".into(),
            window_start: "2027-03-22".into(),
            window_end: "2027-04-02".into(),
            deadline: "2027-03-01T18:00".into(),
            groups: vec!["1".into(), "2".into()],
            ..DraftInput::defaults()
        }
    }

    fn now() -> DateTime<Utc> {
        "2027-01-01T00:00:00Z".parse().expect("instant")
    }

    #[test]
    fn a_valid_draft_parses_with_the_briefs_defaults() {
        let s = MeetingSettings::parse(&input(), &[1, 2], now()).expect("valid");
        assert_eq!(s.time_zone, chrono_tz::Europe::Zurich);
        assert_eq!(s.durations, vec![1, 2, 3]);
        assert_eq!(s.working_days.len(), 5);
        assert_eq!(s.units().len(), 10);
        assert_eq!(s.longest_run(), 5);
        assert_eq!(
            s.deadline.to_rfc3339(),
            "2027-03-01T17:00:00+00:00",
            "18:00 in Zurich in winter"
        );
    }

    #[test]
    fn session_times_become_utc_on_either_side_of_a_dst_change() {
        // Europe/Zurich moves to summer time on Sunday 28 March 2027.
        let s = MeetingSettings::parse(&input(), &[1, 2], now()).expect("valid");
        let before = Unit {
            date: "2027-03-26".parse().expect("date"),
            half: None,
        };
        let after = Unit {
            date: "2027-03-29".parse().expect("date"),
            half: None,
        };
        let (start, end) = s.unit_bounds(&before).expect("bounds");
        assert_eq!(
            (
                start.format("%H:%M").to_string(),
                end.format("%H:%M").to_string()
            ),
            ("09:00".into(), "17:00".into())
        );
        let (start, _) = s.unit_bounds(&after).expect("bounds");
        assert_eq!(start.format("%H:%M").to_string(), "08:00");
    }

    #[test]
    fn every_duration_that_cannot_fit_is_named_in_the_windows_units_with_the_other_errors() {
        let mut form = input();
        form.title = String::new();
        form.granularity = "half_day".into();
        form.durations = "1, 3, 3.5".into();
        form.window_end = form.window_start.clone();
        let errors = MeetingSettings::parse(&form, &[1, 2], now()).expect_err("cannot fit");
        assert_eq!(
            errors["durations"],
            "Meetings of 6 half-days (3 days) and 7 half-days (3.5 days) cannot fit: \
             the longest run of consecutive working half-days in the window is 2."
        );
        assert!(errors.contains_key("title"), "reported at once: {errors:?}");
    }

    #[test]
    fn a_duration_longer_than_any_run_of_working_days_is_refused() {
        let mut form = input();
        form.durations = "1, 6".into();
        let errors = MeetingSettings::parse(&form, &[1, 2], now()).expect_err("6 days cannot fit");
        assert!(
            errors["durations"].contains("longest run"),
            "{}",
            errors["durations"]
        );
    }

    #[test]
    fn half_day_durations_need_half_day_granularity() {
        let mut form = input();
        form.durations = "0.5".into();
        assert!(MeetingSettings::parse(&form, &[1, 2], now()).is_err());
        form.granularity = "half_day".into();
        let s = MeetingSettings::parse(&form, &[1, 2], now()).expect("valid");
        assert_eq!(s.durations, vec![1]);
    }

    #[test]
    fn windows_longer_than_two_years_and_unknown_groups_are_refused() {
        let mut form = input();
        form.window_end = "2029-03-23".into();
        form.groups = vec!["99".into()];
        form.quorum = "3".into();
        let errors = MeetingSettings::parse(&form, &[1, 2], now()).expect_err("invalid");
        assert!(errors.contains_key("window_end"));
        assert!(errors.contains_key("groups"));
    }

    #[test]
    fn a_deadline_in_the_spring_forward_gap_is_refused() {
        let mut form = input();
        form.window_start = "2027-04-05".into();
        form.window_end = "2027-04-09".into();
        form.deadline = "2027-03-28T02:30".into();
        let errors = MeetingSettings::parse(&form, &[1, 2], now()).expect_err("no such time");
        assert!(errors["deadline"].contains("does not exist"));
    }

    #[test]
    fn the_form_round_trips_through_settings() {
        let s = MeetingSettings::parse(&input(), &[1, 2], now()).expect("valid");
        let again =
            MeetingSettings::parse(&DraftInput::from_settings(&s), &[1, 2], now()).expect("valid");
        assert_eq!(s, again);
    }
}
