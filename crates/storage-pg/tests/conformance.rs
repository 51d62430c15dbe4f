//! The shared storage conformance suite on PostgreSQL: one database per test,
//! created through the admin URL in `QR_EVENT_TEST_DATABASE_URL` and dropped
//! afterwards.
//!
//! Without a reachable PostgreSQL the tests are skipped with a note, except
//! under `CI=true`, where that is a failure: CI must never skip this suite.

use std::time::Duration;

use qr_event_storage::{PoolSettings, Storage};
use qr_event_storage_conformance::{conformance_tests, Harness};
use qr_event_storage_pg::PgStore;
use sqlx::{Connection, PgConnection};
use uuid::Uuid;

const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

fn admin_url() -> String {
    std::env::var("QR_EVENT_TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_ADMIN_URL.to_owned())
}

/// `url` with its database name replaced by `database`, query string kept.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_end = base.find("://").map_or(0, |i| i + 3);
    let server = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{database}?{query}"),
        None => format!("{server}/{database}"),
    }
}

/// `url` without its credentials, for messages.
fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => format!("{}…{}", &url[..scheme + 3], &url[at..]),
        _ => url.to_owned(),
    }
}

/// A connection to the admin database, or `None` (skip) when PostgreSQL is
/// unreachable outside CI.
async fn admin() -> Option<PgConnection> {
    let url = admin_url();
    let shown = redacted(&url);
    match PgConnection::connect(&url).await {
        Ok(conn) => Some(conn),
        Err(err) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("CI=true but PostgreSQL is not reachable at {shown}: {err}")
        }
        Err(err) => {
            eprintln!("skipping: PostgreSQL not reachable at {shown} ({err})");
            None
        }
    }
}

struct PgHarness {
    store: PgStore,
    storage: Storage,
    database: String,
}

#[async_trait::async_trait]
impl Harness for PgHarness {
    async fn fresh() -> Option<Self> {
        let mut admin = admin().await?;
        let database = format!("qrs_t_{}", Uuid::new_v4().simple());
        sqlx::query(&format!("CREATE DATABASE {database}"))
            .execute(&mut admin)
            .await
            .expect("create test database");
        let _ = admin.close().await;
        let settings = PoolSettings {
            max_connections: 8,
            acquire_timeout: Duration::from_secs(10),
        };
        let store =
            PgStore::connect(&with_database(&admin_url(), &database), settings).expect("connect");
        let harness = Self {
            storage: store.clone().into_storage(),
            store,
            database,
        };
        if let Err(err) = harness.store.migrate().await {
            harness.teardown().await;
            panic!("migrate: {err}");
        }
        Some(harness)
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
            "TRUNCATE audit_log",
        ]
    }

    async fn teardown(&self) {
        self.store.pool().close().await;
        let Some(mut admin) = admin().await else {
            return;
        };
        let drop = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.database);
        if let Err(err) = sqlx::query(&drop).execute(&mut admin).await {
            eprintln!("could not drop test database {}: {err}", self.database);
        }
        let _ = admin.close().await;
    }
}

conformance_tests!(PgHarness);

#[test]
fn database_name_is_replaced() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
        "postgres://postgres@127.0.0.1:5432/x"
    );
    assert_eq!(
        with_database("postgres://u:p@db/test?sslmode=disable", "x"),
        "postgres://u:p@db/x?sslmode=disable"
    );
    assert_eq!(with_database("postgres://db", "x"), "postgres://db/x");
    assert_eq!(
        redacted("postgres://u:secret@db:5432/test"),
        "postgres://…@db:5432/test"
    );
    assert_eq!(redacted("postgres://db/test"), "postgres://db/test");
}

/// A runaway statement is cut off instead of holding a connection.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_carry_a_statement_timeout() {
    let Some(harness) = PgHarness::fresh().await else {
        return;
    };
    let timeout: String = sqlx::query_scalar("SHOW statement_timeout")
        .fetch_one(harness.store.pool())
        .await
        .unwrap();
    assert_eq!(timeout, "30s");
    harness.teardown().await;
}
