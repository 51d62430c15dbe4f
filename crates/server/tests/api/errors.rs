//! Every error class answers RFC 9457 problem+json with a stable code.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(every_error_class_is_problem_json);

async fn every_error_class_is_problem_json(backend: Backend) {
    let app = TestApp::spawn_with(backend, &["--max-body-bytes", "2048"]).await;
    let web = app.user("err@example.org").await;
    let events = "/api/v1/events";

    // 400 malformed JSON
    let res = app
        .client()
        .send(
            Method::POST,
            "/api/v1/auth/login",
            None,
            &[("content-type", "application/json")],
        )
        .await;
    res.assert_problem(400, "malformed_json");
    let token = web.csrf.lock().unwrap().clone().unwrap();
    let raw = web
        .http
        .post(app.url(events))
        .header("cookie", web.cookie_header())
        .header("x-csrf-token", token)
        .header("content-type", "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), StatusCode::BAD_REQUEST);
    // 401
    app.client()
        .get(events)
        .await
        .assert_problem(401, "unauthenticated");
    // 403
    web.send(
        Method::POST,
        events,
        Some(json!({})),
        &[("x-csrf-token", "nope")],
    )
    .await
    .assert_problem(403, "csrf_failed");
    // 404 for unknown paths too
    web.get("/api/v1/nothing-here")
        .await
        .assert_problem(404, "not_found");
    // 405
    web.send(Method::PUT, events, Some(json!({})), &[])
        .await
        .assert_problem(405, "method_not_allowed");
    // 413
    let big = "x".repeat(4096);
    web.post(events, json!({"name": big}))
        .await
        .assert_problem(413, "payload_too_large");
    // 415
    let res = web
        .send(
            Method::POST,
            events,
            None,
            &[("content-type", "text/plain")],
        )
        .await;
    res.assert_problem(415, "unsupported_media_type");
    // 422 with errors[], including unknown fields
    let res = web
        .post(
            events,
            json!({"name": "x", "starts_at": "2030-01-01T10:00:00Z", "ends_at": "2030-01-01T12:00:00Z", "is_admin": true}),
        )
        .await;
    res.assert_problem(422, "validation_failed");
    assert_eq!(res.body["errors"][0]["field"], "is_admin");
    assert_eq!(res.body["errors"][0]["code"], "unknown_field");
    let res = web
        .post(
            "/api/v1/auth/register",
            json!({"email": "nope", "name": "", "password": "x"}),
        )
        .await;
    res.assert_problem(422, "validation_failed");
    assert_eq!(
        res.body["errors"].as_array().unwrap().len(),
        3,
        "{:?}",
        res.body
    );
    // 409
    let id = web.create_event("Conflicts", 2).await;
    let me = web.get("/api/v1/auth/me").await.body["user"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    web.delete(&format!("/api/v1/events/{id}/members/{me}"))
        .await
        .assert_problem(409, "last_owner");
    // Nothing was created by the refused requests.
    let list = web.get(events).await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
    app.stop().await;
}
