//! The door: the online check, the offline pack, uploads of offline
//! decisions and the conflicts they reveal (ADR 0005).

mod decide;
mod devices;
mod group;
mod rights;

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use qr_event_audit::{AuditAction, AuditLog, Entry, RequestContext};
use qr_event_cache::Cache;
use qr_event_domain::{
    text, EventId, FieldCode, ProblemCode, RejectReason, Role, TicketId, ValidationErrors,
};
use qr_event_qr::{KeyId, TicketCodec};
use qr_event_storage::{
    Conflict, ConflictCursor, DeviceReport, DoorTicket, Event, ScanAttempt, ScanDecision, ScanMode,
    Storage, StorageError, SyncBatch, SyncItem, SyncOutcome, SyncVerdict, Ticket,
};
use uuid::Uuid;

pub use decide::{decide, OfflinePack};
pub use devices::{
    device_status, event_day, scans_on, DeviceEnrolment, DeviceInput, DevicePrincipal,
    DeviceService, DeviceSettings, DoorCaller, IssuedDevice,
};
pub use group::ScanGrouping;
pub(crate) use rights::DoorRights;
pub use rights::RIGHTS_TTL;

use crate::{EventService, Principal, QrKeys, ServiceError, ServiceResult, TicketSettings};

/// Door name searches per caller per minute.
pub const DOOR_SEARCHES_PER_MINUTE: u64 = 20;
/// Matches a door name search returns at most.
pub const DOOR_SEARCH_RESULTS: u32 = 5;
/// Largest number of scans in one upload.
pub const MAX_SYNC_SCANS: usize = 1_000;
/// Longest code text a scan may present, in characters.
pub const MAX_CODE_CHARS: usize = 1_024;
/// Most codes of an upload verified in one batch: past about 32 a batch
/// saves nothing more per code (docs/benchmarks.md).
const SYNC_CODE_BATCH: usize = 64;
/// Oldest device time an upload may carry.
pub const MAX_SYNC_AGE: Duration = Duration::days(7);
/// How far ahead of the server a device clock may be.
pub const MAX_SYNC_AHEAD: Duration = Duration::hours(1);

/// What the door was shown.
#[derive(Debug, Clone)]
pub enum Presented {
    /// The text read from a QR code.
    Code(String),
    /// A ticket chosen by staff from the door's name search, after checking
    /// the person (an attendee whose phone died). Audited as `manual`.
    Ticket(TicketId),
}

/// A door check request.
#[derive(Debug, Clone)]
pub struct ScanInput {
    /// The code, or the ticket chosen by hand.
    pub presented: Presented,
    /// Check-in or verify.
    pub mode: ScanMode,
    /// Idempotency key chosen by the scanner device.
    pub scan_id: Option<Uuid>,
    /// Gate label.
    pub gate: Option<String>,
    /// The scanning device.
    pub device_id: Option<Uuid>,
}

/// A door answer.
#[derive(Debug, Clone)]
pub struct ScanAnswer {
    /// `None` when admitted.
    pub reason: Option<RejectReason>,
    /// The event keeps holders' names off this caller's screen.
    pub hide_names: bool,
    /// The ticket, when the code named a ticket of this event.
    pub ticket: Option<Ticket>,
    /// The scan id the answer belongs to.
    pub scan_id: Uuid,
    /// True when this is the stored answer of an earlier attempt with the same scan id.
    pub replayed: bool,
}

/// Where a device's pack stands: the change position it was read at and
/// whether it held names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackSince {
    /// Backend change position.
    pub position: i64,
    /// The event's names setting when it was read.
    pub names: bool,
}

/// What a device needs to decide alone.
#[derive(Debug, Clone)]
pub struct DoorPack {
    /// The event.
    pub event: Event,
    /// Every public key codes are accepted from.
    pub keys: Vec<(KeyId, [u8; 32])>,
    /// Clock-skew tolerance the device must apply.
    pub clock_skew: Duration,
    /// All tickets, or those changed since the cursor asked from.
    pub tickets: Vec<DoorTicket>,
    /// Position to ask the next delta from.
    pub cursor: i64,
    /// False for a delta.
    pub full: bool,
    /// When the pack was read.
    pub generated_at: DateTime<Utc>,
}

