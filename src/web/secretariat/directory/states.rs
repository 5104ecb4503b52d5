//! Member states: search and filter, confirm a flagged membership, remove
//! (with their contacts). Adding and editing live in `state_form`.

use crate::web::extract::Query;
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get, post};
use askama::Template;
use serde::Deserialize;

use super::{RemovePage, actor, count_of, layout, non_empty};
use crate::db::directory::contacts;
use crate::db::directory::groups::{self, Group};
use crate::db::directory::states::{self, StateFilter};
use crate::domain::directory::{Confidence, GroupId, StateId};
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
    #[serde(default, deserialize_with = "crate::domain::text::search")]
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

#[get("/directory/states/{id}/remove")]
pub async fn ask_remove(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    id: Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = StateId(id.into_inner());
    let (found, contacts) = db(&state, move |conn| {
        let Some(found) = states::get(conn, id)? else {
            return Err(AppError::NotFound);
        };
        Ok((found, contacts::count_for_state(conn, id)?))
    })
    .await?;
    page(
        StatusCode::OK,
        &RemovePage {
            layout: layout(&user, csrf),
            what: "member state",
            name: format!("{} ({})", found.name, found.iso2),
            consequence: if contacts == 0 {
                "It has no contacts. Meetings already sent keep their records.".into()
            } else {
                format!(
                    "Its {} {} removed with it. Meetings already sent keep their records.",
                    count_of(contacts, "contact", "contacts"),
                    if contacts == 1 { "is" } else { "are" },
                )
            },
            action: format!("/directory/states/{}/remove", id.0),
            back: "/directory/states",
            blocked_by: Vec::new(),
        },
    )
}

#[derive(Deserialize)]
pub struct RemoveForm {}

#[post("/directory/states/{id}/remove")]
#[tracing::instrument(skip_all)]
pub async fn remove(
    state: Data<AppState>,
    user: CurrentUser,
    id: Path<i64>,
    _form: CsrfForm<RemoveForm>,
) -> Result<HttpResponse, AppError> {
    let id = StateId(id.into_inner());
    let who = actor(&user);
    match db(&state, move |conn| Ok(states::delete(conn, &who, id)?)).await? {
        Some(_) => Ok(see_other("/directory/states")),
        None => Err(AppError::NotFound),
    }
}
