//! The open-loop scenario: door devices on their schedule and, with
//! `--mixed`, live viewers, dashboards and sign-ins, all on one clock.

use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use crate::client::Client;
use crate::cpu;
use crate::kind::Kind;
use crate::live::{self, Seen};
use crate::mixed::{self, Account};
use crate::open::{self, Schedule};
use crate::report::Latency;
use crate::scan::{Plan, Rng, Sample, Tally};

/// What runs beside the scans.
pub struct Mix {
    pub live_viewers: usize,
    pub dashboard_readers: usize,
    pub sign_ins: usize,
    /// The accounts the sign-ins take turns with.
    pub accounts: Vec<Account>,
}

/// The figures of an open-loop run.
pub struct OpenFigures {
    pub devices: usize,
    pub period: Duration,
    pub window: Duration,
    pub offered_rate: f64,
    /// Scans the plan held (the schedule's, or fewer with `--scans`).
    pub planned: usize,
    /// Scans the schedule held before `--scans` applied.
    pub scheduled: usize,
    pub firsts: usize,
    pub sent: usize,
    pub skipped: usize,
    pub peak_in_flight: usize,
    /// From the start to the last answer.
    pub wall: Duration,
    /// From the scheduled moment to the send, per scan.
    pub send_lag: Option<Latency>,
    /// Scan latency counted from the scheduled moment.
    pub scan_scheduled: Kind,
    /// Scan latency counted from the send.
    pub scan_sent: Kind,
    pub tally: Tally,
    pub cpu: cpu::Usage,
    pub stats: Option<Kind>,
    pub sign_ins: Option<Kind>,
    pub live: Option<Seen>,
}

/// The start comes a little after the tasks are spawned, so the first
/// requests do not wait on the spawning itself.
const LEAD: Duration = Duration::from_millis(200);

/// Runs the scans of `plan` over `codes` on `schedule`, with `mix` beside them.
#[allow(clippy::too_many_arguments)]
pub async fn run(
    client: Arc<Client>,
    event_id: &str,
    codes: Vec<String>,
    plan: Plan,
    schedule: &Schedule,
    mix: Mix,
    server_pid: Option<u32>,
    rng: &mut Rng,
) -> OpenFigures {
    let n_codes = codes.len();
    let planned = plan.order.len();
    let start = Instant::now() + LEAD;
    let end = start + schedule.window;
    let viewers = live::open_spread(
        client.clone(),
        event_id,
        mix.live_viewers,
        start,
        schedule.period.min(schedule.window),
        rng,
    );
    let stats = (mix.dashboard_readers > 0).then(|| {
        mixed::dashboards(
            client.clone(),
            event_id,
            mix.dashboard_readers,
            start,
            end,
            rng,
        )
    });
    let sign_ins = (mix.sign_ins > 0)
        .then(|| mixed::sign_ins(client.clone(), mix.accounts, mix.sign_ins, start, end, rng));
    let mark = cpu::Mark::now(server_pid);
    let run = open::run(
        client,
        event_id,
        Arc::new(codes),
        Arc::new(plan.order),
        schedule,
        start,
    )
    .await;
    let cpu = mark.usage();
    let stats = match stats {
        Some(task) => Some(task.await.expect("dashboards panicked")),
        None => None,
    };
    let sign_ins = match sign_ins {
        Some(task) => Some(task.await.expect("sign-ins panicked")),
        None => None,
    };
    let mut samples: Vec<Sample> = Vec::with_capacity(run.scans.len());
    let mut from_schedule = Vec::with_capacity(run.scans.len());
    let mut lags = Vec::with_capacity(run.scans.len());
    for t in run.scans {
        samples.push(t.sample);
        from_schedule.push(t.from_schedule);
        lags.push(t.send_lag);
    }
    OpenFigures {
        devices: schedule.devices(),
        period: schedule.period,
        window: schedule.window,
        offered_rate: schedule.offered_rate(),
        planned,
        scheduled: schedule.len(),
        firsts: plan.firsts,
        sent: samples.len(),
        skipped: run.skipped,
        peak_in_flight: run.peak_in_flight,
        wall: run.wall,
        send_lag: Latency::of(lags),
        scan_scheduled: Kind::of_scans(&samples, |i| from_schedule[i]),
        scan_sent: Kind::of_scans(&samples, |i| samples[i].elapsed),
        tally: Tally::of(&samples, n_codes),
        cpu,
        stats,
        sign_ins,
        live: viewers.map(live::Viewers::finish),
    }
}

impl OpenFigures {
    /// Scans answered 200 per second, from the start to the last answer.
    pub fn achieved_rate(&self) -> f64 {
        self.scan_sent.answered() as f64 / self.wall.as_secs_f64().max(1e-9)
    }

    /// Every expectation held: the scan checks, no error (throttling
    /// aside) in the other kinds, every live view opened and still open.
    pub fn all_ok(&self) -> bool {
        let quiet = |k: &Option<Kind>| k.as_ref().is_none_or(|k| k.error_count() == 0);
        self.tally.all_ok()
            && self.skipped == 0
            && quiet(&self.stats)
            && quiet(&self.sign_ins)
            && self
                .live
                .as_ref()
                .is_none_or(|l| l.first.error_count() == 0)
    }
}
