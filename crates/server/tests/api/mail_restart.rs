//! 1,000 tickets through a real SMTP server (aiosmtpd), with the sending
//! server stopped half-way and started again: every ticket arrives exactly
//! once. Run by hand (figures in docs/benchmarks.md):
//!
//! ```text
//! cargo test --release -p qr-event-server --test api -- mail_restart --ignored --nocapture
//! ```
//!
//! `QR_EVENT_TEST_MAIL_BACKEND=postgres` runs it on PostgreSQL (default
//! SQLite); `QR_EVENT_TEST_MAIL_CRASH=1` kills the first server (SIGKILL)
//! instead of stopping it; `QR_EVENT_TEST_MAIL_RATE` sets the rate (per
//! minute, default 6000).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;

use crate::common::{on, Backend, ServerProcess, TestApp};
use crate::smtp::SmtpSink;

const TICKETS: usize = 1_000;

fn recipient(message: &str) -> Option<String> {
    message
        .lines()
        .find_map(|l| l.strip_prefix("To: "))
        .map(|s| s.trim().to_owned())
}

/// Ticket messages per recipient.
fn per_recipient(messages: &[String]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for m in messages
        .iter()
        .filter(|m| m.contains("Message-ID: <ticket-"))
    {
        *counts.entry(recipient(m).unwrap()).or_default() += 1;
    }
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a 1,000-message run; by hand, figures in docs/benchmarks.md"]
async fn a_thousand_tickets_arrive_once_across_a_restart() {
    let Some(sink) = SmtpSink::start() else {
        return;
    };
    let backend = match std::env::var("QR_EVENT_TEST_MAIL_BACKEND").as_deref() {
        Ok("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    };
    let crash = std::env::var("QR_EVENT_TEST_MAIL_CRASH").as_deref() == Ok("1");
    let rate = std::env::var("QR_EVENT_TEST_MAIL_RATE").unwrap_or_else(|_| "6000".into());
    // The in-process server has no SMTP: its sender stays idle, only the
    // `qr-event serve` processes send.
    let app = TestApp::spawn(backend).await;
    let owner = app.user("owner@example.org").await;
    let event = owner.create_event("Gala", 3).await;
    let tickets: Vec<_> = (0..TICKETS)
        .map(|n| {
            json!({
                "holder_name": format!("Guest {n}"),
                "holder_email": format!("guest{n}@example.org"),
                "locale": if n % 2 == 0 { "fr" } else { "en" },
            })
        })
        .collect();
    let res = owner
        .post(
            &format!("/api/v1/events/{event}/tickets/batch"),
            json!({ "tickets": tickets }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);

    let mut flags = sink.flags();
    flags.extend(["--mail-per-minute".into(), rate.clone()]);
    let args: Vec<&str> = flags.iter().map(String::as_str).collect();
    let mut first = ServerProcess::start(&app, &args);
    let client = on(&first.base, &owner);
    let started = Instant::now();
    let res = client
        .post(
            &format!("/api/v1/events/{event}/tickets/send"),
            json!({"unsent": true}),
        )
        .await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.text);
    assert_eq!(res.body["queued"], TICKETS);

    // Stop half-way.
    let before = sink
        .wait_count(TICKETS / 2 + 1, Duration::from_secs(300))
        .await
        .len();
    if crash {
        first.crash();
    } else {
        first.terminate();
    }
    let stopped_at = started.elapsed();
    let at_stop = sink.received().len();
    let second = ServerProcess::start(&app, &args);
    let restarted_at = started.elapsed();
    // Until every ticket arrived (a duplicate after a crash must not end the wait).
    let deadline = Instant::now() + Duration::from_secs(600);
    while per_recipient(&sink.received()).len() < TICKETS && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let done_at = started.elapsed();
    // Anything late would show up now.
    tokio::time::sleep(Duration::from_secs(2)).await;
    drop(second);

    let per_recipient = per_recipient(&sink.received());
    let duplicates: usize = per_recipient.values().map(|n| n - 1).sum();
    let sent_after = sink.received().len();
    println!(
        "backend={backend:?} crash={crash} rate={rate}/min: {before} messages before the stop \
         ({at_stop} when stopped at {stopped_at:.1?}), restart at {restarted_at:.1?}, \
         {} distinct tickets received by {done_at:.1?}, {duplicates} duplicates, {sent_after} messages in all",
        per_recipient.len()
    );
    assert_eq!(per_recipient.len(), TICKETS, "every ticket arrived");
    if !crash {
        assert_eq!(duplicates, 0, "none twice across a clean restart");
    }
    app.stop().await;
}
