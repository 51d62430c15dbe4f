//! The audit trail: which actions exist, and the writer that records them.
//!
//! Entries are appended, never changed (the databases refuse UPDATE and
//! DELETE on the table). Ids are UUIDv7, so concurrent writers need no shared
//! counter or lock. A failed audit write fails the operation it records:
//! nothing sensitive happens unaudited.

mod chain;

pub use chain::{row_hash, seal_hash, uuid_floor, verify_chain, ChainReport, Sealer, GENESIS};

use std::sync::Arc;

use chrono::Utc;
use qr_event_domain::{EventId, UserId};
use qr_event_storage::{AuditRecord, AuditRepo, StorageError};
use uuid::Uuid;

/// Every audited action, with its stable wire name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    /// An account was created or an invitation claimed.
    Register,
    /// A login succeeded.
    Login,
    /// A login failed (unknown account or wrong password).
    LoginFailed,
    /// A login was refused by throttling.
    LoginThrottled,
    /// A refresh token was rotated.
    Refresh,
    /// An already-rotated refresh token was presented; the session was revoked.
    RefreshReuse,
    /// A session was ended by its user.
    Logout,
    /// A password was changed; every session was revoked.
    PasswordChanged,
    /// An event was created.
    EventCreated,
    /// An event was updated or (un)archived.
    EventUpdated,
    /// An event was deleted.
    EventDeleted,
    /// A member was given a role (added or changed).
    MemberRoleSet,
    /// A member was removed.
    MemberRemoved,
    /// A ticket was issued.
    TicketIssued,
    /// Tickets were issued in bulk.
    TicketBatchIssued,
    /// Tickets were imported from CSV.
    TicketImported,
    /// Tickets were exported (CSV or PDF).
    TicketExported,
    /// A ticket's QR code or PDF was rendered for download.
    TicketRendered,
    /// A ticket was revoked.
    TicketRevoked,
    /// A ticket was replaced by a new code.
    TicketReissued,
    /// A ticket's attendee link was replaced.
    TicketAccessRotated,
    /// Tickets were queued for e-mail delivery.
    TicketEmailQueued,
    /// A ticket e-mail was accepted by the SMTP server.
    TicketEmailSent,
    /// A ticket e-mail attempt failed (retried later, or given up).
    TicketEmailFailed,
    /// A check-in scan (admitted or rejected).
    TicketScan,
    /// A verify-only scan.
    TicketVerify,
    /// An offline admission the server would have refused (a door conflict).
    DoorConflict,
    /// A door device created.
    DeviceCreated,
    /// A door device enrolment link issued (again).
    DeviceEnrolmentIssued,
    /// A door device enrolled by a phone.
    DeviceEnrolled,
    /// A door device enrolment link refused.
    DeviceEnrolFailed,
    /// A door device revoked.
    DeviceRevoked,
    /// A door device refresh token reused; session ended.
    DeviceSessionReuse,
    /// A door name search.
    DoorSearch,
    /// A staff invitation created.
    InvitationCreated,
    /// A staff invitation accepted.
    InvitationAccepted,
    /// A staff invitation withdrawn.
    InvitationRevoked,
    /// A account address verified.
    EmailVerified,
    /// A new QR signing key was made active.
    KeyRotated,
    /// A QR verification key was retired.
    KeyRetired,
    /// The audit chain was verified.
    AuditVerified,
}

impl AuditAction {
    /// Every action, for documentation and filters.
    pub const ALL: [AuditAction; 41] = [
        Self::Register,
        Self::Login,
        Self::LoginFailed,
        Self::LoginThrottled,
        Self::Refresh,
        Self::RefreshReuse,
        Self::Logout,
        Self::PasswordChanged,
        Self::EventCreated,
        Self::EventUpdated,
        Self::EventDeleted,
        Self::MemberRoleSet,
        Self::MemberRemoved,
        Self::TicketIssued,
        Self::TicketBatchIssued,
        Self::TicketImported,
        Self::TicketExported,
        Self::TicketRendered,
        Self::TicketRevoked,
        Self::TicketReissued,
        Self::TicketAccessRotated,
        Self::TicketEmailQueued,
        Self::TicketEmailSent,
        Self::TicketEmailFailed,
        Self::TicketScan,
        Self::TicketVerify,
        Self::DoorConflict,
        Self::DeviceCreated,
        Self::DeviceEnrolmentIssued,
        Self::DeviceEnrolled,
        Self::DeviceEnrolFailed,
        Self::DeviceRevoked,
        Self::DeviceSessionReuse,
        Self::DoorSearch,
        Self::InvitationCreated,
        Self::InvitationAccepted,
        Self::InvitationRevoked,
        Self::EmailVerified,
        Self::KeyRotated,
        Self::KeyRetired,
        Self::AuditVerified,
    ];

