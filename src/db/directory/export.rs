//! CSV export: the same columns the import reads, so a file round-trips.

use super::{contacts, groups, organisations, states};
use crate::db::DbConnection;
use crate::domain::directory::csv::{
    ContactRecord, CsvKind, OrganisationRecord, StateRecord, write,
};

fn yes_no(flag: bool) -> String {
    if flag { "yes" } else { "no" }.to_owned()
}

pub fn state_records(conn: &mut DbConnection) -> diesel::QueryResult<Vec<StateRecord>> {
    Ok(states::list(conn, &states::StateFilter::default())?
        .into_iter()
        .map(|row| StateRecord {
            code: row.state.iso2,
            name: row.state.name,
            group: row.group.map(|g| g.name).unwrap_or_default(),
            group_confidence: row.state.group_confidence,
            group_note: row.state.group_note,
        })
        .collect())
}

pub fn organisation_records(
    conn: &mut DbConnection,
) -> diesel::QueryResult<Vec<OrganisationRecord>> {
    Ok(
        organisations::list(conn, &organisations::OrganisationFilter::default())?
            .into_iter()
            .map(|o| OrganisationRecord {
                kind: o.kind_label().to_owned(),
                observer: yes_no(o.observer),
                name: o.name,
                acronym: o.acronym,
            })
            .collect(),
    )
}

pub fn contact_records(conn: &mut DbConnection) -> diesel::QueryResult<Vec<ContactRecord>> {
    let group_names: Vec<groups::Group> = groups::list(conn)?;
    Ok(contacts::list(conn, "")?
        .into_iter()
        .map(|row| ContactRecord {
            coordinator_of: row
                .contact
                .coordinator_of
                .and_then(|g| group_names.iter().find(|x| x.id == g))
                .map(|g| g.short_name.clone())
                .unwrap_or_default(),
            invitation_recipient: yes_no(row.contact.invitation_recipient),
            state: row.state.map(|s| s.iso2).unwrap_or_default(),
            organisation: row.organisation.map(|o| o.name).unwrap_or_default(),
            name: row.contact.name,
            email: row.contact.email,
            language: row.contact.language,
        })
        .collect())
}

/// The whole list of `kind` as CSV text with a header row.
pub fn to_csv(conn: &mut DbConnection, kind: CsvKind) -> anyhow::Result<String> {
    Ok(match kind {
        CsvKind::States => write(kind.headers(), &state_records(conn)?)?,
        CsvKind::Organisations => write(kind.headers(), &organisation_records(conn)?)?,
        CsvKind::Contacts => write(kind.headers(), &contact_records(conn)?)?,
    })
}
