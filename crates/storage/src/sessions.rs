use async_trait::async_trait;
use chrono::{DateTime, Utc};
use qr_event_domain::{SessionId, UserId};

use crate::StorageError;

/// Input of [`SessionRepo::create`].
#[derive(Debug, Clone)]
pub struct NewSession {
    /// Session (refresh-token family) id.
    pub id: SessionId,
    /// Owner.
    pub user_id: UserId,
    /// SHA-256 of the first refresh token.
    pub token_hash: Vec<u8>,
    /// Creation time.
    pub now: DateTime<Utc>,
    /// Absolute end of the session, whatever its use.
    pub expires_at: DateTime<Utc>,
}

/// Outcome of presenting a refresh token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rotation {
    /// The token was current: it is now spent and the new one replaces it.
    Rotated {
        /// Family.
        session_id: SessionId,
        /// Owner.
        user_id: UserId,
    },
    /// The token had already been rotated: the family has been revoked.
    Reused {
        /// Family, now revoked.
        session_id: SessionId,
        /// Owner.
        user_id: UserId,
    },
    /// Unknown token, or its session is revoked, idle too long or expired.
    Invalid,
}

/// Login sessions and their refresh tokens.
#[async_trait]
pub trait SessionRepo: Send + Sync {
    /// Opens a session with its first refresh token.
    async fn create(&self, session: NewSession) -> Result<(), StorageError>;
    /// Spends `old_hash` and stores `new_hash` in its place, atomically: of two
    /// concurrent presentations of one token, exactly one rotates. A token that
    /// was already spent revokes its whole family. Sessions unused since
    /// `idle_cutoff` or past their absolute expiry are invalid.
    async fn rotate(
        &self,
        old_hash: &[u8],
        new_hash: &[u8],
        now: DateTime<Utc>,
        idle_cutoff: DateTime<Utc>,
    ) -> Result<Rotation, StorageError>;
    /// The owner of a session that is neither revoked nor expired.
    async fn active_user(
        &self,
        id: SessionId,
        now: DateTime<Utc>,
    ) -> Result<Option<UserId>, StorageError>;
    /// Revokes one session; `false` if it was unknown or already revoked.
    async fn revoke(
        &self,
        id: SessionId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError>;
    /// Revokes every open session of a user and returns their ids.
    async fn revoke_all(
        &self,
        user_id: UserId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<SessionId>, StorageError>;
}