/// One offline decision uploaded by a device.
#[derive(Debug, Clone)]
pub struct SyncScan {
    /// The device's idempotency key.
    pub scan_id: Uuid,
    /// The scanned text.
    pub code: String,
    /// Check-in or verify.
    pub mode: ScanMode,
    /// Gate label.
    pub gate: Option<String>,
    /// Device time of the scan.
    pub scanned_at: DateTime<Utc>,
    /// Whether the device let the person in.
    pub offline_admitted: bool,
    /// Its reason when it did not (and only then).
    pub offline_reason: Option<RejectReason>,
}

/// An upload.
#[derive(Debug, Clone)]
pub struct SyncInput {
    /// The uploading device.
    pub device_id: Option<Uuid>,
    /// Scans still waiting on the device after this upload (reported).
    pub pending: Option<u32>,
    /// Build of the door app (reported; at most 64 printable characters).
    pub app_version: Option<String>,
    /// The scans, oldest first.
    pub scans: Vec<SyncScan>,
}

/// The answer to an upload.
#[derive(Debug, Clone)]
pub struct SyncReport {
    /// One outcome per uploaded scan, in upload order.
    pub results: Vec<SyncOutcome>,
    /// Conflicts in which this device made the later admission, not told before.
    pub conflicts: Vec<Conflict>,
}

const MANAGERS_ONLY: &str = "only owners and managers may see door conflicts";

/// The door's use cases.
#[derive(Clone)]
pub struct DoorService {
    storage: Storage,
    events: EventService,
    keys: QrKeys,
    cache: Arc<dyn Cache>,
    audit: AuditLog,
    settings: TicketSettings,
    devices: DeviceService,
    groups: group::ScanGroups,
}

/// A gate label as recorded: trimmed, empty is none, at most 100 printable characters.
fn gate_label(gate: Option<String>, field: &str) -> Result<Option<String>, ValidationErrors> {
    let Some(gate) = gate else {
        return Ok(None);
    };
    let gate = text::GATE.check(field, &gate)?;
    Ok(Some(gate).filter(|g| !g.is_empty()))
}

impl DoorService {
    /// Wires the service.
    pub fn new(
        storage: Storage,
        events: EventService,
        keys: QrKeys,
        cache: Arc<dyn Cache>,
        settings: TicketSettings,
        devices: DeviceService,
    ) -> Self {
        let audit = AuditLog::new(storage.audit.clone());
        let groups = group::ScanGroups::new(
            storage.tickets.clone(),
            keys.clone(),
            ScanGrouping::default(),
        );
        Self {
            storage,
            events,
            keys,
            cache,
            audit,
            settings,
            devices,
            groups,
        }
    }

    /// Groups concurrent scans this way instead of the default (ADR 0012).
    pub fn with_grouping(mut self, grouping: ScanGrouping) -> Self {
        self.groups =
            group::ScanGroups::new(self.storage.tickets.clone(), self.keys.clone(), grouping);
        self
    }

    /// Counts one scan of this caller against the per-minute limit.
    async fn throttle(&self, caller: &DoorCaller) -> ServiceResult<()> {
        let key = format!("scan:{}", caller.key());
        let (count, left) = self
            .cache
            .incr(&key, std::time::Duration::from_secs(60))
            .await;
        if count > self.settings.scans_per_minute {
            return Err(ServiceError::Throttled { retry_after: left });
        }
        Ok(())
    }

    /// The event, if the caller may work its door: any member, or a device
    /// enrolled for it. Anything else is not found.
    async fn door_event(&self, caller: &DoorCaller, event: EventId) -> ServiceResult<Event> {
        Ok(self.door_access(caller, event).await?.0)
    }

    /// The event and whether holders' names must be kept from this caller:
    /// the event keeps names off door devices, and the caller is a device or
    /// a scanner (owners and managers see names everywhere).
    async fn door_access(
        &self,
        caller: &DoorCaller,
        event: EventId,
    ) -> ServiceResult<(Event, bool)> {
        let (event, role) = match caller {
            DoorCaller::User(principal) => {
                let (event, role) = self.events.get_for_door(principal, event).await?;
                (event, Some(role))
            }
            DoorCaller::Device(device) if device.event_id == event => {
                (self.events.get_for_device(event).await?, None)
            }
            DoorCaller::Device(_) => return Err(ServiceError::NotFound),
        };
        let hide_names = !event.door_names && !role.is_some_and(Role::can_manage);
        Ok((event, hide_names))
    }

