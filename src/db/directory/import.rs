//! CSV import: all rows or none.
//!
//! Decisions:
//! - An import **adds or updates, never removes**. Rows are matched on a natural
//!   key: member states on their ISO code, organisations on their name (any
//!   case), contacts on their email address (any case) together with the state
//!   or organisation they belong to. A matched row takes every value of the
//!   CSV row; an unmatched one is added. Rows absent from the file are left alone.
//! - A member state row without `group_confidence` is recorded as `confirmed`:
//!   the secretariat vouches for what it imports. An exported file carries the
//!   column, so exporting and importing changes nothing.
//! - A contact row with an empty `language` gets English; an empty
//!   `invitation_recipient` means yes.
//! - The file is checked again inside the writing transaction, against the
//!   directory as it is then, so a preview that went stale cannot write half a
//!   file: any bad row refuses the whole import and nothing is written.
//! - One audit entry records the import with its counts.

use diesel::QueryResult;

use super::{contacts, index, organisations, states};
use crate::db::audit::{self, Actor};
use crate::db::{DbConnection, transaction};
use crate::domain::directory::csv::{
    CsvKind, Preview, PreviewRow, preview_contacts, preview_organisations, preview_states,
};
use crate::domain::directory::{ContactEntry, DirectoryIndex, OrganisationEntry, StateEntry};

/// A checked file, whatever its kind, as the preview page shows it.
#[derive(Debug, Clone)]
pub struct Checked {
    pub headers: Vec<String>,
    pub rows: Vec<PreviewRow>,
    pub problem: Option<String>,
    pub bad_rows: usize,
    pub importable: bool,
}

impl<T> From<Preview<T>> for Checked {
    fn from(preview: Preview<T>) -> Checked {
        Checked {
            bad_rows: preview.bad_rows(),
            importable: preview.is_importable(),
            headers: preview.headers,
            rows: preview.rows,
            problem: preview.problem,
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Outcome {
    pub added: usize,
    pub updated: usize,
}

/// Checks a file against the directory; writes nothing.
pub fn check(conn: &mut DbConnection, kind: CsvKind, text: &str) -> QueryResult<Checked> {
    let known = index(conn)?;
    Ok(match kind {
        CsvKind::States => preview_states(text, &known).into(),
        CsvKind::Organisations => preview_organisations(text).into(),
        CsvKind::Contacts => preview_contacts(text, &known).into(),
    })
}

/// Checks the file again and, if every row is good, writes them all in one
/// transaction with one audit entry; otherwise writes nothing and returns
/// what is wrong.
#[tracing::instrument(skip(conn, actor, text))]
pub fn write(
    conn: &mut DbConnection,
    actor: &Actor,
    kind: CsvKind,
    text: &str,
) -> QueryResult<Result<Outcome, Checked>> {
    transaction(conn, |conn| {
        let known = index(conn)?;
        let outcome = match kind {
            CsvKind::States => write_states(conn, &known, preview_states(text, &known))?,
            CsvKind::Organisations => {
                write_organisations(conn, &known, preview_organisations(text))?
            }
            CsvKind::Contacts => write_contacts(conn, preview_contacts(text, &known))?,
        };
        if let Ok(done) = &outcome {
            audit::record(
                conn,
                actor,
                None,
                &format!("directory.{}.import", kind.slug()),
                &format!(
                    "Imported {} from CSV: {} added, {} updated",
                    kind.label().to_lowercase(),
                    done.added,
                    done.updated
                ),
            )?;
        }
        Ok(outcome)
    })
}

fn write_states(
    conn: &mut DbConnection,
    known: &DirectoryIndex,
    preview: Preview<StateEntry>,
) -> QueryResult<Result<Outcome, Checked>> {
    if !preview.is_importable() {
        return Ok(Err(preview.into()));
    }
    let mut outcome = Outcome::default();
    for entry in &preview.entries {
        match known.state_coded(&entry.code) {
            Some(id) => {
                states::update_row(conn, id, entry)?;
                outcome.updated += 1;
            }
            None => {
                states::insert_row(conn, entry)?;
                outcome.added += 1;
            }
        }
    }
    Ok(Ok(outcome))
}

fn write_organisations(
    conn: &mut DbConnection,
    known: &DirectoryIndex,
    preview: Preview<OrganisationEntry>,
) -> QueryResult<Result<Outcome, Checked>> {
    if !preview.is_importable() {
        return Ok(Err(preview.into()));
    }
    let mut outcome = Outcome::default();
    for entry in &preview.entries {
        match known.organisation_named(entry.name.as_str()) {
            Some(id) => {
                organisations::update_row(conn, id, entry)?;
                outcome.updated += 1;
            }
            None => {
                organisations::insert_row(conn, entry)?;
                outcome.added += 1;
            }
        }
    }
    Ok(Ok(outcome))
}

fn write_contacts(
    conn: &mut DbConnection,
    preview: Preview<ContactEntry>,
) -> QueryResult<Result<Outcome, Checked>> {
    if !preview.is_importable() {
        return Ok(Err(preview.into()));
    }
    let mut outcome = Outcome::default();
    for entry in &preview.entries {
        let (email_key, affiliation) = entry.natural_key();
        match contacts::find_by_key(conn, &email_key, affiliation)? {
            Some(existing) => {
                contacts::update_row(conn, existing.contact_id(), entry)?;
                outcome.updated += 1;
            }
            None => {
                contacts::insert_row(conn, entry)?;
                outcome.added += 1;
            }
        }
    }
    Ok(Ok(outcome))
}
