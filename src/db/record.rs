//! The fixed record of a closed consultation: what the ranking depends on
//! besides the meeting's own settings (each consulted group's weight, and the
//! version of its answer that counts) is kept with the meeting at closing,
//! so that a later change in the directory cannot re-rank a closed meeting.
//! The quorum and the durations are the draft's, which cannot change once
//! the consultation opens.

use std::collections::BTreeMap;

use diesel::prelude::*;

use super::DbConnection;
use super::answers::{AnswerRow, current_all};
use super::schema::{answers, meeting_groups, regional_groups};

/// One consulted group as the record keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    pub weight: i32,
    /// The version of the group's answer that counts; `None` when it had not
    /// answered by the closing.
    pub version: Option<i32>,
}

/// Keeps each consulted group's current weight and latest answer version
/// with the meeting. Called in the closing's transaction.
pub fn freeze(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<()> {
    let latest: BTreeMap<i64, i32> = current_all(conn, meeting_id)?
        .into_iter()
        .map(|a| (a.group_id, a.version))
        .collect();
    let groups: Vec<(i64, i32)> = meeting_groups::table
        .inner_join(regional_groups::table)
        .filter(meeting_groups::meeting_id.eq(meeting_id))
        .select((meeting_groups::group_id, regional_groups::weight))
        .load(conn)?;
    for (group, weight) in groups {
        diesel::update(
            meeting_groups::table
                .filter(meeting_groups::meeting_id.eq(meeting_id))
                .filter(meeting_groups::group_id.eq(group)),
        )
        .set((
            meeting_groups::frozen_weight.eq(Some(weight)),
            meeting_groups::frozen_version.eq(latest.get(&group).copied()),
        ))
        .execute(conn)?;
    }
    Ok(())
}

/// The record of a closed consultation, by group; `None` while it is open
/// (then the directory's weights and the latest answers count).
pub fn kept(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Option<BTreeMap<i64, Kept>>> {
    let rows: Vec<(i64, Option<i32>, Option<i32>)> = meeting_groups::table
        .filter(meeting_groups::meeting_id.eq(meeting_id))
        .select((
            meeting_groups::group_id,
            meeting_groups::frozen_weight,
            meeting_groups::frozen_version,
        ))
        .load(conn)?;
    if rows.is_empty() || rows.iter().any(|(_, weight, _)| weight.is_none()) {
        return Ok(None);
    }
    Ok(Some(
        rows.into_iter()
            .filter_map(|(group, weight, version)| {
                Some((
                    group,
                    Kept {
                        weight: weight?,
                        version,
                    },
                ))
            })
            .collect(),
    ))
}

/// The answers that count: those the record names once closed, the latest
/// otherwise. One query for all the groups (each round trip counts on
/// PostgreSQL, and the proposals page reads this on every view): the rows
/// of the kept versions' numbers, of which only each group's own is kept.
pub fn counted_answers(
    conn: &mut DbConnection,
    meeting_id: i64,
    kept: Option<&BTreeMap<i64, Kept>>,
) -> QueryResult<Vec<AnswerRow>> {
    let Some(kept) = kept else {
        return current_all(conn, meeting_id);
    };
    let wanted: BTreeMap<i64, i32> = kept
        .iter()
        .filter_map(|(&group, k)| Some((group, k.version?)))
        .collect();
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let groups: Vec<i64> = wanted.keys().copied().collect();
    let mut versions: Vec<i32> = wanted.values().copied().collect();
    versions.sort_unstable();
    versions.dedup();
    let mut rows: Vec<AnswerRow> = answers::table
        .filter(answers::meeting_id.eq(meeting_id))
        .filter(answers::group_id.eq_any(&groups))
        .filter(answers::version.eq_any(&versions))
        .select(AnswerRow::as_select())
        .load(conn)?;
    rows.retain(|r| wanted.get(&r.group_id) == Some(&r.version));
    rows.sort_by_key(|r| r.group_id);
    if rows.len() != wanted.len() {
        // A kept version that is gone: the record is broken, as `first`
        // used to say.
        return Err(diesel::result::Error::NotFound);
    }
    Ok(rows)
}
