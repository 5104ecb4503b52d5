//! The availability form. GET shows it (never changes anything); POST either
//! applies a quick fill and shows the form again unsaved, or saves a new
//! version of the group's answer. After the deadline the form is read-only.
//!
//! The page is written in the language of the contact the link was sent to
//! (English when the link has no contact or the contact's language is not
//! one of the six). The grid's repeated words come from [`GridWords`], made
//! once per language; the domain's validation messages are English and are
//! written again in the reader's language here, at the edge.

use std::sync::Arc;

use crate::web::extract::Query;
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get, post};

use askama::Template;
use chrono::{NaiveDate, Timelike};
use serde::Deserialize;

use crate::config::Settings;
use crate::db::DbConnection;
use crate::db::answers::{AnswerRow, group_commit::SaveError};
use crate::db::consultation::{self, LinkRefusal};
use crate::db::meetings::{self, Meeting};
use crate::db::translations;
use crate::domain::answer::{AnswerInput, Availability, MAX_COMMENT_CHARS};
use crate::domain::meeting::{FieldErrors, MeetingSettings, Modality, Status};
use crate::domain::names::Translations;
use crate::domain::units::{Granularity, Unit};
use crate::i18n::Language;
use crate::i18n::{Messages, format};
use crate::web::coordinator::grid::{Grid, Stored};
use crate::web::coordinator::words::GridWords;
use crate::web::csrf::CsrfToken;
use crate::web::personal::{self, Asked, PersonalForm, Refused, Text};
use crate::web::{AppError, AppState, db, page, see_other};

#[derive(Template)]
#[template(path = "coordinator/form.html")]
struct FormPage<'a> {
    t: Messages,
    w: &'static GridWords,
    csrf: String,
    token: String,
    group: Text,
    title: Text,
    purpose: Text,
    organiser: String,
    zone: String,
    window: String,
    sessions: String,
    deadline: String,
    deadline_utc: String,
    grid: &'a Grid,
    /// The week the week-fill selector shows chosen: after a week was filled,
    /// the one after it, so that repeated fills walk down the window.
    fill_week: Option<NaiveDate>,
    half_days: bool,
    durations: Vec<(u32, String)>,
    modalities: Vec<(Modality, String)>,
    input: &'a AnswerInput,
    errors: FieldErrors,
    read_only: bool,
    saved: Option<String>,
    notice: Option<String>,
    choices: [Availability; 3],
    /// The language the reader chose with the switcher, carried through the
    /// form's POST and redirect; `None` for the contact's own.
    chosen: Option<Language>,
    languages: [Language; 6],
}

impl FormPage<'_> {
    fn error(&self, field: &str) -> Option<&String> {
        self.errors.get(field)
    }

    fn offers(&self, week: &NaiveDate) -> bool {
        self.fill_week == Some(*week)
    }
}

struct Context {
    meeting: Meeting,
    group_id: i64,
    group: Text,
    language: Language,
    chosen: Option<Language>,
    /// The group's current answer, as stored.
    latest: Option<AnswerRow>,
}

/// The error page of a refused link: in the language of the contact the
/// link was sent to when the token is known, else in the browser's.
fn refused(
    conn: &mut DbConnection,
    token: &str,
    refusal: LinkRefusal,
    asked: Language,
    settings: &Settings,
) -> Result<AppError, AppError> {
    let language = match consultation::link_by_token(conn, token)? {
        Some(link) => {
            consultation::link_language(conn, &link)?.map_or(asked, |tag| Language::from_tag(&tag))
        }
        None => asked,
    };
    Ok(Refused::error(refusal.into(), language, settings))
}

/// Everything the page needs: the link (refused with a page that says why,
/// in the reader's language, when it opens nothing), its meeting, the
/// group's name in the reader's language and its current answer. Read in one
/// go (`db::reads`).
async fn context(
    state: &Data<AppState>,
    token: String,
    asked: Language,
    chosen: Option<Language>,
) -> Result<Context, AppError> {
    let settings = state.settings.clone();
    db(state, move |conn| {
        crate::db::reads(conn, |conn| {
            let reader = match consultation::open_link_to_read(conn, &token)? {
                Ok(reader) => reader,
                Err(refusal) => {
                    return Err(refused(
                        conn,
                        &token,
                        refusal,
                        chosen.unwrap_or(asked),
                        &settings,
                    )?);
                }
            };
            let language = chosen.unwrap_or_else(|| {
                reader
                    .language
                    .as_deref()
                    .map_or(Language::En, Language::from_tag)
            });
            let link = &reader.link;
            let meeting = meetings::for_reader(conn, reader.meeting, language)?;
            // English reads the default name: no translation to look up.
            let names = if language == Language::DEFAULT {
                Translations::default()
            } else {
                translations::group_names(conn, link.group_id)?
            };
            let group = Text::from(names.resolve(&reader.group_name, language.tag()));
            let latest = reader.current;
            Ok(Context {
                meeting,
                group_id: link.group_id,
                group,
                language,
                chosen,
                latest,
            })
        })
    })
    .await
}

