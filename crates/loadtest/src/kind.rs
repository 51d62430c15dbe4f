//! Figures for one kind of request (scan, stats read, sign-in, live
//! stream): answers as expected with their latency, 429s counted apart as
//! throttled, every other status or failure counted by name.

use std::collections::BTreeMap;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::client::Answer;
use crate::report::Latency;
use crate::scan::{failure_kind, Outcome, Sample};

/// One kind's counts and latencies.
#[derive(Default)]
pub struct Kind {
    /// Latency of each request answered as expected.
    pub latencies: Vec<Duration>,
    /// 429 answers (the server's throttling, not a failure of the load).
    pub throttled: u64,
    /// Other statuses (`"503"`) and requests without an answer (`"timeout"`).
    pub errors: BTreeMap<String, u64>,
}

impl Kind {
    /// An answer as expected, after `elapsed`.
    pub fn ok(&mut self, elapsed: Duration) {
        self.latencies.push(elapsed);
    }

    /// An unexpected status (429 counts as throttled).
    pub fn status(&mut self, status: StatusCode) {
        if status == StatusCode::TOO_MANY_REQUESTS {
            self.throttled += 1;
        } else {
            self.error(status.as_str());
        }
    }

    /// A request without an HTTP answer.
    pub fn failed(&mut self, e: &anyhow::Error) {
        self.error(&failure_kind(e));
    }

    /// Any other failure, by name.
    pub fn error(&mut self, name: &str) {
        *self.errors.entry(name.to_owned()).or_default() += 1;
    }

    /// Records `result`, expected to be `want`.
    pub fn record(&mut self, result: &anyhow::Result<Answer>, want: StatusCode) {
        match result {
            Ok(a) if a.status == want => self.ok(a.elapsed),
            Ok(a) => self.status(a.status),
            Err(e) => self.failed(e),
        }
    }

    /// Scans from their samples: every 200 (admitted or rejected) is as
    /// expected; `latency` gives each sample's latency to count.
    pub fn of_scans(samples: &[Sample], latency: impl Fn(usize) -> Duration) -> Self {
        let mut k = Kind::default();
        for (i, s) in samples.iter().enumerate() {
            match &s.outcome {
                Outcome::Admitted | Outcome::Rejected(_) => k.ok(latency(i)),
                Outcome::Status(code) => match StatusCode::from_u16(*code) {
                    Ok(status) => k.status(status),
                    Err(_) => k.error(&code.to_string()),
                },
                Outcome::Failed(kind) => k.error(kind),
            }
        }
        k
    }

    /// Requests answered as expected.
    pub fn answered(&self) -> u64 {
        self.latencies.len() as u64
    }

    /// Requests neither answered as expected nor throttled.
    pub fn error_count(&self) -> u64 {
        self.errors.values().sum()
    }

    /// All requests counted.
    pub fn total(&self) -> u64 {
        self.answered() + self.throttled + self.error_count()
    }

    /// Percentiles of the expected answers.
    pub fn latency(&self) -> Option<Latency> {
        Latency::of(self.latencies.clone())
    }

    /// The errors as `503: 2, timeout: 1`, or `none`.
    pub fn error_list(&self) -> String {
        if self.errors.is_empty() {
            return "none".into();
        }
        self.errors
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The figures as JSON.
    pub fn json(&self) -> Value {
        json!({
            "requests": self.total(),
            "ok": self.answered(),
            "throttled": self.throttled,
            "errors": self.errors,
            "latency_ms": self.latency().map(|l| l.json()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttling_is_not_an_error() {
        let mut k = Kind::default();
        k.ok(Duration::from_millis(3));
        k.status(StatusCode::TOO_MANY_REQUESTS);
        k.status(StatusCode::SERVICE_UNAVAILABLE);
        k.error("timeout");
        assert_eq!((k.answered(), k.throttled, k.error_count()), (1, 1, 2));
        assert_eq!(k.total(), 4);
        assert_eq!(k.error_list(), "503: 1, timeout: 1");
    }
}
