//! `qr-event-load`: bounded load against a running QR Event server on this
//! machine. Registers a fresh account, creates an event, issues tickets in
//! bulk, exports their codes and plays door scans (closed loop: workers as
//! fast as answers come; or open loop: door devices at a human pace, with
//! `--mixed` viewers, dashboards and sign-ins beside them), then reports
//! rates, latency percentiles and whether every code was admitted exactly once.

mod client;
mod cpu;
mod door;
mod kind;
mod live;
mod mixed;
mod open;
mod open_report;
mod people;
mod report;
mod scan;
mod scenario;
mod search;

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use chrono::Utc;
use clap::Parser;
use reqwest::StatusCode;
use serde_json::json;

use client::{local_target, Client};
use open::Schedule;
use report::{Scans, Setup};
use scan::{Rng, Tally};

/// Bounded load on the bulk-issue and door-scan endpoints of a local server.
///
/// Scans run closed loop by default (`--concurrency` workers, each sending
/// its next scan as soon as the last is answered). With `--devices N
/// --scan-every SECS` they run open loop: N door devices each scan on a
/// fixed schedule whatever the answers, latency counting from the scheduled
/// moment; `--mixed` adds live viewers, dashboards and sign-ins.
///
/// Only http://127.0.0.1 or http://localhost targets are accepted. Every
/// count and the scan time are capped, so a run always ends by itself.
#[derive(Parser)]
#[command(name = "qr-event-load", version)]
struct Args {
    /// Base URL of the running server (127.0.0.1 or localhost only).
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    url: String,
    /// Tickets to issue.
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=5_000_000))]
    tickets: u64,
    /// Scan requests to send at most [default: 20,000; with --devices, as
    /// many as the schedule holds in --max-seconds].
    #[arg(long, value_parser = clap::value_parser!(u64).range(0..=10_000_000))]
    scans: Option<u64>,
    /// Scan requests in flight at once (closed loop).
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=1024))]
    concurrency: u64,
    /// Open loop: this many door devices, each scanning once every
    /// --scan-every seconds on its own schedule (first scans spread over the
    /// first period), a slow answer delaying nothing. Each scan has its own
    /// scan_id and the gate `gate-{n % 8}`. Latency counts from the
    /// scheduled moment and from the send. Runs for --max-seconds.
    #[arg(long, conflicts_with_all = ["door", "search", "concurrency"],
          value_parser = clap::value_parser!(u64).range(1..=100_000))]
    devices: Option<u64>,
    /// Closed loop through this many enrolled door devices instead of the
    /// organiser's session: each is created and enrolled like a phone
    /// opening its link (device cookies, its own gate), and the workers
    /// share them in turn. Access tokens are not refreshed: keep the run
    /// under 10 minutes.
    #[arg(long, conflicts_with_all = ["door", "search", "devices"],
          value_parser = clap::value_parser!(u64).range(1..=20))]
    enrolled_devices: Option<u64>,
    /// Seconds between two scans of one device (open loop).
    #[arg(long, default_value_t = 2.0, requires = "devices", value_parser = seconds)]
    scan_every: f64,
    /// With --devices: during the scans also open live views, read the
    /// figures from dashboards and sign in (defaults: --live-viewers 200,
    /// --dashboard-readers 20, --sign-ins 100).
    #[arg(long, requires = "devices")]
    mixed: bool,
    /// With --mixed: dashboards each reading `GET …/stats` every 5 s.
    #[arg(long, requires = "mixed", value_parser = clap::value_parser!(u64).range(0..=1_000))]
    dashboard_readers: Option<u64>,
    /// With --mixed: sign-ins (`POST /api/v1/auth/login`) spread over the
    /// run, taking turns over the tool's account and 4 more registered up
    /// front. The server allows 100 per address per 15 minutes by default;
    /// a 429 counts as throttled, not as an error.
    #[arg(long, requires = "mixed", value_parser = clap::value_parser!(u64).range(0..=10_000))]
    sign_ins: Option<u64>,
    /// Share of scans that re-present an already used code (0 to 1).
    #[arg(long, default_value_t = 0.1, value_parser = ratio)]
    duplicates_ratio: f64,
    /// Tickets per bulk-issue request (the server takes at most 100,000).
    #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    batch_size: u64,
    /// Stop starting scans after this many seconds.
    #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=3_600))]
    max_seconds: u64,
    /// PID of the server process on this machine, to report its CPU use
    /// during the scans (read from /proc; optional).
    #[arg(long)]
    server_pid: Option<u32>,
    /// Print the figures as JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Measure the offline door instead of online scans: the whole pack,
    /// a delta after `--door-changes` admissions, and the upload of
    /// `--door-sync` queued offline scans.
    #[arg(long)]
    door: bool,
    /// Admissions made before the delta is fetched.
    #[arg(long, default_value_t = 1_000, value_parser = clap::value_parser!(u64).range(0..=100_000))]
    door_changes: u64,
    /// Measure ticket search instead of scans: this many searches per kind
    /// of term (one name, a few, most, none), one at a time.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    search: Option<u64>,
    /// Issue tickets to people with real-looking names (first and last
    /// names of several countries) instead of `Guest <n>`; with --search,
    /// search for those names (a person, a surname, part of a name).
    #[arg(long)]
    people: bool,
    /// Live views (`GET …/live` server-sent event streams) kept open on the
    /// event while the scans run, as organizers watching the figures
    /// [default: 0; with --mixed, 200]. Open loop: opened during the first
    /// period, the time to each view's first event reported.
    #[arg(long, value_parser = clap::value_parser!(u64).range(0..=2_000))]
    live_viewers: Option<u64>,
    /// Queued offline scans uploaded.
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(0..=1_000_000))]
    door_sync: u64,
}

