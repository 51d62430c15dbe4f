//! The door's rules on a ticket's state: the one place that says, for a
//! genuine code of the right event, whether the holder may pass. Used by the
//! server's sync path, by the SQLite scan and by the offline reference
//! decider whose vectors the web door replays.

use chrono::{DateTime, Duration, Utc};

use crate::{RejectReason, TicketStatus};

/// What the door needs to know about a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DoorState {
    /// Active or revoked.
    pub status: TicketStatus,
    /// Admissions already counted.
    pub uses: i32,
    /// Admissions allowed.
    pub max_uses: i32,
    /// Start of validity.
    pub valid_from: DateTime<Utc>,
    /// End of validity (exclusive).
    pub valid_until: DateTime<Utc>,
}

/// The verdict on `state` at `now`: `None` admits. `extra_uses` are
/// admissions not yet in `uses` (a device's own queue); `check_in` and
/// verify answer alike (verify only does not count). Order: revoked, not
/// yet valid, expired, already used; `skew` widens both ends of the window.
pub fn judge(
    state: &DoorState,
    now: DateTime<Utc>,
    skew: Duration,
    extra_uses: i32,
) -> Option<RejectReason> {
    if state.status == TicketStatus::Revoked {
        Some(RejectReason::Revoked)
    } else if state.valid_from > now + skew {
        Some(RejectReason::NotYetValid)
    } else if state.valid_until <= now - skew {
        Some(RejectReason::Expired)
    } else if state.uses.saturating_add(extra_uses) >= state.max_uses {
        Some(RejectReason::AlreadyUsed)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> DoorState {
        let from = DateTime::parse_from_rfc3339("2026-06-01T10:00:00Z")
            .unwrap()
            .to_utc();
        DoorState {
            status: TicketStatus::Active,
            uses: 0,
            max_uses: 1,
            valid_from: from,
            valid_until: from + Duration::hours(8),
        }
    }

    #[test]
    fn order_and_edges() {
        let s = state();
        let skew = Duration::seconds(60);
        let at = |secs: i64| s.valid_from + Duration::seconds(secs);
        assert_eq!(judge(&s, at(0), skew, 0), None);
        assert_eq!(judge(&s, at(-60), skew, 0), None);
        assert_eq!(judge(&s, at(-61), skew, 0), Some(RejectReason::NotYetValid));
        let end = 8 * 3600;
        assert_eq!(judge(&s, at(end + 59), skew, 0), None);
        assert_eq!(
            judge(&s, at(end + 60), skew, 0),
            Some(RejectReason::Expired)
        );
        assert_eq!(judge(&s, at(0), skew, 1), Some(RejectReason::AlreadyUsed));
        let revoked = DoorState {
            status: TicketStatus::Revoked,
            uses: 1,
            ..s
        };
        assert_eq!(
            judge(&revoked, at(-3600), skew, 0),
            Some(RejectReason::Revoked)
        );
        let re_entry = DoorState {
            max_uses: 3,
            uses: 2,
            ..s
        };
        assert_eq!(judge(&re_entry, at(0), skew, 0), None);
        assert_eq!(
            judge(&re_entry, at(0), skew, 1),
            Some(RejectReason::AlreadyUsed)
        );
    }
}
