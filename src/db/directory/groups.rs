//! Regional groups: the bodies a consultation asks, each with a weight.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::contacts::{self, Contact};
use crate::db::audit::{self, Actor};
use crate::db::schema::{meeting_groups, meetings, member_states, regional_groups};
use crate::db::{DbConnection, now, transaction, translations};
use crate::domain::directory::{Confidence, GroupEntry, GroupId};
use crate::domain::names::Translations;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = regional_groups)]
pub struct Group {
    pub id: i64,
    pub name: String,
    pub short_name: String,
    pub weight: i32,
    pub created_at: NaiveDateTime,
}

impl Group {
    pub fn group_id(&self) -> GroupId {
        GroupId(self.id)
    }
}

/// A group as the groups page shows it.
#[derive(Debug, Clone)]
pub struct GroupSummary {
    pub group: Group,
    pub members: i64,
    /// Members whose placement in this group still needs confirming.
    pub flagged: i64,
    pub coordinators: Vec<Contact>,
}

/// A meeting that consults a group, named as the secretariat knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultingMeeting {
    pub id: i64,
    pub title: String,
}

/// What removing a group came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupRemoval {
    /// Removed; this many member states are now without a group.
    Removed {
        members: i64,
    },
    Missing,
    /// Refused, nothing changed: these meetings consult the group, and their
    /// answers, links and reminders refer to it.
    Consulted(Vec<ConsultingMeeting>),
}

/// Every group, by name.
pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Group>> {
    regional_groups::table
        .order(regional_groups::name.asc())
        .select(Group::as_select())
        .load(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    regional_groups::table.count().get_result(conn)
}

pub fn get(conn: &mut DbConnection, id: GroupId) -> QueryResult<Option<Group>> {
    regional_groups::table
        .find(id.0)
        .select(Group::as_select())
        .first(conn)
        .optional()
}

/// Every group with its member counts and coordinators.
pub fn summaries(conn: &mut DbConnection) -> QueryResult<Vec<GroupSummary>> {
    let groups = list(conn)?;
    let memberships: Vec<(Option<i64>, String)> = member_states::table
        .select((member_states::group_id, member_states::group_confidence))
        .load(conn)?;
    let mut counts: HashMap<i64, (i64, i64)> = HashMap::new();
    for (group, confidence) in memberships {
        if let Some(group) = group {
            let entry = counts.entry(group).or_default();
            entry.0 += 1;
            if Confidence::parse(&confidence).map_or(true, Confidence::needs_confirmation) {
                entry.1 += 1;
            }
        }
    }
    let mut summaries = Vec::with_capacity(groups.len());
    for group in groups {
        let (members, flagged) = counts.get(&group.id).copied().unwrap_or_default();
        let coordinators = contacts::coordinators_of(conn, group.group_id())?;
        summaries.push(GroupSummary {
            group,
            members,
            flagged,
            coordinators,
        });
    }
    Ok(summaries)
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = regional_groups)]
struct GroupChanges<'a> {
    name: &'a str,
    short_name: &'a str,
    weight: i32,
}

impl<'a> From<&'a GroupEntry> for GroupChanges<'a> {
    fn from(entry: &'a GroupEntry) -> Self {
        GroupChanges {
            name: entry.name.as_str(),
            short_name: entry.short_name.as_str(),
            weight: entry.weight,
        }
    }
}

/// Adds a group with its names in the other languages.
#[tracing::instrument(skip_all)]
pub fn insert(
    conn: &mut DbConnection,
    actor: &Actor,
    entry: &GroupEntry,
    names: &Translations,
) -> QueryResult<GroupId> {
    transaction(conn, |conn| {
        let id = insert_row(conn, entry)?;
        translations::write_group_names(conn, id.0, names)?;
        audit::record(
            conn,
            actor,
            None,
            "directory.group.insert",
            &format!("Added regional group {} ({})", entry.name, entry.short_name),
        )?;
        Ok(id)
    })
}

/// Saves a group and its names in the other languages (replacing them).
/// Returns false when no such group exists.
#[tracing::instrument(skip(conn, actor, entry, names))]
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: GroupId,
    entry: &GroupEntry,
    names: &Translations,
) -> QueryResult<bool> {
    transaction(conn, |conn| {
        let changed = diesel::update(regional_groups::table.find(id.0))
            .set(GroupChanges::from(entry))
            .execute(conn)?;
        if changed == 1 {
            translations::write_group_names(conn, id.0, names)?;
            audit::record(
                conn,
                actor,
                None,
                "directory.group.update",
                &format!(
                    "Regional group {id} is now {} ({}), weight {}",
                    entry.name, entry.short_name, entry.weight
                ),
            )?;
        }
        Ok(changed == 1)
    })
}

/// The meetings that consult a group, by title.
pub fn consulted_by(conn: &mut DbConnection, id: GroupId) -> QueryResult<Vec<ConsultingMeeting>> {
    let rows: Vec<(i64, String)> = meeting_groups::table
        .inner_join(meetings::table)
        .filter(meeting_groups::group_id.eq(id.0))
        .select((meetings::id, meetings::title))
        .order((meetings::title.asc(), meetings::id.asc()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, title)| ConsultingMeeting { id, title })
        .collect())
}

/// How many member states belong to a group.
pub fn member_count(conn: &mut DbConnection, id: GroupId) -> QueryResult<i64> {
    member_states::table
        .filter(member_states::group_id.eq(id.0))
        .count()
        .get_result(conn)
}

/// Removes a group unless a meeting consults it; its states keep existing
/// without a group and its coordinators stop being coordinators (the foreign
/// keys say SET NULL). The check runs in the same transaction as the delete,
/// so a meeting created meanwhile cannot slip between them unnoticed: the
/// foreign key from `meeting_groups` refuses the delete as a last resort.
#[tracing::instrument(skip(conn, actor))]
pub fn delete(conn: &mut DbConnection, actor: &Actor, id: GroupId) -> QueryResult<GroupRemoval> {
    transaction(conn, |conn| {
        let Some(group) = get(conn, id)? else {
            return Ok(GroupRemoval::Missing);
        };
        let consulting = consulted_by(conn, id)?;
        if !consulting.is_empty() {
            return Ok(GroupRemoval::Consulted(consulting));
        }
        let members = member_count(conn, id)?;
        diesel::delete(regional_groups::table.find(id.0)).execute(conn)?;
        audit::record(
            conn,
            actor,
            None,
            "directory.group.delete",
            &format!(
                "Removed regional group {} ({}); {members} member states left without a group",
                group.name, group.short_name
            ),
        )?;
        Ok(GroupRemoval::Removed { members })
    })
}

/// Inserts without transaction or audit entry, for batch callers.
pub(super) fn insert_row(conn: &mut DbConnection, entry: &GroupEntry) -> QueryResult<GroupId> {
    let row = GroupChanges::from(entry);
    let at = now();
    let id: i64 = crate::with_backend!(conn, |c| diesel::insert_into(regional_groups::table)
        .values((&row, regional_groups::created_at.eq(at)))
        .returning(regional_groups::id)
        .get_result(c))?;
    Ok(GroupId(id))
}
