//! Throttles that stay shared while Redis is away.
//!
//! Sign-in, registration, enrolment and door limits count in the shared
//! cache. When Redis is configured but unreachable, counting in each
//! process would multiply every limit by the number of instances (an
//! attacker spreading guesses over three instances gets three times the
//! tries). [`SharedCounters`] counts in the database instead, which every
//! instance shares; only if the database fails too does it count in the
//! process (the request then fails on the database anyway).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use qr_event_cache::{Cache, MemoryCache, RedisCache};
use qr_event_storage::CounterRepo;

/// How often ended windows are purged from the database while counting there.
const PURGE_EVERY: Duration = Duration::from_secs(60);

/// The Redis cache, with counters that fall back to the database.
pub struct SharedCounters {
    redis: RedisCache,
    store: Arc<dyn CounterRepo>,
    local: MemoryCache,
    purged: Mutex<Option<Instant>>,
}

impl SharedCounters {
    /// Counters in `redis`, in `store` while Redis does not answer.
    pub fn new(redis: RedisCache, store: Arc<dyn CounterRepo>) -> Self {
        Self {
            redis,
            store,
            local: MemoryCache::new(),
            purged: Mutex::new(None),
        }
    }

    /// Purges ended windows, at most once a minute, in the background.
    fn purge_now_and_then(&self) {
        let due = {
            let mut last = self.purged.lock().expect("purge lock");
            let due = last.is_none_or(|at| at.elapsed() >= PURGE_EVERY);
            if due {
                *last = Some(Instant::now());
            }
            due
        };
        if due {
            let store = self.store.clone();
            tokio::spawn(async move {
                if let Err(err) = store.purge(Utc::now()).await {
                    tracing::debug!(error = %err, "could not purge throttle counters");
                }
            });
        }
    }
}

/// The stored name of a counter: a digest, so that no address or e-mail
/// address a key is made of lands in the database.
fn digest(key: &str) -> String {
    qr_event_auth::link_token_hash(key)
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[async_trait::async_trait]
impl Cache for SharedCounters {
    async fn get(&self, key: &str) -> Option<String> {
        self.redis.get(key).await
    }

    async fn set(&self, key: &str, value: &str, ttl: Duration) {
        self.redis.set(key, value, ttl).await;
    }

    async fn set_if_absent(&self, key: &str, value: &str, ttl: Duration) -> bool {
        self.redis.set_if_absent(key, value, ttl).await
    }

    async fn delete(&self, key: &str) {
        self.redis.delete(key).await;
    }

    async fn set_local(&self, key: &str, value: &str, ttl: Duration) {
        self.redis.set_local(key, value, ttl).await;
    }

    async fn incr_by(&self, key: &str, n: u64, window: Duration) -> (u64, Duration) {
        if let Some(counted) = self.redis.incr_shared(key, n, window).await {
            return counted;
        }
        metrics::counter!("cache_fallbacks_total").increment(1);
        let now = Utc::now();
        let end = now + chrono::Duration::from_std(window).unwrap_or(chrono::Duration::MAX);
        match self.store.hit(&digest(key), n, now, end).await {
            Ok((count, ends)) => {
                self.purge_now_and_then();
                (count, (ends - now).to_std().unwrap_or_default())
            }
            Err(err) => {
                tracing::warn!(error = %err, "throttle counters unreachable: counting in this process");
                self.local.incr_by_now(key, n, window)
            }
        }
    }

    async fn healthy(&self) -> bool {
        self.redis.healthy().await
    }

    fn backend(&self) -> &'static str {
        self.redis.backend()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_keys_are_digests() {
        let key = "login:pair:camille@example.org:192.0.2.7";
        let stored = digest(key);
        assert_eq!(stored.len(), 32);
        assert!(!stored.contains("camille") && !stored.contains("192"));
        assert_eq!(
            stored,
            digest(key),
            "the same key always counts in one place"
        );
        assert_ne!(stored, digest("login:pair:camille@example.org:192.0.2.8"));
    }
}
