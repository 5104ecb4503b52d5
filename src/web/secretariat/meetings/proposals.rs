//! The proposals page: heat map of every answer, the groups' modality
//! preferences and comments, the ranked slots with their reasons, a duration
//! filter, the settings that produced them. Approval is in `approval.rs`.

use crate::web::extract::Query;
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get};
use askama::Template;
use serde::Deserialize;

use super::approval::{Preferences, preferences};
use super::heat_map::{HeatMap, heat_map, unit_options};
use crate::db::approval;
use crate::db::proposals::{self, ProposalData};
use crate::domain::meeting::{Granularity, Status};
use crate::domain::proposals::{Proposal, propose};
use crate::domain::units::Unit;
use crate::web::csrf::CsrfToken;
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, Layout, db, page};

/// How many proposals the page lists.
pub const SHOWN: usize = 10;

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
    heat: HeatMap,
    proposals: Vec<ProposalView>,
    any_meets_quorum: bool,
    durations: Vec<(u32, String)>,
    chosen: Option<u32>,
    /// The own-slot selector's options, as markup ([`unit_options`]).
    unit_options: String,
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
    let heat = heat_map(&data);
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
        unit_options: unit_options(&data.input.units),
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
