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

/// The web UI: precompressed files by negotiation, app pages served as the
/// shell (also when the browser's copy is current), caching per kind.
#[tokio::test]
async fn web_ui_files_shell_and_caching() {
    use std::io::Write;
    let dir = std::env::temp_dir().join(format!("qre-web-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    let html = "<!doctype html><title>QR Event</title>";
    std::fs::write(dir.join("index.html"), html).unwrap();
    let js = "console.log('door');".repeat(50);
    std::fs::write(dir.join("assets/app-1a2b3c.js"), &js).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(js.as_bytes()).unwrap();
    std::fs::write(dir.join("assets/app-1a2b3c.js.gz"), gz.finish().unwrap()).unwrap();
    std::fs::write(
        dir.join("sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();
    let app = TestApp::spawn_with(Backend::Sqlite, &["--web-dir", dir.to_str().unwrap()]).await;
    let web = app.client();
    let header = |res: &crate::common::Res, name: &str| {
        res.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };

    // A hashed asset: the gzip sibling when accepted, cached for good.
    let asset = web
        .send(
            reqwest::Method::GET,
            "/assets/app-1a2b3c.js",
            None,
            &[("accept-encoding", "gzip")],
        )
        .await;
    assert_eq!(asset.status, StatusCode::OK);
    assert_eq!(header(&asset, "content-encoding"), "gzip");
    assert!(header(&asset, "vary").contains("accept-encoding"));
    assert!(header(&asset, "cache-control").contains("immutable"));
    let head = web
        .send(reqwest::Method::HEAD, "/assets/app-1a2b3c.js", None, &[])
        .await;
    assert!(
        header(&head, "cache-control").contains("immutable"),
        "HEAD too"
    );
    let plain = web.get("/assets/app-1a2b3c.js").await;
    assert_eq!(plain.text, js);
    assert_eq!(header(&plain, "content-encoding"), "");

    // An app page is the shell; revalidated, it answers 304, never an error.
    let page = web.get("/scan/0192f1e4-0000-7000-8000-000000000000").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text, html);
    assert_eq!(header(&page, "cache-control"), "no-cache");
    let modified = header(&page, "last-modified");
    assert!(!modified.is_empty());
    let again = web
        .send(
            reqwest::Method::GET,
            "/t/some-attendee-key",
            None,
            &[("if-modified-since", modified.as_str())],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);

    // The service worker is revalidated on every load; missing files are 404.
    let sw = web.get("/sw.js").await;
    assert_eq!(sw.status, StatusCode::OK);
    assert_eq!(header(&sw, "cache-control"), "no-cache");
    web.get("/assets/missing-000.js")
        .await
        .assert_problem(404, "not_found");
    app.stop().await;
    std::fs::remove_dir_all(dir).ok();
}
