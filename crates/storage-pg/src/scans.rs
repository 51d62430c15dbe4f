//! A group of scans in one transaction on PostgreSQL (ADR 0012), for groups
//! with a ticket or a check-in scan id twice (the others are decided by one
//! statement, `scan_set.rs`). Two
//! statements whatever the group's size (three when some scan ids were
//! claimed before), between `BEGIN` and `COMMIT`:
//!
//! 1. claim the check-ins' scan ids (`INSERT … SELECT FROM UNNEST … ON
//!    CONFLICT DO NOTHING`), in scan id order, and then lock the tickets
//!    (`SELECT … FOR UPDATE`), in ticket id order;
//! 2. only when some scan ids were claimed before: their first answers;
//! 3. write every changed ticket, every audit entry and the scan counts of
//!    enrolled door devices.
//!
//! The decisions are made in between, in Rust, with the shared door rules,
//! one scan after the other in the group's order: the locked rows cannot
//! change under us, and two scans of one ticket in the group behave as if
//! sequential. Every group takes its locks in the same order (claims by scan
//! id, then tickets by id, then enrolled door devices by id), so two groups
//! never deadlock on each other.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use qr_event_domain::{judge, RejectReason};
use qr_event_storage::{
    AuditRecord, ScanAttempt, ScanDecision, ScanMode, ScanResults, StorageError, Ticket,
};
use sqlx::{PgConnection, Row};
use uuid::Uuid;

use crate::audit::record_from_row;
use crate::tickets::{ticket_from_row, COLUMNS};
use crate::{db_error, PgStore};

/// What became of one attempt before the writes.
enum Pending {
    /// Decided now; its audit entry is written with the group.
    Decided(Box<ScanDecision>),
    /// Its scan id was claimed by an earlier transaction: the stored answer.
    Stored,
    /// Its scan id was claimed earlier in this group, by attempt `usize`.
    SameAs(usize),
}

impl PgStore {
    /// Decides `attempts` in one transaction (see the module comment).
    pub(crate) async fn scan_group(
        &self,
        attempts: &[ScanAttempt],
    ) -> Result<ScanResults, StorageError> {
        let mut tx = self.pool.begin().await.map_err(db_error)?;
        let (claimed, mut tickets) = claim_and_lock(&mut tx, attempts).await.map_err(db_error)?;

        let mut pending = Vec::with_capacity(attempts.len());
        let mut first_of: HashMap<Uuid, usize> = HashMap::new();
        let mut changed: HashSet<Uuid> = HashSet::new();
        let mut audit = Vec::with_capacity(attempts.len());
        for (i, a) in attempts.iter().enumerate() {
            if a.mode == ScanMode::CheckIn {
                if let Some(&first) = first_of.get(&a.scan_id) {
                    pending.push(Pending::SameAs(first));
                    continue;
                }
                first_of.insert(a.scan_id, i);
                if !claimed.contains(&a.scan_id) {
                    pending.push(Pending::Stored);
                    continue;
                }
            }
            let now = a.now.trunc_subsecs(6);
            let (reason, decision) = match tickets
                .get_mut(&a.ticket_id.0)
                .filter(|t| t.event_id == a.event_id)
            {
                None => (
                    Some(RejectReason::InvalidCode),
                    ScanDecision::Rejected(RejectReason::InvalidCode, None),
                ),
                Some(t) => match judge(&t.door_state(), now, a.skew, 0) {
                    Some(reason) => (
                        Some(reason),
                        ScanDecision::Rejected(reason, Some(t.clone())),
                    ),
                    None => {
                        if a.mode == ScanMode::CheckIn {
                            t.uses += 1;
                            if t.first_used_at.is_none() {
                                t.first_used_at = Some(now);
                                t.first_gate = a.gate.clone();
                            }
                            t.last_used_at = Some(now);
                            changed.insert(t.id.0);
                        }
                        (None, ScanDecision::Admitted(t.clone()))
                    }
                },
            };
            let mut record = a.audit_record(reason);
            record.at = now;
            audit.push(record);
            pending.push(Pending::Decided(Box::new(decision)));
        }

        let stored_ids: Vec<Uuid> = attempts
            .iter()
            .zip(&pending)
            .filter(|(_, p)| matches!(p, Pending::Stored))
            .map(|(a, _)| a.scan_id)
            .collect();
        let stored = if !stored_ids.is_empty() {
            first_answers(&mut tx, &stored_ids)
                .await
                .map_err(db_error)?
        } else {
            HashMap::new()
        };
        let rows: Vec<&Ticket> = changed.iter().map(|id| &tickets[id]).collect();
        let devices = device_counts(attempts, &pending);
        write(&mut tx, &rows, &audit, &devices)
            .await
            .map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;

        let records: HashMap<Uuid, &AuditRecord> = audit.iter().map(|r| (r.id, r)).collect();
        let mut results: ScanResults = Vec::with_capacity(attempts.len());
        for (i, (a, p)) in attempts.iter().zip(pending).enumerate() {
            let result = match p {
                Pending::Decided(decision) => Ok(*decision),
                Pending::Stored => replay(a, stored.get(&a.scan_id)),
                Pending::SameAs(first) => match &results[first] {
                    // The first attempt of this id was decided in this group.
                    Ok(ScanDecision::Replayed(record)) => replay(a, Some(record)),
                    Ok(_) => replay(a, records.get(&attempts[first].audit_id).copied()),
                    Err(_) => replay(a, stored.get(&a.scan_id)),
                },
            };
            debug_assert_eq!(results.len(), i);
            results.push(result);
        }
        Ok(results)
    }
}

