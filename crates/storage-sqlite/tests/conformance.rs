//! The shared storage conformance suite on SQLite: one temporary database
//! file per test, removed (with its WAL files) afterwards.

use std::path::PathBuf;
use std::time::Duration;

use qr_event_storage::{PoolSettings, Storage};
use qr_event_storage_conformance::{conformance_tests, Harness};
use qr_event_storage_sqlite::SqliteStore;
use uuid::Uuid;

struct SqliteHarness {
    store: SqliteStore,
    storage: Storage,
    path: PathBuf,
}

#[async_trait::async_trait]
impl Harness for SqliteHarness {
    async fn fresh() -> Option<Self> {
        let path = std::env::temp_dir().join(format!(
            "qr-event-sqlite-test-{}.db",
            Uuid::new_v4().simple()
        ));
        let settings = PoolSettings {
            max_connections: 4,
            acquire_timeout: Duration::from_secs(5),
        };
        let store = SqliteStore::connect(&path, settings)
            .await
            .expect("connect");
        store.migrate().await.expect("migrate");
        let storage = store.clone().into_storage();
        Some(Self {
            store,
            storage,
            path,
        })
    }

    fn storage(&self) -> &Storage {
        &self.storage
    }

    async fn execute_raw(&self, sql: &str) -> Result<u64, String> {
        sqlx::query(sql)
            .execute(self.store.pool())
            .await
            .map(|done| done.rows_affected())
            .map_err(|err| err.to_string())
    }

    fn audit_tampering(&self) -> &'static [&'static str] {
        &[
            "UPDATE audit_log SET outcome = 'failure'",
            "DELETE FROM audit_log",
        ]
    }

    async fn teardown(&self) {
        self.store.pool().close().await;
        for suffix in ["", "-wal", "-shm"] {
            let mut file = self.path.clone().into_os_string();
            file.push(suffix);
            let _ = std::fs::remove_file(file);
        }
    }
}

conformance_tests!(SqliteHarness);

/// An acknowledged admission survives a power failure: every commit is
/// synced (`synchronous = FULL`, 2).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commits_are_durable() {
    let harness = SqliteHarness::fresh().await.unwrap();
    let mut conn = harness.store.pool().acquire().await.unwrap();
    let level: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(level, 2, "FULL");
    drop(conn);
    harness.teardown().await;
}
