//! Random secrets handed to people (session cookies, personal links) and the
//! only form in which they are stored: their SHA-256 digest.
//!
//! A token is 32 bytes (256 bits) from a CSPRNG seeded by the operating system, written as
//! 64 lower-case hex characters so it survives any URL, cookie or email client.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// A freshly drawn token in its presentable form. Not `Debug`, so it cannot
/// reach a log line by accident.
pub struct Token(String);

impl Token {
    pub fn generate() -> Token {
        let mut bytes = [0u8; 32];
        // ThreadRng is a ChaCha CSPRNG seeded and periodically reseeded from the OS.
        rand::rng().fill_bytes(&mut bytes);
        Token(hex::encode(bytes))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn digest(&self) -> String {
        digest(&self.0)
    }
}

/// The stored form of a token presented by a client.
pub fn digest(presented: &str) -> String {
    hex::encode(Sha256::digest(presented.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_bit_hex_and_differ() {
        let a = Token::generate();
        let b = Token::generate();
        assert_eq!(a.expose().len(), 64);
        assert!(a.expose().chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a.expose(), b.expose());
        assert_eq!(a.digest(), digest(a.expose()));
        assert_ne!(a.digest(), a.expose());
    }
}
