//! CSV exports of a meeting's consultation: the answers (one row per group and
//! unit) and every proposal in rank order.

use actix_web::http::header;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get};

use crate::db::proposals;
use crate::domain::proposals::propose;
use crate::domain::spreadsheet::CsvWriter;
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, db};

pub(super) fn csv_response(name: &str, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(bytes)
}

pub(super) fn csv_error(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("CSV export failed: {e}"))
}

#[get("/meetings/{id}/answers.csv")]
pub async fn answers(
    state: Data<AppState>,
    _user: CurrentUser,
    path: Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let data = db(&state, move |conn| Ok(proposals::load(conn, id)?)).await?;
    let mut out = CsvWriter::new();
    out.row([
        "group",
        "short_name",
        "unit",
        "date",
        "half",
        "answer",
        "accepts_durations",
        "preferred_duration",
        "modality",
    ])
    .map_err(csv_error)?;
    for group in &data.groups {
        let answer = data.answers.get(&group.id);
        for (i, unit) in data.input.units.iter().enumerate() {
            let value = answer
                .and_then(|a| a.units.get(i))
                .map_or("no answer", |a| a.as_str());
            let half = match unit.half {
                None => "",
                Some(crate::domain::units::Half::Am) => "am",
                Some(crate::domain::units::Half::Pm) => "pm",
            };
            out.row([
                group.name.as_str(),
                group.short_name.as_str(),
                &unit.key(),
                &unit.date.to_string(),
                half,
                value,
                &answer.map_or(String::new(), |a| {
                    a.accepted_durations
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(" ")
                }),
                &answer
                    .and_then(|a| a.preferred_duration)
                    .map_or(String::new(), |d| d.to_string()),
                answer.and_then(|a| a.modality).map_or("", |m| m.as_str()),
            ])
            .map_err(csv_error)?;
        }
    }
    Ok(csv_response(
        &format!("meeting-{id}-answers.csv"),
        out.into_bytes().map_err(csv_error)?,
    ))
}

#[get("/meetings/{id}/proposals.csv")]
pub async fn ranked(
    state: Data<AppState>,
    _user: CurrentUser,
    path: Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let data = db(&state, move |conn| Ok(proposals::load(conn, id)?)).await?;
    // Group names may hold spaces ("Group B"): `; ` keeps them apart.
    let name = |ids: &[i64]| {
        ids.iter()
            .filter_map(|id| data.group(*id).map(|g| g.short_name.clone()))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut out = CsvWriter::new();
    out.row([
        "rank",
        "first_unit",
        "last_unit",
        "duration_units",
        "meets_quorum",
        "able_weight",
        "if_need_be_answers",
        "groups_preferring",
        "available",
        "if_need_be",
        "unable",
        "not_answered",
    ])
    .map_err(csv_error)?;
    for (rank, p) in propose(&data.input, usize::MAX, None).iter().enumerate() {
        let maybe: Vec<i64> = p.if_need_be.iter().map(|(g, _)| *g).collect();
        let unable: Vec<i64> = p.unable.iter().map(|b| b.group).collect();
        out.row([
            (rank + 1).to_string(),
            p.start.key(),
            p.units.last().map(|u| u.key()).unwrap_or_default(),
            p.duration.to_string(),
            p.meets_quorum.to_string(),
            p.able_weight.to_string(),
            p.if_need_be_answers.to_string(),
            p.preferring.to_string(),
            name(&p.available),
            name(&maybe),
            name(&unable),
            name(&p.not_answered),
        ])
        .map_err(csv_error)?;
    }
    Ok(csv_response(
        &format!("meeting-{id}-proposals.csv"),
        out.into_bytes().map_err(csv_error)?,
    ))
}
