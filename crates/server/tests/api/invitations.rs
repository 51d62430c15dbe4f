//! Invitations that prove themselves, and mail for real: a role is granted
//! only by accepting a one-time link; messages go through a real SMTP server
//! process (aiosmtpd) started by the test.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{Backend, TestApp};
use crate::on_both_backends;
use crate::smtp::SmtpSink;

on_both_backends!(
    registering_an_invited_address_grants_nothing,
    member_add_answers_alike_and_links_work_once,
);

async fn registering_an_invited_address_grants_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let owner = app.user("owner@example.org").await;
    let event = owner.create_event("Staffed", 3).await;
    let res = owner
        .post(
            &format!("/api/v1/events/{event}/members"),
            json!({"email": "alice@corp.example", "role": "manager"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.text);
    let token = res.body["token"].as_str().unwrap().to_owned();
    assert_eq!(res.body["emailed"], false, "no SMTP configured");
    assert_eq!(
        res.body["invite_url"].as_str().unwrap(),
        format!("/invite#{token}")
    );

    // Someone registers Alice's address without holding her mailbox.
    let squatter = app.user("alice@corp.example").await;
    squatter
        .get(&format!("/api/v1/events/{event}"))
        .await
        .assert_problem(404, "not_found");
    let list = squatter.get("/api/v1/events").await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 0);
    let members = owner.get(&format!("/api/v1/events/{event}/members")).await;
    assert_eq!(
        members.body["items"].as_array().unwrap().len(),
        1,
        "only the owner"
    );

    // The real Alice, with the link, accepts from her own account.
    let alice = app.user("alice.personal@example.org").await;
    let res = alice
        .post("/api/v1/invitations/accept", json!({ "token": token }))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.body["role"], "manager");
    assert_eq!(res.body["event_name"], "Staffed");
    assert_eq!(
        alice.get(&format!("/api/v1/events/{event}")).await.body["role"],
        "manager"
    );
    // Once only.
    squatter
        .post("/api/v1/invitations/accept", json!({ "token": token }))
        .await
        .assert_problem(400, "invalid_link");
    let list = owner
        .get(&format!("/api/v1/events/{event}/invitations"))
        .await;
    assert_eq!(list.body["items"][0]["status"], "accepted");
    app.stop().await;
}

fn shape(v: &Value) -> Vec<String> {
    let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

async fn member_add_answers_alike_and_links_work_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let owner = app.user("owner@example.org").await;
    let manager = app.user("manager@example.org").await;
    let known = app.user("known@example.org").await;
    let event = owner.create_event("Alike", 3).await;
    owner
        .add_member(&event, &manager, "manager@example.org", "manager")
        .await;
    let members = format!("/api/v1/events/{event}/members");
    let a = owner
        .post(
            &members,
            json!({"email": "known@example.org", "role": "scanner"}),
        )
        .await;
    let b = owner
        .post(
            &members,
            json!({"email": "unknown@example.org", "role": "scanner"}),
        )
        .await;
    assert_eq!(a.status, b.status);
    assert_eq!(shape(&a.body), shape(&b.body));
    assert_eq!(shape(&a.body["invitation"]), shape(&b.body["invitation"]));
    assert!(
        !a.text.contains("Test Person"),
        "no display name leaks: {}",
        a.text
    );
    assert!(a.body.get("user_id").is_none());

    // Managers invite scanners only.
    manager
        .post(&members, json!({"email": "x@example.org", "role": "owner"}))
        .await
        .assert_problem(403, "forbidden");
    let res = manager
        .post(
            &members,
            json!({"email": "x@example.org", "role": "scanner"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::ACCEPTED);

    // A withdrawn invitation's link is dead.
    let id = a.body["invitation"]["id"].as_str().unwrap();
    let res = owner
        .post_empty(&format!("/api/v1/events/{event}/invitations/{id}/revoke"))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.body["status"], "revoked");
    known
        .post(
            "/api/v1/invitations/accept",
            json!({"token": a.body["token"]}),
        )
        .await
        .assert_problem(400, "invalid_link");

    // An expired one too.
    let sql = match backend {
        Backend::Postgres => "UPDATE invitations SET expires_at = now() - interval '1 second'",
        Backend::Sqlite => "UPDATE invitations SET expires_at = 0",
    };
    app.raw_sql(&[sql]).await;
    known
        .post(
            "/api/v1/invitations/accept",
            json!({"token": b.body["token"]}),
        )
        .await
        .assert_problem(400, "invalid_link");
    // Accepting needs an account; bad input changes nothing.
    app.client()
        .post(
            "/api/v1/invitations/accept",
            json!({"token": b.body["token"]}),
        )
        .await
        .assert_problem(401, "unauthenticated");
    known
        .post("/api/v1/invitations/accept", json!({}))
        .await
        .assert_problem(422, "validation_failed");
    let entries = owner
        .get(&format!("/api/v1/events/{event}/audit?limit=100"))
        .await;
    let actions: Vec<&str> = entries.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for action in [
        "invitation.created",
        "invitation.accepted",
        "invitation.revoked",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    app.stop().await;
}

/// The token after `{path}#` in a message (quoted-printable soft breaks removed).
fn link_token(message: &str, path: &str) -> String {
    let text = message.replace("=\r\n", "").replace("=\n", "");
    let start = text.find(&format!("{path}#")).expect("link in the message") + path.len() + 1;
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_goes_through_smtp_and_verification_makes_admins() {
    let Some(sink) = SmtpSink::start() else {
        return;
    };
    let mut args = sink.flags();
    args.extend(["--admin-emails".into(), "boss@example.org".into()]);
    let app = TestApp::spawn_with(Backend::Sqlite, &args).await;
    let first = app.user("first@example.org").await;
    let boss = app.client();
    let res = boss
        .register("boss@example.org", "Boss", "boss passphrase 1")
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    assert_eq!(res.body["user"]["is_admin"], false);

    let message = sink.wait_for("boss@example.org").await;
    assert!(
        message.contains("From: \"QR Event\" <tickets@example.org>")
            || message.contains("From: QR Event <tickets@example.org>"),
        "{message}"
    );
    assert!(
        message.contains("https://tickets.example.org/verify-email#"),
        "{message}"
    );
    let token = link_token(&message, "/verify-email");
    let res = app
        .client()
        .post("/api/v1/auth/verify-email", json!({ "token": token }))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.body["email_verified"], true);
    assert_eq!(res.body["is_admin"], true, "a configured admin, now proven");
    app.client()
        .post("/api/v1/auth/verify-email", json!({ "token": token }))
        .await
        .assert_problem(400, "invalid_link");
    let me = boss.get("/api/v1/auth/me").await;
    assert_eq!(me.body["user"]["is_admin"], true);

    // Invitations are e-mailed, with the same link the inviter sees.
    let event = first.create_event("Mailed", 3).await;
    let res = first
        .post(
            &format!("/api/v1/events/{event}/members"),
            json!({"email": "volunteer@example.org", "role": "scanner"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.text);
    assert_eq!(res.body["emailed"], true);
    let message = sink.wait_for("volunteer@example.org").await;
    assert!(message.contains("Mailed"), "{message}");
    assert_eq!(
        link_token(&message, "/invite"),
        res.body["token"].as_str().unwrap()
    );
    app.stop().await;
}
