//! PostgreSQL implementation of the QR Event repositories.
//!
//! Multi-step changes run in transactions; rules that must hold under
//! concurrency (single rotation of a refresh token, never zero owners) are
//! enforced by conditional statements or row locks, never read-then-write.

mod audit;
mod counters;
mod deliveries;
mod devices;
mod door;
mod events;
mod invitations;
mod keys;
mod members;
mod notices;
mod scan_set;
mod scans;
mod sessions;
mod tickets;
mod users;

use std::borrow::Cow;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use qr_event_storage::{
    HealthCheck, OpsFigures, PoolSettings, PoolState, Repos, Storage, StorageError,
};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

/// How long a pooled connection may sit idle and still be handed out
/// without a ping.
const IDLE_BEFORE_PING: std::time::Duration = std::time::Duration::from_secs(1);

/// The PostgreSQL store; every repository trait is implemented on it.
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects lazily with a bounded pool: the first query opens connections,
    /// so a database that is down at start only makes `/readyz` fail.
    pub fn connect(url: &str, settings: PoolSettings) -> Result<Self, StorageError> {
        let options: PgConnectOptions = url.parse().map_err(StorageError::other)?;
        let pool = PgPoolOptions::new()
            .max_connections(settings.max_connections)
            .min_connections(0)
            .acquire_timeout(settings.acquire_timeout)
            .idle_timeout(std::time::Duration::from_secs(300))
            // A connection is tested (one round trip) only when it sat idle
            // for a second or more: one in steady use, as under a door's
            // load, is handed out at once (issue 12). A connection that died
            // in between fails its query, which answers 503 like an
            // unreachable database.
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for >= IDLE_BEFORE_PING {
                        sqlx::Connection::ping(conn).await?;
                    }
                    Ok(true)
                })
            })
            .connect_lazy_with(
                options
                    .application_name("qr-event")
                    // A runaway query is cut off instead of holding a pool slot.
                    .options([
                        ("statement_timeout", "30s"),
                        ("idle_in_transaction_session_timeout", "60s"),
                    ]),
            );
        Ok(Self { pool })
    }

    /// Applies pending migrations (idempotent; concurrent instances take an advisory lock).
    pub async fn migrate(&self) -> Result<(), StorageError> {
        migrator()
            .run(&self.pool)
            .await
            .map_err(StorageError::other)
    }

    /// The store as a bundle of trait objects.
    pub fn into_storage(self) -> Storage {
        let notices = Arc::new(notices::PgNotifier::new(self.pool.clone()));
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
            notices,
        })
    }

    /// The underlying pool, for tests and tools.
    pub fn pool(&self) -> &PgPool {
        &self.pool
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
        Migration::new(
            10,
            Cow::Borrowed("search_statistics"),
            MigrationType::Simple,
            Cow::Borrowed(include_str!("../migrations/0010_search_statistics.sql")),
            false,
        ),
        Migration::new(
            11,
            Cow::Borrowed("ticket_changes"),
            MigrationType::Simple,
            Cow::Borrowed(include_str!("../migrations/0011_ticket_changes.sql")),
            false,
        ),
        Migration::new(
            12,
            Cow::Borrowed("ticket_change_sets"),
            MigrationType::Simple,
            Cow::Borrowed(include_str!("../migrations/0012_ticket_change_sets.sql")),
            false,
        ),
    ];
    Migrator {
        migrations: Cow::Owned(migrations),
        ..Migrator::DEFAULT
    }
}

#[async_trait::async_trait]
impl HealthCheck for PgStore {
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
        .bind(now)
        .fetch_one(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(OpsFigures {
            sessions_active: sessions.max(0) as u64,
            scans_waiting: waiting.max(0) as u64,
        })
    }
}

/// Maps a driver error onto the storage error classes services act on.
pub(crate) fn db_error(err: sqlx::Error) -> StorageError {
    match err {
        sqlx::Error::RowNotFound => StorageError::NotFound,
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_) => StorageError::Unavailable(err.to_string()),
        sqlx::Error::Database(ref db) if db.is_unique_violation() => {
            StorageError::Conflict("unique")
        }
        sqlx::Error::Database(ref db) if db.is_foreign_key_violation() => StorageError::NotFound,
        // 57P01..57P03: admin shutdown, crash shutdown, cannot connect now.
        sqlx::Error::Database(ref db) if db.code().is_some_and(|c| c.starts_with("57P")) => {
            StorageError::Unavailable(err.to_string())
        }
        other => StorageError::other(other),
    }
}
