//! What every extractor error answers, in one place: our error page, or a
//! problem body under `/api/`, never actix's plain-text messages. The query
//! extractor is our own because actix's logs the request path (which may hold
//! a personal link's token) when a query does not parse.

use std::future::{Ready, ready};
use std::ops::Deref;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use serde::de::DeserializeOwned;

use super::error::{ApiError, AppError};

/// `error` answered as a page, or as a problem body under `/api/`.
pub fn answer(req: &HttpRequest, error: AppError) -> actix_web::Error {
    if req.path().starts_with("/api/") {
        ApiError(error).into()
    } else {
        error.into()
    }
}

/// The query string parsed into `T` (repeated keys into `Vec`s). A query
/// that does not fit is a 400 that names the problem, never the path.
pub struct Query<T>(pub T);

impl<T> Deref for Query<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Query<T>, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            serde_html_form::from_str(req.query_string())
                .map(Query)
                .map_err(|e| query_error(req, &e)),
        )
    }
}

fn query_error(req: &HttpRequest, error: &dyn std::fmt::Display) -> actix_web::Error {
    answer(
        req,
        AppError::BadRequest(format!("The address's query could not be read: {error}.")),
    )
}

/// Error handlers for actix's own extractors, installed on the app: a path
/// segment that does not parse (`/meetings/abc`) is a page that does not
/// exist; a query, form or JSON body that does not parse is a 400.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.app_data(
        web::PathConfig::default().error_handler(|_, req| answer(req, AppError::NotFound)),
    )
    .app_data(web::QueryConfig::default().error_handler(|e, req| query_error(req, &e)))
    .app_data(web::FormConfig::default().error_handler(|_, req| {
        answer(
            req,
            AppError::BadRequest("The form could not be read.".into()),
        )
    }))
    .app_data(web::JsonConfig::default().error_handler(|_, req| {
        answer(
            req,
            AppError::BadRequest("The JSON body could not be read.".into()),
        )
    }));
}
