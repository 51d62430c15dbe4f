//! Several instances on one PostgreSQL database learn of each other's
//! changes at once (ADR 0008): a session ended on one instance is refused by
//! another within a second or so, and keys rotated or retired by the command
//! line apply everywhere without waiting for the periodic reload (30 s).

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{
    on, postgres_available, run_cli, Backend, Client, ServerProcess, TestApp, MASTER_KEY,
};
use crate::tickets::{event_now, issue};

/// Two instances on one PostgreSQL database (the test's and a `qr-event
/// serve` process), with an organizer, a running event and one ticket.
pub struct TwoInstances {
    pub app: TestApp,
    pub other: ServerProcess,
    pub org: Client,
    pub event: String,
    pub ticket: Value,
}

impl TwoInstances {
    /// `None` when PostgreSQL is not available (outside CI).
    pub async fn start() -> Option<Self> {
        if !postgres_available().await {
            return None;
        }
        let app = TestApp::spawn(Backend::Postgres).await;
        let other = ServerProcess::start(&app, &[]);
        let org = app.user("org@example.org").await;
        let event = event_now(&org, "Festival").await;
        let ticket = issue(&org, &event, json!({"holder_name": "Ada"})).await;
        Some(Self {
            app,
            other,
            org,
            event,
            ticket,
        })
    }

    /// The organizer's session, talking to the other instance.
    pub fn org_there(&self) -> Client {
        on(&self.other.base, &self.org)
    }
}

/// Polls `check` every 50 ms until it holds or `limit` passes; the time taken.
async fn within<F, Fut>(limit: Duration, mut check: F) -> Option<Duration>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    while start.elapsed() < limit {
        if check().await {
            return Some(start.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
}

/// Well under the 30 s an instance may keep a session or key ring cached.
const PROMPTLY: Duration = Duration::from_secs(5);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_ended_on_one_instance_is_refused_by_the_others() {
    if !postgres_available().await {
        return;
    }
    let app = TestApp::spawn(Backend::Postgres).await;
    let other = ServerProcess::start(&app, &[]);
    let ada = app.user("ada@example.org").await;
    let ada_there = on(&other.base, &ada);
    // The other instance has seen the session live (and keeps it in mind).
    for _ in 0..3 {
        assert_eq!(
            ada_there.get("/api/v1/auth/me").await.status,
            StatusCode::OK
        );
    }
    let res = ada.post_empty("/api/v1/auth/logout").await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{:?}", res.body);
    let took = within(PROMPTLY, || async {
        ada_there.get("/api/v1/auth/me").await.status == StatusCode::UNAUTHORIZED
    })
    .await;
    assert!(
        took.is_some(),
        "the other instance still accepts the ended session"
    );
    println!("session revocation reached the other instance in {took:?}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_changed_by_the_command_line_apply_on_every_instance_at_once() {
    let Some(cluster) = TwoInstances::start().await else {
        return;
    };
    let TwoInstances {
        app, event, ticket, ..
    } = &cluster;
    let org_there = cluster.org_there();
    let verify = || async {
        let res = org_there
            .post(
                &format!("/api/v1/events/{event}/scan"),
                json!({"code": ticket["code"], "mode": "verify"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
        res.body
    };
    assert_eq!(verify().await["result"], "admitted");

    let old = app
        .storage
        .keys
        .list("qr")
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.status == "active")
        .unwrap()
        .kid;
    let cli = |action: &[&str]| {
        let mut args: Vec<String> = vec!["keys".into()];
        args.extend(action.iter().map(|a| a.to_string()));
        args.extend(app.storage_args());
        args.extend(["--master-key".to_owned(), MASTER_KEY.to_owned()]);
        let (ok, out) = run_cli(&args);
        assert!(ok, "{out}");
    };
    cli(&["rotate"]);
    cli(&["retire", &old]);
    let took = within(PROMPTLY, || async {
        let answer = verify().await;
        answer["result"] == "rejected" && answer["reason"] == "invalid_code"
    })
    .await;
    assert!(
        took.is_some(),
        "the other instance still accepts a retired key"
    );
    println!("key retirement reached the other instance in {took:?}");
    cluster.app.stop().await;
}

/// Redis configured but unreachable: the sign-in throttle keeps counting
/// in the database, so guesses spread over two instances are limited as
/// they would be on one (counting in each process would double the tries).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_limits_stay_shared_while_redis_is_unreachable() {
    if !postgres_available().await {
        return;
    }
    // Nothing listens on port 1: every Redis call fails at once.
    let args = [
        "--redis-url",
        "redis://127.0.0.1:1/",
        "--login-max-per-account",
        "3",
        "--login-max-per-ip",
        "100",
    ];
    let app = TestApp::spawn_with(Backend::Postgres, &args).await;
    let other = ServerProcess::start(&app, &args);
    app.user("z@example.org").await;
    let here = app.client();
    let there = on(&other.base, &here);
    for client in [&here, &there, &here] {
        client
            .login("z@example.org", "wrong password!")
            .await
            .assert_problem(401, "invalid_credentials");
    }
    // The fourth try, on the instance that saw one, is refused: both counted together.
    there
        .login("z@example.org", "a long enough passphrase")
        .await
        .assert_problem(429, "rate_limited");
    here.login("z@example.org", "a long enough passphrase")
        .await
        .assert_problem(429, "rate_limited");

    let ready = here.get("/readyz").await;
    assert_eq!(ready.body["cache"], "unreachable", "{:?}", ready.body);
}
