//! Live figures pushed as server-sent events: the first at once, then after
//! each change, whichever instance recorded it; scanners may not watch.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::common::{Backend, Client, TestApp};
use crate::notices::TwoInstances;
use crate::tickets::{event_now, issue, scan};

/// An open live stream.
struct Stream {
    response: reqwest::Response,
    buffer: String,
}

impl Stream {
    async fn open(client: &Client, event: &str) -> Self {
        let response = client
            .http
            .get(format!("{}/api/v1/events/{event}/live", client.base))
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
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let is_stats = block.lines().any(|l| l == "event: stats");
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

crate::on_both_backends!(figures_are_pushed_as_they_change);

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