    /// The door check. Order: rights → rate limit → parse → event match
    /// (another event's code verified alone) → signature (verified with the
    /// scan group's codes) → atomic decision and audit in the database.
    pub async fn scan(
        &self,
        ctx: &RequestContext,
        caller: &DoorCaller,
        event: EventId,
        mut input: ScanInput,
    ) -> ServiceResult<ScanAnswer> {
        let (door_event, hide_names) = self.door_access(caller, event).await?;
        if let Some(device) = caller.device() {
            if device.mode == ScanMode::Verify && input.mode == ScanMode::CheckIn {
                return Err(ServiceError::Forbidden(
                    "this door device may only verify tickets",
                ));
            }
            input.gate = Some(device.gate.clone());
            input.device_id = Some(device.device_id.0);
        }
        self.throttle(caller).await?;
        let device_day = caller
            .device()
            .map(|_| devices::event_day(&door_event, Utc::now()));
        let mut answer = self.check(ctx, caller, event, input, device_day).await?;
        answer.hide_names = hide_names;
        if let Some(device) = caller.device() {
            // A decided scan counted the device and marked it seen in its
            // own transaction.
            if answer.replayed {
                self.devices.seen(device, None).await;
            }
        }
        Ok(answer)
    }

    /// Reads a code: the ticket it claims when it claims this event (its
    /// signature is verified with its scan group's, ADR 0014), or the
    /// refusal (already audited) when it is not a well-formed code, or not a
    /// genuine code of this event.
    async fn claim_for(
        &self,
        ctx: &RequestContext,
        event: EventId,
        text: &str,
        refuse: &(dyn Fn(RejectReason, Option<TicketId>) -> Entry + Send + Sync),
    ) -> ServiceResult<Result<TicketId, RejectReason>> {
        let reason = match qr_event_qr::claim(text) {
            Ok(claim) if claim.event_id == event.0 => return Ok(Ok(TicketId(claim.ticket_id))),
            // Another event's code is told apart only once it verified.
            Ok(_) if self.keys.current().decode(text).is_ok() => RejectReason::WrongEvent,
            _ => RejectReason::InvalidCode,
        };
        // This event's staff read this entry: it names nothing of the
        // other event (neither its id nor the ticket's).
        self.audit.record(ctx, refuse(reason, None)).await?;
        Ok(Err(reason))
    }

    /// The answer to a code refused before the database (already audited);
    /// an enrolled device's scan is still counted, and the device seen.
    async fn refused(
        &self,
        caller: &DoorCaller,
        device_day: Option<NaiveDate>,
        scan_id: Uuid,
        reason: RejectReason,
    ) -> ScanAnswer {
        if let (Some(device), Some(day)) = (caller.device(), device_day) {
            self.devices.count_scans_on(device, day, 1).await;
            self.devices.seen(device, None).await;
        }
        ScanAnswer {
            hide_names: false,
            reason: Some(reason),
            ticket: None,
            scan_id,
            replayed: false,
        }
    }