fn is_read_only(meeting: &Meeting) -> bool {
    meeting.status != Status::Consulting
        || meeting.settings.deadline.naive_utc() <= crate::db::now()
}

/// The form showing `input` over `grid` (made from that input).
fn render<'a>(
    ctx: &Context,
    csrf: String,
    token: String,
    (input, grid): (&'a AnswerInput, &'a Grid),
    errors: FieldErrors,
    notice: Option<String>,
) -> FormPage<'a> {
    let s = &ctx.meeting.settings;
    let zone = s.time_zone;
    let language = ctx.language;
    let t = Messages::new(language);
    let w = GridWords::of(language);
    let errors = localise_errors(errors, input, s, &t);
    let fill_week = input
        .fill_week
        .parse::<NaiveDate>()
        .ok()
        .and_then(|filled| {
            grid.weeks
                .iter()
                .map(|w| w.start)
                .find(|&start| start > filled)
        });
    let session = |i: usize| {
        let (start, end) = (s.sessions[i].start, s.sessions[i].end);
        format!(
            "{}–{}",
            format::clock(start.hour(), start.minute(), language),
            format::clock(end.hour(), end.minute(), language)
        )
    };
    FormPage {
        csrf,
        token,
        group: ctx.group.clone(),
        title: Text::from(s.title_in(language.tag())),
        purpose: Text::from(s.purpose_in(language.tag())),
        organiser: s.organiser.clone(),
        zone: zone.name().to_owned(),
        window: t.tr_with(
            "form-dates-value",
            (
                ("start", &format::date_short(s.window_start, language)),
                ("end", &format::date_short(s.window_end, language)),
            ),
        ),
        sessions: t.tr_with(
            "form-sessions-value",
            (
                ("first", &session(0)),
                ("second", &session(1)),
                ("zone", zone.name()),
            ),
        ),
        deadline: format::in_zone(s.deadline, zone, language),
        deadline_utc: format::in_utc(s.deadline, language),
        grid,
        fill_week,
        half_days: s.granularity == Granularity::HalfDay,
        durations: s
            .durations
            .iter()
            .map(|&d| (d, duration_label(s.granularity, d, &t)))
            .collect(),
        modalities: s
            .modalities
            .iter()
            .map(|&m| (m, t.tr(modality_id(m))))
            .collect(),
        input,
        read_only: is_read_only(&ctx.meeting),
        errors,
        saved: ctx.latest.as_ref().map(|row| {
            t.tr_with(
                "form-saved-version",
                (
                    ("version", i64::from(row.version)),
                    (
                        "at",
                        &format::in_zone(row.submitted_at.and_utc(), zone, language),
                    ),
                ),
            )
        }),
        notice,
        choices: Availability::ALL,
        chosen: ctx.chosen,
        languages: Language::ALL,
        t,
        w,
    }
}

/// A duration as the form offers it: "2 days", "half a day", "1.5 days".
fn duration_label(granularity: Granularity, units: u32, t: &Messages) -> String {
    match granularity {
        Granularity::Day => t.tr_with("form-days-count", ("count", units)),
        Granularity::HalfDay if units == 1 => t.tr("form-half-a-day"),
        Granularity::HalfDay if units.is_multiple_of(2) => {
            t.tr_with("form-days-count", ("count", units / 2))
        }
        Granularity::HalfDay => t.tr_with("form-days-and-half", ("days", units / 2)),
    }
}

fn modality_id(modality: Modality) -> &'static str {
    match modality {
        Modality::InPerson => "form-in-person",
        Modality::Hybrid => "form-hybrid",
        Modality::Virtual => "form-virtual",
    }
}

/// The domain's messages (English) in the reader's language, by the field
/// they are about. English keeps the domain's own sentences.
fn localise_errors(
    errors: FieldErrors,
    input: &AnswerInput,
    settings: &MeetingSettings,
    t: &Messages,
) -> FieldErrors {
    if t.language() == Language::En || errors.is_empty() {
        return errors;
    }
    errors
        .into_keys()
        .map(|field| {
            let message = match field {
                "units" => missing_units(input, settings, t),
                "accepted" => t.tr("form-error-accepted"),
                "preferred" => t.tr("form-error-preferred"),
                "modality" => t.tr("form-error-modality"),
                _ => t.tr_with("form-error-comment", ("max", MAX_COMMENT_CHARS)),
            };
            (field, message)
        })
        .collect()
}

