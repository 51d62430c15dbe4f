use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    register_login_me_logout,
    cookies_have_secure_attributes,
    refresh_rotates_and_reuse_revokes_the_family,
    bad_access_tokens_are_refused,
    csrf_is_required_and_cross_site_refused,
    login_is_throttled_per_account_and_per_ip,
    password_change_revokes_every_session,
    unknown_user_and_wrong_password_answer_alike,
    closed_registration_admits_only_invited,
);

async fn register_login_me_logout(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let web = app.client();

    let res = web
        .register("ada@example.org", "Ada", "analytical engine")
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    assert_eq!(res.body["user"]["email"], "ada@example.org");
    assert_eq!(
        res.body["user"]["is_admin"], true,
        "first account is the instance admin"
    );
    // The session token travels in its cookie only. (Random values in the
    // body, such as the CSRF token, may contain any letters: look for the
    // token itself and for anything shaped like a JWT.)
    let token = web.cookie("__Host-qre_access").expect("access cookie");
    let jwt_shaped = |s: &str| s.starts_with("eyJ") && s.matches('.').count() == 2;
    let strings = res.text.split('"').filter(|s| jwt_shaped(s)).count();
    assert!(
        res.body.get("access_token").is_none() && !res.text.contains(&token) && strings == 0,
        "no token in the body"
    );

    let me = web.get("/api/v1/auth/me").await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["user"]["name"], "Ada");
    assert!(me.body["csrf_token"].is_string());

    let res = web.post_empty("/api/v1/auth/logout").await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert!(res
        .cookie("__Host-qre_access")
        .unwrap()
        .contains("Max-Age=0"));
    web.get("/api/v1/auth/me")
        .await
        .assert_problem(401, "unauthenticated");

    let second = app.client();
    let res = second.login("ADA@example.org", "analytical engine").await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    assert_eq!(second.get("/api/v1/auth/me").await.status, StatusCode::OK);
    let other = app.client();
    let res = other
        .register("bob@example.org", "Bob", "difference engine")
        .await;
    assert_eq!(
        res.body["user"]["is_admin"], false,
        "only the first account is admin"
    );
    other
        .register("ada@example.org", "Ada 2", "analytical engine")
        .await
        .assert_problem(422, "validation_failed");

    // A logged-out session stays dead even with the old cookies replayed.
    let old_access = second.cookie("__Host-qre_access").unwrap();
    assert_eq!(
        second.post_empty("/api/v1/auth/logout").await.status,
        StatusCode::NO_CONTENT
    );
    second.set_cookie("__Host-qre_access", &old_access);
    second
        .get("/api/v1/auth/me")
        .await
        .assert_problem(401, "unauthenticated");

    // The audit log holds the story, with client address and request id.
    let audit = web_admin(&app)
        .await
        .get("/api/v1/admin/audit?limit=100")
        .await;
    assert_eq!(audit.status, StatusCode::OK, "{:?}", audit.body);
    let actions: Vec<&str> = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for action in ["auth.register", "auth.login", "auth.logout"] {
        assert!(
            actions.contains(&action),
            "{action} missing from {actions:?}"
        );
    }
    let entry = &audit.body["items"][0];
    assert_eq!(entry["client_ip"], "127.0.0.1");
    assert!(entry["request_id"].is_string());
    app.stop().await;
}

async fn web_admin(app: &TestApp) -> crate::common::Client {
    let admin = app.client();
    assert_eq!(
        admin
            .login("ada@example.org", "analytical engine")
            .await
            .status,
        StatusCode::OK
    );
    admin
}

async fn cookies_have_secure_attributes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let res = app
        .client()
        .register("c@example.org", "C", "cookie monster 42")
        .await;
    let access = res.cookie("__Host-qre_access").expect("access cookie");
    for attr in [
        "HttpOnly",
        "Secure",
        "SameSite=Strict",
        "Path=/",
        "Max-Age=600",
    ] {
        assert!(access.contains(attr), "{attr} missing in {access}");
    }
    assert!(
        !access.contains("Domain"),
        "__Host- cookies carry no Domain"
    );
    let refresh = res.cookie("__Host-qre_refresh").expect("refresh cookie");
    for attr in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(refresh.contains(attr), "{attr} missing in {refresh}");
    }
    let value = refresh
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1;
    let secret = value.split_once('.').unwrap().1;
    assert!(
        URL_SAFE_NO_PAD.decode(secret).unwrap().len() >= 16,
        "refresh token has >= 128 random bits"
    );
    let csrf = res.cookie("__Host-qre_csrf").expect("csrf cookie");
    assert!(
        !csrf.contains("HttpOnly") && csrf.contains("Secure") && csrf.contains("SameSite=Strict")
    );
    assert!(res.body["csrf_token"]
        .as_str()
        .is_some_and(|t| csrf.contains(t)));
    app.stop().await;
}

