use std::collections::HashMap;

use chrono::{DateTime, Utc};
use qr_event_domain::{SessionId, UserId};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use crate::{b64, hmac, unb64};

/// `typ` claim of access tokens; any other value is refused.
pub const ACCESS_TYPE: &str = "access";

/// Seconds of clock difference tolerated on `nbf` and `exp`.
const LEEWAY_SECS: i64 = 5;

/// Claims of an access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessClaims {
    /// The user.
    pub sub: UserId,
    /// The session it belongs to (checked for revocation on every request).
    pub sid: SessionId,
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
    /// Token type, always [`ACCESS_TYPE`].
    pub typ: String,
    /// Issued at (Unix seconds).
    pub iat: i64,
    /// Not before (Unix seconds).
    pub nbf: i64,
    /// Expiry (Unix seconds).
    pub exp: i64,
}

#[derive(Serialize, Deserialize)]
struct Header {
    alg: String,
    typ: String,
    kid: String,
}

/// Why a token was refused. Callers answer all of them the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum JwtError {
    /// Not three base64url JSON parts.
    #[error("malformed token")]
    Malformed,
    /// `alg` other than HS256 (including `none`), or unknown `kid`.
    #[error("algorithm or key not accepted")]
    Algorithm,
    /// The MAC does not match.
    #[error("bad signature")]
    Signature,
    /// Wrong `iss`, `aud` or `typ`.
    #[error("wrong issuer, audience or type")]
    Claims,
    /// Not yet valid.
    #[error("token not yet valid")]
    NotYetValid,
    /// Expired.
    #[error("token expired")]
    Expired,
}

/// HS256 keys: one signing key and every key that still verifies.
#[derive(Clone)]
pub struct JwtKeys {
    signing_kid: String,
    keys: HashMap<String, [u8; 32]>,
    issuer: String,
    audience: String,
}

impl std::fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtKeys")
            .field("signing_kid", &self.signing_kid)
            .field("issuer", &self.issuer)
            .finish_non_exhaustive()
    }
}

impl JwtKeys {
    /// Keys signing with `(kid, key)`; `issuer` and `audience` are pinned.
    pub fn new(kid: &str, key: [u8; 32], issuer: &str, audience: &str) -> Self {
        Self {
            signing_kid: kid.to_owned(),
            keys: HashMap::from([(kid.to_owned(), key)]),
            issuer: issuer.to_owned(),
            audience: audience.to_owned(),
        }
    }

    /// Also accept tokens signed by an older key.
    pub fn with_verification_key(mut self, kid: &str, key: [u8; 32]) -> Self {
        self.keys.entry(kid.to_owned()).or_insert(key);
        self
    }

    /// Claims for a new token valid from `now` for `lifetime`.
    pub fn claims(
        &self,
        user: UserId,
        session: SessionId,
        now: DateTime<Utc>,
        lifetime: chrono::Duration,
    ) -> AccessClaims {
        let iat = now.timestamp();
        AccessClaims {
            sub: user,
            sid: session,
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            typ: ACCESS_TYPE.to_owned(),
            iat,
            nbf: iat,
            exp: iat + lifetime.num_seconds(),
        }
    }

    /// Signs `claims` with the active key.
    pub fn encode(&self, claims: &AccessClaims) -> String {
        let header = Header {
            alg: "HS256".to_owned(),
            typ: "JWT".to_owned(),
            kid: self.signing_kid.clone(),
        };
        let header = b64(&serde_json::to_vec(&header).expect("header serializes"));
        let payload = b64(&serde_json::to_vec(claims).expect("claims serialize"));
        let signing_input = format!("{header}.{payload}");
        let mac = hmac(&self.keys[&self.signing_kid], signing_input.as_bytes());
        format!("{signing_input}.{}", b64(&mac))
    }

