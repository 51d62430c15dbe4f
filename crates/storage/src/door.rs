//! The door: the offline pack's ticket rows, uploads of offline scans, and
//! the conflicts they reveal.

use async_trait::async_trait;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use qr_event_domain::{judge, DoorState, EventId, RejectReason, TicketId, TicketStatus, UserId};
use uuid::Uuid;

use crate::{AuditRecord, ScanMode, StorageError};

/// What an offline device holds of a ticket (no e-mail, note or link key).
#[derive(Debug, Clone, PartialEq)]
pub struct DoorTicket {
    /// Ticket id.
    pub id: TicketId,
    /// Active or revoked.
    pub status: TicketStatus,
    /// Admissions counted.
    pub uses: i32,
    /// Admissions allowed.
    pub max_uses: i32,
    /// Start of validity.
    pub valid_from: DateTime<Utc>,
    /// End of validity.
    pub valid_until: DateTime<Utc>,
    /// Category.
    pub category: String,
    /// Holder's name (`None` when the event keeps names off door devices).
    pub holder_name: Option<String>,
}

/// Tickets changed since a position, and the position to ask from next.
#[derive(Debug, Clone)]
pub struct DoorRows {
    /// The tickets (all of them when no position was given).
    pub tickets: Vec<DoorTicket>,
    /// Backend-specific change position; pass it back as `since`. Never
    /// misses a change committed after the read, may repeat a few rows.
    pub cursor: i64,
}

/// One uploaded scan, parsed and checked by the service.
#[derive(Debug, Clone)]
pub struct SyncItem {
    /// The device's idempotency key.
    pub scan_id: Uuid,
    /// Id of the audit entry this item writes when first seen.
    pub audit_id: Uuid,
    /// The ticket named by a genuine code of this event; `None` when the code
    /// was refused before any lookup (see `refused`).
    pub ticket_id: Option<TicketId>,
    /// `invalid_code` or `wrong_event`, decided from the code alone.
    pub refused: Option<RejectReason>,
    /// The event a genuine code of another event belongs to (audit).
    pub code_event: Option<Uuid>,
    /// Check-in or verify.
    pub mode: ScanMode,
    /// Gate label.
    pub gate: Option<String>,
    /// Device time of the scan.
    pub scanned_at: DateTime<Utc>,
    /// What the device decided: `None` admitted, else its reason.
    pub offline_reason: Option<RejectReason>,
}

impl SyncItem {
    /// The ticket the audit entry names: none for a code of another event,
    /// whose ids this event's staff must not learn.
    pub fn audited_ticket(&self) -> Option<TicketId> {
        if self.code_event.is_some() {
            None
        } else {
            self.ticket_id
        }
    }
}

/// An upload of offline scans from one caller.
#[derive(Debug, Clone)]
pub struct SyncBatch {
    /// Event.
    pub event_id: EventId,
    /// Who uploads (audit actor).
    pub scanner_id: Option<UserId>,
    /// The uploading device.
    pub device_id: Option<Uuid>,
    /// Arrival time.
    pub received_at: DateTime<Utc>,
    /// Clock-skew tolerance.
    pub skew: chrono::Duration,
    /// Client address (audit).
    pub client_ip: Option<String>,
    /// Request id (audit).
    pub request_id: Option<String>,
    /// The scans, in the device's order.
    pub items: Vec<SyncItem>,
}

/// What the server made of one uploaded scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncVerdict {
    /// Counted as an admission.
    Admitted,
    /// Recorded as the refusal it was (or, for a verify, would be).
    Rejected(RejectReason),
    /// Admitted at the door although the server would have refused: recorded
    /// as a conflict with this reason.
    Conflict(RejectReason),
    /// The scan id is already bound to another ticket or event; nothing changed.
    ScanIdReused,
}

impl SyncVerdict {
    /// `admitted`, `rejected` or `conflict` (the last two for `ScanIdReused` too).
    pub fn result(self) -> &'static str {
        match self {
            Self::Admitted => "admitted",
            Self::Rejected(_) | Self::ScanIdReused => "rejected",
            Self::Conflict(_) => "conflict",
        }
    }

    /// The reason code, if any.
    pub fn reason(self) -> Option<&'static str> {
        match self {
            Self::Admitted => None,
            Self::Rejected(r) | Self::Conflict(r) => Some(r.as_str()),
            Self::ScanIdReused => Some("scan_id_reused"),
        }
    }

    /// Reads the verdict stored in an audit entry's `result`/`reason` back.
    pub fn from_stored(result: &str, reason: Option<&str>) -> Option<Self> {
        let reason = reason.and_then(RejectReason::parse);
        match (result, reason) {
            ("admitted", _) => Some(Self::Admitted),
            ("rejected", Some(r)) => Some(Self::Rejected(r)),
            ("conflict", Some(r)) => Some(Self::Conflict(r)),
            _ => None,
        }
    }
}

