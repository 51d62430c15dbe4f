//! The door-scan run: a fixed plan of which code each request presents,
//! played by concurrent workers until the plan or the time runs out.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::client::Client;

/// Small xorshift generator; the plan needs spread, not cryptography.
pub struct Rng(u64);

impl Rng {
    /// Seeded from a random UUID.
    pub fn new() -> Self {
        Self((Uuid::new_v4().as_u128() as u64) | 1)
    }

    /// Next value.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Uniform-enough fraction in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform-enough index below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Fisher–Yates.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// Which code each request presents, by index into the code list.
pub struct Plan {
    pub order: Vec<u32>,
    pub firsts: usize,
}

/// `scans` requests over `codes` codes; a `dup_ratio` share re-presents a
/// code already presented, spread evenly through the run. A duplicate picks
/// a code presented at least `lag` requests earlier when there is one, so
/// that it meets a code already used rather than racing its first scan.
pub fn plan(codes: usize, scans: usize, dup_ratio: f64, lag: usize, rng: &mut Rng) -> Plan {
    if codes == 0 {
        return Plan {
            order: Vec::new(),
            firsts: 0,
        };
    }
    let wanted_dups = (scans as f64 * dup_ratio).round() as usize;
    let mut firsts = codes.min(scans - wanted_dups.min(scans));
    if firsts == 0 && scans > 0 {
        firsts = 1.min(codes);
    }
    let dups = scans - firsts;
    let mut order = Vec::with_capacity(scans);
    let mut next_first = 0usize;
    for i in 0..scans {
        let dup_slot = (i + 1) * dups / scans.max(1) > i * dups / scans.max(1);
        let must_first = next_first == 0;
        if (!dup_slot || must_first) && next_first < firsts {
            order.push(next_first as u32);
            next_first += 1;
        } else {
            let pool = next_first.saturating_sub(lag).max(1).min(next_first);
            order.push(rng.below(pool) as u32);
        }
    }
    Plan { order, firsts }
}

/// What one request came back with.
pub enum Outcome {
    Admitted,
    Rejected(String),
    /// A non-200 status.
    Status(u16),
    /// No HTTP answer (connection error, timeout, unreadable body).
    Failed(String),
}

/// One request of the run.
pub struct Sample {
    pub code: u32,
    pub elapsed: Duration,
    pub outcome: Outcome,
}

/// Everything the run produced.
pub struct RunResult {
    pub samples: Vec<Sample>,
    pub wall: Duration,
    pub stopped_by_time: bool,
}

/// Plays `plan` with `concurrency` workers, starting no request after
/// `max_time` (requests in flight finish or time out after 30 s). Worker
/// `w` scans as `scanners[w % len]` (the signed-in organiser, or enrolled
/// door devices); `client`'s session is kept fresh meanwhile.
pub async fn run(
    client: Arc<Client>,
    scanners: &[Arc<Client>],
    event_id: &str,
    codes: Arc<Vec<String>>,
    plan: Arc<Vec<u32>>,
    concurrency: usize,
    max_time: Duration,
) -> RunResult {
    let next = Arc::new(AtomicUsize::new(0));
    let path: Arc<str> = format!("/api/v1/events/{event_id}/scan").into();
    let started = Instant::now();
    let deadline = started + max_time;
    let mut workers = Vec::with_capacity(concurrency);
    for w in 0..concurrency {
        let (client, codes, plan, next, path) = (
            scanners[w % scanners.len()].clone(),
            codes.clone(),
            plan.clone(),
            next.clone(),
            path.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut out = Vec::new();
            loop {
                if Instant::now() >= deadline {
                    break;
                }
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&code) = plan.get(i) else { break };
                out.push(one_scan(&client, &path, code, &codes[code as usize], "load").await);
            }
            out
        }));
    }
    let refresher = refresher(client.clone());
    let mut samples = Vec::with_capacity(plan.len());
    for w in workers {
        samples.extend(w.await.expect("scan worker panicked"));
    }
    refresher.abort();
    let wall = started.elapsed();
    RunResult {
        stopped_by_time: samples.len() < plan.len(),
        samples,
        wall,
    }
}

/// Keeps the session fresh while a run lasts; abort it at the end.
pub fn refresher(client: Arc<Client>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(30)).await;
            if let Err(e) = client.keep_fresh(Duration::from_secs(300)).await {
                eprintln!("session refresh failed: {e:#}");
            }
        }
    })
}

/// One scan of code number `code` (text `text`) at `gate`, with a fresh `scan_id`.
pub async fn one_scan(client: &Client, path: &str, code: u32, text: &str, gate: &str) -> Sample {
    let body = serde_json::json!({
        "code": text,
        "scan_id": Uuid::new_v4(),
        "gate": gate,
    });
    let started = Instant::now();
    let outcome = match client.post(path, &body, Duration::from_secs(30)).await {
        Err(e) => Outcome::Failed(failure_kind(&e)),
        Ok(a) if a.status.as_u16() != 200 => Outcome::Status(a.status.as_u16()),
        Ok(a) => match a.json() {
            Err(_) => Outcome::Failed("bad_json".into()),
            Ok(v) => match (v["result"].as_str(), v["reason"].as_str()) {
                (Some("admitted"), _) => Outcome::Admitted,
                (Some("rejected"), reason) => Outcome::Rejected(reason.unwrap_or("none").into()),
                _ => Outcome::Failed("unexpected_body".into()),
            },
        },
    };
    Sample {
        code,
        elapsed: started.elapsed(),
        outcome,
    }
}

