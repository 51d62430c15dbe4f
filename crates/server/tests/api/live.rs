//! Live figures pushed as server-sent events: the first at once, then after
//! each change, whichever instance recorded it; scanners may not watch.
//! Door devices are told of changes the same way, until they are revoked.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{Backend, Client, TestApp};
use crate::devices::enrolled;
use crate::notices::TwoInstances;
use crate::tickets::{event_now, issue, scan};

/// An open live stream.
struct Stream {
    response: reqwest::Response,
    buffer: String,
}

impl Stream {
    async fn open(client: &Client, event: &str) -> Self {
        Self::open_at(client, &format!("/api/v1/events/{event}/live")).await
    }

    async fn open_at(client: &Client, path: &str) -> Self {
        let response = client
            .http
            .get(format!("{}{path}", client.base))
            .header("cookie", client.cookie_header())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()["content-type"].to_str().unwrap(),
            "text/event-stream"
        );
        Self {
            response,
            buffer: String::new(),
        }
    }

    /// The data of the next `stats` event, within `limit`.
    async fn next(&mut self, limit: Duration) -> Option<Value> {
        self.next_of("stats", limit).await
    }

    /// The data of the next event of `kind`, within `limit`; `None` also
    /// when the stream ends.
    async fn next_of(&mut self, kind: &str, limit: Duration) -> Option<Value> {
        let deadline = tokio::time::Instant::now() + limit;
        let wanted = format!("event: {kind}");
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let is_stats = block.lines().any(|l| l == wanted);
                let data: String = block
                    .lines()
                    .filter_map(|l| l.strip_prefix("data: "))
                    .collect();
                if is_stats {
                    return Some(serde_json::from_str(&data).unwrap());
                }
                continue;
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk())
                .await
                .ok()?
                .unwrap()?;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// The first `stats` event whose figures satisfy `check`.
    async fn until(&mut self, check: impl Fn(&Value) -> bool) -> Value {
        loop {
            let stats = self
                .next(Duration::from_secs(10))
                .await
                .expect("an update within 10 s");
            if check(&stats) {
                return stats;
            }
        }
    }
}

async fn figures_are_pushed_as_they_change(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("org@example.org").await;
    let event = event_now(&org, "Festival").await;
    let ticket = issue(&org, &event, json!({"holder_name": "Ada"})).await;
    let mut live = Stream::open(&org, &event).await;
    let first = live
        .next(Duration::from_secs(5))
        .await
        .expect("figures at once");
    assert_eq!(first["issued"], 1);
    assert_eq!(first["admitted"], 0);

    let answer = scan(&org, &event, json!({"code": ticket["code"]})).await;
    assert_eq!(answer["result"], "admitted");
    let stats = live.until(|s| s["admitted"] == 1).await;
    assert_eq!(stats["unique_in"], 1);
    scan(&org, &event, json!({"code": ticket["code"]})).await;
    let stats = live
        .until(|s| s["rejected"].as_array().is_some_and(|r| !r.is_empty()))
        .await;
    assert_eq!(stats["rejected"][0]["label"], "already_used");

    // Scanners see the door, not the figures.
    let scanner = app.user("scanner@example.org").await;
    org.add_member(&event, &scanner, "scanner@example.org", "scanner")
        .await;
    let res = scanner.get(&format!("/api/v1/events/{event}/live")).await;
    res.assert_problem(403, "forbidden");
    app.stop().await;
}

crate::on_both_backends!(
    figures_are_pushed_as_they_change,
    doors_are_told_of_changes_until_revoked
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scan_on_one_instance_reaches_the_viewers_of_another() {
    let Some(cluster) = TwoInstances::start().await else {
        return;
    };
    let TwoInstances {
        org, event, ticket, ..
    } = &cluster;
    let mut live = Stream::open(&cluster.org_there(), event).await;
    assert_eq!(
        live.next(Duration::from_secs(5)).await.unwrap()["admitted"],
        0
    );
    let started = std::time::Instant::now();
    scan(org, event, json!({"code": ticket["code"]})).await;
    live.until(|s| s["admitted"] == 1).await;
    println!(
        "a scan reached a viewer on another instance in {:?}",
        started.elapsed()
    );
    cluster.app.stop().await;
}

/// Whether the stream ends (the server closes it) within `limit`.
async fn ends_within(stream: &mut Stream, limit: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        match tokio::time::timeout_at(deadline, stream.response.chunk()).await {
            Err(_) => return false,
            Ok(Ok(Some(_))) => continue,
            Ok(_) => return true,
        }
    }
}

async fn doors_are_told_of_changes_until_revoked(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("org@example.org").await;
    let event = event_now(&org, "Festival").await;
    let (device, phone) = enrolled(
        &app,
        &org,
        &event,
        json!({"name": "North phone", "gate": "North", "mode": "check_in"}),
    )
    .await;
    let path = format!("/api/v1/events/{event}/door/live");
    let mut door = Stream::open_at(&phone, &path).await;
    assert!(door
        .next_of("ready", Duration::from_secs(5))
        .await
        .is_some());

    // A ticket issued at the office reaches the door's stream.
    issue(&org, &event, json!({"holder_name": "Ada"})).await;
    let changed = door
        .next_of("changed", Duration::from_secs(5))
        .await
        .expect("a change within 5 s");
    assert!(changed["changed_at"].is_string(), "{changed}");
    // A busy door is told again, no more than every 5 s.
    let second = tokio::time::Instant::now();
    issue(&org, &event, json!({"holder_name": "Grace"})).await;
    door.next_of("changed", Duration::from_secs(10))
        .await
        .expect("the next change");
    assert!(
        second.elapsed() >= Duration::from_secs(3),
        "changes are spaced out"
    );

    // Members may watch their doors too; strangers and other events' devices may not.
    let mut office = Stream::open_at(&org, &path).await;
    assert!(office
        .next_of("ready", Duration::from_secs(5))
        .await
        .is_some());
    let stranger = app.user("stranger@example.org").await;
    stranger.get(&path).await.assert_problem(404, "not_found");
    let other = event_now(&org, "Another").await;
    phone
        .get(&format!("/api/v1/events/{other}/door/live"))
        .await
        .assert_problem(404, "not_found");
    app.client()
        .get(&path)
        .await
        .assert_problem(401, "unauthenticated");

    // Revoked: the device's stream ends at the next change, the office's goes on.
    let res = org
        .post_empty(&format!("/api/v1/events/{event}/devices/{device}/revoke"))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert!(
        ends_within(&mut door, Duration::from_secs(10)).await,
        "a revoked device's stream ends"
    );
    assert!(office
        .next_of("changed", Duration::from_secs(10))
        .await
        .is_some());
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_on_one_instance_reaches_the_doors_of_another() {
    let Some(cluster) = TwoInstances::start().await else {
        return;
    };
    let TwoInstances {
        org, event, ticket, ..
    } = &cluster;
    let mut door = Stream::open_at(
        &cluster.org_there(),
        &format!("/api/v1/events/{event}/door/live"),
    )
    .await;
    assert!(door
        .next_of("ready", Duration::from_secs(5))
        .await
        .is_some());
    let started = std::time::Instant::now();
    let res = org
        .post_empty(&format!(
            "/api/v1/events/{event}/tickets/{}/revoke",
            ticket["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    door.next_of("changed", Duration::from_secs(5))
        .await
        .expect("the other instance's door is told");
    println!(
        "a revocation reached a door on another instance in {:?}",
        started.elapsed()
    );
    cluster.app.stop().await;
}
