//! The availability form. GET shows it (never changes anything); POST either
//! applies a quick fill and shows the form again unsaved, or saves a new
//! version of the group's answer. After the deadline the form is read-only.

use crate::web::extract::Query;
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get, post};
use askama::Template;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

use crate::db::DbConnection;
use crate::db::answers::{self, Save};
use crate::db::consultation::{self, Link};
use crate::db::meetings::{self, Meeting};
use crate::domain::answer::{Answer, AnswerInput, Availability};
use crate::domain::meeting::{FieldErrors, Modality, Status, show_instant, show_utc};
use crate::domain::units::{Granularity, Half};
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::{AppError, AppState, db, page, see_other};

/// One unit of the grid. Its legend ("Mon 4 Jan", "Mon 4 Jan, morning")
/// leaves out the year, which the week's heading above it gives; it is
/// written by the template from these parts rather than formatted here, as
/// this is done for every unit on every view.
pub struct UnitCell {
    pub key: String,
    pub weekday: Weekday,
    pub day: u32,
    pub month: &'static str,
    pub half: &'static str,
    /// The choice shown as checked, if any.
    pub value: Option<Availability>,
}

impl UnitCell {
    pub fn shows(&self, choice: &Availability) -> bool {
        self.value == Some(*choice)
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

pub struct Week {
    pub label: String,
    pub start: NaiveDate,
    pub units: Vec<UnitCell>,
}

#[derive(Template)]
#[template(path = "coordinator/form.html")]
struct FormPage {
    csrf: String,
    token: String,
    group: String,
    title: String,
    purpose: String,
    organiser: String,
    zone: String,
    window: String,
    sessions: String,
    deadline: String,
    deadline_utc: String,
    weeks: Vec<Week>,
    /// The week the week-fill selector shows chosen: after a week was filled,
    /// the one after it, so that repeated fills walk down the window.
    fill_week: Option<NaiveDate>,
    half_days: bool,
    durations: Vec<(u32, String)>,
    modalities: Vec<Modality>,
    input: AnswerInput,
    errors: FieldErrors,
    read_only: bool,
    /// Some unit was left without an answer: those units are outlined.
    missing: bool,
    saved: Option<String>,
    notice: Option<String>,
    choices: [Availability; 3],
}

impl FormPage {
    fn error(&self, field: &str) -> Option<&String> {
        self.errors.get(field)
    }

    fn offers(&self, week: &NaiveDate) -> bool {
        self.fill_week == Some(*week)
    }
}

struct Context {
    meeting: Meeting,
    group: String,
    latest: Option<(Answer, i32, String)>,
}

/// Finds the link and its meeting; refuses unknown, revoked and expired links
/// with a page that says which.
fn open_link(conn: &mut DbConnection, token: &str) -> Result<(Link, Meeting), AppError> {
    let link = consultation::link_by_token(conn, token)?.ok_or(AppError::NotFound)?;
    if link.revoked_at.is_some() {
        return Err(AppError::Gone(
            "This personal link has been withdrawn by the secretariat. If you still coordinate your group's answer, ask the secretariat for a new link.".into(),
        ));
    }
    if link.expires_at <= crate::db::now() {
        return Err(AppError::Gone(
            "This personal link has expired: the consultation it belonged to is over.".into(),
        ));
    }
    let meeting = meetings::get(conn, link.meeting_id)?;
    Ok((link, meeting))
}

/// What the page shows besides the meeting: the group's name and its
/// current answer.
fn page_context(
    conn: &mut DbConnection,
    link: &Link,
    meeting: Meeting,
) -> Result<Context, AppError> {
    let group = consultation::group_name(conn, link.group_id)?;
    let zone = meeting.settings.time_zone;
    let latest = match answers::current(conn, link.meeting_id, link.group_id)? {
        Some(row) => Some((
            row.answer()?,
            row.version,
            show_instant(row.submitted_at.and_utc(), zone),
        )),
        None => None,
    };
    Ok(Context {
        meeting,
        group,
        latest,
    })
}

/// Everything the page needs, in one trip to the database.
async fn context(state: &Data<AppState>, token: String) -> Result<Context, AppError> {
    db(state, move |conn| {
        let (link, meeting) = open_link(conn, &token)?;
        page_context(conn, &link, meeting)
    })
    .await
}

fn is_read_only(meeting: &Meeting) -> bool {
    meeting.status != Status::Consulting
        || meeting.settings.deadline.naive_utc() <= crate::db::now()
}

fn weeks(meeting: &Meeting, input: &AnswerInput) -> Vec<Week> {
    let mut weeks: Vec<Week> = Vec::new();
    for unit in meeting.settings.units() {
        let start = unit.week_start();
        if weeks.last().is_none_or(|w| w.start != start) {
            weeks.push(Week {
                label: format!("Week of {}", start.format("%a %-d %b %Y")),
                start,
                units: Vec::new(),
            });
        }
        if let Some(week) = weeks.last_mut() {
            let key = unit.key();
            week.units.push(UnitCell {
                value: input.units.get(&key).and_then(|v| Availability::parse(v)),
                key,
                weekday: unit.date.weekday(),
                day: unit.date.day(),
                month: MONTHS[unit.date.month0() as usize],
                half: match unit.half {
                    None => "",
                    Some(Half::Am) => ", morning",
                    Some(Half::Pm) => ", afternoon",
                },
            });
        }
    }
    weeks
}

fn render(
    ctx: &Context,
    csrf: String,
    token: String,
    input: AnswerInput,
    errors: FieldErrors,
    notice: Option<String>,
) -> FormPage {
    let s = &ctx.meeting.settings;
    let zone = s.time_zone;
    let weeks = weeks(&ctx.meeting, &input);
    let fill_week = input
        .fill_week
        .parse::<NaiveDate>()
        .ok()
        .and_then(|filled| weeks.iter().map(|w| w.start).find(|&start| start > filled));
    FormPage {
        csrf,
        token,
        group: ctx.group.clone(),
        title: s.title.clone(),
        purpose: s.purpose.clone(),
        organiser: s.organiser.clone(),
        zone: zone.name().to_owned(),
        window: format!(
            "{} to {}",
            s.window_start.format("%a %-d %b %Y"),
            s.window_end.format("%a %-d %b %Y")
        ),
        sessions: format!(
            "{}–{} and {}–{} ({})",
            s.sessions[0].start.format("%H:%M"),
            s.sessions[0].end.format("%H:%M"),
            s.sessions[1].start.format("%H:%M"),
            s.sessions[1].end.format("%H:%M"),
            zone.name()
        ),
        deadline: show_instant(s.deadline, zone),
        deadline_utc: show_utc(s.deadline),
        weeks,
        fill_week,
        half_days: s.granularity == Granularity::HalfDay,
        durations: s
            .durations
            .iter()
            .map(|&d| (d, s.duration_label(d)))
            .collect(),
        modalities: s.modalities.clone(),
        input,
        read_only: is_read_only(&ctx.meeting),
        missing: errors.contains_key("units"),
        errors,
        saved: ctx
            .latest
            .as_ref()
            .map(|(_, v, at)| format!("Version {v}, saved {at}")),
        notice,
        choices: Availability::ALL,
    }
}

#[derive(Deserialize)]
pub struct Saved {
    saved: Option<i32>,
}

#[get("/c/{token}")]
pub async fn show(
    state: Data<AppState>,
    csrf: CsrfToken,
    path: Path<String>,
    query: Query<Saved>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let ctx = context(&state, token.clone()).await?;
    let input = ctx.latest.as_ref().map_or_else(
        || AnswerInput::blank(&ctx.meeting.settings),
        |(a, _, _)| AnswerInput::from_answer(a),
    );
    let notice = query
        .saved
        .map(|v| format!("Thank you. Your group's answer was saved as version {v}. You can change it until the deadline."));
    page(
        StatusCode::OK,
        &render(&ctx, csrf.0, token, input, FieldErrors::new(), notice),
    )
}

#[post("/c/{token}")]
pub async fn save(
    state: Data<AppState>,
    csrf: CsrfToken,
    path: Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    // A save needs the link and the meeting only; the rest of the page is
    // read when the form is shown again (a quick fill, an error, a closed
    // consultation).
    let open = token.clone();
    let (link, meeting) = db(&state, move |conn| open_link(conn, &open)).await?;
    let mut input = AnswerInput::from_pairs(&pairs);
    let outcome = if is_read_only(&meeting) {
        Err(Shown::Closed)
    } else if input.fill.is_some() {
        let understood = input.apply_fill(&meeting.settings.units());
        Err(Shown::Filled(understood))
    } else {
        Answer::parse(&input, &meeting.settings).map_err(Shown::Invalid)
    };
    let answer = match outcome {
        Ok(answer) => answer,
        Err(shown) => {
            let ctx = db(&state, move |conn| page_context(conn, &link, meeting)).await?;
            return shown.page(&ctx, csrf.0, token, input);
        }
    };
    let save = Save {
        meeting_id: link.meeting_id,
        group_id: link.group_id,
        link_id: link.id,
        answer,
    };
    let version = state.answers.save(save).await?;
    Ok(see_other(&format!("/c/{token}?saved={version}")))
}

/// Why a POST shows the form again instead of saving.
enum Shown {
    /// The consultation no longer takes answers.
    Closed,
    /// A quick fill, understood or not; nothing is saved.
    Filled(bool),
    /// The answer has errors at these fields.
    Invalid(FieldErrors),
}

impl Shown {
    fn page(
        self,
        ctx: &Context,
        csrf: String,
        token: String,
        input: AnswerInput,
    ) -> Result<HttpResponse, AppError> {
        let (status, input, errors, notice) = match self {
            Shown::Closed => (
                StatusCode::CONFLICT,
                ctx.latest
                    .as_ref()
                    .map(|(a, _, _)| AnswerInput::from_answer(a))
                    .unwrap_or_default(),
                FieldErrors::new(),
                Some(
                    "The consultation is closed: answers can no longer be changed. Nothing was saved.",
                ),
            ),
            Shown::Filled(understood) => (
                StatusCode::OK,
                input,
                FieldErrors::new(),
                Some(if understood {
                    "Filled in. Nothing is saved yet: check the days, then press \u{201c}Save the answer\u{201d}."
                } else {
                    "That quick fill was not understood; nothing changed."
                }),
            ),
            Shown::Invalid(errors) => (StatusCode::UNPROCESSABLE_ENTITY, input, errors, None),
        };
        page(
            status,
            &render(ctx, csrf, token, input, errors, notice.map(str::to_owned)),
        )
    }
}
