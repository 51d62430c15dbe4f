//! The offline door over HTTP: pack contents and deltas, uploads of offline
//! decisions (idempotent, bound to their ticket), conflicts ordered by scan
//! time, and who may do what.

use std::io::Read;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{Duration, SecondsFormat, Utc};
use qr_event_qr::{KeyId, KeyRing, TicketCodec};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::common::{Backend, Client, TestApp};
use crate::on_both_backends;
use crate::tickets::{event_now, issue, scan};

on_both_backends!(
    pack_holds_what_the_door_needs_and_nothing_more,
    pack_deltas_bring_every_change,
    uploads_are_idempotent_and_bound_to_their_ticket,
    conflicts_are_ordered_by_scan_time,
    door_rights,
);

async fn pack(client: &Client, event: &str, since: Option<&str>) -> Value {
    let path = match since {
        Some(c) => format!("/api/v1/events/{event}/door/pack?since={c}"),
        None => format!("/api/v1/events/{event}/door/pack"),
    };
    let res = client.get(&path).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.body
}

async fn sync(client: &Client, event: &str, body: Value) -> Value {
    let res = client
        .post(&format!("/api/v1/events/{event}/door/sync"), body)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.body
}

fn offline(code: &Value, gate: &str, minutes_ago: i64) -> Value {
    json!({
        "scan_id": Uuid::new_v4(),
        "code": code,
        "mode": "check_in",
        "gate": gate,
        // Device clocks give milliseconds (the server keeps microseconds).
        "scanned_at": (Utc::now() - Duration::minutes(minutes_ago))
            .to_rfc3339_opts(SecondsFormat::Millis, true),
        "offline_result": "admitted",
    })
}

fn ids(tickets: &Value) -> Vec<String> {
    let mut ids: Vec<String> = tickets
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

async fn uses(org: &Client, event: &str, ticket: &Value) -> i64 {
    org.get(&format!(
        "/api/v1/events/{event}/tickets/{}",
        ticket["id"].as_str().unwrap()
    ))
    .await
    .body["uses"]
        .as_i64()
        .unwrap()
}

async fn pack_holds_what_the_door_needs_and_nothing_more(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("pack@example.org").await;
    let event = event_now(&org, "Pack").await;
    let ada = issue(
        &org,
        &event,
        json!({"holder_name": "Ada", "holder_email": "ada@secret.example", "category": "VIP",
               "note": "private-note-text"}),
    )
    .await;
    let bob = issue(&org, &event, json!({"holder_name": "Bob", "max_uses": 3})).await;
    org.post_empty(&format!(
        "/api/v1/events/{event}/tickets/{}/revoke",
        bob["id"].as_str().unwrap()
    ))
    .await;

    let res = org.get(&format!("/api/v1/events/{event}/door/pack")).await;
    assert_eq!(res.status, StatusCode::OK);
    for secret in ["ada@secret.example", "private-note-text", "QRE1:", "access"] {
        assert!(!res.text.contains(secret), "pack leaks {secret}");
    }
    let p = res.body;
    assert_eq!(p["full"], true);
    assert_eq!(p["event"]["id"], event);
    assert_eq!(p["event"]["name"], "Pack");
    assert_eq!(p["event"]["timezone"], "Europe/Paris");
    assert_eq!(p["rules"]["clock_skew_secs"], 60);
    let tickets = p["tickets"].as_array().unwrap();
    assert_eq!(tickets.len(), 2);
    let find = |id: &Value| tickets.iter().find(|t| t["id"] == *id).unwrap().clone();
    let a = find(&ada["id"]);
    assert_eq!(a["status"], "active");
    assert_eq!(a["holder_name"], "Ada");
    assert_eq!(a["category"], "VIP");
    assert_eq!(a["uses"], 0);
    assert_eq!(a["max_uses"], 1);
    assert_eq!(a["valid_from"], ada["valid_from"]);
    let b = find(&bob["id"]);
    assert_eq!(b["status"], "revoked");
    assert_eq!(b["max_uses"], 3);

    // The pack's public keys verify a genuine code and nothing else.
    let keys: Vec<(KeyId, [u8; 32])> = p["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            let raw = URL_SAFE_NO_PAD
                .decode(k["public_key"].as_str().unwrap())
                .unwrap();
            (
                k["kid"].as_str().unwrap().parse().unwrap(),
                raw.try_into().unwrap(),
            )
        })
        .collect();
    let ring = KeyRing::new(None, keys).unwrap();
    let code = ring.decode(ada["code"].as_str().unwrap()).unwrap();
    assert_eq!(code.ticket_id.to_string(), ada["id"].as_str().unwrap());
    let mut forged = ada["code"].as_str().unwrap().to_owned();
    forged.replace_range(100..101, if &forged[100..101] == "A" { "B" } else { "A" });
    assert!(ring.decode(&forged).is_err());

    // Compressed on the wire when the client accepts gzip (past a small size).
    let more = org
        .post(
            &format!("/api/v1/events/{event}/tickets/batch"),
            json!({"count": 40, "category": "Crew"}),
        )
        .await;
    assert_eq!(more.status, StatusCode::CREATED, "{}", more.text);
    let p = pack(&org, &event, None).await;
    let raw = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/events/{event}/door/pack")))
        .header("cookie", org.cookie_header())
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.headers()["content-encoding"], "gzip");
    let bytes = raw.bytes().await.unwrap();
    let mut text = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut text)
        .unwrap();
    let unzipped: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(ids(&unzipped["tickets"]), ids(&p["tickets"]));
    app.stop().await;
}

