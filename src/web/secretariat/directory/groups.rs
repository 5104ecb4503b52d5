//! Regional groups: the list with members and coordinators, add, edit and
//! remove (refused while a meeting consults the group).

use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get, post};
use askama::Template;
use serde::Deserialize;

use super::{RemovePage, actor, count_of, layout};
use crate::db::directory::groups::{self, ConsultingMeeting, GroupRemoval, GroupSummary};
use crate::db::directory::{contacts, is_foreign_key_violation, is_unique_violation};
use crate::db::translations;
use crate::domain::directory::{FieldErrors, GroupEntry, GroupId};
use crate::domain::language::Language;
use crate::domain::names::Translations;
use crate::domain::text::Kind;
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::secretariat::translation_fields::{TranslationField, translation_fields};
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
    /// The name in the other languages, blank for none.
    #[serde(default)]
    name_ar: String,
    #[serde(default)]
    name_es: String,
    #[serde(default)]
    name_fr: String,
    #[serde(default)]
    name_ru: String,
    #[serde(default)]
    name_zh: String,
}

/// The form fields of the name's translations, in the order of [`Language::OTHERS`].
const NAME_FIELDS: [&str; 5] = ["name_ar", "name_es", "name_fr", "name_ru", "name_zh"];

impl GroupForm {
    fn typed_names(&self) -> [&str; 5] {
        [
            &self.name_ar,
            &self.name_es,
            &self.name_fr,
            &self.name_ru,
            &self.name_zh,
        ]
        .map(String::as_str)
    }

    fn with_names(mut self, names: &Translations) -> GroupForm {
        let name = |lang| names.get(lang).unwrap_or("").to_owned();
        self.name_ar = name("ar");
        self.name_es = name("es");
        self.name_fr = name("fr");
        self.name_ru = name("ru");
        self.name_zh = name("zh");
        self
    }

    /// The group and its translated names, or every field's message.
    fn parse(&self) -> Result<(GroupEntry, Translations), FieldErrors> {
        let entry = GroupEntry::parse(&self.name, &self.short_name, &self.weight);
        let names = Translations::parse(
            Kind::Name,
            Language::OTHERS
                .map(Language::tag)
                .into_iter()
                .zip(self.typed_names()),
        );
        match (entry, names) {
            (Ok(entry), Ok(names)) => Ok((entry, names)),
            (entry, names) => {
                let mut errors = entry.err().unwrap_or_default();
                for (lang, message) in names.err().unwrap_or_default() {
                    if let Some(i) = Language::OTHERS.iter().position(|l| l.tag() == lang) {
                        errors.add(NAME_FIELDS[i], message);
                    }
                }
                Err(errors)
            }
        }
    }
}

#[derive(Template)]
#[template(path = "directory/group_form.html")]
struct GroupFormPage {
    layout: Layout,
    /// `None` when adding.
    id: Option<i64>,
    form: GroupForm,
    errors: FieldErrors,
    translations: Vec<TranslationField>,
}

fn form_page(
    status: StatusCode,
    layout: Layout,
    id: Option<i64>,
    form: GroupForm,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let translations = translation_fields("Name", NAME_FIELDS, form.typed_names(), |field| {
        errors.get(field)
    });
    page(
        status,
        &GroupFormPage {
            layout,
            id,
            form,
            errors,
            translations,
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
    let (group, names) = db(&state, move |conn| {
        let group = groups::get(conn, id)?.ok_or(AppError::NotFound)?;
        Ok((group, translations::group_names(conn, id.0)?))
    })
    .await?;
    let form = GroupForm {
        name: group.name,
        short_name: group.short_name,
        weight: group.weight.to_string(),
        ..GroupForm::default()
    }
    .with_names(&names);
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
    let (entry, names) = match form.parse() {
        Ok(parsed) => parsed,
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
            Some(id) => {
                groups::update(conn, &who, id, &entry, &names).map(|found| found.then_some(id))
            }
            None => groups::insert(conn, &who, &entry, &names).map(Some),
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

/// Why a group cannot go, for the page that lists the meetings.
const CONSULTED: &str = "Meetings consult this group, and their answers, links and reminders refer to it. It can be removed once no meeting consults it:";

fn refusal(
    layout: Layout,
    id: GroupId,
    name: String,
    meetings: Vec<ConsultingMeeting>,
) -> RemovePage {
    RemovePage {
        layout,
        what: "regional group",
        name,
        consequence: CONSULTED.into(),
        action: format!("/directory/groups/{}/remove", id.0),
        back: "/directory/groups",
        blocked_by: meetings,
    }
}

#[get("/directory/groups/{id}/remove")]
pub async fn ask_remove(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    id: Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = GroupId(id.into_inner());
    let (group, meetings, members, coordinators) = db(&state, move |conn| {
        let Some(group) = groups::get(conn, id)? else {
            return Err(AppError::NotFound);
        };
        let meetings = groups::consulted_by(conn, id)?;
        let members = groups::member_count(conn, id)?;
        let coordinators = contacts::coordinators_of(conn, id)?.len();
        Ok((group, meetings, members, coordinators))
    })
    .await?;
    let layout = layout(&user, csrf);
    if !meetings.is_empty() {
        return page(StatusCode::OK, &refusal(layout, id, group.name, meetings));
    }
    page(
        StatusCode::OK,
        &RemovePage {
            layout,
            what: "regional group",
            name: group.name,
            consequence: format!(
                "Its {} will be left without a group{}. No member state or contact is removed.",
                count_of(members, "member state", "member states"),
                if coordinators == 0 {
                    String::new()
                } else {
                    format!(
                        ", and its {} will no longer coordinate it",
                        count_of(coordinators, "coordinator", "coordinators")
                    )
                },
            ),
            action: format!("/directory/groups/{}/remove", id.0),
            back: "/directory/groups",
            blocked_by: Vec::new(),
        },
    )
}

#[derive(Deserialize)]
pub struct RemoveForm {}

#[post("/directory/groups/{id}/remove")]
#[tracing::instrument(skip_all)]
pub async fn remove(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    id: Path<i64>,
    _form: CsrfForm<RemoveForm>,
) -> Result<HttpResponse, AppError> {
    let id = GroupId(id.into_inner());
    let who = actor(&user);
    let (removal, name) = db(&state, move |conn| {
        let name = groups::get(conn, id)?.map(|g| g.name);
        match groups::delete(conn, &who, id) {
            Ok(removal) => Ok((removal, name)),
            // A meeting saved between the check and the delete: the foreign
            // key refused it and the transaction rolled back.
            Err(e) if is_foreign_key_violation(&e) => {
                let meetings = groups::consulted_by(conn, id)?;
                if meetings.is_empty() {
                    return Err(AppError::Conflict(
                        "Meeting records still refer to this group; it was not removed.".into(),
                    ));
                }
                Ok((GroupRemoval::Consulted(meetings), name))
            }
            Err(e) => Err(e.into()),
        }
    })
    .await?;
    match removal {
        GroupRemoval::Removed { .. } => Ok(see_other("/directory/groups")),
        GroupRemoval::Missing => Err(AppError::NotFound),
        GroupRemoval::Consulted(meetings) => page(
            StatusCode::CONFLICT,
            &refusal(layout(&user, csrf), id, name.unwrap_or_default(), meetings),
        ),
    }
}
