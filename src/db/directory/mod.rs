//! The directory in the store: regional groups, member states, organisations
//! and contacts, one file per aggregate, plus the reference data loaded on
//! first start and the all-or-nothing CSV import.
//!
//! Every write runs in [`crate::db::transaction`] with its audit entry, so a
//! change and the record of it commit together.

pub mod contacts;
pub mod export;
pub mod groups;
pub mod import;
pub mod organisations;
pub mod seed;
pub mod states;

use diesel::prelude::*;

use super::DbConnection;
use super::schema::{member_states, organisations as orgs, regional_groups};
use crate::domain::directory::{DirectoryIndex, GroupId, OrganisationId, StateId};

diesel::define_sql_function! {
    /// Lower-cases text; both backends have it.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// A `LIKE` pattern matching `q` anywhere, lower-cased, with `\` escaping the
/// wildcards a person may type.
pub(crate) fn contains_pattern(q: &str) -> String {
    let mut pattern = String::from("%");
    for c in q.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// What exists, for checking forms and CSV rows that refer to it.
pub fn index(conn: &mut DbConnection) -> QueryResult<DirectoryIndex> {
    let groups = regional_groups::table
        .select((
            regional_groups::id,
            regional_groups::name,
            regional_groups::short_name,
        ))
        .load::<(i64, String, String)>(conn)?
        .into_iter()
        .map(|(id, name, short)| (GroupId(id), name, short))
        .collect();
    let states = member_states::table
        .select((member_states::id, member_states::iso2))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .map(|(id, code)| (StateId(id), code))
        .collect();
    let organisations = orgs::table
        .select((orgs::id, orgs::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .map(|(id, name)| (OrganisationId(id), name))
        .collect();
    Ok(DirectoryIndex {
        groups,
        states,
        organisations,
    })
}

/// The outcome of a write that a natural key can refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved<T> {
    Done(T),
    /// No such row.
    Missing,
    /// Another row already has this name or code.
    Taken,
}

/// Whether a failed write broke a UNIQUE constraint (a name already taken).
pub fn is_unique_violation(error: &diesel::result::Error) -> bool {
    matches!(
        error,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

/// Whether a failed write broke a foreign key (a row still referred to).
pub fn is_foreign_key_violation(error: &diesel::result::Error) -> bool {
    matches!(
        error,
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::ForeignKeyViolation,
            _
        )
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_search_pattern_escapes_wildcards() {
        assert_eq!(super::contains_pattern(" Ch "), "%ch%");
        assert_eq!(super::contains_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}