fn seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.01..=3_600.0).contains(&v) => Ok(v),
        _ => Err("must be a number of seconds from 0.01 to 3600".into()),
    }
}

fn ratio(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(r) if (0.0..=1.0).contains(&r) => Ok(r),
        _ => Err("must be a number from 0 to 1".into()),
    }
}

/// Sessions are rotated well before the 10-minute access token runs out.
const REFRESH_AFTER: Duration = Duration::from_secs(300);
/// Ceiling for one bulk-issue or export request.
const SLOW_REQUEST: Duration = Duration::from_secs(600);

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

async fn run(args: Args) -> anyhow::Result<bool> {
    let base = local_target(&args.url)?;
    let concurrency = args.concurrency as usize;
    let pool = args
        .devices
        .map_or(concurrency, |d| (d as usize).min(open::MAX_IN_FLIGHT));
    let client = Arc::new(Client::new(base.clone(), pool)?);
    client
        .get("/healthz", Duration::from_secs(5))
        .await
        .with_context(|| format!("no server answering at {base}"))?
        .expect(StatusCode::OK, "healthz")?;

    let me = mixed::Account::fresh();
    client.register(&me.email, &me.password).await?;
    let now = Utc::now();
    let event = client
        .post(
            "/api/v1/events",
            &json!({
                "name": format!("Load test {}", now.format("%Y-%m-%d %H:%M:%S")),
                "starts_at": now - chrono::Duration::hours(1),
                "ends_at": now + chrono::Duration::hours(6),
                "venue": "Load test",
                "timezone": "UTC",
            }),
            Duration::from_secs(30),
        )
        .await?
        .expect(StatusCode::CREATED, "create event")?
        .json()?;
    let event_id = event["id"].as_str().context("event without id")?.to_owned();
    eprintln!("account {}, event {event_id}", me.email);

    let batches = issue(
        &client,
        &event_id,
        args.tickets,
        args.batch_size,
        args.people,
    )
    .await?;
    if let Some(requests) = args.search {
        client.keep_fresh(REFRESH_AFTER).await?;
        let batch = args.batch_size.min(args.tickets);
        let kinds = if args.people {
            search::run_people(&client, &event_id, requests as usize).await?
        } else {
            search::run(&client, &event_id, batch, requests as usize).await?
        };
        search::print(args.tickets, &kinds);
        return Ok(true);
    }

    let mut rng = Rng::new();
    let schedule = args.devices.map(|d| {
        Schedule::new(
            d as usize,
            Duration::from_secs_f64(args.scan_every),
            Duration::from_secs(args.max_seconds),
            &mut rng,
        )
    });
    let scans = match (&schedule, args.scans) {
        (Some(s), cap) => s.len().min(cap.map_or(usize::MAX, |c| c as usize)),
        (None, cap) => cap.unwrap_or(20_000) as usize,
    };
    let wanted_firsts = if args.door {
        (args.door_changes + args.door_sync) as usize
    } else {
        (args.tickets as usize)
            .min(scans - ((scans as f64 * args.duplicates_ratio).round() as usize).min(scans))
            .max(1)
    };
    client.keep_fresh(REFRESH_AFTER).await?;
    let started = Instant::now();
    let export = client
        .get(
            &format!("/api/v1/events/{event_id}/tickets/export.csv"),
            SLOW_REQUEST,
        )
        .await?
        .expect(StatusCode::OK, "export")?;
    let export_time = started.elapsed();
    let (rows, mut codes) = sample_codes(&export.body, wanted_firsts, &mut rng)?;
    if rows != args.tickets {
        bail!(
            "export has {rows} rows, {} tickets were issued",
            args.tickets
        );
    }
    eprintln!("exported {rows} rows in {:.2} s", export_time.as_secs_f64());
    let setup = Setup {
        tickets: args.tickets,
        batches,
        export_rows: rows,
        export_bytes: export.body.len() as u64,
        export_time,
    };
    drop(export);

    rng.shuffle(&mut codes);
    if args.door {
        client.keep_fresh(REFRESH_AFTER).await?;
        let figures = door::run(
            &client,
            &event_id,
            &codes,
            args.door_changes as usize,
            args.door_sync as usize,
        )
        .await?;
        return Ok(door::print(&figures));
    }
    let live_viewers = args
        .live_viewers
        .unwrap_or(if args.mixed { 200 } else { 0 }) as usize;
    if let Some(schedule) = schedule {
        let plan = scan::plan(
            codes.len(),
            scans,
            args.duplicates_ratio,
            // A duplicate comes a full period after the first scans it may
            // repeat, so it meets a used code rather than racing it.
            schedule.devices(),
            &mut rng,
        );
        let sign_ins = args.sign_ins.unwrap_or(if args.mixed { 100 } else { 0 }) as usize;
        let mut accounts = vec![me];
        if sign_ins > 0 {
            accounts.extend(mixed::register_accounts(&base, mixed::EXTRA_ACCOUNTS).await?);
        }
        let mix = scenario::Mix {
            live_viewers,
            dashboard_readers: args
                .dashboard_readers
                .unwrap_or(if args.mixed { 20 } else { 0 }) as usize,
            sign_ins,
            accounts,
        };
        client.keep_fresh(REFRESH_AFTER).await?;
        eprintln!(
            "open loop: {} devices, a scan every {} s each, {scans} scans planned; \
             {} live views, {} dashboards, {} sign-ins",
            schedule.devices(),
            args.scan_every,
            mix.live_viewers,
            mix.dashboard_readers,
            mix.sign_ins
        );
        let figures = scenario::run(
            client,
            &event_id,
            codes,
            plan,
            &schedule,
            mix,
            args.server_pid,
            &mut rng,
        )
        .await;
        if args.json {
            println!("{:#}", open_report::to_json(&setup, &figures));
        } else {
            open_report::print(&setup, &figures);
        }
        return Ok(figures.all_ok());
    }
    let n_codes = codes.len();
    let plan = scan::plan(
        codes.len(),
        scans,
        args.duplicates_ratio,
        concurrency * 2,
        &mut rng,
    );
    client.keep_fresh(REFRESH_AFTER).await?;
    let viewers = live::open(&client, &event_id, live_viewers).await?;
    eprintln!("scanning: {scans} requests, {concurrency} workers");
    let scanners = match args.enrolled_devices {
        None => vec![client.clone()],
        Some(n) => enrol_devices(&client, &base, &event_id, n, concurrency).await?,
    };
    let mark = cpu::Mark::now(args.server_pid);
    let run = scan::run(
        client.clone(),
        &scanners,
        &event_id,
        Arc::new(codes),
        Arc::new(plan.order),
        concurrency,
        Duration::from_secs(args.max_seconds),
    )
    .await;
    let cpu = mark.usage();
    if let Some(viewers) = viewers {
        let seen = viewers.finish();
        eprintln!(
            "live views: {} open during the scans, {} figure updates received",
            seen.open, seen.events
        );
    }
    let tally = Tally::of(&run.samples, n_codes);
    let scans = Scans {
        concurrency,
        enrolled_devices: args.enrolled_devices,
        planned: scans,
        firsts: plan.firsts,
        run,
        tally,
        cpu,
    };
    if args.json {
        println!("{:#}", report::to_json(&setup, &scans));
    } else {
        report::print(&setup, &scans);
    }
    Ok(scans.tally.all_ok())
}

