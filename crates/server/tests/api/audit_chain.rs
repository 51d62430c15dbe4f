//! The audit log is sealed into hash chains; tampering is detected by the
//! API and by `qr-event audit verify`.

use reqwest::StatusCode;
use serde_json::json;

use crate::common::{run_cli, Backend, TestApp};
use crate::on_both_backends;
use crate::tickets::{event_now, issue, scan};

on_both_backends!(tampering_is_detected);

pub(crate) async fn wait_sealed(org: &crate::common::Client, event: &str) -> serde_json::Value {
    for _ in 0..50 {
        let status = org
            .get(&format!("/api/v1/events/{event}/audit/verify"))
            .await;
        assert_eq!(status.status, StatusCode::OK, "{:?}", status.body);
        if status.body["unsealed_entries"] == 0 && status.body["seals"].as_u64().unwrap() > 0 {
            return status.body;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    panic!("audit entries were not sealed in time");
}

async fn tampering_is_detected(backend: Backend) {
    let app = TestApp::spawn_with(backend, &["--audit-seal-secs", "1"]).await;
    let org = app.user("chain@example.org").await;
    let event = event_now(&org, "Chain").await;
    let ticket = issue(
        &org,
        &event,
        json!({"holder_name": "Chained", "max_uses": 3}),
    )
    .await;
    for _ in 0..3 {
        scan(&org, &event, json!({"code": ticket["code"]})).await;
    }
    let status = wait_sealed(&org, &event).await;
    assert_eq!(status["intact"], true, "{status}");
    assert!(status["sealed_entries"].as_u64().unwrap() >= 5);

    let mut verify: Vec<String> = vec!["audit".into(), "verify".into()];
    verify.extend(app.storage_args());
    let (ok, out) = run_cli(&verify);
    assert!(ok, "{out}");
    assert!(out.contains(&format!("ok      {event}")), "{out}");

    // The database refuses changes to the log...
    let refused = app
        .try_raw_sql(&["UPDATE audit_log SET outcome = 'success' WHERE action = 'ticket.scan'"])
        .await;
    assert!(refused.is_err(), "the append-only trigger refuses UPDATE");
    assert!(
        app.try_raw_sql(&["DELETE FROM audit_seals"]).await.is_err(),
        "seals are append-only too"
    );

    // ...so an attacker with database rights disables it first.
    let tamper: &[&str] = match backend {
        Backend::Postgres => &[
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete",
            "UPDATE audit_log SET details = jsonb_set(details, '{gate}', '\"forged\"')
             WHERE id = (SELECT id FROM audit_log WHERE action = 'ticket.scan' ORDER BY id LIMIT 1)",
            "ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete",
        ],
        Backend::Sqlite => &[
            "DROP TRIGGER audit_log_no_update",
            "UPDATE audit_log SET details = json_set(details, '$.gate', 'forged')
             WHERE id = (SELECT min(id) FROM audit_log WHERE action = 'ticket.scan')",
        ],
    };
    app.raw_sql(tamper).await;

    let status = org
        .get(&format!("/api/v1/events/{event}/audit/verify"))
        .await;
    assert_eq!(status.body["intact"], false, "{:?}", status.body);
    assert_eq!(status.body["problem"], "an entry was altered");
    let (ok, out) = run_cli(&verify);
    assert!(!ok, "verify must fail: {out}");
    assert!(out.contains(&format!("BROKEN  {event}")), "{out}");

    // The instance-wide check (administrators) sees it too.
    let all = org.get("/api/v1/admin/audit/verify").await;
    assert!(all
        .body
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["chain"] == event.as_str() && c["intact"] == false));
    app.stop().await;
}
