//! Tickets, scans and the figures of the live view.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use qr_event_domain::{EventId, RejectReason, TicketDetails, TicketId, TicketStatus, UserId};
use uuid::Uuid;

use crate::{AuditRecord, ScanResults, StorageError};

/// A stored ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticket {
    /// Id (inside the QR code).
    pub id: TicketId,
    /// Event.
    pub event_id: EventId,
    /// Holder and validity.
    pub details: TicketDetails,
    /// Admissions so far.
    pub uses: i32,
    /// Active or revoked.
    pub status: TicketStatus,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
    /// The ticket that replaced it, when reissued.
    pub replaced_by: Option<TicketId>,
    /// Bumped to invalidate the attendee link.
    pub access_version: i32,
    /// First admission.
    pub first_used_at: Option<DateTime<Utc>>,
    /// Gate of the first admission.
    pub first_gate: Option<String>,
    /// Latest admission.
    pub last_used_at: Option<DateTime<Utc>>,
    /// Issue time.
    pub created_at: DateTime<Utc>,
}

impl Ticket {
    /// What the door rules read of this ticket.
    pub fn door_state(&self) -> qr_event_domain::DoorState {
        qr_event_domain::DoorState {
            status: self.status,
            uses: self.uses,
            max_uses: self.details.max_uses,
            valid_from: self.details.valid_from,
            valid_until: self.details.valid_until,
        }
    }
}

/// A ticket to insert.
#[derive(Debug, Clone)]
pub struct NewTicket {
    /// Id.
    pub id: TicketId,
    /// Event.
    pub event_id: EventId,
    /// Holder and validity.
    pub details: TicketDetails,
    /// Admissions already counted (non-zero only when reissuing).
    pub uses: i32,
    /// Issue time.
    pub created_at: DateTime<Utc>,
}

/// Keyset position in a ticket list (issue time, then id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketCursor {
    /// Issue time of the last row seen.
    pub created_at: DateTime<Utc>,
    /// Id of the last row seen.
    pub id: TicketId,
}

/// Filters of a ticket list.
#[derive(Debug, Clone, Default)]
pub struct TicketQuery {
    /// Case-insensitive substring of holder name or e-mail.
    pub search: Option<String>,
    /// Search names only (callers who may not see e-mail addresses must not
    /// be able to probe them either).
    pub names_only: bool,
    /// Only this status.
    pub status: Option<TicketStatus>,
    /// Only tickets used at least once (`true`) or never (`false`).
    pub used: Option<bool>,
    /// Start after this position.
    pub after: Option<TicketCursor>,
    /// Rows to return.
    pub limit: u32,
    /// Newest first (lists people read); otherwise in issue order (exports).
    pub newest_first: bool,
}

/// Whether a scan consumes an admission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanMode {
    /// Admit and count.
    CheckIn,
    /// Answer what a check-in would answer, without counting.
    Verify,
}

impl ScanMode {
    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CheckIn => "check_in",
            Self::Verify => "verify",
        }
    }

    /// Parses the stable name.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "check_in" => Some(Self::CheckIn),
            "verify" => Some(Self::Verify),
            _ => None,
        }
    }
}

/// A scan of a genuine code of this event, to decide in the database.
#[derive(Debug, Clone)]
pub struct ScanAttempt {
    /// Idempotency key: a retry with the same id gets the first answer.
    pub scan_id: Uuid,
    /// Id of the audit entry this scan writes.
    pub audit_id: Uuid,
    /// Event scanned at.
    pub event_id: EventId,
    /// Ticket in the code.
    pub ticket_id: TicketId,
    /// Who scanned (none for an enrolled door device).
    pub scanner_id: Option<UserId>,
    /// Gate label.
    pub gate: Option<String>,
    /// The scanning device.
    pub device_id: Option<Uuid>,
    /// Set when an enrolled door device (`device_id`) scans: the day on the
    /// event's calendar. A decided scan (not a replay) then counts toward
    /// the device's scans of that day and marks the device seen, in the
    /// scan's own transaction.
    pub device_day: Option<NaiveDate>,
    /// Check-in or verify.
    pub mode: ScanMode,
    /// Chosen by staff from the name search instead of read from a code.
    pub manual: bool,
    /// Decision time.
    pub now: DateTime<Utc>,
    /// Clock-skew tolerance applied to both ends of the window.
    pub skew: chrono::Duration,
    /// Client address (audit).
    pub client_ip: Option<String>,
    /// Request id (audit).
    pub request_id: Option<String>,
}

/// What the database decided.
#[derive(Debug, Clone, PartialEq)]
pub enum ScanDecision {
    /// Admitted (or would be, in verify mode); the ticket after the scan.
    Admitted(Ticket),
    /// Refused; the ticket when it exists.
    Rejected(RejectReason, Option<Ticket>),
    /// This `scan_id` was seen before: the audit entry of the first answer.
    Replayed(AuditRecord),
}

