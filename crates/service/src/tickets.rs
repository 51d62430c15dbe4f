//! Tickets: issue (one, bulk, CSV import), read, export, render, revoke,
//! reissue, attendee links, and the door check.

use std::sync::{Arc, RwLock};

use chrono::{DateTime, Duration, Utc};
use qr_event_audit::{AuditAction, AuditLog, Entry, RequestContext};
use qr_event_auth::AccessKeys;
use qr_event_domain::{
    EventId, FieldCode, ProblemCode, Role, TicketDetails, TicketDraft, TicketId, TicketStatus,
    ValidationErrors,
};
use qr_event_qr::{KeyRing, RenderOptions, TicketCodec};
use qr_event_storage::{AuditRecord, Event, NewTicket, Storage, Ticket, TicketQuery, TicketStats};

use crate::quota::Quota;
use crate::{EventService, Principal, ServiceError, ServiceResult};

/// Tunables of ticketing.
#[derive(Debug, Clone)]
pub struct TicketSettings {
    /// Default validity is the event's window widened by this much on both sides.
    pub window_margin: Duration,
    /// Clock-skew tolerance at the door, on both ends of a ticket's window.
    pub clock_skew: Duration,
    /// Scans per user per minute before 429.
    pub scans_per_minute: u64,
    /// Largest bulk issue or import.
    pub max_batch: usize,
    /// Largest number of tickets in one PDF.
    pub max_pdf: usize,
}

impl Default for TicketSettings {
    fn default() -> Self {
        Self {
            window_margin: Duration::hours(2),
            clock_skew: Duration::seconds(60),
            scans_per_minute: 600,
            max_batch: 100_000,
            max_pdf: 2_000,
        }
    }
}

/// The QR key ring in force, replaceable at run time (rotation, retirement).
#[derive(Clone)]
pub struct QrKeys {
    ring: Arc<RwLock<KeyRing>>,
}

impl QrKeys {
    /// Holds `ring`.
    pub fn new(ring: KeyRing) -> Self {
        Self {
            ring: Arc::new(RwLock::new(ring)),
        }
    }

    /// The ring now.
    pub fn current(&self) -> KeyRing {
        self.ring.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Swaps in a reloaded ring.
    pub fn replace(&self, ring: KeyRing) {
        *self.ring.write().unwrap_or_else(|e| e.into_inner()) = ring;
    }
}

/// A ticket as its reader may see it: codes and attendee links only for
/// owners and managers.
#[derive(Debug, Clone)]
pub struct TicketView {
    /// The ticket.
    pub ticket: Ticket,
    /// The exact string inside the QR code.
    pub code: Option<String>,
    /// The attendee-link key.
    pub access_key: Option<String>,
}

/// One bulk request.
#[derive(Debug, Clone)]
pub enum Batch {
    /// `count` tickets from one template; holder names default to "<category or Guest> <n>".
    Count {
        /// How many.
        count: usize,
        /// Shared fields.
        template: TicketDraft,
    },
    /// Explicit tickets.
    List(Vec<TicketDraft>),
}

/// A bad CSV row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line in the file (the header is line 1).
    pub line: u64,
    /// Column name.
    pub field: String,
    /// Stable code.
    pub code: FieldCode,
    /// Explanation.
    pub message: String,
}

/// What an import found (and did, unless a dry run or any row is bad).
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// Data rows read.
    pub rows: usize,
    /// Tickets created (0 on dry runs and when any row is bad).
    pub imported: usize,
    /// Every bad row.
    pub errors: Vec<RowError>,
}

/// The attendee's view: the ticket and its event.
#[derive(Debug, Clone)]
pub struct PublicTicket {
    /// The ticket.
    pub ticket: Ticket,
    /// Its event.
    pub event: Event,
    /// The QR code text (absent when revoked).
    pub code: Option<String>,
}

/// CSV columns of import and export.
pub const CSV_COLUMNS: [&str; 8] = [
    "holder_name",
    "holder_email",
    "category",
    "valid_from",
    "valid_until",
    "max_uses",
    "note",
    "locale",
];

const MANAGERS_ONLY: &str = "only owners and managers may do this with tickets";

