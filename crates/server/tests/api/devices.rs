//! Door devices over HTTP: enrolment by a one-time link, a session that can
//! do the door of one event and nothing else, revocation seen at once by
//! every instance, and the door's name search.

use std::collections::HashMap;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{on, Backend, Client, ServerProcess, TestApp};
use crate::on_both_backends;
use crate::tickets::{event_now, issue};

on_both_backends!(
    enrol_then_scan_is_attributed_to_the_device,
    enrolment_links_work_once_and_expire,
    a_device_can_do_the_door_and_nothing_else,
    revocation_holds_on_every_instance,
    device_sessions_rotate_and_detect_reuse,
    door_search_finds_names_only_and_is_throttled,
    names_stay_off_the_door_when_the_event_says_so,
);

pub async fn create_device(org: &Client, event: &str, body: Value) -> Value {
    let res = org
        .post(&format!("/api/v1/events/{event}/devices"), body)
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    res.body
}

/// A device created by `org` for `event` with `body`, and the fresh browser
/// enrolled as it: the device's id and the phone.
pub async fn enrolled(app: &TestApp, org: &Client, event: &str, body: Value) -> (String, Client) {
    let created = create_device(org, event, body).await;
    let id = created["device"]["id"].as_str().unwrap().to_owned();
    (
        id,
        enrol(app, created["enrol_token"].as_str().unwrap()).await,
    )
}

/// A fresh browser that enrols with `token`.
pub async fn enrol(app: &TestApp, token: &str) -> Client {
    let phone = app.client();
    let res = phone
        .post("/api/v1/devices/enrol", json!({ "token": token }))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    phone
}

async fn audit_actions(org: &Client, event: &str) -> Vec<Value> {
    let res = org
        .get(&format!("/api/v1/events/{event}/audit?limit=100"))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    res.body["items"].as_array().unwrap().clone()
}

