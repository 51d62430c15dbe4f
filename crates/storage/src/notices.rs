//! Notices between instances: what one instance (or the command line)
//! changed that the others must act on at once, rather than at their next
//! periodic reload. On PostgreSQL they travel by `NOTIFY` (see ADR 0008);
//! the embedded database serves one process, so they stay in it.

use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;
use uuid::Uuid;

use crate::StorageError;

/// The `LISTEN`/`NOTIFY` channel the instances share.
pub const CHANNEL: &str = "qr_event";

/// Something every instance must know now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// A login session ended (logout, password change, reuse detected):
    /// forget any copy of it.
    SessionRevoked {
        /// The session.
        id: Uuid,
    },
    /// The QR or session key ring changed: reload it.
    KeysChanged,
    /// An event's live figures changed (admissions, refusals, conflicts,
    /// devices): tell its live views.
    Live {
        /// The event.
        event: Uuid,
    },
    /// Who may work an event's door changed (a member removed or given
    /// another role, an invitation accepted, the event changed or deleted):
    /// forget any door rights of it kept in memory.
    DoorRights {
        /// The event.
        event: Uuid,
    },
    /// Notices may have been missed (the listener reconnected): reload what
    /// can be reloaded.
    Resync,
}

impl Notice {
    /// The payload sent over the channel.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a payload; `None` for anything else (a newer instance's kind).
    pub fn decode(payload: &str) -> Option<Self> {
        serde_json::from_str(payload).ok()
    }
}

/// Publishes notices to every instance and hands out the ones received.
#[async_trait::async_trait]
pub trait Notifier: Send + Sync {
    /// Tells every instance, this one included, once the call returns.
    async fn publish(&self, notice: Notice) -> Result<(), StorageError>;
    /// The notices received from now on.
    fn subscribe(&self) -> broadcast::Receiver<Notice>;
}

/// Notices within one process (the embedded database, tests).
pub struct LocalNotifier {
    sender: broadcast::Sender<Notice>,
}

impl LocalNotifier {
    /// A notifier with room for `capacity` notices per slow subscriber.
    pub fn new(capacity: usize) -> Self {
        Self {
            sender: broadcast::channel(capacity).0,
        }
    }

    /// The sender, for a backend that receives notices from elsewhere.
    pub fn sender(&self) -> &broadcast::Sender<Notice> {
        &self.sender
    }
}

impl Default for LocalNotifier {
    fn default() -> Self {
        Self::new(1024)
    }
}

#[async_trait::async_trait]
impl Notifier for LocalNotifier {
    async fn publish(&self, notice: Notice) -> Result<(), StorageError> {
        // No subscriber is not an error: nobody needed to know.
        let _ = self.sender.send(notice);
        Ok(())
    }

    fn subscribe(&self) -> broadcast::Receiver<Notice> {
        self.sender.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_round_trip_and_unknown_kinds_are_ignored() {
        let id = Uuid::nil();
        for notice in [
            Notice::SessionRevoked { id },
            Notice::KeysChanged,
            Notice::Live { event: id },
            Notice::DoorRights { event: id },
            Notice::Resync,
        ] {
            assert_eq!(Notice::decode(&notice.encode()), Some(notice));
        }
        assert_eq!(Notice::KeysChanged.encode(), r#"{"kind":"keys_changed"}"#);
        assert_eq!(Notice::decode(r#"{"kind":"from_the_future"}"#), None);
    }
}
