//! Door rights are kept in memory between scans (issue 12), yet a change of
//! rights applies at once: on the instance that made it immediately, on the
//! others as soon as the notice arrives (ADR 0008).

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{on, Backend, Client, ServerProcess, TestApp};
use crate::on_both_backends;
use crate::tickets::{event_now, issue};

on_both_backends!(door_rights_follow_changes_at_once);

async fn verify(scanner: &Client, event: &str, ticket: &Value) -> (StatusCode, Value) {
    let res = scanner
        .post(
            &format!("/api/v1/events/{event}/scan"),
            json!({"code": ticket["code"], "mode": "verify"}),
        )
        .await;
    (res.status, res.body)
}

async fn set_names(org: &Client, event: &str, on: bool) {
    let res = org
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/events/{event}"),
            Some(json!({"door_names": on})),
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
}

async fn door_rights_follow_changes_at_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("owner@example.org").await;
    let event = event_now(&org, "Rights").await;
    let ticket = issue(&org, &event, json!({"holder_name": "Ada Lovelace"})).await;
    let scanner = app.user("scanner@example.org").await;
    let scanner_id = org
        .add_member(&event, &scanner, "scanner@example.org", "scanner")
        .await;
    // On PostgreSQL a second instance answers the same scanner too.
    let other = match backend {
        Backend::Postgres => Some(ServerProcess::start(&app, &[])),
        Backend::Sqlite => None,
    };
    let there = other.as_ref().map(|p| on(&p.base, &scanner));

    // Remembered after the first scan: answers keep coming.
    for _ in 0..3 {
        let (status, body) = verify(&scanner, &event, &ticket).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["ticket"]["holder_name"], "Ada Lovelace");
        if let Some(there) = &there {
            assert_eq!(verify(there, &event, &ticket).await.0, StatusCode::OK);
        }
    }

    // Names taken off door screens: the next answer has none.
    set_names(&org, &event, false).await;
    let (_, body) = verify(&scanner, &event, &ticket).await;
    assert!(body["ticket"].get("holder_name").is_none(), "{body}");
    set_names(&org, &event, true).await;
    let (_, body) = verify(&scanner, &event, &ticket).await;
    assert_eq!(body["ticket"]["holder_name"], "Ada Lovelace");

    // Removed: refused at once here, and promptly on the other instance.
    let res = org
        .delete(&format!("/api/v1/events/{event}/members/{scanner_id}"))
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text);
    let (status, body) = verify(&scanner, &event, &ticket).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    if let Some(there) = &there {
        let start = Instant::now();
        loop {
            let (status, _) = verify(there, &event, &ticket).await;
            if status == StatusCode::NOT_FOUND {
                println!(
                    "the removal reached the other instance in {:?}",
                    start.elapsed()
                );
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "the other instance still lets the removed scanner in"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    drop(other);
    app.stop().await;
}
