//! Attendee links: a public, login-free key per ticket that is not the QR
//! code. The key is `ticket id ‖ version ‖ MAC`, so nothing secret is stored
//! and bumping the ticket's version invalidates every earlier link.

use subtle::ConstantTimeEq;
use uuid::Uuid;

use crate::{b64, hmac, unb64};

const MAC_LEN: usize = 16;
const KEY_LEN: usize = 16 + 4 + MAC_LEN;

/// Issues and checks attendee-link keys.
#[derive(Clone)]
pub struct AccessKeys {
    key: [u8; 32],
}

impl std::fmt::Debug for AccessKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccessKeys(<redacted>)")
    }
}

impl AccessKeys {
    /// Keys under a 32-byte secret.
    pub fn new(key: [u8; 32]) -> Self {
        Self { key }
    }

    fn mac(&self, ticket: Uuid, version: i32) -> [u8; 32] {
        let mut message = Vec::with_capacity(32);
        message.extend_from_slice(b"qr-event/access/v1");
        message.extend_from_slice(ticket.as_bytes());
        message.extend_from_slice(&version.to_be_bytes());
        hmac(&self.key, &message)
    }

    /// The link key of `ticket` at `version` (48 URL-safe characters).
    pub fn issue(&self, ticket: Uuid, version: i32) -> String {
        let mut bytes = Vec::with_capacity(KEY_LEN);
        bytes.extend_from_slice(ticket.as_bytes());
        bytes.extend_from_slice(&version.to_be_bytes());
        bytes.extend_from_slice(&self.mac(ticket, version)[..MAC_LEN]);
        b64(&bytes)
    }

    /// The ticket and version of a genuine key; `None` for anything else.
    pub fn verify(&self, key: &str) -> Option<(Uuid, i32)> {
        if key.len() != 48 {
            return None;
        }
        let bytes = unb64(key)?;
        if bytes.len() != KEY_LEN {
            return None;
        }
        let ticket = Uuid::from_slice(&bytes[..16]).ok()?;
        let version = i32::from_be_bytes(bytes[16..20].try_into().ok()?);
        let expected = self.mac(ticket, version);
        bool::from(expected[..MAC_LEN].ct_eq(&bytes[20..])).then_some((ticket, version))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_verify_and_tampering_fails() {
        let keys = AccessKeys::new([7; 32]);
        let ticket = Uuid::new_v4();
        let key = keys.issue(ticket, 3);
        assert_eq!(key.len(), 48);
        assert_eq!(keys.verify(&key), Some((ticket, 3)));
        let mut chars: Vec<char> = key.chars().collect();
        for i in 0..chars.len() {
            let orig = chars[i];
            chars[i] = if orig == 'A' { 'B' } else { 'A' };
            let tampered: String = chars.iter().collect();
            assert_eq!(keys.verify(&tampered), None, "position {i}");
            chars[i] = orig;
        }
        assert_eq!(AccessKeys::new([8; 32]).verify(&key), None);
        assert_eq!(keys.verify(""), None);
        assert_eq!(keys.verify(&"A".repeat(48)), None);
    }
}
