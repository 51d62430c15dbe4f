//! Identifiers and validated value types of QR Event.
//!
//! Everything here is parsed once at the edge (HTTP, CLI) and carried as a
//! proof of validity afterwards. No I/O.

mod email;
mod event;
mod ids;
mod role;
mod validation;

pub use email::Email;
pub use event::{EventDetails, EventName, Timezone};
pub use ids::{EventId, SessionId, UserId};
pub use role::{EventRole, Role};
pub use validation::{FieldError, ValidationErrors};
