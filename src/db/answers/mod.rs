//! A group's answers: every version kept for the record, and a pointer to the
//! current one (`current_answers`) moved in the same transaction as each save.
//! Whatever reads "the answer that counts" (the coordinator's form, the
//! proposals, the meeting page, closing) does one keyed lookup, however many
//! versions a group has saved.
//!
//! Saves arrive through [`group_commit::AnswerSaver`], which writes the saves
//! that arrive together in one transaction: one commit (one fsync) for many
//! coordinators, each told "saved" only after the commit that holds their
//! version.

pub mod group_commit;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::upsert::excluded;

use super::audit::{self, Actor};
use super::consultation::ConsultationError;
use super::meetings::MeetingError;
use super::schema::{answers, current_answers, meetings, regional_groups};
use super::{DbConnection, now};
use crate::domain::answer::Answer;
use crate::domain::meeting::{Modality, Status};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = answers)]
pub struct AnswerRow {
    pub id: i64,
    pub meeting_id: i64,
    pub group_id: i64,
    pub version: i32,
    pub link_id: Option<i64>,
    pub units: String,
    pub accepted_durations: String,
    pub preferred_duration: Option<i32>,
    pub modality: Option<String>,
    pub comment: String,
    pub submitted_at: NaiveDateTime,
}

impl AnswerRow {
    /// The stored answer as a domain value.
    pub fn answer(&self) -> Result<Answer, MeetingError> {
        Ok(Answer {
            units: serde_json::from_str(&self.units)
                .map_err(|e| MeetingError::Corrupt(format!("answer units: {e}")))?,
            accepted_durations: serde_json::from_str(&self.accepted_durations)
                .map_err(|e| MeetingError::Corrupt(format!("accepted durations: {e}")))?,
            preferred_duration: self.preferred_duration.and_then(|d| u32::try_from(d).ok()),
            modality: self.modality.as_deref().and_then(Modality::parse),
            comment: self.comment.clone(),
        })
    }
}

// Both reads below look the pointer up first and then the version by its
// whole key, rather than joining the two tables: joined, PostgreSQL's planner
// (before statistics catch up with a burst of saves) may walk every version
// of the group and filter on the version afterwards.

/// The current answer of one group, if it has answered.
pub fn current(
    conn: &mut DbConnection,
    meeting_id: i64,
    group_id: i64,
) -> QueryResult<Option<AnswerRow>> {
    // On the concrete connection, as the other reads of a personal page
    // (see `consultation::link_by_token`).
    let version: Option<i32> = crate::with_backend!(&mut *conn, |c| current_answers::table
        .find((meeting_id, group_id))
        .select(current_answers::version)
        .first(c)
        .optional())?;
    let Some(version) = version else {
        return Ok(None);
    };
    at_version(conn, meeting_id, group_id, version)
}

/// One version of a group's answer (versions never change once written).
pub fn at_version(
    conn: &mut DbConnection,
    meeting_id: i64,
    group_id: i64,
    version: i32,
) -> QueryResult<Option<AnswerRow>> {
    crate::with_backend!(conn, |c| answers::table
        .filter(answers::meeting_id.eq(meeting_id))
        .filter(answers::group_id.eq(group_id))
        .filter(answers::version.eq(version))
        .select(AnswerRow::as_select())
        .first(c)
        .optional())
}

