//! The consultation of a meeting: coordinators' personal links, answer
//! versions, reminders, opening and closing. Every change writes its audit
//! entry and its outbox messages in the same transaction.
//!
//! Links: a personal link carries a 256-bit random token; only its SHA-256
//! digest is stored. While its email waits in the outbox the token is held
//! sealed (see `domain::seal`), and wiped once sent. A link is scoped to one
//! meeting and one group, expires [`LINK_GRACE_DAYS`] days after the response
//! deadline (until then the coordinator can still read their answer), and can
//! be revoked; re-issuing revokes the old link and mails a new one.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::answers::AnswerRow;
use super::audit::{self, Actor};
use super::directory::{self, contacts::Contact};
use super::meetings::{self, Meeting, MeetingError};
use super::outbox::{self, NewMessage};
use super::schema::{coordinator_links, regional_groups, reminders};
use super::{DbConnection, now};
use crate::domain::directory::{ContactId, GroupId};
use crate::domain::meeting::Status;
use crate::domain::messages::{self as kinds, CoordinatorParams};
use crate::domain::seal::SealKey;
use crate::domain::token::Token;

/// Days after the deadline during which a link still shows the (read-only) answer.
pub const LINK_GRACE_DAYS: i64 = 14;

/// What enqueuing a personal-link email needs besides the database.
pub struct Mailing {
    pub seal: SealKey,
    pub message_domain: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ConsultationError {
    #[error(transparent)]
    Meeting(#[from] MeetingError),
    #[error("these groups have no coordinator in the directory: {}", .0.join(", "))]
    MissingCoordinators(Vec<String>),
    #[error("the response deadline has already passed")]
    DeadlinePassed,
    #[error("no such link")]
    LinkNotFound,
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = coordinator_links)]
pub struct Link {
    pub id: i64,
    pub meeting_id: i64,
    pub group_id: i64,
    pub contact_id: Option<i64>,
    pub email: String,
    pub token_hash: String,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
}

/// Why a coordinator's personal link opens nothing now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRefusal {
    /// No link has this token.
    Unknown,
    /// The secretariat withdrew it (or replaced it with a new one).
    Withdrawn,
    /// Its consultation is over.
    Expired,
}

impl Link {
    /// Why this link opens nothing at `at`, if it does not.
    pub fn refusal(&self, at: NaiveDateTime) -> Option<LinkRefusal> {
        if self.revoked_at.is_some() {
            Some(LinkRefusal::Withdrawn)
        } else if self.expires_at <= at {
            Some(LinkRefusal::Expired)
        } else {
            None
        }
    }
}

/// The links of several presented tokens at once (unknown ones are left
/// out), by token digest.
pub fn links_by_digests(conn: &mut DbConnection, digests: &[String]) -> QueryResult<Vec<Link>> {
    coordinator_links::table
        .filter(coordinator_links::token_hash.eq_any(digests))
        .select(Link::as_select())
        .load(conn)
}

pub fn group_name(conn: &mut DbConnection, group_id: i64) -> QueryResult<String> {
    crate::with_backend!(conn, |c| regional_groups::table
        .find(group_id)
        .select(regional_groups::name)
        .first(c))
}

/// What a coordinator's message says, in the coordinator's `language`:
/// the meeting's title and purpose as translated by the secretariat
/// (`group` is already the group's name in that language).
fn params(meeting: &Meeting, group: &str, recipient: &str, language: &str) -> CoordinatorParams {
    let s = &meeting.settings;
    CoordinatorParams {
        meeting_title: s.title_in(language).text.to_owned(),
        meeting_purpose: s.purpose_in(language).text.to_owned(),
        organiser: s.organiser.clone(),
        group_name: group.to_owned(),
        recipient_name: recipient.to_owned(),
        time_zone: s.time_zone.name().to_owned(),
        window_start: s.window_start.to_string(),
        window_end: s.window_end.to_string(),
        deadline_utc: s.deadline.to_rfc3339(),
    }
}