async fn refresh_rotates_and_reuse_revokes_the_family(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let web = app.user("r@example.org").await;
    let first = web.cookie("__Host-qre_refresh").unwrap();

    let res = web.post_empty("/api/v1/auth/refresh").await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    let second = web.cookie("__Host-qre_refresh").unwrap();
    assert_ne!(first, second, "rotated on use");
    assert_eq!(
        first.split('.').next(),
        second.split('.').next(),
        "same session family"
    );
    assert_eq!(web.get("/api/v1/auth/me").await.status, StatusCode::OK);

    // An attacker replays the first (already rotated) token.
    let attacker = app.client();
    attacker.set_cookie("__Host-qre_refresh", &first);
    attacker.set_cookie("__Host-qre_csrf", &web.cookie("__Host-qre_csrf").unwrap());
    *attacker.csrf.lock().unwrap() = web.cookie("__Host-qre_csrf");
    attacker
        .post_empty("/api/v1/auth/refresh")
        .await
        .assert_problem(401, "unauthenticated");

    // The whole family is revoked: the legitimate holder is signed out too.
    web.get("/api/v1/auth/me")
        .await
        .assert_problem(401, "unauthenticated");
    web.set_cookie("__Host-qre_refresh", &second);
    web.post_empty("/api/v1/auth/refresh")
        .await
        .assert_problem(401, "unauthenticated");

    let admin = app.client();
    admin
        .login("r@example.org", "a long enough passphrase")
        .await;
    let audit = admin
        .get("/api/v1/admin/audit?action=auth.refresh_reuse")
        .await;
    assert_eq!(audit.status, StatusCode::OK, "{:?}", audit.body);
    let items = audit.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["outcome"], "failure");
    assert_eq!(items[0]["details"]["session_revoked"], true);

    // Without a refresh cookie there is nothing to refresh.
    app.client()
        .post_empty("/api/v1/auth/refresh")
        .await
        .assert_problem(401, "unauthenticated");
    app.stop().await;
}

fn b64(value: &serde_json::Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

async fn bad_access_tokens_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let web = app.user("t@example.org").await;
    let good = web.cookie("__Host-qre_access").unwrap();
    let me = web.get("/api/v1/auth/me").await;
    let user = me.body["user"]["id"].as_str().unwrap().to_owned();
    let parts: Vec<&str> = good.split('.').collect();
    let claims: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(claims["sub"], user);

    let keys = app.jwt_keys().await;
    let sid: qr_event_domain::SessionId = claims["sid"].as_str().unwrap().parse().unwrap();
    let uid: qr_event_domain::UserId = user.parse().unwrap();
    let past = chrono::Utc::now() - chrono::Duration::minutes(30);
    let expired = keys.encode(&keys.claims(uid, sid, past, chrono::Duration::minutes(10)));
    let future = keys.encode(&keys.claims(
        uid,
        sid,
        chrono::Utc::now() + chrono::Duration::minutes(5),
        chrono::Duration::minutes(10),
    ));
    // Same key, valid signature, but the wrong audience.
    let mut wrong_aud = keys.claims(uid, sid, chrono::Utc::now(), chrono::Duration::minutes(5));
    wrong_aud.aud = "someone-else".into();
    let wrong_aud = keys.encode(&wrong_aud);

    let mut tampered_claims = claims.clone();
    tampered_claims["sub"] = json!(uuid::Uuid::new_v4().to_string());
    let tampered = format!("{}.{}.{}", parts[0], b64(&tampered_claims), parts[2]);
    let mut sig = parts[2].to_owned().into_bytes();
    sig[3] = if sig[3] == b'A' { b'B' } else { b'A' };
    let bad_sig = format!(
        "{}.{}.{}",
        parts[0],
        parts[1],
        String::from_utf8(sig).unwrap()
    );
    let none = format!(
        "{}.{}.",
        b64(&json!({"alg": "none", "typ": "JWT"})),
        parts[1]
    );
    let hs512 = format!(
        "{}.{}.{}",
        b64(&json!({"alg": "HS512", "typ": "JWT"})),
        parts[1],
        parts[2]
    );

    for (what, token) in [
        ("expired", expired),
        ("not yet valid", future),
        ("wrong audience", wrong_aud),
        ("tampered payload", tampered),
        ("tampered signature", bad_sig),
        ("alg none", none),
        ("other algorithm", hs512),
        ("garbage", "not-a-jwt".to_owned()),
    ] {
        let probe = app.client();
        probe.set_cookie("__Host-qre_access", &token);
        let res = probe.get("/api/v1/auth/me").await;
        assert_eq!(
            res.status,
            StatusCode::UNAUTHORIZED,
            "{what} token accepted"
        );
        res.assert_problem(401, "unauthenticated");
    }
    // A token is never accepted from the Authorization header or the URL.
    let res = app
        .client()
        .send(
            Method::GET,
            "/api/v1/auth/me",
            None,
            &[("authorization", &format!("Bearer {good}"))],
        )
        .await;
    res.assert_problem(401, "unauthenticated");
    app.stop().await;
}

