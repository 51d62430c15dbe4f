//! Repository traits and the records they exchange.
//!
//! Services see only these traits (`Arc<dyn UserRepo>`, …); the binary picks a
//! backend (PostgreSQL or embedded SQLite) once and hands out a [`Storage`].

mod audit;
mod counters;
mod deliveries;
mod devices;
mod door;
mod error;
mod events;
mod invitations;
mod keys;
mod notices;
mod scans;
mod sessions;
mod tickets;
mod users;

use std::sync::Arc;

use chrono::{DateTime, Utc};

pub use audit::{chain_of, AuditQuery, AuditRecord, AuditRepo, AuditSeal, INSTANCE_CHAIN};
pub use counters::CounterRepo;
pub use deliveries::{AttemptOutcome, Delivery, DeliveryRepo, DeliveryStatus, NewDelivery};
pub use devices::{Device, DeviceCursor, DeviceRepo, DeviceReport, DeviceRotation, NewDevice};
pub use door::{
    admission_of, order_conflict, refused_online_but_admitted, replayed_verdict, sync_audit,
    sync_order, sync_verdict, uploaded_admission, Conflict, ConflictCursor, ConflictScan, DoorRepo,
    DoorRows, DoorTicket, SyncBatch, SyncItem, SyncOutcome, SyncVerdict,
};
pub use error::StorageError;
pub use events::{
    Event, EventCursor, EventFlags, EventQuery, EventRepo, Member, MemberCursor, MemberRepo,
    NewEvent, RemoveMember, SetRole,
};
pub use invitations::{Invitation, InvitationRepo, NewInvitation};
pub use keys::{KeyRepo, StoredKey};
pub use notices::{LocalNotifier, Notice, Notifier, CHANNEL as NOTICE_CHANNEL};
pub use scans::{ScanResults, MAX_SCAN_GROUP};
pub use sessions::{NewSession, Rotation, SessionRepo};
pub use tickets::{
    NewTicket, ScanAttempt, ScanDecision, ScanMode, Ticket, TicketCursor, TicketQuery, TicketRepo,
    TicketStats,
};
pub use users::{NewUser, User, UserRepo};

/// Connection pool figures, for metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolState {
    /// Connections open.
    pub open: u32,
    /// Open connections not in use.
    pub idle: u32,
    /// The most connections the pool may open.
    pub max: u32,
}

/// Figures read from the database for monitoring.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OpsFigures {
    /// Login sessions neither revoked nor expired.
    pub sessions_active: u64,
    /// Scans waiting on live door devices, as each last reported.
    pub scans_waiting: u64,
}

/// Liveness of the backing database, for readiness probes and metrics.
#[async_trait::async_trait]
pub trait HealthCheck: Send + Sync {
    /// Runs a trivial query.
    async fn ping(&self) -> Result<(), StorageError>;
    /// Pool figures for metrics.
    fn pool_state(&self) -> PoolState;
    /// Monitoring figures at `now` (one query).
    async fn figures(&self, now: DateTime<Utc>) -> Result<OpsFigures, StorageError>;
}

/// Every repository of one backend, as trait objects. One `Arc` to clone:
/// every service holds a `Storage`, and the HTTP layer clones the services
/// for each request (cloning fourteen `Arc`s each time cost about a fifth of
/// the server's CPU on door scans, docs/benchmarks.md).
#[derive(Clone)]
pub struct Storage(Arc<Repos>);

impl Storage {
    /// Wraps a backend's repositories.
    pub fn new(repos: Repos) -> Self {
        Self(Arc::new(repos))
    }
}

impl std::ops::Deref for Storage {
    type Target = Repos;
    fn deref(&self) -> &Repos {
        &self.0
    }
}

/// The repositories of one backend (reached through [`Storage`]).
pub struct Repos {
    /// Accounts.
    pub users: Arc<dyn UserRepo>,
    /// Login sessions and refresh tokens.
    pub sessions: Arc<dyn SessionRepo>,
    /// Events.
    pub events: Arc<dyn EventRepo>,
    /// Event membership and roles.
    pub members: Arc<dyn MemberRepo>,
    /// The append-only audit log.
    pub audit: Arc<dyn AuditRepo>,
    /// Persisted signing keys.
    pub keys: Arc<dyn KeyRepo>,
    /// Tickets and scans.
    pub tickets: Arc<dyn TicketRepo>,
    /// The door: pack rows, offline uploads, conflicts.
    pub door: Arc<dyn DoorRepo>,
    /// Door devices.
    pub devices: Arc<dyn DeviceRepo>,
    /// Staff invitations and address verification.
    pub invitations: Arc<dyn InvitationRepo>,
    /// The ticket e-mail outbox.
    pub deliveries: Arc<dyn DeliveryRepo>,
    /// Database health.
    pub health: Arc<dyn HealthCheck>,
    /// Notices to and from every instance.
    pub notices: Arc<dyn Notifier>,
    /// Throttle counters, while the shared cache is unreachable.
    pub counters: Arc<dyn CounterRepo>,
}

/// Bounds for a connection pool.
#[derive(Debug, Clone, Copy)]
pub struct PoolSettings {
    /// Most connections open at once.
    pub max_connections: u32,
    /// How long a request waits for a free connection before failing with 503.
    pub acquire_timeout: std::time::Duration,
}

/// Turns a user's search text into a `LIKE` pattern matching it anywhere,
/// with `\` as the escape character for `%`, `_` and `\` typed by the user.
pub fn like_pattern(search: &str) -> String {
    let mut pattern = String::with_capacity(search.len() + 2);
    pattern.push('%');
    for c in search.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(super::like_pattern("a%b_c\\"), "%a\\%b\\_c\\\\%");
    }
}
