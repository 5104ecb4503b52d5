//! CSV export and import of member states, organisations and contacts.
//!
//! Import is two steps: the upload (a file, or text pasted into the form) only
//! shows a preview of every row and what is wrong with each; the preview's
//! confirm button sends the same text back, which is checked again and
//! written all at once or not at all (see `db::directory::import`).

use crate::web::extract::Query;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::web::{Data, Path};
use actix_web::{HttpRequest, HttpResponse, get, post};
use askama::Template;
use futures_util::StreamExt;
use serde::Deserialize;

use super::{actor, layout};
use crate::db::directory::export as csv_export;
use crate::db::directory::import::{self, Checked};
use crate::domain::directory::csv::CsvKind;
use crate::web::csrf::{CsrfForm, CsrfToken, verify_submitted};
use crate::web::session::CurrentUser;
use crate::web::{AppError, AppState, Layout, db, page, see_other};

/// Largest file accepted: far more than a directory needs, and small enough
/// to travel back in the preview's confirm form.
const MAX_UPLOAD: usize = 256 * 1024;

fn kind_of(slug: &str) -> Result<CsvKind, AppError> {
    CsvKind::parse(slug).ok_or(AppError::NotFound)
}

#[get("/directory/{kind}.csv")]
#[tracing::instrument(skip_all)]
pub async fn export_csv(
    state: Data<AppState>,
    _user: CurrentUser,
    kind: Path<String>,
) -> Result<HttpResponse, AppError> {
    let kind = kind_of(&kind)?;
    let body = db(&state, move |conn| Ok(csv_export::to_csv(conn, kind)?)).await?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}.csv\"", kind.slug()),
        ))
        .body(body))
}

#[derive(Template)]
#[template(path = "directory/import.html")]
struct ImportPage {
    layout: Layout,
    kind: CsvKind,
    done: Option<(usize, usize)>,
    text: String,
    error: Option<String>,
    max_kib: usize,
}

#[derive(Deserialize)]
pub struct DoneQuery {
    added: Option<usize>,
    updated: Option<usize>,
}

#[get("/directory/import/{kind}")]
pub async fn import_form(
    user: CurrentUser,
    csrf: CsrfToken,
    kind: Path<String>,
    query: Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let kind = kind_of(&kind)?;
    page(
        StatusCode::OK,
        &ImportPage {
            layout: layout(&user, csrf),
            kind,
            done: query.added.zip(query.updated),
            text: String::new(),
            error: None,
            max_kib: MAX_UPLOAD / 1024,
        },
    )
}

#[derive(Template)]
#[template(path = "directory/import_preview.html")]
struct PreviewPage {
    layout: Layout,
    kind: CsvKind,
    checked: Checked,
    text: String,
}

/// The fields of the upload form.
#[derive(Default)]
struct Upload {
    csrf_token: String,
    file: Vec<u8>,
    text: String,
}

/// Reads the multipart body, refusing anything larger than [`MAX_UPLOAD`].
async fn read_upload(mut body: Multipart) -> Result<Upload, AppError> {
    let unreadable = || AppError::BadRequest("The upload could not be read.".into());
    let too_large = || {
        AppError::BadRequest(format!(
            "The file is larger than {} KiB; split it into smaller files.",
            MAX_UPLOAD / 1024
        ))
    };
    let mut upload = Upload::default();
    while let Some(field) = body.next().await {
        let mut field = field.map_err(|_| unreadable())?;
        let name = field.name().unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| unreadable())?;
            if bytes.len() + chunk.len() > MAX_UPLOAD {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        let as_text = || String::from_utf8(bytes.clone()).map_err(|_| unreadable());
        match name.as_str() {
            "csrf_token" => upload.csrf_token = as_text()?,
            "text" => upload.text = as_text()?,
            "file" => upload.file = bytes,
            _ => {}
        }
    }
    Ok(upload)
}

#[post("/directory/import/{kind}")]
#[tracing::instrument(skip_all)]
pub async fn import_preview(
    req: HttpRequest,
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    kind: Path<String>,
    body: Multipart,
) -> Result<HttpResponse, AppError> {
    let kind = kind_of(&kind)?;
    let upload = read_upload(body).await?;
    verify_submitted(&req, &state, &upload.csrf_token)?;
    let text = if upload.file.is_empty() {
        upload.text
    } else {
        match String::from_utf8(upload.file) {
            Ok(text) => text,
            Err(_) => {
                return page(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &ImportPage {
                        layout: layout(&user, csrf),
                        kind,
                        done: None,
                        text: String::new(),
                        error: Some(
                            "The file is not UTF-8 text. Save it from your spreadsheet as \"CSV UTF-8\" and try again."
                                .into(),
                        ),
                        max_kib: MAX_UPLOAD / 1024,
                    },
                );
            }
        }
    };
    let checked_text = text.clone();
    let checked = db(&state, move |conn| {
        Ok(import::check(conn, kind, &checked_text)?)
    })
    .await?;
    let status = if checked.importable {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page(
        status,
        &PreviewPage {
            layout: layout(&user, csrf),
            kind,
            checked,
            text,
        },
    )
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    csv: String,
}

#[post("/directory/import/{kind}/confirm")]
#[tracing::instrument(skip_all)]
pub async fn import_confirm(
    state: Data<AppState>,
    user: CurrentUser,
    csrf: CsrfToken,
    kind: Path<String>,
    form: CsrfForm<ConfirmForm>,
) -> Result<HttpResponse, AppError> {
    let kind = kind_of(&kind)?;
    let text = form.0.csv;
    let who = actor(&user);
    let written_text = text.clone();
    let result = db(&state, move |conn| {
        Ok(import::write(conn, &who, kind, &written_text)?)
    })
    .await?;
    match result {
        Ok(outcome) => Ok(see_other(&format!(
            "/directory/import/{}?added={}&updated={}",
            kind.slug(),
            outcome.added,
            outcome.updated
        ))),
        Err(checked) => page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &PreviewPage {
                layout: layout(&user, csrf),
                kind,
                checked,
                text,
            },
        ),
    }
}