/// Ticketing use cases.
#[derive(Clone)]
pub struct TicketService {
    pub(crate) storage: Storage,
    events: EventService,
    keys: QrKeys,
    pub(crate) links: AccessKeys,
    audit: AuditLog,
    settings: TicketSettings,
}

fn unavailable_key(_: qr_event_qr::SignError) -> ServiceError {
    ServiceError::Unavailable("no active QR signing key; run `qr-event keys rotate`".into())
}

/// The issue time of the `n`-th ticket of a batch or import: a microsecond
/// apart each, so that lists (by issue time, then id) keep the batch in the
/// order it was given instead of the ids' random order.
fn issue_order(now: DateTime<Utc>, n: usize) -> DateTime<Utc> {
    now + chrono::Duration::microseconds(n as i64)
}

impl TicketService {
    /// Wires the service.
    pub fn new(
        storage: Storage,
        events: EventService,
        keys: QrKeys,
        links: AccessKeys,
        settings: TicketSettings,
    ) -> Self {
        let audit = AuditLog::new(storage.audit.clone());
        Self {
            storage,
            events,
            keys,
            links,
            audit,
            settings,
        }
    }

    /// The settings in force.
    pub fn settings(&self) -> &TicketSettings {
        &self.settings
    }

    /// The QR code text of a ticket.
    pub fn code(&self, ticket: &Ticket) -> ServiceResult<String> {
        self.keys
            .current()
            .encode(ticket.event_id.0, ticket.id.0)
            .map_err(unavailable_key)
    }

    /// The ticket as `role` may see it: codes, attendee links, e-mail
    /// addresses and notes for owners and managers only.
    fn view(&self, mut ticket: Ticket, role: Role) -> ServiceResult<TicketView> {
        let privileged = role.can_manage();
        if !privileged {
            ticket.details.holder_email = None;
            ticket.details.note.clear();
        }
        Ok(TicketView {
            code: if privileged {
                Some(self.code(&ticket)?)
            } else {
                None
            },
            access_key: privileged.then(|| self.links.issue(ticket.id.0, ticket.access_version)),
            ticket,
        })
    }

    pub(crate) async fn managed_event(
        &self,
        principal: &Principal,
        event: EventId,
    ) -> ServiceResult<(Event, Role)> {
        self.events
            .get_with(principal, event, Role::can_manage, MANAGERS_ONLY)
            .await
    }

    fn new_ticket(event: EventId, details: TicketDetails, now: DateTime<Utc>) -> NewTicket {
        NewTicket {
            id: TicketId::random(),
            event_id: event,
            details,
            uses: 0,
            created_at: now,
        }
    }

    async fn spend_tickets(&self, principal: &Principal, n: usize) -> ServiceResult<()> {
        self.events
            .limiter()
            .spend(Quota::Tickets, principal.user_id, n as u64)
            .await
    }

    pub(crate) async fn spend_render(&self, principal: &Principal, n: usize) -> ServiceResult<()> {
        self.events
            .limiter()
            .spend(Quota::Renders, principal.user_id, n as u64)
            .await
    }

    fn window(event: &Event) -> (DateTime<Utc>, DateTime<Utc>) {
        (event.details.starts_at, event.details.ends_at)
    }

