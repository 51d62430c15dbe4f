//! The report of an open-loop run: offered against achieved rate, and
//! p50/p99/max per kind of request, as text or JSON.

use serde_json::{json, Value};

use crate::kind::Kind;
use crate::open::MAX_IN_FLIGHT;
use crate::report::{self, Setup};
use crate::scenario::OpenFigures;

/// The kinds of request in report order, with their names.
fn kinds(f: &OpenFigures) -> Vec<(&'static str, &Kind)> {
    let mut out = vec![
        ("scan (from schedule)", &f.scan_scheduled),
        ("scan (from send)", &f.scan_sent),
    ];
    if let Some(k) = &f.stats {
        out.push(("stats read", k));
    }
    if let Some(k) = &f.sign_ins {
        out.push(("sign-in", k));
    }
    if let Some(l) = &f.live {
        out.push(("live first event", &l.first));
    }
    out
}

fn ms(v: Option<f64>) -> String {
    v.map_or("-".to_owned(), |v| format!("{v:.1}"))
}

/// The human report.
pub fn print(setup: &Setup, f: &OpenFigures) {
    report::print_setup(setup);
    println!(
        "open loop    {} devices, one scan every {:.2} s each: offered {:.0} scans/s for {:.0} s \
         ({} scans planned{}, {} first uses)",
        f.devices,
        f.period.as_secs_f64(),
        f.offered_rate,
        f.window.as_secs_f64(),
        f.planned,
        if f.planned < f.scheduled {
            format!(" of {} scheduled, capped by --scans", f.scheduled)
        } else {
            String::new()
        },
        f.firsts
    );
    println!(
        "  achieved   {:.0} scans/s answered ({:.1} % of offered); {} sent, {} skipped at the \
         {MAX_IN_FLIGHT} in-flight ceiling, at most {} in flight; last answer {:.2} s after the start",
        f.achieved_rate(),
        100.0 * f.achieved_rate() / f.offered_rate.max(1e-9),
        f.sent,
        f.skipped,
        f.peak_in_flight,
        f.wall.as_secs_f64()
    );
    if let Some(l) = &f.send_lag {
        println!(
            "  send lag   ms p50 {:.2}  p99 {:.2}  max {:.2}  (the client's own delay past the schedule)",
            l.p50, l.p99, l.max
        );
    }
    println!("  cpu        {}", report::cpu_line(&f.cpu));
    println!(
        "  {:<22} {:>8} {:>8} {:>9} {:>7} {:>9} {:>9} {:>9}",
        "kind", "requests", "ok", "throttled", "errors", "p50 ms", "p99 ms", "max ms"
    );
    for (name, k) in kinds(f) {
        let l = k.latency();
        println!(
            "  {:<22} {:>8} {:>8} {:>9} {:>7} {:>9} {:>9} {:>9}",
            name,
            k.total(),
            k.answered(),
            k.throttled,
            k.error_count(),
            ms(l.as_ref().map(|l| l.p50)),
            ms(l.as_ref().map(|l| l.p99)),
            ms(l.as_ref().map(|l| l.max)),
        );
        if k.error_count() > 0 {
            println!("  {:<22} errors: {}", "", k.error_list());
        }
    }
    if let Some(l) = &f.live {
        println!(
            "  live views {} of {} open at the end, {} figure updates received",
            l.open, l.viewers, l.events
        );
    }
    if f.sign_ins.as_ref().is_some_and(|k| k.throttled > 0) {
        println!(
            "  hint       sign-in 429 = the server's sign-in throttle (per address: \
             QR_EVENT_LOGIN_MAX_PER_IP, 100 per 15 min by default)"
        );
    }
    report::print_tally(&f.tally);
    report::print_checks(&f.tally);
}

/// The same figures as JSON.
pub fn to_json(setup: &Setup, f: &OpenFigures) -> Value {
    let t = &f.tally;
    let mut out = report::setup_json(setup);
    out["open_loop"] = json!({
        "devices": f.devices,
        "scan_every_s": f.period.as_secs_f64(),
        "window_s": f.window.as_secs_f64(),
        "offered_per_s": f.offered_rate,
        "achieved_per_s": f.achieved_rate(),
        "scheduled": f.scheduled,
        "planned": f.planned,
        "first_uses_planned": f.firsts,
        "sent": f.sent,
        "skipped_in_flight_ceiling": f.skipped,
        "peak_in_flight": f.peak_in_flight,
        "seconds_to_last_answer": f.wall.as_secs_f64(),
        "send_lag_ms": f.send_lag.as_ref().map(|l| l.json()),
        "admitted": t.admitted,
        "rejected": t.rejected,
        "statuses": report::statuses_json(t),
        "no_answer": t.failures,
        "cpu": report::cpu_json(&f.cpu),
    });
    let mut kinds = serde_json::Map::new();
    kinds.insert("scan".into(), f.scan_scheduled.json());
    kinds.insert("scan_from_send".into(), f.scan_sent.json());
    if let Some(k) = &f.stats {
        kinds.insert("stats_read".into(), k.json());
    }
    if let Some(k) = &f.sign_ins {
        kinds.insert("sign_in".into(), k.json());
    }
    if let Some(l) = &f.live {
        kinds.insert("live_first_event".into(), l.first.json());
        out["live"] = json!({ "open_at_end": l.open, "events": l.events });
    }
    out["kinds"] = Value::Object(kinds);
    out["invariant"] = report::checks_json(t);
    out["all_ok"] = json!(f.all_ok());
    out
}
