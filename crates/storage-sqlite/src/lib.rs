//! Embedded SQLite implementation of the QR Event repositories (the
//! zero-config default).
//!
//! SQLite allows one writer at a time. Every transaction is opened with
//! `BEGIN IMMEDIATE` and starts with a write statement, so the write lock is
//! taken up front, where `busy_timeout` applies; a deferred transaction that
//! reads first and then tries to upgrade to a write fails with `SQLITE_BUSY`
//! immediately instead of waiting. Rules that must hold under concurrency
//! (single rotation of a refresh token, never zero owners) are enforced by
//! conditional statements, never read-then-write.
//!
//! Storage conventions: times are INTEGER microseconds since the Unix epoch
//! (UTC), ids are 16-byte BLOBs, booleans are INTEGER 0/1 and audit details
//! are JSON text.

mod audit;
mod counters;
mod deliveries;
mod devices;
mod door;
mod events;
mod invitations;
mod keys;
mod members;
mod scans;
mod sessions;
mod tickets;
mod users;

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use qr_event_storage::{
    HealthCheck, LocalNotifier, OpsFigures, PoolSettings, PoolState, Repos, Storage, StorageError,
};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

/// The SQLite store; every repository trait is implemented on it.
#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    /// Writers of this process queue here (fairly, without holding a
    /// connection) instead of spinning on SQLite's busy handler.
    writer: Arc<tokio::sync::Mutex<()>>,
    acquire_timeout: Duration,
}

/// A write transaction and this process's writer slot, released together.
pub(crate) struct WriteTx {
    tx: Transaction<'static, Sqlite>,
    _slot: tokio::sync::OwnedMutexGuard<()>,
}

impl WriteTx {
    /// Commits and frees the writer slot.
    pub(crate) async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }

    /// Rolls back and frees the writer slot.
    pub(crate) async fn rollback(self) -> Result<(), sqlx::Error> {
        self.tx.rollback().await
    }
}

impl std::ops::Deref for WriteTx {
    type Target = sqlx::SqliteConnection;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

impl SqliteStore {
    /// Opens (creating if missing) the database file at `path` with a bounded
    /// pool. WAL lets readers proceed while one writer commits; `synchronous =
    /// FULL` syncs every commit, so an acknowledged admission survives a power
    /// failure (NORMAL only survives an application crash); writers wait up
    /// to 5 s for the lock. The cost is in docs/benchmarks.md.
    pub async fn connect(path: &Path, settings: PoolSettings) -> Result<Self, StorageError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(settings.max_connections)
            .min_connections(0)
            .acquire_timeout(settings.acquire_timeout)
            .idle_timeout(Duration::from_secs(300))
            .connect_with(options)
            .await
            .map_err(db_error)?;
        Ok(Self {
            pool,
            writer: Arc::new(tokio::sync::Mutex::new(())),
            acquire_timeout: settings.acquire_timeout,
        })
    }

    /// Applies pending migrations (idempotent).
    pub async fn migrate(&self) -> Result<(), StorageError> {
        migrator()
            .run(&self.pool)
            .await
            .map_err(StorageError::other)
    }

    /// The store as a bundle of trait objects.
    pub fn into_storage(self) -> Storage {
        let store = Arc::new(self);
        Storage::new(Repos {
            users: store.clone(),
            sessions: store.clone(),
            events: store.clone(),
            members: store.clone(),
            audit: store.clone(),
            keys: store.clone(),
            tickets: store.clone(),
            door: store.clone(),
            devices: store.clone(),
            invitations: store.clone(),
            deliveries: store.clone(),
            counters: store.clone(),
            health: store,
            // One process serves an embedded database: notices stay in it.
            notices: Arc::new(LocalNotifier::default()),
        })
    }

    /// The underlying pool, for tests and tools.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Starts a write transaction holding the database write lock from the
    /// start, so later statements never hit `SQLITE_BUSY` on lock upgrade.
    pub(crate) async fn write_tx(&self) -> Result<WriteTx, StorageError> {
        let slot = tokio::time::timeout(self.acquire_timeout, self.writer.clone().lock_owned())
            .await
            .map_err(|_| {
                StorageError::Unavailable("timed out waiting for the database writer".into())
            })?;
        let tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(db_error)?;
        Ok(WriteTx { tx, _slot: slot })
    }
}

