//! The reference offline decider: what a door device decides alone from its
//! pack. The web door (`web/src/door/decide.ts`) replays the vectors this
//! implementation generates (`docs/door-decision-vectors.json`).

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use qr_event_domain::{judge, DoorState, RejectReason, TicketId, TicketStatus};
use qr_event_qr::{KeyId, KeyRing, TicketCodec};
use uuid::Uuid;

/// The parts of a pack a decision reads.
#[derive(Debug, Clone)]
pub struct OfflinePack {
    /// The event the device serves.
    pub event_id: Uuid,
    /// A verify-only ring of the pack's public keys.
    pub ring: KeyRing,
    /// Clock-skew tolerance.
    pub skew: Duration,
    /// Ticket states by id.
    pub tickets: HashMap<TicketId, DoorState>,
}

impl OfflinePack {
    /// A pack from its public keys and tickets; `None` when a key is unusable.
    pub fn new(
        event_id: Uuid,
        keys: Vec<(KeyId, [u8; 32])>,
        skew: Duration,
        tickets: HashMap<TicketId, DoorState>,
    ) -> Option<Self> {
        Some(Self {
            event_id,
            ring: KeyRing::new(None, keys).ok()?,
            skew,
            tickets,
        })
    }
}

/// A genuine code of the pack's event whose ticket the pack does not hold was
/// issued after the pack was built: one use, no window.
const UNKNOWN_TICKET: DoorState = DoorState {
    status: TicketStatus::Active,
    uses: 0,
    max_uses: 1,
    valid_from: DateTime::<Utc>::MIN_UTC,
    valid_until: DateTime::<Utc>::MAX_UTC,
};

/// The device's decision on `code` at `now`: `None` admits. `queued_uses`
/// are the device's own admissions of that ticket not yet in the pack.
/// Check-in and verify decide alike; only a check-in is counted afterwards.
pub fn decide(
    pack: &OfflinePack,
    code: &str,
    now: DateTime<Utc>,
    queued_uses: i32,
) -> Option<RejectReason> {
    let Ok(code) = pack.ring.decode(code) else {
        return Some(RejectReason::InvalidCode);
    };
    if code.event_id != pack.event_id {
        return Some(RejectReason::WrongEvent);
    }
    let state = pack
        .tickets
        .get(&TicketId(code.ticket_id))
        .unwrap_or(&UNKNOWN_TICKET);
    judge(state, now, pack.skew, queued_uses)
}
