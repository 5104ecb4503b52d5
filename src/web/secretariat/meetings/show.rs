//! A meeting's own page: its settings, which groups answered (when, how many
//! versions), who has not, the personal links, the emails and the audit log.

use crate::web::extract::Query;
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get};
use askama::Template;
use serde::Deserialize;

use crate::db::answers::{self, AnswerRow};
use crate::db::consultation::{self, Link};
use crate::db::meetings::{self, Meeting};
use crate::db::{audit, outbox};
use crate::domain::answer::Availability;
use crate::domain::meeting::{Status, show_instant, show_utc};
use crate::web::csrf::CsrfToken;
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, Layout, db, page};

pub struct GroupRow {
    pub id: i64,
    pub name: String,
    pub answered: Option<String>,
    pub versions: i32,
    pub summary: String,
    pub links: Vec<LinkRow>,
}

pub struct LinkRow {
    pub id: i64,
    pub email: String,
    pub issued: String,
    pub state: &'static str,
    pub live: bool,
}

pub struct AuditRow {
    pub at: String,
    pub actor: String,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "secretariat/meeting.html")]
struct MeetingPage {
    layout: Layout,
    id: i64,
    title: String,
    purpose: String,
    organiser: String,
    status: Status,
    zone: String,
    window: String,
    granularity: String,
    durations: String,
    modalities: String,
    excluded: Vec<String>,
    deadline: String,
    deadline_utc: String,
    quorum: String,
    reminders: String,
    groups: Vec<GroupRow>,
    missing: Vec<String>,
    audit: Vec<AuditRow>,
    mail: [(&'static str, i64); 4],
    notice: Option<&'static str>,
    approved: Option<String>,
}

#[derive(Deserialize)]
pub struct Done {
    pub done: Option<String>,
}

fn notice(done: Option<&str>) -> Option<&'static str> {
    Some(match done? {
        "saved" => "The draft was saved.",
        "opened" => "The consultation is open: each coordinator's personal link is on its way.",
        "closed" => "The consultation is closed; the forms are now read-only.",
        "reminded" => "Reminders are on their way to the groups that have not answered.",
        "nobody" => "Every group has answered; nobody needed a reminder.",
        "revoked" => "The link was revoked; it no longer opens the form.",
        "reissued" => "A new link is on its way; the old one no longer works.",
        "approved" => "The slot is approved; the coordinators are being told.",
        "cancelled" => "The meeting is cancelled.",
        _ => return None,
    })
}

fn link_row(link: &Link, zone: chrono_tz::Tz) -> LinkRow {
    let now = crate::db::now();
    let (state, live) = if link.revoked_at.is_some() {
        ("revoked", false)
    } else if link.expires_at <= now {
        ("expired", false)
    } else {
        ("active", true)
    };
    LinkRow {
        id: link.id,
        email: link.email.clone(),
        issued: show_instant(link.created_at.and_utc(), zone),
        state,
        live,
    }
}

fn group_rows(
    conn: &mut crate::db::DbConnection,
    meeting: &Meeting,
) -> Result<Vec<GroupRow>, AppError> {
    let zone = meeting.settings.time_zone;
    let latest: Vec<AnswerRow> = answers::current_all(conn, meeting.id)?;
    let links = consultation::links(conn, meeting.id)?;
    let mut rows = Vec::new();
    for &group_id in &meeting.settings.groups {
        let name = consultation::group_name(conn, group_id)?;
        let answer = latest.iter().find(|a| a.group_id == group_id);
        let summary = match answer.map(AnswerRow::answer).transpose()? {
            Some(a) => format!(
                "{} available, {} if need be, {} unavailable",
                a.count(Availability::Yes),
                a.count(Availability::IfNeedBe),
                a.count(Availability::No)
            ),
            None => String::new(),
        };
        rows.push(GroupRow {
            id: group_id,
            name,
            answered: answer.map(|a| show_instant(a.submitted_at.and_utc(), zone)),
            versions: answer.map_or(0, |a| a.version),
            summary,
            links: links
                .iter()
                .filter(|l| l.group_id == group_id)
                .map(|l| link_row(l, zone))
                .collect(),
        });
    }
    Ok(rows)
}

#[get("/meetings/{id}")]
pub async fn show(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    path: Path<i64>,
    query: Query<Done>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (meeting, groups, entries, counts) = db(&state, move |conn| {
        let meeting = meetings::get(conn, id)?;
        let groups = group_rows(conn, &meeting)?;
        let entries = audit::for_meeting(conn, id)?;
        let counts = outbox::counts(conn, Some(id))?;
        Ok((meeting, groups, entries, counts))
    })
    .await?;
    let s = &meeting.settings;
    let zone = s.time_zone;
    let missing = groups
        .iter()
        .filter(|g| g.answered.is_none())
        .map(|g| g.name.clone())
        .collect();
    let page_data = MeetingPage {
        layout: Layout {
            user_name: user.display_name().to_owned(),
            csrf: csrf.0,
        },
        id,
        title: s.title.clone(),
        purpose: s.purpose.clone(),
        organiser: s.organiser.clone(),
        status: meeting.status,
        zone: zone.name().to_owned(),
        window: format!(
            "{} to {}",
            s.window_start.format("%a %-d %b %Y"),
            s.window_end.format("%a %-d %b %Y")
        ),
        granularity: match s.granularity {
            crate::domain::meeting::Granularity::Day => "whole days".into(),
            crate::domain::meeting::Granularity::HalfDay => "half-days".into(),
        },
        durations: s
            .durations
            .iter()
            .map(|&d| s.duration_label(d))
            .collect::<Vec<_>>()
            .join(", "),
        modalities: s
            .modalities
            .iter()
            .map(|m| m.label())
            .collect::<Vec<_>>()
            .join("; "),
        excluded: s
            .excluded
            .iter()
            .map(|(d, l)| {
                format!("{} {l}", d.format("%a %-d %b %Y"))
                    .trim_end()
                    .to_owned()
            })
            .collect(),
        deadline: show_instant(s.deadline, zone),
        deadline_utc: show_utc(s.deadline),
        quorum: s.quorum.map_or_else(
            || format!("all {} consulted groups", s.groups.len()),
            |q| format!("at least {q} of {} groups", s.groups.len()),
        ),
        reminders: if s.reminder_days.is_empty() {
            "none".into()
        } else {
            s.reminder_days
                .iter()
                .map(|d| format!("{d} days"))
                .collect::<Vec<_>>()
                .join(" and ")
                + " before the deadline"
        },
        groups,
        missing,
        audit: entries
            .into_iter()
            .map(|e| AuditRow {
                at: show_instant(e.at.and_utc(), zone),
                actor: e.actor,
                detail: e.detail,
            })
            .collect(),
        mail: [
            ("queued", counts.queued),
            ("sending", counts.sending),
            ("sent", counts.sent),
            ("failed", counts.failed),
        ],
        notice: notice(query.done.as_deref()),
        approved: meeting.approval.as_ref().map(|a| {
            let units: Vec<crate::domain::units::Unit> = a
                .units
                .iter()
                .filter_map(|k| crate::domain::units::Unit::parse_key(k))
                .collect();
            let timed = crate::domain::meeting::MeetingSettings {
                sessions: a.sessions,
                ..s.clone()
            };
            let bounds = (
                units
                    .first()
                    .and_then(|u| timed.unit_bounds(u))
                    .map(|b| b.0),
                units.last().and_then(|u| timed.unit_bounds(u)).map(|b| b.1),
            );
            let when = if bounds == (Some(a.start), Some(a.end)) {
                format!(
                    "{} — from {} to {}",
                    crate::db::approval::describe(s, &units),
                    show_instant(a.start, zone),
                    show_instant(a.end, zone)
                )
            } else {
                // Date or time changed after approval.
                format!(
                    "from {} to {} (changed after approval)",
                    show_instant(a.start, zone),
                    show_instant(a.end, zone)
                )
            };
            let mut decided = vec![when];
            decided.push(match a.modality {
                Some(m) => m.label().to_owned(),
                None => "modality not decided yet".to_owned(),
            });
            decided.extend(
                [a.venue.clone(), a.link.clone()]
                    .into_iter()
                    .filter(|t| !t.is_empty()),
            );
            decided.join("; ")
        }),
    };
    page(StatusCode::OK, &page_data)
}

pub struct VersionRow {
    pub version: i32,
    pub submitted: String,
    pub counts: String,
    pub durations: String,
    pub modality: String,
    pub comment: String,
    pub units: Vec<(String, &'static str)>,
}

#[derive(Template)]
#[template(path = "secretariat/answer_versions.html")]
struct VersionsPage {
    layout: Layout,
    meeting_id: i64,
    title: String,
    group: String,
    versions: Vec<VersionRow>,
}

/// Every version of one group's answer, newest first.
#[get("/meetings/{id}/groups/{group}/answers")]
pub async fn versions(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    path: Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (id, group_id) = path.into_inner();
    let (meeting, group, rows) = db(&state, move |conn| {
        let meeting = meetings::get(conn, id)?;
        if !meeting.settings.groups.contains(&group_id) {
            return Err(AppError::NotFound);
        }
        let group = consultation::group_name(conn, group_id)?;
        Ok((meeting, group, answers::versions(conn, id, group_id)?))
    })
    .await?;
    let s = &meeting.settings;
    let mut versions = Vec::new();
    for row in rows {
        let answer = row.answer()?;
        versions.push(VersionRow {
            version: row.version,
            submitted: show_instant(row.submitted_at.and_utc(), s.time_zone),
            counts: format!(
                "{} available, {} if need be, {} unavailable",
                answer.count(Availability::Yes),
                answer.count(Availability::IfNeedBe),
                answer.count(Availability::No)
            ),
            durations: if answer.accepted_durations.is_empty() {
                "none".into()
            } else {
                answer
                    .accepted_durations
                    .iter()
                    .map(|&d| s.duration_label(d))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            modality: answer
                .modality
                .map_or("no preference", |m| m.label())
                .to_owned()
                + &answer
                    .preferred_duration
                    .map(|d| format!("; prefers {}", s.duration_label(d)))
                    .unwrap_or_default(),
            comment: answer.comment.clone(),
            units: s
                .units()
                .iter()
                .map(|u| {
                    (
                        u.label(),
                        answer
                            .units
                            .get(&u.key())
                            .map_or("no answer", |a| a.label()),
                    )
                })
                .collect(),
        });
    }
    page(
        StatusCode::OK,
        &VersionsPage {
            layout: Layout {
                user_name: user.display_name().to_owned(),
                csrf: csrf.0,
            },
            meeting_id: id,
            title: s.title.clone(),
            group,
            versions,
        },
    )
}
