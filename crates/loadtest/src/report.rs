//! Figures: latency percentiles, the printed report and its JSON form.

use std::time::Duration;

use serde_json::{json, Value};

use crate::cpu;
use crate::scan::{Outcome, RunResult, Tally};

/// Latency percentiles in milliseconds.
pub struct Latency {
    pub count: usize,
    pub mean: f64,
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub max: f64,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

/// Nearest-rank percentile of a sorted, non-empty slice.
fn pct(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

impl Latency {
    /// Percentiles of `durations`; `None` when empty.
    pub fn of(mut durations: Vec<Duration>) -> Option<Self> {
        if durations.is_empty() {
            return None;
        }
        durations.sort_unstable();
        let total: Duration = durations.iter().sum();
        Some(Self {
            count: durations.len(),
            mean: ms(total) / durations.len() as f64,
            p50: ms(pct(&durations, 0.50)),
            p90: ms(pct(&durations, 0.90)),
            p99: ms(pct(&durations, 0.99)),
            max: ms(*durations.last().expect("non-empty")),
        })
    }

    /// The percentiles as JSON.
    pub fn json(&self) -> Value {
        json!({ "count": self.count, "mean": self.mean, "p50": self.p50,
                "p90": self.p90, "p99": self.p99, "max": self.max })
    }
}

/// The bulk-issue and export phases.
pub struct Setup {
    pub tickets: u64,
    pub batches: Vec<(u64, Duration)>,
    pub export_rows: u64,
    pub export_bytes: u64,
    pub export_time: Duration,
}

impl Setup {
    fn issue_time(&self) -> Duration {
        self.batches.iter().map(|(_, d)| *d).sum()
    }
}

/// The scan phase.
pub struct Scans {
    pub concurrency: usize,
    /// Enrolled door devices the workers scanned as (none: the organiser).
    pub enrolled_devices: Option<u64>,
    pub planned: usize,
    pub firsts: usize,
    pub run: RunResult,
    pub tally: Tally,
    pub cpu: cpu::Usage,
}

impl Scans {
    /// Latency of every request that got an HTTP answer.
    pub fn latency(&self) -> Option<Latency> {
        Latency::of(
            self.run
                .samples
                .iter()
                .filter(|s| !matches!(s.outcome, Outcome::Failed(_)))
                .map(|s| s.elapsed)
                .collect(),
        )
    }

    fn rate(&self) -> f64 {
        self.run.samples.len() as f64 / self.run.wall.as_secs_f64().max(1e-9)
    }
}

/// `n` per second of `d`.
pub fn per_sec(n: u64, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64().max(1e-9)
}

/// `key: count` pairs, or `none`.
pub fn counts<K: std::fmt::Display>(map: &std::collections::BTreeMap<K, u64>) -> String {
    if map.is_empty() {
        return "none".into();
    }
    map.iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// CPU use in one line.
pub fn cpu_line(u: &cpu::Usage) -> String {
    let secs = |v: Option<f64>| v.map_or("n/a".to_owned(), |s| format!("{s:.1} s"));
    format!(
        "client {}, server {}, machine busy {} of {} cores",
        secs(u.client),
        secs(u.server),
        u.machine_busy
            .map_or("n/a".to_owned(), |b| format!("{:.0}%", b * 100.0)),
        cores()
    )
}

/// The human report.
pub fn print(setup: &Setup, scans: &Scans) {
    print_setup(setup);
    let t = &scans.tally;
    println!(
        "scans        {} of {} planned ({} first uses planned), {} workers{}, {:.2} s{}",
        scans.run.samples.len(),
        scans.planned,
        scans.firsts,
        scans.concurrency,
        scans
            .enrolled_devices
            .map(|n| format!(" as {n} enrolled door devices"))
            .unwrap_or_default(),
        scans.run.wall.as_secs_f64(),
        if scans.run.stopped_by_time {
            " (stopped by --max-seconds)"
        } else {
            ""
        }
    );
    println!("  rate       {:.0} requests/s", scans.rate());
    if let Some(l) = scans.latency() {
        println!(
            "  latency ms p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}  (mean {:.2})",
            l.p50, l.p90, l.p99, l.max, l.mean
        );
    }
    println!("  cpu        {}", cpu_line(&scans.cpu));
    print_tally(t);
    print_checks(t);
}

/// The bulk-issue and export lines.
pub fn print_setup(setup: &Setup) {
    let issue = setup.issue_time();
    let batch_list = setup
        .batches
        .iter()
        .map(|(_, d)| format!("{:.2}", d.as_secs_f64()))
        .collect::<Vec<_>>()
        .join(" ");
    println!(
        "issue        {} tickets in {} request(s): {:.2} s, {:.0} tickets/s (per request, s: {batch_list})",
        setup.tickets,
        setup.batches.len(),
        issue.as_secs_f64(),
        per_sec(setup.tickets, issue)
    );
    println!(
        "export       {} rows, {:.1} MB: {:.2} s, {:.0} rows/s",
        setup.export_rows,
        setup.export_bytes as f64 / 1e6,
        setup.export_time.as_secs_f64(),
        per_sec(setup.export_rows, setup.export_time)
    );
}

/// The scan outcome counts.
pub fn print_tally(t: &Tally) {
    println!("  admitted   {}", t.admitted);
    println!("  rejected   {}", counts(&t.rejected));
    println!("  non-200    {}", counts(&t.statuses));
    println!("  no answer  {}", counts(&t.failures));
    if t.statuses.contains_key(&429) {
        println!(
            "  hint       429 = the server's scan limit per user; restart it with a larger \
             QR_EVENT_SCANS_PER_MINUTE (--scans-per-minute)"
        );
    }
}

/// The three checks of a scan run, each OK or FAIL.
pub fn print_checks(t: &Tally) {
    println!(
        "invariant    {}: admitted {} vs distinct codes answered {}; admitted twice {}; answered but never admitted {}{}",
        if t.invariant_ok() { "OK" } else { "FAIL" },
        t.admitted,
        t.distinct_answered,
        t.admitted_twice,
        t.never_admitted,
        if !t.invariant_ok() && !t.failures.is_empty() {
            " (requests without an answer may have been admitted unseen)"
        } else {
            ""
        }
    );
    println!(
        "answers      {}: {} scan(s) without a 200",
        if t.not_200() == 0 { "OK" } else { "FAIL" },
        t.not_200()
    );
    println!(
        "rejections   {}: {} other than already_used",
        if t.unexpected_rejections() == 0 {
            "OK"
        } else {
            "FAIL"
        },
        t.unexpected_rejections()
    );
}

/// The same figures as JSON.
pub fn to_json(setup: &Setup, scans: &Scans) -> Value {
    let t = &scans.tally;
    let mut out = setup_json(setup);
    out["scan"] = json!({
        "concurrency": scans.concurrency,
        "enrolled_devices": scans.enrolled_devices,
        "planned": scans.planned,
        "first_uses_planned": scans.firsts,
        "requests": scans.run.samples.len(),
        "seconds": scans.run.wall.as_secs_f64(),
        "stopped_by_time": scans.run.stopped_by_time,
        "requests_per_s": scans.rate(),
        "latency_ms": scans.latency().map(|l| l.json()),
        "admitted": t.admitted,
        "rejected": t.rejected,
        "statuses": statuses_json(t),
        "no_answer": t.failures,
        "cpu": cpu_json(&scans.cpu),
    });
    out["invariant"] = checks_json(t);
    out
}

/// The non-200 statuses of a scan run, keyed by status.
pub fn statuses_json(t: &Tally) -> Value {
    Value::Object(
        t.statuses
            .iter()
            .map(|(k, v)| (k.to_string(), json!(v)))
            .collect(),
    )
}

/// CPU use as JSON.
pub fn cpu_json(u: &cpu::Usage) -> Value {
    json!({
        "client_seconds": u.client,
        "server_seconds": u.server,
        "machine_busy": u.machine_busy,
        "cores": cores(),
    })
}

/// The `issue` and `export` figures as a JSON object.
pub fn setup_json(setup: &Setup) -> Value {
    let issue = setup.issue_time();
    json!({
        "issue": {
            "tickets": setup.tickets,
            "requests": setup.batches.len(),
            "seconds": issue.as_secs_f64(),
            "tickets_per_s": per_sec(setup.tickets, issue),
            "batch_seconds": setup.batches.iter().map(|(_, d)| d.as_secs_f64()).collect::<Vec<_>>(),
        },
        "export": {
            "rows": setup.export_rows,
            "bytes": setup.export_bytes,
            "seconds": setup.export_time.as_secs_f64(),
            "rows_per_s": per_sec(setup.export_rows, setup.export_time),
        },
    })
}

/// The checks of a scan run as JSON.
pub fn checks_json(t: &Tally) -> Value {
    json!({
            "ok": t.invariant_ok(),
            "admitted": t.admitted,
            "distinct_codes_answered": t.distinct_answered,
            "admitted_twice": t.admitted_twice,
            "never_admitted": t.never_admitted,
            "unexpected_rejections": t.unexpected_rejections(),
            "not_200": t.not_200(),
            "all_ok": t.all_ok(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let d: Vec<Duration> = (1..=100).rev().map(Duration::from_millis).collect();
        let l = Latency::of(d).expect("some");
        assert_eq!((l.p50, l.p90, l.p99, l.max), (50.0, 90.0, 99.0, 100.0));
        assert!(Latency::of(Vec::new()).is_none());
    }
}
