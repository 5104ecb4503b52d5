//! Secretariat sessions: the cookie, the extractor that requires a logged-in
//! member, and the client address used for rate limiting.

use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::dev::Payload;
use actix_web::web::Data;
use actix_web::{FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;

use super::{AppError, AppState, db};
use crate::db::sessions;
use crate::domain::{UserId, token};

pub fn cookie_name(state: &AppState) -> &'static str {
    if state.settings.https() {
        "__Host-convene_session"
    } else {
        "convene_session"
    }
}

/// The session cookie: HttpOnly, SameSite=Strict, Secure over https. It has no
/// Max-Age: the server decides expiry, and the browser drops it when closed.
pub fn cookie(state: &AppState, value: String) -> Cookie<'static> {
    Cookie::build(cookie_name(state), value)
        .path("/")
        .http_only(true)
        .secure(state.settings.https())
        .same_site(SameSite::Strict)
        .finish()
}

pub fn removal_cookie(state: &AppState) -> Cookie<'static> {
    let mut gone = cookie(state, String::new());
    gone.set_max_age(time::Duration::ZERO);
    gone
}

/// The digest of the session id the browser presented, if any.
pub fn presented_digest(req: &HttpRequest, state: &AppState) -> Option<String> {
    req.cookie(cookie_name(state))
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
        .map(|v| token::digest(&v))
}

/// A logged-in secretariat member. Taking this as an argument is what makes a
/// handler secretariat-only: without a live session the request is redirected
/// to the login page.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: UserId,
    pub email: String,
    pub name: String,
}

impl CurrentUser {
    pub fn display_name(&self) -> &str {
        if self.name.trim().is_empty() {
            &self.email
        } else {
            &self.name
        }
    }
}

/// Like [`CurrentUser`], but absent instead of redirecting.
pub struct MaybeUser(pub Option<CurrentUser>);

async fn lookup(req: &HttpRequest) -> Result<Option<CurrentUser>, AppError> {
    let state = req
        .app_data::<Data<AppState>>()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("application state missing")))?;
    let Some(digest) = presented_digest(req, state) else {
        return Ok(None);
    };
    let lifetimes = state.settings.session;
    let user = db(state, move |conn| {
        Ok(sessions::resolve(conn, &digest, lifetimes)?)
    })
    .await?;
    Ok(user.map(|u| CurrentUser {
        id: u.user_id(),
        email: u.email,
        name: u.name,
    }))
}

/// Where to come back to after logging in: this page, if it was a GET.
fn return_path(req: &HttpRequest) -> String {
    if req.method() == actix_web::http::Method::GET {
        req.uri()
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned())
    } else {
        "/".to_owned()
    }
}

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<CurrentUser, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            lookup(&req).await?.ok_or_else(|| AppError::LoginRequired {
                next: return_path(&req),
            })
        })
    }
}

impl FromRequest for MaybeUser {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<MaybeUser, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(MaybeUser(lookup(&req).await?)) })
    }
}

/// The client's address for rate limiting: the TCP peer, or the first
/// X-Forwarded-For / Forwarded entry when the proxy in front is trusted.
pub fn client_address(req: &HttpRequest, state: &AppState) -> String {
    if state.settings.trust_proxy
        && let Some(ip) = req.connection_info().realip_remote_addr()
    {
        return ip.to_owned();
    }
    req.peer_addr()
        .map_or_else(|| "unknown".to_owned(), |a| a.ip().to_string())
}

/// Where to go after logging in: a local path (see [`super::redirect`]), or
/// the home page.
pub fn safe_next(next: Option<&str>) -> String {
    super::redirect::local_or(next, "/")
}