async fn pack_deltas_bring_every_change(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("delta@example.org").await;
    let event = event_now(&org, "Delta").await;
    let a = issue(&org, &event, json!({"holder_name": "A"})).await;
    let b = issue(&org, &event, json!({"holder_name": "B"})).await;
    let c = issue(&org, &event, json!({"holder_name": "C"})).await;
    let full = pack(&org, &event, None).await;
    let cursor = full["cursor"].as_str().unwrap().to_owned();

    // Nothing changed: a delta holds no ticket a full pack did not already
    // have at the same state.
    let quiet = pack(&org, &event, Some(&cursor)).await;
    assert_eq!(quiet["full"], false);
    for t in quiet["tickets"].as_array().unwrap() {
        assert!(full["tickets"].as_array().unwrap().contains(t));
    }

    // Used, revoked, issued: each comes in the next delta.
    scan(&org, &event, json!({"code": a["code"]})).await;
    org.post_empty(&format!(
        "/api/v1/events/{event}/tickets/{}/revoke",
        b["id"].as_str().unwrap()
    ))
    .await;
    let d = issue(&org, &event, json!({"holder_name": "D"})).await;
    let delta = pack(&org, &event, Some(&cursor)).await;
    let mut expected = vec![
        a["id"].as_str().unwrap().to_owned(),
        b["id"].as_str().unwrap().to_owned(),
        d["id"].as_str().unwrap().to_owned(),
    ];
    expected.sort();
    // Every change is there; PostgreSQL may repeat an unchanged row (a
    // transaction that was still running when the first pack was read),
    // never with another state.
    let got = ids(&delta["tickets"]);
    assert!(expected.iter().all(|id| got.contains(id)), "{got:?}");
    for t in delta["tickets"].as_array().unwrap() {
        if !expected.contains(&t["id"].as_str().unwrap().to_owned()) {
            assert!(full["tickets"].as_array().unwrap().contains(t), "{t}");
        }
    }
    if backend == Backend::Sqlite {
        assert_eq!(got, expected);
    }
    let used = delta["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == a["id"])
        .unwrap();
    assert_eq!(used["uses"], 1);

    // An offline upload is a change too.
    let next = delta["cursor"].as_str().unwrap().to_owned();
    sync(
        &org,
        &event,
        json!({"scans": [offline(&c["code"], "G", 1)]}),
    )
    .await;
    let after_sync = pack(&org, &event, Some(&next)).await;
    assert!(ids(&after_sync["tickets"]).contains(&c["id"].as_str().unwrap().to_owned()));

    // Names off: the next delta is a whole pack without names; back on, whole again with them.
    let before = pack(&org, &event, None).await["cursor"]
        .as_str()
        .unwrap()
        .to_owned();
    let off = org
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/events/{event}"),
            Some(json!({"door_names": false})),
            &[],
        )
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.text);
    assert_eq!(off.body["door_names"], false);
    let nameless = pack(&org, &event, Some(&before)).await;
    assert_eq!(nameless["full"], true);
    assert_eq!(nameless["rules"]["names"], false);
    assert_eq!(nameless["tickets"].as_array().unwrap().len(), 4);
    assert!(nameless["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t.get("holder_name").is_none()));
    let quiet = pack(&org, &event, nameless["cursor"].as_str()).await;
    assert_eq!(quiet["full"], false);
    org.send(
        reqwest::Method::PATCH,
        &format!("/api/v1/events/{event}"),
        Some(json!({"door_names": true})),
        &[],
    )
    .await;
    let named = pack(&org, &event, nameless["cursor"].as_str()).await;
    assert_eq!(named["full"], true);
    assert!(named["tickets"][0]["holder_name"].is_string());

    // A cursor that is not one is refused, and says which field.
    org.get(&format!("/api/v1/events/{event}/door/pack?since=nonsense"))
        .await
        .assert_problem(422, "validation_failed");
    app.stop().await;
}

async fn uploads_are_idempotent_and_bound_to_their_ticket(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("sync@example.org").await;
    let event = event_now(&org, "Sync").await;
    let a = issue(&org, &event, json!({"holder_name": "A"})).await;
    let b = issue(&org, &event, json!({"holder_name": "B"})).await;
    let scan_a = offline(&a["code"], "North", 3);
    let refused = json!({
        "scan_id": Uuid::new_v4(), "code": "junk", "mode": "check_in", "gate": "North",
        "scanned_at": Utc::now().to_rfc3339(), "offline_result": "rejected",
        "offline_reason": "invalid_code",
    });
    let first = sync(
        &org,
        &event,
        json!({"scans": [scan_a.clone(), refused.clone()]}),
    )
    .await;
    let results = first["results"].as_array().unwrap();
    assert_eq!(results[0]["scan_id"], scan_a["scan_id"]);
    assert_eq!(results[0]["result"], "admitted");
    assert_eq!(results[0]["replayed"], false);
    assert_eq!(results[0]["ticket_id"], a["id"]);
    assert_eq!(results[1]["result"], "rejected");
    assert_eq!(results[1]["reason"], "invalid_code");
    assert_eq!(uses(&org, &event, &a).await, 1);
    let t = org
        .get(&format!(
            "/api/v1/events/{event}/tickets/{}",
            a["id"].as_str().unwrap()
        ))
        .await
        .body;
    assert_eq!(t["first_gate"], "North");

    // The same upload again (a lost answer): same answers, nothing counted twice.
    let again = sync(&org, &event, json!({"scans": [scan_a.clone(), refused]})).await;
    assert_eq!(again["results"][0]["result"], "admitted");
    assert_eq!(again["results"][0]["replayed"], true);
    assert_eq!(again["results"][1]["replayed"], true);
    assert_eq!(uses(&org, &event, &a).await, 1);

    // A scan id is bound to its ticket: reused with another code, refused, nothing changes.
    let mut stolen = offline(&b["code"], "North", 1);
    stolen["scan_id"] = scan_a["scan_id"].clone();
    let reused = sync(&org, &event, json!({"scans": [stolen]})).await;
    assert_eq!(reused["results"][0]["result"], "rejected");
    assert_eq!(reused["results"][0]["reason"], "scan_id_reused");
    assert_eq!(uses(&org, &event, &b).await, 0);
    // Online too.
    org.post(
        &format!("/api/v1/events/{event}/scan"),
        json!({"code": b["code"], "scan_id": scan_a["scan_id"]}),
    )
    .await
    .assert_problem(409, "scan_id_reused");
    assert_eq!(uses(&org, &event, &b).await, 0);

    // Bad uploads change nothing and say what is wrong.
    let bad = org
        .post(
            &format!("/api/v1/events/{event}/door/sync"),
            json!({"scans": [
                offline(&b["code"], "North", 1),
                {"scan_id": Uuid::new_v4(), "code": b["code"], "scanned_at": Utc::now().to_rfc3339(),
                 "offline_result": "rejected"},
                offline(&b["code"], "North", 60 * 24 * 8),
            ]}),
        )
        .await;
    bad.assert_problem(422, "validation_failed");
    let fields: Vec<&str> = bad.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(fields.contains(&"scans/1/offline_reason"), "{fields:?}");
    assert!(fields.contains(&"scans/2/scanned_at"), "{fields:?}");
    assert_eq!(uses(&org, &event, &b).await, 0);
    let too_many: Vec<Value> = (0..1001).map(|_| offline(&b["code"], "N", 1)).collect();
    org.post(
        &format!("/api/v1/events/{event}/door/sync"),
        json!({"scans": too_many}),
    )
    .await
    .assert_problem(422, "validation_failed");
    assert_eq!(uses(&org, &event, &b).await, 0);

    // Uploads are audited with the device time and the arrival time.
    let audit = org
        .get(&format!("/api/v1/events/{event}/audit?action=ticket.scan"))
        .await
        .body;
    let entry = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["details"]["scan_id"] == scan_a["scan_id"])
        .expect("audited")
        .clone();
    assert_eq!(entry["details"]["offline"], true);
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(entry["details"]["scanned_at"].as_str().unwrap())
            .unwrap(),
        chrono::DateTime::parse_from_rfc3339(scan_a["scanned_at"].as_str().unwrap()).unwrap()
    );
    assert_ne!(entry["at"], entry["details"]["scanned_at"]);
    app.stop().await;
}

