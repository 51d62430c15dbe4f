use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new random, time-ordered identifier (UUIDv7: 74 random bits).
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }
    };
}

id_type!(
    /// Identifier of a user account.
    UserId
);
id_type!(
    /// Identifier of an event.
    EventId
);
id_type!(
    /// Identifier of a login session (a refresh-token family).
    SessionId
);

impl SessionId {
    /// A fully random session id: it is part of a bearer secret's context, so
    /// it carries no timestamp.
    pub fn random() -> Self {
        Self(Uuid::new_v4())
    }
}
id_type!(
    /// Identifier of a door device (a phone enrolled for one event).
    DeviceId
);
id_type!(
    /// Identifier of an invitation to join an event's staff.
    InvitationId
);
id_type!(
    /// Identifier of a ticket; it is inside the ticket's QR code.
    TicketId
);

impl TicketId {
    /// A fully random ticket id (122 random bits): codes must not be
    /// guessable nor reveal when they were issued.
    pub fn random() -> Self {
        Self(Uuid::new_v4())
    }
}