async fn csrf_is_required_and_cross_site_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let web = app.user("x@example.org").await;
    let event = json!({"name": "E", "starts_at": "2030-01-01T10:00:00Z", "ends_at": "2030-01-01T12:00:00Z"});

    let res = web
        .send(
            Method::POST,
            "/api/v1/events",
            Some(event.clone()),
            &[("x-csrf-token", "")],
        )
        .await;
    res.assert_problem(403, "csrf_failed");
    let forged = "AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
    let res = web
        .send(
            Method::POST,
            "/api/v1/events",
            Some(event.clone()),
            &[("x-csrf-token", forged)],
        )
        .await;
    res.assert_problem(403, "csrf_failed");
    // A token of another session does not pass, even if cookie and header agree.
    let other = app.user("y@example.org").await;
    let foreign = other.cookie("__Host-qre_csrf").unwrap();
    let web2 = app.client();
    web2.set_cookie(
        "__Host-qre_access",
        &web.cookie("__Host-qre_access").unwrap(),
    );
    web2.set_cookie("__Host-qre_csrf", &foreign);
    let res = web2
        .send(
            Method::POST,
            "/api/v1/events",
            Some(event.clone()),
            &[("x-csrf-token", &foreign)],
        )
        .await;
    res.assert_problem(403, "csrf_failed");

    for headers in [
        [("sec-fetch-site", "cross-site"), ("x-test", "1")],
        [("sec-fetch-site", "same-site"), ("x-test", "1")],
        [("origin", "https://evil.example"), ("x-test", "1")],
    ] {
        let res = web
            .send(
                Method::POST,
                "/api/v1/events",
                Some(event.clone()),
                &headers,
            )
            .await;
        res.assert_problem(403, "csrf_failed");
        // Login and register are protected the same way.
        let res = app
            .client()
            .send(
                Method::POST,
                "/api/v1/auth/login",
                Some(json!({"email": "x@example.org", "password": "a long enough passphrase"})),
                &headers,
            )
            .await;
        res.assert_problem(403, "csrf_failed");
    }
    // Same-origin requests with the token pass.
    let origin = format!("http://{}", app.addr);
    let res = web
        .send(
            Method::POST,
            "/api/v1/events",
            Some(event),
            &[("sec-fetch-site", "same-origin"), ("origin", &origin)],
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    // Reads need no token.
    assert_eq!(web.get("/api/v1/events").await.status, StatusCode::OK);
    app.stop().await;
}

async fn login_is_throttled_per_account_and_per_ip(backend: Backend) {
    let app = TestApp::spawn_with(
        backend,
        &["--login-max-per-account", "3", "--login-max-per-ip", "6"],
    )
    .await;
    app.user("z@example.org").await;
    let client = app.client();
    for _ in 0..3 {
        client
            .login("z@example.org", "wrong password!")
            .await
            .assert_problem(401, "invalid_credentials");
    }
    let res = client
        .login("z@example.org", "a long enough passphrase")
        .await;
    res.assert_problem(429, "rate_limited");
    let retry: u64 = res.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "retry-after {retry}");

    // Per address: other accounts from the same address are throttled too.
    for i in 0..2 {
        client
            .login(&format!("nobody{i}@example.org"), "whatever12")
            .await
            .assert_problem(401, "invalid_credentials");
    }
    client
        .login("someone-else@example.org", "whatever12")
        .await
        .assert_problem(429, "rate_limited");

    let query = qr_event_storage::AuditQuery {
        action: Some("auth.login_throttled".into()),
        limit: 10,
        ..Default::default()
    };
    assert!(app.storage.audit.list(&query).await.unwrap().len() >= 2);
    app.stop().await;
}

