//! An email address that has passed the one check every boundary uses.
//!
//! The check is deliberately modest (one `@`, a dotted domain, no spaces or
//! control characters, at most 254 characters): the real test of an address is
//! whether mail arrives. Addresses are kept as typed except that the domain is
//! lower-cased; account logins compare the whole address case-insensitively.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("enter an email address")]
    Empty,
    #[error("an email address has the form name@example.org")]
    Malformed,
    #[error("an email address is at most 254 characters")]
    TooLong,
}

impl EmailAddress {
    pub fn parse(input: &str) -> Result<EmailAddress, EmailError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(EmailError::Empty);
        }
        if trimmed.chars().count() > 254 {
            return Err(EmailError::TooLong);
        }
        if trimmed
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';'))
        {
            return Err(EmailError::Malformed);
        }
        let (local, domain) = trimmed.rsplit_once('@').ok_or(EmailError::Malformed)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        if local.is_empty() || local.contains('@') || !domain_ok {
            return Err(EmailError::Malformed);
        }
        Ok(EmailAddress(format!("{local}@{}", domain.to_lowercase())))
    }

    /// The form used to look an account up: the whole address lower-cased.
    pub fn login_key(&self) -> String {
        self.0.to_lowercase()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_an_ordinary_address_and_lowercases_the_domain() {
        let email = EmailAddress::parse("  Jane.Doe@WIPO.int ").expect("valid");
        assert_eq!(email.as_str(), "Jane.Doe@wipo.int");
        assert_eq!(email.login_key(), "jane.doe@wipo.int");
    }

    #[test]
    fn rejects_what_cannot_be_an_address() {
        for bad in [
            "",
            "   ",
            "jane",
            "jane@",
            "@wipo.int",
            "jane@wipo",
            "ja ne@wipo.int",
            "a@b@c.org",
            "jane@.org",
            "x@y..org",
            "<a@b.org>",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
