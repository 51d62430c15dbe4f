//! Shared decision vectors: every case is decided by the Rust reference
//! decider and written to `docs/door-decision-vectors.json`, which the web
//! door's unit tests replay. The test fails when the file differs from what
//! the decider says now; `QR_EVENT_WRITE_VECTORS=1 cargo test -p
//! qr-event-service --test door_vectors` rewrites it.

use std::collections::HashMap;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use qr_event_domain::{DoorState, TicketId, TicketStatus};
use qr_event_qr::{KeyId, KeyRing, SigningKeyPair, TicketCodec};
use qr_event_service::door::{decide, OfflinePack};
use serde_json::{json, Value};
use uuid::Uuid;

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../docs/door-decision-vectors.json"
);

fn time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

struct Ticket {
    id: Uuid,
    state: DoorState,
    category: &'static str,
    holder_name: &'static str,
}

fn pack_entry(t: &Ticket) -> Value {
    json!({
        "id": t.id,
        "status": t.state.status.as_str(),
        "uses": t.state.uses,
        "max_uses": t.state.max_uses,
        "valid_from": rfc3339(t.state.valid_from),
        "valid_until": rfc3339(t.state.valid_until),
        "category": t.category,
        "holder_name": t.holder_name,
    })
}

fn signer(kid: [u8; 4], secret: u8) -> (KeyRing, (KeyId, [u8; 32])) {
    let pair = SigningKeyPair::from_secret(KeyId(kid), [secret; 32]);
    let ring = KeyRing::new(Some(pair), vec![]).unwrap();
    let public = ring.public_keys()[0];
    (ring, public)
}

/// Name, code, the pack's entry for its ticket, now, queued uses, mode.
type Case<'a> = (
    &'a str,
    String,
    Option<&'a str>,
    DateTime<Utc>,
    i32,
    &'a str,
);