async fn password_change_revokes_every_session(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let laptop = app.user("p@example.org").await;
    let phone = app.client();
    assert_eq!(
        phone
            .login("p@example.org", "a long enough passphrase")
            .await
            .status,
        StatusCode::OK
    );

    laptop
        .post(
            "/api/v1/auth/password",
            json!({"current_password": "not it at all", "new_password": "brand new secret"}),
        )
        .await
        .assert_problem(422, "validation_failed");
    let res = laptop
        .post(
            "/api/v1/auth/password",
            json!({"current_password": "a long enough passphrase", "new_password": "brand new secret"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    assert_eq!(
        laptop.get("/api/v1/auth/me").await.status,
        StatusCode::OK,
        "caller gets a new session"
    );
    phone
        .get("/api/v1/auth/me")
        .await
        .assert_problem(401, "unauthenticated");
    phone
        .post_empty("/api/v1/auth/refresh")
        .await
        .assert_problem(401, "unauthenticated");
    app.client()
        .login("p@example.org", "a long enough passphrase")
        .await
        .assert_problem(401, "invalid_credentials");
    assert_eq!(
        app.client()
            .login("p@example.org", "brand new secret")
            .await
            .status,
        StatusCode::OK
    );
    app.stop().await;
}

async fn unknown_user_and_wrong_password_answer_alike(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.user("known@example.org").await;
    let a = app
        .client()
        .login("known@example.org", "wrong password 1")
        .await;
    let b = app
        .client()
        .login("unknown@example.org", "wrong password 1")
        .await;
    a.assert_problem(401, "invalid_credentials");
    b.assert_problem(401, "invalid_credentials");
    assert_eq!(a.body["detail"], b.body["detail"]);
    assert_eq!(a.body["title"], b.body["title"]);

    // Password policy.
    let c = app.client();
    let res = c.register("weak@example.org", "W", "password").await;
    res.assert_problem(422, "validation_failed");
    assert_eq!(res.body["errors"][0]["field"], "password");
    let res = c.register("weak@example.org", "W", "short").await;
    assert_eq!(res.body["errors"][0]["field"], "password");
    let long = "x".repeat(64) + "Y1!";
    assert_eq!(
        c.register("long@example.org", "L", &long).await.status,
        StatusCode::CREATED
    );
    app.stop().await;
}

async fn closed_registration_admits_only_invited(backend: Backend) {
    let app = TestApp::spawn_with(
        backend,
        &[
            "--registration",
            "invite",
            "--admin-emails",
            "boss@example.org",
        ],
    )
    .await;
    let res = app
        .client()
        .register("stranger@example.org", "S", "stranger passphrase")
        .await;
    res.assert_problem(403, "registration_closed");
    // Configured administrators may register to bootstrap the instance.
    let boss = app.client();
    let res = boss
        .register("boss@example.org", "Boss", "boss passphrase 1")
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    assert_eq!(res.body["user"]["is_admin"], true, "the first account");
    assert_eq!(res.body["user"]["email_verified"], false);
    // People invited to an event may register, and get nothing until they
    // accept the link.
    let event = boss.create_event("Closed", 3).await;
    let res = boss
        .post(
            &format!("/api/v1/events/{event}/members"),
            json!({"email": "guest@example.org", "role": "scanner"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{:?}", res.body);
    let token = res.body["token"].as_str().unwrap().to_owned();
    let guest = app.client();
    let res = guest
        .register("guest@example.org", "Guest", "guest passphrase")
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.body);
    guest
        .get(&format!("/api/v1/events/{event}"))
        .await
        .assert_problem(404, "not_found");
    let res = guest
        .post("/api/v1/invitations/accept", json!({ "token": token }))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let seen = guest.get(&format!("/api/v1/events/{event}")).await;
    assert_eq!(seen.body["role"], "scanner");
    app.client()
        .register("stranger@example.org", "S", "stranger passphrase")
        .await
        .assert_problem(403, "registration_closed");
    app.stop().await;
}

/// With Redis configured, sign-in throttling is shared by every instance.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_throttling_is_shared_through_redis() {
    let url = std::env::var("QR_EVENT_TEST_REDIS_URL")
        .unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
    let probe = qr_event_cache::RedisCache::new(&url).unwrap();
    if !qr_event_cache::Cache::healthy(&probe).await {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "CI=true but Redis is not reachable"
        );
        eprintln!("Redis not reachable; skipping");
        return;
    }
    let flags = [
        "--redis-url",
        url.as_str(),
        "--login-max-per-account",
        "3",
        "--login-max-per-ip",
        "100000",
    ];
    let a = TestApp::spawn_with(Backend::Sqlite, &flags).await;
    let b = TestApp::spawn_with(Backend::Sqlite, &flags).await;
    let email = format!("shared-{}@example.org", uuid::Uuid::new_v4().simple());
    a.client()
        .register(&email, "Shared", "a long enough passphrase")
        .await;
    a.client()
        .login(&email, "wrong password 1")
        .await
        .assert_problem(401, "invalid_credentials");
    b.client()
        .login(&email, "wrong password 2")
        .await
        .assert_problem(401, "invalid_credentials");
    a.client()
        .login(&email, "wrong password 3")
        .await
        .assert_problem(401, "invalid_credentials");
    // The fourth attempt is refused on either instance, even with the right password.
    b.client()
        .login(&email, "a long enough passphrase")
        .await
        .assert_problem(429, "rate_limited");
    a.client()
        .login(&email, "a long enough passphrase")
        .await
        .assert_problem(429, "rate_limited");
    a.stop().await;
    b.stop().await;
}
