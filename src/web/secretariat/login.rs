//! Logging in and out. Failed attempts are counted per account and per client
//! address; past the limit the form refuses even a correct password until the
//! window has passed, and says so.

use actix_web::http::StatusCode;
use actix_web::web::{self, Data};
use actix_web::{HttpRequest, HttpResponse, get, post};
use askama::Template;
use serde::Deserialize;

use crate::db::{login_failures, sessions, users};
use crate::domain::token::Token;
use crate::domain::{EmailAddress, password};
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::session::{self, MaybeUser, client_address, safe_next};
use crate::web::{AppError, AppState, db, page, see_other};

/// Longer passwords are refused unhashed: hashing megabytes is work an
/// attacker should not be able to ask for.
const MAX_PASSWORD_BYTES: usize = 1024;

#[derive(Template)]
#[template(path = "secretariat/login.html")]
struct LoginPage {
    csrf: String,
    email: String,
    next: String,
    error: Option<String>,
    no_users: bool,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

#[get("/login")]
pub async fn show(
    state: Data<AppState>,
    user: MaybeUser,
    csrf: CsrfToken,
    query: crate::web::extract::Query<NextQuery>,
) -> Result<HttpResponse, AppError> {
    let next = safe_next(query.next.as_deref());
    if user.0.is_some() {
        return Ok(see_other(&next));
    }
    let no_users = db(&state, |conn| Ok(users::count(conn)? == 0)).await?;
    page(
        StatusCode::OK,
        &LoginPage {
            csrf: csrf.0,
            email: String::new(),
            next,
            error: None,
            no_users,
        },
    )
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

#[post("/login")]
#[tracing::instrument(skip_all)]
pub async fn submit(
    req: HttpRequest,
    state: Data<AppState>,
    csrf: CsrfToken,
    form: CsrfForm<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let LoginForm {
        email,
        password: candidate,
        next,
    } = form.0;
    let next = safe_next(next.as_deref());
    let parsed = EmailAddress::parse(&email);
    let key = parsed
        .as_ref()
        .map(EmailAddress::login_key)
        .unwrap_or_default();
    let again = |status: StatusCode, error: &str| {
        page(
            status,
            &LoginPage {
                csrf: csrf.0.clone(),
                email: email.trim().to_owned(),
                next: next.clone(),
                error: Some(error.to_owned()),
                no_users: false,
            },
        )
    };
    if email.trim().is_empty() || candidate.is_empty() {
        return again(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Enter your email address and your password.",
        );
    }
    // An address that cannot be an account's is refused before the
    // database sees it (no lookup, no failure row, no index entry).
    if parsed.is_err() || candidate.len() > MAX_PASSWORD_BYTES {
        return again(
            StatusCode::UNPROCESSABLE_ENTITY,
            "The email address or the password is not correct.",
        );
    }

    let client = client_address(&req, &state);
    let limits = state.settings.login_limits.clone();
    let lookup_key = key.clone();
    let (attempt, for_account, for_client, user) = db(&state, move |conn| {
        let (attempt, a, c) =
            login_failures::begin_attempt(conn, &lookup_key, &client, limits.window)?;
        Ok((attempt, a, c, users::find_by_email(conn, &lookup_key)?))
    })
    .await?;
    if for_account > limits.max_failures_per_account || for_client > limits.max_failures_per_client
    {
        tracing::warn!("login refused: too many recent failures");
        db(&state, move |conn| {
            Ok(login_failures::forget_attempt(conn, attempt)?)
        })
        .await?;
        let mut response = again(
            StatusCode::TOO_MANY_REQUESTS,
            &format!(
                "Too many failed attempts. Wait {} minutes, then try again.",
                limits.window.num_minutes()
            ),
        )?;
        response.headers_mut().insert(
            actix_web::http::header::RETRY_AFTER,
            actix_web::http::header::HeaderValue::from(limits.window.num_seconds()),
        );
        return Ok(response);
    }

    let stored = user.as_ref().map_or_else(
        || password::decoy_hash().to_owned(),
        |u| u.password_hash.clone(),
    );
    let matches = web::block(move || password::verify(&candidate, &stored)).await?;

    match user {
        Some(user) if matches && !user.is_disabled() => {
            let token = Token::generate();
            let digest = token.digest();
            let replaces = session::presented_digest(&req, &state);
            let user_id = user.user_id();
            db(&state, move |conn| {
                crate::db::transaction(conn, |conn| {
                    login_failures::forgive_account(conn, &key)?;
                    sessions::create(conn, &digest, user_id, replaces.as_deref())
                })?;
                Ok(())
            })
            .await?;
            tracing::info!(user = %user_id, "logged in");
            let mut response = see_other(&next);
            response.add_cookie(&session::cookie(&state, token.expose().to_owned()))?;
            Ok(response)
        }
        Some(user) if matches => {
            tracing::warn!(user = %user.user_id(), "login refused: account disabled");
            db(&state, move |conn| {
                Ok(login_failures::forget_attempt(conn, attempt)?)
            })
            .await?;
            again(
                StatusCode::FORBIDDEN,
                "This account has been disabled. Ask a colleague with an active account, or the server's administrator.",
            )
        }
        _ => {
            // The attempt stays recorded: it is the failure.
            again(
                StatusCode::UNPROCESSABLE_ENTITY,
                "The email address or the password is not correct.",
            )
        }
    }
}

#[derive(Deserialize)]
pub struct NoFields {}

#[post("/logout")]
pub async fn logout(
    req: HttpRequest,
    state: Data<AppState>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    if let Some(digest) = session::presented_digest(&req, &state) {
        db(&state, move |conn| Ok(sessions::delete(conn, &digest)?)).await?;
    }
    let mut response = see_other("/login");
    response.add_cookie(&session::removal_cookie(&state))?;
    Ok(response)
}