/// The answer for one uploaded scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncOutcome {
    /// The scan.
    pub scan_id: Uuid,
    /// The verdict.
    pub verdict: SyncVerdict,
    /// True when this scan id was processed before (its first verdict).
    pub replayed: bool,
    /// The ticket concerned.
    pub ticket_id: Option<TicketId>,
}

/// One side of a conflict: an admission.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictScan {
    /// Its scan id.
    pub scan_id: Option<Uuid>,
    /// Gate.
    pub gate: Option<String>,
    /// Device.
    pub device_id: Option<Uuid>,
    /// User who scanned (or uploaded).
    pub user_id: Option<UserId>,
    /// When it was scanned (device time for offline scans).
    pub scanned_at: DateTime<Utc>,
    /// When the server learnt of it.
    pub received_at: DateTime<Utc>,
    /// Decided offline.
    pub offline: bool,
}

/// A ticket admitted when the server would have refused it.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Id.
    pub id: Uuid,
    /// Event.
    pub event_id: EventId,
    /// Ticket.
    pub ticket_id: TicketId,
    /// Holder's name.
    pub holder_name: String,
    /// Category.
    pub category: String,
    /// Why the server would have refused.
    pub reason: RejectReason,
    /// When the server found it.
    pub detected_at: DateTime<Utc>,
    /// The earlier admission, for `already_used`.
    pub first: Option<ConflictScan>,
    /// The later admission: the one beyond the ticket's uses.
    pub second: ConflictScan,
}

/// Keyset position in a conflict list (newest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConflictCursor {
    /// Detection time of the last row seen.
    pub detected_at: DateTime<Utc>,
    /// Id of the last row seen.
    pub id: Uuid,
}