fn migrator() -> Migrator {
    let migrations = vec![
        Migration::new(
            1,
            Cow::Borrowed("foundation"),
            MigrationType::Simple,
            Cow::Borrowed(include_str!("../migrations/0001_foundation.sql")),
            false,
        ),
        Migration::new(
            2,
            Cow::Borrowed("tickets"),
            MigrationType::Simple,
            Cow::Borrowed(include_str!("../migrations/0002_tickets.sql")),
            false,
        ),
        Migration::new(
            3,
            Cow::Borrowed("door"),
            MigrationType::Simple,
            Cow::Borrowed(include_str!("../migrations/0003_door.sql")),
            false,
        ),
        Migration::new(
            4,
            Cow::Borrowed("devices_invitations"),
            MigrationType::Simple,
            Cow::Borrowed(include_str!("../migrations/0004_devices_invitations.sql")),
            false,
        ),
        Migration::new(
            5,
            Cow::Borrowed("live_counters"),
            MigrationType::Simple,
            Cow::Borrowed(include_str!("../migrations/0005_live_counters.sql")),
            false,
        ),
        Migration::new(
            6,
            Cow::Borrowed("ticket_search"),
            MigrationType::Simple,
            Cow::Borrowed(include_str!("../migrations/0006_ticket_search.sql")),
            false,
        ),
        Migration::new(
            7,
            Cow::Borrowed("rate_counters"),
            MigrationType::Simple,
            Cow::Borrowed(include_str!("../migrations/0007_rate_counters.sql")),
            false,
        ),
        Migration::new(
            8,
            Cow::Borrowed("locale"),
            MigrationType::Simple,
            Cow::Borrowed(include_str!("../migrations/0008_locale.sql")),
            false,
        ),
        Migration::new(
            9,
            Cow::Borrowed("ticket_deliveries"),
            MigrationType::Simple,
            Cow::Borrowed(include_str!("../migrations/0009_ticket_deliveries.sql")),
            false,
        ),
    ];
    Migrator {
        migrations: Cow::Owned(migrations),
        ..Migrator::DEFAULT
    }
}

#[async_trait::async_trait]
impl HealthCheck for SqliteStore {
    async fn ping(&self) -> Result<(), StorageError> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map_err(db_error)?;
        Ok(())
    }

    fn pool_state(&self) -> PoolState {
        PoolState {
            open: self.pool.size(),
            idle: self.pool.num_idle() as u32,
            max: self.pool.options().get_max_connections(),
        }
    }

    async fn figures(&self, now: DateTime<Utc>) -> Result<OpsFigures, StorageError> {
        let (sessions, waiting): (i64, i64) = sqlx::query_as(
            "SELECT \
               (SELECT count(*) FROM sessions WHERE revoked_at IS NULL AND expires_at > $1), \
               (SELECT COALESCE(sum(pending_scans), 0) FROM door_devices \
                 WHERE revoked_at IS NULL AND expires_at > $1 AND session_id IS NOT NULL)",
        )
        .bind(to_micros(now))
        .fetch_one(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(OpsFigures {
            sessions_active: sessions.max(0) as u64,
            scans_waiting: waiting.max(0) as u64,
        })
    }
}

/// A time as stored: microseconds since the Unix epoch (UTC), the same
/// precision PostgreSQL keeps.
pub fn to_micros(at: DateTime<Utc>) -> i64 {
    at.timestamp_micros()
}

/// A stored time back as a `DateTime`. Values outside chrono's range (never
/// written by [`to_micros`]) are clamped rather than failing the whole read.
pub fn from_micros(micros: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(micros).unwrap_or(if micros < 0 {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    })
}

/// Primary result codes meaning another connection holds a lock past the
/// busy timeout: `SQLITE_BUSY` (5) and `SQLITE_LOCKED` (6). Extended codes
/// (e.g. 517 `SQLITE_BUSY_SNAPSHOT`) carry the primary code in the low byte.
fn is_lock_contention(code: Option<Cow<'_, str>>) -> bool {
    code.and_then(|c| c.parse::<i32>().ok())
        .is_some_and(|c| matches!(c & 0xff, 5 | 6))
}

/// Maps a driver error onto the storage error classes services act on.
pub(crate) fn db_error(err: sqlx::Error) -> StorageError {
    match err {
        sqlx::Error::RowNotFound => StorageError::NotFound,
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
            StorageError::Unavailable(err.to_string())
        }
        sqlx::Error::Database(ref db) if db.is_unique_violation() => {
            StorageError::Conflict("unique")
        }
        sqlx::Error::Database(ref db) if db.is_foreign_key_violation() => StorageError::NotFound,
        sqlx::Error::Database(ref db) if is_lock_contention(db.code()) => {
            StorageError::Unavailable(err.to_string())
        }
        other => StorageError::other(other),
    }
}

/// Wraps a column that could not be turned into a domain value.
pub(crate) fn decode_error(
    err: impl Into<Box<dyn std::error::Error + Send + Sync>>,
) -> sqlx::Error {
    sqlx::Error::Decode(err.into())
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::{from_micros, is_lock_contention, to_micros};

    #[test]
    fn micros_round_trip() {
        let t = from_micros(to_micros(Utc::now()));
        assert_eq!(from_micros(to_micros(t)), t);
        assert_eq!(from_micros(i64::MAX), DateTime::<Utc>::MAX_UTC);
        assert_eq!(from_micros(i64::MIN), DateTime::<Utc>::MIN_UTC);
    }

    #[test]
    fn busy_and_locked_are_contention() {
        assert!(is_lock_contention(Some("5".into())));
        assert!(is_lock_contention(Some("517".into())));
        assert!(is_lock_contention(Some("6".into())));
        assert!(!is_lock_contention(Some("19".into())));
        assert!(!is_lock_contention(None));
    }
}
