//! Sending: the invitees and recipients a send fixes, and the letters queued
//! to them through the outbox (invitations, updates, cancellations).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::{
    InvitationError, Invitee, Recipient, Settings, ensure_settings, invitees_of, lock_meeting,
    plan, recipients_of, save_choice,
};
use crate::db::audit::{self, Actor};
use crate::db::consultation::Mailing;
use crate::db::meetings::{self, Approval, Meeting};
use crate::db::outbox::{self, NewMessage};
use crate::db::schema::{
    invitation_links, invitation_recipients, invitation_settings, invitees, member_states,
};
use crate::db::{DbConnection, now, transaction};
use crate::domain::invitation::{ListChoice, Party};
use crate::domain::meeting::Status;
use crate::domain::messages::{self as kinds, DayParams, InvitationParams};
use crate::domain::names;
use crate::domain::schedule::{Calendar, broken_days};
use crate::domain::token::Token;

/// What a send did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub invitees: usize,
    pub recipients: usize,
}

/// Everything a message says about the meeting, for one recipient: the
/// meeting as approved (slot and decision), its calendar identity, and the
/// secretariat's note.
pub(super) struct Letter<'a> {
    pub(super) meeting: &'a Meeting,
    pub(super) approval: &'a Approval,
    pub(super) settings: &'a Settings,
    pub(super) stamp: DateTime<Utc>,
    pub(super) note: &'a str,
}

impl<'a> Letter<'a> {
    /// A letter about `meeting` as approved now.
    pub(super) fn new(
        meeting: &'a Meeting,
        settings: &'a Settings,
        note: &'a str,
    ) -> Result<Letter<'a>, InvitationError> {
        Ok(Letter {
            meeting,
            approval: meeting
                .approval
                .as_ref()
                .ok_or(InvitationError::NotApproved)?,
            settings,
            stamp: Utc::now(),
            note,
        })
    }

    /// What the message says, in the recipient's language: the title and
    /// purpose as the secretariat translated them (`invitee_name` is
    /// already in that language).
    fn params(&self, recipient: &Recipient, invitee_name: &str) -> InvitationParams {
        let s = &self.meeting.settings;
        let a = self.approval;
        InvitationParams {
            meeting_title: s.title_in(&recipient.language).text.to_owned(),
            meeting_purpose: s.purpose_in(&recipient.language).text.to_owned(),
            organiser: s.organiser.clone(),
            recipient_name: recipient.name.clone(),
            recipient_email: recipient.email.clone(),
            invitee_name: invitee_name.to_owned(),
            time_zone: s.time_zone.name().to_owned(),
            start_utc: a.start.to_rfc3339(),
            end_utc: a.end.to_rfc3339(),
            days: broken_days(
                a.start,
                a.end,
                &Calendar {
                    zone: s.time_zone,
                    working_days: &s.working_days,
                    excluded: &s.excluded,
                    sessions: &a.sessions,
                },
            )
            .unwrap_or_default()
            .into_iter()
            .map(|d| DayParams {
                start_utc: d.start.to_rfc3339(),
                end_utc: d.end.to_rfc3339(),
            })
            .collect(),
            modality: a
                .modality
                .map(|m| m.as_str().to_owned())
                .unwrap_or_default(),
            venue: a.venue.clone(),
            remote_link: a.link.clone(),
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
/// reply link get a fresh link each, stored as its digest. A message is
/// queued once per kind, calendar sequence, recipient and `round` (empty but
/// for a re-issued link), however often the request is replayed.
pub(super) fn queue_letters(
    conn: &mut DbConnection,
    letter: &Letter<'_>,
    kind: &str,
    recipients: &[Recipient],
    invitee_names: &HashMap<i64, String>,
    mailing: &Mailing,
    round: &str,
) -> QueryResult<usize> {
    let with_link = kind != kinds::INVITATION_CANCEL;
    let at = now();
    let meeting_id = letter.meeting.id;
    let sequence = letter.settings.sequence;
    let states = state_codes(conn, meeting_id)?;
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
            // A member state is named in the recipient's language.
            let name = match states.get(&recipient.invitee_id) {
                Some(iso2) => names::state_name(name, iso2, &recipient.language),
                None => name.to_owned(),
            };
            messages.push(NewMessage {
                kind: kind.to_owned(),
                meeting_id: Some(meeting_id),
                recipient_email: recipient.email.clone(),
                recipient_name: recipient.name.clone(),
                language: recipient.language.clone(),
                params: serde_json::to_value(letter.params(recipient, &name)).unwrap_or_default(),
                sealed_secret: sealed,
                dedupe_key: Some(format!(
                    "{kind}:{meeting_id}:{sequence}:{}{round}",
                    recipient.id
                )),
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

/// The ISO code of each member state among a meeting's invitees, by invitee.
fn state_codes(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<HashMap<i64, String>> {
    let rows: Vec<(i64, String)> = invitees::table
        .inner_join(member_states::table)
        .filter(invitees::meeting_id.eq(meeting_id))
        .select((invitees::id, member_states::iso2))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// Queues a message of `kind` to every recipient the meeting's invitations
/// reached and that has not been withdrawn (an update or a cancellation).
pub(super) fn write_to_everyone(
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
    let recipients: Vec<Recipient> = recipients_of(conn, meeting_id)?
        .into_iter()
        .filter(|r| r.withdrawn_at.is_none())
        .collect();
    queue_letters(conn, letter, kind, &recipients, &names, mailing, "")
}

/// Saves the invitee list as the secretariat sees it on the page and sends
/// the invitations to it, in one transaction: what is on screen is what is
/// sent, and a send that fails saves nothing either.
pub fn save_and_send(
    conn: &mut DbConnection,
    meeting_id: i64,
    choice: &ListChoice,
    actor: &Actor,
    user_id: Option<i64>,
    mailing: &Mailing,
) -> Result<Sent, InvitationError> {
    transaction(conn, |conn| {
        lock_meeting(conn, meeting_id)?;
        save_choice(conn, meeting_id, choice, actor, &mailing.message_domain)?;
        send(conn, meeting_id, actor, user_id, mailing)
    })
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
        crate::domain::invitation::sendable(
            meeting.status,
            meeting.approval.as_ref().map(|a| a.modality.is_some()),
        )?;
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
        let letter = Letter::new(&meeting, &settings, "")?;
        let queued = queue_letters(
            conn,
            &letter,
            kinds::INVITATION,
            &fresh,
            &names,
            mailing,
            "",
        )?;
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
