//! Regional groups: the list with members and coordinators, add and edit.

use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get, post};
use askama::Template;
use serde::Deserialize;

use super::{actor, layout};
use crate::db::directory::groups::{self, GroupSummary};
use crate::db::directory::is_unique_violation;
use crate::domain::directory::{FieldErrors, GroupEntry, GroupId};
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, Layout, db, page, see_other};

#[derive(Template)]
#[template(path = "directory/groups.html")]
struct GroupsPage {
    layout: Layout,
    groups: Vec<GroupSummary>,
}

#[get("/directory/groups")]
#[tracing::instrument(skip_all)]
pub async fn list(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let groups = db(&state, |conn| Ok(groups::summaries(conn)?)).await?;
    page(
        StatusCode::OK,
        &GroupsPage {
            layout: layout(&user, csrf),
            groups,
        },
    )
}

/// The form as typed, kept to show it again.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GroupForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    short_name: String,
    #[serde(default)]
    weight: String,
}

#[derive(Template)]
#[template(path = "directory/group_form.html")]
struct GroupFormPage {
    layout: Layout,
    /// `None` when adding.
    id: Option<i64>,
    form: GroupForm,
    errors: FieldErrors,
}

fn form_page(
    status: StatusCode,
    layout: Layout,
    id: Option<i64>,
    form: GroupForm,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    page(
        status,
        &GroupFormPage {
            layout,
            id,
            form,
            errors,
        },
    )
}

#[get("/directory/groups/new")]
pub async fn new(user: CurrentUser, csrf: CsrfToken) -> Result<HttpResponse, AppError> {
    let form = GroupForm {
        weight: "1".into(),
        ..GroupForm::default()
    };
    form_page(
        StatusCode::OK,
        layout(&user, csrf),
        None,
        form,
        FieldErrors::default(),
    )
}

#[get("/directory/groups/{id}/edit")]
pub async fn edit(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    id: Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = GroupId(id.into_inner());
    let group = db(&state, move |conn| Ok(groups::get(conn, id)?))
        .await?
        .ok_or(AppError::NotFound)?;
    let form = GroupForm {
        name: group.name,
        short_name: group.short_name,
        weight: group.weight.to_string(),
    };
    form_page(
        StatusCode::OK,
        layout(&user, csrf),
        Some(id.0),
        form,
        FieldErrors::default(),
    )
}

/// Saves a group, or shows the form again with what is wrong.
async fn save(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    id: Option<GroupId>,
    form: GroupForm,
) -> Result<HttpResponse, AppError> {
    let entry = match GroupEntry::parse(&form.name, &form.short_name, &form.weight) {
        Ok(entry) => entry,
        Err(errors) => {
            return form_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                layout(&user, csrf),
                id.map(|g| g.0),
                form,
                errors,
            );
        }
    };
    let who = actor(&user);
    let saved = db(&state, move |conn| {
        let result = match id {
            Some(id) => groups::update(conn, &who, id, &entry).map(|found| found.then_some(id)),
            None => groups::insert(conn, &who, &entry).map(Some),
        };
        match result {
            Ok(found) => Ok(Ok(found)),
            Err(e) if is_unique_violation(&e) => Ok(Err(())),
            Err(e) => Err(e.into()),
        }
    })
    .await?;
    match saved {
        Ok(Some(_)) => Ok(see_other("/directory/groups")),
        Ok(None) => Err(AppError::NotFound),
        Err(()) => {
            let mut errors = FieldErrors::default();
            errors.add("name", "another group already has this name or short name");
            errors.add(
                "short_name",
                "another group already has this name or short name",
            );
            form_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                layout(&user, csrf),
                id.map(|g| g.0),
                form,
                errors,
            )
        }
    }
}

#[post("/directory/groups")]
#[tracing::instrument(skip_all)]
pub async fn create(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    form: CsrfForm<GroupForm>,
) -> Result<HttpResponse, AppError> {
    save(state, user, csrf, None, form.0).await
}

#[post("/directory/groups/{id}")]
#[tracing::instrument(skip_all)]
pub async fn update(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    id: Path<i64>,
    form: CsrfForm<GroupForm>,
) -> Result<HttpResponse, AppError> {
    save(state, user, csrf, Some(GroupId(id.into_inner())), form.0).await
}