    /// Verifies a token: algorithm pinned to HS256, known `kid`, MAC, then
    /// `iss`, `aud`, `typ`, `nbf` and `exp` against `now`.
    pub fn decode(&self, token: &str, now: DateTime<Utc>) -> Result<AccessClaims, JwtError> {
        let mut parts = token.split('.');
        let (Some(header_b64), Some(payload_b64), Some(mac_b64), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(JwtError::Malformed);
        };
        let header: Header = unb64(header_b64)
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .ok_or(JwtError::Malformed)?;
        if header.alg != "HS256" || header.typ != "JWT" {
            return Err(JwtError::Algorithm);
        }
        let key = self.keys.get(&header.kid).ok_or(JwtError::Algorithm)?;
        let mac = unb64(mac_b64).ok_or(JwtError::Malformed)?;
        let signing_input = &token[..header_b64.len() + 1 + payload_b64.len()];
        let expected = hmac(key, signing_input.as_bytes());
        if !bool::from(expected.as_slice().ct_eq(&mac)) {
            return Err(JwtError::Signature);
        }
        let claims: AccessClaims = unb64(payload_b64)
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .ok_or(JwtError::Malformed)?;
        if claims.iss != self.issuer || claims.aud != self.audience || claims.typ != ACCESS_TYPE {
            return Err(JwtError::Claims);
        }
        let now = now.timestamp();
        if claims.nbf > now + LEEWAY_SECS {
            return Err(JwtError::NotYetValid);
        }
        if claims.exp <= now - LEEWAY_SECS {
            return Err(JwtError::Expired);
        }
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn keys() -> JwtKeys {
        JwtKeys::new("k1", [1; 32], "qr-event", "qr-event-api")
    }

    fn token(keys: &JwtKeys, now: DateTime<Utc>) -> (AccessClaims, String) {
        let claims = keys.claims(
            UserId::new(),
            SessionId::random(),
            now,
            Duration::minutes(10),
        );
        let token = keys.encode(&claims);
        (claims, token)
    }

    #[test]
    fn round_trip() {
        let now = Utc::now();
        let (claims, token) = token(&keys(), now);
        assert_eq!(keys().decode(&token, now).unwrap(), claims);
    }

    #[test]
    fn expiry_and_not_before() {
        let now = Utc::now();
        let (_, token) = token(&keys(), now);
        assert_eq!(
            keys().decode(&token, now + Duration::minutes(11)),
            Err(JwtError::Expired)
        );
        assert_eq!(
            keys().decode(&token, now - Duration::minutes(1)),
            Err(JwtError::NotYetValid)
        );
    }

    #[test]
    fn alg_none_and_other_algorithms_refused() {
        let now = Utc::now();
        let (_, token) = token(&keys(), now);
        let payload = token.split('.').nth(1).unwrap();
        for alg in ["none", "HS512", "RS256", "hs256"] {
            let header = b64(format!(r#"{{"alg":"{alg}","typ":"JWT","kid":"k1"}}"#).as_bytes());
            assert_eq!(
                keys().decode(&format!("{header}.{payload}."), now),
                Err(JwtError::Algorithm)
            );
        }
    }

    #[test]
    fn tampering_and_foreign_keys_refused() {
        let now = Utc::now();
        let (claims, token) = token(&keys(), now);
        let mut forged = claims.clone();
        forged.sub = UserId::new();
        let forged_payload = b64(&serde_json::to_vec(&forged).unwrap());
        let parts: Vec<&str> = token.split('.').collect();
        let tampered = format!("{}.{}.{}", parts[0], forged_payload, parts[2]);
        assert_eq!(keys().decode(&tampered, now), Err(JwtError::Signature));
        let other = JwtKeys::new("k1", [2; 32], "qr-event", "qr-event-api");
        assert_eq!(other.decode(&token, now), Err(JwtError::Signature));
        let unknown_kid = JwtKeys::new("k2", [1; 32], "qr-event", "qr-event-api");
        assert_eq!(unknown_kid.decode(&token, now), Err(JwtError::Algorithm));
        assert_eq!(keys().decode("a.b", now), Err(JwtError::Malformed));
        assert_eq!(keys().decode("", now), Err(JwtError::Malformed));
    }

    #[test]
    fn wrong_audience_or_type_refused() {
        let now = Utc::now();
        let keys = keys();
        let mut claims = keys.claims(
            UserId::new(),
            SessionId::random(),
            now,
            Duration::minutes(10),
        );
        claims.typ = "refresh".into();
        assert_eq!(
            keys.decode(&keys.encode(&claims), now),
            Err(JwtError::Claims)
        );
        let other_aud = JwtKeys::new("k1", [1; 32], "qr-event", "elsewhere");
        let (_, token) = token(&other_aud, now);
        assert_eq!(keys.decode(&token, now), Err(JwtError::Claims));
    }

    #[test]
    fn older_keys_still_verify() {
        let now = Utc::now();
        let old = keys();
        let (_, token) = token(&old, now);
        let rotated = JwtKeys::new("k2", [9; 32], "qr-event", "qr-event-api")
            .with_verification_key("k1", [1; 32]);
        assert!(rotated.decode(&token, now).is_ok());
    }
}
