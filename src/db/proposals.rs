//! What the proposal engine needs from the store: a meeting's settings, its
//! consulted groups with their weights, and each group's answer — once the
//! consultation is closed, as fixed in its record (see [`super::record`]).
//!
//! Read for every view of the proposals page, so each answer's units are
//! parsed straight into a row indexed by unit ([`UnitIndex`]) rather than
//! into a map keyed by allocated strings: for seven groups over a year of
//! half-days that map was half of the page's time.

use std::collections::BTreeMap;

use diesel::prelude::*;

use serde::de::DeserializeSeed;

use super::DbConnection;
use super::answers::AnswerRow;
use super::meetings::{self, Meeting, MeetingError};
use super::record;
use super::schema::regional_groups;
use crate::domain::meeting::Modality;
use crate::domain::proposals::{EngineInput, GroupAnswer, GroupInput, Says, UnitIndex};

#[derive(Debug, Clone)]
pub struct Consulted {
    pub id: i64,
    pub name: String,
    pub short_name: String,
    pub weight: u32,
}

/// A group's answer as the proposals read it: its units indexed like the
/// window's ([`EngineInput::units`]).
#[derive(Debug, Clone)]
pub struct CountedAnswer {
    pub units: Says,
    pub accepted_durations: Vec<u32>,
    pub preferred_duration: Option<u32>,
    pub modality: Option<Modality>,
    pub comment: String,
}

impl CountedAnswer {
    /// Reads a stored answer as [`AnswerRow::answer`] does, the units
    /// through the window's `index`.
    fn read(row: &AnswerRow, index: &UnitIndex) -> Result<CountedAnswer, MeetingError> {
        let corrupt =
            |what: &str, e: serde_json::Error| MeetingError::Corrupt(format!("{what}: {e}"));
        let mut units = serde_json::Deserializer::from_str(&row.units);
        let says = index
            .deserialize(&mut units)
            .and_then(|says| units.end().map(|()| says))
            .map_err(|e| corrupt("answer units", e))?;
        Ok(CountedAnswer {
            units: says,
            accepted_durations: serde_json::from_str(&row.accepted_durations)
                .map_err(|e| corrupt("accepted durations", e))?,
            preferred_duration: row.preferred_duration.and_then(|d| u32::try_from(d).ok()),
            modality: row.modality.as_deref().and_then(Modality::parse),
            comment: row.comment.clone(),
        })
    }
}

pub struct ProposalData {
    pub meeting: Meeting,
    /// Whether the weights and answers are the record fixed at closing
    /// (rather than the directory's and the latest, while consulting).
    pub fixed: bool,
    pub groups: Vec<Consulted>,
    /// The current answer of each group that answered.
    pub answers: BTreeMap<i64, CountedAnswer>,
    pub input: EngineInput,
}

impl ProposalData {
    pub fn group(&self, id: i64) -> Option<&Consulted> {
        self.groups.iter().find(|g| g.id == id)
    }
}

pub fn load(conn: &mut DbConnection, meeting_id: i64) -> Result<ProposalData, MeetingError> {
    let meeting = meetings::get(conn, meeting_id)?;
    let kept = record::kept(conn, meeting_id)?;
    let rows: Vec<(i64, String, String, i32)> = regional_groups::table
        .filter(regional_groups::id.eq_any(&meeting.settings.groups))
        .order(regional_groups::name)
        .select((
            regional_groups::id,
            regional_groups::name,
            regional_groups::short_name,
            regional_groups::weight,
        ))
        .load(conn)?;
    let groups: Vec<Consulted> = rows
        .into_iter()
        .map(|(id, name, short_name, weight)| Consulted {
            id,
            name,
            short_name,
            weight: u32::try_from(
                kept.as_ref()
                    .and_then(|k| k.get(&id))
                    .map_or(weight, |k| k.weight),
            )
            .unwrap_or(1),
        })
        .collect();
    let units = meeting.settings.units();
    let index = UnitIndex::new(&units);
    let mut answers = BTreeMap::new();
    for row in record::counted_answers(conn, meeting_id, kept.as_ref())? {
        answers.insert(row.group_id, CountedAnswer::read(&row, &index)?);
    }
    let input = EngineInput {
        units,
        durations: meeting.settings.durations.clone(),
        groups: groups
            .iter()
            .map(|g| GroupInput {
                id: g.id,
                weight: g.weight,
                answer: answers.get(&g.id).map(|a| GroupAnswer {
                    units: a.units.clone(),
                    accepted_durations: a.accepted_durations.clone(),
                    preferred_duration: a.preferred_duration,
                }),
            })
            .collect(),
        quorum: meeting.settings.quorum,
        allow_spanning: meeting.settings.allow_spanning,
    };
    Ok(ProposalData {
        meeting,
        fixed: kept.is_some(),
        groups,
        answers,
        input,
    })
}
