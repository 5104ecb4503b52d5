//! Adding and editing a member state: one form, checked against the groups
//! that exist, shown again with the input kept when something is wrong.

use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get, post};
use askama::Template;
use serde::Deserialize;

use super::{actor, layout};
use crate::db::DbConnection;
use crate::db::audit::Actor;
use crate::db::directory::groups::{self, Group};
use crate::db::directory::states::{self, MemberState};
use crate::db::directory::{Saved, index, is_unique_violation};
use crate::domain::directory::{Confidence, FieldErrors, StateEntry, StateId};
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, Layout, db, page, see_other};

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
    /// `None` when adding.
    id: Option<i64>,
    form: StateForm,
    groups: Vec<Group>,
    confidence: Confidence,
    note: String,
    errors: FieldErrors,
}

#[get("/directory/states/new")]
pub async fn new(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let groups = db(&state, |conn| Ok(groups::list(conn)?)).await?;
    page(
        StatusCode::OK,
        &StateFormPage {
            layout: layout(&user, csrf),
            id: None,
            form: StateForm::default(),
            groups,
            confidence: Confidence::Confirmed,
            note: String::new(),
            errors: FieldErrors::default(),
        },
    )
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
            id: Some(id.0),
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
enum Outcome {
    Done,
    Missing,
    /// Shown again with the membership as it stands.
    Invalid {
        errors: FieldErrors,
        confidence: Confidence,
        note: String,
        groups: Vec<Group>,
    },
}

/// Checks the form against the groups that exist and writes it: a new state
/// when `current` is `None` (confirmed, since the secretariat typed it),
/// otherwise an edit of `current`.
fn write(
    conn: &mut DbConnection,
    who: &Actor,
    current: Option<&MemberState>,
    submitted: &StateForm,
) -> Result<Outcome, AppError> {
    let groups = groups::list(conn)?;
    let (confidence, note) = current.map_or((Confidence::Confirmed, String::new()), |c| {
        (c.confidence(), c.group_note.clone())
    });
    let invalid = |errors, groups| Outcome::Invalid {
        errors,
        confidence,
        note: note.clone(),
        groups,
    };
    // The select sends an id; the entry names groups by name.
    let chosen = groups
        .iter()
        .find(|g| g.id.to_string() == submitted.group.trim());
    let group_name = chosen.map(|g| g.name.clone());
    let new_group = chosen.map(|g| g.id);
    let mut errors = FieldErrors::default();
    if chosen.is_none() && !submitted.group.trim().is_empty() {
        errors.add("group", "choose a group from the list");
    }
    let confidence_after = current.map_or(Confidence::Confirmed, |c| {
        c.confidence().after_edit(new_group != c.group_id)
    });
    let known = index(conn)?;
    let parsed = StateEntry::parse(
        &submitted.code,
        &submitted.name,
        group_name.as_deref().unwrap_or(""),
        confidence_after.as_str(),
        &note,
        &known,
    );
    let entry = match parsed {
        Ok(entry) if errors.is_empty() => entry,
        Ok(_) => return Ok(invalid(errors, groups)),
        Err(more) => return Ok(invalid(more, groups)),
    };
    let result = match current {
        Some(current) => {
            let id = current.state_id();
            states::update(conn, who, id, &entry).map(|found| {
                if found {
                    Saved::Done(id)
                } else {
                    Saved::Missing
                }
            })
        }
        None => states::insert(conn, who, &entry),
    };
    let taken = || {
        let mut errors = FieldErrors::default();
        errors.add("code", "another member state already has this code");
        errors
    };
    match result {
        Ok(Saved::Done(_)) => Ok(Outcome::Done),
        Ok(Saved::Missing) => Ok(Outcome::Missing),
        Ok(Saved::Taken) => Ok(invalid(taken(), groups)),
        Err(e) if is_unique_violation(&e) => Ok(invalid(taken(), groups)),
        Err(e) => Err(e.into()),
    }
}

/// Saves a state, or shows the form again with the input and what is wrong.
async fn save(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    id: Option<StateId>,
    form: StateForm,
) -> Result<HttpResponse, AppError> {
    let who = actor(&user);
    let submitted = form.clone();
    let outcome = db(&state, move |conn| {
        let current = match id {
            Some(id) => match states::get(conn, id)? {
                Some(current) => Some(current),
                None => return Ok(Outcome::Missing),
            },
            None => None,
        };
        write(conn, &who, current.as_ref(), &submitted)
    })
    .await?;
    match outcome {
        Outcome::Done => Ok(see_other("/directory/states")),
        Outcome::Missing => Err(AppError::NotFound),
        Outcome::Invalid {
            errors,
            confidence,
            note,
            groups,
        } => page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &StateFormPage {
                layout: layout(&user, csrf),
                id: id.map(|s| s.0),
                form,
                groups,
                confidence,
                note,
                errors,
            },
        ),
    }
}

#[post("/directory/states")]
#[tracing::instrument(skip_all)]
pub async fn create(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    form: CsrfForm<StateForm>,
) -> Result<HttpResponse, AppError> {
    save(state, user, csrf, None, form.0).await
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
    save(state, user, csrf, Some(StateId(id.into_inner())), form.0).await
}
