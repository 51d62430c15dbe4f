//! Signing keys and the key ring that signs and verifies ticket codes.

use std::fmt;
use std::sync::Arc;

use curve25519_dalek::edwards::CompressedEdwardsY;
use curve25519_dalek::Scalar;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use rand::rngs::OsRng;
use rand::RngCore;
use uuid::Uuid;
use zeroize::Zeroize;

use crate::code::{self, CodeError, KeyId, SignError, TicketCode, TicketCodec};

/// An Ed25519 key pair with its key id. The secret is wiped on drop and never
/// shown by `Debug`.
pub struct SigningKeyPair {
    /// The id written into every code this key signs.
    pub kid: KeyId,
    /// The 32-byte Ed25519 secret key (seed).
    pub secret: [u8; 32],
    /// The matching public key, handed to verifiers.
    pub public: [u8; 32],
}

impl SigningKeyPair {
    /// A fresh key pair with a random key id, from the operating system's RNG.
    pub fn generate() -> Self {
        let mut secret = [0u8; 32];
        OsRng.fill_bytes(&mut secret);
        let mut kid = [0u8; 4];
        OsRng.fill_bytes(&mut kid);
        let pair = Self::from_secret(KeyId(kid), secret);
        secret.zeroize();
        pair
    }

    /// The key pair of a stored secret.
    pub fn from_secret(kid: KeyId, secret: [u8; 32]) -> Self {
        let public = SigningKey::from_bytes(&secret).verifying_key().to_bytes();
        Self {
            kid,
            secret,
            public,
        }
    }
}

impl fmt::Debug for SigningKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKeyPair")
            .field("kid", &self.kid)
            .field("secret", &"[redacted]")
            .field("public", &Hex(&self.public))
            .finish()
    }
}

impl Drop for SigningKeyPair {
    fn drop(&mut self) {
        self.secret.zeroize();
    }
}

struct Hex<'a>(&'a [u8]);

impl fmt::Debug for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

/// A key given to [`KeyRing::new`] that cannot be used.
#[derive(Debug, Clone, Copy, thiserror::Error, PartialEq, Eq)]
pub enum InvalidKey {
    /// Not a point on the curve, or a weak (small-order) one.
    #[error("key {0}: not a usable Ed25519 public key")]
    BadPublicKey(KeyId),
    /// The signing pair's public half does not belong to its secret.
    #[error("key {0}: public key does not match the secret key")]
    Mismatch(KeyId),
    /// One key id given for two different keys.
    #[error("key {0}: listed twice with different public keys")]
    DuplicateKid(KeyId),
}

struct Inner {
    signing: Option<(KeyId, SigningKey)>,
    // A handful of keys at most: a linear scan beats hashing.
    verifying: Vec<(KeyId, VerifyingKey)>,
}

/// Signs codes with at most one current key and verifies codes of every key
/// it holds. Cheap to clone; share it as `Arc<dyn TicketCodec>`.
#[derive(Clone)]
pub struct KeyRing {
    inner: Arc<Inner>,
}

impl KeyRing {
    /// A ring that signs with `signing` (if any) and verifies codes of
    /// `signing` and of every key in `verifying`. Retired keys are simply left
    /// out, and their codes are then refused as [`CodeError::UnknownKey`].
    pub fn new(
        signing: Option<SigningKeyPair>,
        verifying: Vec<(KeyId, [u8; 32])>,
    ) -> Result<Self, InvalidKey> {
        let mut keys: Vec<(KeyId, VerifyingKey)> = Vec::with_capacity(verifying.len() + 1);
        let signing = match signing {
            None => None,
            Some(pair) => {
                let key = SigningKey::from_bytes(&pair.secret);
                if key.verifying_key().to_bytes() != pair.public {
                    return Err(InvalidKey::Mismatch(pair.kid));
                }
                keys.push((pair.kid, key.verifying_key()));
                Some((pair.kid, key))
            }
        };
        for (kid, public) in verifying {
            let key = VerifyingKey::from_bytes(&public)
                .ok()
                .filter(|k| !k.is_weak())
                .ok_or(InvalidKey::BadPublicKey(kid))?;
            match keys.iter().find(|(known, _)| *known == kid) {
                Some((_, existing)) if *existing == key => {}
                Some(_) => return Err(InvalidKey::DuplicateKid(kid)),
                None => keys.push((kid, key)),
            }
        }
        Ok(Self {
            inner: Arc::new(Inner {
                signing,
                verifying: keys,
            }),
        })
    }

