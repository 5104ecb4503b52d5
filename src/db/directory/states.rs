//! Member states: ISO code, name, regional group, and how sure we are of the group.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::groups::Group;
use super::{Saved, contacts, contains_pattern, lower};
use crate::db::audit::{self, Actor};
use crate::db::schema::{member_states, regional_groups};
use crate::db::{DbConnection, now, transaction};
use crate::domain::directory::{Confidence, GroupId, StateEntry, StateId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = member_states)]
pub struct MemberState {
    pub id: i64,
    pub iso2: String,
    pub name: String,
    pub group_id: Option<i64>,
    pub group_confidence: String,
    pub group_note: String,
    pub created_at: NaiveDateTime,
}

impl MemberState {
    pub fn state_id(&self) -> StateId {
        StateId(self.id)
    }

    /// The stored confidence; a value written by hand outside convene counts
    /// as uncertain, so that it is flagged rather than trusted.
    pub fn confidence(&self) -> Confidence {
        Confidence::parse(&self.group_confidence).unwrap_or(Confidence::Uncertain)
    }
}

/// A state with its group, as lists show it.
#[derive(Debug, Clone)]
pub struct StateRow {
    pub state: MemberState,
    pub group: Option<Group>,
}

/// What the states list is narrowed to.
#[derive(Debug, Clone, Default)]
pub struct StateFilter {
    /// Part of the name or code, any case.
    pub q: String,
    pub group: Option<GroupId>,
    /// Only memberships that still need confirming.
    pub flagged: bool,
}

/// States matching `filter`, by name; a state whose code is exactly the
/// search comes first.
pub fn list(conn: &mut DbConnection, filter: &StateFilter) -> QueryResult<Vec<StateRow>> {
    let mut query = member_states::table
        .left_join(regional_groups::table)
        .select((MemberState::as_select(), Option::<Group>::as_select()))
        .order(member_states::name.asc())
        .into_boxed();
    if !filter.q.trim().is_empty() {
        let pattern = contains_pattern(&filter.q);
        query = query.filter(
            lower(member_states::name)
                .like(pattern.clone())
                .escape('\\')
                .or(lower(member_states::iso2).like(pattern).escape('\\')),
        );
    }
    if let Some(group) = filter.group {
        query = query.filter(member_states::group_id.eq(group.0));
    }
    let rows: Vec<(MemberState, Option<Group>)> = query.load(conn)?;
    let code = filter.q.trim().to_uppercase();
    let mut rows: Vec<StateRow> = rows
        .into_iter()
        .map(|(state, group)| StateRow { state, group })
        .filter(|row| !filter.flagged || row.state.confidence().needs_confirmation())
        .collect();
    rows.sort_by_key(|row| row.state.iso2 != code);
    Ok(rows)
}

/// How many memberships still need confirming.
pub fn flagged_count(conn: &mut DbConnection) -> QueryResult<i64> {
    let trusted = [Confidence::Sourced.as_str(), Confidence::Confirmed.as_str()];
    member_states::table
        .filter(member_states::group_confidence.ne_all(trusted))
        .count()
        .get_result(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    member_states::table.count().get_result(conn)
}

pub fn get(conn: &mut DbConnection, id: StateId) -> QueryResult<Option<MemberState>> {
    member_states::table
        .find(id.0)
        .select(MemberState::as_select())
        .first(conn)
        .optional()
}

pub fn by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<MemberState>> {
    member_states::table
        .filter(member_states::iso2.eq(code))
        .select(MemberState::as_select())
        .first(conn)
        .optional()
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = member_states, treat_none_as_null = true)]
pub(super) struct StateChanges<'a> {
    iso2: &'a str,
    name: &'a str,
    group_id: Option<i64>,
    group_confidence: &'a str,
    group_note: &'a str,
}

impl<'a> From<&'a StateEntry> for StateChanges<'a> {
    fn from(entry: &'a StateEntry) -> Self {
        StateChanges {
            iso2: entry.code.as_str(),
            name: entry.name.as_str(),
            group_id: entry.group.map(|g| g.0),
            group_confidence: entry.confidence.as_str(),
            group_note: entry.note.as_str(),
        }
    }
}

