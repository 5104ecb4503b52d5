//! Reference data for an empty directory: regional groups, member states and
//! observer organisations from CSV files compiled into the binary.
//!
//! Loading happens once, on the first start against a directory without any
//! regional group, in one transaction; after that the data belongs to the
//! secretariat and is never touched again here. The WIPO files are the only
//! ones shipped; another organisation empties nothing and imports its own
//! through the directory pages instead (or ships another [`ReferenceData`]).

use anyhow::{Context, bail};
use diesel::prelude::*;
use serde::Deserialize;

use super::{groups, index, organisations, states};
use crate::db::audit::{self, Actor};
use crate::db::{DbConnection, transaction};
use crate::domain::directory::{GroupEntry, OrganisationEntry, StateEntry};

/// One organisation's directory as shipped.
pub struct ReferenceData {
    pub name: &'static str,
    /// `name,short_name,weight`
    pub groups: &'static str,
    /// `iso3166_alpha2,name,wipo_group,group_confidence,…,basis`
    pub states: &'static str,
    /// `name,acronym,kind,…` (all observers)
    pub observers: &'static str,
}

/// WIPO's groups, its 193 member states and 30 observers; see
/// `shared/data/directory/sources.md` for where each fact comes from and why
/// most group memberships are flagged for confirmation.
pub const WIPO: ReferenceData = ReferenceData {
    name: "WIPO",
    groups: include_str!("wipo/groups.csv"),
    states: include_str!("wipo/member_states_detail.csv"),
    observers: include_str!("wipo/observers_detail.csv"),
};

/// What was loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loaded {
    pub groups: usize,
    pub states: usize,
    pub organisations: usize,
}

#[derive(Deserialize)]
struct GroupRow {
    name: String,
    short_name: String,
    weight: String,
}

#[derive(Deserialize)]
struct StateRow {
    iso3166_alpha2: String,
    name: String,
    wipo_group: String,
    group_confidence: String,
    basis: String,
}

#[derive(Deserialize)]
struct ObserverRow {
    name: String,
    acronym: String,
    kind: String,
}

/// Reads the named columns of a reference file. Flexible, because a free-text
/// note at the end of a row may carry an unquoted comma (the shipped observers
/// file has one); only the leading columns are used.
fn rows<T: for<'de> Deserialize<'de>>(text: &str, what: &str) -> anyhow::Result<Vec<T>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .with_context(|| format!("reference {what} cannot be read"))?
        .clone();
    reader
        .records()
        .map(|record| {
            let record = record?;
            let fields: csv::StringRecord = record.iter().take(headers.len()).collect();
            fields.deserialize(Some(&headers))
        })
        .collect::<Result<Vec<T>, csv::Error>>()
        .with_context(|| format!("reference {what} cannot be read"))
}

/// Loads WIPO's reference data if the directory has no regional group yet.
pub fn load_reference_if_empty(conn: &mut DbConnection) -> anyhow::Result<Option<Loaded>> {
    load_if_empty(conn, &WIPO)
}

/// Loads `data` if the directory has no regional group yet; `None` when it
/// already had some. Safe when several instances start at once.
pub fn load_if_empty(
    conn: &mut DbConnection,
    data: &ReferenceData,
) -> anyhow::Result<Option<Loaded>> {
    transaction(conn, |conn| {
        // SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL needs
        // the table locked so that a second instance waits, then sees the rows.
        if matches!(conn, DbConnection::Pg(_)) {
            diesel::sql_query("LOCK TABLE regional_groups IN SHARE ROW EXCLUSIVE MODE")
                .execute(conn)?;
        }
        if groups::count(conn)? > 0 {
            return Ok(None);
        }
        let loaded = load(conn, data)?;
        audit::record(
            conn,
            &Actor::System,
            None,
            "directory.reference.load",
            &format!(
                "Loaded {} reference data: {} regional groups, {} member states, {} organisations",
                data.name, loaded.groups, loaded.states, loaded.organisations
            ),
        )?;
        Ok(Some(loaded))
    })
}

fn load(conn: &mut DbConnection, data: &ReferenceData) -> anyhow::Result<Loaded> {
    let group_rows: Vec<GroupRow> = rows(data.groups, "groups")?;
    for row in &group_rows {
        let entry = GroupEntry::parse(&row.name, &row.short_name, &row.weight)
            .map_err(|e| anyhow::anyhow!("reference group {:?}: {e}", row.name))?;
        groups::insert_row(conn, &entry)?;
    }
    let known = index(conn)?;
    let state_rows: Vec<StateRow> = rows(data.states, "member states")?;
    for row in &state_rows {
        let entry = StateEntry::parse(
            &row.iso3166_alpha2,
            &row.name,
            &row.wipo_group,
            &row.group_confidence,
            &row.basis,
            &known,
        )
        .map_err(|e| anyhow::anyhow!("reference state {:?}: {e}", row.iso3166_alpha2))?;
        if states::by_code(conn, entry.code.as_str())?.is_some() {
            bail!("reference state {} appears twice", entry.code);
        }
        states::insert_row(conn, &entry)?;
    }
    let observer_rows: Vec<ObserverRow> = rows(data.observers, "observers")?;
    for row in &observer_rows {
        let entry = OrganisationEntry::parse(&row.name, &row.acronym, &row.kind, "yes")
            .map_err(|e| anyhow::anyhow!("reference organisation {:?}: {e}", row.name))?;
        organisations::insert_row(conn, &entry)?;
    }
    Ok(Loaded {
        groups: group_rows.len(),
        states: state_rows.len(),
        organisations: observer_rows.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wipo_files_are_complete() {
        assert_eq!(
            rows::<GroupRow>(WIPO.groups, "groups")
                .expect("reads")
                .len(),
            7
        );
        assert_eq!(
            rows::<StateRow>(WIPO.states, "states")
                .expect("reads")
                .len(),
            193
        );
        assert_eq!(
            rows::<ObserverRow>(WIPO.observers, "observers")
                .expect("reads")
                .len(),
            30
        );
    }

    #[test]
    fn every_seeded_member_state_has_a_cldr_name_in_all_six_languages() {
        let states = rows::<StateRow>(WIPO.states, "states").expect("reads");
        assert_eq!(states.len(), 193);
        for state in &states {
            for lang in crate::domain::language::Language::ALL.map(|l| l.tag()) {
                let name = crate::domain::names::country_name(&state.iso3166_alpha2, lang);
                assert!(
                    name.is_some_and(|n| !n.trim().is_empty()),
                    "{} ({}) has no {lang} name",
                    state.name,
                    state.iso3166_alpha2
                );
            }
        }
    }
}
