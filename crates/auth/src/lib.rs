//! Credentials and tokens: password hashing and policy, access tokens (JWT,
//! HS256 pinned), refresh tokens, CSRF tokens, and sealing of persisted key
//! material under the master key.
//!
//! Pure functions and small value types; the only I/O is the blocking pool
//! used for argon2.

mod access;
mod csrf;
mod jwt;
mod master;
mod password;
mod refresh;
mod session_keys;

pub use access::AccessKeys;
pub use csrf::CsrfSigner;
pub use jwt::{AccessClaims, JwtError, JwtKeys, ACCESS_TYPE};
pub use master::{MasterKey, SealError};
pub use password::{
    check_password_policy, PasswordError, PasswordHasher, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS,
};
pub use refresh::{RefreshToken, REFRESH_TOKEN_BYTES};
pub use session_keys::{SessionKeySet, SessionKeys};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// HMAC-SHA256 of `message` under `key`.
pub(crate) fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC accepts any key length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// Derives an independent sub-key for `label` from a root secret, so one
/// persisted secret can serve several purposes without key reuse.
pub fn derive_key(root: &[u8], label: &str) -> [u8; 32] {
    hmac(root, label.as_bytes())
}

pub(crate) fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub(crate) fn unb64(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

/// Cryptographically random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    use rand::RngCore;
    let mut bytes = [0u8; N];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes
}

/// A token for a one-time link (device enrolment, invitation, address
/// verification): 256 random bits, base64url. Store only [`link_token_hash`].
pub fn link_token() -> String {
    b64(&random_bytes::<32>())
}

/// What the database stores of a link token: its SHA-256.
pub fn link_token_hash(token: &str) -> Vec<u8> {
    use sha2::Digest;
    Sha256::digest(token.as_bytes()).to_vec()
}