/// Inserts without its own transaction or audit entry: for callers that
/// write many rows and record them once (import, reference data).
pub(super) fn insert_row(conn: &mut DbConnection, entry: &StateEntry) -> QueryResult<StateId> {
    let row = StateChanges::from(entry);
    let at = now();
    let id: i64 = crate::with_backend!(conn, |c| diesel::insert_into(member_states::table)
        .values((&row, member_states::created_at.eq(at)))
        .returning(member_states::id)
        .get_result(c))?;
    Ok(StateId(id))
}

pub(super) fn update_row(
    conn: &mut DbConnection,
    id: StateId,
    entry: &StateEntry,
) -> QueryResult<bool> {
    let changed = diesel::update(member_states::table.find(id.0))
        .set(StateChanges::from(entry))
        .execute(conn)?;
    Ok(changed == 1)
}

/// Refuses a code another state has; the UNIQUE constraint still guards a
/// race between two secretaries.
#[tracing::instrument(skip_all)]
pub fn insert(
    conn: &mut DbConnection,
    actor: &Actor,
    entry: &StateEntry,
) -> QueryResult<Saved<StateId>> {
    transaction(conn, |conn| {
        if by_code(conn, entry.code.as_str())?.is_some() {
            return Ok(Saved::Taken);
        }
        let id = insert_row(conn, entry)?;
        audit::record(
            conn,
            actor,
            None,
            "directory.state.insert",
            &format!(
                "Added member state {} ({}): group {}, {}",
                entry.name,
                entry.code,
                entry
                    .group
                    .map_or_else(|| "none".to_owned(), |g| g.to_string()),
                entry.confidence
            ),
        )?;
        Ok(Saved::Done(id))
    })
}

/// Returns false when no such state exists.
#[tracing::instrument(skip(conn, actor, entry))]
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: StateId,
    entry: &StateEntry,
) -> QueryResult<bool> {
    transaction(conn, |conn| {
        if !update_row(conn, id, entry)? {
            return Ok(false);
        }
        audit::record(
            conn,
            actor,
            None,
            "directory.state.update",
            &format!(
                "Member state {} ({}): group {}, {}",
                entry.name,
                entry.code,
                entry
                    .group
                    .map_or_else(|| "none".to_owned(), |g| g.to_string()),
                entry.confidence
            ),
        )?;
        Ok(true)
    })
}

/// The secretariat vouches for a state's current group.
#[tracing::instrument(skip(conn, actor))]
pub fn confirm_group(conn: &mut DbConnection, actor: &Actor, id: StateId) -> QueryResult<bool> {
    transaction(conn, |conn| {
        let Some(state) = get(conn, id)? else {
            return Ok(false);
        };
        let group = match state.group_id {
            Some(group) => super::groups::get(conn, GroupId(group))?.map(|g| g.name),
            None => None,
        };
        diesel::update(member_states::table.find(id.0))
            .set(member_states::group_confidence.eq(Confidence::Confirmed.as_str()))
            .execute(conn)?;
        audit::record(
            conn,
            actor,
            None,
            "directory.state.confirm",
            &format!(
                "Confirmed {} ({}) in {} (was {})",
                state.name,
                state.iso2,
                group.as_deref().unwrap_or("no group"),
                state.group_confidence
            ),
        )?;
        Ok(true)
    })
}

/// Removes a state and, by cascade, its contacts; returns how many contacts
/// went with it, or `None` when no such state exists.
#[tracing::instrument(skip(conn, actor))]
pub fn delete(conn: &mut DbConnection, actor: &Actor, id: StateId) -> QueryResult<Option<i64>> {
    transaction(conn, |conn| {
        let Some(state) = get(conn, id)? else {
            return Ok(None);
        };
        let contacts = contacts::count_for_state(conn, id)?;
        diesel::delete(member_states::table.find(id.0)).execute(conn)?;
        audit::record(
            conn,
            actor,
            None,
            "directory.state.delete",
            &format!(
                "Removed member state {} ({}) and its {contacts} contacts",
                state.name, state.iso2
            ),
        )?;
        Ok(Some(contacts))
    })
}
