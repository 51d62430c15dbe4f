use async_trait::async_trait;
use chrono::{DateTime, Utc};
use qr_event_domain::{EventId, UserId};
use uuid::Uuid;

use crate::StorageError;

/// One append-only audit entry.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    /// Time-ordered identifier (UUIDv7); also the pagination key.
    pub id: Uuid,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// The event concerned, if any.
    pub event_id: Option<EventId>,
    /// Who did it, if known.
    pub actor_id: Option<UserId>,
    /// Stable action name, e.g. `auth.login`.
    pub action: String,
    /// `success` or `failure`.
    pub outcome: String,
    /// What was acted upon (a user id, a ticket id), if any.
    pub subject: Option<String>,
    /// Client address as seen by the server.
    pub client_ip: Option<String>,
    /// Request correlation id.
    pub request_id: Option<String>,
    /// Extra structured facts; never secrets.
    pub details: serde_json::Value,
}

/// Filters and position for reading the audit log, newest first.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// Only entries of this event; `None` means instance-wide entries (no event).
    pub event_id: Option<EventId>,
    /// Only this action.
    pub action: Option<String>,
    /// Only this outcome.
    pub outcome: Option<String>,
    /// Only this actor.
    pub actor_id: Option<UserId>,
    /// Only this subject.
    pub subject: Option<String>,
    /// Entries at or after.
    pub from: Option<DateTime<Utc>>,
    /// Entries before.
    pub to: Option<DateTime<Utc>>,
    /// Entries strictly older than this id.
    pub before: Option<Uuid>,
    /// Page size.
    pub limit: u32,
}

/// The audit log. There is deliberately no update or delete.
#[async_trait]
pub trait AuditRepo: Send + Sync {
    /// Appends one entry.
    async fn append(&self, record: &AuditRecord) -> Result<(), StorageError>;
    /// Reads entries matching `query`, newest first.
    async fn list(&self, query: &AuditQuery) -> Result<Vec<AuditRecord>, StorageError>;
    /// Entries not yet sealed, with an id at or above `from_id` (when given)
    /// and a time before `before`, oldest first.
    async fn unsealed(
        &self,
        from_id: Option<Uuid>,
        before: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<AuditRecord>, StorageError>;
    /// Number of entries of `chain` not yet sealed.
    async fn unsealed_count(&self, chain: &str) -> Result<u64, StorageError>;
    /// The latest seal of `chain`.
    async fn last_seal(&self, chain: &str) -> Result<Option<AuditSeal>, StorageError>;
    /// Stores a seal and the ids it covers in one transaction. False when
    /// another writer sealed first (the seal or a row is already taken).
    async fn append_seal(&self, seal: &AuditSeal, ids: &[Uuid]) -> Result<bool, StorageError>;
    /// Seals of `chain` with `seq > after`, in order.
    async fn seals(
        &self,
        chain: &str,
        after: i64,
        limit: u32,
    ) -> Result<Vec<AuditSeal>, StorageError>;
    /// The entries a seal covers, by id.
    async fn sealed_rows(&self, chain: &str, seq: i64) -> Result<Vec<AuditRecord>, StorageError>;
    /// Every chain that has seals or entries.
    async fn chains(&self) -> Result<Vec<String>, StorageError>;
}

/// A batch of audit entries sealed into a hash chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditSeal {
    /// The chain: an event id, or `instance`.
    pub chain: String,
    /// Position in the chain, from 1.
    pub seq: i64,
    /// Entries covered.
    pub row_count: i32,
    /// Hash of the previous seal (zeros for the first).
    pub prev_hash: Vec<u8>,
    /// Hash of this seal.
    pub hash: Vec<u8>,
    /// When it was sealed.
    pub sealed_at: DateTime<Utc>,
}

/// Name of the chain of entries that belong to no event.
pub const INSTANCE_CHAIN: &str = "instance";

/// The chain an entry belongs to.
pub fn chain_of(record: &AuditRecord) -> String {
    record
        .event_id
        .map(|e| e.0.to_string())
        .unwrap_or_else(|| INSTANCE_CHAIN.to_owned())
}
