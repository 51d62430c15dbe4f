//! Login sessions and refresh-token rotation.

use std::collections::HashSet;

use chrono::{DateTime, TimeDelta, Utc};
use qr_event_domain::{SessionId, UserId};
use qr_event_storage::{NewSession, Rotation, Storage};

use crate::fixtures::{now, user};
use crate::Harness;

/// Opens a 30-day session whose first refresh token hash is `[token; 32]`.
async fn open(s: &Storage, owner: UserId, token: u8, at: DateTime<Utc>) -> SessionId {
    let id = SessionId::random();
    s.sessions
        .create(NewSession {
            id,
            user_id: owner,
            token_hash: vec![token; 32],
            now: at,
            expires_at: at + TimeDelta::days(30),
        })
        .await
        .expect("create session");
    id
}

/// Presents refresh token `[old; 32]`, to be replaced by `[new; 32]`.
async fn rotate(
    s: &Storage,
    old: u8,
    new: u8,
    at: DateTime<Utc>,
    idle_cutoff: DateTime<Utc>,
) -> Rotation {
    s.sessions
        .rotate(&[old; 32], &[new; 32], at, idle_cutoff)
        .await
        .expect("rotate")
}

/// Presenting a spent refresh token revokes its whole family.
pub async fn refresh_token_reuse_revokes_the_session(h: &dyn Harness) {
    let s = h.storage();
    let owner = user(s, "a@example.org").await;
    let t0 = now();
    let session_id = open(s, owner, 1, t0).await;
    let rotated = Rotation::Rotated {
        session_id,
        user_id: owner,
    };
    let reused = Rotation::Reused {
        session_id,
        user_id: owner,
    };

    let idle_cutoff = t0 - TimeDelta::days(1);
    let t1 = t0 + TimeDelta::seconds(1);
    assert_eq!(rotate(s, 1, 2, t1, idle_cutoff).await, rotated);
    assert_eq!(
        s.sessions.active_user(session_id, t1).await.unwrap(),
        Some(owner)
    );

    // The spent token again: the family is revoked.
    assert_eq!(rotate(s, 1, 3, t1, idle_cutoff).await, reused);
    assert_eq!(s.sessions.active_user(session_id, t1).await.unwrap(), None);
    // The current token of the revoked family no longer works either.
    assert_eq!(rotate(s, 2, 4, t1, idle_cutoff).await, Rotation::Invalid);
    // An unknown token is simply invalid.
    assert_eq!(rotate(s, 9, 5, t1, idle_cutoff).await, Rotation::Invalid);
    // The session was already revoked: nothing left to revoke.
    assert!(!s.sessions.revoke(session_id, "logout", t1).await.unwrap());
}

/// A session unused since the idle cutoff does not rotate, and the refused
/// attempt leaves its token unspent.
pub async fn idle_session_does_not_rotate(h: &dyn Harness) {
    let s = h.storage();
    let owner = user(s, "a@example.org").await;
    let t0 = now();
    let session_id = open(s, owner, 1, t0).await;
    let later = t0 + TimeDelta::days(2);
    let idle_cutoff = later - TimeDelta::days(1);
    assert_eq!(rotate(s, 1, 2, later, idle_cutoff).await, Rotation::Invalid);
    // Rolled back: the token is not marked spent, so this is not reuse.
    assert_eq!(rotate(s, 1, 2, later, idle_cutoff).await, Rotation::Invalid);
    assert_eq!(
        s.sessions.active_user(session_id, later).await.unwrap(),
        Some(owner)
    );
    // Still usable within the idle window.
    let fresh = rotate(s, 1, 2, later, t0 - TimeDelta::days(1)).await;
    assert!(matches!(fresh, Rotation::Rotated { .. }));
}

/// Of several concurrent presentations of one token exactly one rotates; the
/// others see a spent token, which revokes the family.
pub async fn concurrent_rotations_rotate_once(h: &dyn Harness) {
    let s = h.storage();
    let owner = user(s, "a@example.org").await;
    for round in 0..5u8 {
        let t0 = now();
        let token = 10 * round + 1;
        let session_id = open(s, owner, token, t0).await;
        let cutoff = t0 - TimeDelta::days(1);
        let (a, b, c) = tokio::join!(
            rotate(s, token, token + 1, t0, cutoff),
            rotate(s, token, token + 2, t0, cutoff),
            rotate(s, token, token + 3, t0, cutoff),
        );
        let outcomes = [a, b, c];
        let rotated = outcomes
            .iter()
            .filter(|o| matches!(o, Rotation::Rotated { .. }))
            .count();
        assert_eq!(rotated, 1, "exactly one rotation: {outcomes:?}");
        assert!(outcomes
            .iter()
            .all(|o| matches!(o, Rotation::Rotated { .. } | Rotation::Reused { .. })));
        assert_eq!(s.sessions.active_user(session_id, t0).await.unwrap(), None);
    }
}

/// Sessions end at their absolute expiry, on revocation, and all at once.
pub async fn sessions_expire_and_are_revoked(h: &dyn Harness) {
    let s = h.storage();
    let owner = user(s, "a@example.org").await;
    let other = user(s, "b@example.org").await;
    let t0 = now();
    let first = open(s, owner, 1, t0).await;
    let second = open(s, owner, 2, t0).await;
    let third = open(s, owner, 3, t0).await;
    let theirs = open(s, other, 4, t0).await;

    let expiry = t0 + TimeDelta::days(30);
    assert_eq!(
        s.sessions
            .active_user(first, expiry - TimeDelta::microseconds(1))
            .await
            .unwrap(),
        Some(owner)
    );
    assert_eq!(s.sessions.active_user(first, expiry).await.unwrap(), None);
    let after_expiry = rotate(s, 1, 5, expiry, t0 - TimeDelta::days(1)).await;
    assert_eq!(after_expiry, Rotation::Invalid);
    assert_eq!(
        s.sessions
            .active_user(SessionId::random(), t0)
            .await
            .unwrap(),
        None
    );

    assert!(s.sessions.revoke(first, "logout", t0).await.unwrap());
    assert!(!s.sessions.revoke(first, "logout", t0).await.unwrap());
    assert!(!s
        .sessions
        .revoke(SessionId::random(), "logout", t0)
        .await
        .unwrap());
    assert_eq!(s.sessions.active_user(first, t0).await.unwrap(), None);

    let revoked: HashSet<_> = s
        .sessions
        .revoke_all(owner, "password_changed", t0)
        .await
        .unwrap()
        .into_iter()
        .collect();
    assert_eq!(revoked, HashSet::from([second, third]));
    assert!(s
        .sessions
        .revoke_all(owner, "password_changed", t0)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(s.sessions.active_user(third, t0).await.unwrap(), None);
    assert_eq!(
        s.sessions.active_user(theirs, t0).await.unwrap(),
        Some(other)
    );
}
