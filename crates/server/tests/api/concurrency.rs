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

/// A server process killed in the middle of a scan storm loses no check-in
/// it acknowledged, and retries with the same scan ids on another process
/// never admit twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killed_server_loses_no_acknowledged_check_in() {
    if !postgres_available().await {
        return;
    }
    const TICKETS: usize = 300;
    let flags = [
        "--scans-per-minute",
        "100000",
        "--db-acquire-timeout-secs",
        "120",
    ];
    let app = TestApp::spawn_with(Backend::Postgres, &flags).await;
    let org = app.user("crash@example.org").await;
    let event = event_now(&org, "Crash").await;
    let res = org
        .post(
            &format!("/api/v1/events/{event}/tickets/batch"),
            json!({"count": TICKETS}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    let csv = org
        .get(&format!("/api/v1/events/{event}/tickets/export.csv"))
        .await;
    let header: Vec<&str> = csv.text.lines().next().unwrap().split(',').collect();
    let code_col = header.iter().position(|h| *h == "code").unwrap();
    let codes: Vec<String> = csv
        .text
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(code_col).unwrap().to_owned())
        .collect();
    let scans: Vec<(String, String)> = codes
        .iter()
        .map(|c| (c.clone(), uuid::Uuid::new_v4().to_string()))
        .collect();
    let (cookie, csrf) = (
        org.cookie_header(),
        org.csrf.lock().unwrap().clone().unwrap(),
    );

    let victim = ServerProcess::start(&app, &flags);
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()
        .unwrap();
    let answered = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let send = |base: String, code: String, scan_id: String| {
        let (http, cookie, csrf, event, answered) = (
            http.clone(),
            cookie.clone(),
            csrf.clone(),
            event.clone(),
            answered.clone(),
        );
        async move {
            let res = http
                .post(format!("{base}/api/v1/events/{event}/scan"))
                .header("cookie", cookie)
                .header("x-csrf-token", csrf)
                .header("content-type", "application/json")
                .body(json!({"code": code, "scan_id": scan_id}).to_string())
                .send()
                .await
                .ok()?;
            let body: serde_json::Value = res.json().await.ok()?;
            answered.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Some(body)
        }
    };
    let mut tasks = tokio::task::JoinSet::new();
    for (code, scan_id) in scans.clone() {
        let fut = send(victim.base.clone(), code.clone(), scan_id);
        tasks.spawn(async move { (code, fut.await) });
    }
    // SIGKILL the process once a first part of the answers is out.
    while answered.load(std::sync::atomic::Ordering::SeqCst) < TICKETS / 5 {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    drop(victim);
    let mut acknowledged = std::collections::HashSet::new();
    while let Some(done) = tasks.join_next().await {
        if let (code, Some(body)) = done.unwrap() {
            if body["result"] == "admitted" {
                acknowledged.insert(code);
            }
        }
    }
    assert!(
        acknowledged.len() < TICKETS,
        "the kill landed before every scan was answered"
    );
    assert!(!acknowledged.is_empty());

    // Every acknowledged admission is in the database.
    let ev = qr_event_domain::EventId(event.parse().unwrap());
    let all = qr_event_storage::TicketQuery {
        limit: 1000,
        ..Default::default()
    };
    let tickets = app.storage.tickets.list(ev, &all).await.unwrap();
    let stored: usize = tickets.iter().map(|t| t.uses as usize).sum();
    assert!(
        stored >= acknowledged.len(),
        "{stored} stored < {} acknowledged",
        acknowledged.len()
    );

    // Retrying every scan with its scan id on a healthy process: nothing is
    // admitted twice, and everything ends admitted exactly once.
    let healthy = ServerProcess::start(&app, &flags);
    let mut retries = tokio::task::JoinSet::new();
    for (code, scan_id) in scans {
        let fut = send(healthy.base.clone(), code.clone(), scan_id);
        retries.spawn(async move { (code, fut.await) });
    }
    while let Some(done) = retries.join_next().await {
        let (code, body) = done.unwrap();
        let body = body.expect("the healthy server answers");
        if acknowledged.contains(&code) {
            assert_eq!(
                body["result"], "admitted",
                "the first answer is repeated: {body}"
            );
            assert_eq!(body["replayed"], true);
        }
    }
    let tickets = app.storage.tickets.list(ev, &all).await.unwrap();
    assert_eq!(tickets.len(), TICKETS);
    assert!(
        tickets.iter().all(|t| t.uses == 1),
        "every ticket admitted exactly once"
    );
    let (success, _) = audit_counts(&app, &event).await;
    assert_eq!(success, TICKETS, "one audited admission per ticket");
    drop(healthy);
    app.stop().await;
}
