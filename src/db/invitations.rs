//! Invitations: the invitee list of a meeting, sending one invitation per
//! recipient through the outbox, updates and cancellation, and the replies.
//!
//! Decisions:
//! - The list is every member state (through its contacts marked as
//!   invitation recipients), plus organisations chosen by rule (all
//!   observers, all IGOs, all NGOs) or one by one, plus extra addresses. It
//!   is computed from the directory until invitations are sent; sending fixes
//!   the invitees and recipients it reached.
//! - Sending is idempotent: it writes only invitees and recipients that are
//!   not yet on the meeting, and queues one message per new recipient. A
//!   replayed or double-clicked send queues nothing more; sending again after
//!   the list grew invites only the newcomers.
//! - A reply belongs to the invited party (a mission's several contacts
//!   answer for one delegation); every recipient has personal links of their
//!   own, and each message that carries a link carries a fresh one (only its
//!   SHA-256 digest is stored, so an earlier link cannot be sent again).
//! - An update (new date, time or venue) and a cancellation go to every
//!   recipient with the meeting's calendar UID and the next SEQUENCE.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::audit::{self, Actor};
use super::consultation::Mailing;
use super::meetings::{self, Meeting, MeetingError};
use super::outbox::{self, Counts, NewMessage};
use super::schema::{
    contacts, delegates, invitation_links, invitation_recipients, invitation_settings,
    invited_guests, invited_organisations, invitees, meetings as meetings_table, member_states,
    organisations, regional_groups,
};
use super::{DbConnection, now, transaction};
use crate::domain::invitation::{Category, Change, Delegate, Guest, Reply, Response};
use crate::domain::meeting::Status;
use crate::domain::token::{self, Token};
use crate::mail::kinds::{self, InvitationParams};

/// The kinds of message the delivery page follows.
pub const KINDS: [&str; 3] = [
    kinds::INVITATION,
    kinds::INVITATION_UPDATE,
    kinds::INVITATION_CANCEL,
];

#[derive(Debug, thiserror::Error)]
pub enum InvitationError {
    #[error(transparent)]
    Meeting(#[from] MeetingError),
    #[error("no slot is approved yet")]
    NotApproved,
    #[error("nobody on the list has an address to write to")]
    NobodyToInvite,
    #[error("the invitations have not been sent")]
    NotSent,
    #[error("the meeting has started; replies are closed")]
    Started,
    #[error("the meeting is cancelled")]
    Cancelled,
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

/// A meeting's invitation settings row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = invitation_settings)]
pub struct Settings {
    pub meeting_id: i64,
    pub all_observers: bool,
    pub all_igos: bool,
    pub all_ngos: bool,
    pub venue: String,
    pub ical_uid: String,
    pub sequence: i32,
    pub sent_at: Option<NaiveDateTime>,
    pub sent_by: Option<i64>,
    pub cancelled_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

/// What the secretariat chose: the rules, the organisations picked one by
/// one, the extra addresses, and the venue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListChoice {
    pub all_observers: bool,
    pub all_igos: bool,
    pub all_ngos: bool,
    pub organisations: Vec<i64>,
    pub guests: Vec<Guest>,
    pub venue: String,
}

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
        venue: settings.map(|s| s.venue).unwrap_or_default(),
    })
}