async fn conflicts_are_ordered_by_scan_time(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("conflict@example.org").await;
    let event = event_now(&org, "Conflicts").await;
    let t = issue(
        &org,
        &event,
        json!({"holder_name": "Twice", "category": "VIP"}),
    )
    .await;
    let device_north = Uuid::new_v4();
    let device_south = Uuid::new_v4();
    // North admitted first (10 minutes ago) but uploads last.
    let north = offline(&t["code"], "North", 10);
    let south = offline(&t["code"], "South", 5);
    let s = sync(
        &org,
        &event,
        json!({"device_id": device_south, "scans": [south.clone()]}),
    )
    .await;
    assert_eq!(s["results"][0]["result"], "admitted");
    assert_eq!(s["conflicts"], json!([]));
    let n = sync(
        &org,
        &event,
        json!({"device_id": device_north, "pending": 0, "scans": [north.clone()]}),
    )
    .await;
    assert_eq!(n["results"][0]["result"], "conflict");
    assert_eq!(n["results"][0]["reason"], "already_used");
    // North made the earlier admission: it is not the one told.
    assert_eq!(n["conflicts"], json!([]));
    assert_eq!(uses(&org, &event, &t).await, 1);

    let list = org
        .get(&format!("/api/v1/events/{event}/door/conflicts"))
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    let items = list.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    let c = &items[0];
    assert_eq!(c["ticket_id"], t["id"]);
    assert_eq!(c["holder_name"], "Twice");
    assert_eq!(c["category"], "VIP");
    assert_eq!(c["reason"], "already_used");
    assert_eq!(c["first"]["gate"], "North");
    assert_eq!(c["first"]["scan_id"], north["scan_id"]);
    assert_eq!(c["first"]["device_id"], device_north.to_string());
    assert_eq!(c["first"]["offline"], true);
    assert_eq!(c["second"]["gate"], "South");
    assert_eq!(c["second"]["scan_id"], south["scan_id"]);
    assert_eq!(c["second"]["device_id"], device_south.to_string());
    assert!(c["first"]["scanned_at"].as_str() < c["second"]["scanned_at"].as_str());

    // South, which made the later admission, is told on its next upload, once.
    let told = sync(
        &org,
        &event,
        json!({"device_id": device_south, "scans": []}),
    )
    .await;
    assert_eq!(told["conflicts"].as_array().unwrap().len(), 1);
    assert_eq!(told["conflicts"][0]["id"], c["id"]);
    let again = sync(
        &org,
        &event,
        json!({"device_id": device_south, "scans": []}),
    )
    .await;
    assert_eq!(again["conflicts"], json!([]));

    // An online admission followed by an earlier offline one: the online one is later.
    let u = issue(&org, &event, json!({"holder_name": "Online"})).await;
    let online_device = Uuid::new_v4();
    let answer = scan(
        &org,
        &event,
        json!({"code": u["code"], "gate": "Main", "device_id": online_device}),
    )
    .await;
    assert_eq!(answer["result"], "admitted");
    let early = sync(
        &org,
        &event,
        json!({"scans": [offline(&u["code"], "Side", 30)]}),
    )
    .await;
    assert_eq!(early["results"][0]["result"], "conflict");
    let c2 = org
        .get(&format!("/api/v1/events/{event}/door/conflicts?limit=1"))
        .await
        .body;
    assert_eq!(c2["items"][0]["first"]["gate"], "Side");
    assert_eq!(c2["items"][0]["second"]["gate"], "Main");
    assert_eq!(c2["items"][0]["second"]["offline"], false);
    assert_eq!(
        c2["items"][0]["second"]["device_id"],
        online_device.to_string()
    );
    let next = c2["next_cursor"].as_str().expect("a second page");
    let page2 = org
        .get(&format!(
            "/api/v1/events/{event}/door/conflicts?limit=1&cursor={next}"
        ))
        .await
        .body;
    assert_eq!(page2["items"][0]["id"], c["id"]);
    assert!(page2["next_cursor"].is_null());

    // A revoked ticket admitted offline is a conflict with no other scan.
    let r = issue(&org, &event, json!({"holder_name": "Revoked"})).await;
    org.post_empty(&format!(
        "/api/v1/events/{event}/tickets/{}/revoke",
        r["id"].as_str().unwrap()
    ))
    .await;
    let rv = sync(
        &org,
        &event,
        json!({"scans": [offline(&r["code"], "Gate", 1)]}),
    )
    .await;
    assert_eq!(rv["results"][0]["result"], "conflict");
    assert_eq!(rv["results"][0]["reason"], "revoked");

    // The server refused a scan online, but its answer came too late: the
    // device had already let the person in. The upload of that scan id is a
    // conflict, recorded once however often it is replayed.
    let late = issue(&org, &event, json!({"holder_name": "Late"})).await;
    scan(&org, &event, json!({"code": late["code"], "gate": "Main"})).await;
    let mut slow = offline(&late["code"], "Back", 0);
    let refused = scan(
        &org,
        &event,
        json!({"code": late["code"], "gate": "Back", "scan_id": slow["scan_id"]}),
    )
    .await;
    assert_eq!(refused["reason"], "already_used");
    slow["scanned_at"] = json!(Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true));
    for replayed in [false, true] {
        let up = sync(&org, &event, json!({"scans": [slow.clone()]})).await;
        assert_eq!(up["results"][0]["result"], "conflict");
        assert_eq!(up["results"][0]["reason"], "already_used");
        assert_eq!(up["results"][0]["replayed"], replayed);
    }
    let newest = org
        .get(&format!("/api/v1/events/{event}/door/conflicts?limit=1"))
        .await
        .body;
    assert_eq!(newest["items"][0]["ticket_id"], late["id"]);
    assert_eq!(newest["items"][0]["first"]["gate"], "Main");
    assert_eq!(newest["items"][0]["second"]["scan_id"], slow["scan_id"]);
    assert_eq!(uses(&org, &event, &late).await, 1);

    let stats = org.get(&format!("/api/v1/events/{event}/stats")).await.body;
    assert_eq!(stats["conflicts"], 4);
    let audit = org
        .get(&format!(
            "/api/v1/events/{event}/audit?action=door.conflict"
        ))
        .await
        .body;
    assert_eq!(audit["items"].as_array().unwrap().len(), 4);
    app.stop().await;
}

