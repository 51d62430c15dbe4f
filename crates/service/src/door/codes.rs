//! Ticket codes checked together (ADR 0014). Verifying an Ed25519
//! signature is the largest part of a door scan's CPU; checking the codes
//! that wait together in one batch halves it per code.
//!
//! Like the scan groups (ADR 0012), no timer: a code arriving while no
//! check runs is checked at once, alone, by its own request. Codes arriving
//! while a check runs queue; when it ends, one task checks everything queued
//! (up to [`MAX_BATCH`]) in one batch, and again until nothing waits. The
//! answers are always those of checking each code alone.

use std::sync::{Arc, Mutex, PoisonError};

use qr_event_qr::{CodeError, TicketCode, TicketCodec};
use tokio::sync::oneshot;

use crate::QrKeys;

/// Most codes in one batch: past about 32 a batch saves nothing more per
/// code (docs/benchmarks.md), and a longer one holds a worker thread longer.
pub(super) const MAX_BATCH: usize = 64;

type Answer = Result<TicketCode, CodeError>;

struct Waiting {
    text: String,
    reply: oneshot::Sender<Answer>,
}

#[derive(Default)]
struct Queue {
    waiting: Vec<Waiting>,
    /// A check runs (a request's own, or the batch task).
    busy: bool,
    /// Codes checked in batches so far.
    batched: u64,
}

/// Checks the door's codes, in batches when they wait together.
#[derive(Clone)]
pub(super) struct CodeChecks {
    keys: QrKeys,
    queue: Arc<Mutex<Queue>>,
}

/// The right to check: held by one request or the batch task at a time.
struct Busy {
    queue: Arc<Mutex<Queue>>,
    held: bool,
}

impl Busy {
    /// The next batch of waiting codes; with none, the checks are idle again
    /// (under the same lock, so a code queued meanwhile is never left
    /// without a checker).
    fn next_batch(&mut self) -> Option<Vec<Waiting>> {
        let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        if queue.waiting.is_empty() {
            queue.busy = false;
            self.held = false;
            return None;
        }
        let n = queue.waiting.len().min(MAX_BATCH);
        queue.batched += n as u64;
        Some(queue.waiting.drain(..n).collect())
    }
}

/// Ended abnormally (a panic): the checks are idle again, and whoever still
/// waits is answered by checking alone (its sender is dropped).
impl Drop for Busy {
    fn drop(&mut self) {
        if self.held {
            let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
            queue.busy = false;
            queue.waiting.clear();
        }
    }
}

impl CodeChecks {
    pub(super) fn new(keys: QrKeys) -> Self {
        Self {
            keys,
            queue: Arc::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Parses and verifies `text` (trimmed) with the current key ring.
    pub(super) async fn decode(&self, text: &str) -> Answer {
        let text = text.trim();
        let answer = {
            let mut queue = self.lock();
            if queue.busy {
                let (reply, answer) = oneshot::channel();
                queue.waiting.push(Waiting {
                    text: text.to_owned(),
                    reply,
                });
                Some(answer)
            } else {
                queue.busy = true;
                None
            }
        };
        if let Some(answer) = answer {
            return match answer.await {
                Ok(answer) => answer,
                // The batch task went away: check alone.
                Err(_) => self.keys.current().decode(text),
            };
        }
        let mut busy = Busy {
            queue: self.queue.clone(),
            held: true,
        };
        let answer = self.keys.current().decode(text);
        // The codes that queued meanwhile go to the batch task.
        if let Some(batch) = busy.next_batch() {
            let this = self.clone();
            tokio::spawn(async move { this.run(busy, batch).await });
        }
        answer
    }

    /// Checks what waits, a batch at a time, until nothing does.
    async fn run(self, mut busy: Busy, first: Vec<Waiting>) {
        let mut next = Some(first);
        while let Some(batch) = next {
            metrics::histogram!("door_code_batch_size").record(batch.len() as f64);
            let texts: Vec<&str> = batch.iter().map(|w| w.text.as_str()).collect();
            let answers = self.keys.current().decode_many(&texts);
            for (waiting, answer) in batch.into_iter().zip(answers) {
                let _ = waiting.reply.send(answer);
            }
            // Let the requests just answered (and others) run between batches.
            tokio::task::yield_now().await;
            next = busy.next_batch();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qr_event_qr::{KeyId, KeyRing, SigningKeyPair};
    use uuid::Uuid;

    fn keys() -> QrKeys {
        let pair = SigningKeyPair::from_secret(KeyId([1, 2, 3, 4]), [9; 32]);
        QrKeys::new(KeyRing::new(Some(pair), vec![]).unwrap())
    }

    /// Many requests at once, genuine and bad codes mixed: each gets the
    /// answer of checking its code alone, and the checks end idle.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn codes_checked_together_get_their_own_answers() {
        let keys = keys();
        let checks = CodeChecks::new(keys.clone());
        let ring = keys.current();
        let mut texts = Vec::new();
        for i in 0..600u32 {
            let code = ring.encode(Uuid::new_v4(), Uuid::new_v4()).unwrap();
            texts.push(match i % 5 {
                // A changed signature byte.
                3 => {
                    let mut bytes = code.into_bytes();
                    bytes[120] = if bytes[120] == b'A' { b'B' } else { b'A' };
                    String::from_utf8(bytes).unwrap()
                }
                4 => format!("  {code}\n"),
                _ => code,
            });
        }
        let mut tasks = tokio::task::JoinSet::new();
        for text in texts.clone() {
            let checks = checks.clone();
            tasks.spawn(async move { (checks.decode(&text).await, text) });
        }
        let mut answered = 0;
        while let Some(done) = tasks.join_next().await {
            let (answer, text) = done.unwrap();
            assert_eq!(answer, ring.decode(text.trim()), "{text}");
            answered += 1;
        }
        assert_eq!(answered, texts.len());
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let queue = checks.lock();
        assert!(!queue.busy && queue.waiting.is_empty(), "idle at the end");
        assert!(
            queue.batched > 0,
            "some codes waited and were checked together"
        );
    }
}
