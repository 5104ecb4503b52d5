//! Invitations as the secretariat and invitees type them: the extra addresses
//! of an invitee list, an invitee's reply with its delegation, and a change of
//! date, time or venue. Parsing keeps what was typed, so a form with errors
//! can be shown again as it was, with a message at each bad field.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::email::EmailAddress;
use super::meeting::{Modality, local_to_utc};
use super::text::{Kind, Text, TextError};

/// Who an invitee is, for counts and the participant list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    MemberState,
    Igo,
    Ngo,
    Guest,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::MemberState,
        Category::Igo,
        Category::Ngo,
        Category::Guest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::MemberState => "member_state",
            Category::Igo => "igo",
            Category::Ngo => "ngo",
            Category::Guest => "guest",
        }
    }

    pub fn parse(text: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::MemberState => "Member states",
            Category::Igo => "Intergovernmental organisations",
            Category::Ngo => "Non-governmental organisations",
            Category::Guest => "Other invitees",
        }
    }
}

/// An invitee's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Response {
    InPerson,
    Remote,
    NotAttending,
}

impl Response {
    pub const ALL: [Response; 3] = [Response::InPerson, Response::Remote, Response::NotAttending];

    pub fn as_str(self) -> &'static str {
        match self {
            Response::InPerson => "in_person",
            Response::Remote => "remote",
            Response::NotAttending => "not_attending",
        }
    }

    pub fn parse(text: &str) -> Option<Response> {
        Response::ALL.into_iter().find(|r| r.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Response::InPerson => "Attending in person",
            Response::Remote => "Attending remotely",
            Response::NotAttending => "Not attending",
        }
    }

    /// Whether the meeting's modalities allow this way of attending: in person
    /// needs an in-person or hybrid meeting, remote a virtual or hybrid one.
    pub fn allowed_by(self, modalities: &[Modality]) -> bool {
        match self {
            Response::InPerson => modalities
                .iter()
                .any(|m| matches!(m, Modality::InPerson | Modality::Hybrid)),
            Response::Remote => modalities
                .iter()
                .any(|m| matches!(m, Modality::Virtual | Modality::Hybrid)),
            Response::NotAttending => true,
        }
    }
}

/// Languages invitations are written in; anything else reads English.
pub const LANGUAGES: [&str; 3] = ["en", "fr", "es"];

/// A person invited in their own name (an "extra address").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guest {
    pub name: String,
    pub email: String,
    pub language: String,
}

/// Why a line of the extra addresses was refused (1-based line number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuestLineError {
    pub line: usize,
    pub text: String,
    pub reason: &'static str,
}

/// Parses the extra addresses, one per line: `address`, `Name <address>`,
/// either optionally followed by `, fr` or `, es` (English otherwise). Blank
/// lines are skipped; an address given twice is kept once.
pub fn parse_guests(input: &str) -> Result<Vec<Guest>, Vec<GuestLineError>> {
    let mut guests: Vec<Guest> = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in input.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let (person, language) = match line.rsplit_once(',') {
            Some((rest, tag)) if LANGUAGES.contains(&tag.trim().to_ascii_lowercase().as_str()) => {
                (rest.trim(), tag.trim().to_ascii_lowercase())
            }
            _ => (line, "en".to_owned()),
        };
        let (name, address) = match (person.find('<'), person.rfind('>')) {
            (Some(open), Some(close)) if open < close && close == person.len() - 1 => (
                person[..open].trim().trim_matches('"').trim(),
                &person[open + 1..close],
            ),
            (None, None) => ("", person),
            _ => {
                errors.push(GuestLineError {
                    line: i + 1,
                    text: line.to_owned(),
                    reason: "write it as Name <address>",
                });
                continue;
            }
        };
        if Text::parse(Kind::Name, name).is_err() {
            errors.push(GuestLineError {
                line: i + 1,
                text: line.to_owned(),
                reason: "a name has at most 200 characters and no control characters",
            });
            continue;
        }
        match EmailAddress::parse(address) {
            Ok(email) => {
                if !guests
                    .iter()
                    .any(|g| g.email.eq_ignore_ascii_case(email.as_str()))
                {
                    guests.push(Guest {
                        name: name.to_owned(),
                        email: email.as_str().to_owned(),
                        language,
                    });
                }
            }
            Err(_) => errors.push(GuestLineError {
                line: i + 1,
                text: line.to_owned(),
                reason: "not an email address",
            }),
        }
    }
    if errors.is_empty() {
        Ok(guests)
    } else {
        Err(errors)
    }
}

