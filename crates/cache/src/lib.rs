//! Hot data and shared counters: one [`Cache`] trait, an in-process
//! implementation (the embedded default) and a Redis one (several instances).
//!
//! Cache failures never fail a request: the Redis implementation degrades to
//! a local in-process cache while Redis is unreachable and says so in metrics
//! and logs.

mod memory;
mod redis_cache;

use std::time::Duration;

pub use memory::MemoryCache;
pub use redis_cache::RedisCache;

/// A key/value cache with expiring entries and fixed-window counters.
#[async_trait::async_trait]
pub trait Cache: Send + Sync {
    /// The value under `key`, if present and not expired.
    async fn get(&self, key: &str) -> Option<String>;
    /// Stores `value` under `key` for `ttl`.
    async fn set(&self, key: &str, value: &str, ttl: Duration);
    /// Stores `value` under `key` for `ttl` unless a live value is there
    /// already; true when stored. A positive answer read from the database
    /// is kept this way, so that it never overwrites a revocation written
    /// while it was being read.
    async fn set_if_absent(&self, key: &str, value: &str, ttl: Duration) -> bool;
    /// Removes `key`.
    async fn delete(&self, key: &str);
    /// Stores `value` under `key` for `ttl` in this process only: what
    /// another instance already wrote to the shared store, this instance's
    /// own copies (the fallback used while Redis is unreachable) must learn.
    async fn set_local(&self, key: &str, value: &str, ttl: Duration) {
        self.set(key, value, ttl).await;
    }
    /// Adds one to the counter under `key`, which expires `window` after its
    /// first increment. Returns the new count and the time left in the window.
    async fn incr(&self, key: &str, window: Duration) -> (u64, Duration) {
        self.incr_by(key, 1, window).await
    }
    /// Adds `n` to the counter under `key` (same window rule as `incr`).
    async fn incr_by(&self, key: &str, n: u64, window: Duration) -> (u64, Duration);
    /// Whether the shared backend answers (always true in-process).
    async fn healthy(&self) -> bool;
    /// `memory` or `redis`.
    fn backend(&self) -> &'static str;
}
