//! Many different tickets scanned at once, so that scans are decided in
//! groups (ADR 0012): each ticket is admitted exactly once, every scan is
//! answered and audited, retries with the same scan ids repeat the first
//! answers, and the audit chain verifies. Codes with a changed signature
//! are mixed in: their groups verify all codes in one batch (ADR 0014), and
//! each of them alone is refused, without touching its ticket.

use std::collections::HashMap;
use std::sync::Arc;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::audit_chain::wait_sealed;
use crate::common::{Backend, Client, ServerProcess, TestApp};
use crate::on_both_backends;
use crate::tickets::event_now;

const TICKETS: usize = 200;
const SCANS_EACH: usize = 5;
/// Presentations of codes whose signature was changed.
const TAMPERED: usize = 60;

on_both_backends!(many_tickets_at_once_admit_each_once);

/// The codes of every ticket of `event`, from the CSV export.
async fn codes(org: &Client, event: &str) -> Vec<String> {
    let csv = org
        .get(&format!("/api/v1/events/{event}/tickets/export.csv"))
        .await;
    let mut lines = csv.text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "code").unwrap();
    lines
        .map(|l| l.split(',').nth(col).unwrap().to_owned())
        .collect()
}

/// Sends every `(code, scan_id)` at once, spread over `bases`; the answers
/// in the same order.
async fn all_at_once(
    bases: &[String],
    org: &Client,
    event: &str,
    scans: &[(String, String)],
) -> Vec<Value> {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(scans.len())
        .build()
        .unwrap();
    let cookie = org.cookie_header();
    let csrf = org.csrf.lock().unwrap().clone().unwrap();
    let barrier = Arc::new(tokio::sync::Barrier::new(scans.len()));
    let mut tasks = tokio::task::JoinSet::new();
    for (i, (code, scan_id)) in scans.iter().cloned().enumerate() {
        let url = format!("{}/api/v1/events/{event}/scan", bases[i % bases.len()]);
        let (http, barrier, cookie, csrf) =
            (http.clone(), barrier.clone(), cookie.clone(), csrf.clone());
        tasks.spawn(async move {
            barrier.wait().await;
            let res = http
                .post(url)
                .header("cookie", cookie)
                .header("x-csrf-token", csrf)
                .header("content-type", "application/json")
                .body(
                    json!({"code": code, "scan_id": scan_id, "gate": format!("gate-{}", i % 4)})
                        .to_string(),
                )
                .send()
                .await
                .unwrap();
            let status = res.status();
            let body: Value = res.json().await.unwrap();
            assert_eq!(status, StatusCode::OK, "{body}");
            (i, body)
        });
    }
    let mut answers = vec![Value::Null; scans.len()];
    while let Some(done) = tasks.join_next().await {
        let (i, body) = done.unwrap();
        answers[i] = body;
    }
    answers
}

/// `code` with one character of its signature changed (in `R` or in `S`).
fn tampered(code: &str, i: usize) -> String {
    let at = if i.is_multiple_of(2) { 80 } else { 120 };
    let mut bytes = code.as_bytes().to_vec();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    String::from_utf8(bytes).unwrap()
}