    /// Decides a scan. `device_day` (an enrolled device's scan: the day on
    /// the event's calendar) has the scan counted toward the device.
    async fn check(
        &self,
        ctx: &RequestContext,
        caller: &DoorCaller,
        event: EventId,
        input: ScanInput,
        device_day: Option<NaiveDate>,
    ) -> ServiceResult<ScanAnswer> {
        let scan_id = input.scan_id.unwrap_or_else(Uuid::now_v7);
        let gate = gate_label(input.gate, "gate")?;
        let action = match input.mode {
            ScanMode::CheckIn => AuditAction::TicketScan,
            ScanMode::Verify => AuditAction::TicketVerify,
        };
        let refuse = |reason: RejectReason, subject: Option<TicketId>| {
            let mut entry = Entry::failure(action)
                .event(event)
                .detail("result", "rejected")
                .detail("reason", reason.as_str())
                .detail("gate", gate.clone())
                .detail("scan_id", scan_id.to_string())
                .detail("mode", input.mode.as_str())
                .detail("device_id", input.device_id.map(|d| d.to_string()));
            if let Some(ticket) = subject {
                entry = entry.subject(ticket);
            }
            if let Some(user) = caller.user() {
                entry = entry.actor(user);
            }
            entry
        };
        let (ticket_id, manual, code) = match &input.presented {
            Presented::Ticket(ticket) => (*ticket, true, None),
            Presented::Code(text) => {
                let text = text.trim();
                match self.claim_for(ctx, event, text, &refuse).await? {
                    Ok(ticket) => (ticket, false, Some(text.to_owned())),
                    Err(reason) => {
                        return Ok(self.refused(caller, device_day, scan_id, reason).await)
                    }
                }
            }
        };
        let attempt = ScanAttempt {
            scan_id,
            audit_id: Uuid::now_v7(),
            event_id: event,
            ticket_id,
            scanner_id: caller.user(),
            // Kept for the refusal of a code that does not verify.
            gate: gate.clone(),
            device_id: input.device_id,
            device_day,
            mode: input.mode,
            manual,
            now: Utc::now(),
            skew: self.settings.clock_skew,
            client_ip: ctx.client_ip.clone(),
            request_id: ctx.request_id.clone(),
        };
        let ticket_id = attempt.ticket_id;
        let decided = match self.groups.scan(group::Scan { attempt, code }).await {
            Err(StorageError::Conflict(_)) => {
                return Err(ServiceError::Conflict {
                    code: ProblemCode::ScanIdReused,
                    detail: "this scan_id was already used for another event",
                })
            }
            other => other?,
        };
        let decision = match decided {
            group::Decided::Scan(decision) => decision,
            group::Decided::NotGenuine => {
                let reason = RejectReason::InvalidCode;
                self.audit.record(ctx, refuse(reason, None)).await?;
                return Ok(self.refused(caller, device_day, scan_id, reason).await);
            }
        };
        Ok(match decision {
            ScanDecision::Admitted(ticket) => ScanAnswer {
                hide_names: false,
                reason: None,
                ticket: Some(ticket),
                scan_id,
                replayed: false,
            },
            ScanDecision::Rejected(reason, ticket) => ScanAnswer {
                hide_names: false,
                reason: Some(reason),
                ticket: if reason == RejectReason::InvalidCode {
                    None
                } else {
                    ticket
                },
                scan_id,
                replayed: false,
            },
            ScanDecision::Replayed(first)
                if first.subject.as_deref() != Some(ticket_id.to_string().as_str()) =>
            {
                return Err(ServiceError::Conflict {
                    code: ProblemCode::ScanIdReused,
                    detail: "this scan_id was already used for another ticket",
                })
            }
            ScanDecision::Replayed(first) => {
                let reason = first
                    .details
                    .get("reason")
                    .and_then(|r| r.as_str())
                    .and_then(RejectReason::parse);
                let ticket = self.storage.tickets.find(event, ticket_id).await?;
                ScanAnswer {
                    hide_names: false,
                    reason,
                    ticket: if reason == Some(RejectReason::InvalidCode) {
                        None
                    } else {
                        ticket
                    },
                    scan_id,
                    replayed: true,
                }
            }
        })
    }

    /// Whether `caller` may work `event`'s door (any member, or a device
    /// enrolled for it); not found otherwise.
    pub async fn check_access(&self, caller: &DoorCaller, event: EventId) -> ServiceResult<()> {
        self.door_event(caller, event).await.map(drop)
    }

    /// The offline pack, whole or (with `since`) the tickets changed since.
    /// A delta asked with another names setting than the event's now is
    /// answered with the whole pack, so names leave (or reach) devices at
    /// once. Door rights: any member of the event.
    pub async fn pack(
        &self,
        caller: &DoorCaller,
        event: EventId,
        since: Option<PackSince>,
    ) -> ServiceResult<DoorPack> {
        let event = self.door_event(caller, event).await?;
        if let Some(device) = caller.device() {
            self.devices.seen(device, None).await;
        }
        let since = since
            .filter(|s| s.names == event.door_names)
            .map(|s| s.position);
        let mut rows = self.storage.door.door_tickets(event.id, since).await?;
        if !event.door_names {
            for ticket in &mut rows.tickets {
                ticket.holder_name = None;
            }
        }
        Ok(DoorPack {
            keys: self.keys.current().public_keys(),
            clock_skew: self.settings.clock_skew,
            tickets: rows.tickets,
            cursor: rows.cursor,
            full: since.is_none(),
            generated_at: Utc::now(),
            event,
        })
    }