/// The extra addresses written back one per line, as [`parse_guests`] reads them.
pub fn format_guests(guests: &[Guest]) -> String {
    guests
        .iter()
        .map(|g| {
            let person = if g.name.is_empty() {
                g.email.clone()
            } else {
                format!("{} <{}>", g.name, g.email)
            };
            if g.language == "en" {
                person
            } else {
                format!("{person}, {}", g.language)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One member of a delegation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delegate {
    pub name: String,
    pub function: String,
}

/// Most delegates one invitee may name.
pub const MAX_DELEGATES: usize = 40;
/// Longest name, function or note accepted.
pub const MAX_TEXT: usize = Kind::Name.max();
pub const MAX_NOTE: usize = Kind::Note.max();

/// The reply form as typed: `response`, then `d.name.N` / `d.function.N`
/// pairs, then `note`.
#[derive(Debug, Clone, Default)]
pub struct ReplyInput {
    pub response: String,
    pub delegates: Vec<Delegate>,
    pub note: String,
}

impl ReplyInput {
    /// Reads the submitted fields; delegate rows come back in their order.
    pub fn from_fields(fields: &[(String, String)]) -> ReplyInput {
        let mut rows: BTreeMap<usize, Delegate> = BTreeMap::new();
        let mut input = ReplyInput::default();
        for (key, value) in fields {
            if key == "response" {
                input.response = value.clone();
            } else if key == "note" {
                input.note = value.clone();
            } else if let Some(n) = key.strip_prefix("d.name.") {
                if let Ok(n) = n.parse() {
                    rows.entry(n)
                        .or_insert_with(|| Delegate {
                            name: String::new(),
                            function: String::new(),
                        })
                        .name = value.clone();
                }
            } else if let Some(n) = key.strip_prefix("d.function.")
                && let Ok(n) = n.parse()
            {
                rows.entry(n)
                    .or_insert_with(|| Delegate {
                        name: String::new(),
                        function: String::new(),
                    })
                    .function = value.clone();
            }
        }
        input.delegates = rows.into_values().collect();
        input
    }
}

/// A valid reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub response: Response,
    /// Empty when not attending.
    pub delegates: Vec<Delegate>,
    pub note: String,
}

/// Messages by field, for the forms whose messages are written here.
pub type FieldErrors = BTreeMap<&'static str, String>;

/// A part of the reply form, in the form's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReplyField {
    Response,
    Delegates,
    Note,
}

impl ReplyField {
    /// The form field's name, used for its ids.
    pub fn as_str(self) -> &'static str {
        match self {
            ReplyField::Response => "response",
            ReplyField::Delegates => "delegates",
            ReplyField::Note => "note",
        }
    }
}

/// Why a reply was refused. The reply page writes the message in the
/// recipient's language, so the rule says only what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplyError {
    /// No response chosen, or one that does not exist.
    NoResponse,
    /// A response the meeting's modalities do not allow.
    NotOffered(Response),
    /// A delegate with a function but no name.
    NamelessDelegate { function: String },
    /// A name or function longer than [`MAX_TEXT`].
    DelegateTooLong,
    /// More than [`MAX_DELEGATES`] delegates.
    TooManyDelegates,
    /// A note longer than [`MAX_NOTE`].
    NoteTooLong,
    /// A name or function with a line break or a control character.
    DelegateCharacters,
    /// A note with a control character.
    NoteCharacters,
}

impl ReplyError {
    pub fn field(&self) -> ReplyField {
        match self {
            ReplyError::NoResponse | ReplyError::NotOffered(_) => ReplyField::Response,
            ReplyError::NamelessDelegate { .. }
            | ReplyError::DelegateTooLong
            | ReplyError::TooManyDelegates
            | ReplyError::DelegateCharacters => ReplyField::Delegates,
            ReplyError::NoteTooLong | ReplyError::NoteCharacters => ReplyField::Note,
        }
    }
}

/// One error per field at most: the last one found.
pub type ReplyErrors = BTreeMap<ReplyField, ReplyError>;

