//! Contacts: the people convene writes to, each speaking for one member state
//! or organisation, possibly a regional group's coordinator.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{contains_pattern, lower};
use crate::db::audit::{self, Actor};
use crate::db::schema::{contacts, member_states, organisations, regional_groups};
use crate::db::{DbConnection, now, transaction};
use crate::domain::directory::{
    Affiliation, ContactEntry, ContactId, GroupId, OrganisationId, StateId,
};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = contacts)]
pub struct Contact {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub language: String,
    pub member_state_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub coordinator_of: Option<i64>,
    pub invitation_recipient: bool,
    pub created_at: NaiveDateTime,
}

impl Contact {
    pub fn contact_id(&self) -> ContactId {
        ContactId(self.id)
    }

    /// Whom the contact speaks for; `None` only for rows written outside convene.
    pub fn affiliation(&self) -> Option<Affiliation> {
        match (self.member_state_id, self.organisation_id) {
            (Some(state), _) => Some(Affiliation::State(StateId(state))),
            (None, Some(org)) => Some(Affiliation::Organisation(OrganisationId(org))),
            (None, None) => None,
        }
    }
}

/// The state a contact belongs to, as lists name it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = member_states)]
pub struct StateRef {
    pub id: i64,
    pub iso2: String,
    pub name: String,
}

/// The organisation a contact belongs to, as lists name it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = organisations)]
pub struct OrganisationRef {
    pub id: i64,
    pub name: String,
    pub acronym: String,
}

/// A contact with the names lists and exports show.
#[derive(Debug, Clone)]
pub struct ContactRow {
    pub contact: Contact,
    pub state: Option<StateRef>,
    pub organisation: Option<OrganisationRef>,
    /// (name, short name) of the group this contact coordinates.
    pub coordinates: Option<(String, String)>,
}

impl ContactRow {
    /// "Switzerland (CH)" or "European Union (EU)".
    pub fn belongs_to(&self) -> String {
        match (&self.state, &self.organisation) {
            (Some(s), _) => format!("{} ({})", s.name, s.iso2),
            (None, Some(o)) if o.acronym.is_empty() => o.name.clone(),
            (None, Some(o)) => format!("{} ({})", o.name, o.acronym),
            (None, None) => "—".to_owned(),
        }
    }
}

/// Contacts whose name or address contains `q` (any case), by name.
pub fn list(conn: &mut DbConnection, q: &str) -> QueryResult<Vec<ContactRow>> {
    let mut query = contacts::table
        .left_join(member_states::table)
        .left_join(organisations::table)
        .select((
            Contact::as_select(),
            Option::<StateRef>::as_select(),
            Option::<OrganisationRef>::as_select(),
        ))
        .order((contacts::name.asc(), contacts::id.asc()))
        .into_boxed();
    if !q.trim().is_empty() {
        let pattern = contains_pattern(q);
        query = query.filter(
            lower(contacts::name)
                .like(pattern.clone())
                .escape('\\')
                .or(lower(contacts::email).like(pattern).escape('\\')),
        );
    }
    let rows: Vec<(Contact, Option<StateRef>, Option<OrganisationRef>)> = query.load(conn)?;
    let groups: HashMap<i64, (String, String)> = regional_groups::table
        .select((
            regional_groups::id,
            regional_groups::name,
            regional_groups::short_name,
        ))
        .load::<(i64, String, String)>(conn)?
        .into_iter()
        .map(|(id, name, short)| (id, (name, short)))
        .collect();
    Ok(rows
        .into_iter()
        .map(|(contact, state, organisation)| ContactRow {
            coordinates: contact.coordinator_of.and_then(|g| groups.get(&g).cloned()),
            contact,
            state,
            organisation,
        })
        .collect())
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    contacts::table.count().get_result(conn)
}

pub fn get(conn: &mut DbConnection, id: ContactId) -> QueryResult<Option<Contact>> {
    contacts::table
        .find(id.0)
        .select(Contact::as_select())
        .first(conn)
        .optional()
}

/// The people a consultation writes to for a group.
pub fn coordinators_of(conn: &mut DbConnection, group: GroupId) -> QueryResult<Vec<Contact>> {
    contacts::table
        .filter(contacts::coordinator_of.eq(group.0))
        .order((contacts::name.asc(), contacts::id.asc()))
        .select(Contact::as_select())
        .load(conn)
}

/// How many contacts speak for a state: they go when the state goes.
pub fn count_for_state(conn: &mut DbConnection, state: StateId) -> QueryResult<i64> {
    contacts::table
        .filter(contacts::member_state_id.eq(state.0))
        .count()
        .get_result(conn)
}

