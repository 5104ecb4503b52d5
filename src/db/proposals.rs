//! What the proposal engine needs from the store: a meeting's settings, its
//! consulted groups with their weights, and each group's answer — once the
//! consultation is closed, as fixed in its record (see [`super::record`]).

use std::collections::BTreeMap;

use diesel::prelude::*;

use super::DbConnection;
use super::meetings::{self, Meeting, MeetingError};
use super::record;
use super::schema::regional_groups;
use crate::domain::answer::Answer;
use crate::domain::proposals::{EngineInput, GroupAnswer, GroupInput};

#[derive(Debug, Clone)]
pub struct Consulted {
    pub id: i64,
    pub name: String,
    pub short_name: String,
    pub weight: u32,
}

pub struct ProposalData {
    pub meeting: Meeting,
    /// Whether the weights and answers are the record fixed at closing
    /// (rather than the directory's and the latest, while consulting).
    pub fixed: bool,
    pub groups: Vec<Consulted>,
    /// The current answer of each group that answered.
    pub answers: BTreeMap<i64, Answer>,
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
    let mut answers = BTreeMap::new();
    for row in record::counted_answers(conn, meeting_id, kept.as_ref())? {
        answers.insert(row.group_id, row.answer()?);
    }
    let input = EngineInput {
        units: meeting.settings.units(),
        durations: meeting.settings.durations.clone(),
        groups: groups
            .iter()
            .map(|g| GroupInput {
                id: g.id,
                weight: g.weight,
                answer: answers.get(&g.id).map(|a: &Answer| GroupAnswer {
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
