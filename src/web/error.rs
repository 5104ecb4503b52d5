//! One error type for every handler, mapped to a status and an HTML page in one
//! place; [`ApiError`] maps the same errors to RFC 9457 problem bodies under
//! `/api/`. Unexpected errors are logged with their cause chain and shown only
//! as "something went wrong".

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("This page does not exist.")]
    NotFound,
    #[error("{0}")]
    BadRequest(String),
    /// The action does not fit the object's current state (e.g. editing a
    /// meeting that is no longer a draft); the message says why.
    #[error("{0}")]
    Conflict(String),
    /// A personal link that was revoked or has expired.
    #[error("{0}")]
    Gone(String),
    #[error(
        "This form has expired or did not come from convene. Go back, reload the page and submit it again."
    )]
    Csrf,
    /// A personal link that opens nothing, or a personal page's form that
    /// failed the CSRF check, answered in its reader's language.
    #[error("{}", .0.title())]
    Personal(Box<crate::web::personal::Refused>),
    #[error("Please log in.")]
    LoginRequired { next: String },
    #[error("Too many attempts. Wait {minutes} minutes and try again.")]
    TooManyRequests { minutes: i64 },
    #[error("The database is not reachable.")]
    Unavailable(#[source] anyhow::Error),
    #[error("Something went wrong on our side.")]
    Internal(#[from] anyhow::Error),
}

impl From<diesel::result::Error> for AppError {
    /// A unique or foreign key that a request can still hit after the
    /// handler's own checks (two people saving at the same moment, a row
    /// removed meanwhile) is a conflict to retry, not a server error: the
    /// transaction was rolled back and nothing was written.
    fn from(error: diesel::result::Error) -> AppError {
        use diesel::result::{DatabaseErrorKind, Error};
        match error {
            Error::DatabaseError(
                DatabaseErrorKind::UniqueViolation | DatabaseErrorKind::ForeignKeyViolation,
                ref info,
            ) => {
                tracing::warn!(
                    constraint = info.constraint_name(),
                    "request refused: key conflict"
                );
                AppError::Conflict(
                    "Someone changed the same data at the same moment, or something it refers to was removed. Nothing was saved: reload the page and try again.".into(),
                )
            }
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<crate::db::meetings::MeetingError> for AppError {
    fn from(error: crate::db::meetings::MeetingError) -> AppError {
        use crate::db::meetings::MeetingError;
        match error {
            MeetingError::NotFound => AppError::NotFound,
            MeetingError::WrongStatus(status) => AppError::Conflict(format!(
                "This is not possible while the meeting's status is \u{201c}{}\u{201d}.",
                status.label()
            )),
            MeetingError::Database(e) => e.into(),
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<crate::db::answers::group_commit::SaveError> for AppError {
    fn from(error: crate::db::answers::group_commit::SaveError) -> AppError {
        use crate::db::answers::group_commit::SaveError;
        match error {
            SaveError::Refused(e) => e.into(),
            SaveError::Link(refusal) => refusal.into(),
            SaveError::Closed => AppError::Conflict(
                "The consultation is closed: answers can no longer be changed. Nothing was saved."
                    .into(),
            ),
            SaveError::Invalid(_) => AppError::BadRequest(
                "The answer is incomplete or invalid; nothing was saved.".into(),
            ),
            SaveError::Unavailable(e) => AppError::Unavailable(anyhow::anyhow!(e)),
            SaveError::Stopped => AppError::Internal(anyhow::anyhow!(error)),
        }
    }
}

impl From<crate::db::consultation::LinkRefusal> for AppError {
    fn from(refusal: crate::db::consultation::LinkRefusal) -> AppError {
        use crate::db::consultation::LinkRefusal;
        match refusal {
            LinkRefusal::Unknown => AppError::NotFound,
            LinkRefusal::Withdrawn => AppError::Gone(
                "This personal link has been withdrawn by the secretariat. If you still coordinate your group's answer, ask the secretariat for a new link.".into(),
            ),
            LinkRefusal::Expired => AppError::Gone(
                "This personal link has expired: the consultation it belonged to is over.".into(),
            ),
        }
    }
}

impl From<crate::db::consultation::ConsultationError> for AppError {
    fn from(error: crate::db::consultation::ConsultationError) -> AppError {
        use crate::db::consultation::ConsultationError;
        match error {
            ConsultationError::Meeting(e) => e.into(),
            ConsultationError::LinkNotFound => AppError::NotFound,
            ConsultationError::MissingCoordinators(groups) => AppError::Conflict(format!(
                "The consultation cannot open: these groups have no coordinator in the directory yet: {}. Add a contact as coordinator of each, then open again.",
                groups.join(", ")
            )),
            ConsultationError::DeadlinePassed => {
                AppError::Conflict("The response deadline has passed.".into())
            }
            ConsultationError::Database(e) => e.into(),
        }
    }
}

impl From<crate::db::invitations::InvitationError> for AppError {
    fn from(error: crate::db::invitations::InvitationError) -> AppError {
        use crate::db::invitations::InvitationError;
        match error {
            InvitationError::Meeting(e) => e.into(),
            InvitationError::NotApproved => AppError::Conflict(
                "Invitations can be sent once a slot is approved.".into(),
            ),
            InvitationError::Undecided => AppError::Conflict(
                "Decide the modality first (with the venue and the link it needs): use \u{201c}Change date, time, modality or venue\u{201d} on the invitations page, then send.".into(),
            ),
            InvitationError::NobodyToInvite => AppError::Conflict(
                "Nobody on the invitee list has an address to write to. Add invitation contacts in the directory, or extra addresses, then send again.".into(),
            ),
            InvitationError::NotSent => {
                AppError::Conflict("The invitations have not been sent yet.".into())
            }
            InvitationError::Started => AppError::Conflict(
                "The meeting has started: replies can no longer be changed.".into(),
            ),
            InvitationError::Cancelled => {
                AppError::Conflict("This meeting has been cancelled.".into())
            }
            InvitationError::NoRecipient => AppError::NotFound,
            InvitationError::Database(e) => e.into(),
        }
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(error: diesel::r2d2::PoolError) -> AppError {
        AppError::Unavailable(error.into())
    }
}

impl From<actix_web::error::HttpError> for AppError {
    fn from(error: actix_web::error::HttpError) -> AppError {
        AppError::Internal(anyhow::anyhow!("response could not be built: {error}"))
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(error: actix_web::error::BlockingError) -> AppError {
        AppError::Internal(anyhow::anyhow!("blocking task failed: {error}"))
    }
}

impl AppError {
    fn title(&self) -> &'static str {
        match self {
            AppError::NotFound => "Not found",
            AppError::BadRequest(_) => "Bad request",
            AppError::Conflict(_) => "Not possible now",
            AppError::Gone(_) | AppError::Personal(_) => "Link no longer valid",
            AppError::Csrf => "Form expired",
            AppError::LoginRequired { .. } => "Login required",
            AppError::TooManyRequests { .. } => "Too many attempts",
            AppError::Unavailable(_) => "Service unavailable",
            AppError::Internal(_) => "Server error",
        }
    }

    fn log(&self) {
        match self {
            // One line with the cause chain; never a backtrace.
            AppError::Internal(cause) => {
                tracing::error!(error = %format_args!("{cause:#}"), "request failed")
            }
            AppError::Unavailable(cause) => {
                tracing::error!(error = %format_args!("{cause:#}"), "database unavailable")
            }
            _ => {}
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    title: &'a str,
    message: String,
    status: u16,
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Gone(_) => StatusCode::GONE,
            AppError::Personal(refused) => match refused.refusal {
                crate::web::personal::Refusal::Unknown => StatusCode::NOT_FOUND,
                crate::web::personal::Refusal::FormExpired => StatusCode::FORBIDDEN,
                _ => StatusCode::GONE,
            },
            AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::LoginRequired { .. } => StatusCode::SEE_OTHER,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        self.log();
        if let AppError::LoginRequired { next } = self {
            let location = if next == "/" || next.is_empty() {
                "/login".to_owned()
            } else {
                format!(
                    "/login?next={}",
                    url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
                )
            };
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, location))
                .finish();
        }
        let status = self.status_code();
        let rendered = match self {
            AppError::Personal(refused) => refused.render(),
            other => ErrorPage {
                title: other.title(),
                message: other.to_string(),
                status: status.as_u16(),
            }
            .render(),
        };
        let mut response = HttpResponse::build(status);
        if let AppError::TooManyRequests { minutes } = self {
            response.insert_header((header::RETRY_AFTER, (minutes * 60).to_string()));
        }
        match rendered {
            Ok(body) => response
                .insert_header((
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ))
                .body(body),
            Err(error) => {
                tracing::error!(%error, "error page failed to render");
                response.body(self.to_string())
            }
        }
    }
}

/// The same errors, answered as `application/problem+json` (RFC 9457).
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct ApiError(#[from] pub AppError);

#[derive(serde::Serialize)]
struct Problem<'a> {
    r#type: &'static str,
    title: &'a str,
    status: u16,
    detail: String,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match &self.0 {
            AppError::LoginRequired { .. } => StatusCode::UNAUTHORIZED,
            other => other.status_code(),
        }
    }

    fn error_response(&self) -> HttpResponse {
        self.0.log();
        let status = self.status_code();
        let problem = Problem {
            r#type: "about:blank",
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            detail: self.0.to_string(),
        };
        HttpResponse::build(status)
            .content_type("application/problem+json")
            .body(serde_json::to_string(&problem).unwrap_or_default())
    }
}
