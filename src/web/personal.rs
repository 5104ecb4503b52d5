//! What a personal link (`/c/…`, `/i/…`) answers when it opens nothing: a
//! page in the reader's language that tells them to contact the secretariat
//! (by its Reply-To address when one is configured), never pointing at the
//! secretariat's login, which they have no account for.
//!
//! The language is the link's contact's when the token is known, else the
//! one the browser asks for: an unknown token tells nothing about its
//! holder. A form sent without its anti-forgery token is answered the same
//! way, in the browser's language ([`PersonalForm`]): the check runs before
//! the token is read.
//!
//! What the personal pages share besides: a secretariat text in the
//! reader's language or marked as the default ([`Text`]).

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header::ACCEPT_LANGUAGE;
use actix_web::web::Data;
use actix_web::{FromRequest, HttpRequest};
use askama::Template;
use futures_util::future::LocalBoxFuture;

use crate::config::Settings;
use crate::domain::names::Localised;
use crate::i18n::{Language, Messages};
use crate::web::csrf;
use crate::web::{AppError, AppState};

/// Why a personal link opens nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No link has this token (a mistyped or truncated link).
    Unknown,
    /// The secretariat withdrew it or sent a newer one.
    Withdrawn,
    /// Its consultation is over.
    Expired,
    /// A form of the page came back without its anti-forgery token (a tab
    /// left open across a restart of the browser, cookies cleared).
    FormExpired,
}

impl Refusal {
    /// The ids of the page's title and of its sentence saying why.
    fn ids(self) -> (&'static str, &'static str) {
        match self {
            Refusal::Unknown => ("personal-unknown-title", "personal-unknown-why"),
            Refusal::Withdrawn => ("personal-withdrawn-title", "personal-withdrawn-why"),
            Refusal::Expired => ("personal-expired-title", "personal-expired-why"),
            Refusal::FormExpired => ("personal-form-expired-title", "personal-form-expired-why"),
        }
    }

    /// Whether the page tells the reader to ask the secretariat for a new
    /// link: not when the link itself still works.
    fn needs_new_link(self) -> bool {
        self != Refusal::FormExpired
    }
}

impl From<crate::db::consultation::LinkRefusal> for Refusal {
    fn from(refusal: crate::db::consultation::LinkRefusal) -> Refusal {
        use crate::db::consultation::LinkRefusal;
        match refusal {
            LinkRefusal::Unknown => Refusal::Unknown,
            LinkRefusal::Withdrawn => Refusal::Withdrawn,
            LinkRefusal::Expired => Refusal::Expired,
        }
    }
}

/// A refused personal link, with what its page needs: the language and the
/// secretariat's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub refusal: Refusal,
    pub language: Language,
    /// The secretariat's Reply-To address, if configured.
    pub contact: Option<String>,
}

impl Refused {
    pub fn new(refusal: Refusal, language: Language, settings: &Settings) -> Refused {
        Refused {
            refusal,
            language,
            contact: settings.mail.reply_to.as_ref().map(|m| m.email.to_string()),
        }
    }

    /// The page's title in the reader's language.
    pub fn title(&self) -> String {
        Messages::new(self.language).tr(self.refusal.ids().0)
    }

    pub fn error(refusal: Refusal, language: Language, settings: &Settings) -> AppError {
        AppError::Personal(Box::new(Refused::new(refusal, language, settings)))
    }

    pub fn render(&self) -> Result<String, askama::Error> {
        let t = Messages::new(self.language);
        RefusedPage {
            title: self.title(),
            why: t.tr(self.refusal.ids().1),
            needs_new_link: self.refusal.needs_new_link(),
            contact: self.contact.as_deref(),
            t,
        }
        .render()
    }
}

#[derive(Template)]
#[template(path = "personal_error.html")]
struct RefusedPage<'a> {
    t: Messages,
    title: String,
    why: String,
    needs_new_link: bool,
    contact: Option<&'a str>,
}

/// The language a visitor's browser asks for (`Accept-Language`), for the
/// pages of a link that does not say whose it is. Never fails: no header
/// reads English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asked(pub Language);