    /// The stable name stored and exposed by the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Register => "auth.register",
            Self::Login => "auth.login",
            Self::LoginFailed => "auth.login_failed",
            Self::LoginThrottled => "auth.login_throttled",
            Self::Refresh => "auth.refresh",
            Self::RefreshReuse => "auth.refresh_reuse",
            Self::Logout => "auth.logout",
            Self::PasswordChanged => "auth.password_changed",
            Self::EventCreated => "event.created",
            Self::EventUpdated => "event.updated",
            Self::EventDeleted => "event.deleted",
            Self::MemberRoleSet => "member.role_set",
            Self::MemberRemoved => "member.removed",
            Self::TicketIssued => "ticket.issued",
            Self::TicketBatchIssued => "ticket.batch_issued",
            Self::TicketImported => "ticket.imported",
            Self::TicketExported => "ticket.exported",
            Self::TicketRendered => "ticket.rendered",
            Self::TicketRevoked => "ticket.revoked",
            Self::TicketReissued => "ticket.reissued",
            Self::TicketAccessRotated => "ticket.access_rotated",
            Self::TicketEmailQueued => "ticket.email_queued",
            Self::TicketEmailSent => "ticket.email_sent",
            Self::TicketEmailFailed => "ticket.email_failed",
            Self::TicketScan => "ticket.scan",
            Self::TicketVerify => "ticket.verify",
            Self::DoorConflict => "door.conflict",
            Self::DeviceCreated => "device.created",
            Self::DeviceEnrolmentIssued => "device.enrolment_issued",
            Self::DeviceEnrolled => "device.enrolled",
            Self::DeviceEnrolFailed => "device.enrol_failed",
            Self::DeviceRevoked => "device.revoked",
            Self::DeviceSessionReuse => "device.refresh_reuse",
            Self::DoorSearch => "door.search",
            Self::InvitationCreated => "invitation.created",
            Self::InvitationAccepted => "invitation.accepted",
            Self::InvitationRevoked => "invitation.revoked",
            Self::EmailVerified => "user.email_verified",
            Self::KeyRotated => "key.rotated",
            Self::KeyRetired => "key.retired",
            Self::AuditVerified => "audit.verified",
        }
    }

    /// Parses a stable name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.as_str() == name)
    }
}

/// Whether the audited attempt succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It happened.
    Success,
    /// It was refused.
    Failure,
}

impl Outcome {
    /// Reads a stable name back.
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Success, Self::Failure]
            .into_iter()
            .find(|o| o.as_str() == name)
    }

    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Failure => "failure",
        }
    }
}

/// Request facts copied into every entry.
#[derive(Debug, Clone, Default)]
pub struct RequestContext {
    /// Client address (after trusted-proxy resolution).
    pub client_ip: Option<String>,
    /// Correlation id, also in logs and error bodies.
    pub request_id: Option<String>,
}

/// One entry to record.
#[derive(Debug, Clone)]
pub struct Entry {
    action: AuditAction,
    outcome: Outcome,
    actor: Option<UserId>,
    event: Option<EventId>,
    subject: Option<String>,
    details: serde_json::Value,
}

impl Entry {
    /// A successful `action`.
    pub fn success(action: AuditAction) -> Self {
        Self::new(action, Outcome::Success)
    }

    /// A refused `action`.
    pub fn failure(action: AuditAction) -> Self {
        Self::new(action, Outcome::Failure)
    }

    fn new(action: AuditAction, outcome: Outcome) -> Self {
        Self {
            action,
            outcome,
            actor: None,
            event: None,
            subject: None,
            details: serde_json::Value::Object(Default::default()),
        }
    }

    /// Who did it.
    pub fn actor(mut self, actor: UserId) -> Self {
        self.actor = Some(actor);
        self
    }

    /// On which event.
    pub fn event(mut self, event: EventId) -> Self {
        self.event = Some(event);
        self
    }

    /// On what (a user id, a ticket id).
    pub fn subject(mut self, subject: impl ToString) -> Self {
        self.subject = Some(subject.to_string());
        self
    }

    /// One extra fact. Never pass a secret.
    pub fn detail(mut self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        if let serde_json::Value::Object(map) = &mut self.details {
            map.insert(key.to_owned(), value.into());
        }
        self
    }
}

/// Writes entries to the audit repository.
#[derive(Clone)]
pub struct AuditLog {
    repo: Arc<dyn AuditRepo>,
}

impl AuditLog {
    /// A writer over `repo`.
    pub fn new(repo: Arc<dyn AuditRepo>) -> Self {
        Self { repo }
    }

    /// Appends `entry` with a fresh id and the current time.
    pub async fn record(&self, ctx: &RequestContext, entry: Entry) -> Result<(), StorageError> {
        self.repo.append(&entry.into_record(ctx)).await
    }
}

impl Entry {
    /// The row to store, with a fresh time-ordered id and the current time;
    /// for writes that append their audit entry in their own transaction.
    pub fn into_record(self, ctx: &RequestContext) -> AuditRecord {
        let entry = self;
        AuditRecord {
            id: Uuid::now_v7(),
            at: Utc::now(),
            event_id: entry.event,
            actor_id: entry.actor,
            action: entry.action.as_str().to_owned(),
            outcome: entry.outcome.as_str().to_owned(),
            subject: entry.subject,
            client_ip: ctx.client_ip.clone(),
            request_id: ctx.request_id.clone(),
            details: entry.details,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_names_are_unique_and_parse_back() {
        let mut names: Vec<&str> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), AuditAction::ALL.len());
        assert_eq!(AuditAction::parse("nope"), None);
    }
}
