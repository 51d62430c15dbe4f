use std::time::Duration;

use qr_event_auth::PasswordError;
use qr_event_domain::{ProblemCode, ValidationErrors};
use qr_event_storage::StorageError;

/// What a use case can answer besides success. Each variant maps to one HTTP
/// status and one stable error code in the HTTP layer.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Input broke a rule; one entry per field.
    #[error(transparent)]
    Validation(#[from] ValidationErrors),
    /// No valid session.
    #[error("authentication required")]
    Unauthenticated,
    /// A door device session that was revoked, expired or replaced by a new
    /// enrolment: the phone must forget what it holds.
    #[error("this door device was signed out")]
    DeviceRevoked,
    /// An enrolment or invitation link that is unknown, used, expired or
    /// withdrawn (deliberately not saying which).
    #[error("this link is not valid any more; ask for a new one")]
    InvalidLink,
    /// Wrong e-mail or password (deliberately not saying which).
    #[error("invalid e-mail or password")]
    InvalidCredentials,
    /// Authenticated but not allowed.
    #[error("{0}")]
    Forbidden(&'static str),
    /// Absent, or not visible to the caller.
    #[error("not found")]
    NotFound,
    /// The request conflicts with the current state; `code` is stable.
    #[error("{detail}")]
    Conflict {
        /// Stable machine code.
        code: ProblemCode,
        /// Human explanation.
        detail: &'static str,
    },
    /// Too many attempts; retry after the duration.
    #[error("too many attempts")]
    Throttled {
        /// When to retry.
        retry_after: Duration,
    },
    /// An account (or client) used up one of its quotas of heavy work.
    #[error("{detail}")]
    QuotaExceeded {
        /// What ran out, e.g. "at most 50 new events a day per account".
        detail: String,
        /// When the window resets.
        retry_after: Duration,
    },
    /// Self-registration is closed on this instance.
    #[error("registration is closed; ask an organizer for an invitation")]
    RegistrationClosed,
    /// A bounded resource (password hashing slots) is saturated.
    #[error("server busy")]
    Busy,
    /// The database is unreachable or its pool exhausted.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// Anything else; logged once by the HTTP layer, never shown.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StorageError> for ServiceError {
    fn from(err: StorageError) -> Self {
        match err {
            StorageError::NotFound => Self::NotFound,
            StorageError::Conflict(_) => Self::Conflict {
                code: ProblemCode::Conflict,
                detail: "the request conflicts with existing data",
            },
            StorageError::Unavailable(cause) => Self::Unavailable(cause),
            StorageError::Other(cause) => Self::Internal(cause.to_string()),
        }
    }
}

impl From<PasswordError> for ServiceError {
    fn from(err: PasswordError) -> Self {
        match err {
            PasswordError::Busy => Self::Busy,
            PasswordError::Failed(cause) => Self::Internal(cause),
        }
    }
}