impl Reply {
    /// Validates a reply against the meeting's modalities. Blank delegate rows
    /// are dropped; a function without a name is an error.
    pub fn parse(input: &ReplyInput, modalities: &[Modality]) -> Result<Reply, ReplyErrors> {
        let mut errors = ReplyErrors::new();
        let mut refuse = |error: ReplyError| {
            errors.insert(error.field(), error);
        };
        let response = match Response::parse(input.response.trim()) {
            None => {
                refuse(ReplyError::NoResponse);
                None
            }
            Some(r) if !r.allowed_by(modalities) => {
                refuse(ReplyError::NotOffered(r));
                None
            }
            Some(r) => Some(r),
        };
        let mut delegates = Vec::new();
        for d in &input.delegates {
            let (name, function) = match (
                Text::parse(Kind::Name, &d.name),
                Text::parse(Kind::Name, &d.function),
            ) {
                (Ok(name), Ok(function)) => (name.into_string(), function.into_string()),
                (Err(TextError::TooLong(_)), _) | (_, Err(TextError::TooLong(_))) => {
                    refuse(ReplyError::DelegateTooLong);
                    continue;
                }
                _ => {
                    refuse(ReplyError::DelegateCharacters);
                    continue;
                }
            };
            if name.is_empty() && function.is_empty() {
                continue;
            }
            if name.is_empty() {
                refuse(ReplyError::NamelessDelegate {
                    function: function.clone(),
                });
            }
            delegates.push(Delegate { name, function });
        }
        if delegates.len() > MAX_DELEGATES {
            refuse(ReplyError::TooManyDelegates);
        }
        let note = match Text::parse(Kind::Note, &input.note) {
            Ok(note) => note.into_string(),
            Err(TextError::TooLong(_)) => {
                refuse(ReplyError::NoteTooLong);
                String::new()
            }
            Err(_) => {
                refuse(ReplyError::NoteCharacters);
                String::new()
            }
        };
        match response {
            Some(response) if errors.is_empty() => Ok(Reply {
                response,
                delegates: if response == Response::NotAttending {
                    Vec::new()
                } else {
                    delegates
                },
                note,
            }),
            _ => Err(errors),
        }
    }
}

/// The change form as typed: first and last day, start and end times in the
/// meeting's zone, the venue, and a note to invitees.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ChangeInput {
    pub first_day: String,
    pub starts_at: String,
    pub last_day: String,
    pub ends_at: String,
    pub venue: String,
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
    pub venue: String,
    pub note: String,
}

impl ChangeInput {
    /// The form filled with the current values.
    pub fn current(start: DateTime<Utc>, end: DateTime<Utc>, zone: Tz, venue: &str) -> ChangeInput {
        let (s, e) = (start.with_timezone(&zone), end.with_timezone(&zone));
        ChangeInput {
            first_day: s.date_naive().to_string(),
            starts_at: s.format("%H:%M").to_string(),
            last_day: e.date_naive().to_string(),
            ends_at: e.format("%H:%M").to_string(),
            venue: venue.to_owned(),
            note: String::new(),
        }
    }
}

