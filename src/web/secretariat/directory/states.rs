//! Member states: search and filter, confirm a flagged membership, edit.

use actix_web::http::StatusCode;
use actix_web::web::{Data, Path, Query};
use actix_web::{HttpResponse, get, post};
use askama::Template;
use serde::Deserialize;

use super::{actor, layout, non_empty};
use crate::db::directory::groups::{self, Group};
use crate::db::directory::states::{self, StateFilter};
use crate::db::directory::{index, is_unique_violation};
use crate::domain::directory::{Confidence, FieldErrors, GroupId, StateEntry, StateId};
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::session::{CurrentUser, safe_next};
use crate::web::{AppError, AppState, Layout, db, page, see_other};

/// A state as the list shows it.
struct StateView {
    id: i64,
    code: String,
    name: String,
    group: String,
    confidence: Confidence,
    note: String,
}

#[derive(Template)]
#[template(path = "directory/states.html")]
struct StatesPage {
    layout: Layout,
    states: Vec<StateView>,
    groups: Vec<Group>,
    q: String,
    group: Option<i64>,
    flagged: bool,
    /// This list's own address, to come back to after confirming.
    here: String,
    confirmed: Option<String>,
}

#[derive(Deserialize)]
pub struct StatesQuery {
    q: Option<String>,
    group: Option<String>,
    flagged: Option<String>,
    confirmed: Option<String>,
}

#[get("/directory/states")]
#[tracing::instrument(skip_all)]
pub async fn list(
    req: actix_web::HttpRequest,
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    query: Query<StatesQuery>,
) -> Result<HttpResponse, AppError> {
    let filter = StateFilter {
        q: query.q.clone().unwrap_or_default(),
        group: non_empty(query.group.as_deref())
            .and_then(|g| g.parse().ok())
            .map(GroupId),
        flagged: non_empty(query.flagged.as_deref()).is_some(),
    };
    let here = req
        .uri()
        .path_and_query()
        .map_or_else(|| "/directory/states".to_owned(), |p| p.as_str().to_owned());
    let list_filter = filter.clone();
    let (rows, groups) = db(&state, move |conn| {
        Ok((states::list(conn, &list_filter)?, groups::list(conn)?))
    })
    .await?;
    let states = rows
        .into_iter()
        .map(|row| StateView {
            confidence: row.state.confidence(),
            id: row.state.id,
            code: row.state.iso2,
            name: row.state.name,
            group: row.group.map(|g| g.name).unwrap_or_default(),
            note: row.state.group_note,
        })
        .collect();
    page(
        StatusCode::OK,
        &StatesPage {
            layout: layout(&user, csrf),
            states,
            groups,
            q: filter.q,
            group: filter.group.map(|g| g.0),
            flagged: filter.flagged,
            here,
            confirmed: query.confirmed.clone(),
        },
    )
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    back: Option<String>,
}

/// Where to return after confirming: the list the button was on.
fn back_to_list(back: Option<&str>) -> String {
    let back = safe_next(back);
    if back.starts_with("/directory/states") {
        back
    } else {
        "/directory/states".to_owned()
    }
}

#[post("/directory/states/{id}/confirm")]
#[tracing::instrument(skip_all)]
pub async fn confirm(
    state: Data<AppState>,
    user: CurrentUser,
    id: Path<i64>,
    form: CsrfForm<ConfirmForm>,
) -> Result<HttpResponse, AppError> {
    let id = StateId(id.into_inner());
    let who = actor(&user);
    let found = db(&state, move |conn| {
        Ok(states::confirm_group(conn, &who, id)?)
    })
    .await?;
    if !found {
        return Err(AppError::NotFound);
    }
    Ok(see_other(&back_to_list(form.0.back.as_deref())))
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct StateForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    /// A group id, or empty for none.
    #[serde(default)]
    group: String,
}

#[derive(Template)]
#[template(path = "directory/state_form.html")]
struct StateFormPage {
    layout: Layout,
    id: i64,
    form: StateForm,
    groups: Vec<Group>,
    confidence: Confidence,
    note: String,
    errors: FieldErrors,
}

#[get("/directory/states/{id}/edit")]
pub async fn edit(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    id: Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = StateId(id.into_inner());
    let (found, groups) = db(&state, move |conn| {
        Ok((states::get(conn, id)?, groups::list(conn)?))
    })
    .await?;
    let found = found.ok_or(AppError::NotFound)?;
    page(
        StatusCode::OK,
        &StateFormPage {
            layout: layout(&user, csrf),
            id: id.0,
            confidence: found.confidence(),
            note: found.group_note.clone(),
            form: StateForm {
                code: found.iso2,
                name: found.name,
                group: found.group_id.map(|g| g.to_string()).unwrap_or_default(),
            },
            groups,
            errors: FieldErrors::default(),
        },
    )
}

/// The outcome of a save, decided inside one database call.
enum Saved {
    Done,
    Missing,
    Invalid(FieldErrors),
}

#[post("/directory/states/{id}")]
#[tracing::instrument(skip_all)]
pub async fn update(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    id: Path<i64>,
    form: CsrfForm<StateForm>,
) -> Result<HttpResponse, AppError> {
    let id = StateId(id.into_inner());
    let form = form.0;
    let who = actor(&user);
    let submitted = form.clone();
    let (saved, current, groups) = db(&state, move |conn| {
        let Some(current) = states::get(conn, id)? else {
            return Ok((Saved::Missing, None, Vec::new()));
        };
        let groups = groups::list(conn)?;
        // The select sends an id; the entry names groups by name.
        let group_name = groups
            .iter()
            .find(|g| g.id.to_string() == submitted.group.trim())
            .map(|g| g.name.clone());
        let mut errors = FieldErrors::default();
        if group_name.is_none() && !submitted.group.trim().is_empty() {
            errors.add("group", "choose a group from the list");
        }
        let new_group = group_name
            .as_ref()
            .and_then(|_| submitted.group.trim().parse().ok());
        let confidence = current
            .confidence()
            .after_edit(new_group != current.group_id);
        let known = index(conn)?;
        let parsed = StateEntry::parse(
            &submitted.code,
            &submitted.name,
            group_name.as_deref().unwrap_or(""),
            confidence.as_str(),
            &current.group_note,
            &known,
        );
        let entry = match parsed {
            Ok(entry) if errors.is_empty() => entry,
            Ok(_) => return Ok((Saved::Invalid(errors), Some(current), groups)),
            Err(more) => return Ok((Saved::Invalid(more), Some(current), groups)),
        };
        match states::update(conn, &who, id, &entry) {
            Ok(true) => Ok((Saved::Done, Some(current), groups)),
            Ok(false) => Ok((Saved::Missing, None, groups)),
            Err(e) if is_unique_violation(&e) => {
                let mut errors = FieldErrors::default();
                errors.add("code", "another member state already has this code");
                Ok((Saved::Invalid(errors), Some(current), groups))
            }
            Err(e) => Err(e.into()),
        }
    })
    .await?;
    match (saved, current) {
        (Saved::Done, _) => Ok(see_other("/directory/states")),
        (Saved::Invalid(errors), Some(current)) => page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &StateFormPage {
                layout: layout(&user, csrf),
                id: id.0,
                confidence: current.confidence(),
                note: current.group_note,
                form,
                groups,
                errors,
            },
        ),
        _ => Err(AppError::NotFound),
    }
}
