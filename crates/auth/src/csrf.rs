use qr_event_domain::SessionId;
use subtle::ConstantTimeEq;

use crate::{b64, hmac, random_bytes, unb64};

/// Signed double-submit CSRF tokens: `"{nonce}.{HMAC(key, session id | nonce)}"`.
///
/// The token sits in a readable cookie and must be echoed in the
/// `X-CSRF-Token` header. Because it is bound to the session by a MAC, a
/// cookie planted by a sibling subdomain does not verify.
#[derive(Clone)]
pub struct CsrfSigner {
    key: [u8; 32],
    /// Keys of earlier session secrets still in their grace period: tokens
    /// they signed verify, new tokens never use them.
    previous: Vec<[u8; 32]>,
}

impl CsrfSigner {
    /// A signer using `key`.
    pub fn new(key: [u8; 32]) -> Self {
        Self {
            key,
            previous: Vec::new(),
        }
    }

    /// Also accept tokens signed with an earlier key.
    pub fn with_previous(mut self, key: [u8; 32]) -> Self {
        self.previous.push(key);
        self
    }

    fn mac_with(key: &[u8; 32], session: SessionId, nonce: &[u8]) -> [u8; 32] {
        let mut message = Vec::with_capacity(16 + nonce.len());
        message.extend_from_slice(session.0.as_bytes());
        message.extend_from_slice(nonce);
        hmac(key, &message)
    }

    fn mac(&self, session: SessionId, nonce: &[u8]) -> [u8; 32] {
        Self::mac_with(&self.key, session, nonce)
    }

    /// A new token for `session`.
    pub fn issue(&self, session: SessionId) -> String {
        let nonce = random_bytes::<16>();
        format!("{}.{}", b64(&nonce), b64(&self.mac(session, &nonce)))
    }

    /// True when `token` was issued for `session` by this signer.
    pub fn verify(&self, session: SessionId, token: &str) -> bool {
        let Some((nonce, mac)) = token.split_once('.') else {
            return false;
        };
        let (Some(nonce), Some(mac)) = (unb64(nonce), unb64(mac)) else {
            return false;
        };
        nonce.len() == 16
            && std::iter::once(&self.key)
                .chain(&self.previous)
                .any(|key| bool::from(Self::mac_with(key, session, &nonce).as_slice().ct_eq(&mac)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound_to_session_and_key() {
        let signer = CsrfSigner::new([7; 32]);
        let sid = SessionId::random();
        let token = signer.issue(sid);
        assert!(signer.verify(sid, &token));
        assert!(!signer.verify(SessionId::random(), &token));
        assert!(!CsrfSigner::new([8; 32]).verify(sid, &token));
        assert!(!signer.verify(sid, "x.y"));
        assert!(!signer.verify(sid, ""));
        // After a rotation, tokens of the previous key still verify; new
        // tokens are signed with the new key only.
        let rotated = CsrfSigner::new([9; 32]).with_previous([7; 32]);
        assert!(rotated.verify(sid, &token));
        assert!(!signer.verify(sid, &rotated.issue(sid)));
    }
}
