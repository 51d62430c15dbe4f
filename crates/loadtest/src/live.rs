//! Organizers watching the live figures while the door scans: `n` open
//! `GET …/live` streams, each read (and its `stats` events counted) until
//! the scans end.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::StatusCode;
use tokio::time::Instant;

use crate::client::Client;
use crate::kind::Kind;
use crate::scan::Rng;

/// The open live views.
pub struct Viewers {
    tasks: Vec<tokio::task::JoinHandle<()>>,
    counters: Counters,
}

/// What every view adds to, shared by their tasks.
#[derive(Clone, Default)]
struct Counters {
    /// `stats` events received.
    events: Arc<AtomicUsize>,
    /// Time from sending the GET to the first `stats` event, and failed opens.
    first: Arc<Mutex<Kind>>,
}

/// What the views saw.
pub struct Seen {
    /// Views asked for.
    pub viewers: usize,
    /// Streams still open when the scans ended.
    pub open: usize,
    /// `stats` events received by all views.
    pub events: usize,
    /// The `live first event` figures.
    pub first: Kind,
}

/// Opens `n` live streams on `event` one after the other before the scans
/// (none when `n` is 0); a stream that does not open fails the run.
pub async fn open(client: &Client, event: &str, n: usize) -> anyhow::Result<Option<Viewers>> {
    if n == 0 {
        return Ok(None);
    }
    let counters = Counters::default();
    let mut tasks = Vec::with_capacity(n);
    for _ in 0..n {
        let sent = Instant::now();
        let stream = client
            .open_stream(&format!("/api/v1/events/{event}/live"))
            .await?;
        anyhow::ensure!(
            stream.status() == StatusCode::OK,
            "live stream: {}",
            stream.status()
        );
        tasks.push(tokio::spawn(counters.clone().read(stream, sent)));
    }
    eprintln!("live views: {n} streams open");
    Ok(Some(Viewers { tasks, counters }))
}

/// Opens `n` live streams during the run, at random moments spread evenly
/// over `spread` from `start` (organizers arriving, not a stampede); a
/// stream that does not open is counted by status, not fatal.
pub fn open_spread(
    client: Arc<Client>,
    event: &str,
    n: usize,
    start: Instant,
    spread: Duration,
    rng: &mut Rng,
) -> Option<Viewers> {
    if n == 0 {
        return None;
    }
    let counters = Counters::default();
    let path: Arc<str> = format!("/api/v1/events/{event}/live").into();
    let tasks = (0..n)
        .map(|i| {
            let at = start + spread.mul_f64((i as f64 + rng.unit()) / n as f64);
            let (client, path, counters) = (client.clone(), path.clone(), counters.clone());
            tokio::spawn(async move {
                tokio::time::sleep_until(at).await;
                let sent = Instant::now();
                match client.open_stream(&path).await {
                    Ok(s) if s.status() == StatusCode::OK => counters.read(s, sent).await,
                    Ok(s) => counters.first().status(s.status()),
                    Err(e) => counters.first().failed(&e),
                }
            })
        })
        .collect();
    Some(Viewers { tasks, counters })
}

impl Counters {
    fn first(&self) -> std::sync::MutexGuard<'_, Kind> {
        self.first.lock().expect("kind lock")
    }

    /// Reads one open stream until it ends, timing its first `stats` event.
    async fn read(self, mut stream: reqwest::Response, sent: Instant) {
        let mut waiting = true;
        while let Ok(Some(chunk)) = stream.chunk().await {
            let n = String::from_utf8_lossy(&chunk)
                .matches("event: stats")
                .count();
            if waiting && n > 0 {
                waiting = false;
                self.first().ok(sent.elapsed());
            }
            self.events.fetch_add(n, Ordering::Relaxed);
        }
        if waiting {
            self.first().error("closed_before_first");
        }
    }
}

impl Viewers {
    /// Closes the streams and says what they saw.
    pub fn finish(self) -> Seen {
        let open = self.tasks.iter().filter(|t| !t.is_finished()).count();
        for task in &self.tasks {
            task.abort();
        }
        Seen {
            viewers: self.tasks.len(),
            open,
            events: self.counters.events.load(Ordering::Relaxed),
            first: std::mem::take(&mut *self.counters.first()),
        }
    }
}