/// A request without an answer, by kind (`timeout`, `connect`, …).
pub fn failure_kind(e: &anyhow::Error) -> String {
    match e.downcast_ref::<reqwest::Error>() {
        Some(e) if e.is_timeout() => "timeout".into(),
        Some(e) if e.is_connect() => "connect".into(),
        Some(_) => "transport".into(),
        None => "other".into(),
    }
}

/// Outcome counts and the invariant check.
#[derive(Default)]
pub struct Tally {
    pub admitted: u64,
    pub rejected: BTreeMap<String, u64>,
    pub statuses: BTreeMap<u16, u64>,
    pub failures: BTreeMap<String, u64>,
    /// Distinct codes that got at least one 200 answer.
    pub distinct_answered: u64,
    /// Codes admitted more than once (must be 0 with max_uses 1).
    pub admitted_twice: u64,
    /// Codes answered but never admitted.
    pub never_admitted: u64,
}

impl Tally {
    /// Counts `samples` over `codes` codes.
    pub fn of(samples: &[Sample], codes: usize) -> Self {
        let mut t = Tally::default();
        let mut answered = vec![false; codes];
        let mut admissions = vec![0u32; codes];
        for s in samples {
            let c = s.code as usize;
            match &s.outcome {
                Outcome::Admitted => {
                    t.admitted += 1;
                    answered[c] = true;
                    admissions[c] += 1;
                }
                Outcome::Rejected(reason) => {
                    *t.rejected.entry(reason.clone()).or_default() += 1;
                    answered[c] = true;
                }
                Outcome::Status(code) => *t.statuses.entry(*code).or_default() += 1,
                Outcome::Failed(kind) => *t.failures.entry(kind.clone()).or_default() += 1,
            }
        }
        for (a, n) in answered.iter().zip(&admissions) {
            if *a {
                t.distinct_answered += 1;
                t.admitted_twice += u64::from(*n > 1);
                t.never_admitted += u64::from(*n == 0);
            }
        }
        t
    }

    /// The invariant: one admission per distinct code, none twice.
    pub fn invariant_ok(&self) -> bool {
        self.admitted == self.distinct_answered && self.admitted_twice == 0
    }

    /// Requests that did not get a 200 (other status or no answer).
    pub fn not_200(&self) -> u64 {
        self.statuses.values().chain(self.failures.values()).sum()
    }

    /// Every expectation of the run held.
    pub fn all_ok(&self) -> bool {
        self.invariant_ok() && self.unexpected_rejections() == 0 && self.not_200() == 0
    }

    /// Rejections other than `already_used` (none expected: every ticket is
    /// valid now and allows one use).
    pub fn unexpected_rejections(&self) -> u64 {
        self.rejected
            .iter()
            .filter(|(k, _)| k.as_str() != "already_used")
            .map(|(_, n)| n)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_mixes_firsts_and_earlier_codes() {
        let mut rng = Rng::new();
        let p = plan(1_000, 1_000, 0.1, 16, &mut rng);
        assert_eq!(p.order.len(), 1_000);
        assert_eq!(p.firsts, 900);
        let mut seen = vec![false; 1_000];
        let mut next_first = 0;
        for &c in &p.order {
            let c = c as usize;
            if c == next_first && !seen[c] {
                next_first += 1;
            } else {
                assert!(seen[c], "a duplicate must name a code already presented");
            }
            seen[c] = true;
        }
        assert_eq!(next_first, 900);
    }

    #[test]
    fn plan_with_few_codes_repeats_them() {
        let mut rng = Rng::new();
        let p = plan(10, 100, 0.0, 4, &mut rng);
        assert_eq!(p.firsts, 10);
        assert_eq!(p.order.len(), 100);
        assert!(p.order.iter().all(|&c| c < 10));
        assert_eq!(&p.order[..1], &[0]);
    }

    #[test]
    fn tally_checks_one_admission_per_code() {
        let s = |code, outcome| Sample {
            code,
            elapsed: Duration::ZERO,
            outcome,
        };
        let ok = [
            s(0, Outcome::Admitted),
            s(1, Outcome::Admitted),
            s(0, Outcome::Rejected("already_used".into())),
            s(2, Outcome::Status(429)),
        ];
        let t = Tally::of(&ok, 3);
        assert!(t.invariant_ok());
        assert_eq!(t.distinct_answered, 2);
        let bad = [s(0, Outcome::Admitted), s(0, Outcome::Admitted)];
        assert!(!Tally::of(&bad, 1).invariant_ok());
    }
}
