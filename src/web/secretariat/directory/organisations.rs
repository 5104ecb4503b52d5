//! Organisations: search and filter, add, edit, remove.

use crate::web::extract::Query;
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get, post};
use askama::Template;
use serde::Deserialize;

use super::{RemovePage, actor, layout, non_empty};
use crate::db::directory::organisations::{self, Organisation, OrganisationFilter};
use crate::db::directory::{Saved, is_unique_violation};
use crate::domain::directory::fields::parse_flag;
use crate::domain::directory::{FieldErrors, OrganisationEntry, OrganisationId, OrganisationKind};
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, Layout, db, page, see_other};

#[derive(Template)]
#[template(path = "directory/organisations.html")]
struct OrganisationsPage {
    layout: Layout,
    organisations: Vec<Organisation>,
    q: String,
    kind: String,
    observer: String,
}

#[derive(Deserialize)]
pub struct OrganisationsQuery {
    #[serde(default, deserialize_with = "crate::domain::text::search")]
    q: Option<String>,
    kind: Option<String>,
    observer: Option<String>,
}

#[get("/directory/organisations")]
#[tracing::instrument(skip_all)]
pub async fn list(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    query: Query<OrganisationsQuery>,
) -> Result<HttpResponse, AppError> {
    let filter = OrganisationFilter {
        q: query.q.clone().unwrap_or_default(),
        kind: non_empty(query.kind.as_deref()).and_then(|k| OrganisationKind::parse(k).ok()),
        observer: non_empty(query.observer.as_deref()).and_then(|o| parse_flag(o, false).ok()),
    };
    let list_filter = filter.clone();
    let organisations = db(&state, move |conn| {
        Ok(organisations::list(conn, &list_filter)?)
    })
    .await?;
    page(
        StatusCode::OK,
        &OrganisationsPage {
            layout: layout(&user, csrf),
            organisations,
            q: filter.q,
            kind: filter
                .kind
                .map(|k| k.as_str().to_owned())
                .unwrap_or_default(),
            observer: match filter.observer {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => String::new(),
            },
        },
    )
}

/// The form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OrganisationForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    acronym: String,
    #[serde(default)]
    kind: String,
    /// Present (`yes`) when the box is ticked.
    #[serde(default)]
    observer: String,
}

#[derive(Template)]
#[template(path = "directory/organisation_form.html")]
struct OrganisationFormPage {
    layout: Layout,
    id: Option<i64>,
    form: OrganisationForm,
    errors: FieldErrors,
}

#[get("/directory/organisations/new")]
pub async fn new(user: CurrentUser, csrf: CsrfToken) -> Result<HttpResponse, AppError> {
    page(
        StatusCode::OK,
        &OrganisationFormPage {
            layout: layout(&user, csrf),
            id: None,
            form: OrganisationForm::default(),
            errors: FieldErrors::default(),
        },
    )
}

#[get("/directory/organisations/{id}/edit")]
pub async fn edit(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    id: Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = OrganisationId(id.into_inner());
    let found = db(&state, move |conn| Ok(organisations::get(conn, id)?))
        .await?
        .ok_or(AppError::NotFound)?;
    page(
        StatusCode::OK,
        &OrganisationFormPage {
            layout: layout(&user, csrf),
            id: Some(id.0),
            form: OrganisationForm {
                name: found.name,
                acronym: found.acronym,
                kind: found.kind,
                observer: if found.observer {
                    "yes".into()
                } else {
                    String::new()
                },
            },
            errors: FieldErrors::default(),
        },
    )
}

async fn save(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    id: Option<OrganisationId>,
    form: OrganisationForm,
) -> Result<HttpResponse, AppError> {
    let observer = if form.observer.is_empty() {
        "no"
    } else {
        "yes"
    };
    let again = |errors: FieldErrors, form: OrganisationForm, layout: Layout| {
        page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &OrganisationFormPage {
                layout,
                id: id.map(|o| o.0),
                form,
                errors,
            },
        )
    };
    let entry = match OrganisationEntry::parse(&form.name, &form.acronym, &form.kind, observer) {
        Ok(entry) => entry,
        Err(errors) => return again(errors, form, layout(&user, csrf)),
    };
    let who = actor(&user);
    let saved = db(&state, move |conn| {
        let result = match id {
            Some(id) => organisations::update(conn, &who, id, &entry),
            None => organisations::insert(conn, &who, &entry),
        };
        match result {
            Ok(saved) => Ok(saved),
            Err(e) if is_unique_violation(&e) => Ok(Saved::Taken),
            Err(e) => Err(e.into()),
        }
    })
    .await?;
    match saved {
        Saved::Done(_) => Ok(see_other("/directory/organisations")),
        Saved::Missing => Err(AppError::NotFound),
        Saved::Taken => {
            let mut errors = FieldErrors::default();
            errors.add("name", "another organisation already has this name");
            again(errors, form, layout(&user, csrf))
        }
    }
}

#[post("/directory/organisations")]
#[tracing::instrument(skip_all)]
pub async fn create(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    form: CsrfForm<OrganisationForm>,
) -> Result<HttpResponse, AppError> {
    save(state, user, csrf, None, form.0).await
}

#[post("/directory/organisations/{id}")]
#[tracing::instrument(skip_all)]
pub async fn update(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    id: Path<i64>,
    form: CsrfForm<OrganisationForm>,
) -> Result<HttpResponse, AppError> {
    save(
        state,
        user,
        csrf,
        Some(OrganisationId(id.into_inner())),
        form.0,
    )
    .await
}

#[get("/directory/organisations/{id}/remove")]
pub async fn ask_remove(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    id: Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = OrganisationId(id.into_inner());
    let found = db(&state, move |conn| Ok(organisations::get(conn, id)?))
        .await?
        .ok_or(AppError::NotFound)?;
    page(
        StatusCode::OK,
        &RemovePage {
            layout: layout(&user, csrf),
            what: "organisation",
            name: found.name,
            consequence:
                "Its contacts are removed with it. Meetings already sent keep their records.".into(),
            action: format!("/directory/organisations/{}/remove", id.0),
            back: "/directory/organisations",
            blocked_by: Vec::new(),
        },
    )
}

#[derive(Deserialize)]
pub struct RemoveForm {}

#[post("/directory/organisations/{id}/remove")]
#[tracing::instrument(skip_all)]
pub async fn remove(
    state: Data<AppState>,
    user: CurrentUser,
    id: Path<i64>,
    _form: CsrfForm<RemoveForm>,
) -> Result<HttpResponse, AppError> {
    let id = OrganisationId(id.into_inner());
    let who = actor(&user);
    if db(&state, move |conn| {
        Ok(organisations::delete(conn, &who, id)?)
    })
    .await?
    {
        Ok(see_other("/directory/organisations"))
    } else {
        Err(AppError::NotFound)
    }
}
