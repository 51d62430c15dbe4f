use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::StorageError;

/// A signing key as persisted: private material is always encrypted.
#[derive(Debug, Clone)]
pub struct StoredKey {
    /// Key id, unique.
    pub kid: String,
    /// What the key signs, e.g. `session` or `qr`.
    pub purpose: String,
    /// Algorithm name, e.g. `HS256`.
    pub algorithm: String,
    /// Public half, for asymmetric keys.
    pub public_key: Option<Vec<u8>>,
    /// Private material sealed under the master key.
    pub sealed_secret: Vec<u8>,
    /// `active`, `verify_only` or `retired`.
    pub status: String,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// Persisted signing keys, shared by every instance on one database.
#[async_trait]
pub trait KeyRepo: Send + Sync {
    /// Stores `key` unless one with the same kid exists.
    async fn insert_if_absent(&self, key: &StoredKey) -> Result<(), StorageError>;
    /// Stores `key` (active) only if its purpose has no active key yet, as
    /// one decision across every instance: several instances starting
    /// together on an empty database agree on one first key. True when this
    /// call stored it.
    async fn insert_first_active(&self, key: &StoredKey) -> Result<bool, StorageError>;
    /// Every key of a purpose, oldest first.
    async fn list(&self, purpose: &str) -> Result<Vec<StoredKey>, StorageError>;
    /// Makes `new` the only active key of its purpose: the previous active
    /// keys become `verify` (still accepted, no longer used to sign). Atomic.
    async fn rotate(&self, new: &StoredKey) -> Result<(), StorageError>;
    /// Retires a `verify` key: it no longer verifies anything. False when no
    /// such key is in `verify` status (unknown, active or already retired).
    async fn retire(&self, purpose: &str, kid: &str) -> Result<bool, StorageError>;
}