    /// Issues one ticket.
    pub async fn issue(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
        draft: TicketDraft,
    ) -> ServiceResult<TicketView> {
        let (ev, role) = self.managed_event(principal, event).await?;
        let details = draft.validate("", Self::window(&ev), self.settings.window_margin)?;
        self.spend_tickets(principal, 1).await?;
        let ticket = Self::new_ticket(event, details, Utc::now());
        let audit = staff_entry(AuditAction::TicketIssued, principal, event, ticket.id)
            .detail("category", ticket.details.category.clone())
            .detail("max_uses", ticket.details.max_uses)
            .into_record(ctx);
        self.storage
            .tickets
            .insert_many(std::slice::from_ref(&ticket), &[audit])
            .await?;
        let stored = self
            .storage
            .tickets
            .find(event, ticket.id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.view(stored, role)
    }

    /// Issues many tickets in one transaction (all or nothing).
    pub async fn issue_batch(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
        batch: Batch,
    ) -> ServiceResult<usize> {
        let (ev, _) = self.managed_event(principal, event).await?;
        let window = Self::window(&ev);
        let margin = self.settings.window_margin;
        let now = Utc::now();
        let drafts: Vec<(String, TicketDraft)> = match batch {
            Batch::Count { count, template } => {
                if count == 0 || count > self.settings.max_batch {
                    return Err(ValidationErrors::one(
                        "count",
                        FieldCode::OutOfRange,
                        format!("must be between 1 and {}", self.settings.max_batch),
                    )
                    .into());
                }
                let base = template
                    .category
                    .clone()
                    .filter(|c| !c.trim().is_empty())
                    .unwrap_or_else(|| "Guest".into());
                let explicit = !template.holder_name.trim().is_empty();
                (1..=count)
                    .map(|n| {
                        let mut draft = template.clone();
                        if !explicit {
                            draft.holder_name = format!("{} {n}", base.trim());
                        }
                        (String::new(), draft)
                    })
                    .collect()
            }
            Batch::List(list) => {
                if list.is_empty() || list.len() > self.settings.max_batch {
                    return Err(ValidationErrors::one(
                        "tickets",
                        FieldCode::OutOfRange,
                        format!(
                            "must hold between 1 and {} tickets",
                            self.settings.max_batch
                        ),
                    )
                    .into());
                }
                list.into_iter()
                    .enumerate()
                    .map(|(i, d)| (format!("tickets[{i}]."), d))
                    .collect()
            }
        };
        let mut errors = ValidationErrors::default();
        let mut tickets = Vec::with_capacity(drafts.len());
        for (prefix, draft) in drafts {
            if let Some(details) = errors.take(draft.validate(&prefix, window, margin)) {
                let at = issue_order(now, tickets.len());
                tickets.push(Self::new_ticket(event, details, at));
            }
            if errors.0.len() >= 100 {
                break;
            }
        }
        errors.into_result()?;
        self.spend_tickets(principal, tickets.len()).await?;
        let audit = staff_entry(AuditAction::TicketBatchIssued, principal, event, event)
            .detail("count", tickets.len())
            .into_record(ctx);
        self.storage.tickets.insert_many(&tickets, &[audit]).await?;
        Ok(tickets.len())
    }

    /// Reads a CSV file; imports it unless `dry_run` or any row is bad.
    pub async fn import_csv(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
        csv_text: Vec<u8>,
        dry_run: bool,
    ) -> ServiceResult<ImportReport> {
        let (ev, _) = self.managed_event(principal, event).await?;
        self.events
            .limiter()
            .spend(Quota::Imports, principal.user_id, 1)
            .await?;
        let window = Self::window(&ev);
        let max_rows = self.settings.max_batch;
        let margin = self.settings.window_margin;
        // Parsing and checking a large file is CPU work: on the blocking pool,
        // so door scans never wait behind an import.
        let (tickets, rows, errors) = tokio::task::spawn_blocking(move || {
            let (drafts, mut errors) = parse_csv(&csv_text, max_rows);
            let now = Utc::now();
            let mut tickets = Vec::with_capacity(drafts.len());
            let rows = drafts.len();
            for (line, draft) in drafts {
                match draft.validate("", window, margin) {
                    Ok(details) => {
                        let at = issue_order(now, tickets.len());
                        tickets.push(Self::new_ticket(event, details, at))
                    }
                    Err(field_errors) => {
                        errors.extend(field_errors.0.into_iter().map(|e| RowError {
                            line,
                            field: e.field,
                            code: e.code,
                            message: e.message,
                        }))
                    }
                }
            }
            errors.sort_by_key(|e| e.line);
            errors.truncate(MAX_IMPORT_ERRORS + 1);
            (tickets, rows, errors)
        })
        .await
        .map_err(internal)?;
        let mut report = ImportReport {
            rows,
            imported: 0,
            errors,
        };
        if dry_run || !report.errors.is_empty() || tickets.is_empty() {
            return Ok(report);
        }
        self.spend_tickets(principal, tickets.len()).await?;
        let audit = staff_entry(AuditAction::TicketImported, principal, event, event)
            .detail("count", tickets.len())
            .into_record(ctx);
        self.storage.tickets.insert_many(&tickets, &[audit]).await?;
        report.imported = tickets.len();
        Ok(report)
    }

    /// A page of an event's tickets (any member; codes for managers only).
    pub async fn list(
        &self,
        principal: &Principal,
        event: EventId,
        query: &TicketQuery,
    ) -> ServiceResult<Vec<TicketView>> {
        let (_, role) = self.events.get(principal, event).await?;
        let query = TicketQuery {
            names_only: query.names_only || !role.can_manage(),
            ..query.clone()
        };
        let rows = self.storage.tickets.list(event, &query).await?;
        rows.into_iter().map(|t| self.view(t, role)).collect()
    }

    /// One ticket (any member; code for managers only).
    pub async fn get(
        &self,
        principal: &Principal,
        event: EventId,
        id: TicketId,
    ) -> ServiceResult<TicketView> {
        let (_, role) = self.events.get(principal, event).await?;
        let ticket = self
            .storage
            .tickets
            .find(event, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.view(ticket, role)
    }

    /// Every ticket of the event as CSV with codes and attendee links
    /// (owners and managers: holders' addresses and notes are not for the
    /// door), streamed page by page so that even a million tickets never sit
    /// in memory at once. The export is audited before the first byte.
    pub async fn export_csv(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
    ) -> ServiceResult<impl futures_util::Stream<Item = ServiceResult<Vec<u8>>> + Send + 'static>
    {
        self.managed_event(principal, event).await?;
        let total = self.storage.tickets.count(event).await?;
        self.audit
            .record(
                ctx,
                staff_entry(AuditAction::TicketExported, principal, event, event)
                    .detail("format", "csv")
                    .detail("count", total)
                    .detail("codes_included", true),
            )
            .await?;
        let mut header: Vec<&str> = vec!["ticket_id"];
        header.extend(CSV_COLUMNS);
        header.extend([
            "status",
            "uses",
            "first_used_at",
            "first_gate",
            "created_at",
            "code",
            "access_key",
        ]);
        let first = csv_chunk(|out| out.write_record(&header));
        let state = ExportState {
            service: self.clone(),
            event,
            query: Some(TicketQuery {
                limit: 5_000,
                ..Default::default()
            }),
        };
        let pages = futures_util::stream::try_unfold(state, |mut state| async move {
            let Some(query) = state.query.take() else {
                return Ok(None);
            };
            let page = state
                .service
                .storage
                .tickets
                .list(state.event, &query)
                .await?;
            if let Some(last) = page.last().filter(|_| page.len() == query.limit as usize) {
                state.query = Some(TicketQuery {
                    after: Some(qr_event_storage::TicketCursor {
                        created_at: last.created_at,
                        id: last.id,
                    }),
                    ..query
                });
            }
            let chunk = state.rows(&page)?;
            Ok(Some((chunk, state)))
        });
        Ok(futures_util::StreamExt::chain(
            futures_util::stream::once(async move { first }),
            pages,
        ))
    }

    /// The QR code of a ticket as SVG or PNG (owners and managers).
    pub async fn render(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
        id: TicketId,
        format: RenderFormat,
        options: &RenderOptions,
    ) -> ServiceResult<Vec<u8>> {
        self.managed_event(principal, event).await?;
        self.spend_render(principal, 1).await?;
        let ticket = self
            .storage
            .tickets
            .find(event, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let bytes = format.render(&self.code(&ticket)?, options)?;
        self.audit_render(
            ctx,
            principal,
            event,
            &ticket.id.to_string(),
            format.as_str(),
            1,
        )
        .await?;
        Ok(bytes)
    }

    pub(crate) async fn audit_render(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
        subject: &str,
        format: &str,
        count: usize,
    ) -> ServiceResult<()> {
        self.audit
            .record(
                ctx,
                staff_entry(AuditAction::TicketRendered, principal, event, subject)
                    .detail("format", format)
                    .detail("count", count),
            )
            .await?;
        Ok(())
    }

    /// Revokes a ticket: its code answers `revoked` from now on.
    pub async fn revoke(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
        id: TicketId,
    ) -> ServiceResult<TicketView> {
        let (_, role) = self.managed_event(principal, event).await?;
        let audit = staff_entry(AuditAction::TicketRevoked, principal, event, id).into_record(ctx);
        match self
            .storage
            .tickets
            .revoke(event, id, Utc::now(), None, &audit)
            .await?
        {
            Some(ticket) => self.view(ticket, role),
            None => self.already_revoked_or_missing(event, id).await,
        }
    }

    async fn already_revoked_or_missing<T>(
        &self,
        event: EventId,
        id: TicketId,
    ) -> ServiceResult<T> {
        match self.storage.tickets.find(event, id).await? {
            Some(_) => Err(ServiceError::Conflict {
                code: ProblemCode::TicketRevoked,
                detail: "the ticket is already revoked",
            }),
            None => Err(ServiceError::NotFound),
        }
    }

    /// Replaces a ticket by a new one with a new code; the old one is revoked.
    pub async fn reissue(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
        id: TicketId,
    ) -> ServiceResult<TicketView> {
        let (_, role) = self.managed_event(principal, event).await?;
        let old = self
            .storage
            .tickets
            .find(event, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let new = NewTicket {
            id: TicketId::random(),
            event_id: event,
            details: old.details.clone(),
            uses: old.uses,
            created_at: Utc::now(),
        };
        let audit = staff_entry(AuditAction::TicketReissued, principal, event, id)
            .detail("replaced_by", new.id.to_string())
            .into_record(ctx);
        match self.storage.tickets.reissue(id, &new, &audit).await? {
            Some(ticket) => self.view(ticket, role),
            None => self.already_revoked_or_missing(event, id).await,
        }
    }

    /// Replaces the attendee link; earlier links stop working.
    pub async fn rotate_access(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
        id: TicketId,
    ) -> ServiceResult<TicketView> {
        let (_, role) = self.managed_event(principal, event).await?;
        let audit =
            staff_entry(AuditAction::TicketAccessRotated, principal, event, id).into_record(ctx);
        let ticket = self
            .storage
            .tickets
            .rotate_access(event, id, &audit)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.view(ticket, role)
    }

    /// The attendee page data for a link key; `NotFound` for anything else.
    /// Counted per client address (attendee pages need no account).
    pub async fn public_ticket(
        &self,
        ctx: &RequestContext,
        access_key: &str,
    ) -> ServiceResult<PublicTicket> {
        let client = ctx.client_ip.as_deref().unwrap_or("unknown");
        self.events
            .limiter()
            .spend(Quota::Public, client, 1)
            .await?;
        let (ticket_id, version) = self
            .links
            .verify(access_key)
            .ok_or(ServiceError::NotFound)?;
        let ticket = self
            .storage
            .tickets
            .find_any(TicketId(ticket_id))
            .await?
            .filter(|t| t.access_version == version)
            .ok_or(ServiceError::NotFound)?;
        let event = self
            .storage
            .events
            .find_by_id(ticket.event_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let code = match ticket.status {
            TicketStatus::Active => Some(self.code(&ticket)?),
            TicketStatus::Revoked => None,
        };
        Ok(PublicTicket {
            ticket,
            event,
            code,
        })
    }

    /// The attendee's QR image.
    pub async fn public_render(
        &self,
        ctx: &RequestContext,
        access_key: &str,
        format: RenderFormat,
        options: &RenderOptions,
    ) -> ServiceResult<Vec<u8>> {
        let public = self.public_ticket(ctx, access_key).await?;
        format.render(&public.code.ok_or(ServiceError::NotFound)?, options)
    }

    /// Live-view figures (owners and managers).
    pub async fn stats(
        &self,
        principal: &Principal,
        event: EventId,
        since: DateTime<Utc>,
    ) -> ServiceResult<TicketStats> {
        self.managed_event(principal, event).await?;
        self.figures(event, since).await
    }

    /// The live figures, without the access check (for feeds already
    /// checked).
    pub(crate) async fn figures(
        &self,
        event: EventId,
        since: DateTime<Utc>,
    ) -> ServiceResult<TicketStats> {
        let mut stats = self.storage.tickets.stats(event, since).await?;
        stats.conflicts = self.storage.door.conflict_count(event).await?;
        Ok(stats)
    }
}

/// Where a streamed export is.
struct ExportState {
    service: TicketService,
    event: EventId,
    /// The next page to read; `None` once the last page is out.
    query: Option<TicketQuery>,
}

impl ExportState {
    fn rows(&self, page: &[Ticket]) -> ServiceResult<Vec<u8>> {
        let mut records = Vec::with_capacity(page.len());
        for t in page {
            let d = &t.details;
            let record = [
                t.id.to_string(),
                d.holder_name.clone(),
                d.holder_email
                    .as_ref()
                    .map(|e| e.as_str().to_owned())
                    .unwrap_or_default(),
                d.category.clone(),
                d.valid_from.to_rfc3339(),
                d.valid_until.to_rfc3339(),
                d.max_uses.to_string(),
                d.note.clone(),
                d.locale.map(|l| l.as_str().to_owned()).unwrap_or_default(),
                t.status.as_str().to_owned(),
                t.uses.to_string(),
                t.first_used_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
                t.first_gate.clone().unwrap_or_default(),
                t.created_at.to_rfc3339(),
                self.service.code(t)?,
                self.service.links.issue(t.id.0, t.access_version),
            ];
            // Every cell goes through the guard, so no column can escape it.
            records.push(record.map(|cell| safe_cell(&cell)));
        }
        csv_chunk(|out| records.iter().try_for_each(|r| out.write_record(r)))
    }
}

/// CSV text written by `write`.
fn csv_chunk(
    write: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>,
) -> ServiceResult<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    write(&mut out).map_err(internal)?;
    out.into_inner().map_err(internal)
}

/// Image formats of a QR code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderFormat {
    /// Scalable vector.
    Svg,
    /// Bitmap.
    Png,
}

impl RenderFormat {
    fn as_str(self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png => "png",
        }
    }
}

impl RenderFormat {
    /// The image of `code` in this format.
    fn render(self, code: &str, options: &RenderOptions) -> ServiceResult<Vec<u8>> {
        match self {
            Self::Svg => qr_event_qr::render_svg(code, options).map(String::into_bytes),
            Self::Png => qr_event_qr::render_png(code, options),
        }
        .map_err(internal)
    }
}

/// An audit entry for an action of event staff on `subject`.
fn staff_entry(
    action: AuditAction,
    principal: &Principal,
    event: EventId,
    subject: impl ToString,
) -> Entry {
    Entry::success(action)
        .actor(principal.user_id)
        .event(event)
        .subject(subject)
}

/// The audit entries as CSV, with the same spreadsheet-formula guard as
/// ticket exports; `header` adds the column names first.
pub fn audit_csv(records: &[AuditRecord], header: bool) -> ServiceResult<Vec<u8>> {
    csv_chunk(|out| {
        if header {
            out.write_record([
                "id",
                "at",
                "action",
                "outcome",
                "actor_id",
                "subject",
                "client_ip",
                "request_id",
                "details",
            ])?;
        }
        for r in records {
            let record = [
                r.id.to_string(),
                r.at.to_rfc3339(),
                r.action.clone(),
                r.outcome.clone(),
                r.actor_id.map(|a| a.to_string()).unwrap_or_default(),
                r.subject.clone().unwrap_or_default(),
                r.client_ip.clone().unwrap_or_default(),
                r.request_id.clone().unwrap_or_default(),
                r.details.to_string(),
            ];
            out.write_record(record.map(|cell| safe_cell(&cell)))?;
        }
        Ok(())
    })
}

pub(crate) fn internal(err: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(err.to_string())
}

/// Cells that a spreadsheet would run as a formula get a leading quote.
fn safe_cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// Most row errors an import reports; past it parsing stops.
pub const MAX_IMPORT_ERRORS: usize = 100;

/// Physical line numbers of byte positions that only move forward.
struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            pos: 0,
            line: 1,
        }
    }

    /// The line of the first non-newline byte at or after `byte`.
    fn line_at(&mut self, byte: usize) -> u64 {
        let mut start = byte.min(self.bytes.len());
        while start < self.bytes.len() && matches!(self.bytes[start], b'\n' | b'\r') {
            start += 1;
        }
        if start < self.pos {
            // Never happens with a forward reader; recount rather than lie.
            self.pos = 0;
            self.line = 1;
        }
        self.line += self.bytes[self.pos..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        self.pos = start;
        self.line
    }
}

