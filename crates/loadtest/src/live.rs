//! Organizers watching the live figures while the door scans: `n` open
//! `GET …/live` streams, each read (and its `stats` events counted) until
//! the scans end.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::client::Client;

/// The open live views.
pub struct Viewers {
    tasks: Vec<tokio::task::JoinHandle<()>>,
    events: Arc<AtomicUsize>,
}

/// Opens `n` live streams on `event` (none when `n` is 0).
pub async fn open(client: &Client, event: &str, n: usize) -> anyhow::Result<Option<Viewers>> {
    if n == 0 {
        return Ok(None);
    }
    let events = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::with_capacity(n);
    for _ in 0..n {
        let mut stream = client
            .open_stream(&format!("/api/v1/events/{event}/live"))
            .await?;
        let seen = events.clone();
        tasks.push(tokio::spawn(async move {
            while let Ok(Some(chunk)) = stream.chunk().await {
                let text = String::from_utf8_lossy(&chunk);
                seen.fetch_add(text.matches("event: stats").count(), Ordering::Relaxed);
            }
        }));
    }
    eprintln!("live views: {n} streams open");
    Ok(Some(Viewers { tasks, events }))
}

impl Viewers {
    /// Closes the streams; (streams still open, `stats` events received).
    pub fn finish(self) -> (usize, usize) {
        let open = self.tasks.iter().filter(|t| !t.is_finished()).count();
        for task in &self.tasks {
            task.abort();
        }
        (open, self.events.load(Ordering::Relaxed))
    }
}
