use async_trait::async_trait;
use chrono::{DateTime, Utc};
use qr_event_storage::{CounterRepo, StorageError};

use crate::{db_error, from_micros, to_micros, SqliteStore};

#[async_trait]
impl CounterRepo for SqliteStore {
    async fn hit(
        &self,
        key: &str,
        n: u64,
        now: DateTime<Utc>,
        window_end: DateTime<Utc>,
    ) -> Result<(u64, DateTime<Utc>), StorageError> {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        let (hits, end): (i64, i64) = sqlx::query_as(
            "INSERT INTO rate_counters (key, hits, window_end) VALUES (?1, ?2, ?4) \
             ON CONFLICT (key) DO UPDATE SET \
               hits = CASE WHEN window_end <= ?3 THEN ?2 ELSE hits + ?2 END, \
               window_end = CASE WHEN window_end <= ?3 THEN ?4 ELSE window_end END \
             RETURNING hits, window_end",
        )
        .bind(key)
        .bind(n)
        .bind(to_micros(now))
        .bind(to_micros(window_end))
        .fetch_one(&self.pool)
        .await
        .map_err(db_error)?;
        Ok((hits.max(0) as u64, from_micros(end)))
    }

    async fn purge(&self, now: DateTime<Utc>) -> Result<u64, StorageError> {
        let done = sqlx::query("DELETE FROM rate_counters WHERE window_end <= ?1")
            .bind(to_micros(now))
            .execute(&self.pool)
            .await
            .map_err(db_error)?;
        Ok(done.rows_affected())
    }
}