async fn enrol_then_scan_is_attributed_to_the_device(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("org@example.org").await;
    let event = event_now(&org, "Festival").await;
    let ticket = issue(
        &org,
        &event,
        json!({"holder_name": "Ada", "holder_email": "ada@secret.example"}),
    )
    .await;

    let created = create_device(
        &org,
        &event,
        json!({"name": "North phone", "gate": "North", "mode": "check_in"}),
    )
    .await;
    let token = created["enrol_token"].as_str().unwrap();
    assert!(token.len() >= 43, "at least 256 bits, base64url");
    assert_eq!(
        created["enrol_url"].as_str().unwrap(),
        format!("/door/enrol#{token}")
    );
    assert_eq!(created["device"]["status"], "pending");
    let device_id = created["device"]["id"].as_str().unwrap().to_owned();

    let phone = app.client();
    let res = phone
        .post("/api/v1/devices/enrol", json!({ "token": token }))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.body["device"]["id"], device_id.as_str());
    assert_eq!(res.body["device"]["event_id"], event.as_str());
    assert_eq!(res.body["device"]["gate"], "North");
    assert_eq!(res.body["event"]["name"], "Festival");
    let cookies = res.set_cookies().join("\n");
    for name in [
        "__Host-qre_device=",
        "__Host-qre_device_refresh=",
        "__Host-qre_device_csrf=",
    ] {
        assert!(cookies.contains(name), "{cookies}");
    }
    for line in res.set_cookies() {
        assert!(
            line.contains("SameSite=Strict") && line.contains("Secure"),
            "{line}"
        );
        if !line.starts_with("__Host-qre_device_csrf") {
            assert!(line.contains("HttpOnly"), "{line}");
        }
    }
    let me = phone.get("/api/v1/devices/me").await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text);
    assert_eq!(me.body["device"]["name"], "North phone");

    // The phone scans; the gate is the device's whatever the request says.
    let res = phone
        .post(
            &format!("/api/v1/events/{event}/scan"),
            json!({"code": ticket["code"], "gate": "Somewhere else"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.body["result"], "admitted");
    assert!(!res.text.contains("secret.example"), "{}", res.text);
    let got = org
        .get(&format!(
            "/api/v1/events/{event}/tickets/{}",
            ticket["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(got.body["first_gate"], "North");

    let entries = audit_actions(&org, &event).await;
    let scan = entries
        .iter()
        .find(|e| e["action"] == "ticket.scan")
        .expect("scan audited");
    assert_eq!(scan["details"]["device_id"], device_id.as_str());
    assert_eq!(scan["details"]["gate"], "North");
    assert!(scan["actor_id"].is_null(), "no account scanned: {scan}");
    for action in ["device.created", "device.enrolled"] {
        assert!(
            entries.iter().any(|e| e["action"] == action),
            "{action} audited"
        );
    }

    // A code that is no ticket of this event is counted as a scan too.
    let res = phone
        .post(
            &format!("/api/v1/events/{event}/scan"),
            json!({"code": "not a ticket"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.body["reason"], "invalid_code");

    // An offline upload is attributed to the device too.
    let later = issue(&org, &event, json!({"holder_name": "Bob"})).await;
    let res = phone
        .post(
            &format!("/api/v1/events/{event}/door/sync"),
            json!({"pending": 2, "app_version": "web-1.2.3", "scans": [{
                "scan_id": uuid::Uuid::new_v4(), "code": later["code"], "mode": "check_in",
                "scanned_at": chrono::Utc::now().to_rfc3339(), "offline_result": "admitted",
            }]}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.body["results"][0]["result"], "admitted");

    let list = org.get(&format!("/api/v1/events/{event}/devices")).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    let d = &list.body["items"][0];
    assert_eq!(d["status"], "active");
    assert_eq!(d["scans_today"], 3);
    assert_eq!(d["pending_scans"], 2);
    assert_eq!(d["app_version"], "web-1.2.3");
    assert!(d["last_seen_at"].is_string());
    assert!(d["enrol_expires_at"].is_null(), "the link was spent");
    app.stop().await;
}

async fn enrolment_links_work_once_and_expire(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("org@example.org").await;
    let event = event_now(&org, "Festival").await;
    let other = event_now(&org, "Other").await;
    let created = create_device(
        &org,
        &event,
        json!({"name": "A", "gate": "G", "mode": "verify"}),
    )
    .await;
    let token = created["enrol_token"].as_str().unwrap().to_owned();
    let device_id = created["device"]["id"].as_str().unwrap().to_owned();
    enrol(&app, &token).await;

    // Spent: a second phone is refused and the refusal is audited.
    let again = app
        .client()
        .post("/api/v1/devices/enrol", json!({ "token": token }))
        .await;
    again.assert_problem(400, "invalid_link");
    let garbage = app
        .client()
        .post("/api/v1/devices/enrol", json!({ "token": "not-a-token" }))
        .await;
    garbage.assert_problem(400, "invalid_link");

    // Another event's path names no such device.
    org.post_empty(&format!(
        "/api/v1/events/{other}/devices/{device_id}/enrolment"
    ))
    .await
    .assert_problem(404, "not_found");

    // A re-issued link works once and expires.
    let reissued = org
        .post_empty(&format!(
            "/api/v1/events/{event}/devices/{device_id}/enrolment"
        ))
        .await;
    assert_eq!(reissued.status, StatusCode::OK, "{}", reissued.text);
    let fresh = reissued.body["enrol_token"].as_str().unwrap().to_owned();
    assert_ne!(fresh, token);
    let sql = match backend {
        Backend::Postgres => format!(
            "UPDATE door_devices SET enrol_expires_at = now() - interval '1 second' WHERE id = '{device_id}'"
        ),
        Backend::Sqlite => format!(
            "UPDATE door_devices SET enrol_expires_at = 0 WHERE id = X'{}'",
            device_id.replace('-', "")
        ),
    };
    app.raw_sql(&[&sql]).await;
    app.client()
        .post("/api/v1/devices/enrol", json!({ "token": fresh }))
        .await
        .assert_problem(400, "invalid_link");
    let entries = audit_actions(&org, &event).await;
    assert!(entries
        .iter()
        .any(|e| e["action"] == "device.enrolment_issued"));
    app.stop().await;
}

async fn a_device_can_do_the_door_and_nothing_else(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("org@example.org").await;
    let event = event_now(&org, "Festival").await;
    let other = event_now(&org, "Other").await;
    let ticket = issue(&org, &event, json!({"holder_name": "Ada"})).await;
    let other_ticket = issue(&org, &other, json!({"holder_name": "Eve"})).await;
    let (_, phone) = enrolled(
        &app,
        &org,
        &event,
        json!({"name": "V", "gate": "G", "mode": "verify"}),
    )
    .await;

    // The door of its event works (verify only for a verify device).
    let res = phone
        .post(
            &format!("/api/v1/events/{event}/scan"),
            json!({"code": ticket["code"], "mode": "verify"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let res = phone
        .post(
            &format!("/api/v1/events/{event}/scan"),
            json!({"code": ticket["code"]}),
        )
        .await;
    res.assert_problem(403, "forbidden");
    assert_eq!(
        phone
            .get(&format!("/api/v1/events/{event}/door/pack"))
            .await
            .status,
        StatusCode::OK
    );

    // Everything else answers as for a stranger.
    for path in [
        "/api/v1/events".to_owned(),
        format!("/api/v1/events/{event}"),
        format!("/api/v1/events/{event}/tickets"),
        format!(
            "/api/v1/events/{event}/tickets/{}",
            ticket["id"].as_str().unwrap()
        ),
        format!("/api/v1/events/{event}/tickets/export.csv"),
        format!("/api/v1/events/{event}/members"),
        format!("/api/v1/events/{event}/devices"),
        format!("/api/v1/events/{event}/audit"),
        format!("/api/v1/events/{event}/door/conflicts"),
        "/api/v1/auth/me".to_owned(),
    ] {
        let res = phone.get(&path).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{path}: {}", res.text);
    }
    let res = phone
        .post(
            &format!("/api/v1/events/{event}/members"),
            json!({"email": "x@example.org", "role": "owner"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{}", res.text);
    let res = phone
        .post(
            &format!("/api/v1/events/{event}/devices"),
            json!({"name": "x", "gate": "g", "mode": "check_in"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{}", res.text);

    // Another event's door is not there.
    for res in [
        phone
            .get(&format!("/api/v1/events/{other}/door/pack"))
            .await,
        phone
            .post(
                &format!("/api/v1/events/{other}/scan"),
                json!({"code": other_ticket["code"], "mode": "verify"}),
            )
            .await,
        phone
            .get(&format!("/api/v1/events/{other}/door/search?q=Eve"))
            .await,
    ] {
        res.assert_problem(404, "not_found");
    }

    // A device token is not a user token, and the device CSRF token is required.
    let access = phone.cookie("__Host-qre_device").unwrap();
    let forged = app.client();
    forged.set_cookie("__Host-qre_access", &access);
    assert_eq!(
        forged.get("/api/v1/events").await.status,
        StatusCode::UNAUTHORIZED
    );
    let res = phone
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/events/{event}/scan"),
            Some(json!({"code": ticket["code"], "mode": "verify"})),
            &[("x-csrf-token", "nope")],
        )
        .await;
    res.assert_problem(403, "csrf_failed");
    app.stop().await;
}

async fn revocation_holds_on_every_instance(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let second = ServerProcess::start(&app, &[]);
    let org = app.user("org@example.org").await;
    let event = event_now(&org, "Festival").await;
    let ticket = issue(&org, &event, json!({"holder_name": "Ada"})).await;
    let created = create_device(
        &org,
        &event,
        json!({"name": "P", "gate": "G", "mode": "check_in"}),
    )
    .await;
    let device_id = created["device"]["id"].as_str().unwrap().to_owned();
    let phone = enrol(&app, created["enrol_token"].as_str().unwrap()).await;
    let phone_b = on(&second.base, &phone);
    assert_eq!(
        phone_b.get("/api/v1/devices/me").await.status,
        StatusCode::OK
    );
    assert_eq!(
        phone_b
            .get(&format!("/api/v1/events/{event}/door/pack"))
            .await
            .status,
        StatusCode::OK
    );

    let res = org
        .post_empty(&format!(
            "/api/v1/events/{event}/devices/{device_id}/revoke"
        ))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.body["status"], "revoked");

    for client in [&phone, &phone_b] {
        client
            .get("/api/v1/devices/me")
            .await
            .assert_problem(401, "device_revoked");
        client
            .post(
                &format!("/api/v1/events/{event}/scan"),
                json!({"code": ticket["code"]}),
            )
            .await
            .assert_problem(401, "device_revoked");
        client
            .get(&format!("/api/v1/events/{event}/door/pack"))
            .await
            .assert_problem(401, "device_revoked");
    }
    let res = phone_b.post_empty("/api/v1/devices/refresh").await;
    res.assert_problem(401, "device_revoked");
    assert!(res
        .set_cookies()
        .iter()
        .any(|c| c.starts_with("__Host-qre_device=;")));
    // A revoked device cannot be given a new link.
    org.post_empty(&format!(
        "/api/v1/events/{event}/devices/{device_id}/enrolment"
    ))
    .await
    .assert_problem(409, "device_ended");
    let entries = audit_actions(&org, &event).await;
    assert!(entries.iter().any(|e| e["action"] == "device.revoked"));

    // An expired device is signed out the same way.
    let (expiring, phone) = enrolled(
        &app,
        &org,
        &event,
        json!({"name": "Q", "gate": "G", "mode": "check_in"}),
    )
    .await;
    let sql = match backend {
        Backend::Postgres => format!(
            "UPDATE door_devices SET expires_at = now() - interval '1 second' WHERE id = '{expiring}'"
        ),
        Backend::Sqlite => format!(
            "UPDATE door_devices SET expires_at = 0 WHERE id = X'{}'",
            expiring.replace('-', "")
        ),
    };
    app.raw_sql(&[&sql]).await;
    phone
        .get("/api/v1/devices/me")
        .await
        .assert_problem(401, "device_revoked");
    let list = org.get(&format!("/api/v1/events/{event}/devices")).await;
    let statuses: HashMap<String, String> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_owned(),
                d["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(statuses[&device_id], "revoked");
    assert_eq!(statuses[&expiring], "expired");
    drop(second);
    app.stop().await;
}

async fn device_sessions_rotate_and_detect_reuse(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("org@example.org").await;
    let event = event_now(&org, "Festival").await;
    let (device_id, phone) = enrolled(
        &app,
        &org,
        &event,
        json!({"name": "P", "gate": "G", "mode": "check_in"}),
    )
    .await;
    let first = phone.cookie("__Host-qre_device_refresh").unwrap();

    // The answer carrying the next token was lost: the same token works
    // again once, as long as its successor was never used.
    let res = phone.post_empty("/api/v1/devices/refresh").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let lost = phone.cookie("__Host-qre_device_refresh").unwrap();
    assert_ne!(lost, first);
    phone.set_cookie("__Host-qre_device_refresh", &first);
    assert_eq!(
        phone.post_empty("/api/v1/devices/refresh").await.status,
        StatusCode::OK
    );
    assert_eq!(
        phone.post_empty("/api/v1/devices/refresh").await.status,
        StatusCode::OK
    );
    assert_eq!(phone.get("/api/v1/devices/me").await.status, StatusCode::OK);

    // An older token shows theft: the session ends.
    let thief = app.client();
    thief.set_cookie("__Host-qre_device_refresh", &first);
    thief
        .post_empty("/api/v1/devices/refresh")
        .await
        .assert_problem(401, "device_revoked");
    phone
        .get("/api/v1/devices/me")
        .await
        .assert_problem(401, "device_revoked");
    let entries = audit_actions(&org, &event).await;
    assert!(entries
        .iter()
        .any(|e| e["action"] == "device.refresh_reuse"));

    // A new link re-enrols the device; the old phone stays signed out.
    let reissued = org
        .post_empty(&format!(
            "/api/v1/events/{event}/devices/{device_id}/enrolment"
        ))
        .await;
    let new_phone = enrol(&app, reissued.body["enrol_token"].as_str().unwrap()).await;
    assert_eq!(
        new_phone.get("/api/v1/devices/me").await.status,
        StatusCode::OK
    );
    phone
        .get("/api/v1/devices/me")
        .await
        .assert_problem(401, "device_revoked");
    app.stop().await;
}

async fn door_search_finds_names_only_and_is_throttled(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("org@example.org").await;
    let event = event_now(&org, "Festival").await;
    for i in 0..7 {
        issue(
            &org,
            &event,
            json!({"holder_name": format!("Martin {i}"), "holder_email": format!("m{i}@secret.example"), "note": "private"}),
        )
        .await;
    }
    issue(
        &org,
        &event,
        json!({"holder_name": "Zoe", "holder_email": "martin@secret.example"}),
    )
    .await;
    let (_, phone) = enrolled(
        &app,
        &org,
        &event,
        json!({"name": "P", "gate": "G", "mode": "check_in"}),
    )
    .await;

    let res = phone
        .get(&format!("/api/v1/events/{event}/door/search?q=martin"))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let items = res.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 5, "a handful");
    assert!(items
        .iter()
        .all(|t| t["holder_name"].as_str().unwrap().starts_with("Martin")));
    assert!(!res.text.contains("secret.example") && !res.text.contains("private"));
    assert_eq!(items[0]["status"], "active");
    assert_eq!(items[0]["uses"], 0);

    phone
        .get(&format!("/api/v1/events/{event}/door/search?q=m"))
        .await
        .assert_problem(422, "validation_failed");
    // Owners use the same search.
    assert_eq!(
        org.get(&format!("/api/v1/events/{event}/door/search?q=zoe"))
            .await
            .body["items"][0]["holder_name"],
        "Zoe"
    );
    // The person is let in by name, with the rules of a scan.
    let chosen = items[0]["ticket_id"].as_str().unwrap().to_owned();
    let admit = format!("/api/v1/events/{event}/door/admit");
    let res = phone.post(&admit, json!({ "ticket_id": chosen })).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.body["result"], "admitted");
    assert!(!res.text.contains("secret.example"));
    let res = phone.post(&admit, json!({ "ticket_id": chosen })).await;
    assert_eq!(res.body["reason"], "already_used");
    let res = phone
        .post(&admit, json!({ "ticket_id": uuid::Uuid::new_v4() }))
        .await;
    assert_eq!(res.body["reason"], "invalid_code");
    phone
        .post(&admit, json!({ "ticket_id": "nope" }))
        .await
        .assert_problem(422, "validation_failed");
    let mut throttled = false;
    for _ in 0..25 {
        let res = phone
            .get(&format!("/api/v1/events/{event}/door/search?q=martin"))
            .await;
        if res.status == StatusCode::TOO_MANY_REQUESTS {
            assert!(res.headers.get("retry-after").is_some());
            throttled = true;
            break;
        }
    }
    assert!(throttled, "searches are throttled per caller");
    let entries = audit_actions(&org, &event).await;
    let search = entries
        .iter()
        .find(|e| e["action"] == "door.search")
        .expect("audited");
    assert!(
        !search.to_string().contains("martin"),
        "the query is not kept: {search}"
    );
    let manual = entries
        .iter()
        .find(|e| e["action"] == "ticket.scan" && e["outcome"] == "success")
        .expect("manual admission audited");
    assert_eq!(manual["details"]["manual"], true, "{manual}");
    assert_eq!(manual["subject"], chosen.as_str());
    app.stop().await;
}

async fn names_stay_off_the_door_when_the_event_says_so(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("org@example.org").await;
    let scanner = app.user("scan@example.org").await;
    let event = event_now(&org, "Discreet").await;
    org.add_member(&event, &scanner, "scan@example.org", "scanner")
        .await;
    let res = org
        .patch(
            &format!("/api/v1/events/{event}"),
            json!({"door_names": false}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let (_, phone) = enrolled(
        &app,
        &org,
        &event,
        json!({"name": "P", "gate": "G", "mode": "check_in"}),
    )
    .await;
    let scan = format!("/api/v1/events/{event}/scan");
    for client in [&phone, &scanner] {
        let ticket = issue(&org, &event, json!({"holder_name": "Private Person"})).await;
        let res = client
            .post(&scan, json!({"code": ticket["code"], "mode": "verify"}))
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
        assert!(res.body["ticket"]["id"].is_string());
        assert!(!res.text.contains("Private Person"), "{}", res.text);
        client
            .get(&format!("/api/v1/events/{event}/door/search?q=private"))
            .await
            .assert_problem(403, "forbidden");
    }
    // Organisers still see names.
    let ticket = issue(&org, &event, json!({"holder_name": "Private Person"})).await;
    let res = org
        .post(&scan, json!({"code": ticket["code"], "mode": "verify"}))
        .await;
    assert_eq!(res.body["ticket"]["holder_name"], "Private Person");
    app.stop().await;
}
