use qr_event_domain::SessionId;
use sha2::{Digest, Sha256};

use crate::{b64, random_bytes, unb64};

/// Random bytes in a refresh token: 256 bits.
pub const REFRESH_TOKEN_BYTES: usize = 32;

/// An opaque refresh token `"{session id}.{random}"`. Only its SHA-256 is
/// stored; the session id prefix lets logout find the family even when the
/// access token has expired, and carries no authority by itself.
#[derive(Clone)]
pub struct RefreshToken {
    session_id: SessionId,
    value: String,
}

impl std::fmt::Debug for RefreshToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RefreshToken")
            .field("session_id", &self.session_id)
            .finish_non_exhaustive()
    }
}

impl RefreshToken {
    /// A fresh token for `session_id`.
    pub fn generate(session_id: SessionId) -> Self {
        let secret = random_bytes::<REFRESH_TOKEN_BYTES>();
        Self {
            session_id,
            value: format!("{}.{}", session_id.0.simple(), b64(&secret)),
        }
    }

    /// Parses a presented token; `None` when it is not of our shape.
    pub fn parse(value: &str) -> Option<Self> {
        let (sid, secret) = value.split_once('.')?;
        if sid.len() != 32 || unb64(secret)?.len() != REFRESH_TOKEN_BYTES {
            return None;
        }
        let session_id = SessionId(uuid::Uuid::try_parse(sid).ok()?);
        Some(Self {
            session_id,
            value: value.to_owned(),
        })
    }

    /// The session (family) this token claims to belong to.
    pub fn session_id(&self) -> SessionId {
        self.session_id
    }

    /// The value to put in the cookie. Never log it.
    pub fn expose(&self) -> &str {
        &self.value
    }

    /// What the database stores and looks up.
    pub fn hash(&self) -> Vec<u8> {
        Sha256::digest(self.value.as_bytes()).to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_garbage() {
        let token = RefreshToken::generate(SessionId::random());
        let parsed = RefreshToken::parse(token.expose()).unwrap();
        assert_eq!(parsed.session_id(), token.session_id());
        assert_eq!(parsed.hash(), token.hash());
        assert!(RefreshToken::parse("abc").is_none());
        assert!(RefreshToken::parse(&format!("{}x", token.expose())).is_none());
        assert_ne!(
            RefreshToken::generate(token.session_id()).hash(),
            token.hash()
        );
    }

    #[test]
    fn debug_hides_the_secret() {
        let token = RefreshToken::generate(SessionId::random());
        assert!(!format!("{token:?}").contains(token.expose()));
    }
}
