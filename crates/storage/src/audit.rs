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
}
