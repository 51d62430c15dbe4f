use std::collections::HashSet;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{Backend, Client, TestApp};
use crate::on_both_backends;

on_both_backends!(
    every_reason_code,
    retries_are_idempotent_and_reentry_counts,
    revoke_and_reissue,
    key_rotation_and_retirement,
    time_windows_honour_clock_skew,
    any_single_character_tampering_is_refused,
    csv_import_dry_run_and_all_or_nothing,
    scanners_are_confined,
    batch_issue_and_listing,
    rendering_public_page_and_exports,
    stats_follow_the_scans,
);

pub async fn event_now(client: &Client, name: &str) -> String {
    let now = chrono::Utc::now();
    let res = client
        .post(
            "/api/v1/events",
            json!({
                "name": name,
                "starts_at": (now - chrono::Duration::hours(1)).to_rfc3339(),
                "ends_at": (now + chrono::Duration::hours(4)).to_rfc3339(),
                "venue": "Hall",
                "timezone": "Europe/Paris",
            }),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    res.body["id"].as_str().unwrap().to_owned()
}

pub async fn issue(client: &Client, event: &str, body: Value) -> Value {
    let res = client
        .post(&format!("/api/v1/events/{event}/tickets"), body)
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    res.body
}

pub async fn scan(client: &Client, event: &str, body: Value) -> Value {
    let res = client
        .post(&format!("/api/v1/events/{event}/scan"), body)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    res.body
}

fn reason(answer: &Value) -> Option<&str> {
    answer["reason"].as_str()
}

async fn every_reason_code(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("door@example.org").await;
    let event = event_now(&org, "Gala").await;
    let other = event_now(&org, "Other").await;
    let now = chrono::Utc::now();

    let ticket = issue(
        &org,
        &event,
        json!({"holder_name": "Ada", "category": "VIP", "holder_email": "ada@example.org"}),
    )
    .await;
    let code = ticket["code"].as_str().unwrap();
    assert!(code.starts_with("QRE1:") && code.len() < 200, "{code}");
    assert_eq!(ticket["max_uses"], 1);
    assert_eq!(ticket["status"], "active");

    let verify = scan(&org, &event, json!({"code": code, "mode": "verify"})).await;
    assert_eq!(verify["result"], "admitted", "{verify}");
    let first = scan(&org, &event, json!({"code": code, "gate": "North"})).await;
    assert_eq!(first["result"], "admitted", "{first}");
    assert!(first["reason"].is_null());
    assert_eq!(first["ticket"]["holder_name"], "Ada");
    assert_eq!(first["ticket"]["category"], "VIP");
    let again = scan(&org, &event, json!({"code": code, "gate": "South"})).await;
    assert_eq!(again["result"], "rejected");
    assert_eq!(reason(&again), Some("already_used"));
    assert_eq!(again["ticket"]["first_gate"], "North");
    assert!(again["ticket"]["first_used_at"].is_string());
    assert_eq!(
        reason(&scan(&org, &event, json!({"code": code, "mode": "verify"})).await),
        Some("already_used")
    );

    let revoked = issue(&org, &event, json!({"holder_name": "Rev"})).await;
    let res = org
        .post_empty(&format!(
            "/api/v1/events/{event}/tickets/{}/revoke",
            revoked["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        reason(&scan(&org, &event, json!({"code": revoked["code"]})).await),
        Some("revoked")
    );

    let later = issue(
        &org,
        &event,
        json!({"holder_name": "Later", "valid_from": (now + chrono::Duration::hours(2)).to_rfc3339()}),
    )
    .await;
    assert_eq!(
        reason(&scan(&org, &event, json!({"code": later["code"]})).await),
        Some("not_yet_valid")
    );
    let past = issue(
        &org,
        &event,
        json!({"holder_name": "Past", "valid_from": (now - chrono::Duration::hours(3)).to_rfc3339(),
               "valid_until": (now - chrono::Duration::hours(2)).to_rfc3339()}),
    )
    .await;
    assert_eq!(
        reason(&scan(&org, &event, json!({"code": past["code"]})).await),
        Some("expired")
    );

    let elsewhere = issue(&org, &other, json!({"holder_name": "Elsewhere"})).await;
    let wrong = scan(&org, &event, json!({"code": elsewhere["code"]})).await;
    assert_eq!(reason(&wrong), Some("wrong_event"));
    assert!(
        wrong["ticket"].is_null(),
        "nothing of the other event is revealed"
    );
    // The other event's ticket was not consumed.
    assert_eq!(
        scan(&org, &other, json!({"code": elsewhere["code"]})).await["result"],
        "admitted"
    );

    for garbage in [
        "",
        "hello",
        "QRE1:",
        &code.to_lowercase(),
        &format!("{code}A"),
        &code[..code.len() - 1],
    ] {
        let answer = scan(&org, &event, json!({"code": garbage})).await;
        assert_eq!(reason(&answer), Some("invalid_code"), "{garbage:?}");
        assert!(answer["ticket"].is_null());
    }

    // Every scan is in the audit log, with reason, gate and scanner; never the full code.
    let audit = org
        .get(&format!(
            "/api/v1/events/{event}/audit?action=ticket.scan&limit=100"
        ))
        .await;
    let items = audit.body["items"].as_array().unwrap();
    let reasons: HashSet<String> = items
        .iter()
        .map(|e| {
            e["details"]["reason"]
                .as_str()
                .unwrap_or("admitted")
                .to_owned()
        })
        .collect();
    for expected in [
        "admitted",
        "already_used",
        "revoked",
        "not_yet_valid",
        "expired",
        "wrong_event",
        "invalid_code",
    ] {
        assert!(
            reasons.contains(expected),
            "{expected} missing in {reasons:?}"
        );
    }
    assert!(items
        .iter()
        .all(|e| e["actor_id"].is_string() && e["client_ip"] == "127.0.0.1"));
    assert!(items
        .iter()
        .any(|e| e["details"]["gate"] == "North" && e["outcome"] == "success"));
    assert!(
        !audit.text.contains(code),
        "the audit log never holds a full code"
    );
    app.stop().await;
}

async fn retries_are_idempotent_and_reentry_counts(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("retry@example.org").await;
    let event = event_now(&org, "Retry").await;
    let ticket = issue(&org, &event, json!({"holder_name": "Multi", "max_uses": 3})).await;
    let code = ticket["code"].as_str().unwrap();
    let scan_id = uuid::Uuid::new_v4().to_string();

    let first = scan(&org, &event, json!({"code": code, "scan_id": scan_id})).await;
    assert_eq!(first["result"], "admitted");
    assert_eq!(first["replayed"], false);
    let retry = scan(&org, &event, json!({"code": code, "scan_id": scan_id})).await;
    assert_eq!(retry["result"], "admitted");
    assert_eq!(retry["replayed"], true);
    assert_eq!(retry["scan_id"], scan_id.as_str());
    let after = org
        .get(&format!(
            "/api/v1/events/{event}/tickets/{}",
            ticket["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(after.body["uses"], 1, "a retry counts once");

    assert_eq!(
        scan(&org, &event, json!({"code": code})).await["ticket"]["uses"],
        2
    );
    assert_eq!(
        scan(&org, &event, json!({"code": code})).await["ticket"]["uses"],
        3
    );
    let fourth = scan(&org, &event, json!({"code": code})).await;
    assert_eq!(reason(&fourth), Some("already_used"));
    assert_eq!(fourth["ticket"]["uses"], 3);

    // A retry of a refused scan repeats the refusal.
    let refused_id = uuid::Uuid::new_v4().to_string();
    let refused = scan(&org, &event, json!({"code": code, "scan_id": refused_id})).await;
    let again = scan(&org, &event, json!({"code": code, "scan_id": refused_id})).await;
    assert_eq!(reason(&refused), reason(&again));
    assert_eq!(again["replayed"], true);

    let scans = app
        .storage
        .audit
        .list(&qr_event_storage::AuditQuery {
            event_id: Some(qr_event_domain::EventId(event.parse().unwrap())),
            action: Some("ticket.scan".into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(scans.len(), 5, "retries are not audited twice");
    app.stop().await;
}

async fn revoke_and_reissue(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("reissue@example.org").await;
    let event = event_now(&org, "Reissue").await;
    let ticket = issue(
        &org,
        &event,
        json!({"holder_name": "Lost Phone", "category": "Staff"}),
    )
    .await;
    let id = ticket["id"].as_str().unwrap();
    let res = org
        .post_empty(&format!("/api/v1/events/{event}/tickets/{id}/reissue"))
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    let new = res.body;
    assert_ne!(new["id"], ticket["id"]);
    assert_ne!(new["code"], ticket["code"]);
    assert_eq!(new["holder_name"], "Lost Phone");
    assert_eq!(new["category"], "Staff");
    assert_eq!(
        reason(&scan(&org, &event, json!({"code": ticket["code"]})).await),
        Some("revoked")
    );
    assert_eq!(
        scan(&org, &event, json!({"code": new["code"]})).await["result"],
        "admitted"
    );
    let old = org
        .get(&format!("/api/v1/events/{event}/tickets/{id}"))
        .await;
    assert_eq!(old.body["status"], "revoked");
    assert_eq!(old.body["replaced_by"], new["id"]);
    org.post_empty(&format!("/api/v1/events/{event}/tickets/{id}/revoke"))
        .await
        .assert_problem(409, "ticket_revoked");
    org.post_empty(&format!("/api/v1/events/{event}/tickets/{id}/reissue"))
        .await
        .assert_problem(409, "ticket_revoked");
    org.post_empty(&format!(
        "/api/v1/events/{event}/tickets/{}/revoke",
        uuid::Uuid::new_v4()
    ))
    .await
    .assert_problem(404, "not_found");
    // An event with tickets cannot be deleted.
    org.delete(&format!("/api/v1/events/{event}"))
        .await
        .assert_problem(409, "event_has_tickets");
    app.stop().await;
}

async fn key_rotation_and_retirement(backend: Backend) {
    let app = TestApp::spawn_with(backend, &["--key-reload-secs", "1"]).await;
    let org = app.user("keys@example.org").await;
    let event = event_now(&org, "Keys").await;
    let before = issue(
        &org,
        &event,
        json!({"holder_name": "Old Key", "max_uses": 5}),
    )
    .await;
    let old_code = before["code"].as_str().unwrap().to_owned();

    let old_kid = app.rotate_qr_key().await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let after = issue(&org, &event, json!({"holder_name": "New Key"})).await;
    let new_code = after["code"].as_str().unwrap().to_owned();
    assert_ne!(&old_code[5..], &new_code[5..]);
    // The old ticket now renders with the new key, and the old printed code still works.
    let rerendered = org
        .get(&format!(
            "/api/v1/events/{event}/tickets/{}",
            before["id"].as_str().unwrap()
        ))
        .await;
    assert_ne!(rerendered.body["code"].as_str().unwrap(), old_code);
    assert_eq!(
        scan(&org, &event, json!({"code": old_code})).await["result"],
        "admitted"
    );

    app.retire_qr_key(&old_kid).await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(
        reason(&scan(&org, &event, json!({"code": old_code})).await),
        Some("invalid_code")
    );
    assert_eq!(
        scan(&org, &event, json!({"code": new_code})).await["result"],
        "admitted"
    );
    assert_eq!(
        scan(&org, &event, json!({"code": rerendered.body["code"]})).await["result"],
        "admitted"
    );
    app.stop().await;
}

async fn time_windows_honour_clock_skew(backend: Backend) {
    let app = TestApp::spawn_with(backend, &["--scan-clock-skew-secs", "60"]).await;
    let org = app.user("skew@example.org").await;
    let event = event_now(&org, "Skew").await;
    let now = chrono::Utc::now();
    let just_ended = issue(
        &org,
        &event,
        json!({"holder_name": "Late", "valid_from": (now - chrono::Duration::hours(1)).to_rfc3339(),
               "valid_until": (now - chrono::Duration::seconds(20)).to_rfc3339()}),
    )
    .await;
    assert_eq!(
        scan(&org, &event, json!({"code": just_ended["code"]})).await["result"],
        "admitted"
    );
    let long_ended = issue(
        &org,
        &event,
        json!({"holder_name": "Too late", "valid_from": (now - chrono::Duration::hours(1)).to_rfc3339(),
               "valid_until": (now - chrono::Duration::seconds(300)).to_rfc3339()}),
    )
    .await;
    assert_eq!(
        reason(&scan(&org, &event, json!({"code": long_ended["code"]})).await),
        Some("expired")
    );
    let almost = issue(
        &org,
        &event,
        json!({"holder_name": "Early", "valid_from": (now + chrono::Duration::seconds(20)).to_rfc3339()}),
    )
    .await;
    assert_eq!(
        scan(&org, &event, json!({"code": almost["code"]})).await["result"],
        "admitted"
    );
    // Defaults: the event window widened by the margin.
    let default = issue(&org, &event, json!({"holder_name": "Default"})).await;
    let ev = org.get(&format!("/api/v1/events/{event}")).await.body;
    let start: chrono::DateTime<chrono::Utc> = ev["starts_at"].as_str().unwrap().parse().unwrap();
    let from: chrono::DateTime<chrono::Utc> =
        default["valid_from"].as_str().unwrap().parse().unwrap();
    assert_eq!(start - from, chrono::Duration::hours(2));
    app.stop().await;
}

async fn any_single_character_tampering_is_refused(backend: Backend) {
    let app = TestApp::spawn_with(backend, &["--scans-per-minute", "100000"]).await;
    let org = app.user("tamper@example.org").await;
    let event = event_now(&org, "Tamper").await;
    let ticket = issue(
        &org,
        &event,
        json!({"holder_name": "Target", "max_uses": 1000}),
    )
    .await;
    let code: Vec<char> = ticket["code"].as_str().unwrap().chars().collect();
    for i in 0..code.len() {
        let mut forged = code.clone();
        forged[i] = if forged[i] == 'A' { 'B' } else { 'A' };
        let forged: String = forged.into_iter().collect();
        let answer = scan(&org, &event, json!({"code": forged, "mode": "verify"})).await;
        assert_eq!(reason(&answer), Some("invalid_code"), "position {i}");
    }
    let fresh = org
        .get(&format!(
            "/api/v1/events/{event}/tickets/{}",
            ticket["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(fresh.body["uses"], 0);
    app.stop().await;
}

async fn csv_import_dry_run_and_all_or_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("csv@example.org").await;
    let event = event_now(&org, "Import").await;
    let path = format!("/api/v1/events/{event}/tickets/import");
    let bad = "holder_name,holder_email,category,max_uses\nAda,ada@example.org,VIP,1\n,nobody@example.org,,1\nBob,not-an-email,,x\nCy,,,2\n";
    let send = |query: &'static str, body: &'static str| {
        let org = &org;
        let path = path.clone();
        async move {
            let token = org.csrf.lock().unwrap().clone().unwrap();
            let res = org
                .http
                .post(format!("{}{}{}", org.base, path, query))
                .header("cookie", org.cookie_header())
                .header("x-csrf-token", token)
                .header("content-type", "text/csv")
                .body(body)
                .send()
                .await
                .unwrap();
            let status = res.status();
            let body: Value = res.json().await.unwrap();
            (status, body)
        }
    };
    let (status, report) = send("?dry_run=true", bad).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["rows"], 4);
    assert_eq!(report["imported"], 0);
    let errors: Vec<(u64, String)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["field"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let mut sorted = errors.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        vec![
            (3, "holder_name".to_owned()),
            (4, "holder_email".to_owned()),
            (4, "max_uses".to_owned())
        ],
        "{report}"
    );
    assert_eq!(errors.len(), 3, "{report}");
    let (status, problem) = send("", bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["code"], "validation_failed");
    assert_eq!(problem["errors"].as_array().unwrap().len(), 3);
    assert_eq!(problem["errors"][0]["line"], 3);
    let list = org.get(&format!("/api/v1/events/{event}/tickets")).await;
    assert_eq!(
        list.body["items"].as_array().unwrap().len(),
        0,
        "nothing imported"
    );

    let (status, done) = send("", "holder_name,category,max_uses\nAda,VIP,1\nCy,,2\n").await;
    assert_eq!(status, StatusCode::CREATED, "{done}");
    assert_eq!(done["imported"], 2);
    let list = org.get(&format!("/api/v1/events/{event}/tickets")).await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 2);
    let (status, header) = send("", "name,email\nA,b\n").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(header["errors"][0]["code"], "unknown_column");
    let res = org
        .send(reqwest::Method::POST, &path, Some(json!({})), &[])
        .await;
    res.assert_problem(415, "unsupported_media_type");
    app.stop().await;
}

async fn scanners_are_confined(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("boss@example.org").await;
    let scanner = app.user("scan@example.org").await;
    let a = event_now(&org, "A").await;
    let b = event_now(&org, "B").await;
    org.add_member(&a, &scanner, "scan@example.org", "scanner")
        .await;
    let ta = issue(
        &org,
        &a,
        json!({"holder_name": "In A", "holder_email": "private@holder.example", "note": "secret note"}),
    )
    .await;
    let tb = issue(&org, &b, json!({"holder_name": "In B"})).await;
    let tb_id = tb["id"].as_str().unwrap();

    // Event B does not exist for the scanner.
    scanner
        .post(
            &format!("/api/v1/events/{b}/scan"),
            json!({"code": tb["code"]}),
        )
        .await
        .assert_problem(404, "not_found");
    scanner
        .get(&format!("/api/v1/events/{b}/tickets"))
        .await
        .assert_problem(404, "not_found");
    scanner
        .get(&format!("/api/v1/events/{b}/tickets/export.csv"))
        .await
        .assert_problem(404, "not_found");
    scanner
        .get(&format!("/api/v1/events/{b}/tickets/{tb_id}"))
        .await
        .assert_problem(404, "not_found");
    // At event A: scanning yes; issuing, revoking, rendering, stats no.
    assert_eq!(
        scan(&scanner, &a, json!({"code": ta["code"], "gate": "G1"})).await["result"],
        "admitted"
    );
    let ta_id = ta["id"].as_str().unwrap();
    scanner
        .post(
            &format!("/api/v1/events/{a}/tickets"),
            json!({"holder_name": "x"}),
        )
        .await
        .assert_problem(403, "forbidden");
    scanner
        .post(
            &format!("/api/v1/events/{a}/tickets/batch"),
            json!({"count": 2}),
        )
        .await
        .assert_problem(403, "forbidden");
    scanner
        .post_empty(&format!("/api/v1/events/{a}/tickets/{ta_id}/revoke"))
        .await
        .assert_problem(403, "forbidden");
    scanner
        .post_empty(&format!("/api/v1/events/{a}/tickets/{ta_id}/reissue"))
        .await
        .assert_problem(403, "forbidden");
    scanner
        .get(&format!("/api/v1/events/{a}/tickets/{ta_id}/qr.svg"))
        .await
        .assert_problem(403, "forbidden");
    scanner
        .get(&format!("/api/v1/events/{a}/stats"))
        .await
        .assert_problem(403, "forbidden");
    // Scanners may look tickets up by name: no code, link, e-mail address or
    // note, and no way to probe addresses through the search either.
    let list = scanner.get(&format!("/api/v1/events/{a}/tickets")).await;
    assert_eq!(list.status, StatusCode::OK);
    let item = &list.body["items"][0];
    assert!(item["code"].is_null() && item["access_key"].is_null());
    assert!(item["holder_email"].is_null(), "{item}");
    assert_eq!(item["note"], "");
    assert!(!list.text.contains("private@holder.example") && !list.text.contains("secret note"));
    let one = scanner
        .get(&format!("/api/v1/events/{a}/tickets/{ta_id}"))
        .await;
    assert!(!one.text.contains("private@holder.example") && !one.text.contains("secret note"));
    let by_name = scanner
        .get(&format!("/api/v1/events/{a}/tickets?q=in%20a"))
        .await;
    assert_eq!(by_name.body["items"].as_array().unwrap().len(), 1);
    let by_address = scanner
        .get(&format!("/api/v1/events/{a}/tickets?q=private%40holder"))
        .await;
    assert_eq!(by_address.body["items"], json!([]));
    let org_search = org
        .get(&format!("/api/v1/events/{a}/tickets?q=private%40holder"))
        .await;
    assert_eq!(org_search.body["items"].as_array().unwrap().len(), 1);
    scanner
        .get(&format!("/api/v1/events/{a}/tickets/export.csv"))
        .await
        .assert_problem(403, "forbidden");
    let full = org
        .get(&format!("/api/v1/events/{a}/tickets/export.csv"))
        .await;
    assert!(full.text.contains(ta["code"].as_str().unwrap()));
    // A stranger sees nothing at all.
    let stranger = app.user("nobody@example.org").await;
    stranger
        .post(
            &format!("/api/v1/events/{a}/scan"),
            json!({"code": ta["code"]}),
        )
        .await
        .assert_problem(404, "not_found");
    app.stop().await;
}

async fn batch_issue_and_listing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("bulk@example.org").await;
    let event = event_now(&org, "Bulk").await;
    let res = org
        .post(
            &format!("/api/v1/events/{event}/tickets/batch"),
            json!({"count": 1500, "category": "Floor"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    assert_eq!(res.body["issued"], 1500);
    let res = org
        .post(
            &format!("/api/v1/events/{event}/tickets/batch"),
            json!({"tickets": [{"holder_name": "Ok"}, {"holder_name": ""}, {"holder_name": "Also", "max_uses": 0}]}),
        )
        .await;
    res.assert_problem(422, "validation_failed");
    let fields: Vec<&str> = res.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["tickets[1].holder_name", "tickets[2].max_uses"]);
    org.post(
        &format!("/api/v1/events/{event}/tickets/batch"),
        json!({"count": 100001}),
    )
    .await
    .assert_problem(422, "validation_failed");
    org.post(&format!("/api/v1/events/{event}/tickets/batch"), json!({}))
        .await
        .assert_problem(422, "validation_failed");

    let mut seen = HashSet::new();
    let mut cursor = String::new();
    loop {
        let page = org
            .get(&format!(
                "/api/v1/events/{event}/tickets?limit=100&cursor={cursor}"
            ))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{:?}", page.body);
        for t in page.body["items"].as_array().unwrap() {
            assert!(seen.insert(t["id"].as_str().unwrap().to_owned()));
        }
        match page.body["next_cursor"].as_str() {
            Some(c) => cursor = c.to_owned(),
            None => break,
        }
    }
    assert_eq!(seen.len(), 1500, "no ticket lost or repeated across pages");
    // The CSV export streams page by page: more than one page comes out whole.
    let res = org
        .post(
            &format!("/api/v1/events/{event}/tickets/batch"),
            json!({"count": 4000, "category": "Balcony"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    let csv = org
        .get(&format!("/api/v1/events/{event}/tickets/export.csv"))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let lines: Vec<&str> = csv.text.lines().collect();
    assert_eq!(lines.len(), 5501, "header and every ticket once");
    let ids: HashSet<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids.len(), 5500);
    assert!(
        lines[1..].iter().all(|l| l.contains("QRE1:")),
        "owners get every code"
    );
    let found = org
        .get(&format!("/api/v1/events/{event}/tickets?q=floor%20149"))
        .await;
    assert_eq!(
        found.body["items"].as_array().unwrap().len(),
        11,
        "Floor 149 and Floor 1490–1499"
    );
    app.stop().await;
}

async fn rendering_public_page_and_exports(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("render@example.org").await;
    let event = event_now(&org, "Render").await;
    org.get(&format!("/api/v1/events/{event}/tickets.pdf"))
        .await
        .assert_problem(409, "no_tickets");
    let ticket = issue(
        &org,
        &event,
        json!({"holder_name": "Zoë Ärger", "category": "VIP"}),
    )
    .await;
    let id = ticket["id"].as_str().unwrap();
    let base = format!("/api/v1/events/{event}/tickets/{id}");

    let svg = org.get(&format!("{base}/qr.svg?size=256&margin=2")).await;
    assert_eq!(svg.status, StatusCode::OK);
    assert_eq!(svg.headers["content-type"], "image/svg+xml");
    assert!(svg.text.contains("<svg") && !svg.text.contains("style="));
    let png = org
        .http
        .get(app.url(&format!("{base}/qr.png")))
        .header("cookie", org.cookie_header())
        .send()
        .await
        .unwrap();
    assert_eq!(png.headers()["content-type"], "image/png");
    assert!(png.bytes().await.unwrap().starts_with(b"\x89PNG"));
    org.get(&format!("{base}/qr.svg?size=10"))
        .await
        .assert_problem(422, "validation_failed");
    org.get(&format!("{base}/qr.svg?ec=Z"))
        .await
        .assert_problem(422, "validation_failed");
    let pdf = org
        .http
        .get(app.url(&format!("{base}/ticket.pdf")))
        .header("cookie", org.cookie_header())
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"));
    let all = org
        .http
        .get(app.url(&format!("/api/v1/events/{event}/tickets.pdf")))
        .header("cookie", org.cookie_header())
        .send()
        .await
        .unwrap();
    assert_eq!(all.status(), StatusCode::OK);

    // The attendee page: no login, nothing but this ticket.
    let key = ticket["access_key"].as_str().unwrap();
    assert_eq!(ticket["attendee_path"], format!("/t/{key}"));
    assert!(!ticket["code"].as_str().unwrap().contains(key));
    let anonymous = app.client();
    let public = anonymous
        .get(&format!("/api/v1/public/tickets/{key}"))
        .await;
    assert_eq!(public.status, StatusCode::OK, "{:?}", public.body);
    assert_eq!(public.body["holder_name"], "Zoë Ärger");
    assert_eq!(public.body["event_name"], "Render");
    assert_eq!(public.body["code"], ticket["code"]);
    assert!(public.body.get("holder_email").is_none() && public.body.get("note").is_none());
    assert_eq!(
        anonymous
            .get(&format!("/api/v1/public/tickets/{key}/qr.svg"))
            .await
            .status,
        StatusCode::OK
    );
    let ics = anonymous
        .get(&format!("/api/v1/public/tickets/{key}/event.ics"))
        .await;
    assert!(ics.text.starts_with("BEGIN:VCALENDAR") && ics.text.contains("SUMMARY:Render"));
    anonymous
        .get("/api/v1/public/tickets/AAAAAAAA")
        .await
        .assert_problem(404, "not_found");
    // Rotating the link kills the old one.
    let rotated = org.post_empty(&format!("{base}/access-key")).await;
    assert_ne!(rotated.body["access_key"].as_str().unwrap(), key);
    anonymous
        .get(&format!("/api/v1/public/tickets/{key}"))
        .await
        .assert_problem(404, "not_found");
    let new_key = rotated.body["access_key"].as_str().unwrap();
    org.post_empty(&format!("{base}/revoke")).await;
    let revoked = anonymous
        .get(&format!("/api/v1/public/tickets/{new_key}"))
        .await;
    assert_eq!(revoked.body["status"], "revoked");
    assert!(revoked.body["code"].is_null());

    let audit = org
        .get(&format!("/api/v1/events/{event}/audit?limit=100"))
        .await;
    let actions: HashSet<&str> = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for a in [
        "ticket.issued",
        "ticket.rendered",
        "ticket.access_rotated",
        "ticket.revoked",
    ] {
        assert!(actions.contains(a), "{a} missing: {actions:?}");
    }
    let filtered = org
        .get(&format!(
            "/api/v1/events/{event}/audit?subject={id}&action=ticket.rendered"
        ))
        .await;
    assert_eq!(
        filtered.body["items"].as_array().unwrap().len(),
        3,
        "svg, png, pdf"
    );
    app.stop().await;
}

async fn stats_follow_the_scans(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("stats@example.org").await;
    let event = event_now(&org, "Stats").await;
    let a = issue(&org, &event, json!({"holder_name": "A", "max_uses": 2})).await;
    let b = issue(&org, &event, json!({"holder_name": "B"})).await;
    issue(&org, &event, json!({"holder_name": "C"})).await;
    scan(&org, &event, json!({"code": a["code"], "gate": "North"})).await;
    scan(&org, &event, json!({"code": a["code"], "gate": "South"})).await;
    scan(&org, &event, json!({"code": b["code"], "gate": "North"})).await;
    scan(&org, &event, json!({"code": b["code"], "gate": "North"})).await;
    scan(&org, &event, json!({"code": "junk"})).await;
    org.post_empty(&format!(
        "/api/v1/events/{event}/tickets/{}/revoke",
        b["id"].as_str().unwrap()
    ))
    .await;
    let s = org.get(&format!("/api/v1/events/{event}/stats")).await.body;
    assert_eq!(s["issued"], 3);
    assert_eq!(s["active"], 2);
    assert_eq!(s["revoked"], 1);
    assert_eq!(s["admitted"], 3);
    assert_eq!(s["unique_in"], 2);
    let rejected: Vec<(String, u64)> = s["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["label"].as_str().unwrap().to_owned(),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        rejected.contains(&("already_used".into(), 1))
            && rejected.contains(&("invalid_code".into(), 1)),
        "{rejected:?}"
    );
    let gates: Vec<(String, u64)> = s["per_gate"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["label"].as_str().unwrap().to_owned(),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(gates, vec![("North".into(), 2), ("South".into(), 1)]);
    let per_minute: u64 = s["per_minute"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["count"].as_u64().unwrap())
        .sum();
    assert_eq!(per_minute, 3);
    app.stop().await;
}