/// A histogram of a server: (observations, their sum).
async fn histogram(base: &str, name: &str) -> (f64, f64) {
    let text = reqwest::get(format!("{base}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let figure = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (
        figure(&format!("{name}_count ")),
        figure(&format!("{name}_sum ")),
    )
}

async fn many_tickets_at_once_admit_each_once(backend: Backend) {
    let flags = [
        "--scans-per-minute",
        "100000",
        "--db-acquire-timeout-secs",
        "120",
        "--audit-seal-secs",
        "1",
    ];
    let app = TestApp::spawn_with(backend, &flags).await;
    let org = app.user("groups@example.org").await;
    let event = event_now(&org, "Groups").await;
    let res = org
        .post(
            &format!("/api/v1/events/{event}/tickets/batch"),
            json!({"count": TICKETS}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    let codes = codes(&org, &event).await;
    assert_eq!(codes.len(), TICKETS);
    // Each code five times, interleaved, each presentation its own scan id.
    let scans: Vec<(String, String)> = (0..SCANS_EACH)
        .flat_map(|_| codes.iter().cloned())
        .map(|code| (code, uuid::Uuid::new_v4().to_string()))
        .collect();

    // On PostgreSQL two more server processes share the database, so groups
    // of different instances meet on the same tickets.
    let processes: Vec<ServerProcess> = match backend {
        Backend::Postgres => (0..2).map(|_| ServerProcess::start(&app, &flags)).collect(),
        Backend::Sqlite => Vec::new(),
    };
    let bases: Vec<String> = if processes.is_empty() {
        vec![org.base.clone()]
    } else {
        processes.iter().map(|p| p.base.clone()).collect()
    };
    let forged: Vec<(String, String)> = (0..TAMPERED)
        .map(|i| {
            let code = tampered(&codes[i * 3 % TICKETS], i);
            (code, uuid::Uuid::new_v4().to_string())
        })
        .collect();
    let mixed: Vec<(String, String)> = scans.iter().chain(&forged).cloned().collect();
    let mixed_answers = all_at_once(&bases, &org, &event, &mixed).await;
    let (answers, forged_answers) = mixed_answers.split_at(scans.len());
    for answer in forged_answers {
        assert_eq!(answer["result"], "rejected", "{answer}");
        assert_eq!(answer["reason"], "invalid_code", "{answer}");
        assert!(answer.get("ticket").is_none_or(Value::is_null), "{answer}");
    }
    let mut admitted: HashMap<&str, usize> = HashMap::new();
    for ((code, _), answer) in scans.iter().zip(answers) {
        match answer["result"].as_str() {
            Some("admitted") => *admitted.entry(code.as_str()).or_default() += 1,
            Some("rejected") => assert_eq!(answer["reason"], "already_used", "{answer}"),
            _ => panic!("unexpected answer {answer}"),
        }
        assert_eq!(answer["replayed"], false);
    }
    assert_eq!(admitted.len(), TICKETS, "every ticket admitted");
    assert!(admitted.values().all(|&n| n == 1), "none admitted twice");

    // Retried with the same scan ids: the first answers, replayed, and
    // nothing counted again.
    let again = all_at_once(&bases, &org, &event, &scans).await;
    for (first, retry) in answers.iter().zip(&again) {
        assert_eq!(retry["result"], first["result"], "{retry}");
        assert_eq!(retry["reason"], first["reason"], "{retry}");
        assert_eq!(retry["replayed"], true, "{retry}");
    }

    let ev = qr_event_domain::EventId(event.parse().unwrap());
    let tickets = app
        .storage
        .tickets
        .list(
            ev,
            &qr_event_storage::TicketQuery {
                limit: 1_000,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(tickets.iter().all(|t| t.uses == 1), "stored once each");
    let entries = app
        .storage
        .audit
        .list(&qr_event_storage::AuditQuery {
            event_id: Some(ev),
            action: Some("ticket.scan".into()),
            limit: 10_000,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        entries.len(),
        TICKETS * SCANS_EACH + TAMPERED,
        "every scan audited once"
    );
    let success = entries.iter().filter(|r| r.outcome == "success").count();
    assert_eq!(success, TICKETS);
    let invalid = entries
        .iter()
        .filter(|r| r.details["reason"] == "invalid_code")
        .count();
    assert_eq!(invalid, TAMPERED);
    let status = wait_sealed(&org, &event).await;
    assert_eq!(status["intact"], true, "{status}");
    assert!(status["sealed_entries"].as_u64().unwrap() >= (TICKETS * SCANS_EACH) as u64);

    // The scans were indeed decided in groups of more than one, and their
    // codes verified in batches.
    for name in ["door_scan_group_size", "door_code_batch_size"] {
        let mut figures = (0.0, 0.0);
        for base in &bases {
            let (count, sum) = histogram(base, name).await;
            figures = (figures.0 + count, figures.1 + sum);
        }
        assert!(
            figures.0 > 0.0 && figures.1 > figures.0,
            "{name}: {figures:?}"
        );
    }
    drop(processes);
    app.stop().await;
}
