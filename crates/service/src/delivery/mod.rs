//! Tickets by e-mail: requests queue rows in the durable outbox
//! (`ticket_deliveries`); a background sender ([`DeliveryService::run`])
//! claims them with a lease and hands them to SMTP. See
//! docs/adr/0011-ticket-delivery.md.

mod message;
mod sender;

use std::sync::Arc;

use chrono::Utc;
use qr_event_audit::{AuditAction, AuditLog, Entry, RequestContext};
use qr_event_domain::{EventId, FieldCode, ProblemCode, TicketId, TicketStatus, ValidationErrors};
use qr_event_storage::{Delivery, NewDelivery, Storage, Ticket, TicketCursor, TicketQuery};
use tokio::sync::Notify;
use uuid::Uuid;

pub use sender::DeliverySettings;

use crate::{Outbox, Principal, ServiceError, ServiceResult, TicketService};

/// The most tickets one request may name.
pub const MAX_SELECTION: usize = 2_000;

/// The most tickets the deliveries list may be filtered on at once.
pub const MAX_FILTER: usize = 100;

/// Which tickets to send.
#[derive(Debug, Clone)]
pub enum Selection {
    /// These tickets.
    Tickets(Vec<TicketId>),
    /// Every active ticket not yet queued or sent for its current link.
    Unsent,
}

/// Why a ticket was not queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// The ticket has no e-mail address.
    NoEmail,
    /// The ticket is revoked.
    Revoked,
    /// No such ticket in the event.
    NotFound,
    /// Already queued, being sent, or sent for the current attendee link.
    AlreadyQueued,
}

impl SkipReason {
    /// Stable spelling for the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NoEmail => "no_email",
            Self::Revoked => "revoked",
            Self::NotFound => "not_found",
            Self::AlreadyQueued => "already_queued",
        }
    }
}

/// What a send request did.
#[derive(Debug, Clone, Default)]
pub struct QueueReport {
    /// Tickets queued by this request.
    pub queued: Vec<TicketId>,
    /// Tickets left out, with the reason.
    pub skipped: Vec<(TicketId, SkipReason)>,
}

/// Ticket e-mail delivery.
#[derive(Clone)]
pub struct DeliveryService {
    storage: Storage,
    tickets: TicketService,
    outbox: Outbox,
    audit: AuditLog,
    wake: Arc<Notify>,
    settings: DeliverySettings,
    /// Attaches Apple Wallet passes when the instance makes them.
    wallet: Option<crate::WalletService>,
}

impl DeliveryService {
    /// Wires the service.
    pub fn new(
        storage: Storage,
        tickets: TicketService,
        outbox: Outbox,
        settings: DeliverySettings,
    ) -> Self {
        let audit = AuditLog::new(storage.audit.clone());
        Self {
            storage,
            tickets,
            outbox,
            audit,
            wake: Arc::new(Notify::new()),
            settings,
            wallet: None,
        }
    }

    /// Attaches each ticket's Apple Wallet pass to its message (when the
    /// wallet service has Apple credentials).
    pub fn with_wallet(mut self, wallet: crate::WalletService) -> Self {
        self.wallet = Some(wallet);
        self
    }

    /// Queues the selected tickets (owners and managers). Refused when no
    /// SMTP server is configured: nothing would ever leave.
    pub async fn queue(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
        selection: Selection,
    ) -> ServiceResult<QueueReport> {
        self.tickets.managed_event(principal, event).await?;
        if !self.outbox.mailer.delivers() {
            return Err(ServiceError::Conflict {
                code: ProblemCode::MailNotConfigured,
                detail:
                    "no SMTP server is configured (QR_EVENT_SMTP_URL); tickets cannot be e-mailed",
            });
        }
        let mut report = QueueReport::default();
        let candidates = match selection {
            Selection::Tickets(ids) => self.named(event, ids, &mut report).await?,
            Selection::Unsent => self.active(event).await?,
        };
        let mut rows = Vec::new();
        for t in candidates {
            if t.status == TicketStatus::Revoked {
                report.skipped.push((t.id, SkipReason::Revoked));
            } else if t.details.holder_email.is_none() {
                report.skipped.push((t.id, SkipReason::NoEmail));
            } else {
                rows.push(NewDelivery {
                    id: Uuid::now_v7(),
                    event_id: event,
                    ticket_id: t.id,
                    access_version: t.access_version,
                });
            }
        }
        let queued = self.storage.deliveries.queue(&rows, Utc::now()).await?;
        report.queued = queued.iter().map(|d| d.ticket_id).collect();
        for r in &rows {
            if !report.queued.contains(&r.ticket_id) {
                report
                    .skipped
                    .push((r.ticket_id, SkipReason::AlreadyQueued));
            }
        }
        if !report.queued.is_empty() {
            let entry = Entry::success(AuditAction::TicketEmailQueued)
                .actor(principal.user_id)
                .event(event)
                .detail("count", report.queued.len());
            self.audit.record(ctx, entry).await?;
            self.wake.notify_one();
        }
        Ok(report)
    }

    /// Every delivery of the event, newest first (owners and managers).
    pub async fn list(
        &self,
        principal: &Principal,
        event: EventId,
    ) -> ServiceResult<Vec<Delivery>> {
        self.tickets.managed_event(principal, event).await?;
        Ok(self.storage.deliveries.list(event, 10_000).await?)
    }

    /// The deliveries of the named tickets (at most [`MAX_FILTER`]), newest
    /// first; ids of other events' tickets find nothing (owners and managers).
    pub async fn list_for_tickets(
        &self,
        principal: &Principal,
        event: EventId,
        tickets: &[TicketId],
    ) -> ServiceResult<Vec<Delivery>> {
        self.tickets.managed_event(principal, event).await?;
        if tickets.len() > MAX_FILTER {
            return Err(ServiceError::Validation(ValidationErrors::one(
                "ticket_id",
                FieldCode::TooMany,
                "at most 100 tickets per request",
            )));
        }
        Ok(self
            .storage
            .deliveries
            .list_for_tickets(event, tickets, 10_000)
            .await?)
    }

    /// The named tickets that exist in the event; the others are reported.
    async fn named(
        &self,
        event: EventId,
        mut ids: Vec<TicketId>,
        report: &mut QueueReport,
    ) -> ServiceResult<Vec<Ticket>> {
        ids.sort_by_key(|id| id.0);
        ids.dedup();
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            match self.storage.tickets.find(event, id).await? {
                Some(t) => found.push(t),
                None => report.skipped.push((id, SkipReason::NotFound)),
            }
        }
        Ok(found)
    }

    /// Every active ticket of the event, page by page.
    async fn active(&self, event: EventId) -> ServiceResult<Vec<Ticket>> {
        let mut all = Vec::new();
        let mut after: Option<TicketCursor> = None;
        loop {
            let query = TicketQuery {
                status: Some(TicketStatus::Active),
                limit: 1_000,
                after,
                ..Default::default()
            };
            let page = self.storage.tickets.list(event, &query).await?;
            let full = page.len() == 1_000;
            after = page.last().map(|t| TicketCursor {
                created_at: t.created_at,
                id: t.id,
            });
            all.extend(page);
            if !full {
                return Ok(all);
            }
        }
    }
}
