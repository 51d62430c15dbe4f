//! Many scanners presenting the same ticket at once: it is admitted exactly
//! once, and the audit log shows one admission and the rest refused.

use std::sync::Arc;

use reqwest::StatusCode;
use serde_json::json;

use crate::common::{postgres_available, Backend, ServerProcess, TestApp};
use crate::tickets::{event_now, issue};

const SCANS: usize = 1_000;

async fn storm(
    bases: Vec<String>,
    cookie: String,
    csrf: String,
    event: String,
    code: String,
) -> (usize, usize) {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(200)
        .build()
        .unwrap();
    let barrier = Arc::new(tokio::sync::Barrier::new(SCANS));
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..SCANS {
        let (http, barrier) = (http.clone(), barrier.clone());
        let url = format!("{}/api/v1/events/{event}/scan", bases[i % bases.len()]);
        let (cookie, csrf, code) = (cookie.clone(), csrf.clone(), code.clone());
        tasks.spawn(async move {
            barrier.wait().await;
            let res = http
                .post(url)
                .header("cookie", cookie)
                .header("x-csrf-token", csrf)
                .header("content-type", "application/json")
                .body(json!({"code": code, "gate": format!("gate-{}", i % 7)}).to_string())
                .send()
                .await
                .unwrap();
            let status = res.status();
            let body: serde_json::Value = res.json().await.unwrap();
            assert_eq!(status, StatusCode::OK, "{body}");
            body["result"] == "admitted"
        });
    }
    let (mut admitted, mut rejected) = (0, 0);
    while let Some(result) = tasks.join_next().await {
        if result.unwrap() {
            admitted += 1;
        } else {
            rejected += 1;
        }
    }
    (admitted, rejected)
}

async fn audit_counts(app: &TestApp, event: &str) -> (usize, usize) {
    let records = app
        .storage
        .audit
        .list(&qr_event_storage::AuditQuery {
            event_id: Some(qr_event_domain::EventId(event.parse().unwrap())),
            action: Some("ticket.scan".into()),
            limit: 5_000,
            ..Default::default()
        })
        .await
        .unwrap();
    let success = records.iter().filter(|r| r.outcome == "success").count();
    (success, records.len() - success)
}

async fn run(backend: Backend) {
    let app = TestApp::spawn_with(
        backend,
        &[
            "--scans-per-minute",
            "100000",
            "--db-acquire-timeout-secs",
            "120",
        ],
    )
    .await;
    let org = app.user("storm@example.org").await;
    let event = event_now(&org, "Storm").await;
    let ticket = issue(&org, &event, json!({"holder_name": "Only Once"})).await;
    let code = ticket["code"].as_str().unwrap().to_owned();
    let csrf = org.csrf.lock().unwrap().clone().unwrap();

    // On PostgreSQL, two more server processes share the database with the
    // in-test server; on SQLite (single node) the in-test server takes all.
    let processes: Vec<ServerProcess> = match backend {
        Backend::Postgres => (0..2)
            // Debug builds on a small machine are slow; this test is about
            // correctness, so requests may queue for a connection.
            .map(|_| {
                ServerProcess::start(
                    &app,
                    &[
                        "--scans-per-minute",
                        "100000",
                        "--db-acquire-timeout-secs",
                        "120",
                    ],
                )
            })
            .collect(),
        Backend::Sqlite => Vec::new(),
    };
    let bases: Vec<String> = if processes.is_empty() {
        vec![org.base.clone()]
    } else {
        processes.iter().map(|p| p.base.clone()).collect()
    };
    let (admitted, rejected) = storm(bases, org.cookie_header(), csrf, event.clone(), code).await;
    assert_eq!(admitted, 1, "exactly one admission");
    assert_eq!(rejected, SCANS - 1);
    assert_eq!(audit_counts(&app, &event).await, (1, SCANS - 1));
    let t = org
        .get(&format!(
            "/api/v1/events/{event}/tickets/{}",
            ticket["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(t.body["uses"], 1);
    drop(processes);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thousand_simultaneous_scans_admit_once_sqlite() {
    run(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thousand_simultaneous_scans_admit_once_postgres_two_processes() {
    if postgres_available().await {
        run(Backend::Postgres).await;
    }
}
