//! Abuse cases a careful attacker tries, closed and kept closed.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::{Backend, TestApp};
use crate::on_both_backends;
use crate::tickets::{event_now, issue};

on_both_backends!(
    exports_neutralise_every_formula_cell,
    sign_in_throttling_cannot_lock_out_the_owner,
    registration_is_throttled_per_client,
    a_code_of_another_event_names_nothing_of_it,
    heavy_work_has_quotas,
    audit_export_streams_every_entry,
    session_keys_rotate_without_signing_anyone_out,
);

async fn exports_neutralise_every_formula_cell(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("org@example.org").await;
    let event = event_now(&org, "Formulas").await;
    // Not an address: refused, nothing stored.
    let res = org
        .post(
            &format!("/api/v1/events/{event}/tickets"),
            json!({"holder_name": "X", "holder_email": "=1+2\"@x.example"}),
        )
        .await;
    res.assert_problem(422, "validation_failed");
    // A real (if odd) address, a name, a category and a gate that a
    // spreadsheet would run.
    let ticket = issue(
        &org,
        &event,
        json!({"holder_name": "@SUM(A1)", "holder_email": "=1+2@x.example",
               "category": "+cmd", "note": "-2+3"}),
    )
    .await;
    let res = org
        .post(
            &format!("/api/v1/events/{event}/scan"),
            json!({"code": ticket["code"], "gate": "=HYPERLINK(\"x\")"}),
        )
        .await;
    assert_eq!(res.body["result"], "admitted", "{}", res.text);
    for path in ["tickets/export.csv", "audit.csv"] {
        let res = org.get(&format!("/api/v1/events/{event}/{path}")).await;
        assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(res.text.as_bytes());
        let mut cells = 0;
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                cells += 1;
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{path}: live cell {cell:?}"
                );
            }
        }
        assert!(cells > 10, "{path} has content");
    }
    app.stop().await;
}

async fn login_from(app: &TestApp, ip: &str, email: &str, password: &str) -> crate::common::Res {
    app.client()
        .send(
            Method::POST,
            "/api/v1/auth/login",
            Some(json!({"email": email, "password": password})),
            &[("x-forwarded-for", ip)],
        )
        .await
}

async fn sign_in_throttling_cannot_lock_out_the_owner(backend: Backend) {
    let app = TestApp::spawn_with(
        backend,
        &[
            "--trusted-proxies",
            "127.0.0.1/32",
            "--login-max-per-account",
            "3",
        ],
    )
    .await;
    let owner = app.user("victim@example.org").await;
    let attacker = "203.0.113.9";
    for _ in 0..3 {
        let res = login_from(&app, attacker, "victim@example.org", "wrong guess").await;
        res.assert_problem(401, "invalid_credentials");
    }
    for _ in 0..10 {
        let res = login_from(&app, attacker, "victim@example.org", "wrong guess").await;
        res.assert_problem(429, "rate_limited");
        assert!(res.headers.get("retry-after").is_some());
    }
    // The owner, from their own network, signs in at once.
    let res = login_from(
        &app,
        "198.51.100.7",
        "victim@example.org",
        "a long enough passphrase",
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    // Ten refused attempts, one audit entry.
    let audit = owner
        .get("/api/v1/admin/audit?action=auth.login_throttled&limit=100")
        .await;
    assert_eq!(audit.status, StatusCode::OK, "{}", audit.text);
    assert_eq!(
        audit.body["items"].as_array().unwrap().len(),
        1,
        "{}",
        audit.text
    );
    app.stop().await;
}

async fn registration_is_throttled_per_client(backend: Backend) {
    let app = TestApp::spawn_with(
        backend,
        &[
            "--trusted-proxies",
            "127.0.0.1/32",
            "--register-max-per-ip",
            "2",
        ],
    )
    .await;
    let register = |ip: &'static str, email: String| {
        let client = app.client();
        async move {
            client
                .send(
                    Method::POST,
                    "/api/v1/auth/register",
                    Some(json!({"email": email, "name": "N", "password": "a long enough passphrase"})),
                    &[("x-forwarded-for", ip)],
                )
                .await
        }
    };
    for i in 0..2 {
        let res = register("203.0.113.9", format!("r{i}@example.org")).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    }
    register("203.0.113.9", "r2@example.org".into())
        .await
        .assert_problem(429, "rate_limited");
    let res = register("198.51.100.7", "r3@example.org".into()).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    app.stop().await;
}