fn vectors() -> Value {
    let event = Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_0001);
    let other_event = Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_0002);
    let (current, current_pub) = signer([0x1a, 0x2b, 0x3c, 0x4d], 7);
    let (older, older_pub) = signer([0x0f, 0x0e, 0x0d, 0x0c], 9);
    let (retired, _) = signer([0x99, 0x88, 0x77, 0x66], 11);
    let skew = Duration::seconds(60);
    let from = time("2026-06-01T16:00:00Z");
    let until = time("2026-06-02T02:00:00Z");
    let state = |status, uses, max_uses| DoorState {
        status,
        uses,
        max_uses,
        valid_from: from,
        valid_until: until,
    };
    let id = |n: u128| Uuid::from_u128(0x4a5e_0000_0000_4000_8000_0000_0000_0000 + n);
    let tickets = [
        (
            "fresh",
            state(TicketStatus::Active, 0, 1),
            "VIP",
            "Ada Lovelace",
        ),
        (
            "used",
            state(TicketStatus::Active, 1, 1),
            "",
            "Grace Hopper",
        ),
        (
            "revoked",
            state(TicketStatus::Revoked, 0, 1),
            "Staff",
            "Alan Turing",
        ),
        (
            "reentry",
            state(TicketStatus::Active, 1, 3),
            "Pass",
            "Émilie du Châtelet",
        ),
        (
            "revoked_used",
            state(TicketStatus::Revoked, 1, 1),
            "",
            "Kurt Gödel",
        ),
    ];
    let tickets: Vec<(&str, Ticket)> = tickets
        .into_iter()
        .enumerate()
        .map(|(i, (name, state, category, holder_name))| {
            (
                name,
                Ticket {
                    id: id(i as u128 + 1),
                    state,
                    category,
                    holder_name,
                },
            )
        })
        .collect();
    let by_name = |name: &str| &tickets.iter().find(|(n, _)| *n == name).unwrap().1;
    let pack = OfflinePack::new(
        event,
        vec![current_pub, older_pub],
        skew,
        tickets
            .iter()
            .map(|(_, t)| (TicketId(t.id), t.state))
            .collect::<HashMap<_, _>>(),
    )
    .unwrap();
    let code = |ring: &KeyRing, event: Uuid, ticket: Uuid| ring.encode(event, ticket).unwrap();
    let fresh = code(&current, event, by_name("fresh").id);
    let in_window = from + Duration::hours(2);
    let mut forged = fresh.clone().into_bytes();
    let last = forged.len() - 10;
    forged[last] = if forged[last] == b'A' { b'B' } else { b'A' };
    let forged = String::from_utf8(forged).unwrap();
    let unknown_ticket = id(99);

    let cases: Vec<Case> = vec![
        (
            "valid ticket is admitted",
            fresh.clone(),
            Some("fresh"),
            in_window,
            0,
            "check_in",
        ),
        (
            "verify answers like a check-in",
            fresh.clone(),
            Some("fresh"),
            in_window,
            0,
            "verify",
        ),
        (
            "the device's own queued admission uses the ticket",
            fresh.clone(),
            Some("fresh"),
            in_window,
            1,
            "check_in",
        ),
        (
            "no use left in the pack",
            code(&current, event, by_name("used").id),
            Some("used"),
            in_window,
            0,
            "check_in",
        ),
        (
            "verify of a used ticket",
            code(&current, event, by_name("used").id),
            Some("used"),
            in_window,
            0,
            "verify",
        ),
        (
            "re-entry with uses left",
            code(&current, event, by_name("reentry").id),
            Some("reentry"),
            in_window,
            1,
            "check_in",
        ),
        (
            "re-entry exhausted by the queue",
            code(&current, event, by_name("reentry").id),
            Some("reentry"),
            in_window,
            2,
            "check_in",
        ),
        (
            "revoked",
            code(&current, event, by_name("revoked").id),
            Some("revoked"),
            in_window,
            0,
            "check_in",
        ),
        (
            "revoked wins over used",
            code(&current, event, by_name("revoked_used").id),
            Some("revoked_used"),
            in_window,
            0,
            "check_in",
        ),
        (
            "revoked wins over the window",
            code(&current, event, by_name("revoked").id),
            Some("revoked"),
            until + Duration::days(1),
            0,
            "check_in",
        ),
        (
            "just inside the skew before the start",
            fresh.clone(),
            Some("fresh"),
            from - skew,
            0,
            "check_in",
        ),
        (
            "not yet valid beyond the skew",
            fresh.clone(),
            Some("fresh"),
            from - skew - Duration::seconds(1),
            0,
            "check_in",
        ),
        (
            "just inside the skew after the end",
            fresh.clone(),
            Some("fresh"),
            until + skew - Duration::seconds(1),
            0,
            "check_in",
        ),
        (
            "expired at the end plus the skew",
            fresh.clone(),
            Some("fresh"),
            until + skew,
            0,
            "check_in",
        ),
        (
            "older key still in the ring",
            code(&older, event, by_name("fresh").id),
            Some("fresh"),
            in_window,
            0,
            "check_in",
        ),
        (
            "retired key",
            code(&retired, event, by_name("fresh").id),
            Some("fresh"),
            in_window,
            0,
            "check_in",
        ),
        (
            "forged signature",
            forged,
            Some("fresh"),
            in_window,
            0,
            "check_in",
        ),
        (
            "genuine code of another event",
            code(&current, other_event, by_name("fresh").id),
            None,
            in_window,
            0,
            "check_in",
        ),
        (
            "ticket issued after the pack is admitted once",
            code(&current, event, unknown_ticket),
            None,
            in_window,
            0,
            "check_in",
        ),
        (
            "ticket issued after the pack, already queued",
            code(&current, event, unknown_ticket),
            None,
            in_window,
            1,
            "check_in",
        ),
        (
            "lower case is not the canonical spelling",
            fresh.to_lowercase(),
            None,
            in_window,
            0,
            "check_in",
        ),
        (
            "truncated",
            fresh[..fresh.len() - 1].to_owned(),
            None,
            in_window,
            0,
            "check_in",
        ),
        (
            "wrong prefix",
            fresh.replacen("QRE1:", "QRE2:", 1),
            None,
            in_window,
            0,
            "check_in",
        ),
        ("empty", String::new(), None, in_window, 0, "check_in"),
        (
            "not a ticket",
            "https://example.org/".to_owned(),
            None,
            in_window,
            0,
            "check_in",
        ),
    ];
    let cases: Vec<Value> = cases
        .into_iter()
        .map(|(name, code, ticket, now, queued, mode)| {
            let reason = decide(&pack, &code, now, queued);
            json!({
                "name": name,
                "code": code,
                "mode": mode,
                "now": rfc3339(now),
                "ticket": ticket.map(|t| pack_entry(by_name(t))),
                "queued_uses": queued,
                "expected": {
                    "result": if reason.is_none() { "admitted" } else { "rejected" },
                    "reason": reason.map(|r| r.as_str()),
                },
            })
        })
        .collect();
    let key = |(kid, public): (KeyId, [u8; 32])| json!({"kid": kid.to_string(), "public_key": URL_SAFE_NO_PAD.encode(public)});
    json!({
        "version": 1,
        "about": "Door decision vectors, generated by crates/service/tests/door_vectors.rs; do not edit.",
        "event_id": event,
        "skew_secs": skew.num_seconds(),
        "keys": [key(current_pub), key(older_pub)],
        "cases": cases,
    })
}

#[test]
fn vectors_match_the_reference_decider() {
    let text = serde_json::to_string_pretty(&vectors()).unwrap() + "\n";
    if std::env::var_os("QR_EVENT_WRITE_VECTORS").is_some() {
        std::fs::write(PATH, &text).unwrap();
    }
    let stored = std::fs::read_to_string(PATH).unwrap_or_default();
    assert!(
        stored == text,
        "docs/door-decision-vectors.json is out of date; regenerate with \
         QR_EVENT_WRITE_VECTORS=1 cargo test -p qr-event-service --test door_vectors"
    );
}

#[test]
fn vectors_cover_every_reason_and_admission() {
    let v = vectors();
    let reasons: std::collections::BTreeSet<String> = v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c["expected"]["reason"]
                .as_str()
                .unwrap_or("admitted")
                .to_owned()
        })
        .collect();
    for expected in [
        "admitted",
        "already_used",
        "revoked",
        "expired",
        "not_yet_valid",
        "wrong_event",
        "invalid_code",
    ] {
        assert!(reasons.contains(expected), "no case for {expected}");
    }
}
