//! Tickets by e-mail through a real SMTP server process (aiosmtpd): each
//! arrives once, multipart with its PDF, in the ticket's language.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{Backend, Client, TestApp};
use crate::on_both_backends;
use crate::smtp::SmtpSink;

on_both_backends!(tickets_are_mailed_once_each_with_their_pdf);
on_both_backends!(deliveries_are_listed_for_named_tickets);

async fn ticket(owner: &Client, event: &str, body: Value) -> String {
    let res = owner
        .post(&format!("/api/v1/events/{event}/tickets"), body)
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    res.body["id"].as_str().unwrap().to_owned()
}

/// The message to `to` among `messages`, with quoted-printable soft breaks removed.
fn to<'a>(messages: &'a [String], to: &str) -> Vec<&'a String> {
    messages
        .iter()
        .filter(|m| m.contains(&format!("To: {to}")))
        .collect()
}

fn tickets_only(messages: Vec<String>) -> Vec<String> {
    messages
        .into_iter()
        .filter(|m| m.contains("Message-ID: <ticket-"))
        .collect()
}

async fn tickets_are_mailed_once_each_with_their_pdf(backend: Backend) {
    let Some(sink) = SmtpSink::start() else {
        return;
    };
    let mut args = sink.flags();
    args.extend(["--mail-per-minute".into(), "6000".into()]);
    let app = TestApp::spawn_with(backend, &args).await;
    let owner = app.user("owner@example.org").await;
    let event = owner.create_event("Gala", 3).await;
    let fr = ticket(
        &owner,
        &event,
        json!({"holder_name": "Élodie", "holder_email": "elodie@example.org", "locale": "fr"}),
    )
    .await;
    for (name, email) in [("Ada", "ada@example.org"), ("Bob", "bob@example.org")] {
        ticket(
            &owner,
            &event,
            json!({"holder_name": name, "holder_email": email, "locale": "en"}),
        )
        .await;
    }
    let nobody = ticket(&owner, &event, json!({"holder_name": "No Mail"})).await;

    // One ticket, then every ticket not yet sent.
    let res = owner
        .post_empty(&format!("/api/v1/events/{event}/tickets/{fr}/send"))
        .await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.text);
    assert_eq!(res.body["queued"], 1);
    let res = owner
        .post(
            &format!("/api/v1/events/{event}/tickets/send"),
            json!({"unsent": true}),
        )
        .await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.text);
    assert_eq!(res.body["queued"], 2, "{}", res.text);
    let skipped = res.body["skipped"].as_array().unwrap();
    assert!(
        skipped
            .iter()
            .any(|s| s["ticket_id"] == nobody.as_str() && s["reason"] == "no_email"),
        "{skipped:?}"
    );

    // The owner's address verification arrived first: 4 messages in all.
    let messages = tickets_only(sink.wait_count(4, Duration::from_secs(30)).await);
    assert_eq!(messages.len(), 3, "three ticket messages");
    // Nothing more arrives later.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(tickets_only(sink.received()).len(), 3);
    for address in ["elodie@example.org", "ada@example.org", "bob@example.org"] {
        let mine = to(&messages, address);
        assert_eq!(mine.len(), 1, "one message to {address}");
        let m = mine[0].replace("=\r\n", "").replace("=\n", "");
        assert!(m.contains("multipart/alternative"), "{m}");
        assert!(m.contains("text/plain") && m.contains("text/html"), "{m}");
        assert!(m.contains("Content-Type: application/pdf"), "{m}");
        assert!(m.contains("Message-ID: <ticket-"), "{m}");
        assert!(m.contains("https://tickets.example.org/t/"), "{m}");
        assert!(!m.contains("<img"), "no remote images");
    }
    let french = to(&messages, "elodie@example.org")[0];
    assert!(french.contains("Subject: Votre billet - Gala"), "{french}");
    assert!(french.contains("filename=\"billet.pdf\""), "{french}");
    let english = to(&messages, "ada@example.org")[0];
    assert!(english.contains("Subject: Your ticket - Gala"), "{english}");

    // Sent tickets are not queued again.
    let res = owner
        .post(
            &format!("/api/v1/events/{event}/tickets/send"),
            json!({"unsent": true}),
        )
        .await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.text);
    assert_eq!(res.body["queued"], 0, "{}", res.text);
    let res = owner
        .get(&format!("/api/v1/events/{event}/deliveries"))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let items = res.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(|d| d["status"] == "sent"), "{items:?}");
    let res = owner
        .post(
            &format!("/api/v1/events/{event}/tickets/send"),
            json!({"unsent": true, "ticket_ids": [fr]}),
        )
        .await;
    res.assert_problem(422, "validation_failed");

    // Scanners may not send.
    let scanner = app.user("scanner@example.org").await;
    owner
        .add_member(&event, &scanner, "scanner@example.org", "scanner")
        .await;
    scanner
        .post_empty(&format!("/api/v1/events/{event}/tickets/{fr}/send"))
        .await
        .assert_problem(403, "forbidden");

    let audit = owner
        .get(&format!(
            "/api/v1/events/{event}/audit?action=ticket.email_sent"
        ))
        .await;
    assert_eq!(audit.status, StatusCode::OK, "{}", audit.text);
    assert_eq!(
        audit.body["items"].as_array().map(Vec::len),
        Some(3),
        "{}",
        audit.text
    );
    app.stop().await;
}

