//! Drafting a meeting: one form for new and existing drafts. Invalid input is
//! shown again exactly as typed, with a message at each field.

use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{HttpResponse, get, post};
use askama::Template;
use chrono::Utc;

use super::actor;
use crate::db::meetings;
use crate::domain::meeting::{
    DraftInput, FieldErrors, MeetingSettings, Modality, PURPOSE_FIELDS, Status, TITLE_FIELDS,
};
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::secretariat::translation_fields::{TranslationField, translation_fields};
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, Layout, db, page, see_other};

#[derive(Template)]
#[template(path = "secretariat/meeting_form.html")]
struct MeetingForm {
    layout: Layout,
    heading: String,
    action: String,
    input: DraftInput,
    errors: FieldErrors,
    groups: Vec<(i64, String)>,
    weekdays: [(&'static str, &'static str); 7],
    modalities: [Modality; 3],
    zones: Vec<&'static str>,
    title_translations: Vec<TranslationField>,
    purpose_translations: Vec<TranslationField>,
}

impl MeetingForm {
    fn error(&self, field: &str) -> Option<&String> {
        self.errors.get(field)
    }

    fn described(&self, field: &str) -> String {
        super::described(&self.errors, field)
    }
}

const WEEKDAYS: [(&str, &str); 7] = [
    ("1", "Monday"),
    ("2", "Tuesday"),
    ("3", "Wednesday"),
    ("4", "Thursday"),
    ("5", "Friday"),
    ("6", "Saturday"),
    ("7", "Sunday"),
];

fn form(
    user: &CurrentUser,
    csrf: String,
    heading: &str,
    action: String,
    input: DraftInput,
    errors: FieldErrors,
    groups: Vec<(i64, String)>,
) -> MeetingForm {
    let error = |field: &str| errors.get(field).map(String::as_str);
    let title_translations = translation_fields(
        "Title",
        TITLE_FIELDS,
        input.typed_titles().map(|(_, t)| t),
        error,
    );
    let purpose_translations = translation_fields(
        "Purpose",
        PURPOSE_FIELDS,
        input.typed_purposes().map(|(_, t)| t),
        error,
    );
    MeetingForm {
        title_translations,
        purpose_translations,
        layout: Layout {
            user_name: user.display_name().to_owned(),
            csrf,
        },
        heading: heading.to_owned(),
        action,
        input,
        errors,
        groups,
        weekdays: WEEKDAYS,
        modalities: Modality::ALL,
        zones: chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect(),
    }
}

#[get("/meetings/new")]
pub async fn new(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let groups = db(&state, |conn| Ok(meetings::group_choices(conn)?)).await?;
    let mut input = DraftInput::defaults();
    input.groups = groups.iter().map(|(id, _)| id.to_string()).collect();
    page(
        StatusCode::OK,
        &form(
            &user,
            csrf.0,
            "New meeting",
            "/meetings".into(),
            input,
            FieldErrors::new(),
            groups,
        ),
    )
}

#[post("/meetings")]
pub async fn create(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    CsrfForm(input): CsrfForm<DraftInput>,
) -> Result<HttpResponse, AppError> {
    let groups = db(&state, |conn| Ok(meetings::group_choices(conn)?)).await?;
    let known: Vec<i64> = groups.iter().map(|(id, _)| *id).collect();
    match MeetingSettings::parse(&input, &known, Utc::now()) {
        Err(errors) => page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &form(
                &user,
                csrf.0,
                "New meeting",
                "/meetings".into(),
                input,
                errors,
                groups,
            ),
        ),
        Ok(settings) => {
            let actor = actor(&user);
            let user_id = user.id.0;
            let id = db(&state, move |conn| {
                Ok(meetings::create(conn, &settings, &actor, Some(user_id))?)
            })
            .await?;
            Ok(see_other(&format!("/meetings/{id}")))
        }
    }
}

#[get("/meetings/{id}/edit")]
pub async fn edit(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    path: Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (meeting, groups) = db(&state, move |conn| {
        Ok((meetings::get(conn, id)?, meetings::group_choices(conn)?))
    })
    .await?;
    if meeting.status != Status::Draft {
        return Err(AppError::Conflict(
            "Only a draft can be edited; this consultation has already been opened.".into(),
        ));
    }
    let input = DraftInput::from_settings(&meeting.settings);
    page(
        StatusCode::OK,
        &form(
            &user,
            csrf.0,
            "Edit draft",
            format!("/meetings/{id}/edit"),
            input,
            FieldErrors::new(),
            groups,
        ),
    )
}

#[post("/meetings/{id}/edit")]
pub async fn update(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    path: Path<i64>,
    CsrfForm(input): CsrfForm<DraftInput>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let groups = db(&state, |conn| Ok(meetings::group_choices(conn)?)).await?;
    let known: Vec<i64> = groups.iter().map(|(id, _)| *id).collect();
    match MeetingSettings::parse(&input, &known, Utc::now()) {
        Err(errors) => page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &form(
                &user,
                csrf.0,
                "Edit draft",
                format!("/meetings/{id}/edit"),
                input,
                errors,
                groups,
            ),
        ),
        Ok(settings) => {
            let actor = actor(&user);
            db(&state, move |conn| {
                Ok(meetings::update_draft(conn, id, &settings, &actor)?)
            })
            .await?;
            Ok(see_other(&format!("/meetings/{id}?done=saved")))
        }
    }
}