async fn a_code_of_another_event_names_nothing_of_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("org@example.org").await;
    let other_org = app.user("other@example.org").await;
    let event = event_now(&org, "Ours").await;
    let theirs = event_now(&other_org, "Theirs").await;
    let foreign = issue(&other_org, &theirs, json!({"holder_name": "Them"})).await;
    let res = org
        .post(
            &format!("/api/v1/events/{event}/scan"),
            json!({"code": foreign["code"]}),
        )
        .await;
    assert_eq!(res.body["reason"], "wrong_event", "{}", res.text);
    let res = org
        .post(
            &format!("/api/v1/events/{event}/door/sync"),
            json!({"scans": [{
                "scan_id": uuid::Uuid::new_v4(), "code": foreign["code"], "mode": "check_in",
                "scanned_at": chrono::Utc::now().to_rfc3339(), "offline_result": "rejected",
                "offline_reason": "wrong_event",
            }]}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let audit = org
        .get(&format!("/api/v1/events/{event}/audit?limit=100"))
        .await;
    let text = audit.text.clone();
    let foreign_ticket = foreign["id"].as_str().unwrap();
    assert!(text.contains("wrong_event"), "{text}");
    assert!(
        !text.contains(foreign_ticket),
        "the other event's ticket leaks: {text}"
    );
    assert!(
        !text.contains(theirs.as_str()),
        "the other event's id leaks: {text}"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_clears_site_data_and_csp_reports_are_taken() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let web = app.user("ada@example.org").await;
    let res = web.post_empty("/api/v1/auth/logout").await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert_eq!(res.headers["clear-site-data"], "\"cookies\"");

    let page = app.client().get("/healthz").await;
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("report-uri /api/csp-report"), "{csp}");
    // The browser posts reports itself: no cookie, no CSRF token, any origin.
    let http = reqwest::Client::new();
    let report = json!({"csp-report": {
        "document-uri": "https://tickets.example.org/scan/x?secret=1",
        "violated-directive": "script-src", "blocked-uri": "https://evil.example/x.js"}});
    for _ in 0..40 {
        let res = http
            .post(app.url("/api/csp-report"))
            .header("content-type", "application/csp-report")
            .header("origin", "null")
            .body(report.to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
    }
    let res = http
        .post(app.url("/api/csp-report"))
        .header("content-type", "application/csp-report")
        .body(vec![b' '; 64 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE, "bounded");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_not_public() {
    let open = TestApp::spawn(Backend::Sqlite).await;
    let http = reqwest::Client::new();
    let local = http.get(open.url("/metrics")).send().await.unwrap();
    assert_eq!(local.status(), StatusCode::OK, "a direct local scrape");
    let proxied = http
        .get(open.url("/metrics"))
        .header("x-forwarded-for", "203.0.113.9")
        .send()
        .await
        .unwrap();
    assert_eq!(proxied.status(), StatusCode::NOT_FOUND, "through a proxy");
    open.stop().await;

    let guarded = TestApp::spawn_with(
        Backend::Sqlite,
        &["--metrics-token", "scrape-me-0123456789"],
    )
    .await;
    let res = http.get(guarded.url("/metrics")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = http
        .get(guarded.url("/metrics"))
        .bearer_auth("scrape-me-0123456789")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("http_requests"));
    guarded.stop().await;
}

async fn heavy_work_has_quotas(backend: Backend) {
    let app = TestApp::spawn_with(
        backend,
        &[
            "--quota-events-per-day",
            "2",
            "--quota-tickets-per-day",
            "5",
            "--quota-public-per-minute",
            "3",
            "--quota-imports-per-hour",
            "2",
        ],
    )
    .await;
    let org = app.user("org@example.org").await;
    let event = event_now(&org, "One").await;
    event_now(&org, "Two").await;
    let now = chrono::Utc::now();
    let res = org
        .post(
            "/api/v1/events",
            json!({"name": "Three", "starts_at": now.to_rfc3339(),
                   "ends_at": (now + chrono::Duration::hours(2)).to_rfc3339(),
                   "venue": "V", "timezone": "UTC"}),
        )
        .await;
    res.assert_problem(429, "quota_exceeded");
    assert!(
        res.body["detail"]
            .as_str()
            .unwrap()
            .contains("2 new events a day"),
        "{}",
        res.text
    );
    assert!(res.headers.get("retry-after").is_some());
    // Another account has its own quota.
    let other = app.user("other@example.org").await;
    event_now(&other, "Theirs").await;

    // Tickets: a batch that would pass the quota is refused whole.
    let ticket = issue(&org, &event, json!({"holder_name": "A"})).await;
    let batch = format!("/api/v1/events/{event}/tickets/batch");
    org.post(&batch, json!({"count": 5, "category": "G"}))
        .await
        .assert_problem(429, "quota_exceeded");
    let res = org.post(&batch, json!({"count": 4, "category": "G"})).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    let list = org
        .get(&format!("/api/v1/events/{event}/tickets?limit=100"))
        .await;
    assert_eq!(
        list.body["items"].as_array().unwrap().len(),
        5,
        "nothing half-issued"
    );

    // CSV imports, dry runs included.
    let import = format!("/api/v1/events/{event}/tickets/import?dry_run=true");
    for _ in 0..2 {
        let res = org
            .send(Method::POST, &import, None, &[("content-type", "text/csv")])
            .await;
        assert_ne!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.text);
    }
    org.send(Method::POST, &import, None, &[("content-type", "text/csv")])
        .await
        .assert_problem(429, "quota_exceeded");

    // Attendee pages, by client address.
    let path = ticket["attendee_path"].as_str().unwrap();
    let key = path.rsplit('/').next().unwrap();
    let page = format!("/api/v1/public/tickets/{key}");
    let visitor = app.client();
    for _ in 0..3 {
        assert_eq!(visitor.get(&page).await.status, StatusCode::OK);
    }
    visitor
        .get(&page)
        .await
        .assert_problem(429, "quota_exceeded");
    app.stop().await;
}

async fn audit_export_streams_every_entry(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("org@example.org").await;
    let event = event_now(&org, "Long history").await;
    let mut scan_ids = Vec::new();
    for batch in [1_000, 600] {
        let scans: Vec<_> = (0..batch)
            .map(|_| {
                let id = uuid::Uuid::new_v4();
                scan_ids.push(id.to_string());
                json!({"scan_id": id, "code": "not a code", "mode": "check_in",
                       "scanned_at": chrono::Utc::now().to_rfc3339(),
                       "offline_result": "rejected", "offline_reason": "invalid_code"})
            })
            .collect();
        let res = org
            .post(
                &format!("/api/v1/events/{event}/door/sync"),
                json!({ "scans": scans }),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    }
    let res = org.get(&format!("/api/v1/events/{event}/audit.csv")).await;
    assert_eq!(res.status, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(res.text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(
        rows.len() > 1_600,
        "every entry, over several pages: {}",
        rows.len()
    );
    for id in &scan_ids {
        let found = rows.iter().filter(|r| r[8].contains(id.as_str())).count();
        assert_eq!(found, 1, "scan {id} exported once");
    }
    // Newest first, as the list.
    assert!(rows.first().unwrap()[1] >= rows.last().unwrap()[1]);
    // Rights are checked before the first byte.
    let stranger = app.user("stranger@example.org").await;
    stranger
        .get(&format!("/api/v1/events/{event}/audit.csv"))
        .await
        .assert_problem(404, "not_found");
    app.stop().await;
}

/// The `kid` in the header of the access cookie.
fn access_kid(client: &crate::common::Client) -> String {
    use base64::Engine;
    let token = client.cookie("__Host-qre_access").expect("signed in");
    let header = token.split('.').next().unwrap();
    let header: serde_json::Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(header)
            .unwrap(),
    )
    .unwrap();
    header["kid"].as_str().unwrap().to_owned()
}

async fn session_keys_rotate_without_signing_anyone_out(backend: Backend) {
    let app = TestApp::spawn_with(backend, &["--key-reload-secs", "1"]).await;
    let active = app.user("active@example.org").await;
    let idle = app.client();
    let res = idle
        .login("active@example.org", "a long enough passphrase")
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let event = event_now(&active, "Rotation").await;
    let ticket = issue(&active, &event, json!({"holder_name": "Ada"})).await;
    let key = ticket["attendee_path"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let page = format!("/api/v1/public/tickets/{key}");

    let (old, new) = app.rotate_session_key().await;
    assert_eq!(access_kid(&active), old);
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
    // Grace: tokens and CSRF tokens of the previous key still work.
    assert_eq!(active.get("/api/v1/auth/me").await.status, StatusCode::OK);
    event_now(&active, "During the grace").await;
    // New sessions, and refreshed ones, use the new key.
    let fresh = app.client();
    assert_eq!(
        fresh
            .login("active@example.org", "a long enough passphrase")
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(access_kid(&fresh), new);
    assert_eq!(
        active.post_empty("/api/v1/auth/refresh").await.status,
        StatusCode::OK
    );
    assert_eq!(access_kid(&active), new);

    app.retire_session_key(&old).await;
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
    event_now(&active, "After retirement").await;
    idle.get("/api/v1/auth/me")
        .await
        .assert_problem(401, "unauthenticated");
    // Printed tickets are not session tokens: their links still work.
    assert_eq!(app.client().get(&page).await.status, StatusCode::OK);
    app.stop().await;
}