impl Change {
    /// Validates a change; times are read in `zone` (a time that does not
    /// exist there, in a spring-forward gap, is refused). The meeting must
    /// start after `now` (a start in the past would close the replies at
    /// once) and end within [`MAX_YEARS_AHEAD`] years.
    pub fn parse(input: &ChangeInput, zone: Tz, now: DateTime<Utc>) -> Result<Change, FieldErrors> {
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
        let mut text = |field: &'static str, value: &str| {
            Text::parse(Kind::Line, value)
                .map_err(|e| errors.insert(field, e.sentence()))
                .map(Text::into_string)
                .unwrap_or_default()
        };
        let venue = text("venue", &input.venue);
        let note = text("note", &input.note);
        match (start, end) {
            (Some(start), Some(end)) if errors.is_empty() => Ok(Change {
                start,
                end,
                venue,
                note,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guests_are_read_one_per_line_with_an_optional_name_and_language() {
        let guests = parse_guests(
            "ana@example.org\n\n  Jean Dupont <Jean@Example.ORG>, fr\n\"Sol\" <sol@example.org>,ES\nana@example.org\n",
        )
        .expect("valid");
        assert_eq!(
            guests,
            vec![
                Guest {
                    name: String::new(),
                    email: "ana@example.org".into(),
                    language: "en".into()
                },
                Guest {
                    name: "Jean Dupont".into(),
                    email: "Jean@example.org".into(),
                    language: "fr".into()
                },
                Guest {
                    name: "Sol".into(),
                    email: "sol@example.org".into(),
                    language: "es".into()
                },
            ]
        );
        assert_eq!(parse_guests(&format_guests(&guests)), Ok(guests));
    }

    #[test]
    fn bad_guest_lines_are_named_by_number() {
        let errors = parse_guests("ok@example.org\nnot an address\nAna <ana@example.org\n")
            .expect_err("two bad lines");
        assert_eq!(
            errors.iter().map(|e| e.line).collect::<Vec<_>>(),
            vec![2, 3]
        );
    }

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_reply_keeps_its_delegation_in_order_and_drops_blank_rows() {
        let input = ReplyInput::from_fields(&fields(&[
            ("response", "in_person"),
            ("d.name.2", "B. Second"),
            ("d.function.2", "Counsellor"),
            ("d.name.10", ""),
            ("d.function.10", ""),
            ("d.name.1", "A. First"),
            ("d.function.1", "Ambassador"),
            ("note", "  We arrive late.  "),
        ]));
        let reply = Reply::parse(&input, &[Modality::Hybrid]).expect("valid");
        assert_eq!(reply.response, Response::InPerson);
        assert_eq!(
            reply
                .delegates
                .iter()
                .map(|d| d.name.as_str())
                .collect::<Vec<_>>(),
            vec!["A. First", "B. Second"]
        );
        assert_eq!(reply.note, "We arrive late.");
    }

    #[test]
    fn a_reply_is_checked_against_the_modalities_and_its_rows() {
        let input = ReplyInput::from_fields(&fields(&[
            ("response", "in_person"),
            ("d.function.1", "Delegate"),
        ]));
        let errors = Reply::parse(&input, &[Modality::Virtual]).expect_err("invalid");
        assert_eq!(
            errors,
            ReplyErrors::from([
                (
                    ReplyField::Response,
                    ReplyError::NotOffered(Response::InPerson)
                ),
                (
                    ReplyField::Delegates,
                    ReplyError::NamelessDelegate {
                        function: "Delegate".into()
                    }
                ),
            ])
        );
        let missing = Reply::parse(&ReplyInput::default(), &[Modality::Virtual]).expect_err("none");
        assert_eq!(
            missing.get(&ReplyField::Response),
            Some(&ReplyError::NoResponse)
        );
        let remote = ReplyInput::from_fields(&fields(&[("response", "remote")]));
        assert_eq!(
            Reply::parse(&remote, &[Modality::InPerson])
                .expect_err("not offered")
                .get(&ReplyField::Response),
            Some(&ReplyError::NotOffered(Response::Remote))
        );
        assert!(Reply::parse(&remote, &[Modality::Hybrid]).is_ok());
    }

    #[test]
    fn over_long_text_is_refused_at_its_field() {
        let long = "x".repeat(MAX_TEXT + 1);
        let mut input = ReplyInput::from_fields(&fields(&[
            ("response", "remote"),
            ("d.name.0", "A. First"),
            ("d.function.0", long.as_str()),
        ]));
        input.note = "n".repeat(MAX_NOTE + 1);
        let errors = Reply::parse(&input, &[Modality::Virtual]).expect_err("too long");
        assert_eq!(
            errors.into_iter().collect::<Vec<_>>(),
            vec![
                (ReplyField::Delegates, ReplyError::DelegateTooLong),
                (ReplyField::Note, ReplyError::NoteTooLong),
            ]
        );
        let crowd: Vec<(String, String)> = (0..=MAX_DELEGATES)
            .map(|i| (format!("d.name.{i}"), format!("Delegate {i}")))
            .chain([("response".to_owned(), "remote".to_owned())])
            .collect();
        let errors = Reply::parse(&ReplyInput::from_fields(&crowd), &[Modality::Virtual])
            .expect_err("too many");
        assert_eq!(
            errors.get(&ReplyField::Delegates),
            Some(&ReplyError::TooManyDelegates)
        );
    }

    #[test]
    fn not_attending_has_no_delegation() {
        let input = ReplyInput::from_fields(&fields(&[
            ("response", "not_attending"),
            ("d.name.1", "A. First"),
        ]));
        let reply = Reply::parse(&input, &[Modality::InPerson]).expect("valid");
        assert!(reply.delegates.is_empty());
    }

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
            ..ChangeInput::default()
        };
        let past = Change::parse(&on("-0001-01-01", "2026-06-02"), zone, test_now());
        assert!(past.expect_err("in the past").contains_key("first_day"));
        let yesterday = Change::parse(&on("2026-05-31", "2026-06-02"), zone, test_now());
        assert!(yesterday.expect_err("started").contains_key("first_day"));
        let far = Change::parse(&on("2026-07-01", "9999-12-31"), zone, test_now());
        assert!(far.expect_err("too far").contains_key("last_day"));
        assert!(Change::parse(&on("2026-07-01", "2026-07-02"), zone, test_now()).is_ok());
    }

    #[test]
    fn a_change_is_read_in_the_meetings_zone_across_daylight_saving() {
        let zone: Tz = "Europe/Zurich".parse().expect("zone");
        let input = ChangeInput {
            first_day: "2027-03-26".into(),
            starts_at: "10:00".into(),
            last_day: "2027-03-29".into(),
            ends_at: "18:00".into(),
            venue: " Room B ".into(),
            note: String::new(),
        };
        let change = Change::parse(&input, zone, test_now()).expect("valid");
        assert_eq!(change.start.to_rfc3339(), "2027-03-26T09:00:00+00:00");
        assert_eq!(change.end.to_rfc3339(), "2027-03-29T16:00:00+00:00");
        assert_eq!(change.venue, "Room B");
        assert_eq!(
            ChangeInput::current(change.start, change.end, zone, "Room B").starts_at,
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
            test_now(),
        )
        .expect_err("invalid");
        assert_eq!(
            errors.keys().copied().collect::<Vec<_>>(),
            vec!["ends_at", "last_day", "starts_at"]
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
            test_now(),
        )
        .expect_err("ends first");
        assert!(backwards.contains_key("ends_at"));
    }
}
