//! Live figures pushed to everyone watching an event, on every instance.
//!
//! Whatever changes an event's figures (a scan, an upload, a ticket issued or
//! revoked) *touches* the event. Every 500 ms an instance tells all
//! instances, by one notice per touched event (ADR 0008), and each instance
//! recomputes the figures of that event once — at most once a second, from
//! the counters of ADR 0007 — for all of its viewers together. So the cost
//! of the figures depends neither on the number of tickets nor on the number
//! of people watching.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use qr_event_domain::EventId;
use qr_event_storage::{Notice, Storage, TicketStats};
use tokio::sync::{watch, Notify};

use crate::{Principal, ServiceResult, TicketService};

/// How often touched events are announced.
const ANNOUNCE_EVERY: Duration = Duration::from_millis(500);
/// The fewest time between two computations of one feed.
const RECOMPUTE_AT_MOST_EVERY: Duration = Duration::from_secs(1);
/// How often an idle feed checks whether anyone still watches.
const IDLE_CHECK: Duration = Duration::from_secs(30);

/// What a viewer receives: the latest figures.
pub type LiveFigures = watch::Receiver<Arc<TicketStats>>;

/// One event's figures over one history window, shared by its viewers.
struct Feed {
    sender: watch::Sender<Arc<TicketStats>>,
    stale: Arc<Notify>,
}

struct Inner {
    storage: Storage,
    tickets: TicketService,
    touched: Mutex<HashSet<EventId>>,
    feeds: Mutex<HashMap<(EventId, u32), Feed>>,
    doors: Mutex<HashMap<EventId, watch::Sender<u64>>>,
}

/// The live figures of this instance's viewers.
#[derive(Clone)]
pub struct LiveHub {
    inner: Arc<Inner>,
}

impl LiveHub {
    /// A hub reading figures through `tickets`.
    pub fn new(storage: Storage, tickets: TicketService) -> Self {
        Self {
            inner: Arc::new(Inner {
                storage,
                tickets,
                touched: Mutex::new(HashSet::new()),
                feeds: Mutex::new(HashMap::new()),
                doors: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// Starts announcing touched events (call once, inside the runtime).
    /// Notices are handed to [`LiveHub::on_notice`] by the caller's loop.
    pub fn start(&self) {
        let hub = self.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(ANNOUNCE_EVERY);
            loop {
                every.tick().await;
                let touched: Vec<EventId> = {
                    let mut set = hub.inner.touched.lock().expect("live lock");
                    set.drain().collect()
                };
                for event in touched {
                    let notice = Notice::Live { event: event.0 };
                    if let Err(err) = hub.inner.storage.notices.publish(notice).await {
                        tracing::debug!(error = %err, "could not announce live figures");
                    }
                }
            }
        });
    }

    /// Notes that `event`'s figures changed.
    pub fn touch(&self, event: EventId) {
        self.inner.touched.lock().expect("live lock").insert(event);
    }

    /// Acts on a notice: the feeds of an event whose figures changed
    /// recompute; after missed notices, all of them do.
    pub fn on_notice(&self, notice: &Notice) {
        let concerns = |event: &EventId| match notice {
            Notice::Live { event: changed } => *changed == event.0,
            Notice::Resync => true,
            _ => false,
        };
        let feeds = self.inner.feeds.lock().expect("live lock");
        for ((event, _), feed) in feeds.iter() {
            if concerns(event) {
                feed.stale.notify_one();
            }
        }
        drop(feeds);
        let doors = self.inner.doors.lock().expect("live lock");
        for (event, changes) in doors.iter() {
            if concerns(event) {
                changes.send_modify(|n| *n = n.wrapping_add(1));
            }
        }
    }

    /// A counter that moves whenever something changes under `event`, on
    /// any instance: door devices watch it to fetch their pack's delta at
    /// once (a revoked ticket or device, a new ticket, another door's
    /// admissions) instead of asking every few seconds. The caller must
    /// have checked the door access.
    pub fn door_changes(&self, event: EventId) -> watch::Receiver<u64> {
        let mut doors = self.inner.doors.lock().expect("live lock");
        doors.retain(|_, changes| changes.receiver_count() > 0);
        doors
            .entry(event)
            .or_insert_with(|| watch::channel(0).0)
            .subscribe()
    }

    /// The figures of `event` with `minutes` of per-minute history, kept
    /// current for as long as the receiver lives. The caller must be allowed
    /// to read them (owners and managers).
    pub async fn watch(
        &self,
        principal: &Principal,
        event: EventId,
        minutes: u32,
    ) -> ServiceResult<LiveFigures> {
        let since = Utc::now() - chrono::Duration::minutes(i64::from(minutes));
        let first = Arc::new(self.inner.tickets.stats(principal, event, since).await?);
        let mut feeds = self.inner.feeds.lock().expect("live lock");
        if let Some(feed) = feeds.get(&(event, minutes)) {
            return Ok(feed.sender.subscribe());
        }
        let (sender, receiver) = watch::channel(first);
        let stale = Arc::new(Notify::new());
        feeds.insert(
            (event, minutes),
            Feed {
                sender: sender.clone(),
                stale: stale.clone(),
            },
        );
        tokio::spawn(self.clone().run_feed(event, minutes, sender, stale));
        Ok(receiver)
    }

    /// Recomputes one feed when told, at most once a second, until nobody
    /// watches it.
    async fn run_feed(
        self,
        event: EventId,
        minutes: u32,
        sender: watch::Sender<Arc<TicketStats>>,
        stale: Arc<Notify>,
    ) {
        loop {
            let told = tokio::time::timeout(IDLE_CHECK, stale.notified())
                .await
                .is_ok();
            {
                // Under the lock, so that no viewer joins a feed being dropped.
                let mut feeds = self.inner.feeds.lock().expect("live lock");
                if sender.receiver_count() == 0 {
                    feeds.remove(&(event, minutes));
                    return;
                }
            }
            if !told {
                continue;
            }
            let since = Utc::now() - chrono::Duration::minutes(i64::from(minutes));
            match self.inner.tickets.figures(event, since).await {
                Ok(stats) => {
                    sender.send_replace(Arc::new(stats));
                }
                Err(err) => {
                    tracing::warn!(error = %err, "live figures unavailable; will retry");
                    stale.notify_one();
                }
            }
            tokio::time::sleep(RECOMPUTE_AT_MOST_EVERY).await;
        }
    }
}
