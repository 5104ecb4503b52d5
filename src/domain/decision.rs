//! The secretariat's decision at approval, beside the slot: the one modality
//! (of those the draft offered), the venue, the remote-participation link and
//! the session times. A later change of any of them is an update like a
//! change of date.
//!
//! Rules: in person and hybrid need a venue; hybrid and virtual need a link,
//! `http` or `https` only (anything else would be a way to put a `javascript:`
//! or `file:` link in every invitation). A venue is kept only where people
//! meet and a link only where they join remotely, so that an invitation
//! states one modality and nothing that contradicts it.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use super::meeting::{FieldErrors, Modality, Session};
use super::text::{Kind, Text};

/// A valid decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub place: Place,
    /// Morning and afternoon sessions of each meeting day.
    pub sessions: [Session; 2],
}

/// The decision's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DecisionInput {
    pub modality: String,
    pub venue: String,
    pub link: String,
    pub morning_start: String,
    pub morning_end: String,
    pub afternoon_start: String,
    pub afternoon_end: String,
}

fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

impl DecisionInput {
    /// A blank decision with the draft's session times, and the modality
    /// chosen already when only one was offered.
    pub fn for_draft(offered: &[Modality], sessions: &[Session; 2]) -> DecisionInput {
        DecisionInput {
            modality: match offered {
                [only] => only.as_str().to_owned(),
                _ => String::new(),
            },
            ..DecisionInput::with_sessions(sessions)
        }
    }

    fn with_sessions(sessions: &[Session; 2]) -> DecisionInput {
        DecisionInput {
            morning_start: hhmm(sessions[0].start),
            morning_end: hhmm(sessions[0].end),
            afternoon_start: hhmm(sessions[1].start),
            afternoon_end: hhmm(sessions[1].end),
            ..DecisionInput::default()
        }
    }

    /// The form filled with a decision taken (the modality left blank when
    /// none was decided, as for meetings approved before decisions existed).
    pub fn from_parts(
        modality: Option<Modality>,
        venue: &str,
        link: &str,
        sessions: &[Session; 2],
    ) -> DecisionInput {
        DecisionInput {
            modality: modality.map(|m| m.as_str().to_owned()).unwrap_or_default(),
            venue: venue.to_owned(),
            link: link.to_owned(),
            ..DecisionInput::with_sessions(sessions)
        }
    }
}

/// Whether `text` is an absolute `http` or `https` URL with a host.
pub fn is_web_link(text: &str) -> bool {
    url::Url::parse(text)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

impl Modality {
    /// Whether people meet in a room.
    pub fn has_venue(self) -> bool {
        matches!(self, Modality::InPerson | Modality::Hybrid)
    }

    /// Whether people join remotely.
    pub fn has_link(self) -> bool {
        matches!(self, Modality::Hybrid | Modality::Virtual)
    }
}

/// How and where the meeting is held: the modality, with the venue where
/// people meet and the link where they join remotely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub modality: Modality,
    /// Empty for a virtual meeting.
    pub venue: String,
    /// Empty for a meeting in person.
    pub link: String,
}

impl Place {
    /// Validates the modality (one of `offered`), venue and link as typed,
    /// adding a message per bad field to `errors`.
    pub fn parse(
        modality: &str,
        venue: &str,
        link: &str,
        offered: &[Modality],
        errors: &mut FieldErrors,
    ) -> Option<Place> {
        let modality = match Modality::parse(modality.trim()) {
            Some(m) if offered.contains(&m) => Some(m),
            _ => {
                errors.insert(
                    "modality",
                    "Choose how the meeting is held: one of the modalities offered.".into(),
                );
                None
            }
        };
        let before = errors.len();
        let mut text = |field: &'static str, value: &str| {
            Text::parse(Kind::Line, value)
                .map_err(|e| errors.insert(field, e.sentence()))
                .map(Text::into_string)
                .unwrap_or_default()
        };
        let venue = text("venue", venue);
        let link = text("link", link);
        if let Some(m) = modality {
            if m.has_venue() && venue.is_empty() && !errors.contains_key("venue") {
                errors.insert(
                    "venue",
                    format!(
                        "Give the venue: the meeting is {}.",
                        m.label().to_lowercase()
                    ),
                );
            }
            if m.has_link() && link.is_empty() {
                errors.insert(
                    "link",
                    format!(
                        "Give the link to join remotely: the meeting is {}.",
                        m.label().to_lowercase()
                    ),
                );
            }
        }
        if !link.is_empty() && !is_web_link(&link) {
            errors.insert(
                "link",
                "Give a web address starting with https:// (or http://).".into(),
            );
        }
        let modality = modality?;
        (errors.len() == before).then(|| Place {
            modality,
            venue: if modality.has_venue() {
                venue
            } else {
                String::new()
            },
            link: if modality.has_link() {
                link
            } else {
                String::new()
            },
        })
    }
}