/// How many units are still without an answer, and the first of them.
fn missing_units(input: &AnswerInput, settings: &MeetingSettings, t: &Messages) -> String {
    let missing: Vec<Unit> = settings
        .units()
        .into_iter()
        .filter(|unit| {
            input
                .units
                .get(&unit.key())
                .and_then(|v| Availability::parse(v))
                .is_none()
        })
        .collect();
    let Some(first) = missing.first() else {
        return t.tr("form-not-saved");
    };
    let w = GridWords::of(t.language());
    let first = format!(
        "{}{}",
        format::date_short(first.date, t.language()),
        w.half(first.half)
    );
    let id = match settings.granularity {
        Granularity::Day => "form-error-units",
        Granularity::HalfDay => "form-error-half-units",
    };
    t.tr_with(id, (("count", missing.len()), ("first", &first)))
}

#[derive(Deserialize)]
pub struct Saved {
    saved: Option<i32>,
    /// The switcher's choice (`?lang=fr`); anything not one of the six is
    /// ignored. Reading it changes nothing stored.
    lang: Option<String>,
}

#[get("/c/{token}")]
pub async fn show(
    state: Data<AppState>,
    csrf: CsrfToken,
    path: Path<String>,
    query: Query<Saved>,
    Asked(asked): Asked,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let chosen = query.lang.as_deref().and_then(Language::parse);
    let ctx = context(&state, token.clone(), asked, chosen).await?;
    let t = Messages::new(ctx.language);
    let stored = stored(&state, &ctx, &t)?;
    let notice = query
        .saved
        .map(|v| t.tr_with("form-saved-notice", ("version", i64::from(v))));
    page(
        StatusCode::OK,
        &render(
            &ctx,
            csrf.0,
            token,
            (&stored.input, &stored.grid),
            FieldErrors::new(),
            notice,
        ),
    )
}

/// The form of the group's stored answer (the kept one when it still shows
/// exactly that; see `grid`).
fn stored(state: &AppState, ctx: &Context, t: &Messages) -> Result<Arc<Stored>, AppError> {
    let settings = &ctx.meeting.settings;
    let link = (ctx.meeting.id, ctx.group_id);
    Ok(state.grids.stored(
        link,
        ctx.latest.as_ref(),
        settings.units(),
        || AnswerInput::blank(settings),
        t,
    )?)
}

#[post("/c/{token}")]
pub async fn save(
    state: Data<AppState>,
    csrf: CsrfToken,
    path: Path<String>,
    Asked(asked): Asked,
    form: PersonalForm,
) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    let chosen = form.chosen();
    let PersonalForm(pairs) = form;
    let mut input = AnswerInput::from_pairs(pairs);
    if input.fill.is_some() {
        let ctx = context(&state, token.clone(), asked, chosen).await?;
        let shown = if is_read_only(&ctx.meeting) {
            Shown::Closed
        } else {
            Shown::Filled(input.apply_fill(&ctx.meeting.settings.units()))
        };
        return shown.page(&state, &ctx, csrf.0, token, input);
    }
    // The writer opens the link, checks the meeting and parses the answer
    // itself (`AnswerSaver::submit`): a save makes no trip of its own to the
    // database. The rest of the page is read only when the form is shown
    // again.
    let (shown, input) = match state.answers.submit(token.clone(), input).await {
        Ok(version) => {
            let lang = personal::keep_language(chosen);
            return Ok(see_other(&format!("/c/{token}?saved={version}{lang}")));
        }
        Err(SaveError::Closed) => (Shown::Closed, AnswerInput::default()),
        Err(SaveError::Invalid(invalid)) => {
            let (errors, input) = *invalid;
            (Shown::Invalid(errors), input)
        }
        Err(SaveError::Link(refusal)) => {
            let settings = state.settings.clone();
            return Err(db(&state, move |conn| {
                refused(conn, &token, refusal, chosen.unwrap_or(asked), &settings)
            })
            .await?);
        }
        Err(other) => return Err(other.into()),
    };
    let ctx = context(&state, token.clone(), asked, chosen).await?;
    shown.page(&state, &ctx, csrf.0, token, input)
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
        state: &AppState,
        ctx: &Context,
        csrf: String,
        token: String,
        input: AnswerInput,
    ) -> Result<HttpResponse, AppError> {
        let t = Messages::new(ctx.language);
        let (status, errors, notice) = match self {
            // The stored answer, as a view shows it.
            Shown::Closed => {
                let stored = stored(state, ctx, &t)?;
                let notice = Some(t.tr("form-closed-notice"));
                let form = render(
                    ctx,
                    csrf,
                    token,
                    (&stored.input, &stored.grid),
                    FieldErrors::new(),
                    notice,
                );
                return page(StatusCode::CONFLICT, &form);
            }
            Shown::Filled(understood) => (
                StatusCode::OK,
                FieldErrors::new(),
                Some(t.tr(if understood {
                    "form-filled"
                } else {
                    "form-fill-unknown"
                })),
            ),
            Shown::Invalid(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors, None),
        };
        // The person's own input, never kept.
        let missing = errors.contains_key("units");
        let grid = Grid::render(&ctx.meeting.settings.units(), &input, missing, &t);
        page(
            status,
            &render(ctx, csrf, token, (&input, &grid), errors, notice),
        )
    }
}