pub fn settings(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Option<Settings>> {
    invitation_settings::table
        .find(meeting_id)
        .select(Settings::as_select())
        .first(conn)
        .optional()
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

/// The settings row, created (with the meeting's calendar UID) if missing.
fn ensure_settings(
    conn: &mut DbConnection,
    meeting_id: i64,
    message_domain: &str,
) -> QueryResult<Settings> {
    if let Some(existing) = settings(conn, meeting_id)? {
        return Ok(existing);
    }
    let uid = format!("{}@{message_domain}", &Token::generate().expose()[..32]);
    diesel::insert_into(invitation_settings::table)
        .values((
            invitation_settings::meeting_id.eq(meeting_id),
            invitation_settings::ical_uid.eq(uid),
            invitation_settings::updated_at.eq(now()),
        ))
        .execute(conn)?;
    settings(conn, meeting_id)?.ok_or(diesel::result::Error::NotFound)
}

fn editable(meeting: &Meeting) -> Result<(), InvitationError> {
    match meeting.status {
        Status::Approved | Status::Invited => Ok(()),
        Status::Cancelled => Err(InvitationError::Cancelled),
        _ if meeting.approval.is_none() => Err(InvitationError::NotApproved),
        other => Err(MeetingError::WrongStatus(other).into()),
    }
}

/// Saves the list's rules, picks and extra addresses, and (before sending)
/// the venue; after sending, the venue changes only through [`change`], which
/// tells every invitee. Extra addresses already invited stay on the list.
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
        let current = ensure_settings(conn, meeting_id, message_domain)?;
        let venue = if current.sent_at.is_some() {
            current.venue.clone()
        } else {
            choice.venue.trim().to_owned()
        };
        diesel::update(invitation_settings::table.find(meeting_id))
            .set((
                invitation_settings::all_observers.eq(choice.all_observers),
                invitation_settings::all_igos.eq(choice.all_igos),
                invitation_settings::all_ngos.eq(choice.all_ngos),
                invitation_settings::venue.eq(venue),
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

/// One person an invitation goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRecipient {
    pub contact_id: Option<i64>,
    pub name: String,
    pub email: String,
    pub language: String,
}

/// Whom the list invites, and through which addresses.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Party {
    State(i64),
    Organisation(i64),
    Guest(i64),
}

#[derive(Debug, Clone)]
pub struct PlannedInvitee {
    pub party: Party,
    pub category: Category,
    pub name: String,
    pub group_name: Option<String>,
    pub recipients: Vec<PlannedRecipient>,
}

/// The invitee list as the directory gives it now.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub invitees: Vec<PlannedInvitee>,
}

/// Counts of one category on a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanCount {
    pub invitees: usize,
    pub reachable: usize,
    pub recipients: usize,
}

impl Plan {
    /// Counts per category, in [`Category::ALL`] order, and the total.
    pub fn counts(&self) -> (Vec<(Category, PlanCount)>, PlanCount) {
        let mut total = PlanCount::default();
        let rows = Category::ALL
            .into_iter()
            .map(|category| {
                let mut count = PlanCount::default();
                for i in self.invitees.iter().filter(|i| i.category == category) {
                    count.invitees += 1;
                    count.reachable += usize::from(!i.recipients.is_empty());
                    count.recipients += i.recipients.len();
                }
                total.invitees += count.invitees;
                total.reachable += count.reachable;
                total.recipients += count.recipients;
                (category, count)
            })
            .collect();
        (rows, total)
    }