/// The answer to an attempt whose scan id was claimed before, from the
/// first attempt's audit entry.
pub(crate) fn replay(
    a: &ScanAttempt,
    first: Option<&AuditRecord>,
) -> Result<ScanDecision, StorageError> {
    match first {
        Some(record) if record.event_id == Some(a.event_id) => {
            Ok(ScanDecision::Replayed(record.clone()))
        }
        // The id was used for another event.
        Some(_) => Err(StorageError::Conflict("scan_id")),
        // The first attempt is still in flight; the client retries.
        None => Err(StorageError::Unavailable("scan in progress".into())),
    }
}

/// Claims the check-ins' scan ids, then locks the scanned tickets, in one
/// statement: the ids this transaction claimed and the rows by id. The
/// lateral reference to the claims makes PostgreSQL finish them before it
/// locks any ticket, so every group takes its locks in the same order.
async fn claim_and_lock(
    conn: &mut PgConnection,
    attempts: &[ScanAttempt],
) -> Result<(HashSet<Uuid>, HashMap<Uuid, Ticket>), sqlx::Error> {
    let mut claims: Vec<&ScanAttempt> = attempts
        .iter()
        .filter(|a| a.mode == ScanMode::CheckIn)
        .collect();
    // Stable: the first attempt of a repeated id is the one kept.
    claims.sort_by_key(|a| a.scan_id);
    claims.dedup_by_key(|a| a.scan_id);
    let mut ids: Vec<Uuid> = attempts.iter().map(|a| a.ticket_id.0).collect();
    ids.sort_unstable();
    ids.dedup();
    let sql = format!(
        "WITH claimed AS (
             INSERT INTO scan_claims (scan_id, audit_id, event_id, created_at)
             SELECT * FROM UNNEST($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[]) ORDER BY 1
             ON CONFLICT (scan_id) DO NOTHING
             RETURNING scan_id
         ),
         claims AS (SELECT coalesce(array_agg(scan_id), '{{}}') AS ids FROM claimed)
         SELECT c.ids AS claimed, t.*
         FROM claims c
         LEFT JOIN LATERAL (
             SELECT {COLUMNS} FROM tickets
             WHERE id = ANY($5) AND c.ids IS NOT NULL
             ORDER BY id FOR UPDATE
         ) t ON TRUE"
    );
    let rows = sqlx::query(&sql)
        .bind(claims.iter().map(|a| a.scan_id).collect::<Vec<_>>())
        .bind(claims.iter().map(|a| a.audit_id).collect::<Vec<_>>())
        .bind(claims.iter().map(|a| a.event_id.0).collect::<Vec<_>>())
        .bind(claims.iter().map(|a| a.now).collect::<Vec<DateTime<Utc>>>())
        .bind(ids)
        .fetch_all(&mut *conn)
        .await?;
    let mut claimed = HashSet::new();
    let mut tickets = HashMap::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        if i == 0 {
            claimed = row
                .try_get::<Vec<Uuid>, _>("claimed")?
                .into_iter()
                .collect();
        }
        if row.try_get::<Option<Uuid>, _>("id")?.is_some() {
            let ticket = ticket_from_row(row)?;
            tickets.insert(ticket.id.0, ticket);
        }
    }
    Ok((claimed, tickets))
}

/// The stored first answers of scan ids claimed before.
pub(crate) async fn first_answers(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, AuditRecord>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.scan_id, a.id, a.at, a.event_id, a.actor_id, a.action, a.outcome, a.subject,
                a.client_ip, a.request_id, a.details
         FROM scan_claims s JOIN audit_log a ON a.id = s.audit_id WHERE s.scan_id = ANY($1)",
    )
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("scan_id")?, record_from_row(row)?)))
        .collect()
}

