//! `--door`: the offline door's figures. The whole pack (bytes on the wire,
//! time), a delta after `--door-changes` admissions, and the upload of
//! `--door-sync` queued offline scans in requests of 1,000, oldest first, as
//! a device drains its queue.

use std::io::Read;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use chrono::{SecondsFormat, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::client::{Answer, Client};

/// Largest upload the server takes.
const SYNC_CHUNK: usize = 1_000;
/// Whole packs fetched to take a median.
const PACK_RUNS: usize = 5;

/// The door figures of one run.
pub struct DoorFigures {
    pub tickets: usize,
    pub pack_wire_bytes: usize,
    pub pack_json_bytes: usize,
    pub pack_times: Vec<Duration>,
    pub changes: usize,
    pub delta_tickets: usize,
    pub delta_wire_bytes: usize,
    pub delta_time: Duration,
    pub synced: usize,
    pub sync_admitted: usize,
    pub sync_time: Duration,
}

fn unzip(answer: &Answer) -> anyhow::Result<Value> {
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(&answer.body[..])
        .read_to_end(&mut text)
        .context("the pack was not gzip-compressed")?;
    Ok(serde_json::from_slice(&text)?)
}

/// Runs the door figures on `codes` (distinct, never scanned).
pub async fn run(
    client: &Client,
    event_id: &str,
    codes: &[String],
    changes: usize,
    sync: usize,
) -> anyhow::Result<DoorFigures> {
    if codes.len() < changes + sync {
        bail!(
            "need {} distinct codes for the door figures, have {}",
            changes + sync,
            codes.len()
        );
    }
    let pack_path = format!("/api/v1/events/{event_id}/door/pack");
    let mut pack_times = Vec::with_capacity(PACK_RUNS);
    let mut last = None;
    for _ in 0..PACK_RUNS {
        let answer = client
            .get_gzip(&pack_path, Duration::from_secs(120))
            .await?
            .expect(StatusCode::OK, "door pack")?;
        pack_times.push(answer.elapsed);
        last = Some(answer);
    }
    pack_times.sort();
    let answer = last.context("no pack")?;
    let pack = unzip(&answer)?;
    let pack_json_bytes = serde_json::to_vec(&pack)?.len();
    let tickets = pack["tickets"].as_array().map_or(0, Vec::len);
    let cursor = pack["cursor"]
        .as_str()
        .context("pack without cursor")?
        .to_owned();
    eprintln!(
        "pack: {tickets} tickets, {} bytes gzip, median {:.0} ms",
        answer.body.len(),
        pack_times[PACK_RUNS / 2].as_secs_f64() * 1e3
    );

    let (changed, queued) = codes.split_at(changes);
    for code in changed {
        client
            .post(
                &format!("/api/v1/events/{event_id}/scan"),
                &json!({"code": code, "scan_id": Uuid::new_v4()}),
                Duration::from_secs(30),
            )
            .await?
            .expect(StatusCode::OK, "scan")?;
    }
    let delta = client
        .get_gzip(
            &format!("{pack_path}?since={cursor}"),
            Duration::from_secs(60),
        )
        .await?
        .expect(StatusCode::OK, "door pack delta")?;
    let delta_tickets = unzip(&delta).or_else(|_| delta.json())?["tickets"]
        .as_array()
        .map_or(0, Vec::len);
    eprintln!(
        "delta after {changes} admissions: {delta_tickets} tickets, {} bytes, {:.0} ms",
        delta.body.len(),
        delta.elapsed.as_secs_f64() * 1e3
    );

    let device = Uuid::new_v4();
    let scanned_at = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
    let queue: Vec<Value> = queued[..sync]
        .iter()
        .map(|code| {
            json!({
                "scan_id": Uuid::new_v4(),
                "code": code,
                "mode": "check_in",
                "gate": "Load",
                "scanned_at": scanned_at,
                "offline_result": "admitted",
            })
        })
        .collect();
    let started = Instant::now();
    let mut admitted = 0;
    for (i, chunk) in queue.chunks(SYNC_CHUNK).enumerate() {
        let pending = queue.len() - (i * SYNC_CHUNK + chunk.len());
        let answer = client
            .post(
                &format!("/api/v1/events/{event_id}/door/sync"),
                &json!({"device_id": device, "pending": pending, "scans": chunk}),
                Duration::from_secs(120),
            )
            .await?
            .expect(StatusCode::OK, "door sync")?;
        admitted += answer.json()?["results"].as_array().map_or(0, |r| {
            r.iter().filter(|r| r["result"] == "admitted").count()
        });
    }
    let sync_time = started.elapsed();
    eprintln!(
        "sync: {sync} queued scans in {:.2} s, {admitted} admitted",
        sync_time.as_secs_f64()
    );
    Ok(DoorFigures {
        tickets,
        pack_wire_bytes: answer.body.len(),
        pack_json_bytes,
        pack_times,
        changes,
        delta_tickets,
        delta_wire_bytes: delta.body.len(),
        delta_time: delta.elapsed,
        synced: sync,
        sync_admitted: admitted,
        sync_time,
    })
}

/// The figures as text, and whether every queued scan was admitted once.
pub fn print(f: &DoorFigures) -> bool {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("door pack");
    println!("  tickets            {}", f.tickets);
    println!(
        "  size               {:.2} MB gzip on the wire ({:.2} MB JSON)",
        f.pack_wire_bytes as f64 / 1e6,
        f.pack_json_bytes as f64 / 1e6
    );
    println!(
        "  time               median {:.0} ms, min {:.0} ms, max {:.0} ms ({} runs)",
        ms(f.pack_times[f.pack_times.len() / 2]),
        ms(f.pack_times[0]),
        ms(f.pack_times[f.pack_times.len() - 1]),
        f.pack_times.len()
    );
    println!("door delta after {} admissions", f.changes);
    println!(
        "  tickets            {} ({} bytes on the wire, {:.0} ms)",
        f.delta_tickets,
        f.delta_wire_bytes,
        ms(f.delta_time)
    );
    println!("door sync");
    println!(
        "  queued scans       {} in {:.2} s ({:.0}/s), {} admitted",
        f.synced,
        f.sync_time.as_secs_f64(),
        f.synced as f64 / f.sync_time.as_secs_f64().max(1e-9),
        f.sync_admitted
    );
    let ok = f.sync_admitted == f.synced && f.delta_tickets >= f.changes;
    if !ok {
        println!("  CHECK FAILED: every queued scan should be admitted once and the delta hold every change");
    }
    ok
}
