//! Meetings and their settings. Lists and settings are stored as JSON text so
//! that one schema serves SQLite and PostgreSQL alike.

use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::audit::{self, Actor};
use super::schema::{meeting_groups, meetings, regional_groups};
use super::{DbConnection, now};
use crate::domain::meeting::{Granularity, MeetingSettings, Modality, Session, Status};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = meetings)]
pub struct MeetingRow {
    pub id: i64,
    pub title: String,
    pub purpose: String,
    pub organiser: String,
    pub status: String,
    pub time_zone: String,
    pub window_start: NaiveDate,
    pub window_end: NaiveDate,
    pub granularity: String,
    pub durations: String,
    pub working_days: String,
    pub sessions: String,
    pub modalities: String,
    pub response_deadline: NaiveDateTime,
    pub quorum: Option<i32>,
    pub reminder_days: String,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub opened_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub allow_spanning: bool,
    pub approved_units: Option<String>,
    pub approved_start: Option<NaiveDateTime>,
    pub approved_end: Option<NaiveDateTime>,
    pub approved_by: Option<i64>,
    pub approved_at: Option<NaiveDateTime>,
    pub approved_modality: Option<String>,
    pub approved_venue: String,
    pub approved_link: String,
    pub approved_sessions: Option<String>,
    /// The excluded days, `{"2027-04-02": "Good Friday"}`.
    pub excluded_days: String,
}

/// The slot the secretariat approved.
#[derive(Debug, Clone, PartialEq)]
pub struct Approval {
    /// Unit keys of the slot, in order.
    pub units: Vec<String>,
    pub start: chrono::DateTime<Utc>,
    pub end: chrono::DateTime<Utc>,
    pub by: Option<i64>,
    pub at: NaiveDateTime,
    /// The modality decided; `None` only for a meeting approved before the
    /// decision was part of approval (it must be decided before sending).
    pub modality: Option<Modality>,
    pub venue: String,
    pub link: String,
    /// The session times of each meeting day (the draft's unless changed).
    pub sessions: [Session; 2],
}

/// A meeting as the rest of the program sees it.
#[derive(Debug, Clone)]
pub struct Meeting {
    pub id: i64,
    pub status: Status,
    pub settings: MeetingSettings,
    pub created_at: NaiveDateTime,
    pub opened_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub approval: Option<Approval>,
}

