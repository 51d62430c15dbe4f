//! CPU accounting from `/proc` (Linux; `None` elsewhere): on a small machine
//! the client, the server and the database share the cores, and the figures
//! only mean something next to who used them.

use std::time::Duration;

/// Clock ticks per second of `/proc` times (USER_HZ, 100 on Linux).
const TICKS: f64 = 100.0;

/// User + system CPU of a process (`None`: this process).
pub fn process(pid: Option<u32>) -> Option<Duration> {
    let path = match pid {
        Some(pid) => format!("/proc/{pid}/stat"),
        None => "/proc/self/stat".to_owned(),
    };
    let stat = std::fs::read_to_string(path).ok()?;
    // The command name may hold spaces; the fields after it are fixed.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_secs_f64((utime + stime) as f64 / TICKS))
}

/// Busy and total ticks of the whole machine, all cores.
pub fn machine() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().next()?.strip_prefix("cpu ")?;
    let v: Vec<u64> = line
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    let total: u64 = v.iter().take(8).sum();
    // idle and iowait
    let idle = v.get(3)? + v.get(4).copied().unwrap_or(0);
    Some((total - idle, total))
}

/// A reading at the start of a phase.
pub struct Mark {
    client: Option<Duration>,
    server: Option<Duration>,
    machine: Option<(u64, u64)>,
    server_pid: Option<u32>,
}

/// CPU used during a phase.
pub struct Usage {
    /// Seconds of CPU used by this tool.
    pub client: Option<f64>,
    /// Seconds of CPU used by the server process (with `--server-pid`).
    pub server: Option<f64>,
    /// Busy share of all cores, 0–1 (everything on the machine).
    pub machine_busy: Option<f64>,
}

impl Mark {
    /// Reads the counters now.
    pub fn now(server_pid: Option<u32>) -> Self {
        Self {
            client: process(None),
            server: server_pid.and_then(|p| process(Some(p))),
            machine: machine(),
            server_pid,
        }
    }

    /// What was used since this mark.
    pub fn usage(&self) -> Usage {
        let end = Mark::now(self.server_pid);
        let diff =
            |a: Option<Duration>, b: Option<Duration>| Some(b?.saturating_sub(a?).as_secs_f64());
        Usage {
            client: diff(self.client, end.client),
            server: diff(self.server, end.server),
            machine_busy: match (self.machine, end.machine) {
                (Some((b0, t0)), Some((b1, t1))) if t1 > t0 => {
                    Some((b1 - b0) as f64 / (t1 - t0) as f64)
                }
                _ => None,
            },
        }
    }
}
