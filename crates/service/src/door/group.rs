//! Group commit of door scans (ADR 0012). Scans that arrive together are
//! decided together: one write transaction, one commit, for the whole group.
//!
//! No timer: the first scan starts a group at once (a lone scan never
//! waits); scans arriving while groups are in flight queue, and the next
//! group takes everything queued, up to the size limit. Each caller is
//! answered after its group committed. When a group's transaction fails for
//! another reason than an unreachable database (e.g. a deadlock with an
//! offline upload), its scans are decided again one by one, so one scan
//! never fails the others.

use std::sync::{Arc, Mutex, PoisonError};

use qr_event_storage::{ScanAttempt, ScanDecision, StorageError, TicketRepo, MAX_SCAN_GROUP};
use tokio::sync::oneshot;

/// How scans are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanGrouping {
    /// Most scans in one transaction; 1 decides every scan alone.
    pub max_group: usize,
    /// Groups in flight at once (one waits on its commit while the next one
    /// is decided).
    pub max_in_flight: usize,
}

impl Default for ScanGrouping {
    fn default() -> Self {
        Self {
            max_group: 64,
            max_in_flight: 2,
        }
    }
}

type Answer = Result<ScanDecision, StorageError>;

struct Waiting {
    attempt: ScanAttempt,
    reply: oneshot::Sender<Answer>,
}

#[derive(Default)]
struct Queue {
    waiting: Vec<Waiting>,
    in_flight: usize,
}

/// Groups the scans of this process and hands them to the storage.
#[derive(Clone)]
pub(super) struct ScanGroups {
    repo: Arc<dyn TicketRepo>,
    grouping: ScanGrouping,
    queue: Arc<Mutex<Queue>>,
}

/// A running group loop; gives its slot back even if the loop panics.
struct Slot {
    queue: Arc<Mutex<Queue>>,
    held: bool,
}

impl Drop for Slot {
    fn drop(&mut self) {
        if self.held {
            let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
            queue.in_flight -= 1;
        }
    }
}

impl ScanGroups {
    pub(super) fn new(repo: Arc<dyn TicketRepo>, grouping: ScanGrouping) -> Self {
        Self {
            repo,
            grouping: ScanGrouping {
                max_group: grouping.max_group.clamp(1, MAX_SCAN_GROUP),
                max_in_flight: grouping.max_in_flight.max(1),
            },
            queue: Arc::default(),
        }
    }

    /// Decides one scan with whatever scans arrive with it.
    pub(super) async fn scan(&self, attempt: ScanAttempt) -> Answer {
        if self.grouping.max_group == 1 {
            return self.repo.scan(&attempt).await;
        }
        let (reply, answer) = oneshot::channel();
        let start = {
            let mut queue = self.lock();
            queue.waiting.push(Waiting { attempt, reply });
            (queue.in_flight < self.grouping.max_in_flight).then(|| {
                queue.in_flight += 1;
                self.take(&mut queue)
            })
        };
        if let Some(group) = start {
            // Its own task: a caller that goes away does not cancel the
            // others' transaction.
            tokio::spawn(self.clone().run(group));
        }
        answer
            .await
            .map_err(|_| StorageError::Unavailable("the scan group was abandoned".into()))?
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn take(&self, queue: &mut Queue) -> Vec<Waiting> {
        let n = queue.waiting.len().min(self.grouping.max_group);
        queue.waiting.drain(..n).collect()
    }

    /// Decides groups until nothing waits.
    async fn run(self, mut group: Vec<Waiting>) {
        let mut slot = Slot {
            queue: self.queue.clone(),
            held: true,
        };
        loop {
            self.decide(group).await;
            let mut queue = self.lock();
            if queue.waiting.is_empty() {
                queue.in_flight -= 1;
                slot.held = false;
                return;
            }
            group = self.take(&mut queue);
        }
    }

    async fn decide(&self, mut group: Vec<Waiting>) {
        metrics::histogram!("door_scan_group_size").record(group.len() as f64);
        if group.len() == 1 {
            let Waiting { attempt, reply } = group.remove(0);
            let _ = reply.send(self.repo.scan(&attempt).await);
            return;
        }
        // Decided in the order of their audit entries (UUIDv7, made as the
        // requests came in), so the log reads in the order of the decisions.
        group.sort_by_key(|w| w.attempt.audit_id);
        let (attempts, replies): (Vec<ScanAttempt>, Vec<_>) =
            group.into_iter().map(|w| (w.attempt, w.reply)).unzip();
        match self.repo.scan_many(&attempts).await {
            Ok(answers) => {
                for (reply, answer) in replies.into_iter().zip(answers) {
                    let _ = reply.send(answer);
                }
            }
            Err(StorageError::Unavailable(why)) => {
                for reply in replies {
                    let _ = reply.send(Err(StorageError::Unavailable(why.clone())));
                }
            }
            Err(err) => {
                tracing::warn!(error = %err, scans = attempts.len(), "scan group failed; deciding its scans one by one");
                for (attempt, reply) in attempts.into_iter().zip(replies) {
                    let repo = self.repo.clone();
                    tokio::spawn(async move {
                        let _ = reply.send(repo.scan(&attempt).await);
                    });
                }
            }
        }
    }
}