    /// Records a device's offline decisions (door rights) and tells it of
    /// conflicts where it made the later admission.
    pub async fn sync(
        &self,
        ctx: &RequestContext,
        caller: &DoorCaller,
        event: EventId,
        mut input: SyncInput,
    ) -> ServiceResult<SyncReport> {
        let door_event = self.door_event(caller, event).await?;
        if let Some(device) = caller.device() {
            input.device_id = Some(device.device_id.0);
            if device.mode == ScanMode::Verify
                && input.scans.iter().any(|s| s.mode == ScanMode::CheckIn)
            {
                return Err(ServiceError::Forbidden(
                    "this door device may only verify tickets",
                ));
            }
            for scan in &mut input.scans {
                scan.gate = Some(device.gate.clone());
            }
        }
        let now = Utc::now();
        let mut errors = ValidationErrors::default();
        if input.scans.len() > MAX_SYNC_SCANS {
            errors.push(
                "scans",
                FieldCode::TooMany,
                format!("at most {MAX_SYNC_SCANS} scans per upload"),
            );
        }
        if let Some(version) = &input.app_version {
            text::APP_VERSION.check_into(&mut errors, "app_version", version);
        }
        // The upload's codes checked in batches (ADR 0014).
        let ring = self.keys.current();
        let texts: Vec<&str> = input.scans.iter().map(|s| s.code.trim()).collect();
        let mut decoded = texts
            .chunks(SYNC_CODE_BATCH)
            .flat_map(|chunk| ring.decode_many(chunk))
            .collect::<Vec<_>>()
            .into_iter();
        let mut items = Vec::with_capacity(input.scans.len());
        let mut seen = std::collections::HashSet::with_capacity(input.scans.len());
        for (i, scan) in input.scans.into_iter().enumerate() {
            let field = |name: &str| format!("scans/{i}/{name}");
            if !seen.insert(scan.scan_id) {
                errors.push(
                    &field("scan_id"),
                    FieldCode::Duplicate,
                    "appears twice in this upload",
                );
            }
            if scan.scanned_at < now - MAX_SYNC_AGE || scan.scanned_at > now + MAX_SYNC_AHEAD {
                errors.push(
                    &field("scanned_at"),
                    FieldCode::OutOfRange,
                    "must be within the last 7 days and at most 1 hour ahead of the server",
                );
            }
            if scan.code.chars().count() > MAX_CODE_CHARS {
                errors.push(
                    &field("code"),
                    FieldCode::TooLong,
                    format!("must be at most {MAX_CODE_CHARS} characters"),
                );
            }
            match (scan.offline_admitted, scan.offline_reason) {
                (true, Some(_)) => errors.push(
                    &field("offline_reason"),
                    FieldCode::Invalid,
                    "must be absent when the scan was admitted",
                ),
                (false, None) => errors.push(
                    &field("offline_reason"),
                    FieldCode::Required,
                    "is required when the scan was rejected",
                ),
                _ => {}
            }
            let gate = errors.take(gate_label(scan.gate, &field("gate"))).flatten();
            let code = decoded
                .next()
                .unwrap_or(Err(qr_event_qr::CodeError::Malformed));
            let (ticket_id, refused, code_event) = match code {
                Err(_) => (None, Some(RejectReason::InvalidCode), None),
                Ok(code) if code.event_id != event.0 => (
                    Some(TicketId(code.ticket_id)),
                    Some(RejectReason::WrongEvent),
                    Some(code.event_id),
                ),
                Ok(code) => (Some(TicketId(code.ticket_id)), None, None),
            };
            items.push(SyncItem {
                scan_id: scan.scan_id,
                audit_id: Uuid::now_v7(),
                ticket_id,
                refused,
                code_event,
                mode: scan.mode,
                gate,
                scanned_at: scan.scanned_at,
                offline_reason: if scan.offline_admitted {
                    None
                } else {
                    scan.offline_reason
                },
            });
        }
        errors.into_result()?;
        let batch = SyncBatch {
            event_id: event,
            scanner_id: caller.user(),
            device_id: input.device_id,
            received_at: now,
            skew: self.settings.clock_skew,
            client_ip: ctx.client_ip.clone(),
            request_id: ctx.request_id.clone(),
            items,
        };
        let results = if batch.items.is_empty() {
            Vec::new()
        } else {
            self.storage.door.sync(&batch).await?
        };
        let conflicts = match input.device_id {
            Some(device) => {
                self.storage
                    .door
                    .take_device_conflicts(event, device, now)
                    .await?
            }
            None => Vec::new(),
        };
        for conflict in results
            .iter()
            .filter(|r| !r.replayed && matches!(r.verdict, SyncVerdict::Conflict(_)))
        {
            let ticket = conflict.ticket_id.map(|t| t.to_string());
            let mut entry = Entry::failure(AuditAction::DoorConflict)
                .event(event)
                .detail("device_id", input.device_id.map(|d| d.to_string()))
                .detail("scan_id", conflict.scan_id.to_string())
                .detail("reason", conflict.verdict.reason());
            if let Some(ticket) = ticket {
                entry = entry.subject(ticket);
            }
            if let Some(user) = caller.user() {
                entry = entry.actor(user);
            }
            self.audit.record(ctx, entry).await?;
        }
        if let Some(device) = caller.device() {
            let decided = results.iter().filter(|r| !r.replayed).count();
            self.devices
                .count_scans(
                    device,
                    &door_event,
                    u32::try_from(decided).unwrap_or(u32::MAX),
                )
                .await;
            let report = DeviceReport {
                app_version: input.app_version.clone(),
                pending_scans: input.pending,
            };
            self.devices.seen(device, Some(report)).await;
        }
        if let Some(pending) = input.pending {
            tracing::info!(event = %event, device = ?input.device_id, uploaded = results.len(), pending, "door sync");
        }
        Ok(SyncReport { results, conflicts })
    }

