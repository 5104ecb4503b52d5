//! Contacts: search, add, edit, remove.

use crate::web::extract::Query;
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get, post};
use askama::Template;
use serde::Deserialize;

use super::{RemovePage, actor, layout};
use crate::db::DbConnection;
use crate::db::directory::contacts::{self, ContactRow};
use crate::db::directory::groups::{self, Group};
use crate::db::directory::index;
use crate::db::directory::organisations::{self, Organisation, OrganisationFilter};
use crate::db::directory::states::{self, StateFilter, StateRow};
use crate::domain::directory::{
    Affiliation, ContactEntry, ContactId, ContactInput, FieldErrors, GroupId,
};
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, Layout, db, page, see_other};

#[derive(Template)]
#[template(path = "directory/contacts.html")]
struct ContactsPage {
    layout: Layout,
    contacts: Vec<ContactRow>,
    q: String,
}

#[derive(Deserialize)]
pub struct ContactsQuery {
    #[serde(default, deserialize_with = "crate::domain::text::search")]
    q: Option<String>,
}

#[get("/directory/contacts")]
#[tracing::instrument(skip_all)]
pub async fn list(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    query: Query<ContactsQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.q.clone().unwrap_or_default();
    let search = q.clone();
    let contacts = db(&state, move |conn| Ok(contacts::list(conn, &search)?)).await?;
    page(
        StatusCode::OK,
        &ContactsPage {
            layout: layout(&user, csrf),
            contacts,
            q,
        },
    )
}

/// The form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    language: String,
    /// `state:ID` or `organisation:ID`.
    #[serde(default)]
    affiliation: String,
    /// A group id, or empty.
    #[serde(default)]
    coordinator_of: String,
    /// Present when the box is ticked.
    #[serde(default)]
    invitation_recipient: String,
}

/// What the form's selects offer.
struct Choices {
    states: Vec<StateRow>,
    organisations: Vec<Organisation>,
    groups: Vec<Group>,
}

fn choices(conn: &mut DbConnection) -> diesel::QueryResult<Choices> {
    Ok(Choices {
        states: states::list(conn, &StateFilter::default())?,
        organisations: organisations::list(conn, &OrganisationFilter::default())?,
        groups: groups::list(conn)?,
    })
}

#[derive(Template)]
#[template(path = "directory/contact_form.html")]
struct ContactFormPage {
    layout: Layout,
    id: Option<i64>,
    form: ContactForm,
    choices: Choices,
    errors: FieldErrors,
}

#[derive(Deserialize)]
pub struct NewQuery {
    /// Preselects the affiliation (`state:ID`), from a state's or organisation's page.
    affiliation: Option<String>,
    /// Preselects the group coordinated, from the groups page.
    coordinator_of: Option<String>,
}

#[get("/directory/contacts/new")]
pub async fn new(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    query: Query<NewQuery>,
) -> Result<HttpResponse, AppError> {
    let choices = db(&state, |conn| Ok(choices(conn)?)).await?;
    page(
        StatusCode::OK,
        &ContactFormPage {
            layout: layout(&user, csrf),
            id: None,
            // A mission's contact usually receives the invitations; a group's
            // coordinator is consulted, and is not ticked unless chosen.
            form: ContactForm {
                language: "en".into(),
                invitation_recipient: if query.coordinator_of.is_some() {
                    String::new()
                } else {
                    "yes".into()
                },
                affiliation: query.affiliation.clone().unwrap_or_default(),
                coordinator_of: query.coordinator_of.clone().unwrap_or_default(),
                ..ContactForm::default()
            },
            choices,
            errors: FieldErrors::default(),
        },
    )
}

#[get("/directory/contacts/{id}/edit")]
pub async fn edit(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    id: Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = ContactId(id.into_inner());
    let (found, choices) = db(&state, move |conn| {
        Ok((contacts::get(conn, id)?, choices(conn)?))
    })
    .await?;
    let found = found.ok_or(AppError::NotFound)?;
    page(
        StatusCode::OK,
        &ContactFormPage {
            layout: layout(&user, csrf),
            id: Some(id.0),
            form: ContactForm {
                affiliation: found
                    .affiliation()
                    .map(Affiliation::key)
                    .unwrap_or_default(),
                coordinator_of: found
                    .coordinator_of
                    .map(|g| g.to_string())
                    .unwrap_or_default(),
                invitation_recipient: if found.invitation_recipient {
                    "yes".into()
                } else {
                    String::new()
                },
                name: found.name,
                email: found.email,
                language: found.language,
            },
            choices,
            errors: FieldErrors::default(),
        },
    )
}

