//! Open-loop door scans: door devices, each scanning at its own steady
//! human pace on a fixed schedule, whether or not earlier answers came
//! back. Latency counts from the *scheduled* moment, so a server that
//! falls behind shows it (no coordinated omission), and from the send.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use crate::client::Client;
use crate::scan::{one_scan, refresher, Rng, Sample};

/// Scans in flight at once beyond which a due scan is skipped (and
/// counted): the tool's own ceiling, so a stalled server cannot exhaust
/// the sockets of this machine.
pub const MAX_IN_FLIGHT: usize = 4_096;

/// Gate labels cycle over this many doors.
const GATES: usize = 8;

/// When each device scans: device `n` first at `offsets[n]`, then every `period`.
pub struct Schedule {
    offsets: Vec<Duration>,
    pub period: Duration,
    pub window: Duration,
}

impl Schedule {
    /// `devices` devices, one scan every `period` each, for `window`. Each
    /// device starts at a random moment of its own slice of the first
    /// period: spread evenly, never in step.
    pub fn new(devices: usize, period: Duration, window: Duration, rng: &mut Rng) -> Self {
        let offsets = (0..devices)
            .map(|n| period.mul_f64((n as f64 + rng.unit()) / devices as f64))
            .collect();
        Self {
            offsets,
            period,
            window,
        }
    }

    /// Devices scanning.
    pub fn devices(&self) -> usize {
        self.offsets.len()
    }

    /// Scans due before the window closes.
    pub fn len(&self) -> usize {
        let p = self.period.as_secs_f64();
        self.offsets
            .iter()
            .filter(|o| **o < self.window)
            .map(|o| ((self.window - *o).as_secs_f64() / p).ceil() as usize)
            .sum()
    }

    /// Scans per second the devices offer together.
    pub fn offered_rate(&self) -> f64 {
        self.devices() as f64 / self.period.as_secs_f64()
    }
}

/// One scan with its times against the schedule.
pub struct Timed {
    pub sample: Sample,
    /// From the scheduled moment to the full answer.
    pub from_schedule: Duration,
    /// From the scheduled moment to the send (the client's own delay).
    pub send_lag: Duration,
}

/// Everything the open-loop run produced.
pub struct OpenRun {
    pub scans: Vec<Timed>,
    /// Scans due while [`MAX_IN_FLIGHT`] were in flight, not sent.
    pub skipped: usize,
    /// Most scans in flight at once.
    pub peak_in_flight: usize,
    /// From the start to the last answer.
    pub wall: Duration,
}

/// Plays `plan` (code numbers, one per scan in schedule order) on
/// `schedule` from `start`; a device stops when the window closes or the
/// plan runs out. Scans in flight then finish (or time out after 30 s).
pub async fn run(
    client: Arc<Client>,
    event_id: &str,
    codes: Arc<Vec<String>>,
    plan: Arc<Vec<u32>>,
    schedule: &Schedule,
    start: Instant,
) -> OpenRun {
    let path: Arc<str> = format!("/api/v1/events/{event_id}/scan").into();
    let next = Arc::new(AtomicUsize::new(0));
    let in_flight = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let skipped = Arc::new(AtomicUsize::new(0));
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Timed>();
    let end = start + schedule.window;
    for (n, offset) in schedule.offsets.iter().enumerate() {
        let gate: Arc<str> = format!("gate-{}", n % GATES).into();
        let (client, path, codes, plan, tx) = (
            client.clone(),
            path.clone(),
            codes.clone(),
            plan.clone(),
            tx.clone(),
        );
        let (next, in_flight, peak, skipped) = (
            next.clone(),
            in_flight.clone(),
            peak.clone(),
            skipped.clone(),
        );
        let period = schedule.period;
        let mut due = start + *offset;
        tokio::spawn(async move {
            while due < end {
                tokio::time::sleep_until(due).await;
                let Some(&code) = plan.get(next.fetch_add(1, Ordering::Relaxed)) else {
                    break;
                };
                let now_in_flight = in_flight.fetch_add(1, Ordering::Relaxed) + 1;
                if now_in_flight > MAX_IN_FLIGHT {
                    in_flight.fetch_sub(1, Ordering::Relaxed);
                    skipped.fetch_add(1, Ordering::Relaxed);
                } else {
                    peak.fetch_max(now_in_flight, Ordering::Relaxed);
                    let (client, path, codes, gate, tx, in_flight) = (
                        client.clone(),
                        path.clone(),
                        codes.clone(),
                        gate.clone(),
                        tx.clone(),
                        in_flight.clone(),
                    );
                    // Its own task: a slow answer never delays the next scan.
                    tokio::spawn(async move {
                        let sent = Instant::now();
                        let sample =
                            one_scan(&client, &path, code, &codes[code as usize], &gate).await;
                        in_flight.fetch_sub(1, Ordering::Relaxed);
                        let _ = tx.send(Timed {
                            sample,
                            from_schedule: due.elapsed(),
                            send_lag: sent - due,
                        });
                    });
                }
                due += period;
            }
        });
    }
    drop(tx);
    let refresher = refresher(client);
    let mut scans = Vec::with_capacity(plan.len());
    let mut last = start;
    // Closes once every device and every scan task has dropped its sender.
    while let Some(t) = rx.recv().await {
        scans.push(t);
        last = Instant::now();
    }
    refresher.abort();
    OpenRun {
        scans,
        skipped: skipped.load(Ordering::Relaxed),
        peak_in_flight: peak.load(Ordering::Relaxed),
        wall: last.saturating_duration_since(start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_spreads_devices_over_the_first_period() {
        let mut rng = Rng::new();
        let s = Schedule::new(4, Duration::from_secs(2), Duration::from_secs(10), &mut rng);
        assert_eq!(s.len(), 20);
        assert_eq!(s.offered_rate(), 2.0);
        for (n, o) in s.offsets.iter().enumerate() {
            let slice = Duration::from_millis(500);
            assert!(*o >= slice * n as u32 && *o < slice * (n as u32 + 1));
        }
    }

    #[test]
    fn schedule_counts_a_window_shorter_than_a_period() {
        let mut rng = Rng::new();
        let s = Schedule::new(
            1_000,
            Duration::from_secs(10),
            Duration::from_secs(1),
            &mut rng,
        );
        // Only the devices whose first scan falls in the first second.
        assert_eq!(s.len(), 100);
    }
}
