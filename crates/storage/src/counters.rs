//! Fixed-window counters kept in the database: what the throttles count
//! with while the shared cache (Redis) is unreachable, so that limits stay
//! shared by every instance instead of multiplying by their number.

use chrono::{DateTime, Utc};

use crate::StorageError;

/// Throttle counters in the database.
#[async_trait::async_trait]
pub trait CounterRepo: Send + Sync {
    /// Adds `n` to the counter under `key`, whose window is `window_end`
    /// when this hit opens it (the counter is absent or its window ended
    /// by `now`). Returns the new count and when the window ends. Atomic:
    /// concurrent hits from any instance are all counted.
    async fn hit(
        &self,
        key: &str,
        n: u64,
        now: DateTime<Utc>,
        window_end: DateTime<Utc>,
    ) -> Result<(u64, DateTime<Utc>), StorageError>;

    /// Forgets counters whose window ended by `now`; returns how many.
    async fn purge(&self, now: DateTime<Utc>) -> Result<u64, StorageError>;
}
