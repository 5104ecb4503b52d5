//! Who comes: the replies to a meeting's invitations counted by category and
//! by regional group, the list of invitees with their delegations, and the
//! same list as CSV.
//!
//! Decisions:
//! - Counts come from [`tally`], so the page and any other
//!   count agree; regional groups are those of member states only.
//! - The CSV has one row per delegate and one row for an invitee without
//!   delegates (name and function empty), so that it can be filtered and
//!   counted in a spreadsheet; times are UTC in ISO 8601. Cells are written
//!   as [`super::exports`] writes them.

use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get};
use askama::Template;

use super::exports::{csv_error, csv_response};
use crate::db::invitations::{self, Participant};
use crate::db::meetings::{self, Meeting};
use crate::domain::invitation::{Category, Delegate};
use crate::domain::invitation::{Tally, tally};
use crate::domain::meeting::{show_instant, show_span};
use crate::domain::spreadsheet::CsvWriter;
use crate::web::csrf::CsrfToken;
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, Layout, db, page};

pub struct CountRow {
    pub label: String,
    pub tally: Tally,
}

/// One invitee in the list.
pub struct Line {
    pub name: String,
    pub category: &'static str,
    pub group: String,
    pub reply: &'static str,
    pub delegates: Vec<Delegate>,
    pub note: String,
    pub replied: String,
}

#[derive(Template)]
#[template(path = "secretariat/participants.html")]
struct ParticipantsPage {
    layout: Layout,
    id: i64,
    title: String,
    when: String,
    when_utc: String,
    by_category: Vec<CountRow>,
    by_group: Vec<CountRow>,
    total: Tally,
    lines: Vec<Line>,
}

async fn load(state: &Data<AppState>, id: i64) -> Result<(Meeting, Vec<Participant>), AppError> {
    db(state, move |conn| {
        let meeting = meetings::get(conn, id)?;
        Ok((meeting, invitations::participants(conn, id)?))
    })
    .await
}

fn category_short(category: Category) -> &'static str {
    match category {
        Category::MemberState => "Member state",
        Category::Igo => "IGO",
        Category::Ngo => "NGO",
        Category::Guest => "Other",
    }
}

fn reply_label(p: &Participant) -> &'static str {
    p.invitee.response().map_or("No reply", |r| r.label())
}

#[get("/meetings/{id}/participants")]
pub async fn show(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    path: Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (meeting, participants) = load(&state, path.into_inner()).await?;
    let zone = meeting.settings.time_zone;
    let (when, when_utc) = meeting
        .approval
        .as_ref()
        .map(|a| show_span(a.start, a.end, zone))
        .unwrap_or_default();
    let tallies = tally(participants.iter().map(Participant::counted));
    let lines = participants
        .iter()
        .map(|p| Line {
            name: p.invitee.name.clone(),
            category: category_short(p.invitee.category()),
            group: p.invitee.group_name.clone().unwrap_or_default(),
            reply: reply_label(p),
            delegates: p.delegates.clone(),
            note: p.invitee.note.clone(),
            replied: p
                .invitee
                .responded_at
                .map(|at| show_instant(at.and_utc(), zone))
                .unwrap_or_default(),
        })
        .collect();
    page(
        StatusCode::OK,
        &ParticipantsPage {
            layout: Layout {
                user_name: user.display_name().to_owned(),
                csrf: csrf.0,
            },
            id: meeting.id,
            title: meeting.settings.title.clone(),
            when,
            when_utc,
            by_category: tallies
                .by_category
                .into_iter()
                .map(|(c, tally)| CountRow {
                    label: c.label().to_owned(),
                    tally,
                })
                .collect(),
            by_group: tallies
                .by_group
                .into_iter()
                .map(|(label, tally)| CountRow { label, tally })
                .collect(),
            total: tallies.total,
            lines,
        },
    )
}

#[get("/meetings/{id}/participants.csv")]
pub async fn export(
    state: Data<AppState>,
    _user: CurrentUser,
    path: Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (_, participants) = load(&state, id).await?;
    let mut out = CsvWriter::new();
    out.row([
        "invitee",
        "category",
        "regional_group",
        "response",
        "delegate_name",
        "delegate_function",
        "note",
        "replied_at",
    ])
    .map_err(csv_error)?;
    let nobody = [Delegate {
        name: String::new(),
        function: String::new(),
    }];
    for p in &participants {
        let invitee = &p.invitee;
        let response = invitee.response().map_or("no_reply", |r| r.as_str());
        let replied_at = invitee
            .responded_at
            .map(|at| at.and_utc().format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_default();
        let delegates: &[Delegate] = if p.delegates.is_empty() {
            &nobody
        } else {
            &p.delegates
        };
        for d in delegates {
            out.row([
                invitee.name.as_str(),
                invitee.category().as_str(),
                invitee.group_name.as_deref().unwrap_or_default(),
                response,
                d.name.as_str(),
                d.function.as_str(),
                invitee.note.as_str(),
                replied_at.as_str(),
            ])
            .map_err(csv_error)?;
        }
    }
    Ok(csv_response(
        &format!("meeting-{id}-participants.csv"),
        out.into_bytes().map_err(csv_error)?,
    ))
}