    /// The door's name search, for an attendee who cannot show their code:
    /// a handful of tickets whose holder name contains `q` (names only, never
    /// addresses). Throttled per caller and audited (without the query).
    pub async fn search(
        &self,
        ctx: &RequestContext,
        caller: &DoorCaller,
        event: EventId,
        q: &str,
    ) -> ServiceResult<Vec<Ticket>> {
        if self.door_access(caller, event).await?.1 {
            return Err(ServiceError::Forbidden(
                "this event keeps holders' names off door devices; ask an organiser",
            ));
        }
        let sent = q.chars().count();
        let q = q.trim();
        if sent > 100 || q.chars().count() < 2 {
            return Err(ValidationErrors::one(
                "q",
                FieldCode::InvalidLength,
                "must be 2 to 100 characters",
            )
            .into());
        }
        let key = format!("door_search:{}", caller.key());
        let (count, left) = self
            .cache
            .incr(&key, std::time::Duration::from_secs(60))
            .await;
        if count > DOOR_SEARCHES_PER_MINUTE {
            return Err(ServiceError::Throttled {
                retry_after: left.max(std::time::Duration::from_secs(1)),
            });
        }
        let tickets = self
            .storage
            .tickets
            .list(
                event,
                &qr_event_storage::TicketQuery {
                    search: Some(q.to_owned()),
                    names_only: true,
                    status: None,
                    used: None,
                    after: None,
                    limit: DOOR_SEARCH_RESULTS,
                    newest_first: true,
                },
            )
            .await?;
        let mut entry = Entry::success(AuditAction::DoorSearch)
            .event(event)
            .detail("matches", tickets.len())
            .detail("query_length", q.chars().count());
        if let Some(user) = caller.user() {
            entry = entry.actor(user);
        }
        if let Some(device) = caller.device() {
            entry = entry
                .detail("device_id", device.device_id.to_string())
                .detail("gate", device.gate.clone());
        }
        self.audit.record(ctx, entry).await?;
        Ok(tickets)
    }

    /// A page of the event's conflicts, newest first (owners and managers).
    pub async fn conflicts(
        &self,
        principal: &Principal,
        event: EventId,
        after: Option<ConflictCursor>,
        limit: u32,
    ) -> ServiceResult<Vec<Conflict>> {
        self.events
            .get_with(principal, event, Role::can_manage, MANAGERS_ONLY)
            .await?;
        Ok(self.storage.door.conflicts(event, after, limit).await?)
    }
}
