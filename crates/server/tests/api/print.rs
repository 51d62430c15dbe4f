//! Printable tickets through the API: layouts chosen on download, each
//! ticket in its language, dates in the event's zone. The text is read back
//! with `pdftotext` (poppler-utils) where it is installed.

use std::process::Command;

use reqwest::StatusCode;
use serde_json::json;

use crate::common::{Backend, Client, TestApp};
use crate::on_both_backends;
use crate::tickets::issue;

on_both_backends!(layouts_and_languages);

/// The PDF at `path`, or the failed answer's status.
async fn pdf(app: &TestApp, client: &Client, path: &str) -> Result<Vec<u8>, StatusCode> {
    let res = client
        .http
        .get(app.url(path))
        .header("cookie", client.cookie_header())
        .send()
        .await
        .unwrap();
    if res.status() != StatusCode::OK {
        return Err(res.status());
    }
    assert_eq!(res.headers()["content-type"], "application/pdf");
    Ok(res.bytes().await.unwrap().to_vec())
}

/// The text of `pdf`, or `None` without pdftotext.
fn text(pdf: &[u8]) -> Option<String> {
    let path = std::env::temp_dir().join(format!("qr-event-api-{}.pdf", uuid::Uuid::new_v4()));
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext").arg(&path).arg("-").output();
    let _ = std::fs::remove_file(&path);
    match out {
        Ok(out) => Some(String::from_utf8(out.stdout).unwrap()),
        Err(_) => {
            eprintln!(
                "SKIPPED text checks: pdftotext not installed (apt-get install poppler-utils)"
            );
            None
        }
    }
}

async fn layouts_and_languages(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("print@example.org").await;
    // Saturday 20 June 2026, 11:00–14:30 UTC: 20:00–23:30 in Tokyo.
    let created = org
        .post(
            "/api/v1/events",
            json!({
                "name": "Fête de la Musique — 東京 2026",
                "starts_at": "2026-06-20T11:00:00Z",
                "ends_at": "2026-06-20T14:30:00Z",
                "venue": "Yoyogi Park",
                "timezone": "Asia/Tokyo",
                "locale": "fr",
            }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    assert_eq!(created.body["locale"], "fr");
    let event = created.body["id"].as_str().unwrap().to_owned();

    let holder = "李小龍 Zoë Ørsted Łukasz محمد";
    let french = issue(
        &org,
        &event,
        json!({"holder_name": holder, "category": "VIP ★"}),
    )
    .await;
    assert_eq!(
        french.get("locale"),
        Some(&json!(null)),
        "follows the event"
    );
    let english = issue(
        &org,
        &event,
        json!({"holder_name": "Ada Lovelace", "locale": "en"}),
    )
    .await;
    assert_eq!(english["locale"], "en");
    org.post(
        &format!("/api/v1/events/{event}/tickets"),
        json!({"holder_name": "X", "locale": "EN"}),
    )
    .await
    .assert_problem(422, "validation_failed");

    let one = format!(
        "/api/v1/events/{event}/tickets/{}/ticket.pdf",
        french["id"].as_str().unwrap()
    );
    let a4 = pdf(&app, &org, &one).await.unwrap();
    if let Some(t) = text(&a4) {
        for expected in [
            "Fête de la Musique — 東京 2026",
            "李小龍 Zoë Ørsted Łukasz",
            "VIP ★",
        ] {
            assert!(t.contains(expected), "{expected} in {t}");
        }
        assert!(
            t.contains("samedi 20 juin 2026, 20:00 – 23:30 (Asia/Tokyo)"),
            "{t}"
        );
        assert!(t.contains("Présentez ce code à l’entrée"), "{t}");
    }
    let other = format!(
        "/api/v1/events/{event}/tickets/{}/ticket.pdf?layout=letter",
        english["id"].as_str().unwrap()
    );
    if let Some(t) = text(&pdf(&app, &org, &other).await.unwrap()) {
        assert!(
            t.contains("Saturday, 20 June 2026, 8:00 PM – 11:30 PM (Asia/Tokyo)"),
            "{t}"
        );
        assert!(t.contains("Show this code at the entrance"), "{t}");
    }

    for layout in ["a4", "letter", "sheet8", "badge"] {
        let all = format!("/api/v1/events/{event}/tickets.pdf?layout={layout}");
        let bytes = pdf(&app, &org, &all).await.unwrap();
        if let Some(t) = text(&bytes) {
            assert!(
                t.contains("Ada Lovelace") && t.contains("Łukasz"),
                "{layout}: {t}"
            );
        }
    }
    let bad = org
        .get(&format!("/api/v1/events/{event}/tickets.pdf?layout=poster"))
        .await;
    bad.assert_problem(422, "validation_failed");
    assert_eq!(bad.body["errors"][0]["field"], "layout");
    assert_eq!(bad.body["errors"][0]["code"], "unknown");

    // A CSV column: an empty cell follows the event, a wrong tag is a row error.
    let token = org.csrf.lock().unwrap().clone().unwrap();
    let import = |csv: &'static str| {
        org.http
            .post(app.url(&format!("/api/v1/events/{event}/tickets/import")))
            .header("cookie", org.cookie_header())
            .header("x-csrf-token", token.clone())
            .header("content-type", "text/csv")
            .body(csv)
            .send()
    };
    let res = import("holder_name,locale\nAmélie,fr\nBob,\n")
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let bad = import("holder_name,locale\nEve,de\n").await.unwrap();
    let report: serde_json::Value = bad.json().await.unwrap();
    assert_eq!(report["errors"][0]["field"], "locale", "{report}");
    assert_eq!(report["errors"][0]["code"], "unknown", "{report}");
    let listed = org
        .get(&format!("/api/v1/events/{event}/tickets?q=Am%C3%A9lie"))
        .await;
    assert_eq!(listed.body["items"][0]["locale"], "fr", "{:?}", listed.body);

    // The event's language changes; a ticket without its own follows.
    let patched = org
        .patch(&format!("/api/v1/events/{event}"), json!({"locale": "en"}))
        .await;
    assert_eq!(patched.body["locale"], "en", "{:?}", patched.body);
    if let Some(t) = text(&pdf(&app, &org, &one).await.unwrap()) {
        assert!(t.contains("Show this code at the entrance"), "{t}");
    }

    // The attendee's own copy, in any layout.
    let key = french["access_key"].as_str().unwrap();
    let anonymous = app.client();
    let page = anonymous
        .get(&format!("/api/v1/public/tickets/{key}"))
        .await;
    assert_eq!(page.body["locale"], "en", "the page follows the event too");
    let badge = format!("/api/v1/public/tickets/{key}/ticket.pdf?layout=badge");
    assert!(pdf(&app, &anonymous, &badge)
        .await
        .unwrap()
        .starts_with(b"%PDF-"));
    let wrong = format!("/api/v1/public/tickets/{key}/ticket.pdf?layout=A5");
    assert_eq!(
        pdf(&app, &anonymous, &wrong).await,
        Err(StatusCode::UNPROCESSABLE_ENTITY)
    );
    app.stop().await;
}
