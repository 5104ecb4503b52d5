//! The proposals page: heat map of every answer, the groups' modality
//! preferences and comments, the ranked slots with their reasons, a duration
//! filter, the settings that produced them. Approval is in `approval.rs`.

use crate::web::extract::Query;
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get};
use askama::Template;
use chrono::{Datelike, Weekday};
use serde::Deserialize;

use super::approval::{Preferences, preferences};
use crate::db::approval;
use crate::db::proposals::{self, ProposalData};
use crate::domain::answer::Availability;
use crate::domain::meeting::{Granularity, Status};
use crate::domain::proposals::{Proposal, propose};
use crate::domain::units::{Half, Unit};
use crate::web::csrf::CsrfToken;
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, Layout, db, page};

/// How many proposals the page lists.
pub const SHOWN: usize = 10;

/// One cell of the heat map: its class (colour and symbol, from the
/// stylesheet) and the word a screen reader reads. The group and the unit are
/// the cell's row and column headers, not repeated in every cell: a year of
/// half-days for seven groups is 3,640 cells.
#[derive(Clone, Copy)]
pub struct Cell {
    pub class: &'static str,
    pub word: &'static str,
}

impl Cell {
    fn of(answer: Option<Availability>) -> Cell {
        let (class, word) = match answer {
            Some(Availability::Yes) => ("yes", "available"),
            Some(Availability::IfNeedBe) => ("maybe", "if need be"),
            Some(Availability::No) => ("no", "unavailable"),
            None => ("none", "no answer"),
        };
        Cell { class, word }
    }
}

pub struct HeatRow {
    pub group: String,
    pub cells: Vec<Cell>,
}

pub struct ProposalView {
    pub rank: usize,
    pub label: String,
    pub start: String,
    pub duration: u32,
    pub meets_quorum: bool,
    pub available: String,
    pub if_need_be: Vec<String>,
    pub unable: Vec<String>,
    pub not_answered: String,
    /// How many able groups prefer this slot's duration.
    pub preferring: u32,
}