    /// The id of the key new codes are signed with, if the ring signs.
    pub fn signing_kid(&self) -> Option<KeyId> {
        self.inner.signing.as_ref().map(|(kid, _)| *kid)
    }

    /// Every public key the ring verifies with, e.g. for offline scanners.
    pub fn public_keys(&self) -> Vec<(KeyId, [u8; 32])> {
        self.inner
            .verifying
            .iter()
            .map(|(kid, key)| (*kid, key.to_bytes()))
            .collect()
    }
}

impl fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kids: Vec<KeyId> = self.inner.verifying.iter().map(|(k, _)| *k).collect();
        f.debug_struct("KeyRing")
            .field("signing_kid", &self.signing_kid())
            .field("verifying", &kids)
            .finish()
    }
}

/// A well-formed code of a known key, its signature not yet checked.
struct Candidate {
    code: TicketCode,
    message: [u8; code::MESSAGE_LEN],
    signature: Signature,
    key: VerifyingKey,
}

impl KeyRing {
    /// Everything before the signature: shape and key.
    fn candidate(&self, text: &str) -> Result<Candidate, CodeError> {
        let parsed = code::parse(text)?;
        let key = self
            .inner
            .verifying
            .iter()
            .find(|(kid, _)| *kid == parsed.code.kid)
            .map(|(_, key)| *key)
            .ok_or(CodeError::UnknownKey)?;
        Ok(Candidate {
            code: parsed.code,
            message: code::message(&parsed.signed),
            signature: Signature::from_bytes(&parsed.signature),
            key,
        })
    }
}

/// The parts of a signature that strict verification refuses on their own,
/// whatever the equation: a scalar S that is not reduced, an R that is not a
/// point or is of small order. Only a signature without them joins a batch.
fn batchable(signature: &Signature) -> bool {
    let s_reduced = bool::from(Scalar::from_canonical_bytes(*signature.s_bytes()).is_some());
    s_reduced
        && CompressedEdwardsY(*signature.r_bytes())
            .decompress()
            .is_some_and(|r| !r.is_small_order())
}

/// Strict verification of one candidate.
fn verify(c: &Candidate) -> Result<TicketCode, CodeError> {
    c.key
        .verify_strict(&c.message, &c.signature)
        .map(|()| c.code)
        .map_err(|_| CodeError::BadSignature)
}

impl TicketCodec for KeyRing {
    fn encode(&self, event_id: Uuid, ticket_id: Uuid) -> Result<String, SignError> {
        let (kid, key) = self.inner.signing.as_ref().ok_or(SignError::NoSigningKey)?;
        let signed = code::signed_bytes(event_id, ticket_id, *kid);
        let signature = key.sign(&code::message(&signed));
        Ok(code::to_text(&signed, &signature.to_bytes()))
    }

    fn decode(&self, text: &str) -> Result<TicketCode, CodeError> {
        verify(&self.candidate(text)?)
    }

    /// One batch verification for every candidate (ADR 0014): it shares the
    /// doublings of the curve arithmetic between the signatures. When the
    /// batch fails, each candidate is verified alone, so the answers are
    /// always those of [`TicketCodec::decode`].
    fn decode_many(&self, texts: &[&str]) -> Vec<Result<TicketCode, CodeError>> {
        let mut answers = Vec::with_capacity(texts.len());
        let mut candidates = Vec::with_capacity(texts.len());
        for text in texts {
            match self.candidate(text) {
                Ok(c) if batchable(&c.signature) => {
                    answers.push(Ok(c.code));
                    candidates.push((answers.len() - 1, c));
                }
                Ok(_) => answers.push(Err(CodeError::BadSignature)),
                Err(err) => answers.push(Err(err)),
            }
        }
        if candidates.len() >= 2 {
            let messages: Vec<&[u8]> = candidates.iter().map(|(_, c)| &c.message[..]).collect();
            let signatures: Vec<Signature> = candidates.iter().map(|(_, c)| c.signature).collect();
            let keys: Vec<VerifyingKey> = candidates.iter().map(|(_, c)| c.key).collect();
            if ed25519_dalek::verify_batch(&messages, &signatures, &keys).is_ok() {
                return answers;
            }
        }
        for (i, c) in &candidates {
            answers[*i] = verify(c);
        }
        answers
    }
}
