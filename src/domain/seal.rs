//! Sealing: authenticated encryption of a secret that must wait in the database
//! for a while, namely a personal link's token between the moment its email is
//! queued and the moment it is sent. The outbox wipes the sealed value once the
//! message is delivered, so afterwards the token exists only as its hash.
//!
//! ChaCha20-Poly1305 with a random 96-bit nonce per value; the key is derived
//! from the instance secret, separately from any other use of that secret.

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use rand::RngCore;
use sha2::{Digest, Sha256};

#[derive(Clone)]
pub struct SealKey([u8; 32]);

impl SealKey {
    pub fn derive(secret: &str) -> SealKey {
        let mut hasher = Sha256::new();
        hasher.update(b"convene seal v1\0");
        hasher.update(secret.as_bytes());
        SealKey(hasher.finalize().into())
    }

    fn cipher(&self) -> ChaCha20Poly1305 {
        ChaCha20Poly1305::new(Key::from_slice(&self.0))
    }

    /// `hex(nonce || ciphertext)`.
    pub fn seal(&self, plaintext: &str) -> String {
        let mut nonce = [0u8; 12];
        rand::rng().fill_bytes(&mut nonce);
        let ciphertext = self
            .cipher()
            .encrypt(Nonce::from_slice(&nonce), plaintext.as_bytes())
            .expect("ChaCha20-Poly1305 encryption of a short value cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ciphertext);
        hex::encode(out)
    }

    /// The plaintext, or `None` when the value was not sealed with this key or
    /// was altered.
    pub fn open(&self, sealed: &str) -> Option<String> {
        let bytes = hex::decode(sealed).ok()?;
        if bytes.len() < 12 {
            return None;
        }
        let (nonce, ciphertext) = bytes.split_at(12);
        let plain = self
            .cipher()
            .decrypt(Nonce::from_slice(nonce), ciphertext)
            .ok()?;
        String::from_utf8(plain).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_their_key_and_unaltered() {
        let key = SealKey::derive("one instance secret, long enough");
        let sealed = key.seal("token-123");
        assert!(!sealed.contains("token-123"));
        assert_ne!(sealed, key.seal("token-123"), "fresh nonce each time");
        assert_eq!(key.open(&sealed).as_deref(), Some("token-123"));
        assert_eq!(
            SealKey::derive("another instance secret, long too").open(&sealed),
            None
        );
        let mut altered = sealed.clone();
        altered.replace_range(30..31, if &sealed[30..31] == "0" { "1" } else { "0" });
        assert_eq!(key.open(&altered), None);
    }
}
