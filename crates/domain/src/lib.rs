//! Identifiers and validated value types of QR Event.
//!
//! Everything here is parsed once at the edge (HTTP, CLI) and carried as a
//! proof of validity afterwards. No I/O.

mod codes;
mod door;
mod email;
mod event;
mod ids;
mod locale;
mod role;
pub mod text;
mod ticket;
mod validation;

pub use codes::{FieldCode, ProblemCode};
pub use door::{judge, DoorState};
pub use email::Email;
pub use event::{EventDetails, EventName, Timezone};
pub use ids::{DeviceId, EventId, InvitationId, SessionId, TicketId, UserId};
pub use locale::Locale;
pub use role::{EventRole, Role};
pub use ticket::{RejectReason, TicketDetails, TicketDraft, TicketStatus, MAX_USES_LIMIT};
pub use validation::{FieldError, ValidationErrors};