enum Saved {
    Done,
    Missing,
    Invalid(FieldErrors, Choices),
}

/// Parses the form against the directory as it is, and saves it if it is good.
fn parse_and_save(
    conn: &mut DbConnection,
    user: &CurrentUser,
    id: Option<ContactId>,
    form: &ContactForm,
) -> Result<Saved, AppError> {
    let known = index(conn)?;
    let coordinator_of = match form.coordinator_of.trim() {
        "" => Ok(None),
        group => group
            .parse()
            .ok()
            .map(GroupId)
            .filter(|g| known.has_group(*g))
            .map(Some)
            .ok_or_else(|| "choose a group from the list".to_owned()),
    };
    let parsed = ContactEntry::parse(ContactInput {
        name: &form.name,
        email: &form.email,
        language: &form.language,
        affiliation: Affiliation::from_key(&form.affiliation, &known).map_err(str::to_owned),
        coordinator_of,
        invitation_recipient: Ok(!form.invitation_recipient.is_empty()),
    });
    let entry = match parsed {
        Ok(entry) => entry,
        Err(errors) => return Ok(Saved::Invalid(errors, choices(conn)?)),
    };
    let who = actor(user);
    let found = match id {
        Some(id) => contacts::update(conn, &who, id, &entry)?,
        None => {
            contacts::insert(conn, &who, &entry)?;
            true
        }
    };
    Ok(if found { Saved::Done } else { Saved::Missing })
}

async fn save(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    id: Option<ContactId>,
    form: ContactForm,
) -> Result<HttpResponse, AppError> {
    let (submitted, who) = (form.clone(), user.clone());
    let saved = db(&state, move |conn| {
        parse_and_save(conn, &who, id, &submitted)
    })
    .await?;
    match saved {
        Saved::Done => Ok(see_other("/directory/contacts")),
        Saved::Missing => Err(AppError::NotFound),
        Saved::Invalid(errors, choices) => page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ContactFormPage {
                layout: layout(&user, csrf),
                id: id.map(|c| c.0),
                form,
                choices,
                errors,
            },
        ),
    }
}

#[post("/directory/contacts")]
#[tracing::instrument(skip_all)]
pub async fn create(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    form: CsrfForm<ContactForm>,
) -> Result<HttpResponse, AppError> {
    save(state, user, csrf, None, form.0).await
}

#[post("/directory/contacts/{id}")]
#[tracing::instrument(skip_all)]
pub async fn update(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    id: Path<i64>,
    form: CsrfForm<ContactForm>,
) -> Result<HttpResponse, AppError> {
    save(state, user, csrf, Some(ContactId(id.into_inner())), form.0).await
}

#[get("/directory/contacts/{id}/remove")]
pub async fn ask_remove(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    id: Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = ContactId(id.into_inner());
    let found = db(&state, move |conn| Ok(contacts::get(conn, id)?))
        .await?
        .ok_or(AppError::NotFound)?;
    page(
        StatusCode::OK,
        &RemovePage {
            layout: layout(&user, csrf),
            what: "contact",
            name: format!("{} <{}>", found.name, found.email),
            consequence: "They will no longer be consulted or invited. Messages already sent keep their records.".into(),
            action: format!("/directory/contacts/{}/remove", id.0),
            back: "/directory/contacts",
            blocked_by: Vec::new(),
        },
    )
}

#[derive(Deserialize)]
pub struct RemoveForm {}

#[post("/directory/contacts/{id}/remove")]
#[tracing::instrument(skip_all)]
pub async fn remove(
    state: Data<AppState>,
    user: CurrentUser,
    id: Path<i64>,
    _form: CsrfForm<RemoveForm>,
) -> Result<HttpResponse, AppError> {
    let id = ContactId(id.into_inner());
    let who = actor(&user);
    if db(&state, move |conn| Ok(contacts::delete(conn, &who, id)?)).await? {
        Ok(see_other("/directory/contacts"))
    } else {
        Err(AppError::NotFound)
    }
}