impl FromRequest for Asked {
    type Error = actix_web::Error;
    type Future = Ready<Result<Asked, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let header = req
            .headers()
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        ready(Ok(Asked(Language::negotiate(header))))
    }
}

/// The submitted fields of a personal page's form, checked against the
/// browser's anti-forgery cookie as [`CsrfForm`] checks them. A form that
/// fails the check is answered with a page in the browser's language
/// telling the reader to open the page again from their email, instead of
/// the secretariat's English one: the link's own language would need the
/// token, which is not read before the check passes.
pub struct PersonalForm(pub Vec<(String, String)>);

impl PersonalForm {
    /// The language the reader chose with the switcher, carried in the
    /// form's hidden `lang` field; anything not one of the six is ignored.
    pub fn chosen(&self) -> Option<Language> {
        self.0
            .iter()
            .find(|(name, _)| name == "lang")
            .and_then(|(_, tag)| Language::parse(tag))
    }
}

/// The query that keeps the switcher's choice through a redirect after a
/// save (`&lang=fr`); empty for the contact's own language.
pub fn keep_language(chosen: Option<Language>) -> String {
    chosen.map(|l| format!("&lang={l}")).unwrap_or_default()
}

impl FromRequest for PersonalForm {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<PersonalForm, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = csrf::verified_body(req, payload);
        let asked = Asked::from_request(req, payload).into_inner();
        let settings = req
            .app_data::<Data<AppState>>()
            .map(|state| state.settings.clone());
        Box::pin(async move {
            match (body.await, asked, settings) {
                (Ok(body), _, _) => Ok(PersonalForm(
                    form_urlencoded::parse(&body).into_owned().collect(),
                )),
                (Err(AppError::Csrf), Ok(Asked(language)), Some(settings)) => {
                    Err(Refused::error(Refusal::FormExpired, language, &settings))
                }
                (Err(error), _, _) => Err(error),
            }
        })
    }
}

/// A secretariat text (a meeting's title or purpose, a group's name) in the
/// reader's language, or the default text marked as such: the templates
/// wrap it in its own `lang` and add the language's "(English)".
#[derive(Clone)]
pub struct Text {
    pub text: String,
    pub lang: &'static str,
    pub fallback: bool,
}

impl From<Localised<'_>> for Text {
    fn from(localised: Localised<'_>) -> Text {
        Text {
            text: localised.text.to_owned(),
            lang: localised.lang,
            fallback: localised.fallback,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(refusal: Refusal, language: Language, contact: Option<&str>) -> String {
        Refused {
            refusal,
            language,
            contact: contact.map(str::to_owned),
        }
        .render()
        .expect("renders")
    }

    #[test]
    fn a_refused_link_says_so_in_each_language_and_never_points_to_the_login() {
        for language in Language::ALL {
            for refusal in [
                Refusal::Unknown,
                Refusal::Withdrawn,
                Refusal::Expired,
                Refusal::FormExpired,
            ] {
                let html = page(refusal, language, None);
                assert!(
                    html.contains(&format!(
                        "<html lang=\"{}\" dir=\"{}\">",
                        language.tag(),
                        language.dir()
                    )),
                    "{language} {refusal:?}"
                );
                assert!(!html.contains("/login"), "{language} {refusal:?}");
                assert!(
                    !html.contains("{ $") && !html.contains("personal-"),
                    "{html}"
                );
                if language != Language::En {
                    for english in [
                        "secretariat",
                        "This link",
                        "personal link",
                        "contact the",
                        "Skip to main content",
                    ] {
                        assert!(!html.contains(english), "{language} {refusal:?}: {english}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_secretariats_reply_to_address_is_given_when_configured() {
        let html = page(
            Refusal::Withdrawn,
            Language::Fr,
            Some("secretariat@example.org"),
        );
        assert!(
            html.contains("href=\"mailto:secretariat@example.org\""),
            "{html}"
        );
        let without = page(Refusal::Withdrawn, Language::Fr, None);
        assert!(!without.contains("mailto:"), "{without}");
    }
}