/// The current answer of every group that has answered, by group id.
pub fn current_all(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Vec<AnswerRow>> {
    let pointers: BTreeSet<(i64, i32)> = current_answers::table
        .filter(current_answers::meeting_id.eq(meeting_id))
        .select((current_answers::group_id, current_answers::version))
        .load(conn)?
        .into_iter()
        .collect();
    let groups: Vec<i64> = pointers.iter().map(|p| p.0).collect();
    let mut versions: Vec<i32> = pointers.iter().map(|p| p.1).collect();
    versions.sort_unstable();
    versions.dedup();
    // At most groups × versions rows, by the unique key's index; the pairs
    // that are not a pointer are dropped here.
    let mut rows: Vec<AnswerRow> = answers::table
        .filter(answers::meeting_id.eq(meeting_id))
        .filter(answers::group_id.eq_any(&groups))
        .filter(answers::version.eq_any(&versions))
        .select(AnswerRow::as_select())
        .load(conn)?;
    rows.retain(|r| pointers.contains(&(r.group_id, r.version)));
    rows.sort_by_key(|r| r.group_id);
    Ok(rows)
}

/// How many groups have answered.
pub fn answered_count(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<i64> {
    current_answers::table
        .filter(current_answers::meeting_id.eq(meeting_id))
        .count()
        .get_result(conn)
}

/// The groups that have answered, by id.
pub fn answered_groups(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Vec<i64>> {
    current_answers::table
        .filter(current_answers::meeting_id.eq(meeting_id))
        .order(current_answers::group_id)
        .select(current_answers::group_id)
        .load(conn)
}

/// Every version of one group's answer, newest first.
pub fn versions(
    conn: &mut DbConnection,
    meeting_id: i64,
    group_id: i64,
) -> QueryResult<Vec<AnswerRow>> {
    answers::table
        .filter(answers::meeting_id.eq(meeting_id))
        .filter(answers::group_id.eq(group_id))
        .order(answers::version.desc())
        .select(AnswerRow::as_select())
        .load(conn)
}

/// One coordinator's save: the answer and the link it came through.
#[derive(Debug, Clone)]
pub struct Save {
    pub meeting_id: i64,
    pub group_id: i64,
    pub link_id: i64,
    pub answer: Answer,
}

/// Why a meeting takes no saves now; the same for every save of that meeting
/// in a batch.
#[derive(Debug, Clone, Copy)]
enum Refusal {
    WrongStatus(Status),
    DeadlinePassed,
}

impl From<Refusal> for ConsultationError {
    fn from(refusal: Refusal) -> ConsultationError {
        match refusal {
            Refusal::WrongStatus(status) => MeetingError::WrongStatus(status).into(),
            Refusal::DeadlinePassed => ConsultationError::DeadlinePassed,
        }
    }
}

/// Locks each meeting's row (in id order, so that two writers never wait on
/// each other crosswise) and says whether it takes saves. The lock makes a
/// save and a close of the same meeting take turns on PostgreSQL, and makes
/// two instances number their versions one after the other; SQLite's
/// `BEGIN IMMEDIATE` already admits one writer at a time.
fn open_meetings(
    conn: &mut DbConnection,
    ids: &BTreeSet<i64>,
) -> Result<BTreeMap<i64, Result<(), Refusal>>, ConsultationError> {
    let at = now();
    let mut open = BTreeMap::new();
    for &id in ids {
        // The lock and the read in one statement (one round trip).
        let (status, deadline): (String, NaiveDateTime) =
            crate::with_backend!(&mut *conn, |c| diesel::update(meetings::table.find(id))
                .set(meetings::updated_at.eq(meetings::updated_at))
                .returning((meetings::status, meetings::response_deadline))
                .get_result(c)
                .optional())?
            .ok_or(MeetingError::NotFound)?;
        let status = Status::parse(&status)
            .ok_or_else(|| MeetingError::Corrupt(format!("status {status}")))?;
        let verdict = if status != Status::Consulting {
            Err(Refusal::WrongStatus(status))
        } else if deadline <= at {
            Err(Refusal::DeadlinePassed)
        } else {
            Ok(())
        };
        open.insert(id, verdict);
    }
    Ok(open)
}

/// Writes a batch of saves in one transaction and returns each one's outcome
/// in order: its new version number, or why its meeting refused it (the
/// others are written all the same). The statements per batch do not grow
/// with its size but for the rows themselves: one lock and one read per
/// meeting, one read of the current versions, one insert of all versions and
/// one of all audit entries, one pointer upsert per group saved. An error of
/// the database fails the whole batch and writes nothing.
pub fn save_batch(
    conn: &mut DbConnection,
    saves: &[Save],
) -> Result<Vec<Result<i32, ConsultationError>>, ConsultationError> {
    super::transaction(conn, |conn| {
        let meeting_ids: BTreeSet<i64> = saves.iter().map(|s| s.meeting_id).collect();
        let open = open_meetings(conn, &meeting_ids)?;
        let open_ids: Vec<i64> = open
            .iter()
            .filter(|(_, v)| v.is_ok())
            .map(|(&id, _)| id)
            .collect();
        // The batch's groups, each with its name and its current version in
        // each open meeting of the batch: one query, one round trip.
        let group_ids: BTreeSet<i64> = saves.iter().map(|s| s.group_id).collect();
        let groups: Vec<(i64, String, Option<i64>, Option<i32>)> = regional_groups::table
            .left_join(
                current_answers::table.on(current_answers::group_id
                    .eq(regional_groups::id)
                    .and(current_answers::meeting_id.eq_any(&open_ids))),
            )
            .filter(regional_groups::id.eq_any(&group_ids))
            .select((
                regional_groups::id,
                regional_groups::name,
                current_answers::meeting_id.nullable(),
                current_answers::version.nullable(),
            ))
            .load(conn)?;
        let mut latest: BTreeMap<(i64, i64), i32> = BTreeMap::new();
        let mut names: BTreeMap<i64, String> = BTreeMap::new();
        for (group, name, meeting, version) in groups {
            if let (Some(meeting), Some(version)) = (meeting, version) {
                latest.insert((meeting, group), version);
            }
            names.insert(group, name);
        }

        let at = now();
        let mut outcomes = Vec::with_capacity(saves.len());
        let mut rows = Vec::new();
        let mut entries = Vec::new();
        let mut touched = BTreeSet::new();
        for save in saves {
            // Every meeting of the batch has its verdict (`open_meetings`).
            if let Some(Err(refusal)) = open.get(&save.meeting_id) {
                outcomes.push(Err((*refusal).into()));
                continue;
            }
            let version = latest.entry((save.meeting_id, save.group_id)).or_insert(0);
            *version += 1;
            let version = *version;
            touched.insert((save.meeting_id, save.group_id));
            let a = &save.answer;
            rows.push((
                answers::meeting_id.eq(save.meeting_id),
                answers::group_id.eq(save.group_id),
                answers::version.eq(version),
                answers::link_id.eq(Some(save.link_id)),
                answers::units.eq(serde_json::to_string(&a.units).unwrap_or_default()),
                answers::accepted_durations
                    .eq(serde_json::to_string(&a.accepted_durations).unwrap_or_default()),
                answers::preferred_duration
                    .eq(a.preferred_duration.and_then(|d| i32::try_from(d).ok())),
                answers::modality.eq(a.modality.map(|m| m.as_str())),
                answers::comment.eq(a.comment.clone()),
                answers::submitted_at.eq(at),
            ));
            let group = names.get(&save.group_id).cloned().unwrap_or_default();
            entries.push(audit::Pending {
                actor: Actor::Coordinator {
                    group: group.clone(),
                },
                meeting_id: Some(save.meeting_id),
                action: "answer.saved",
                detail: format!("{group} saved version {version} of its answer"),
            });
            outcomes.push(Ok(version));
        }
        if rows.is_empty() {
            return Ok(outcomes);
        }
        crate::with_backend!(&mut *conn, |c| diesel::insert_into(answers::table)
            .values(&rows)
            .execute(c))?;
        for &(meeting_id, group_id) in &touched {
            let version = latest[&(meeting_id, group_id)];
            crate::with_backend!(&mut *conn, |c| diesel::insert_into(current_answers::table)
                .values((
                    current_answers::meeting_id.eq(meeting_id),
                    current_answers::group_id.eq(group_id),
                    current_answers::version.eq(version),
                ))
                .on_conflict((current_answers::meeting_id, current_answers::group_id))
                .do_update()
                .set(current_answers::version.eq(excluded(current_answers::version)))
                .execute(c))?;
        }
        audit::record_all(conn, &entries, at)?;
        Ok(outcomes)
    })
}

/// Writes one save in its own transaction.
pub fn save_one(conn: &mut DbConnection, save: &Save) -> Result<i32, ConsultationError> {
    save_batch(conn, std::slice::from_ref(save))?
        .pop()
        .unwrap_or(Err(MeetingError::NotFound.into()))
}
