//! Group commit of door scans (ADR 0012). Scans that arrive together are
//! decided together: one write transaction, one commit, for the whole group.
//!
//! No timer: the first scan starts a group at once (a lone scan never
//! waits); scans arriving while a group is in flight queue, and the next
//! group takes everything queued, up to the size limit. A second group runs
//! beside the first only when a whole group's worth of scans waits. Each
//! caller is answered after its group committed. When a group's transaction
//! fails for another reason than an unreachable database (e.g. a deadlock
//! with an offline upload), its scans are decided again one by one, so one
//! scan never fails the others.
//!
//! A scan of a code comes with the code's text: the group verifies the
//! signatures of all its codes in one batch (ADR 0014) before anything is
//! written, and answers a code that is not genuine without deciding it.

use std::sync::{Arc, Mutex, PoisonError};

use qr_event_qr::{CodeError, TicketCode, TicketCodec};
use qr_event_storage::{ScanAttempt, ScanDecision, StorageError, TicketRepo, MAX_SCAN_GROUP};
use tokio::sync::oneshot;

use crate::QrKeys;

/// How scans are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanGrouping {
    /// Most scans in one transaction; 1 decides every scan alone.
    pub max_group: usize,
    /// Groups in flight at once. The first starts at once; a further one
    /// only when a whole group's worth of scans waits (fewer, larger groups
    /// cost the database less per scan than more, smaller ones).
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

/// A group's answer to one scan.
#[derive(Debug)]
// Moved once per scan through its reply channel: a box would cost an
// allocation per scan to save a copy of a few hundred bytes.
#[allow(clippy::large_enum_variant)]
pub(super) enum Decided {
    /// Decided (and audited) in the database.
    Scan(ScanDecision),
    /// The code does not verify (bad signature, unknown key): nothing was
    /// written; the caller refuses it as an invalid code.
    NotGenuine,
}

type Answer = Result<Decided, StorageError>;

/// A scan, with the text of its code (none for a ticket chosen by hand),
/// whose ticket and event the attempt holds as the code claims them.
pub(super) struct Scan {
    pub attempt: ScanAttempt,
    pub code: Option<String>,
}

struct Waiting {
    scan: Scan,
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
    keys: QrKeys,
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
    pub(super) fn new(repo: Arc<dyn TicketRepo>, keys: QrKeys, grouping: ScanGrouping) -> Self {
        Self {
            repo,
            keys,
            grouping: ScanGrouping {
                max_group: grouping.max_group.clamp(1, MAX_SCAN_GROUP),
                max_in_flight: grouping.max_in_flight.max(1),
            },
            queue: Arc::default(),
        }
    }

    /// Decides one scan with whatever scans arrive with it.
    pub(super) async fn scan(&self, scan: Scan) -> Answer {
        if self.grouping.max_group == 1 {
            let verdict = scan.code.as_deref().map(|t| self.keys.current().decode(t));
            if !genuine(&scan, verdict) {
                return Ok(Decided::NotGenuine);
            }
            return self.repo.scan(&scan.attempt).await.map(Decided::Scan);
        }
        let (reply, answer) = oneshot::channel();
        let start = {
            let mut queue = self.lock();
            queue.waiting.push(Waiting { scan, reply });
            let start = queue.in_flight == 0
                || (queue.in_flight < self.grouping.max_in_flight
                    && queue.waiting.len() >= self.grouping.max_group);
            start.then(|| {
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

    /// Verifies the group's codes in one batch; answers the scans whose
    /// code is not genuine and keeps the others.
    fn keep_genuine(&self, group: Vec<Waiting>) -> Vec<Waiting> {
        let answers = {
            let texts: Vec<&str> = group
                .iter()
                .filter_map(|w| w.scan.code.as_deref())
                .collect();
            if texts.is_empty() {
                return group;
            }
            metrics::histogram!("door_code_batch_size").record(texts.len() as f64);
            self.keys.current().decode_many(&texts)
        };
        let mut answers = answers.into_iter();
        group
            .into_iter()
            .filter_map(|w| {
                let mine = w.scan.code.as_ref().and_then(|_| answers.next());
                if genuine(&w.scan, mine) {
                    Some(w)
                } else {
                    let _ = w.reply.send(Ok(Decided::NotGenuine));
                    None
                }
            })
            .collect()
    }

    async fn decide(&self, group: Vec<Waiting>) {
        metrics::histogram!("door_scan_group_size").record(group.len() as f64);
        let mut group = self.keep_genuine(group);
        if group.len() <= 1 {
            if let Some(Waiting { scan, reply }) = group.pop() {
                let _ = reply.send(self.repo.scan(&scan.attempt).await.map(Decided::Scan));
            }
            return;
        }
        // Decided in the order of their audit entries (UUIDv7, made as the
        // requests came in), so the log reads in the order of the decisions.
        group.sort_by_key(|w| w.scan.attempt.audit_id);
        let (attempts, replies): (Vec<ScanAttempt>, Vec<_>) =
            group.into_iter().map(|w| (w.scan.attempt, w.reply)).unzip();
        match self.repo.scan_many(&attempts).await {
            Ok(answers) => {
                for (reply, answer) in replies.into_iter().zip(answers) {
                    let _ = reply.send(answer.map(Decided::Scan));
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
                        let _ = reply.send(repo.scan(&attempt).await.map(Decided::Scan));
                    });
                }
            }
        }
    }
}

/// Whether `scan` may be decided, given the verification of its code (none
/// for a scan without one): the code verified, as the ticket and event the
/// attempt holds.
fn genuine(scan: &Scan, verified: Option<Result<TicketCode, CodeError>>) -> bool {
    match (&scan.code, verified) {
        (None, _) => true,
        (Some(_), Some(Ok(code))) => {
            code.event_id == scan.attempt.event_id.0 && code.ticket_id == scan.attempt.ticket_id.0
        }
        (Some(_), _) => false,
    }
}