pub fn for_state(conn: &mut DbConnection, state: StateId) -> QueryResult<Vec<Contact>> {
    contacts::table
        .filter(contacts::member_state_id.eq(state.0))
        .order((contacts::name.asc(), contacts::id.asc()))
        .select(Contact::as_select())
        .load(conn)
}

pub fn for_organisation(
    conn: &mut DbConnection,
    organisation: OrganisationId,
) -> QueryResult<Vec<Contact>> {
    contacts::table
        .filter(contacts::organisation_id.eq(organisation.0))
        .order((contacts::name.asc(), contacts::id.asc()))
        .select(Contact::as_select())
        .load(conn)
}

/// The contact with this address (any case) for this state or organisation:
/// the key an import matches on.
pub fn find_by_key(
    conn: &mut DbConnection,
    email_key: &str,
    affiliation: Affiliation,
) -> QueryResult<Option<Contact>> {
    let query = contacts::table
        .filter(lower(contacts::email).eq(email_key.to_owned()))
        .select(Contact::as_select())
        .into_boxed();
    let query = match affiliation {
        Affiliation::State(id) => query.filter(contacts::member_state_id.eq(id.0)),
        Affiliation::Organisation(id) => query.filter(contacts::organisation_id.eq(id.0)),
    };
    query.first(conn).optional()
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = contacts, treat_none_as_null = true)]
struct ContactChanges<'a> {
    name: &'a str,
    email: &'a str,
    language: &'a str,
    member_state_id: Option<i64>,
    organisation_id: Option<i64>,
    coordinator_of: Option<i64>,
    invitation_recipient: bool,
}

impl<'a> From<&'a ContactEntry> for ContactChanges<'a> {
    fn from(entry: &'a ContactEntry) -> Self {
        ContactChanges {
            name: entry.name.as_str(),
            email: entry.email.as_str(),
            language: entry.language.as_str(),
            member_state_id: entry.affiliation.state().map(|s| s.0),
            organisation_id: entry.affiliation.organisation().map(|o| o.0),
            coordinator_of: entry.coordinator_of.map(|g| g.0),
            invitation_recipient: entry.invitation_recipient,
        }
    }
}

/// Inserts without transaction or audit entry, for batch callers.
pub(super) fn insert_row(conn: &mut DbConnection, entry: &ContactEntry) -> QueryResult<ContactId> {
    let row = ContactChanges::from(entry);
    let at = now();
    let id: i64 = crate::with_backend!(conn, |c| diesel::insert_into(contacts::table)
        .values((&row, contacts::created_at.eq(at)))
        .returning(contacts::id)
        .get_result(c))?;
    Ok(ContactId(id))
}

pub(super) fn update_row(
    conn: &mut DbConnection,
    id: ContactId,
    entry: &ContactEntry,
) -> QueryResult<bool> {
    let changed = diesel::update(contacts::table.find(id.0))
        .set(ContactChanges::from(entry))
        .execute(conn)?;
    Ok(changed == 1)
}

#[tracing::instrument(skip_all)]
pub fn insert(
    conn: &mut DbConnection,
    actor: &Actor,
    entry: &ContactEntry,
) -> QueryResult<ContactId> {
    transaction(conn, |conn| {
        let id = insert_row(conn, entry)?;
        audit::record(
            conn,
            actor,
            None,
            "directory.contact.insert",
            &format!("Added contact {id}: {} <{}>", entry.name, entry.email),
        )?;
        Ok(id)
    })
}

#[tracing::instrument(skip(conn, actor, entry))]
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: ContactId,
    entry: &ContactEntry,
) -> QueryResult<bool> {
    transaction(conn, |conn| {
        if !update_row(conn, id, entry)? {
            return Ok(false);
        }
        audit::record(
            conn,
            actor,
            None,
            "directory.contact.update",
            &format!("Contact {id} is now {} <{}>", entry.name, entry.email),
        )?;
        Ok(true)
    })
}

#[tracing::instrument(skip(conn, actor))]
pub fn delete(conn: &mut DbConnection, actor: &Actor, id: ContactId) -> QueryResult<bool> {
    transaction(conn, |conn| {
        let Some(contact) = get(conn, id)? else {
            return Ok(false);
        };
        let withdrawn = crate::db::invitations::withdraw_contact(conn, id.0)?;
        diesel::delete(contacts::table.find(id.0)).execute(conn)?;
        audit::record(
            conn,
            actor,
            None,
            "directory.contact.delete",
            &format!(
                "Removed contact {id}: {} <{}>; reply links withdrawn from {withdrawn} invitation(s)",
                contact.name, contact.email
            ),
        )?;
        Ok(true)
    })
}
