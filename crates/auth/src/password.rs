use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use qr_event_domain::{Email, FieldCode, ValidationErrors};
use tokio::sync::Semaphore;

/// Shortest accepted password, in characters.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// Longest accepted password, in characters (passphrases are welcome).
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Why hashing could not run.
#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    /// Every hashing slot is taken and the wait timed out: answer 503.
    #[error("password hashing is saturated")]
    Busy,
    /// The hashing task failed.
    #[error("password hashing failed: {0}")]
    Failed(String),
}

fn common_passwords() -> &'static HashSet<&'static str> {
    static LIST: OnceLock<HashSet<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("common-passwords.txt")
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect()
    })
}

/// Checks a new password: length bounds, not a well-known password, not the
/// account's e-mail address.
pub fn check_password_policy(
    field: &str,
    password: &str,
    email: Option<&Email>,
) -> Result<(), ValidationErrors> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(ValidationErrors::one(
            field,
            FieldCode::TooShort,
            format!("must be at least {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(ValidationErrors::one(
            field,
            FieldCode::TooLong,
            format!("must be at most {MAX_PASSWORD_CHARS} characters"),
        ));
    }
    let lowered = password.to_lowercase();
    if common_passwords().contains(lowered.as_str()) {
        return Err(ValidationErrors::one(
            field,
            FieldCode::TooCommon,
            "is a commonly used password; choose another",
        ));
    }
    if let Some(email) = email {
        let local = email.as_str().split('@').next().unwrap_or_default();
        if lowered == email.as_str() || lowered == local {
            return Err(ValidationErrors::one(
                field,
                FieldCode::MatchesEmail,
                "must not be your e-mail address",
            ));
        }
    }
    Ok(())
}

/// argon2id with the OWASP parameters (19 MiB, 2 iterations, 1 lane), run on
/// tokio's blocking pool with at most `concurrency` hashes at once, so a
/// login burst cannot exhaust memory or starve other requests.
#[derive(Clone)]
pub struct PasswordHasher {
    slots: Arc<Semaphore>,
    wait: std::time::Duration,
    dummy_hash: Arc<OnceLock<String>>,
}

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

impl PasswordHasher {
    /// At most `concurrency` hashes at once; a request waits at most `wait`
    /// for a slot before getting [`PasswordError::Busy`].
    pub fn new(concurrency: usize, wait: std::time::Duration) -> Self {
        Self {
            slots: Arc::new(Semaphore::new(concurrency.max(1))),
            wait,
            dummy_hash: Arc::new(OnceLock::new()),
        }
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, PasswordError> {
        let _permit = tokio::time::timeout(self.wait, self.slots.acquire())
            .await
            .map_err(|_| PasswordError::Busy)?
            .map_err(|_| PasswordError::Busy)?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|err| PasswordError::Failed(err.to_string()))
    }

    /// Hashes a password into a PHC string with a random salt.
    pub async fn hash(&self, password: &str) -> Result<String, PasswordError> {
        let password = password.to_owned();
        self.run(move || {
            let salt = SaltString::encode_b64(&crate::random_bytes::<16>())
                .expect("16 bytes is a valid salt");
            argon2()
                .hash_password(password.as_bytes(), &salt)
                .map(|hash| hash.to_string())
                .map_err(|err| PasswordError::Failed(err.to_string()))
        })
        .await?
    }

    /// Checks `password` against `stored`. With no stored hash (unknown or
    /// unclaimed account) a dummy hash is verified instead, so both cases
    /// cost the same time and return `false`.
    pub async fn verify(
        &self,
        password: &str,
        stored: Option<&str>,
    ) -> Result<bool, PasswordError> {
        let known = stored.is_some();
        let stored = match stored {
            Some(hash) => hash.to_owned(),
            None => self.dummy().await?,
        };
        let password = password.to_owned();
        let matches = self
            .run(move || {
                PasswordHash::new(&stored)
                    .map(|parsed| {
                        argon2()
                            .verify_password(password.as_bytes(), &parsed)
                            .is_ok()
                    })
                    .unwrap_or(false)
            })
            .await?;
        Ok(known && matches)
    }

    async fn dummy(&self) -> Result<String, PasswordError> {
        if let Some(hash) = self.dummy_hash.get() {
            return Ok(hash.clone());
        }
        let hash = self.hash(&crate::b64(&crate::random_bytes::<16>())).await?;
        Ok(self.dummy_hash.get_or_init(|| hash).clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        let email = Email::parse("email", "ada@example.org").unwrap();
        assert!(check_password_policy("p", "short", None).is_err());
        assert!(check_password_policy("p", "Password123", None).is_err());
        assert!(check_password_policy("p", "ada@example.org", Some(&email)).is_err());
        assert!(check_password_policy("p", &"long passphrase ".repeat(8), None).is_ok());
        assert!(check_password_policy("p", &"x".repeat(257), None).is_err());
        assert!(check_password_policy("p", "correct horse battery", Some(&email)).is_ok());
    }

    #[tokio::test]
    async fn hash_and_verify() {
        let hasher = PasswordHasher::new(2, std::time::Duration::from_secs(5));
        let hash = hasher.hash("correct horse battery").await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(hasher
            .verify("correct horse battery", Some(&hash))
            .await
            .unwrap());
        assert!(!hasher
            .verify("wrong horse battery", Some(&hash))
            .await
            .unwrap());
        assert!(!hasher.verify("correct horse battery", None).await.unwrap());
    }
}
