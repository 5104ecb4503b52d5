//! Organisations: intergovernmental (IGO) and non-governmental (NGO), observers or not.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{Saved, contains_pattern, lower};
use crate::db::audit::{self, Actor};
use crate::db::schema::organisations;
use crate::db::{DbConnection, now, transaction};
use crate::domain::directory::{OrganisationEntry, OrganisationId, OrganisationKind};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = organisations)]
pub struct Organisation {
    pub id: i64,
    pub name: String,
    pub acronym: String,
    pub kind: String,
    pub observer: bool,
    pub created_at: NaiveDateTime,
}

impl Organisation {
    pub fn organisation_id(&self) -> OrganisationId {
        OrganisationId(self.id)
    }

    /// The kind as people write it (the column's CHECK keeps it valid).
    pub fn kind_label(&self) -> &'static str {
        OrganisationKind::parse(&self.kind).map_or("?", OrganisationKind::label)
    }
}

#[derive(Debug, Clone, Default)]
pub struct OrganisationFilter {
    /// Part of the name or acronym, any case.
    pub q: String,
    pub kind: Option<OrganisationKind>,
    pub observer: Option<bool>,
}

pub fn list(
    conn: &mut DbConnection,
    filter: &OrganisationFilter,
) -> QueryResult<Vec<Organisation>> {
    let mut query = organisations::table
        .select(Organisation::as_select())
        .order(organisations::name.asc())
        .into_boxed();
    if !filter.q.trim().is_empty() {
        let pattern = contains_pattern(&filter.q);
        query = query.filter(
            lower(organisations::name)
                .like(pattern.clone())
                .escape('\\')
                .or(lower(organisations::acronym).like(pattern).escape('\\')),
        );
    }
    if let Some(kind) = filter.kind {
        query = query.filter(organisations::kind.eq(kind.as_str()));
    }
    if let Some(observer) = filter.observer {
        query = query.filter(organisations::observer.eq(observer));
    }
    query.load(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    organisations::table.count().get_result(conn)
}

pub fn get(conn: &mut DbConnection, id: OrganisationId) -> QueryResult<Option<Organisation>> {
    organisations::table
        .find(id.0)
        .select(Organisation::as_select())
        .first(conn)
        .optional()
}

/// An organisation by name, ignoring case: the key an import matches on.
pub fn by_name(conn: &mut DbConnection, name: &str) -> QueryResult<Option<Organisation>> {
    organisations::table
        .filter(lower(organisations::name).eq(name.to_lowercase()))
        .select(Organisation::as_select())
        .first(conn)
        .optional()
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = organisations)]
struct OrganisationChanges<'a> {
    name: &'a str,
    acronym: &'a str,
    kind: &'a str,
    observer: bool,
}

impl<'a> From<&'a OrganisationEntry> for OrganisationChanges<'a> {
    fn from(entry: &'a OrganisationEntry) -> Self {
        OrganisationChanges {
            name: entry.name.as_str(),
            acronym: entry.acronym.as_str(),
            kind: entry.kind.as_str(),
            observer: entry.observer,
        }
    }
}

/// Inserts without transaction or audit entry, for batch callers.
pub(super) fn insert_row(
    conn: &mut DbConnection,
    entry: &OrganisationEntry,
) -> QueryResult<OrganisationId> {
    let row = OrganisationChanges::from(entry);
    let at = now();
    let id: i64 = crate::with_backend!(conn, |c| diesel::insert_into(organisations::table)
        .values((&row, organisations::created_at.eq(at)))
        .returning(organisations::id)
        .get_result(c))?;
    Ok(OrganisationId(id))
}

pub(super) fn update_row(
    conn: &mut DbConnection,
    id: OrganisationId,
    entry: &OrganisationEntry,
) -> QueryResult<bool> {
    let changed = diesel::update(organisations::table.find(id.0))
        .set(OrganisationChanges::from(entry))
        .execute(conn)?;
    Ok(changed == 1)
}

/// Refuses a name another organisation has, ignoring case: imports match
/// organisations by name that way, so two must never differ only in case.
#[tracing::instrument(skip_all)]
pub fn insert(
    conn: &mut DbConnection,
    actor: &Actor,
    entry: &OrganisationEntry,
) -> QueryResult<Saved<OrganisationId>> {
    transaction(conn, |conn| {
        if by_name(conn, entry.name.as_str())?.is_some() {
            return Ok(Saved::Taken);
        }
        let id = insert_row(conn, entry)?;
        audit::record(
            conn,
            actor,
            None,
            "directory.organisation.insert",
            &format!("Added organisation {} ({})", entry.name, entry.kind),
        )?;
        Ok(Saved::Done(id))
    })
}

#[tracing::instrument(skip(conn, actor, entry))]
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: OrganisationId,
    entry: &OrganisationEntry,
) -> QueryResult<Saved<OrganisationId>> {
    transaction(conn, |conn| {
        if by_name(conn, entry.name.as_str())?.is_some_and(|other| other.id != id.0) {
            return Ok(Saved::Taken);
        }
        if !update_row(conn, id, entry)? {
            return Ok(Saved::Missing);
        }
        let status = if entry.observer {
            "observer"
        } else {
            "not an observer"
        };
        audit::record(
            conn,
            actor,
            None,
            "directory.organisation.update",
            &format!(
                "Organisation {id} is now {} ({}, {status})",
                entry.name, entry.kind
            ),
        )?;
        Ok(Saved::Done(id))
    })
}

/// Removes an organisation and, by cascade, its contacts.
#[tracing::instrument(skip(conn, actor))]
pub fn delete(conn: &mut DbConnection, actor: &Actor, id: OrganisationId) -> QueryResult<bool> {
    transaction(conn, |conn| {
        let Some(organisation) = get(conn, id)? else {
            return Ok(false);
        };
        diesel::delete(organisations::table.find(id.0)).execute(conn)?;
        audit::record(
            conn,
            actor,
            None,
            "directory.organisation.delete",
            &format!("Removed organisation {}", organisation.name),
        )?;
        Ok(true)
    })
}
