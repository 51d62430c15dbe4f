//! The e-mail outbox of tickets: one row per ticket and attendee link,
//! claimed with a lease by whichever instance sends it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use qr_event_domain::{EventId, TicketId};
use uuid::Uuid;

use crate::StorageError;

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryStatus {
    /// Waiting for its turn (or for a retry).
    Queued,
    /// Claimed by a sender until its lease ends.
    Sending,
    /// Accepted by the SMTP server.
    Sent,
    /// Gave up after the last attempt.
    Failed,
}

impl DeliveryStatus {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }

    /// Parses the stored spelling.
    pub fn parse(raw: &str) -> Option<Self> {
        Some(match raw {
            "queued" => Self::Queued,
            "sending" => Self::Sending,
            "sent" => Self::Sent,
            "failed" => Self::Failed,
            _ => return None,
        })
    }
}

/// A ticket's e-mail as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    /// Identifier (also the root of the message's Message-ID).
    pub id: Uuid,
    /// Event.
    pub event_id: EventId,
    /// Ticket.
    pub ticket_id: TicketId,
    /// The attendee-link version the message carries.
    pub access_version: i32,
    /// Where it stands.
    pub status: DeliveryStatus,
    /// Attempts started so far (claims).
    pub attempts: i32,
    /// Not to be tried before.
    pub next_attempt_at: DateTime<Utc>,
    /// While `sending`: the claim holds until then.
    pub lease_until: Option<DateTime<Utc>>,
    /// Why the last attempt failed (short, no secrets).
    pub last_error: Option<String>,
    /// Queued at.
    pub created_at: DateTime<Utc>,
    /// Accepted by the SMTP server at.
    pub sent_at: Option<DateTime<Utc>>,
}

/// One ticket to queue.
#[derive(Debug, Clone, Copy)]
pub struct NewDelivery {
    /// Fresh identifier.
    pub id: Uuid,
    /// Event.
    pub event_id: EventId,
    /// Ticket.
    pub ticket_id: TicketId,
    /// Its current attendee-link version.
    pub access_version: i32,
}

/// The outcome of one attempt.
#[derive(Debug, Clone)]
pub enum AttemptOutcome {
    /// Accepted by the SMTP server.
    Sent,
    /// Failed; tried again at `retry_at`, or given up when `None`.
    Failed {
        /// Short reason.
        error: String,
        /// When to try again.
        retry_at: Option<DateTime<Utc>>,
    },
}

/// The ticket e-mail outbox.
#[async_trait]
pub trait DeliveryRepo: Send + Sync {
    /// Queues each ticket unless it already has a delivery for the same
    /// attendee-link version that is queued, sending or sent (a failed one is
    /// queued again from zero attempts). Returns the rows queued by this call.
    async fn queue(
        &self,
        rows: &[NewDelivery],
        now: DateTime<Utc>,
    ) -> Result<Vec<Delivery>, StorageError>;
    /// Claims up to `limit` due rows (queued and due, or sending with an
    /// expired lease) for this caller until `lease_until`, counting an
    /// attempt on each. Two callers never get the same row.
    async fn claim(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<Delivery>, StorageError>;
    /// Records the outcome of the attempt numbered `attempt`; false when the
    /// claim was lost meanwhile (lease expired and taken by another sender).
    async fn finish(
        &self,
        id: Uuid,
        attempt: i32,
        outcome: AttemptOutcome,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError>;
    /// Every delivery of an event, newest first, at most `limit`.
    async fn list(&self, event: EventId, limit: u32) -> Result<Vec<Delivery>, StorageError>;
    /// The deliveries of these tickets of an event (every link version),
    /// newest first, at most `limit`; found through the `(ticket_id, …)`
    /// unique index, whatever the size of the event.
    async fn list_for_tickets(
        &self,
        event: EventId,
        tickets: &[TicketId],
        limit: u32,
    ) -> Result<Vec<Delivery>, StorageError>;
    /// The earliest `next_attempt_at` of a queued row, for the sender's sleep.
    async fn next_due(&self) -> Result<Option<DateTime<Utc>>, StorageError>;
}