/// Creates `n` check-in door devices for the event (gates `Gate 1`…) and
/// enrols a client as each, sharing `concurrency` connections.
async fn enrol_devices(
    organiser: &Client,
    base: &reqwest::Url,
    event_id: &str,
    n: u64,
    concurrency: usize,
) -> anyhow::Result<Vec<Arc<Client>>> {
    let mut devices = Vec::new();
    for i in 1..=n {
        let created = organiser
            .post(
                &format!("/api/v1/events/{event_id}/devices"),
                &json!({"name": format!("Load phone {i}"), "gate": format!("Gate {i}"), "mode": "check_in"}),
                Duration::from_secs(30),
            )
            .await?
            .expect(StatusCode::CREATED, "create device")?
            .json()?;
        let token = created["enrol_token"]
            .as_str()
            .context("device without enrol_token")?;
        let device = Client::new(base.clone(), concurrency.div_ceil(n as usize))?;
        device.enrol(token).await?;
        devices.push(Arc::new(device));
    }
    eprintln!("enrolled {n} door devices");
    Ok(devices)
}

/// Issues `total` tickets, `batch` per request (to `people`, named, or
/// `Guest <n>`); returns each request's size and time.
async fn issue(
    client: &Client,
    event_id: &str,
    total: u64,
    batch: u64,
    people: bool,
) -> anyhow::Result<Vec<(u64, Duration)>> {
    let path = format!("/api/v1/events/{event_id}/tickets/batch");
    let mut done = 0;
    let mut batches = Vec::new();
    let mut rng = Rng::new();
    while done < total {
        let count = batch.min(total - done);
        client.keep_fresh(REFRESH_AFTER).await?;
        let body = if people {
            let tickets: Vec<_> = (0..count)
                .map(|_| json!({ "holder_name": people::full_name(&mut rng) }))
                .collect();
            json!({ "tickets": tickets })
        } else {
            json!({ "count": count })
        };
        let answer = client
            .post(&path, &body, SLOW_REQUEST)
            .await?
            .expect(StatusCode::CREATED, "bulk issue")?;
        let issued = answer.json()?["issued"].as_u64().unwrap_or(0);
        if issued != count {
            bail!("asked for {count} tickets, the server issued {issued}");
        }
        done += count;
        eprintln!(
            "issued {done}/{total} ({count} in {:.2} s)",
            answer.elapsed.as_secs_f64()
        );
        batches.push((count, answer.elapsed));
    }
    Ok(batches)
}

/// Counts the export's rows and keeps a uniform sample of `keep` codes
/// (reservoir sampling, so a large export is not held as strings).
fn sample_codes(
    csv_bytes: &[u8],
    keep: usize,
    rng: &mut Rng,
) -> anyhow::Result<(u64, Vec<String>)> {
    let mut reader = csv::Reader::from_reader(csv_bytes);
    let column = reader
        .headers()?
        .iter()
        .position(|h| h == "code")
        .context("the export has no code column (owners should see codes)")?;
    let mut rows = 0u64;
    let mut codes = Vec::with_capacity(keep);
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record)? {
        rows += 1;
        let slot = if codes.len() < keep {
            Some(codes.len())
        } else {
            let j = rng.below(rows as usize);
            (j < keep).then_some(j)
        };
        if let Some(slot) = slot {
            let code = std::str::from_utf8(record.get(column).unwrap_or_default())?.to_owned();
            if code.is_empty() {
                bail!("row {rows} has an empty code");
            }
            if slot == codes.len() {
                codes.push(code);
            } else {
                codes[slot] = code;
            }
        }
    }
    Ok((rows, codes))
}
