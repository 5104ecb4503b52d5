//! CSRF protection, one mechanism for every state-changing form: a signed
//! double-submit cookie (OWASP's recommendation for stateless pages).
//!
//! Every browser gets a random seed in an HttpOnly, SameSite=Strict cookie.
//! Forms carry `csrf_token` = HMAC-SHA256(key, seed), which only this server can
//! compute; a POST is accepted only when the field matches the cookie. The same
//! rule covers secretariat pages (with a session) and personal-link pages
//! (without one). Handlers take [`CsrfForm<T>`] instead of `web::Form<T>`, so a
//! state-changing form cannot skip the check.

use std::future::{Ready, ready};

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web::{Bytes, Data};
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use hmac::{Hmac, Mac};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::{AppError, AppState};
use crate::domain::token::Token;

type HmacSha256 = Hmac<Sha256>;

/// The signing key, derived from the instance secret so that it differs from
/// any other use of that secret.
#[derive(Clone)]
pub struct CsrfKey([u8; 32]);

impl CsrfKey {
    pub fn derive(secret: &str) -> CsrfKey {
        let mut hasher = Sha256::new();
        hasher.update(b"convene csrf v1\0");
        hasher.update(secret.as_bytes());
        CsrfKey(hasher.finalize().into())
    }

    fn mac(&self, seed: &str) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.0).expect("HMAC accepts any key length");
        mac.update(seed.as_bytes());
        mac
    }

    pub fn token_for(&self, seed: &str) -> String {
        hex::encode(self.mac(seed).finalize().into_bytes())
    }

    /// Constant-time check of a submitted token against the cookie's seed.
    pub fn verify(&self, seed: &str, submitted: &str) -> bool {
        match hex::decode(submitted) {
            Ok(bytes) => self.mac(seed).verify_slice(&bytes).is_ok(),
            Err(_) => false,
        }
    }
}

pub fn cookie_name(state: &AppState) -> &'static str {
    if state.settings.https() {
        "__Host-convene_csrf"
    } else {
        "convene_csrf"
    }
}

/// A seed created during this request, before the browser has the cookie.
#[derive(Clone)]
struct FreshSeed(String);

/// Middleware: gives a browser without a seed cookie a new one.
pub async fn ensure_cookie(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let Some(state) = req.app_data::<Data<AppState>>().cloned() else {
        return next.call(req).await;
    };
    let name = cookie_name(&state);
    if req.cookie(name).is_some() {
        return next.call(req).await;
    }
    let seed = Token::generate().expose().to_owned();
    req.extensions_mut().insert(FreshSeed(seed.clone()));
    let mut response = next.call(req).await?;
    let cookie = Cookie::build(name, seed)
        .path("/")
        .http_only(true)
        .secure(state.settings.https())
        .same_site(SameSite::Strict)
        .finish();
    response.response_mut().add_cookie(&cookie)?;
    Ok(response)
}

fn seed_of(req: &HttpRequest, state: &AppState) -> Option<String> {
    req.cookie(cookie_name(state))
        .map(|c| c.value().to_owned())
        .or_else(|| req.extensions().get::<FreshSeed>().map(|s| s.0.clone()))
}

/// The token to put in this page's forms.
pub struct CsrfToken(pub String);

impl FromRequest for CsrfToken {
    type Error = AppError;
    type Future = Ready<Result<CsrfToken, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match req.app_data::<Data<AppState>>() {
            Some(state) => match seed_of(req, state) {
                Some(seed) => Ok(CsrfToken(state.csrf.token_for(&seed))),
                None => Err(AppError::Internal(anyhow::anyhow!(
                    "CSRF cookie middleware is not installed"
                ))),
            },
            None => Err(AppError::Internal(anyhow::anyhow!(
                "application state missing"
            ))),
        })
    }
}

/// Checks a submitted `csrf_token` against the browser's cookie: what
/// [`CsrfForm`] does, for the few handlers that read their body themselves
/// (multipart uploads). Call it before acting on anything else in the body.
pub fn verify_submitted(
    req: &HttpRequest,
    state: &AppState,
    submitted: &str,
) -> Result<(), AppError> {
    let seed = req
        .cookie(cookie_name(state))
        .map(|c| c.value().to_owned())
        .ok_or(AppError::Csrf)?;
    if state.csrf.verify(&seed, submitted) {
        Ok(())
    } else {
        Err(AppError::Csrf)
    }
}

/// An urlencoded form whose `csrf_token` matched the browser's cookie. Fields
/// that repeat (checkbox groups) deserialize into `Vec`s.
pub struct CsrfForm<T>(pub T);

/// Largest form accepted, generous for a consultation grid of two years of half-days.
const FORM_LIMIT: usize = 1024 * 1024;

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<CsrfForm<T>, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = verified_body(req, payload);
        Box::pin(async move {
            serde_html_form::from_bytes(&body.await?)
                .map(CsrfForm)
                .map_err(|e| AppError::BadRequest(format!("The form could not be read: {e}.")))
        })
    }
}

/// The body of an urlencoded form whose `csrf_token` matched the browser's
/// cookie. The token is found without decoding the rest of the form (a
/// coordinator's grid is hundreds of fields).
pub fn verified_body(
    req: &HttpRequest,
    payload: &mut Payload,
) -> LocalBoxFuture<'static, Result<Bytes, AppError>> {
    let req = req.clone();
    let body = actix_web::web::Bytes::from_request(&req, payload);
    Box::pin(async move {
        let state = req
            .app_data::<Data<AppState>>()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("application state missing")))?;
        let body: Bytes = body
            .await
            .map_err(|_| AppError::BadRequest("The form could not be read.".into()))?;
        if body.len() > FORM_LIMIT {
            return Err(AppError::BadRequest("The form is too large.".into()));
        }
        let submitted = form_urlencoded::parse(&body)
            .find(|(name, _)| name == "csrf_token")
            .map(|(_, token)| token)
            .unwrap_or_default();
        verify_submitted(&req, state, &submitted)?;
        Ok(body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_only_with_its_seed_and_key() {
        let key = CsrfKey::derive("a secret key that is long enough!");
        let token = key.token_for("seed-1");
        assert!(key.verify("seed-1", &token));
        assert!(!key.verify("seed-2", &token));
        assert!(!key.verify("seed-1", "not hex"));
        assert!(!CsrfKey::derive("another secret key, also long enough").verify("seed-1", &token));
    }
}