/// The door's storage.
#[async_trait]
pub trait DoorRepo: Send + Sync {
    /// The event's tickets as the door sees them; with `since`, only those
    /// changed since that position.
    async fn door_tickets(
        &self,
        event: EventId,
        since: Option<i64>,
    ) -> Result<DoorRows, StorageError>;
    /// Records an upload of offline scans in one transaction: each new scan
    /// id is claimed, decided on the locked ticket row, counted, audited, and
    /// a conflict written when an offline admission exceeds what the server
    /// allows. Scan ids seen before get their first verdict back.
    async fn sync(&self, batch: &SyncBatch) -> Result<Vec<SyncOutcome>, StorageError>;
    /// Conflicts whose later admission was made by `device` and that it has
    /// not been told of yet; marks them told.
    async fn take_device_conflicts(
        &self,
        event: EventId,
        device: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Vec<Conflict>, StorageError>;
    /// A page of an event's conflicts, newest first.
    async fn conflicts(
        &self,
        event: EventId,
        after: Option<ConflictCursor>,
        limit: u32,
    ) -> Result<Vec<Conflict>, StorageError>;
    /// Number of conflicts of an event.
    async fn conflict_count(&self, event: EventId) -> Result<u64, StorageError>;
}

/// What the server makes of an uploaded scan, given the locked ticket's
/// state (`None` when no such ticket of this event exists). A refusal at the
/// door is recorded as it happened; an admission is re-decided at the scan's
/// own time: a check-in the server would refuse is a conflict (the person is
/// in), a verify simply gets the server's answer.
pub fn sync_verdict(item: &SyncItem, ticket: Option<&DoorState>, skew: Duration) -> SyncVerdict {
    if let Some(reason) = item.refused {
        return SyncVerdict::Rejected(reason);
    }
    let Some(state) = ticket else {
        return SyncVerdict::Rejected(RejectReason::InvalidCode);
    };
    if let Some(reason) = item.offline_reason {
        return SyncVerdict::Rejected(reason);
    }
    match (item.mode, judge(state, item.scanned_at, skew, 0)) {
        (_, None) => SyncVerdict::Admitted,
        (ScanMode::Verify, Some(reason)) => SyncVerdict::Rejected(reason),
        (ScanMode::CheckIn, Some(reason)) => SyncVerdict::Conflict(reason),
    }
}

/// The audit entry of an uploaded scan.
pub fn sync_audit(
    batch: &SyncBatch,
    item: &SyncItem,
    verdict: SyncVerdict,
    conflict: Option<Uuid>,
) -> AuditRecord {
    let admitted = matches!(verdict, SyncVerdict::Admitted | SyncVerdict::Conflict(_));
    AuditRecord {
        id: item.audit_id,
        at: batch.received_at,
        event_id: Some(batch.event_id),
        actor_id: batch.scanner_id,
        action: match item.mode {
            ScanMode::CheckIn => "ticket.scan",
            ScanMode::Verify => "ticket.verify",
        }
        .to_owned(),
        outcome: if admitted { "success" } else { "failure" }.to_owned(),
        subject: item.audited_ticket().map(|t| t.to_string()),
        client_ip: batch.client_ip.clone(),
        request_id: batch.request_id.clone(),
        details: serde_json::json!({
            "result": verdict.result(),
            "reason": verdict.reason(),
            "gate": item.gate,
            "scan_id": item.scan_id.to_string(),
            "mode": item.mode.as_str(),
            "offline": true,
            "scanned_at": item.scanned_at.to_rfc3339_opts(SecondsFormat::Micros, true),
            "offline_result": if item.offline_reason.is_none() { "admitted" } else { "rejected" },
            "offline_reason": item.offline_reason.map(RejectReason::as_str),
            "device_id": batch.device_id.map(|d| d.to_string()),
            "conflict_id": conflict.map(|c| c.to_string()),
        }),
    }
}

/// The verdict a replayed scan id got the first time, when `first` (its audit
/// entry) is about the same event and ticket; `ScanIdReused` otherwise.
pub fn replayed_verdict(
    first: &AuditRecord,
    event: EventId,
    ticket: Option<TicketId>,
) -> SyncVerdict {
    let same = first.event_id == Some(event)
        && first.subject.as_deref() == ticket.map(|t| t.to_string()).as_deref();
    if !same {
        return SyncVerdict::ScanIdReused;
    }
    let text = |key: &str| first.details.get(key).and_then(|v| v.as_str());
    SyncVerdict::from_stored(text("result").unwrap_or(""), text("reason"))
        .unwrap_or(SyncVerdict::ScanIdReused)
}

/// The reason for a conflict when an upload replays a scan id the server
/// first saw online and refused, while the device, getting no answer in
/// time, had let the person in: a refusal nobody saw, so a conflict.
pub fn refused_online_but_admitted(first: &AuditRecord, item: &SyncItem) -> Option<RejectReason> {
    let text = |key: &str| first.details.get(key).and_then(|v| v.as_str());
    let online = first.details.get("offline").and_then(|v| v.as_bool()) != Some(true);
    let reason = text("reason").and_then(RejectReason::parse)?;
    let door_reason = !matches!(reason, RejectReason::InvalidCode | RejectReason::WrongEvent);
    (online
        && door_reason
        && first.action == "ticket.scan"
        && item.mode == ScanMode::CheckIn
        && item.offline_reason.is_none()
        && item.refused.is_none())
    .then_some(reason)
}

/// An admission as recorded in the audit log (online or uploaded).
pub fn admission_of(record: &AuditRecord) -> ConflictScan {
    let text = |key: &str| record.details.get(key).and_then(|v| v.as_str());
    ConflictScan {
        scan_id: text("scan_id").and_then(|s| s.parse().ok()),
        gate: text("gate").map(str::to_owned),
        device_id: text("device_id").and_then(|s| s.parse().ok()),
        user_id: record.actor_id,
        scanned_at: text("scanned_at")
            .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
            .map(|t| t.to_utc())
            .unwrap_or(record.at),
        received_at: record.at,
        offline: record.details.get("offline").and_then(|v| v.as_bool()) == Some(true),
    }
}

/// The order an upload's items are decided in: by ticket, so two uploads
/// touching the same tickets lock their rows in the same order and cannot
/// deadlock, then by scan time (a device's own scans of one ticket in the
/// order they happened), then as uploaded.
pub fn sync_order(batch: &SyncBatch) -> Vec<usize> {
    let mut order: Vec<usize> = (0..batch.items.len()).collect();
    order.sort_by_key(|&i| {
        let item = &batch.items[i];
        (item.ticket_id.map(|t| t.0), item.scanned_at, i)
    });
    order
}

/// This upload as one side of a conflict.
pub fn uploaded_admission(batch: &SyncBatch, item: &SyncItem) -> ConflictScan {
    ConflictScan {
        scan_id: Some(item.scan_id),
        gate: item.gate.clone(),
        device_id: batch.device_id,
        user_id: batch.scanner_id,
        scanned_at: item.scanned_at,
        received_at: batch.received_at,
        offline: true,
    }
}

/// Orders a conflict by scan time, not upload order: an upload later than
/// every recorded admission is the later one; otherwise the first recorded
/// admission after it is (it is now the one beyond the ticket's uses).
pub fn order_conflict(
    uploaded: ConflictScan,
    mut recorded: Vec<ConflictScan>,
) -> (Option<ConflictScan>, ConflictScan) {
    recorded.sort_by_key(|a| (a.scanned_at, a.received_at));
    match recorded
        .iter()
        .position(|a| a.scanned_at > uploaded.scanned_at)
    {
        Some(i) => (Some(uploaded), recorded.swap_remove(i)),
        None => (recorded.pop(), uploaded),
    }
}
