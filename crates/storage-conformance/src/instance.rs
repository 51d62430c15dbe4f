//! Instance-wide state: signing keys and database health.

use chrono::TimeDelta;
use qr_event_domain::SessionId;
use qr_event_storage::{NewSession, StoredKey};

use crate::fixtures::{now, user};
use crate::Harness;

/// A key id is stored once; keys list oldest first, per purpose.
pub async fn signing_keys_are_inserted_once(h: &dyn Harness) {
    let s = h.storage();
    let t0 = now();
    let key = |kid: &str, purpose: &str, minutes: i64| StoredKey {
        kid: kid.to_owned(),
        purpose: purpose.to_owned(),
        algorithm: "HS256".to_owned(),
        public_key: None,
        sealed_secret: vec![0, 1, 2, 255],
        status: "active".to_owned(),
        created_at: t0 + TimeDelta::minutes(minutes),
    };
    let newer = key("k2", "session", 1);
    let older = StoredKey {
        public_key: Some(vec![7; 32]),
        status: "verify_only".to_owned(),
        ..key("k1", "session", 0)
    };
    s.keys.insert_if_absent(&newer).await.unwrap();
    s.keys.insert_if_absent(&older).await.unwrap();
    s.keys.insert_if_absent(&key("q1", "qr", 0)).await.unwrap();
    // Same kid again: the first one stays, silently.
    let impostor = StoredKey {
        sealed_secret: vec![9; 8],
        ..key("k2", "session", 5)
    };
    s.keys.insert_if_absent(&impostor).await.unwrap();

    let listed = s.keys.list("session").await.unwrap();
    let kids: Vec<_> = listed.iter().map(|k| k.kid.as_str()).collect();
    assert_eq!(kids, ["k1", "k2"]);
    let (first, second) = (&listed[0], &listed[1]);
    assert_eq!(first.public_key.as_deref(), Some(&[7; 32][..]));
    assert_eq!(first.status, "verify_only");
    assert_eq!(first.created_at, t0);
    assert_eq!(first.algorithm, "HS256");
    assert_eq!(second.sealed_secret, vec![0, 1, 2, 255]);
    assert_eq!(second.public_key, None);
    assert_eq!(second.created_at, t0 + TimeDelta::minutes(1));
    assert_eq!(s.keys.list("qr").await.unwrap().len(), 1);
    assert!(s.keys.list("nothing").await.unwrap().is_empty());
}

/// Instances starting together on an empty database agree on one first key.
pub async fn first_keys_are_agreed_on(h: &dyn Harness) {
    let s = h.storage();
    let t0 = now();
    let attempts = (0..8).map(|i| {
        let keys = s.keys.clone();
        let key = StoredKey {
            kid: format!("first-{i}"),
            purpose: "first".to_owned(),
            algorithm: "Ed25519".to_owned(),
            public_key: Some(vec![i; 32]),
            sealed_secret: vec![i; 8],
            status: "active".to_owned(),
            created_at: t0,
        };
        tokio::spawn(async move { keys.insert_first_active(&key).await.unwrap() })
    });
    let mut stored = 0;
    for attempt in attempts.collect::<Vec<_>>() {
        stored += usize::from(attempt.await.unwrap());
    }
    assert_eq!(stored, 1);
    let keys = s.keys.list("first").await.unwrap();
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert_eq!(keys[0].status, "active");
}

/// The health check reaches the database and reports a consistent pool.
pub async fn health_check_answers(h: &dyn Harness) {
    let health = &h.storage().health;
    health.ping().await.unwrap();
    let pool = health.pool_state();
    assert!(pool.open >= 1, "the ping opened a connection");
    assert!(pool.idle <= pool.open && pool.open <= pool.max);
}

/// The monitoring figures count live sessions only.
pub async fn figures_count_live_sessions(h: &dyn Harness) {
    let s = h.storage();
    let t0 = now();
    let before = s.health.figures(t0).await.unwrap();
    let owner = user(s, "figures@example.org").await;
    for (i, days) in [(1u8, 30), (2, 30), (3, -1)] {
        s.sessions
            .create(NewSession {
                id: SessionId::random(),
                user_id: owner,
                token_hash: vec![i; 32],
                now: t0 - TimeDelta::days(2),
                expires_at: t0 + TimeDelta::days(days),
            })
            .await
            .unwrap();
    }
    let after = s.health.figures(t0).await.unwrap();
    assert_eq!(after.sessions_active, before.sessions_active + 2);
    assert_eq!(after.scans_waiting, before.scans_waiting);
}

/// Throttle counters add up within a window, start again after it, count
/// every concurrent hit, and are purged once their window ended.
pub async fn rate_counters_count_every_hit_per_window(h: &dyn Harness) {
    let s = h.storage();
    let t0 = now();
    let end = t0 + TimeDelta::seconds(60);
    assert_eq!(s.counters.hit("a", 1, t0, end).await.unwrap(), (1, end));
    // Later hits keep the first window's end.
    let later = t0 + TimeDelta::seconds(10);
    let (hits, kept) = s
        .counters
        .hit("a", 2, later, later + TimeDelta::seconds(60))
        .await
        .unwrap();
    assert_eq!((hits, kept), (3, end));
    // Another key counts apart.
    assert_eq!(s.counters.hit("b", 1, later, end).await.unwrap().0, 1);

    // Concurrent hits are all counted.
    let hits: Vec<_> = (0..16)
        .map(|_| {
            let counters = s.counters.clone();
            tokio::spawn(async move { counters.hit("c", 1, t0, end).await.unwrap().0 })
        })
        .collect();
    let mut seen = Vec::new();
    for hit in hits {
        seen.push(hit.await.unwrap());
    }
    seen.sort_unstable();
    assert_eq!(
        seen,
        (1..=16).collect::<Vec<u64>>(),
        "each hit saw its own count"
    );

    // After the window, the count starts again with a new end.
    let after = end + TimeDelta::seconds(1);
    let next_end = after + TimeDelta::seconds(60);
    assert_eq!(
        s.counters.hit("a", 1, after, next_end).await.unwrap(),
        (1, next_end)
    );
    // Purging forgets the ended windows ("b" and "c"), not the open one.
    assert_eq!(s.counters.purge(after).await.unwrap(), 2);
    assert_eq!(s.counters.hit("a", 1, after, next_end).await.unwrap().0, 2);
    assert_eq!(s.counters.hit("b", 1, after, next_end).await.unwrap().0, 1);
}