async fn door_rights(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("rights@example.org").await;
    let scanner = app.user("door@example.org").await;
    let stranger = app.user("stranger@example.org").await;
    let event = event_now(&org, "Rights").await;
    org.add_member(&event, &scanner, "door@example.org", "scanner")
        .await;
    let t = issue(&org, &event, json!({"holder_name": "T"})).await;

    // A scanner may load the pack and upload; conflicts are for managers.
    assert_eq!(
        pack(&scanner, &event, None).await["tickets"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let up = sync(
        &scanner,
        &event,
        json!({"scans": [offline(&t["code"], "G", 1)]}),
    )
    .await;
    assert_eq!(up["results"][0]["result"], "admitted");
    scanner
        .get(&format!("/api/v1/events/{event}/door/conflicts"))
        .await
        .assert_problem(403, "forbidden");

    // A stranger learns nothing, and changes nothing.
    for path in ["door/pack", "door/conflicts"] {
        stranger
            .get(&format!("/api/v1/events/{event}/{path}"))
            .await
            .assert_problem(404, "not_found");
    }
    stranger
        .post(
            &format!("/api/v1/events/{event}/door/sync"),
            json!({"scans": [offline(&t["code"], "G", 1)]}),
        )
        .await
        .assert_problem(404, "not_found");
    app.client()
        .get(&format!("/api/v1/events/{event}/door/pack"))
        .await
        .assert_problem(401, "unauthenticated");
    assert_eq!(uses(&org, &event, &t).await, 1);
    app.stop().await;
}