/// Parses an import file: a header naming known columns (`holder_name`
/// required), then one ticket per line. Returns drafts with their line
/// numbers and the structural errors found.
pub fn parse_csv(bytes: &[u8], max_rows: usize) -> (Vec<(u64, TicketDraft)>, Vec<RowError>) {
    let mut errors = Vec::new();
    let text = match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) {
        Ok(text) => text,
        Err(_) => {
            errors.push(RowError {
                line: 1,
                field: "file".into(),
                code: FieldCode::Encoding,
                message: "the file must be UTF-8".into(),
            });
            return (Vec::new(), errors);
        }
    };
    let delimiter = if text
        .lines()
        .next()
        .is_some_and(|h| h.contains(';') && !h.contains(','))
    {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.to_ascii_lowercase()).collect(),
        Err(e) => {
            errors.push(RowError {
                line: 1,
                field: "header".into(),
                code: FieldCode::Malformed,
                message: e.to_string(),
            });
            return (Vec::new(), errors);
        }
    };
    for name in &header {
        if errors.len() >= MAX_IMPORT_ERRORS {
            errors.push(RowError {
                line: 1,
                field: "header".into(),
                code: FieldCode::TooManyErrors,
                message: format!("stopped after {MAX_IMPORT_ERRORS} errors; fix these first"),
            });
            break;
        }
        if !CSV_COLUMNS.contains(&name.as_str()) {
            errors.push(RowError {
                line: 1,
                field: name.clone(),
                code: FieldCode::UnknownColumn,
                message: format!(
                    "unknown column; expected some of {}",
                    CSV_COLUMNS.join(", ")
                ),
            });
        }
    }
    if !header.iter().any(|h| h == "holder_name") && errors.len() < MAX_IMPORT_ERRORS {
        errors.push(RowError {
            line: 1,
            field: "holder_name".into(),
            code: FieldCode::MissingColumn,
            message: "the header must name a holder_name column".into(),
        });
    }
    if !errors.is_empty() {
        return (Vec::new(), errors);
    }
    let mut drafts = Vec::new();
    let mut lines = LineCounter::new(text.as_bytes());
    let mut rows_seen = 0usize;
    for record in reader.records() {
        if errors.len() >= MAX_IMPORT_ERRORS {
            errors.push(RowError {
                line: lines.line,
                field: "file".into(),
                code: FieldCode::TooManyErrors,
                message: format!("stopped after {MAX_IMPORT_ERRORS} errors; fix these first"),
            });
            break;
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                errors.push(RowError {
                    line,
                    field: "row".into(),
                    code: FieldCode::Malformed,
                    message: e.to_string(),
                });
                continue;
            }
        };
        // Physical line in the file (the reader's own count skips blank
        // lines), counted forward from the previous row: linear overall.
        let line = record
            .position()
            .map(|p| lines.line_at(p.byte() as usize))
            .unwrap_or(0);
        // Every row counts against the cap, blank ones included, so no file
        // can make the server read without bound.
        rows_seen += 1;
        if rows_seen > max_rows {
            errors.push(RowError {
                line,
                field: "file".into(),
                code: FieldCode::TooManyRows,
                message: format!("at most {max_rows} rows per import"),
            });
            break;
        }
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() != header.len() {
            errors.push(RowError {
                line,
                field: "row".into(),
                code: FieldCode::ColumnCount,
                message: format!(
                    "has {} cells, the header has {}",
                    record.len(),
                    header.len()
                ),
            });
            continue;
        }
        let mut draft = TicketDraft::default();
        for (name, value) in header.iter().zip(record.iter()) {
            let mut bad = |code: FieldCode, message: &str| {
                errors.push(RowError {
                    line,
                    field: name.clone(),
                    code,
                    message: message.to_owned(),
                })
            };
            let value = value.to_owned();
            match name.as_str() {
                "holder_name" => draft.holder_name = value,
                "holder_email" => draft.holder_email = Some(value),
                "category" => draft.category = Some(value),
                "note" => draft.note = Some(value),
                "locale" if value.is_empty() => {}
                "locale" => draft.locale = Some(value),
                "valid_from" | "valid_until" if value.is_empty() => {}
                "valid_from" | "valid_until" => match DateTime::parse_from_rfc3339(&value) {
                    Ok(t) if name == "valid_from" => draft.valid_from = Some(t.to_utc()),
                    Ok(t) => draft.valid_until = Some(t.to_utc()),
                    Err(_) => bad(
                        FieldCode::InvalidTime,
                        "must be an RFC 3339 time like 2030-05-01T18:00:00+02:00",
                    ),
                },
                "max_uses" if value.is_empty() => {}
                "max_uses" => match value.parse::<i32>() {
                    Ok(n) => draft.max_uses = Some(n),
                    Err(_) => bad(FieldCode::InvalidNumber, "must be a whole number"),
                },
                _ => {}
            }
        }
        drafts.push((line, draft));
    }
    // One row can add several errors: the cap holds whatever the last row did.
    if errors.len() > MAX_IMPORT_ERRORS + 1 {
        let line = errors[MAX_IMPORT_ERRORS].line;
        errors.truncate(MAX_IMPORT_ERRORS);
        errors.push(RowError {
            line,
            field: "file".into(),
            code: FieldCode::TooManyErrors,
            message: format!("stopped after {MAX_IMPORT_ERRORS} errors; fix these first"),
        });
    }
    (drafts, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_carry_their_line_numbers() {
        let csv = "holder_name,holder_email,max_uses\nAda,ada@example.org,2\n\nBob,,x\n\"Multi\nline\",c@example.org,1\n";
        let (drafts, errors) = parse_csv(csv.as_bytes(), 10);
        // Rows with a bad cell are still validated, so every error of a row is reported.
        assert_eq!(drafts.len(), 3);
        assert_eq!(drafts[0].0, 2);
        assert_eq!(drafts[0].1.max_uses, Some(2));
        assert_eq!(errors.len(), 1);
        assert_eq!(
            (errors[0].line, errors[0].field.as_str(), errors[0].code),
            (4, "max_uses", FieldCode::InvalidNumber)
        );
        assert_eq!(drafts[2].0, 5);
    }

    #[test]
    fn csv_header_is_checked() {
        let (_, errors) = parse_csv(b"name,email\nA,b\n", 10);
        let codes: Vec<&str> = errors.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(
            codes,
            ["unknown_column", "unknown_column", "missing_column"]
        );
        let (_, errors) = parse_csv(b"\xff\xfe", 10);
        assert_eq!(errors[0].code, "encoding");
    }

    #[test]
    fn every_row_counts_against_the_cap_and_errors_are_capped() {
        let blank = format!("holder_name,category\n{}", ",\n".repeat(50));
        let (drafts, errors) = parse_csv(blank.as_bytes(), 10);
        assert!(drafts.is_empty());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            (errors[0].code, errors[0].line),
            (FieldCode::TooManyRows, 12)
        );

        let bad = format!("holder_name,max_uses\n{}", "Ada,x\n".repeat(500));
        let (_, errors) = parse_csv(bad.as_bytes(), 1000);
        assert_eq!(errors.len(), MAX_IMPORT_ERRORS + 1);
        assert_eq!(errors.last().unwrap().code, "too_many_errors");
        assert_eq!(errors[99].line, 101);

        // Found by the fuzzer: rows with several bad cells each.
        let cells = format!(
            "holder_name,max_uses,valid_from\n{}",
            "Ada,x,y\n".repeat(80)
        );
        let (_, errors) = parse_csv(cells.as_bytes(), 1000);
        assert_eq!(errors.len(), MAX_IMPORT_ERRORS + 1);
        assert_eq!(errors.last().unwrap().code, "too_many_errors");

        // Found by the fuzzer: a header of many unknown columns.
        let wide = format!("holder_name{}\nAda\n", ",x".repeat(500));
        let (_, errors) = parse_csv(wide.as_bytes(), 1000);
        assert_eq!(errors.len(), MAX_IMPORT_ERRORS + 1);
        assert_eq!(errors.last().unwrap().code, "too_many_errors");
    }

    #[test]
    fn semicolon_files_and_formula_cells() {
        let (drafts, errors) = parse_csv("holder_name;category\nAda;VIP\n".as_bytes(), 10);
        assert!(errors.is_empty());
        assert_eq!(drafts[0].1.category.as_deref(), Some("VIP"));
        assert_eq!(safe_cell("=cmd()"), "'=cmd()");
        assert_eq!(safe_cell("Ada"), "Ada");
    }
}
