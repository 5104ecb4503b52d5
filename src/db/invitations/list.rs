//! The invitee list: the secretariat's choice (rules, picks, extra
//! addresses) and the list the directory makes of it.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use super::{InvitationError, editable, ensure_settings, settings};
use crate::db::audit::{self, Actor};
use crate::db::meetings;
use crate::db::schema::{
    contacts, invitation_settings, invited_guests, invited_organisations, invitees, member_states,
    organisations, regional_groups,
};
use crate::db::{DbConnection, now, transaction};
use crate::domain::invitation::{
    Category, Guest, ListChoice, Party, Plan, PlannedInvitee, PlannedRecipient,
};

/// The stored choice of a meeting (nothing chosen yet: member states only).
pub fn choice(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<ListChoice> {
    let settings = settings(conn, meeting_id)?;
    let organisations = invited_organisations::table
        .filter(invited_organisations::meeting_id.eq(meeting_id))
        .order(invited_organisations::organisation_id)
        .select(invited_organisations::organisation_id)
        .load(conn)?;
    Ok(ListChoice {
        all_observers: settings.as_ref().is_some_and(|s| s.all_observers),
        all_igos: settings.as_ref().is_some_and(|s| s.all_igos),
        all_ngos: settings.as_ref().is_some_and(|s| s.all_ngos),
        organisations,
        guests: guests(conn, meeting_id)?
            .into_iter()
            .map(|(_, g)| g)
            .collect(),
    })
}

fn guests(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Vec<(i64, Guest)>> {
    let rows: Vec<(i64, String, String, String)> = invited_guests::table
        .filter(invited_guests::meeting_id.eq(meeting_id))
        .order(invited_guests::id)
        .select((
            invited_guests::id,
            invited_guests::name,
            invited_guests::email,
            invited_guests::language,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, email, language)| {
            (
                id,
                Guest {
                    name,
                    email,
                    language,
                },
            )
        })
        .collect())
}

/// Saves the list's rules, picks and extra addresses. Extra addresses
/// already invited stay on the list.
pub fn save_choice(
    conn: &mut DbConnection,
    meeting_id: i64,
    choice: &ListChoice,
    actor: &Actor,
    message_domain: &str,
) -> Result<(), InvitationError> {
    transaction(conn, |conn| {
        let meeting = meetings::get(conn, meeting_id)?;
        editable(&meeting)?;
        ensure_settings(conn, meeting_id, message_domain)?;
        diesel::update(invitation_settings::table.find(meeting_id))
            .set((
                invitation_settings::all_observers.eq(choice.all_observers),
                invitation_settings::all_igos.eq(choice.all_igos),
                invitation_settings::all_ngos.eq(choice.all_ngos),
                invitation_settings::updated_at.eq(now()),
            ))
            .execute(conn)?;
        diesel::delete(
            invited_organisations::table.filter(invited_organisations::meeting_id.eq(meeting_id)),
        )
        .execute(conn)?;
        let picked: Vec<_> = choice
            .organisations
            .iter()
            .collect::<HashSet<_>>()
            .into_iter()
            .map(|&id| {
                (
                    invited_organisations::meeting_id.eq(meeting_id),
                    invited_organisations::organisation_id.eq(id),
                )
            })
            .collect();
        if !picked.is_empty() {
            crate::with_backend!(&mut *conn, |c| diesel::insert_into(
                invited_organisations::table
            )
            .values(&picked)
            .execute(c))?;
        }
        let invited_guest_ids: HashSet<i64> = invitees::table
            .filter(invitees::meeting_id.eq(meeting_id))
            .filter(invitees::guest_id.is_not_null())
            .select(invitees::guest_id.assume_not_null())
            .load::<i64>(conn)?
            .into_iter()
            .collect();
        let existing = guests(conn, meeting_id)?;
        for (id, guest) in &existing {
            let kept = choice
                .guests
                .iter()
                .any(|g| g.email.eq_ignore_ascii_case(&guest.email));
            if !kept && !invited_guest_ids.contains(id) {
                diesel::delete(invited_guests::table.find(id)).execute(conn)?;
            }
        }
        for guest in &choice.guests {
            let found = existing
                .iter()
                .find(|(_, g)| g.email.eq_ignore_ascii_case(&guest.email));
            match found {
                Some((id, _)) => {
                    diesel::update(invited_guests::table.find(id))
                        .set((
                            invited_guests::name.eq(&guest.name),
                            invited_guests::language.eq(&guest.language),
                        ))
                        .execute(conn)?;
                }
                None => {
                    diesel::insert_into(invited_guests::table)
                        .values((
                            invited_guests::meeting_id.eq(meeting_id),
                            invited_guests::name.eq(&guest.name),
                            invited_guests::email.eq(&guest.email),
                            invited_guests::language.eq(&guest.language),
                        ))
                        .execute(conn)?;
                }
            }
        }
        audit::record(
            conn,
            actor,
            Some(meeting_id),
            "invitations.list_saved",
            &format!(
                "Invitee list saved: all member states{}{}{}, {} organisations picked, {} extra addresses",
                if choice.all_observers {
                    ", all observers"
                } else {
                    ""
                },
                if choice.all_igos { ", all IGOs" } else { "" },
                if choice.all_ngos { ", all NGOs" } else { "" },
                picked.len(),
                choice.guests.len()
            ),
        )?;
        Ok(())
    })
}

type ContactRow = (i64, String, String, String, Option<i64>, Option<i64>);

/// The invitee list of a meeting from its stored choice and the directory.
pub fn plan(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Plan> {
    let choice = choice(conn, meeting_id)?;
    let recipients: Vec<ContactRow> = contacts::table
        .filter(contacts::invitation_recipient.eq(true))
        .order((contacts::name, contacts::id))
        .select((
            contacts::id,
            contacts::name,
            contacts::email,
            contacts::language,
            contacts::member_state_id,
            contacts::organisation_id,
        ))
        .load(conn)?;
    let mut by_party: HashMap<Party, Vec<PlannedRecipient>> = HashMap::new();
    for (id, name, email, language, state, organisation) in recipients {
        let party = match (state, organisation) {
            (Some(s), _) => Party::State(s),
            (None, Some(o)) => Party::Organisation(o),
            (None, None) => continue,
        };
        by_party.entry(party).or_default().push(PlannedRecipient {
            contact_id: Some(id),
            name,
            email,
            language,
        });
    }
    let mut plan = Plan::default();
    let states: Vec<(i64, String, Option<String>)> = member_states::table
        .left_join(regional_groups::table)
        .order(member_states::name)
        .select((
            member_states::id,
            member_states::name,
            regional_groups::name.nullable(),
        ))
        .load(conn)?;
    for (id, name, group) in states {
        plan.invitees.push(PlannedInvitee {
            recipients: by_party.remove(&Party::State(id)).unwrap_or_default(),
            party: Party::State(id),
            category: Category::MemberState,
            name,
            group_name: group,
        });
    }
    let orgs: Vec<(i64, String, String, String, bool)> = organisations::table
        .order(organisations::name)
        .select((
            organisations::id,
            organisations::name,
            organisations::acronym,
            organisations::kind,
            organisations::observer,
        ))
        .load(conn)?;
    for (id, name, acronym, kind, observer) in orgs {
        let category = if kind == "igo" {
            Category::Igo
        } else {
            Category::Ngo
        };
        if !choice.chooses(category, observer, id) {
            continue;
        }
        plan.invitees.push(PlannedInvitee {
            recipients: by_party
                .remove(&Party::Organisation(id))
                .unwrap_or_default(),
            party: Party::Organisation(id),
            category,
            name: if acronym.is_empty() {
                name
            } else {
                format!("{name} ({acronym})")
            },
            group_name: None,
        });
    }
    for (id, guest) in guests(conn, meeting_id)? {
        plan.invitees.push(PlannedInvitee {
            party: Party::Guest(id),
            category: Category::Guest,
            name: if guest.name.is_empty() {
                guest.email.clone()
            } else {
                guest.name.clone()
            },
            group_name: None,
            recipients: vec![PlannedRecipient {
                contact_id: None,
                name: guest.name,
                email: guest.email,
                language: guest.language,
            }],
        });
    }
    Ok(plan)
}