#[derive(Template)]
#[template(path = "secretariat/proposals.html")]
struct ProposalsPage {
    layout: Layout,
    id: i64,
    title: String,
    status: Status,
    zone: String,
    months: Vec<(String, usize)>,
    columns: Vec<Column>,
    heat: Vec<HeatRow>,
    proposals: Vec<ProposalView>,
    any_meets_quorum: bool,
    durations: Vec<(u32, String)>,
    chosen: Option<u32>,
    units: Vec<(String, String)>,
    rule: String,
    settings: Vec<(&'static str, String)>,
    approved: Option<String>,
    preferences: Preferences,
}

fn names(data: &ProposalData, ids: &[i64]) -> String {
    ids.iter()
        .filter_map(|id| data.group(*id).map(|g| g.name.clone()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn unit_list(units: &[Unit]) -> String {
    units.iter().map(Unit::label).collect::<Vec<_>>().join("; ")
}

pub fn view(data: &ProposalData, rank: usize, p: &Proposal) -> ProposalView {
    let s = &data.meeting.settings;
    let group_name = |id: i64| {
        data.group(id)
            .map_or_else(|| id.to_string(), |g| g.name.clone())
    };
    ProposalView {
        rank,
        label: approval::describe(s, &p.units),
        start: p.start.key(),
        duration: p.duration,
        meets_quorum: p.meets_quorum,
        available: names(data, &p.available),
        if_need_be: p
            .if_need_be
            .iter()
            .map(|(id, units)| {
                format!(
                    "{} (only if need be on {})",
                    group_name(*id),
                    unit_list(units)
                )
            })
            .collect(),
        unable: p
            .unable
            .iter()
            .map(|b| {
                let mut why = Vec::new();
                if !b.units.is_empty() {
                    why.push(format!("unavailable on {}", unit_list(&b.units)));
                }
                if b.duration_refused {
                    why.push(format!("does not accept {}", s.duration_label(p.duration)));
                }
                format!("{}: {}", group_name(b.group), why.join("; "))
            })
            .collect(),
        not_answered: names(data, &p.not_answered),
        preferring: p.preferring,
    }
}

/// A column header of the heat map, readable without hovering: "Mon 1", and
/// "Mon 1 AM" for a half-day, on two lines to keep the columns narrow; the
/// month is the header above.
pub struct Column {
    pub weekday: Weekday,
    pub day: u32,
    pub half: &'static str,
}

/// The heat map's header rows (months with their spans; each unit's
/// column) and one row per group.
struct HeatMap {
    months: Vec<(String, usize)>,
    columns: Vec<Column>,
    rows: Vec<HeatRow>,
}

/// Built for every view of the page (3,640 cells for a year of half-days
/// and seven groups), so without formatting a date per cell or looking a
/// key up: each answer is already a row indexed like the units.
fn heat_map(data: &ProposalData) -> HeatMap {
    let units = &data.input.units;
    let mut months: Vec<(String, usize)> = Vec::new();
    let mut current = None;
    for unit in units {
        let month = (unit.date.year(), unit.date.month());
        match months.last_mut() {
            Some((_, span)) if current == Some(month) => *span += 1,
            _ => {
                current = Some(month);
                months.push((unit.date.format("%b %Y").to_string(), 1));
            }
        }
    }
    let columns = units
        .iter()
        .map(|u| Column {
            weekday: u.date.weekday(),
            day: u.date.day(),
            half: match u.half {
                None => "",
                Some(Half::Am) => " AM",
                Some(Half::Pm) => " PM",
            },
        })
        .collect();
    let rows = data
        .groups
        .iter()
        .map(|g| {
            let answer = data.answers.get(&g.id);
            HeatRow {
                group: g.name.clone(),
                cells: (0..units.len())
                    .map(|i| Cell::of(answer.and_then(|a| a.units.get(i))))
                    .collect(),
            }
        })
        .collect();
    HeatMap {
        months,
        columns,
        rows,
    }
}

pub const RULE: &str = "Best first: (a) meets the quorum; (b) larger sum of the able groups' weights; \
(c) fewer \u{201c}if need be\u{201d} answers among the able groups; (d) more able groups preferring that duration \
(a group that cannot come does not pull a slot up); (e) earlier start; (f) shorter duration. A group is able when it answered available or if need be on every \
day of the slot and accepts its duration; a group that has not answered is never counted as able.";

#[derive(Deserialize)]
pub struct Filter {
    duration: Option<String>,
}

#[get("/meetings/{id}/proposals")]
pub async fn show(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    path: Path<i64>,
    query: Query<Filter>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let data = db(&state, move |conn| Ok(proposals::load(conn, id)?)).await?;
    let chosen = query
        .duration
        .as_deref()
        .and_then(|d| d.parse::<u32>().ok());
    let ranked = propose(&data.input, SHOWN, chosen);
    let s = &data.meeting.settings;
    let HeatMap {
        months,
        columns,
        rows: heat,
    } = heat_map(&data);
    let approved = data.meeting.approval.as_ref().map(|a| {
        let units: Vec<Unit> = a.units.iter().filter_map(|k| Unit::parse_key(k)).collect();
        approval::describe(s, &units)
    });
    let page_data = ProposalsPage {
        layout: Layout {
            user_name: user.display_name().to_owned(),
            csrf: csrf.0,
        },
        id,
        title: s.title.clone(),
        status: data.meeting.status,
        zone: s.time_zone.name().to_owned(),
        months,
        columns,
        heat,
        any_meets_quorum: ranked.iter().any(|p| p.meets_quorum),
        proposals: ranked
            .iter()
            .enumerate()
            .map(|(i, p)| view(&data, i + 1, p))
            .collect(),
        durations: s
            .durations
            .iter()
            .map(|&d| (d, s.duration_label(d)))
            .collect(),
        chosen,
        units: data
            .input
            .units
            .iter()
            .map(|u| (u.key(), u.label()))
            .collect(),
        rule: RULE.to_owned(),
        settings: vec![
            (
                "Window",
                format!(
                    "{} to {} ({})",
                    s.window_start,
                    s.window_end,
                    s.time_zone.name()
                ),
            ),
            (
                "Answers per",
                match s.granularity {
                    Granularity::Day => "day".into(),
                    Granularity::HalfDay => "half-day".into(),
                },
            ),
            (
                "Durations",
                s.durations
                    .iter()
                    .map(|&d| s.duration_label(d))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            (
                "Quorum",
                s.quorum.map_or_else(
                    || format!("all {} groups", s.groups.len()),
                    |q| format!("{q} of {} groups", s.groups.len()),
                ),
            ),
            (
                "Across weekends and excluded days",
                if s.allow_spanning {
                    "allowed".into()
                } else {
                    "not allowed".into()
                },
            ),
            (
                "Groups answered",
                format!("{} of {}", data.answers.len(), data.groups.len()),
            ),
            (
                "Weights",
                format!(
                    "{} ({})",
                    data.groups
                        .iter()
                        .map(|g| format!("{} {}", g.name, g.weight))
                        .collect::<Vec<_>>()
                        .join(", "),
                    if data.fixed {
                        "as they were when the consultation closed; answers as of then too"
                    } else {
                        "from the directory; fixed when the consultation closes"
                    }
                ),
            ),
        ],
        approved,
        preferences: preferences(&data),
    };
    page(StatusCode::OK, &page_data)
}