/// Creates a link for one coordinator and queues its email (`kind` is the
/// first invitation or a reminder). Returns `None`, creating nothing, when a
/// message with the same `dedupe_key` was already queued.
#[expect(
    clippy::too_many_arguments,
    reason = "one call site per kind; a struct would only rename them"
)]
fn issue_link(
    conn: &mut DbConnection,
    meeting: &Meeting,
    group_id: i64,
    group: &str,
    coordinator: &Contact,
    user_id: Option<i64>,
    mailing: &Mailing,
    kind: &str,
    dedupe_key: Option<String>,
) -> QueryResult<Option<i64>> {
    if let Some(key) = &dedupe_key
        && outbox::is_queued(conn, key)?
    {
        return Ok(None);
    }
    // The group as the coordinator reads it; `group` (the default name)
    // stays what the secretariat's own records say.
    let group_in_language =
        match super::translations::group_name_in(conn, group_id, &coordinator.language) {
            Ok(name) => name,
            Err(diesel::result::Error::NotFound) => group.to_owned(),
            Err(e) => return Err(e),
        };
    let token = Token::generate();
    let at = now();
    let expires = meeting.settings.deadline.naive_utc() + Duration::days(LINK_GRACE_DAYS);
    let row = (
        coordinator_links::meeting_id.eq(meeting.id),
        coordinator_links::group_id.eq(group_id),
        coordinator_links::contact_id.eq(Some(coordinator.id)),
        coordinator_links::email.eq(&coordinator.email),
        coordinator_links::token_hash.eq(token.digest()),
        coordinator_links::created_by.eq(user_id),
        coordinator_links::created_at.eq(at),
        coordinator_links::expires_at.eq(expires),
    );
    let link_id: i64 = crate::with_backend!(&mut *conn, |c| diesel::insert_into(
        coordinator_links::table
    )
    .values(row)
    .returning(coordinator_links::id)
    .get_result(c))?;
    let message = NewMessage {
        kind: kind.to_owned(),
        meeting_id: Some(meeting.id),
        recipient_email: coordinator.email.clone(),
        recipient_name: coordinator.name.clone(),
        language: coordinator.language.clone(),
        params: serde_json::to_value(params(
            meeting,
            &group_in_language,
            &coordinator.name,
            &coordinator.language,
        ))
        .unwrap_or_default(),
        sealed_secret: Some(mailing.seal.seal(token.expose())),
        dedupe_key: Some(dedupe_key.unwrap_or_else(|| format!("{kind}:link:{link_id}"))),
    };
    outbox::enqueue(conn, &message, &mailing.message_domain)?;
    Ok(Some(link_id))
}

/// The contact a link was sent to, if it still exists.
fn contact(conn: &mut DbConnection, id: Option<i64>) -> QueryResult<Option<Contact>> {
    match id {
        Some(id) => directory::contacts::get(conn, ContactId(id)),
        None => Ok(None),
    }
}

/// Opens the consultation: draft → consulting, one personal link and one
/// email per coordinator of every consulted group. All or nothing.
pub fn open(
    conn: &mut DbConnection,
    meeting_id: i64,
    actor: &Actor,
    user_id: Option<i64>,
    mailing: &Mailing,
) -> Result<usize, ConsultationError> {
    super::transaction(conn, |conn| {
        let meeting = meetings::get(conn, meeting_id)?;
        if meeting.status != Status::Draft {
            return Err(MeetingError::WrongStatus(meeting.status).into());
        }
        if meeting.settings.deadline.naive_utc() <= now() {
            return Err(ConsultationError::DeadlinePassed);
        }
        let mut plan = Vec::new();
        let mut missing = Vec::new();
        for &group_id in &meeting.settings.groups {
            let name = group_name(conn, group_id)?;
            let coordinators = directory::contacts::coordinators_of(conn, GroupId(group_id))?;
            if coordinators.is_empty() {
                missing.push(name);
            } else {
                plan.push((group_id, name, coordinators));
            }
        }
        if !missing.is_empty() {
            return Err(ConsultationError::MissingCoordinators(missing));
        }
        meetings::transition(conn, meeting_id, Status::Draft, Status::Consulting)?;
        let mut sent = 0;
        for (group_id, name, coordinators) in plan {
            for coordinator in coordinators {
                issue_link(
                    conn,
                    &meeting,
                    group_id,
                    &name,
                    &coordinator,
                    user_id,
                    mailing,
                    kinds::COORDINATOR_LINK,
                    None,
                )?;
                audit::record(
                    conn,
                    actor,
                    Some(meeting_id),
                    "link.issued",
                    &format!("Personal link for {name} sent to {}", coordinator.email),
                )?;
                sent += 1;
            }
        }
        audit::record(
            conn,
            actor,
            Some(meeting_id),
            "meeting.opened",
            &format!("Consultation opened; {sent} coordinators invited"),
        )?;
        Ok(sent)
    })
}