impl Decision {
    /// Validates a decision against the modalities the draft offered. Every
    /// error is reported at once, by field.
    pub fn parse(input: &DecisionInput, offered: &[Modality]) -> Result<Decision, FieldErrors> {
        let mut errors = FieldErrors::new();
        let place = Place::parse(
            &input.modality,
            &input.venue,
            &input.link,
            offered,
            &mut errors,
        );
        let sessions = parse_sessions(input, &mut errors);
        match (place, sessions) {
            (Some(place), Some(sessions)) if errors.is_empty() => Ok(Decision { place, sessions }),
            _ => Err(errors),
        }
    }
}

/// How many groups prefer each modality offered, in the draft's order, and
/// how many gave no preference: what informs the choice at approval.
pub fn preference_tally(
    offered: &[Modality],
    preferences: impl IntoIterator<Item = Option<Modality>>,
) -> (Vec<(Modality, usize)>, usize) {
    let mut counts: Vec<(Modality, usize)> = offered.iter().map(|&m| (m, 0)).collect();
    let mut none = 0;
    for preference in preferences {
        match preference.and_then(|p| counts.iter_mut().find(|(m, _)| *m == p)) {
            Some((_, n)) => *n += 1,
            None => none += 1,
        }
    }
    (counts, none)
}

fn parse_sessions(input: &DecisionInput, errors: &mut FieldErrors) -> Option<[Session; 2]> {
    let time = |text: &str| NaiveTime::parse_from_str(text.trim(), "%H:%M").ok();
    let mut session = |start: &str, end: &str, field: &'static str| match (time(start), time(end)) {
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
    let morning = session(&input.morning_start, &input.morning_end, "morning");
    let afternoon = session(&input.afternoon_start, &input.afternoon_end, "afternoon");
    let (morning, afternoon) = (morning?, afternoon?);
    if morning.end > afternoon.start {
        errors.insert(
            "afternoon",
            "The afternoon session must start after the morning session ends.".into(),
        );
        return None;
    }
    Some([morning, afternoon])
}

#[cfg(test)]
mod tests {
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

    fn input(modality: &str, venue: &str, link: &str) -> DecisionInput {
        DecisionInput {
            modality: modality.into(),
            venue: venue.into(),
            link: link.into(),
            ..DecisionInput::for_draft(&Modality::ALL, &sessions())
        }
    }

    #[test]
    fn each_modality_needs_what_it_uses_and_keeps_nothing_else() {
        let hybrid = Decision::parse(
            &input("hybrid", " Room A ", "https://meet.example.org/x"),
            &Modality::ALL,
        )
        .expect("valid");
        assert_eq!(hybrid.place.venue, "Room A");
        assert_eq!(hybrid.place.link, "https://meet.example.org/x");
        let virtual_only = Decision::parse(
            &input("virtual", "Room A", "https://meet.example.org/x"),
            &Modality::ALL,
        )
        .expect("valid");
        assert_eq!(
            virtual_only.place.venue, "",
            "no room for a virtual meeting"
        );
        let in_person = Decision::parse(
            &input("in_person", "Room A", "https://meet.example.org/x"),
            &Modality::ALL,
        )
        .expect("valid");
        assert_eq!(in_person.place.link, "", "no link for a meeting in person");
        let errors = Decision::parse(&input("hybrid", "", ""), &Modality::ALL).expect_err("bare");
        assert_eq!(
            errors.keys().copied().collect::<Vec<_>>(),
            vec!["link", "venue"]
        );
    }

    #[test]
    fn only_an_offered_modality_and_a_web_link_are_accepted() {
        let errors = Decision::parse(
            &input("virtual", "", "https://meet.example.org"),
            &[Modality::InPerson],
        )
        .expect_err("not offered");
        assert!(errors.contains_key("modality"));
        for bad in [
            "javascript:alert(1)",
            "ftp://example.org/",
            "meet.example.org",
            "file:///etc/passwd",
        ] {
            let errors =
                Decision::parse(&input("virtual", "", bad), &Modality::ALL).expect_err(bad);
            assert!(errors.contains_key("link"), "{bad}");
        }
    }

    #[test]
    fn preferences_are_counted_per_modality_offered() {
        let (counts, none) = preference_tally(
            &[Modality::InPerson, Modality::Hybrid],
            [
                Some(Modality::Hybrid),
                None,
                Some(Modality::Hybrid),
                Some(Modality::InPerson),
            ],
        );
        assert_eq!(counts, vec![(Modality::InPerson, 1), (Modality::Hybrid, 2)]);
        assert_eq!(none, 1);
    }

    #[test]
    fn session_times_may_differ_from_the_drafts_but_must_hold_together() {
        let mut typed = input("in_person", "Room A", "");
        typed.morning_start = "09:30".into();
        let decision = Decision::parse(&typed, &Modality::ALL).expect("valid");
        assert_eq!(decision.sessions[0].start.to_string(), "09:30:00");
        typed.afternoon_start = "12:00".into();
        let errors = Decision::parse(&typed, &Modality::ALL).expect_err("overlap");
        assert!(errors.contains_key("afternoon"));
    }
}
