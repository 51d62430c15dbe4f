use reqwest::StatusCode;

use crate::common::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(health_metrics_openapi_and_headers);

async fn health_metrics_openapi_and_headers(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let web = app.client();
    let health = web.get("/healthz").await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.body["status"], "ok");
    let ready = web.get("/readyz").await;
    assert_eq!(ready.status, StatusCode::OK);

    // Security headers on every response, no-store on the API.
    let res = web.get("/api/v1/auth/me").await;
    let csp = res.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(res.headers["x-content-type-options"], "nosniff");
    assert_eq!(res.headers["referrer-policy"], "no-referrer");
    assert!(res.headers["permissions-policy"]
        .to_str()
        .unwrap()
        .contains("camera=(self)"));
    assert_eq!(res.headers["cache-control"], "no-store");
    assert!(
        res.headers.get("strict-transport-security").is_none(),
        "no HSTS over plain HTTP"
    );

    let doc = web.get("/api/openapi.json").await;
    assert_eq!(doc.status, StatusCode::OK);
    assert!(doc.body["paths"]["/api/v1/events/{id}/members"]["post"].is_object());
    let page = web.get("/api/docs").await;
    assert!(page.text.contains("/api/docs/docs.js") && !page.text.contains("<script>"));

    let metrics = web.get("/metrics").await;
    assert_eq!(metrics.status, StatusCode::OK);
    assert!(
        metrics.text.contains(
            "http_requests_total{method=\"GET\",route=\"/api/v1/auth/me\",status=\"401\"}"
        ),
        "{}",
        metrics.text
    );
    assert!(metrics
        .text
        .contains("http_request_duration_seconds_bucket"));
    app.stop().await;
}

#[tokio::test]
async fn hsts_behind_a_trusted_tls_proxy() {
    let app = TestApp::spawn_with(Backend::Sqlite, &["--trusted-proxies", "127.0.0.1/32"]).await;
    let web = app.client();
    let res = web
        .send(
            reqwest::Method::GET,
            "/healthz",
            None,
            &[
                ("x-forwarded-proto", "https"),
                ("x-forwarded-for", "203.0.113.5"),
            ],
        )
        .await;
    assert!(res.headers["strict-transport-security"]
        .to_str()
        .unwrap()
        .contains("max-age="));
    // The forwarded client address is the one audited.
    let res = web
        .send(
            reqwest::Method::POST,
            "/api/v1/auth/login",
            Some(serde_json::json!({"email": "ghost@example.org", "password": "whatever12"})),
            &[("x-forwarded-for", "203.0.113.5")],
        )
        .await;
    res.assert_problem(401, "invalid_credentials");
    let audit = app
        .storage
        .audit
        .list(&qr_event_storage::AuditQuery {
            action: Some("auth.login_failed".into()),
            limit: 5,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(audit[0].client_ip.as_deref(), Some("203.0.113.5"));
    app.stop().await;
}