pub fn links(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Vec<Link>> {
    coordinator_links::table
        .filter(coordinator_links::meeting_id.eq(meeting_id))
        .order((coordinator_links::group_id, coordinator_links::id))
        .select(Link::as_select())
        .load(conn)
}

/// The link behind a presented token, whatever its state; the caller decides
/// what a revoked or expired link may still do.
pub fn link_by_token(conn: &mut DbConnection, presented: &str) -> QueryResult<Option<Link>> {
    let digest = crate::domain::token::digest(presented);
    // On the concrete connection (as every read a personal page makes on
    // each request): through the two-backend connection diesel builds the
    // SQL text anew on every run, 9 % of a form's CPU.
    crate::with_backend!(conn, |c| coordinator_links::table
        .filter(coordinator_links::token_hash.eq(&digest))
        .select(Link::as_select())
        .first(c)
        .optional())
}

/// The language tag of the contact a link was sent to, if the link and
/// its contact are known: a refused link's page is written in it.
pub fn link_language(conn: &mut DbConnection, link: &Link) -> QueryResult<Option<String>> {
    let Some(contact_id) = link.contact_id else {
        return Ok(None);
    };
    super::schema::contacts::table
        .find(contact_id)
        .select(super::schema::contacts::language)
        .first(conn)
        .optional()
}

/// A coordinator's link as the form reads it: besides the link, the
/// group's default name, the language tag of the contact the link was sent
/// to (`None` when it has no contact), the group's current answer (`None`
/// before the first save) and its meeting's row (made whole by
/// [`meetings::for_reader`]).
pub struct LinkReader {
    pub link: Link,
    pub group_name: String,
    pub language: Option<String>,
    pub current: Option<AnswerRow>,
    pub meeting: meetings::MeetingRow,
}

/// The link a presented token opens now, with what its page needs to know
/// of it (see [`LinkReader`]), in one query; or why it opens nothing.
pub fn open_link_to_read(
    conn: &mut DbConnection,
    presented: &str,
) -> QueryResult<Result<LinkReader, LinkRefusal>> {
    use super::schema::{answers, contacts, current_answers, meetings as meeting_rows};
    let digest = crate::domain::token::digest(presented);
    type Found = (
        Link,
        String,
        Option<String>,
        Option<AnswerRow>,
        meetings::MeetingRow,
    );
    // Each join is by a whole key (the link's token, then primary keys, the
    // answer by the pointer's meeting, group and version): one round trip
    // where a read per table was one each, and one row of each table read
    // whatever the number of versions. The answer must be joined by the
    // pointer's three columns, not the link's meeting and group: given
    // those, PostgreSQL looks the answer up by meeting and group alone and
    // compares the version afterwards, walking every version (10,000 rows
    // read for one in `EXPLAIN ANALYZE` after the bench's set-up).
    let found: Option<Found> = crate::with_backend!(conn, |c| coordinator_links::table
        .inner_join(regional_groups::table)
        .left_join(contacts::table)
        .left_join(
            current_answers::table.on(current_answers::meeting_id
                .eq(coordinator_links::meeting_id)
                .and(current_answers::group_id.eq(coordinator_links::group_id))),
        )
        .left_join(
            answers::table.on(answers::meeting_id
                .nullable()
                .eq(current_answers::meeting_id.nullable())
                .and(
                    answers::group_id
                        .nullable()
                        .eq(current_answers::group_id.nullable())
                )
                .and(
                    answers::version
                        .nullable()
                        .eq(current_answers::version.nullable())
                )),
        )
        .inner_join(meeting_rows::table.on(meeting_rows::id.eq(coordinator_links::meeting_id)))
        .filter(coordinator_links::token_hash.eq(&digest))
        .select((
            Link::as_select(),
            regional_groups::name,
            contacts::language.nullable(),
            Option::<AnswerRow>::as_select(),
            meetings::MeetingRow::as_select(),
        ))
        .first(c)
        .optional())?;
    Ok(match found {
        None => Err(LinkRefusal::Unknown),
        Some((link, group_name, language, current, meeting)) => match link.refusal(now()) {
            Some(refusal) => Err(refusal),
            None => Ok(LinkReader {
                link,
                group_name,
                language,
                current,
                meeting,
            }),
        },
    })
}

fn link_of_meeting(
    conn: &mut DbConnection,
    meeting_id: i64,
    link_id: i64,
) -> Result<Link, ConsultationError> {
    coordinator_links::table
        .find(link_id)
        .filter(coordinator_links::meeting_id.eq(meeting_id))
        .select(Link::as_select())
        .first(conn)
        .optional()?
        .ok_or(ConsultationError::LinkNotFound)
}

pub fn revoke(
    conn: &mut DbConnection,
    meeting_id: i64,
    link_id: i64,
    actor: &Actor,
) -> Result<(), ConsultationError> {
    super::transaction(conn, |conn| {
        let link = link_of_meeting(conn, meeting_id, link_id)?;
        if link.revoked_at.is_none() {
            diesel::update(coordinator_links::table.find(link.id))
                .set(coordinator_links::revoked_at.eq(Some(now())))
                .execute(conn)?;
            let group = group_name(conn, link.group_id)?;
            audit::record(
                conn,
                actor,
                Some(meeting_id),
                "link.revoked",
                &format!("Link for {group} ({}) revoked", link.email),
            )?;
        }
        Ok(())
    })
}

/// Revokes a link and mails its coordinator a new one.
pub fn reissue(
    conn: &mut DbConnection,
    meeting_id: i64,
    link_id: i64,
    actor: &Actor,
    user_id: Option<i64>,
    mailing: &Mailing,
) -> Result<i64, ConsultationError> {
    super::transaction(conn, |conn| {
        let meeting = meetings::get(conn, meeting_id)?;
        if meeting.status != Status::Consulting {
            return Err(MeetingError::WrongStatus(meeting.status).into());
        }
        let link = link_of_meeting(conn, meeting_id, link_id)?;
        revoke(conn, meeting_id, link_id, actor)?;
        let group = group_name(conn, link.group_id)?;
        let coordinator = contact(conn, link.contact_id)?.ok_or(ConsultationError::LinkNotFound)?;
        let new_id = issue_link(
            conn,
            &meeting,
            link.group_id,
            &group,
            &coordinator,
            user_id,
            mailing,
            kinds::COORDINATOR_LINK,
            None,
        )?
        .ok_or(ConsultationError::LinkNotFound)?;
        audit::record(
            conn,
            actor,
            Some(meeting_id),
            "link.issued",
            &format!(
                "New personal link for {group} sent to {}",
                coordinator.email
            ),
        )?;
        Ok(new_id)
    })
}

/// Queues a reminder to the coordinators of every consulted group that has
/// not answered. `days_before` marks an automatic reminder, sent at most once
/// per group and point (the `reminders` key guarantees it, even with several
/// instances); a manual reminder (`None`) is deduplicated per minute, so a
/// double click sends one. Returns the number of messages queued.
pub fn remind(
    conn: &mut DbConnection,
    meeting_id: i64,
    days_before: Option<u32>,
    actor: &Actor,
    mailing: &Mailing,
) -> Result<usize, ConsultationError> {
    super::transaction(conn, |conn| {
        let meeting = meetings::get(conn, meeting_id)?;
        if meeting.status != Status::Consulting {
            return Err(MeetingError::WrongStatus(meeting.status).into());
        }
        let answered = super::answers::answered_groups(conn, meeting_id)?;
        let mut queued = 0;
        for &group_id in meeting
            .settings
            .groups
            .iter()
            .filter(|g| !answered.contains(g))
        {
            if let Some(days) = days_before {
                let row = (
                    reminders::meeting_id.eq(meeting_id),
                    reminders::group_id.eq(group_id),
                    reminders::days_before.eq(i32::try_from(days).unwrap_or(i32::MAX)),
                    reminders::sent_at.eq(now()),
                );
                let inserted =
                    crate::with_backend!(&mut *conn, |c| diesel::insert_into(reminders::table)
                        .values(row)
                        .on_conflict_do_nothing()
                        .execute(c))?;
                if inserted == 0 {
                    continue;
                }
            }
            let group = group_name(conn, group_id)?;
            // Each coordinator with a live link gets a reminder with a new
            // link of its own (the first link's token left with its email);
            // the earlier link stays valid.
            let live: Vec<Option<i64>> = coordinator_links::table
                .filter(coordinator_links::meeting_id.eq(meeting_id))
                .filter(coordinator_links::group_id.eq(group_id))
                .filter(coordinator_links::revoked_at.is_null())
                .select(coordinator_links::contact_id)
                .distinct()
                .load(conn)?;
            let mut for_group = 0;
            for contact_id in live {
                let Some(coordinator) = contact(conn, contact_id)? else {
                    continue;
                };
                let dedupe = match days_before {
                    Some(days) => Some(format!("reminder:{meeting_id}:{}:{days}", coordinator.id)),
                    None if reminded_recently(conn, meeting_id, &coordinator.email)? => continue,
                    None => None,
                };
                let kind = kinds::COORDINATOR_REMINDER;
                if issue_link(
                    conn,
                    &meeting,
                    group_id,
                    &group,
                    &coordinator,
                    actor_user(actor),
                    mailing,
                    kind,
                    dedupe,
                )?
                .is_some()
                {
                    for_group += 1;
                }
            }
            if for_group == 0 {
                continue;
            }
            queued += for_group;
            let when = days_before.map_or_else(
                || "now".to_owned(),
                |d| format!("{d} days before the deadline"),
            );
            audit::record(
                conn,
                actor,
                Some(meeting_id),
                "reminder.sent",
                &format!("Reminder to {group} ({when})"),
            )?;
        }
        Ok(queued)
    })
}

/// Whether a coordinator was sent a reminder for this meeting in the last
/// minute: a second click on "remind" then sends nothing more.
fn reminded_recently(conn: &mut DbConnection, meeting_id: i64, email: &str) -> QueryResult<bool> {
    use super::schema::outbox;
    let recent: i64 = outbox::table
        .filter(outbox::meeting_id.eq(meeting_id))
        .filter(outbox::kind.eq(kinds::COORDINATOR_REMINDER))
        .filter(outbox::recipient_email.eq(email))
        .filter(outbox::created_at.gt(now() - Duration::seconds(60)))
        .count()
        .get_result(conn)?;
    Ok(recent > 0)
}

fn actor_user(actor: &Actor) -> Option<i64> {
    match actor {
        Actor::User(id, _) => Some(id.0),
        _ => None,
    }
}

/// Closes the consultation (consulting → closed): by hand, or at the
/// deadline; the record of what the ranking depends on is fixed with it.
pub fn close(
    conn: &mut DbConnection,
    meeting_id: i64,
    actor: &Actor,
    why: &str,
) -> Result<(), ConsultationError> {
    super::transaction(conn, |conn| {
        meetings::transition(conn, meeting_id, Status::Consulting, Status::Closed)?;
        super::record::freeze(conn, meeting_id)?;
        audit::record(conn, actor, Some(meeting_id), "meeting.closed", why)?;
        Ok(())
    })
}

/// The scheduler's work for one meeting in consultation: close it at the
/// deadline, or send the reminders whose time has come. A reminder point that
/// was already past when the consultation opened is skipped (a "reminder"
/// right after the invitation would be noise).
pub fn tick(
    conn: &mut DbConnection,
    meeting_id: i64,
    mailing: &Mailing,
) -> Result<(), ConsultationError> {
    let meeting = meetings::get(conn, meeting_id)?;
    if meeting.status != Status::Consulting {
        return Ok(());
    }
    let at = now();
    let deadline = meeting.settings.deadline.naive_utc();
    if at >= deadline {
        return match close(
            conn,
            meeting_id,
            &Actor::System,
            "Closed automatically at the response deadline",
        ) {
            Err(ConsultationError::Meeting(MeetingError::WrongStatus(_))) => Ok(()),
            other => other,
        };
    }
    let opened = meeting.opened_at.unwrap_or(meeting.created_at);
    for &days in &meeting.settings.reminder_days {
        let point = deadline - Duration::days(i64::from(days));
        if at >= point && point > opened {
            remind(conn, meeting_id, Some(days), &Actor::System, mailing)?;
        }
    }
    Ok(())
}