/// What a group adds to one enrolled door device's figures.
struct DeviceCount {
    id: Uuid,
    day: NaiveDate,
    scans: i32,
    seen_at: DateTime<Utc>,
}

/// The scans decided in this group per enrolled door device, by device id
/// (the order every group locks their rows in). A group that spans the
/// event's midnight counts the new day only.
fn device_counts(attempts: &[ScanAttempt], pending: &[Pending]) -> Vec<DeviceCount> {
    let mut counts: BTreeMap<Uuid, DeviceCount> = BTreeMap::new();
    for (a, p) in attempts.iter().zip(pending) {
        let (Some(id), Some(day), Pending::Decided(_)) = (a.device_id, a.device_day, p) else {
            continue;
        };
        let count = counts.entry(id).or_insert(DeviceCount {
            id,
            day,
            scans: 0,
            seen_at: a.now,
        });
        if day > count.day {
            count.day = day;
            count.scans = 0;
        }
        if day == count.day {
            count.scans += 1;
        }
        count.seen_at = count.seen_at.max(a.now);
    }
    counts.into_values().collect()
}

/// Writes the changed tickets, the audit entries and the devices' counts in
/// one statement.
async fn write(
    conn: &mut PgConnection,
    tickets: &[&Ticket],
    audit: &[AuditRecord],
    devices: &[DeviceCount],
) -> Result<(), sqlx::Error> {
    if tickets.is_empty() && audit.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "WITH devices AS (
             UPDATE door_devices d
             SET scans_count = CASE WHEN d.scans_day = v.day THEN d.scans_count + v.n ELSE v.n END,
                 scans_day = v.day,
                 last_seen_at = v.seen_at
             FROM UNNEST($16::uuid[], $17::date[], $18::int4[], $19::timestamptz[])
                  AS v(id, day, n, seen_at)
             WHERE d.id = v.id
               AND d.id IN (SELECT id FROM door_devices WHERE id = ANY($16) ORDER BY id FOR UPDATE)
         ),
         changed AS (
             UPDATE tickets t
             SET uses = v.uses, first_used_at = v.first_used_at, first_gate = v.first_gate,
                 last_used_at = v.last_used_at
             FROM UNNEST($1::uuid[], $2::int4[], $3::timestamptz[], $4::text[], $5::timestamptz[])
                  AS v(id, uses, first_used_at, first_gate, last_used_at)
             WHERE t.id = v.id
             RETURNING t.id
         )
         INSERT INTO audit_log (id, at, event_id, actor_id, action, outcome, subject, client_ip, request_id, details)
         SELECT * FROM UNNEST($6::uuid[], $7::timestamptz[], $8::uuid[], $9::uuid[], $10::text[],
                              $11::text[], $12::text[], $13::text[], $14::text[], $15::jsonb[])",
    )
    .bind(tickets.iter().map(|t| t.id.0).collect::<Vec<_>>())
    .bind(tickets.iter().map(|t| t.uses).collect::<Vec<_>>())
    .bind(tickets.iter().map(|t| t.first_used_at).collect::<Vec<_>>())
    .bind(
        tickets
            .iter()
            .map(|t| t.first_gate.clone())
            .collect::<Vec<_>>(),
    )
    .bind(tickets.iter().map(|t| t.last_used_at).collect::<Vec<_>>())
    .bind(audit.iter().map(|r| r.id).collect::<Vec<_>>())
    .bind(audit.iter().map(|r| r.at).collect::<Vec<_>>())
    .bind(audit.iter().map(|r| r.event_id.map(|e| e.0)).collect::<Vec<_>>())
    .bind(audit.iter().map(|r| r.actor_id.map(|u| u.0)).collect::<Vec<_>>())
    .bind(audit.iter().map(|r| r.action.clone()).collect::<Vec<_>>())
    .bind(audit.iter().map(|r| r.outcome.clone()).collect::<Vec<_>>())
    .bind(audit.iter().map(|r| r.subject.clone()).collect::<Vec<_>>())
    .bind(audit.iter().map(|r| r.client_ip.clone()).collect::<Vec<_>>())
    .bind(audit.iter().map(|r| r.request_id.clone()).collect::<Vec<_>>())
    .bind(audit.iter().map(|r| r.details.clone()).collect::<Vec<_>>())
    .bind(devices.iter().map(|d| d.id).collect::<Vec<_>>())
    .bind(devices.iter().map(|d| d.day).collect::<Vec<_>>())
    .bind(devices.iter().map(|d| d.scans).collect::<Vec<_>>())
    .bind(devices.iter().map(|d| d.seen_at).collect::<Vec<_>>())
    .execute(&mut *conn)
    .await?;
    Ok(())
}