/// Counts of the live view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TicketStats {
    /// Tickets issued (all statuses).
    pub issued: u64,
    /// Active tickets.
    pub active: u64,
    /// Revoked tickets.
    pub revoked: u64,
    /// Admissions counted (re-entries included).
    pub admitted: u64,
    /// Tickets admitted at least once.
    pub unique_in: u64,
    /// Refused check-ins by reason.
    pub rejected: Vec<(String, u64)>,
    /// Admissions by gate (`""` when no gate was given).
    pub per_gate: Vec<(String, u64)>,
    /// Admissions per minute since the requested time: (minute start, count).
    pub per_minute: Vec<(DateTime<Utc>, u64)>,
    /// Door conflicts (offline admissions the server would have refused).
    pub conflicts: u64,
}

impl TicketStats {
    /// The figures from an event's counters (`key`, total): `issued`,
    /// `active`, `revoked`, `admitted`, `unique_in`, `rej:<reason>`,
    /// `gate:<gate>` and `min:<UTC minute since the epoch>`; minutes before
    /// the one holding `since` are left out. Lists come largest first.
    pub fn from_counters(
        counters: impl IntoIterator<Item = (String, i64)>,
        since: DateTime<Utc>,
    ) -> Self {
        let mut stats = Self::default();
        let since_minute = since.timestamp().div_euclid(60);
        for (key, n) in counters {
            let n = u64::try_from(n).unwrap_or(0);
            if n == 0 {
                continue;
            }
            match key.as_str() {
                "issued" => stats.issued = n,
                "active" => stats.active = n,
                "revoked" => stats.revoked = n,
                "admitted" => stats.admitted = n,
                "unique_in" => stats.unique_in = n,
                _ => {
                    if let Some(reason) = key.strip_prefix("rej:") {
                        stats.rejected.push((reason.to_owned(), n));
                    } else if let Some(gate) = key.strip_prefix("gate:") {
                        stats.per_gate.push((gate.to_owned(), n));
                    } else if let Some(minute) =
                        key.strip_prefix("min:").and_then(|m| m.parse::<i64>().ok())
                    {
                        if minute >= since_minute {
                            if let Some(at) = DateTime::from_timestamp(minute * 60, 0) {
                                stats.per_minute.push((at, n));
                            }
                        }
                    }
                }
            }
        }
        let by_count = |a: &(String, u64), b: &(String, u64)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        stats.rejected.sort_by(by_count);
        stats.per_gate.sort_by(by_count);
        stats.per_minute.sort();
        stats
    }
}

/// Ticket storage. Writes that change a ticket also write their audit entry
/// in the same transaction.
#[async_trait]
pub trait TicketRepo: Send + Sync {
    /// Inserts all tickets and audit entries in one transaction (all or nothing).
    async fn insert_many(
        &self,
        tickets: &[NewTicket],
        audit: &[AuditRecord],
    ) -> Result<(), StorageError>;
    /// One ticket of an event.
    async fn find(&self, event: EventId, id: TicketId) -> Result<Option<Ticket>, StorageError>;
    /// A page of an event's tickets, by issue time then id.
    async fn list(&self, event: EventId, query: &TicketQuery) -> Result<Vec<Ticket>, StorageError>;
    /// Folds counter deltas into the totals (a backend that keeps totals
    /// directly has nothing to do). Safe to call from every instance.
    async fn compact_stats(&self) -> Result<u64, StorageError> {
        Ok(0)
    }
    /// Number of tickets of an event.
    async fn count(&self, event: EventId) -> Result<u64, StorageError>;
    /// Revokes an active ticket; `None` when absent or already revoked.
    async fn revoke(
        &self,
        event: EventId,
        id: TicketId,
        now: DateTime<Utc>,
        replaced_by: Option<TicketId>,
        audit: &AuditRecord,
    ) -> Result<Option<Ticket>, StorageError>;
    /// Revokes `old` (which must be active) and inserts `new` in one transaction.
    async fn reissue(
        &self,
        old: TicketId,
        new: &NewTicket,
        audit: &AuditRecord,
    ) -> Result<Option<Ticket>, StorageError>;
    /// Bumps the attendee-link version; the ticket after the change.
    async fn rotate_access(
        &self,
        event: EventId,
        id: TicketId,
        audit: &AuditRecord,
    ) -> Result<Option<Ticket>, StorageError>;
    /// A ticket by id alone (attendee page).
    async fn find_any(&self, id: TicketId) -> Result<Option<Ticket>, StorageError>;
    /// Decides a scan atomically and writes its audit entry in the same statement.
    async fn scan(&self, attempt: &ScanAttempt) -> Result<ScanDecision, StorageError>;
    /// Decides a group of scans in one write transaction with one commit
    /// (ADR 0012), as if [`TicketRepo::scan`] had been called for each in
    /// the order of the slice: a ticket scanned twice in the group is
    /// admitted at most `max_uses` times in all, a `scan_id` repeated in
    /// the group (or seen before) gets the first answer as a replay, and
    /// every decided scan writes its audit entry. One answer per attempt,
    /// in the same order. `Err` means the transaction failed and nothing
    /// of the group was stored. At most [`crate::MAX_SCAN_GROUP`] attempts.
    async fn scan_many(&self, attempts: &[ScanAttempt]) -> Result<ScanResults, StorageError>;
    /// Live-view figures; `since` bounds the per-minute series.
    async fn stats(
        &self,
        event: EventId,
        since: DateTime<Utc>,
    ) -> Result<TicketStats, StorageError>;
}
