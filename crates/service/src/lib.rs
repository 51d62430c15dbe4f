//! Use cases of QR Event. Services take validated input, apply the rules
//! (who may do what), call repositories through their traits and write the
//! audit trail. They know nothing of HTTP.

mod auth;
mod counters;
mod delivery;
pub mod door;
mod error;
mod events;
mod invitations;
mod live;
mod members;
mod print;
mod quota;
mod tickets;
mod wallet;

pub use auth::{AuthService, AuthSettings, IssuedSession, Principal, RegisterInput};
pub use counters::SharedCounters;
pub use delivery::{
    DeliveryService, DeliverySettings, QueueReport, Selection, SkipReason, MAX_SELECTION,
};
pub use door::{
    DeviceEnrolment, DeviceInput, DevicePrincipal, DeviceService, DeviceSettings, DoorCaller,
    DoorPack, DoorService, IssuedDevice, PackSince, Presented, ScanAnswer, ScanGrouping, ScanInput,
    SyncInput, SyncReport, SyncScan,
};
pub use error::ServiceError;
pub use events::{EventInput, EventPatch, EventService};
pub use invitations::{
    invitation_status, InvitationService, Invited, Links, Outbox, INVITATION_LIFETIME,
};
pub use live::{LiveFigures, LiveHub};
pub use members::MemberService;
pub use qr_event_audit::RequestContext;
pub use quota::{Limiter, Quota, Quotas};
pub use tickets::{
    audit_csv, parse_csv, Batch, ImportReport, PublicTicket, QrKeys, RenderFormat, RowError,
    TicketService, TicketSettings, TicketView, CSV_COLUMNS, MAX_IMPORT_ERRORS,
};

pub use wallet::{WalletKinds, WalletService};

/// Result of a service call.
pub type ServiceResult<T> = Result<T, ServiceError>;
