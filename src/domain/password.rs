//! The password policy for secretariat accounts, applied before hashing.
//!
//! Length is the rule (at least 12 characters, at most 1024 so that hashing
//! cannot be used to exhaust memory or time); composition rules are not
//! imposed, following NIST SP 800-63B.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

#[derive(Clone)]
pub struct NewPassword(String);

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("a password needs at least {MIN_CHARS} characters")]
    TooShort,
    #[error("a password has at most {MAX_CHARS} characters")]
    TooLong,
}

impl NewPassword {
    pub fn parse(input: String) -> Result<NewPassword, PasswordError> {
        let count = input.chars().count();
        if count < MIN_CHARS {
            Err(PasswordError::TooShort)
        } else if count > MAX_CHARS {
            Err(PasswordError::TooLong)
        } else {
            Ok(NewPassword(input))
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Argon2id with OWASP's first recommended setting: 19 MiB, 2 passes, 1 lane.
fn hasher() -> Argon2<'static> {
    // The parameters are constants that argon2 accepts; a failure here is a
    // programming error caught by the tests below.
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string to store (`$argon2id$v=19$m=19456,t=2,p=1$…`), salted afresh.
pub fn hash(password: &NewPassword) -> String {
    hasher()
        .hash_password(password.0.as_bytes())
        .expect("argon2 hashing with valid parameters cannot fail")
        .to_string()
}

/// Whether `candidate` matches the stored PHC string. A malformed stored hash
/// never matches.
pub fn verify(candidate: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => hasher()
            .verify_password(candidate.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A valid hash of a password nobody knows, verified against when an account
/// does not exist, so that the answer takes as long as for a real account.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| {
        hash(&NewPassword(
            crate::domain::token::Token::generate().expose().to_owned(),
        ))
    })
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eleven_characters_are_too_few_and_twelve_are_enough() {
        assert_eq!(
            NewPassword::parse("a".repeat(11)).err(),
            Some(PasswordError::TooShort)
        );
        assert!(NewPassword::parse("é".repeat(12)).is_ok());
    }

    #[test]
    fn a_hash_is_argon2id_salted_and_verifies_only_its_password() {
        let password = NewPassword::parse("correct horse battery".into()).expect("long enough");
        let first = hash(&password);
        assert!(
            first.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{first}"
        );
        assert_ne!(first, hash(&password), "each hash has its own salt");
        assert!(verify("correct horse battery", &first));
        assert!(!verify("correct horse batterY", &first));
        assert!(!verify("correct horse battery", "not a hash"));
    }
}