    /// Invitees the list names but no address reaches.
    pub fn lacking(&self) -> impl Iterator<Item = &PlannedInvitee> {
        self.invitees.iter().filter(|i| i.recipients.is_empty())
    }
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
        let chosen = (choice.all_observers && observer)
            || (choice.all_igos && category == Category::Igo)
            || (choice.all_ngos && category == Category::Ngo)
            || choice.organisations.contains(&id);
        if !chosen {
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

/// An invitee as stored when invitations went out, with its reply.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = invitees)]
pub struct Invitee {
    pub id: i64,
    pub meeting_id: i64,
    pub category: String,
    pub member_state_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub guest_id: Option<i64>,
    pub name: String,
    pub group_name: Option<String>,
    pub response: Option<String>,
    pub note: String,
    pub responded_at: Option<NaiveDateTime>,
    pub responded_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

impl Invitee {
    fn party(&self) -> Option<Party> {
        match (self.member_state_id, self.organisation_id, self.guest_id) {
            (Some(s), _, _) => Some(Party::State(s)),
            (None, Some(o), _) => Some(Party::Organisation(o)),
            (None, None, Some(g)) => Some(Party::Guest(g)),
            _ => None,
        }
    }

    pub fn category(&self) -> Category {
        Category::parse(&self.category).unwrap_or(Category::Guest)
    }

    pub fn response(&self) -> Option<Response> {
        self.response.as_deref().and_then(Response::parse)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = invitation_recipients)]
pub struct Recipient {
    pub id: i64,
    pub meeting_id: i64,
    pub invitee_id: i64,
    pub contact_id: Option<i64>,
    pub name: String,
    pub email: String,
    pub language: String,
    pub created_at: NaiveDateTime,
}

fn invitees_of(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Vec<Invitee>> {
    invitees::table
        .filter(invitees::meeting_id.eq(meeting_id))
        .order(invitees::id)
        .select(Invitee::as_select())
        .load(conn)
}

fn recipients_of(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Vec<Recipient>> {
    invitation_recipients::table
        .filter(invitation_recipients::meeting_id.eq(meeting_id))
        .order(invitation_recipients::id)
        .select(Recipient::as_select())
        .load(conn)
}

/// What a send did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub invitees: usize,
    pub recipients: usize,
}

/// Holds the meeting's row for the rest of the transaction, so that two sends
/// (or a send and a change) of one meeting run one after the other. SQLite's
/// `BEGIN IMMEDIATE` already makes every writer wait its turn.
fn lock_meeting(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<()> {
    if let DbConnection::Pg(c) = conn {
        meetings_table::table
            .find(meeting_id)
            .select(meetings_table::id)
            .for_update()
            .first::<i64>(c)?;
    }
    Ok(())
}

/// The start and end of an approved meeting.
fn times(meeting: &Meeting) -> Result<(DateTime<Utc>, DateTime<Utc>), InvitationError> {
    let approval = meeting
        .approval
        .as_ref()
        .ok_or(InvitationError::NotApproved)?;
    Ok((approval.start, approval.end))
}

/// Everything a message says about the meeting, for one recipient.
struct Letter<'a> {
    meeting: &'a Meeting,
    settings: &'a Settings,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    stamp: DateTime<Utc>,
    note: &'a str,
}

impl Letter<'_> {
    fn params(&self, recipient: &Recipient, invitee_name: &str) -> InvitationParams {
        let s = &self.meeting.settings;
        InvitationParams {
            meeting_title: s.title.clone(),
            meeting_purpose: s.purpose.clone(),
            organiser: s.organiser.clone(),
            recipient_name: recipient.name.clone(),
            recipient_email: recipient.email.clone(),
            invitee_name: invitee_name.to_owned(),
            time_zone: s.time_zone.name().to_owned(),
            start_utc: self.start.to_rfc3339(),
            end_utc: self.end.to_rfc3339(),
            modalities: s.modalities.iter().map(|m| m.as_str().to_owned()).collect(),
            venue: self.settings.venue.clone(),
            ical_uid: self.settings.ical_uid.clone(),
            sequence: self.settings.sequence,
            stamp_utc: self.stamp.to_rfc3339(),
            change_note: self.note.to_owned(),
        }
    }
}

/// Recipients handled per batch of inserts: memory stays bounded however
/// many are invited, and each statement stays under the backends' limits.
const LETTER_BATCH: usize = 1000;

/// Queues one message of `kind` to each recipient, in batches. Kinds with a
/// reply link get a fresh link each, stored as its digest.
fn queue_letters(
    conn: &mut DbConnection,
    letter: &Letter<'_>,
    kind: &str,
    recipients: &[Recipient],
    invitee_names: &HashMap<i64, String>,
    mailing: &Mailing,
) -> QueryResult<usize> {
    let with_link = kind != kinds::INVITATION_CANCEL;
    let at = now();
    let meeting_id = letter.meeting.id;
    let sequence = letter.settings.sequence;
    let mut queued = 0;
    for batch in recipients.chunks(LETTER_BATCH) {
        let mut links = Vec::with_capacity(batch.len());
        let mut messages = Vec::with_capacity(batch.len());
        for recipient in batch {
            let sealed = with_link.then(|| {
                let token = Token::generate();
                links.push((
                    invitation_links::recipient_id.eq(recipient.id),
                    invitation_links::token_hash.eq(token.digest()),
                    invitation_links::created_at.eq(at),
                ));
                mailing.seal.seal(token.expose())
            });
            let name = invitee_names
                .get(&recipient.invitee_id)
                .map_or("", String::as_str);
            messages.push(NewMessage {
                kind: kind.to_owned(),
                meeting_id: Some(meeting_id),
                recipient_email: recipient.email.clone(),
                recipient_name: recipient.name.clone(),
                language: recipient.language.clone(),
                params: serde_json::to_value(letter.params(recipient, name)).unwrap_or_default(),
                sealed_secret: sealed,
                dedupe_key: Some(format!("{kind}:{meeting_id}:{sequence}:{}", recipient.id)),
            });
        }
        if !links.is_empty() {
            crate::with_backend!(&mut *conn, |c| diesel::insert_into(invitation_links::table)
                .values(&links)
                .execute(c))?;
        }
        queued += outbox::enqueue_batch(conn, &messages, &mailing.message_domain)?;
    }
    Ok(queued)
}

/// Queues a message of `kind` to every recipient the meeting's invitations
/// reached (an update or a cancellation).
fn write_to_everyone(
    conn: &mut DbConnection,
    letter: &Letter<'_>,
    kind: &str,
    mailing: &Mailing,
) -> QueryResult<usize> {
    let meeting_id = letter.meeting.id;
    let names = invitees_of(conn, meeting_id)?
        .into_iter()
        .map(|i| (i.id, i.name))
        .collect();
    let recipients = recipients_of(conn, meeting_id)?;
    queue_letters(conn, letter, kind, &recipients, &names, mailing)
}

/// Sends the invitations: fixes the invitees and recipients the list reaches
/// that are not on the meeting yet and queues one invitation to each new
/// recipient, all in one transaction. The first send moves the meeting from
/// approved to invited.
pub fn send(
    conn: &mut DbConnection,
    meeting_id: i64,
    actor: &Actor,
    user_id: Option<i64>,
    mailing: &Mailing,
) -> Result<Sent, InvitationError> {
    transaction(conn, |conn| {
        lock_meeting(conn, meeting_id)?;
        let meeting = meetings::get(conn, meeting_id)?;
        editable(&meeting)?;
        let (start, end) = times(&meeting)?;
        let settings = ensure_settings(conn, meeting_id, &mailing.message_domain)?;
        let plan = plan(conn, meeting_id)?;
        if meeting.status == Status::Approved && plan.lacking().count() == plan.invitees.len() {
            return Err(InvitationError::NobodyToInvite);
        }
        let at = now();

        let known: HashSet<Party> = invitees_of(conn, meeting_id)?
            .iter()
            .filter_map(Invitee::party)
            .collect();
        let new_invitees: Vec<_> = plan
            .invitees
            .iter()
            .filter(|i| !i.recipients.is_empty() && !known.contains(&i.party))
            .map(|i| {
                let (state, organisation, guest) = match i.party {
                    Party::State(id) => (Some(id), None, None),
                    Party::Organisation(id) => (None, Some(id), None),
                    Party::Guest(id) => (None, None, Some(id)),
                };
                (
                    invitees::meeting_id.eq(meeting_id),
                    invitees::category.eq(i.category.as_str()),
                    invitees::member_state_id.eq(state),
                    invitees::organisation_id.eq(organisation),
                    invitees::guest_id.eq(guest),
                    invitees::name.eq(&i.name),
                    invitees::group_name.eq(&i.group_name),
                    invitees::created_at.eq(at),
                )
            })
            .collect();
        for chunk in new_invitees.chunks(1000) {
            crate::with_backend!(&mut *conn, |c| diesel::insert_into(invitees::table)
                .values(chunk)
                .execute(c))?;
        }
        let stored = invitees_of(conn, meeting_id)?;
        let ids: HashMap<Party, i64> = stored
            .iter()
            .filter_map(|i| Some((i.party()?, i.id)))
            .collect();
        let names: HashMap<i64, String> = stored.iter().map(|i| (i.id, i.name.clone())).collect();

        let before = recipients_of(conn, meeting_id)?;
        let reached: HashSet<(i64, String)> = before
            .iter()
            .map(|r| (r.invitee_id, r.email.to_lowercase()))
            .collect();
        let mut seen = reached.clone();
        let mut new_recipients = Vec::new();
        for invitee in &plan.invitees {
            let Some(&invitee_id) = ids.get(&invitee.party) else {
                continue;
            };
            for r in &invitee.recipients {
                if seen.insert((invitee_id, r.email.to_lowercase())) {
                    new_recipients.push((
                        invitation_recipients::meeting_id.eq(meeting_id),
                        invitation_recipients::invitee_id.eq(invitee_id),
                        invitation_recipients::contact_id.eq(r.contact_id),
                        invitation_recipients::name.eq(r.name.clone()),
                        invitation_recipients::email.eq(r.email.clone()),
                        invitation_recipients::language.eq(r.language.clone()),
                        invitation_recipients::created_at.eq(at),
                    ));
                }
            }
        }
        for chunk in new_recipients.chunks(1000) {
            crate::with_backend!(&mut *conn, |c| diesel::insert_into(
                invitation_recipients::table
            )
            .values(chunk)
            .execute(c))?;
        }
        let fresh: Vec<Recipient> = recipients_of(conn, meeting_id)?
            .into_iter()
            .filter(|r| !reached.contains(&(r.invitee_id, r.email.to_lowercase())))
            .collect();
        let letter = Letter {
            meeting: &meeting,
            settings: &settings,
            start,
            end,
            stamp: Utc::now(),
            note: "",
        };
        let queued = queue_letters(conn, &letter, kinds::INVITATION, &fresh, &names, mailing)?;
        if meeting.status == Status::Approved {
            meetings::transition(conn, meeting_id, Status::Approved, Status::Invited)?;
        }
        if settings.sent_at.is_none() {
            diesel::update(invitation_settings::table.find(meeting_id))
                .set((
                    invitation_settings::sent_at.eq(Some(at)),
                    invitation_settings::sent_by.eq(user_id),
                    invitation_settings::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
        if queued > 0 {
            audit::record(
                conn,
                actor,
                Some(meeting_id),
                "invitations.sent",
                &format!(
                    "Invitations queued for {queued} recipients ({} new invitees)",
                    new_invitees.len()
                ),
            )?;
        }
        Ok(Sent {
            invitees: new_invitees.len(),
            recipients: queued,
        })
    })
}

/// What a change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// Date, time and venue were already so: nobody is written to.
    Nothing,
    /// Updates queued to this many recipients.
    Updated(usize),
}

/// Changes the date, time or venue of a meeting whose invitations went out,
/// and sends every recipient an update (same UID, SEQUENCE + 1).
pub fn change(
    conn: &mut DbConnection,
    meeting_id: i64,
    change: &Change,
    actor: &Actor,
    mailing: &Mailing,
) -> Result<Changed, InvitationError> {
    transaction(conn, |conn| {
        lock_meeting(conn, meeting_id)?;
        let meeting = meetings::get(conn, meeting_id)?;
        let settings = match (meeting.status, settings(conn, meeting_id)?) {
            (Status::Cancelled, _) => return Err(InvitationError::Cancelled),
            (Status::Invited, Some(s)) => s,
            _ => return Err(InvitationError::NotSent),
        };
        let (start, end) = times(&meeting)?;
        if start == change.start && end == change.end && settings.venue == change.venue {
            return Ok(Changed::Nothing);
        }
        let at = now();
        diesel::update(meetings_table::table.find(meeting_id))
            .set((
                meetings_table::approved_start.eq(Some(change.start.naive_utc())),
                meetings_table::approved_end.eq(Some(change.end.naive_utc())),
                meetings_table::updated_at.eq(at),
            ))
            .execute(conn)?;
        diesel::update(invitation_settings::table.find(meeting_id))
            .set((
                invitation_settings::venue.eq(&change.venue),
                invitation_settings::sequence.eq(invitation_settings::sequence + 1),
                invitation_settings::updated_at.eq(at),
            ))
            .execute(conn)?;
        let settings = Settings {
            venue: change.venue.clone(),
            sequence: settings.sequence + 1,
            ..settings
        };
        let letter = Letter {
            meeting: &meeting,
            settings: &settings,
            start: change.start,
            end: change.end,
            stamp: Utc::now(),
            note: &change.note,
        };
        let queued = write_to_everyone(conn, &letter, kinds::INVITATION_UPDATE, mailing)?;
        let tz = meeting.settings.time_zone;
        audit::record(
            conn,
            actor,
            Some(meeting_id),
            "invitations.updated",
            &format!(
                "Changed to {} – {}{}; update {} queued for {queued} recipients",
                crate::domain::meeting::show_instant(change.start, tz),
                crate::domain::meeting::show_instant(change.end, tz),
                if change.venue.is_empty() {
                    String::new()
                } else {
                    format!(", venue: {}", change.venue)
                },
                settings.sequence
            ),
        )?;
        Ok(Changed::Updated(queued))
    })
}

/// Cancels a meeting from any status. When invitations went out, every
/// recipient is sent the cancellation (`METHOD:CANCEL`, SEQUENCE + 1).
/// Returns how many cancellations were queued.
pub fn cancel(
    conn: &mut DbConnection,
    meeting_id: i64,
    reason: &str,
    actor: &Actor,
    mailing: &Mailing,
) -> Result<usize, InvitationError> {
    transaction(conn, |conn| {
        lock_meeting(conn, meeting_id)?;
        let meeting = meetings::get(conn, meeting_id)?;
        if meeting.status == Status::Cancelled {
            return Err(InvitationError::Cancelled);
        }
        meetings::transition(conn, meeting_id, meeting.status, Status::Cancelled)?;
        let mut queued = 0;
        if let (Some(settings), Ok((start, end))) = (settings(conn, meeting_id)?, times(&meeting))
            && settings.sent_at.is_some()
        {
            let at = now();
            diesel::update(invitation_settings::table.find(meeting_id))
                .set((
                    invitation_settings::sequence.eq(invitation_settings::sequence + 1),
                    invitation_settings::cancelled_at.eq(Some(at)),
                    invitation_settings::updated_at.eq(at),
                ))
                .execute(conn)?;
            let settings = Settings {
                sequence: settings.sequence + 1,
                ..settings
            };
            let letter = Letter {
                meeting: &meeting,
                settings: &settings,
                start,
                end,
                stamp: Utc::now(),
                note: reason,
            };
            queued = write_to_everyone(conn, &letter, kinds::INVITATION_CANCEL, mailing)?;
        }
        audit::record(
            conn,
            actor,
            Some(meeting_id),
            "meeting.cancelled",
            &format!(
                "Meeting cancelled{}{}",
                if reason.is_empty() {
                    String::new()
                } else {
                    format!(" ({reason})")
                },
                if queued > 0 {
                    format!("; cancellation queued for {queued} recipients")
                } else {
                    String::new()
                }
            ),
        )?;
        Ok(queued)
    })
}

/// The recipient behind a personal link, with the invitee they answer for.
#[derive(Debug, Clone)]
pub struct Personal {
    pub recipient: Recipient,
    pub invitee: Invitee,
}

/// Finds the recipient a presented reply token belongs to.
pub fn by_token(conn: &mut DbConnection, presented: &str) -> QueryResult<Option<Personal>> {
    let recipient: Option<Recipient> = invitation_links::table
        .inner_join(invitation_recipients::table)
        .filter(invitation_links::token_hash.eq(token::digest(presented)))
        .select(Recipient::as_select())
        .first(conn)
        .optional()?;
    let Some(recipient) = recipient else {
        return Ok(None);
    };
    let invitee = invitees::table
        .find(recipient.invitee_id)
        .select(Invitee::as_select())
        .first(conn)?;
    Ok(Some(Personal { recipient, invitee }))
}

/// A recipient by id: who last saved an invitee's reply.
pub fn recipient(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Recipient>> {
    invitation_recipients::table
        .find(id)
        .select(Recipient::as_select())
        .first(conn)
        .optional()
}

/// The delegation of an invitee, in order.
pub fn delegation(conn: &mut DbConnection, invitee_id: i64) -> QueryResult<Vec<Delegate>> {
    let rows: Vec<(String, String)> = delegates::table
        .filter(delegates::invitee_id.eq(invitee_id))
        .order((delegates::position, delegates::id))
        .select((delegates::name, delegates::function))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(name, function)| Delegate { name, function })
        .collect())
}

/// Whether replies are open: invitations sent, not cancelled, not started.
pub fn replies_open(meeting: &Meeting, at: DateTime<Utc>) -> Result<(), InvitationError> {
    match meeting.status {
        Status::Invited => {}
        Status::Cancelled => return Err(InvitationError::Cancelled),
        _ => return Err(InvitationError::NotSent),
    }
    let (start, _) = times(meeting)?;
    if at >= start {
        return Err(InvitationError::Started);
    }
    Ok(())
}

/// Saves an invitee's reply (replacing the previous one and its
/// delegation), given through `recipient`'s link. Audited.
pub fn reply(
    conn: &mut DbConnection,
    personal: &Personal,
    reply: &Reply,
) -> Result<(), InvitationError> {
    transaction(conn, |conn| {
        let meeting = meetings::get(conn, personal.invitee.meeting_id)?;
        replies_open(&meeting, Utc::now())?;
        let invitee_id = personal.invitee.id;
        diesel::update(invitees::table.find(invitee_id))
            .set((
                invitees::response.eq(Some(reply.response.as_str())),
                invitees::note.eq(&reply.note),
                invitees::responded_at.eq(Some(now())),
                invitees::responded_by.eq(Some(personal.recipient.id)),
            ))
            .execute(conn)?;
        diesel::delete(delegates::table.filter(delegates::invitee_id.eq(invitee_id)))
            .execute(conn)?;
        let rows: Vec<_> = reply
            .delegates
            .iter()
            .enumerate()
            .map(|(i, d)| {
                (
                    delegates::invitee_id.eq(invitee_id),
                    delegates::position.eq(i32::try_from(i).unwrap_or(i32::MAX)),
                    delegates::name.eq(&d.name),
                    delegates::function.eq(&d.function),
                )
            })
            .collect();
        if !rows.is_empty() {
            crate::with_backend!(&mut *conn, |c| diesel::insert_into(delegates::table)
                .values(&rows)
                .execute(c))?;
        }
        audit::record(
            conn,
            &Actor::Invitee {
                name: personal.invitee.name.clone(),
            },
            Some(meeting.id),
            "invitation.replied",
            &format!(
                "{}: {} ({} delegates), by {}",
                personal.invitee.name,
                reply.response.label(),
                reply.delegates.len(),
                personal.recipient.email
            ),
        )?;
        Ok(())
    })
}

/// An invitee with its delegation, for the participant list.
#[derive(Debug, Clone)]
pub struct Participant {
    pub invitee: Invitee,
    pub delegates: Vec<Delegate>,
}

/// Every invitee of a meeting with its reply and delegation, by category
/// then name.
pub fn participants(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Vec<Participant>> {
    let mut list = invitees_of(conn, meeting_id)?;
    list.sort_by(|a, b| (a.category(), &a.name).cmp(&(b.category(), &b.name)));
    let rows: Vec<(i64, String, String)> = delegates::table
        .inner_join(invitees::table)
        .filter(invitees::meeting_id.eq(meeting_id))
        .order((delegates::invitee_id, delegates::position, delegates::id))
        .select((delegates::invitee_id, delegates::name, delegates::function))
        .load(conn)?;
    let mut by_invitee: HashMap<i64, Vec<Delegate>> = HashMap::new();
    for (invitee, name, function) in rows {
        by_invitee
            .entry(invitee)
            .or_default()
            .push(Delegate { name, function });
    }
    Ok(list
        .into_iter()
        .map(|invitee| Participant {
            delegates: by_invitee.remove(&invitee.id).unwrap_or_default(),
            invitee,
        })
        .collect())
}

/// Replies counted over some invitees.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub invited: usize,
    pub in_person: usize,
    pub remote: usize,
    pub not_attending: usize,
    pub no_reply: usize,
    pub delegates: usize,
}

impl Tally {
    fn add(&mut self, p: &Participant) {
        self.invited += 1;
        match p.invitee.response() {
            Some(Response::InPerson) => self.in_person += 1,
            Some(Response::Remote) => self.remote += 1,
            Some(Response::NotAttending) => self.not_attending += 1,
            None => self.no_reply += 1,
        }
        self.delegates += p.delegates.len();
    }
}

/// Replies counted by category (in [`Category::ALL`] order, those present),
/// by regional group (member states, by group name), and in all.
#[derive(Debug, Clone, Default)]
pub struct Tallies {
    pub by_category: Vec<(Category, Tally)>,
    pub by_group: Vec<(String, Tally)>,
    pub total: Tally,
}

pub fn tally(participants: &[Participant]) -> Tallies {
    let mut total = Tally::default();
    let mut categories: Vec<(Category, Tally)> = Vec::new();
    let mut groups: std::collections::BTreeMap<String, Tally> = Default::default();
    for p in participants {
        total.add(p);
        let category = p.invitee.category();
        match categories.iter_mut().find(|(c, _)| *c == category) {
            Some((_, t)) => t.add(p),
            None => {
                let mut t = Tally::default();
                t.add(p);
                categories.push((category, t));
            }
        }
        if category == Category::MemberState {
            let group = p
                .invitee
                .group_name
                .clone()
                .unwrap_or_else(|| "No regional group".to_owned());
            groups.entry(group).or_default().add(p);
        }
    }
    categories.sort_by_key(|(c, _)| *c);
    Tallies {
        by_category: categories,
        by_group: groups.into_iter().collect(),
        total,
    }
}

/// Delivery of this meeting's invitations, updates and cancellations.
pub fn delivery(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Counts> {
    outbox::counts_of_kinds(conn, meeting_id, &KINDS)
}

/// How many recipients and invitees a meeting's invitations reached.
pub fn reach(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<(i64, i64)> {
    let recipients = invitation_recipients::table
        .filter(invitation_recipients::meeting_id.eq(meeting_id))
        .count()
        .get_result(conn)?;
    let invited = invitees::table
        .filter(invitees::meeting_id.eq(meeting_id))
        .count()
        .get_result(conn)?;
    Ok((recipients, invited))
}

/// This meeting's failed invitation messages, newest first.
pub fn failures(
    conn: &mut DbConnection,
    meeting_id: i64,
    limit: i64,
) -> QueryResult<Vec<outbox::Message>> {
    use super::schema::outbox as table;
    table::table
        .filter(table::meeting_id.eq(meeting_id))
        .filter(table::kind.eq_any(KINDS))
        .filter(table::status.eq(outbox::FAILED))
        .order(table::id.desc())
        .limit(limit)
        .select(outbox::Message::as_select())
        .load(conn)
}
