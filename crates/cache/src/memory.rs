use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::Cache;

/// Entries kept before expired ones are swept on insert.
const SWEEP_THRESHOLD: usize = 10_000;
/// Hard bound: past it, half of the live entries are evicted, least valuable
/// first (cached texts, then the counters that have counted least), so a flood
/// of new keys cannot reset the counters that throttle an attacker.
const MAX_ENTRIES: usize = 200_000;

#[derive(Debug)]
enum Value {
    Text(String),
    Counter(u64),
}

#[derive(Debug)]
struct Entry {
    value: Value,
    expires: Instant,
}

/// In-process cache: correct for one instance, bounded in memory.
#[derive(Debug, Default)]
pub struct MemoryCache {
    entries: Mutex<HashMap<String, Entry>>,
    /// Size at which the next sweep runs; doubles with the live set so that
    /// sweeping stays amortised O(1) per operation.
    sweep_at: std::sync::atomic::AtomicUsize,
}

impl MemoryCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    fn with_map<T>(&self, f: impl FnOnce(&mut HashMap<String, Entry>, Instant) -> T) -> T {
        // A panic while holding the lock cannot leave an entry half-written,
        // so a poisoned map is still consistent.
        let mut map = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let sweep_at = self
            .sweep_at
            .load(std::sync::atomic::Ordering::Relaxed)
            .max(SWEEP_THRESHOLD);
        if map.len() >= sweep_at {
            map.retain(|_, e| e.expires > now);
            if map.len() >= MAX_ENTRIES {
                // Rank: texts first (0), then counters by count; ties by expiry.
                let rank = |e: &Entry| match e.value {
                    Value::Text(_) => (0, e.expires),
                    Value::Counter(c) => (c.saturating_add(1), e.expires),
                };
                let mut ranks: Vec<(u64, Instant)> = map.values().map(rank).collect();
                ranks.sort_unstable();
                let cutoff = ranks[ranks.len() / 2];
                map.retain(|_, e| rank(e) > cutoff);
            }
            let next = (map.len() * 2).clamp(SWEEP_THRESHOLD, MAX_ENTRIES);
            self.sweep_at
                .store(next, std::sync::atomic::Ordering::Relaxed);
        }
        f(&mut map, now)
    }

    /// Synchronous get, shared with the Redis fallback path.
    pub fn get_now(&self, key: &str) -> Option<String> {
        self.with_map(|map, now| match map.get(key) {
            Some(Entry {
                value: Value::Text(v),
                expires,
            }) if *expires > now => Some(v.clone()),
            Some(Entry {
                value: Value::Counter(c),
                expires,
            }) if *expires > now => Some(c.to_string()),
            _ => None,
        })
    }

    /// Synchronous set.
    pub fn set_now(&self, key: &str, value: &str, ttl: Duration) {
        self.with_map(|map, now| {
            map.insert(
                key.to_owned(),
                Entry {
                    value: Value::Text(value.to_owned()),
                    expires: now + ttl,
                },
            );
        });
    }

    /// Synchronous set unless a live value is there; true when stored.
    pub fn set_if_absent_now(&self, key: &str, value: &str, ttl: Duration) -> bool {
        self.with_map(|map, now| {
            if map.get(key).is_some_and(|e| e.expires > now) {
                return false;
            }
            map.insert(
                key.to_owned(),
                Entry {
                    value: Value::Text(value.to_owned()),
                    expires: now + ttl,
                },
            );
            true
        })
    }

    /// Synchronous delete.
    pub fn delete_now(&self, key: &str) {
        self.with_map(|map, _| {
            map.remove(key);
        });
    }

    /// Synchronous fixed-window increment.
    pub fn incr_now(&self, key: &str, window: Duration) -> (u64, Duration) {
        self.incr_by_now(key, 1, window)
    }

    /// Synchronous fixed-window increment by `n`.
    pub fn incr_by_now(&self, key: &str, n: u64, window: Duration) -> (u64, Duration) {
        self.with_map(|map, now| {
            let entry = map.entry(key.to_owned()).or_insert(Entry {
                value: Value::Counter(0),
                expires: now + window,
            });
            if entry.expires <= now {
                *entry = Entry {
                    value: Value::Counter(0),
                    expires: now + window,
                };
            }
            let count = match &mut entry.value {
                Value::Counter(c) => {
                    *c = c.saturating_add(n);
                    *c
                }
                other => {
                    *other = Value::Counter(n);
                    n
                }
            };
            (count, entry.expires.saturating_duration_since(now))
        })
    }
}

