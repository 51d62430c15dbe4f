//! Door rights kept in memory: who may work which event's door, so that a
//! scan does not read the membership from the database every time (issue
//! 12); and each event as its enrolled door devices see it, so that a
//! device's scan does not read the event either. Held by `EventService`,
//! which every service changing rights goes
//! through. Only granted rights are kept. Every change that can take a
//! right away or change what the door shows (a member removed or given
//! another role, an invitation accepted, the event changed or deleted)
//! forgets the event's entries on this instance at once and publishes
//! `Notice::DoorRights` to the others (ADR 0008); after a
//! resynchronisation everything is forgotten, and no entry outlives
//! [`RIGHTS_TTL`] in case a notice was lost.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use qr_event_domain::{EventId, Role, UserId};
use qr_event_storage::{Event, Notice};

/// The longest a right read from the database is trusted without a notice.
pub const RIGHTS_TTL: Duration = Duration::from_secs(10);
/// Entries kept at most; past that the cache starts again empty.
const MAX_ENTRIES: usize = 50_000;

struct Entry {
    event: Event,
    /// The member's role; none for the event as its devices see it.
    role: Option<Role>,
    read_at: Instant,
}

/// A member's right to an event's door, or (no user) the event itself as
/// its enrolled devices see it.
type Key = (Option<UserId>, EventId);

#[derive(Default)]
struct Inner {
    entries: HashMap<Key, Entry>,
    /// Bumped by every forgetting, so that a read begun before it is not
    /// stored after it.
    generation: u64,
}

/// The door rights of this instance's recent callers.
#[derive(Default)]
pub(crate) struct DoorRights {
    inner: Mutex<Inner>,
}

impl DoorRights {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The user's role and the event, when read less than [`RIGHTS_TTL`] ago.
    pub(crate) fn get(&self, user: UserId, event: EventId) -> Option<(Event, Role)> {
        self.fresh((Some(user), event))
            .and_then(|(event, role)| Some((event, role?)))
    }

    /// The event for its enrolled devices, when read less than
    /// [`RIGHTS_TTL`] ago.
    pub(crate) fn event(&self, event: EventId) -> Option<Event> {
        self.fresh((None, event)).map(|(event, _)| event)
    }

    fn fresh(&self, key: Key) -> Option<(Event, Option<Role>)> {
        let inner = self.lock();
        let entry = inner.entries.get(&key)?;
        (entry.read_at.elapsed() < RIGHTS_TTL).then(|| (entry.event.clone(), entry.role))
    }

    /// Where forgetting stands, to pass to [`DoorRights::put`] after a read.
    pub(crate) fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Keeps a right read from the database when nothing was forgotten
    /// since `generation` (the read may predate a change).
    pub(crate) fn put(&self, generation: u64, user: UserId, event: &Event, role: Role) {
        self.keep(generation, (Some(user), event.id), event, Some(role));
    }

    /// Keeps the event for its devices, like [`DoorRights::put`].
    pub(crate) fn put_event(&self, generation: u64, event: &Event) {
        self.keep(generation, (None, event.id), event, None);
    }

    fn keep(&self, generation: u64, key: Key, event: &Event, role: Option<Role>) {
        let mut inner = self.lock();
        if inner.generation != generation {
            return;
        }
        if inner.entries.len() >= MAX_ENTRIES {
            inner.entries.clear();
        }
        inner.entries.insert(
            key,
            Entry {
                event: event.clone(),
                role,
                read_at: Instant::now(),
            },
        );
    }

    /// Acts on a notice: forgets an event's rights, or all of them.
    pub(crate) fn on_notice(&self, notice: &Notice) {
        let mut inner = self.lock();
        match notice {
            Notice::DoorRights { event } => {
                inner.generation += 1;
                inner.entries.retain(|(_, e), _| e.0 != *event);
            }
            Notice::Resync => {
                inner.generation += 1;
                inner.entries.clear();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> Event {
        let now = chrono::Utc::now();
        Event {
            id: EventId(uuid::Uuid::now_v7()),
            details: qr_event_domain::EventDetails::new(
                qr_event_domain::EventName::parse("name", "Gala").unwrap(),
                now,
                now + chrono::Duration::hours(2),
                "Hall",
                qr_event_domain::Timezone::parse("timezone", "Europe/Paris").unwrap(),
            )
            .unwrap(),
            archived: false,
            door_names: true,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn rights_are_forgotten_by_event_and_never_stored_after_a_change() {
        let rights = DoorRights::default();
        let (a, b) = (event(), event());
        let user = UserId::new();
        let gen = rights.generation();
        rights.put(gen, user, &a, Role::Scanner);
        rights.put(gen, user, &b, Role::Owner);
        assert_eq!(rights.get(user, a.id).map(|(_, r)| r), Some(Role::Scanner));
        assert!(rights.get(UserId::new(), a.id).is_none(), "per user");

        rights.put_event(gen, &a);
        rights.put_event(gen, &b);
        assert_eq!(rights.event(a.id).map(|e| e.id), Some(a.id));
        assert!(
            rights.get(user, a.id).is_some(),
            "a member's right and the event apart"
        );

        rights.on_notice(&Notice::DoorRights { event: a.id.0 });
        assert!(rights.get(user, a.id).is_none(), "forgotten");
        assert!(rights.event(a.id).is_none(), "forgotten for devices too");
        assert_eq!(rights.get(user, b.id).map(|(_, r)| r), Some(Role::Owner));
        assert_eq!(rights.event(b.id).map(|e| e.id), Some(b.id));

        // A read that began before the change is not kept.
        rights.put(gen, user, &a, Role::Scanner);
        rights.put_event(gen, &a);
        assert!(rights.get(user, a.id).is_none());
        assert!(rights.event(a.id).is_none());

        rights.on_notice(&Notice::Resync);
        assert!(rights.get(user, b.id).is_none(), "everything forgotten");
        assert!(rights.event(b.id).is_none(), "everything forgotten");
    }
}