/// `GET …/deliveries?ticket_id=…&ticket_id=…`: the named tickets' deliveries
/// only, never another event's; a bad id or more than 100 is a 422 naming
/// the field; scanners may not read it.
async fn deliveries_are_listed_for_named_tickets(backend: Backend) {
    let Some(sink) = SmtpSink::start() else {
        return;
    };
    let mut args = sink.flags();
    args.extend(["--mail-per-minute".into(), "6000".into()]);
    let app = TestApp::spawn_with(backend, &args).await;
    let owner = app.user("owner@example.org").await;
    let event = owner.create_event("Gala", 3).await;
    let elsewhere = owner.create_event("Elsewhere", 3).await;
    let mut ids = Vec::new();
    for name in ["ada", "bob", "cyd"] {
        let body = json!({"holder_name": name, "holder_email": format!("{name}@example.org")});
        ids.push(ticket(&owner, &event, body).await);
    }
    let foreign = ticket(
        &owner,
        &elsewhere,
        json!({"holder_name": "Dan", "holder_email": "dan@example.org"}),
    )
    .await;
    for (ev, id) in [(&event, &ids[0]), (&event, &ids[1]), (&elsewhere, &foreign)] {
        let res = owner
            .post_empty(&format!("/api/v1/events/{ev}/tickets/{id}/send"))
            .await;
        assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.text);
    }
    let deliveries = format!("/api/v1/events/{event}/deliveries");
    let listed = |res: &crate::common::Res| -> Vec<String> {
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
        let mut t: Vec<String> = res.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["ticket_id"].as_str().unwrap().to_owned())
            .collect();
        t.sort();
        t
    };

    // Ada (sent), Cyd (never sent), an unknown id and another event's ticket:
    // only Ada's delivery.
    let query = format!(
        "?ticket_id={}&ticket_id={}&ticket_id={}&ticket_id={foreign}",
        ids[0],
        ids[2],
        uuid::Uuid::new_v4()
    );
    let res = owner.get(&format!("{deliveries}{query}")).await;
    assert_eq!(listed(&res), vec![ids[0].clone()]);
    let item = &res.body["items"][0];
    assert!(["queued", "sending", "sent"].contains(&item["status"].as_str().unwrap()));
    // Without the filter: both of this event's deliveries.
    let mut both = vec![ids[0].clone(), ids[1].clone()];
    both.sort();
    assert_eq!(listed(&owner.get(&deliveries).await), both);

    // A comma list is not a UUID; nor is an empty value.
    for bad in [format!("{},{}", ids[0], ids[1]), String::new(), "x".into()] {
        let res = owner.get(&format!("{deliveries}?ticket_id={bad}")).await;
        res.assert_problem(422, "validation_failed");
        assert_eq!(res.body["errors"][0]["field"], "ticket_id", "{}", res.text);
        assert_eq!(res.body["errors"][0]["code"], "invalid", "{}", res.text);
    }
    let many: String = (0..101)
        .map(|_| format!("ticket_id={}&", uuid::Uuid::new_v4()))
        .collect();
    let res = owner.get(&format!("{deliveries}?{many}")).await;
    res.assert_problem(422, "validation_failed");
    assert_eq!(res.body["errors"][0]["field"], "ticket_id", "{}", res.text);
    assert_eq!(res.body["errors"][0]["code"], "too_many", "{}", res.text);
    let hundred: String = (0..100)
        .map(|_| format!("ticket_id={}&", uuid::Uuid::new_v4()))
        .collect();
    let res = owner.get(&format!("{deliveries}?{hundred}")).await;
    assert!(listed(&res).is_empty());

    let scanner = app.user("scanner@example.org").await;
    owner
        .add_member(&event, &scanner, "scanner@example.org", "scanner")
        .await;
    scanner
        .get(&format!("{deliveries}?ticket_id={}", ids[0]))
        .await
        .assert_problem(403, "forbidden");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_smtp_sending_is_refused() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let owner = app.user("owner@example.org").await;
    let event = owner.create_event("Gala", 3).await;
    let id = ticket(
        &owner,
        &event,
        json!({"holder_name": "Ada", "holder_email": "ada@example.org"}),
    )
    .await;
    owner
        .post_empty(&format!("/api/v1/events/{event}/tickets/{id}/send"))
        .await
        .assert_problem(409, "mail_not_configured");
    app.stop().await;
}