#[async_trait::async_trait]
impl Cache for MemoryCache {
    async fn get(&self, key: &str) -> Option<String> {
        self.get_now(key)
    }

    async fn set(&self, key: &str, value: &str, ttl: Duration) {
        self.set_now(key, value, ttl)
    }

    async fn set_if_absent(&self, key: &str, value: &str, ttl: Duration) -> bool {
        self.set_if_absent_now(key, value, ttl)
    }

    async fn delete(&self, key: &str) {
        self.delete_now(key)
    }

    async fn incr_by(&self, key: &str, n: u64, window: Duration) -> (u64, Duration) {
        self.incr_by_now(key, n, window)
    }

    async fn healthy(&self) -> bool {
        true
    }

    fn backend(&self) -> &'static str {
        "memory"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire() {
        let cache = MemoryCache::new();
        cache.set_now("a", "1", Duration::from_millis(0));
        assert_eq!(cache.get_now("a"), None);
        cache.set_now("b", "2", Duration::from_secs(60));
        assert_eq!(cache.get_now("b").as_deref(), Some("2"));
        cache.delete_now("b");
        assert_eq!(cache.get_now("b"), None);
    }

    #[test]
    fn set_if_absent_never_overwrites_a_live_value() {
        let cache = MemoryCache::new();
        assert!(cache.set_if_absent_now("s", "revoked", Duration::from_secs(60)));
        assert!(!cache.set_if_absent_now("s", "user", Duration::from_secs(60)));
        assert_eq!(cache.get_now("s").as_deref(), Some("revoked"));
        cache.set_now("t", "old", Duration::from_millis(0));
        assert!(
            cache.set_if_absent_now("t", "new", Duration::from_secs(60)),
            "expired"
        );
        assert_eq!(cache.get_now("t").as_deref(), Some("new"));
    }

    #[test]
    fn counters_count_within_a_window_and_restart_after() {
        let cache = MemoryCache::new();
        assert_eq!(cache.incr_now("c", Duration::from_secs(60)).0, 1);
        let (count, left) = cache.incr_now("c", Duration::from_secs(60));
        assert_eq!(count, 2);
        assert!(left <= Duration::from_secs(60) && left > Duration::from_secs(50));
        cache.incr_now("d", Duration::from_millis(0));
        assert_eq!(cache.incr_now("d", Duration::from_secs(1)).0, 1);
    }

    #[test]
    fn a_flood_of_new_keys_keeps_the_counters_that_matter() {
        let cache = MemoryCache::new();
        let window = Duration::from_secs(600);
        for _ in 0..9 {
            cache.incr_now("login:pair:victim", window);
        }
        for i in 0..(MAX_ENTRIES + 10) {
            cache.incr_now(&format!("login:pair:flood-{i}"), window);
        }
        assert_eq!(
            cache.incr_now("login:pair:victim", window).0,
            10,
            "the counter survived the flood"
        );
    }

    #[test]
    fn stays_bounded() {
        let cache = MemoryCache::new();
        for i in 0..(MAX_ENTRIES + 10) {
            cache.set_now(&i.to_string(), "v", Duration::from_secs(600 + i as u64));
        }
        assert!(cache.entries.lock().unwrap().len() <= MAX_ENTRIES);
        assert!(
            cache.get_now(&(MAX_ENTRIES + 9).to_string()).is_some(),
            "the newest entries survive"
        );
    }
}