impl Meeting {
    /// Whether coordinators may still save answers at `at`: consulting, and
    /// before the response deadline.
    pub fn takes_answers(&self, at: NaiveDateTime) -> bool {
        self.status == Status::Consulting && at < self.settings.deadline.naive_utc()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MeetingError {
    #[error("no such meeting")]
    NotFound,
    #[error("the meeting is {0:?}, which does not allow this")]
    WrongStatus(Status),
    #[error("stored meeting settings are unreadable: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T, MeetingError> {
    serde_json::from_str(text).map_err(|e| MeetingError::Corrupt(format!("{what}: {e}")))
}

fn weekday_numbers(settings: &MeetingSettings) -> Vec<u32> {
    settings
        .working_days
        .iter()
        .map(|d| d.number_from_monday())
        .collect()
}

fn assemble(row: MeetingRow, groups: Vec<i64>) -> Result<Meeting, MeetingError> {
    let status = Status::parse(&row.status)
        .ok_or_else(|| MeetingError::Corrupt(format!("status {}", row.status)))?;
    let days: Vec<u8> = from_json(&row.working_days, "working days")?;
    let sessions: [Session; 2] = from_json(&row.sessions, "sessions")?;
    let modalities: Vec<Modality> = from_json(&row.modalities, "modalities")?;
    let approved_sessions: [Session; 2] = match &row.approved_sessions {
        Some(text) => from_json(text, "approved sessions")?,
        None => sessions,
    };
    let approved_modality = match row.approved_modality.as_deref() {
        Some(text) => Some(
            Modality::parse(text)
                .ok_or_else(|| MeetingError::Corrupt(format!("modality {text}")))?,
        ),
        None => None,
    };
    let settings = MeetingSettings {
        title: row.title,
        purpose: row.purpose,
        organiser: row.organiser,
        time_zone: row
            .time_zone
            .parse()
            .map_err(|_| MeetingError::Corrupt(format!("time zone {}", row.time_zone)))?,
        window_start: row.window_start,
        window_end: row.window_end,
        granularity: Granularity::parse(&row.granularity)
            .ok_or_else(|| MeetingError::Corrupt(format!("granularity {}", row.granularity)))?,
        durations: from_json(&row.durations, "durations")?,
        working_days: days
            .into_iter()
            .filter_map(|n| chrono::Weekday::try_from(n.wrapping_sub(1)).ok())
            .collect(),
        excluded: from_json(&row.excluded_days, "excluded days")?,
        sessions,
        modalities,
        deadline: row.response_deadline.and_utc(),
        groups,
        quorum: row.quorum.and_then(|q| u32::try_from(q).ok()),
        reminder_days: from_json(&row.reminder_days, "reminder days")?,
        allow_spanning: row.allow_spanning,
        // Read beside the row, by `get`.
        title_translations: Default::default(),
        purpose_translations: Default::default(),
    };
    let approval = match (
        &row.approved_units,
        row.approved_start,
        row.approved_end,
        row.approved_at,
    ) {
        (Some(units), Some(start), Some(end), Some(at)) => Some(Approval {
            units: from_json(units, "approved units")?,
            start: start.and_utc(),
            end: end.and_utc(),
            by: row.approved_by,
            at,
            modality: approved_modality,
            venue: row.approved_venue,
            link: row.approved_link,
            sessions: approved_sessions,
        }),
        _ => None,
    };
    Ok(Meeting {
        id: row.id,
        status,
        settings,
        created_at: row.created_at,
        opened_at: row.opened_at,
        closed_at: row.closed_at,
        approval,
    })
}

fn write_children(conn: &mut DbConnection, id: i64, settings: &MeetingSettings) -> QueryResult<()> {
    diesel::delete(meeting_groups::table.filter(meeting_groups::meeting_id.eq(id)))
        .execute(conn)?;
    for group in &settings.groups {
        diesel::insert_into(meeting_groups::table)
            .values((
                meeting_groups::meeting_id.eq(id),
                meeting_groups::group_id.eq(group),
            ))
            .execute(conn)?;
    }
    super::translations::write_meeting_texts(conn, id, settings)
}

/// Creates a draft meeting with its settings; audited.
pub fn create(
    conn: &mut DbConnection,
    settings: &MeetingSettings,
    actor: &Actor,
    user_id: Option<i64>,
) -> QueryResult<i64> {
    super::transaction(conn, |conn| {
        let at = now();
        let row = (
            meetings::title.eq(&settings.title),
            meetings::purpose.eq(&settings.purpose),
            meetings::organiser.eq(&settings.organiser),
            meetings::status.eq(Status::Draft.as_str()),
            meetings::time_zone.eq(settings.time_zone.name()),
            meetings::window_start.eq(settings.window_start),
            meetings::window_end.eq(settings.window_end),
            meetings::granularity.eq(settings.granularity.as_str()),
            meetings::durations.eq(json(&settings.durations)),
            meetings::working_days.eq(json(&weekday_numbers(settings))),
            meetings::sessions.eq(json(&settings.sessions)),
            meetings::modalities.eq(json(&settings.modalities)),
            meetings::response_deadline.eq(settings.deadline.naive_utc()),
            meetings::quorum.eq(settings.quorum.and_then(|q| i32::try_from(q).ok())),
            meetings::reminder_days.eq(json(&settings.reminder_days)),
            meetings::excluded_days.eq(json(&settings.excluded)),
            meetings::allow_spanning.eq(settings.allow_spanning),
            meetings::created_by.eq(user_id),
            meetings::created_at.eq(at),
            meetings::updated_at.eq(at),
        );
        let id: i64 = crate::with_backend!(&mut *conn, |c| diesel::insert_into(meetings::table)
            .values(row)
            .returning(meetings::id)
            .get_result(c))?;
        write_children(conn, id, settings)?;
        audit::record(
            conn,
            actor,
            Some(id),
            "meeting.created",
            &format!("Draft \u{201c}{}\u{201d} created", settings.title),
        )?;
        Ok(id)
    })
}

/// Replaces a draft's settings. Only a draft may be edited.
pub fn update_draft(
    conn: &mut DbConnection,
    id: i64,
    settings: &MeetingSettings,
    actor: &Actor,
) -> Result<(), MeetingError> {
    super::transaction(conn, |conn| {
        let changed = diesel::update(
            meetings::table
                .find(id)
                .filter(meetings::status.eq(Status::Draft.as_str())),
        )
        .set((
            meetings::title.eq(&settings.title),
            meetings::purpose.eq(&settings.purpose),
            meetings::organiser.eq(&settings.organiser),
            meetings::time_zone.eq(settings.time_zone.name()),
            meetings::window_start.eq(settings.window_start),
            meetings::window_end.eq(settings.window_end),
            meetings::granularity.eq(settings.granularity.as_str()),
            meetings::durations.eq(json(&settings.durations)),
            meetings::working_days.eq(json(&weekday_numbers(settings))),
            meetings::sessions.eq(json(&settings.sessions)),
            meetings::modalities.eq(json(&settings.modalities)),
            meetings::response_deadline.eq(settings.deadline.naive_utc()),
            meetings::quorum.eq(settings.quorum.and_then(|q| i32::try_from(q).ok())),
            meetings::reminder_days.eq(json(&settings.reminder_days)),
            meetings::excluded_days.eq(json(&settings.excluded)),
            meetings::updated_at.eq(now()),
        ))
        .execute(conn)?;
        if changed == 0 {
            let meeting = get(conn, id)?;
            return Err(MeetingError::WrongStatus(meeting.status));
        }
        write_children(conn, id, settings)?;
        audit::record(
            conn,
            actor,
            Some(id),
            "meeting.edited",
            "Draft settings changed",
        )?;
        Ok(())
    })
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<Meeting, MeetingError> {
    let row = row(conn, id)?;
    let groups: Vec<i64> = crate::with_backend!(&mut *conn, |c| meeting_groups::table
        .filter(meeting_groups::meeting_id.eq(id))
        .order(meeting_groups::group_id)
        .select(meeting_groups::group_id)
        .load(c))?;
    let mut meeting = assemble(row, groups)?;
    read_texts(conn, &mut meeting)?;
    Ok(meeting)
}

/// Reads the translations of a meeting's title and purpose into it.
fn read_texts(conn: &mut DbConnection, meeting: &mut Meeting) -> Result<(), MeetingError> {
    let (titles, purposes) = super::translations::meeting_texts(conn, meeting.id)?;
    meeting.settings.title_translations = titles;
    meeting.settings.purpose_translations = purposes;
    Ok(())
}

/// The meeting as answers are checked against it: its state, deadline and
/// settings (the units, durations and modalities an answer must fit), but
/// neither the groups it consults (`groups` is empty) nor the translations
/// of its texts. One query where [`get`] makes three: the answer writer
/// reads it for each batch of saves.
pub fn for_answers(conn: &mut DbConnection, id: i64) -> Result<Meeting, MeetingError> {
    assemble(row(conn, id)?, Vec::new())
}

/// The meeting as a personal page shows it to a reader of `language`, from
/// its row as already read (with the link, see
/// [`super::consultation::open_link_to_read`]), with the translations of its
/// texts unless the reader's language is the default one, which never has
/// any. Like [`for_answers`], without the groups it consults. No query in
/// the default language, one in the others.
pub fn for_reader(
    conn: &mut DbConnection,
    row: MeetingRow,
    language: crate::i18n::Language,
) -> Result<Meeting, MeetingError> {
    let mut meeting = assemble(row, Vec::new())?;
    if language != crate::i18n::Language::DEFAULT {
        read_texts(conn, &mut meeting)?;
    }
    Ok(meeting)
}

fn row(conn: &mut DbConnection, id: i64) -> Result<MeetingRow, MeetingError> {
    // On the concrete connection: read on every request of a personal page,
    // and diesel builds the SQL text anew for each run through the
    // two-backend connection (see `consultation::link_by_token`).
    crate::with_backend!(&mut *conn, |c| meetings::table
        .find(id)
        .select(MeetingRow::as_select())
        .first(c)
        .optional())?
    .ok_or(MeetingError::NotFound)
}

/// One line of the dashboard.
#[derive(Debug, Clone)]
pub struct Summary {
    pub id: i64,
    pub title: String,
    pub status: Status,
    pub window_start: NaiveDate,
    pub window_end: NaiveDate,
    pub deadline: chrono::DateTime<Utc>,
    pub time_zone: String,
    pub consulted: i64,
    pub answered: i64,
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Summary>> {
    let rows: Vec<MeetingRow> = meetings::table
        .order((meetings::window_start.desc(), meetings::id.desc()))
        .select(MeetingRow::as_select())
        .load(conn)?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let consulted: i64 = meeting_groups::table
            .filter(meeting_groups::meeting_id.eq(row.id))
            .count()
            .get_result(conn)?;
        let answered = super::answers::answered_count(conn, row.id)?;
        out.push(Summary {
            id: row.id,
            title: row.title,
            status: Status::parse(&row.status).unwrap_or(Status::Draft),
            window_start: row.window_start,
            window_end: row.window_end,
            deadline: row.response_deadline.and_utc(),
            time_zone: row.time_zone,
            consulted,
            answered,
        });
    }
    Ok(out)
}

/// Moves a meeting from one status to another only if it is still in the
/// first: two people clicking at once cannot both succeed.
pub fn transition(
    conn: &mut DbConnection,
    id: i64,
    from: Status,
    to: Status,
) -> Result<(), MeetingError> {
    let at = now();
    let query = diesel::update(
        meetings::table
            .find(id)
            .filter(meetings::status.eq(from.as_str())),
    );
    let changed = match to {
        Status::Consulting => query
            .set((
                meetings::status.eq(to.as_str()),
                meetings::opened_at.eq(Some(at)),
                meetings::updated_at.eq(at),
            ))
            .execute(conn)?,
        Status::Closed => query
            .set((
                meetings::status.eq(to.as_str()),
                meetings::closed_at.eq(Some(at)),
                meetings::updated_at.eq(at),
            ))
            .execute(conn)?,
        _ => query
            .set((
                meetings::status.eq(to.as_str()),
                meetings::updated_at.eq(at),
            ))
            .execute(conn)?,
    };
    if changed == 0 {
        let meeting = get(conn, id)?;
        return Err(MeetingError::WrongStatus(meeting.status));
    }
    Ok(())
}

/// Ids of meetings in a status, for the scheduler.
pub fn ids_with_status(conn: &mut DbConnection, status: Status) -> QueryResult<Vec<i64>> {
    meetings::table
        .filter(meetings::status.eq(status.as_str()))
        .select(meetings::id)
        .load(conn)
}

/// Regional groups as `(id, name)`, in name order; those a draft may consult.
pub fn group_choices(conn: &mut DbConnection) -> QueryResult<Vec<(i64, String)>> {
    regional_groups::table
        .order(regional_groups::name)
        .select((regional_groups::id, regional_groups::name))
        .load(conn)
}
