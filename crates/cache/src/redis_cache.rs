use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use tokio::sync::Mutex;

use crate::{Cache, MemoryCache};

/// Longest a cache call may wait on Redis before the local fallback answers.
const OP_TIMEOUT: Duration = Duration::from_millis(300);
/// How often a missing connection is retried.
const RECONNECT_EVERY: Duration = Duration::from_secs(2);

/// Redis-backed cache shared by every instance, with an in-process fallback
/// used while Redis is down (limits then apply per instance).
pub struct RedisCache {
    client: redis::Client,
    conn: Mutex<(Option<ConnectionManager>, Option<tokio::time::Instant>)>,
    fallback: MemoryCache,
    degraded: AtomicBool,
}

/// An invalid Redis URL.
#[derive(Debug, thiserror::Error)]
#[error("invalid Redis URL: {0}")]
pub struct InvalidRedisUrl(#[from] redis::RedisError);

impl RedisCache {
    /// Prepares a client; the connection is opened on first use and re-opened
    /// after failures, so a Redis that is down at start does not stop the server.
    pub fn new(url: &str) -> Result<Self, InvalidRedisUrl> {
        Ok(Self {
            client: redis::Client::open(url)?,
            conn: Mutex::new((None, None)),
            fallback: MemoryCache::new(),
            degraded: AtomicBool::new(false),
        })
    }

    async fn connection(&self) -> Option<ConnectionManager> {
        let mut guard = self.conn.lock().await;
        if let Some(conn) = &guard.0 {
            return Some(conn.clone());
        }
        let now = tokio::time::Instant::now();
        if guard
            .1
            .is_some_and(|last| now.duration_since(last) < RECONNECT_EVERY)
        {
            return None;
        }
        guard.1 = Some(now);
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(OP_TIMEOUT)
            .set_response_timeout(OP_TIMEOUT)
            .set_number_of_retries(1);
        match tokio::time::timeout(
            OP_TIMEOUT * 2,
            self.client.get_connection_manager_with_config(config),
        )
        .await
        {
            Ok(Ok(conn)) => {
                guard.0 = Some(conn.clone());
                Some(conn)
            }
            Ok(Err(err)) => {
                self.mark_degraded(&err.to_string());
                None
            }
            Err(_) => {
                self.mark_degraded("connect timed out");
                None
            }
        }
    }

    fn mark_degraded(&self, why: &str) {
        metrics::counter!("cache_errors_total", "backend" => "redis").increment(1);
        metrics::gauge!("cache_redis_up").set(0.0);
        if !self.degraded.swap(true, Ordering::Relaxed) {
            tracing::warn!(
                cache.error = why,
                "redis unreachable: using the in-process fallback cache"
            );
        }
    }

    fn mark_healthy(&self) {
        metrics::gauge!("cache_redis_up").set(1.0);
        if self.degraded.swap(false, Ordering::Relaxed) {
            tracing::info!("redis reachable again: shared cache restored");
        }
    }

    /// Runs `cmd` on Redis with a deadline; `None` on any failure.
    async fn run<T: redis::FromRedisValue>(&self, cmd: &redis::Pipeline) -> Option<T> {
        let mut conn = self.connection().await?;
        match tokio::time::timeout(OP_TIMEOUT, cmd.query_async::<T>(&mut conn)).await {
            Ok(Ok(value)) => {
                self.mark_healthy();
                Some(value)
            }
            Ok(Err(err)) => {
                self.mark_degraded(&err.to_string());
                self.drop_connection().await;
                None
            }
            Err(_) => {
                self.mark_degraded("command timed out");
                self.drop_connection().await;
                None
            }
        }
    }

    /// Adds `n` to the shared counter under `key` (the window rule of
    /// [`Cache::incr`]); `None` when Redis did not answer, so that the
    /// caller may count somewhere shared instead of in this process.
    pub async fn incr_shared(
        &self,
        key: &str,
        n: u64,
        window: Duration,
    ) -> Option<(u64, Duration)> {
        let mut pipe = redis::pipe();
        pipe.atomic()
            .incr(key, n)
            .cmd("PEXPIRE")
            .arg(key)
            .arg(millis(window))
            .arg("NX")
            .ignore()
            .cmd("PTTL")
            .arg(key);
        let (count, ttl_ms) = self.run::<(u64, i64)>(&pipe).await?;
        Some((count, Duration::from_millis(ttl_ms.max(0) as u64)))
    }

    /// Forgets a connection that failed: until the next reconnection
    /// attempt (`RECONNECT_EVERY`), calls go straight to the fallback
    /// instead of each waiting `OP_TIMEOUT` on a dead Redis.
    async fn drop_connection(&self) {
        let mut guard = self.conn.lock().await;
        guard.0 = None;
        guard.1 = Some(tokio::time::Instant::now());
    }
}

/// Counts an operation the in-process fallback answered instead of Redis.
fn fallen_back() {
    metrics::counter!("cache_fallbacks_total").increment(1);
}

fn millis(d: Duration) -> u64 {
    (d.as_millis() as u64).max(1)
}

#[async_trait::async_trait]
impl Cache for RedisCache {
    async fn get(&self, key: &str) -> Option<String> {
        let mut pipe = redis::pipe();
        pipe.get(key);
        match self.run::<(Option<String>,)>(&pipe).await {
            Some((value,)) => value,
            None => {
                fallen_back();
                self.fallback.get_now(key)
            }
        }
    }

    async fn set(&self, key: &str, value: &str, ttl: Duration) {
        let mut pipe = redis::pipe();
        pipe.cmd("SET")
            .arg(key)
            .arg(value)
            .arg("PX")
            .arg(millis(ttl))
            .ignore();
        if self.run::<()>(&pipe).await.is_none() {
            fallen_back();
            self.fallback.set_now(key, value, ttl);
        }
    }

    async fn set_if_absent(&self, key: &str, value: &str, ttl: Duration) -> bool {
        let mut pipe = redis::pipe();
        pipe.cmd("SET")
            .arg(key)
            .arg(value)
            .arg("NX")
            .arg("PX")
            .arg(millis(ttl));
        match self.run::<(Option<String>,)>(&pipe).await {
            Some((stored,)) => stored.is_some(),
            None => {
                fallen_back();
                self.fallback.set_if_absent_now(key, value, ttl)
            }
        }
    }

    async fn set_local(&self, key: &str, value: &str, ttl: Duration) {
        self.fallback.set_now(key, value, ttl);
    }

    async fn delete(&self, key: &str) {
        let mut pipe = redis::pipe();
        pipe.del(key).ignore();
        self.fallback.delete_now(key);
        let _ = self.run::<()>(&pipe).await;
    }

    async fn incr_by(&self, key: &str, n: u64, window: Duration) -> (u64, Duration) {
        match self.incr_shared(key, n, window).await {
            Some(counted) => counted,
            None => {
                fallen_back();
                self.fallback.incr_by_now(key, n, window)
            }
        }
    }

    async fn healthy(&self) -> bool {
        let mut pipe = redis::pipe();
        pipe.cmd("PING");
        self.run::<(String,)>(&pipe).await.is_some()
    }

    fn backend(&self) -> &'static str {
        "redis"
    }
}
