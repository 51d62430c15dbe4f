//! A group of scans of distinct tickets decided by one statement on
//! PostgreSQL (ADR 0012): no `BEGIN`, no `COMMIT`, one round trip for the
//! whole group where the transaction of `scans.rs` needs four.
//!
//! The statement claims the check-ins' scan ids (in scan id order), then
//! locks the group's tickets (in ticket id order, as every group and scan
//! does), decides every scan from the locked rows with the door rules
//! (`qr_event_domain::judge`, written again in SQL as in the single-scan
//! statement), writes the admissions, the audit entries and the enrolled
//! devices' counts (locked by id, after the tickets), and answers each scan
//! with its reason and its ticket. It commits as one statement: all of it
//! or nothing.
//!
//! Only for groups whose tickets and check-in scan ids are all distinct: two
//! scans of one ticket in a group are decided one after the other by the
//! transaction of `scans.rs`. A check-in whose scan id was claimed before
//! is decided by nobody here; its first answer is read afterwards.

use std::collections::{HashMap, HashSet};

use qr_event_domain::RejectReason;
use qr_event_storage::{ScanAttempt, ScanDecision, ScanMode, ScanResults, StorageError};
use sqlx::Row;
use uuid::Uuid;

use crate::scans::{first_answers, replay};
use crate::tickets::ticket_from_row;
use crate::{db_error, PgStore};

/// The statement (see the module comment). The lateral reference to the
/// claims makes PostgreSQL finish them before it locks any ticket; the
/// devices are updated after the main query, so after the tickets.
const GROUP_SQL: &str = "
WITH a AS (
    SELECT * FROM UNNEST($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::bool[],
                         $7::timestamptz[], $8::float8[], $9::text[], $10::text[], $11::text[],
                         $12::text[], $13::bool[], $14::uuid[], $15::date[], $16::uuid[])
        WITH ORDINALITY
        AS a(scan_id, audit_id, ticket_id, event_id, gate, check_in, at, skew, client_ip,
             request_id, mode, device_text, manual, device_id, day, scanner_id, n)
),
claimed AS (
    INSERT INTO scan_claims (scan_id, audit_id, event_id, created_at)
    SELECT scan_id, audit_id, event_id, at FROM a WHERE check_in ORDER BY scan_id
    ON CONFLICT (scan_id) DO NOTHING
    RETURNING scan_id
),
claims AS (SELECT coalesce(array_agg(scan_id), '{}') AS ids FROM claimed),
locked AS (
    SELECT t.* FROM claims c
    CROSS JOIN LATERAL (
        SELECT * FROM tickets WHERE id = ANY($3) AND c.ids IS NOT NULL ORDER BY id FOR UPDATE
    ) t
),
verdict AS (
    SELECT a.*, b.id IS NOT NULL AS known,
           NOT a.check_in OR a.scan_id = ANY(c.ids) AS decided,
           CASE
               WHEN b.id IS NULL THEN 'invalid_code'
               WHEN b.status = 'revoked' THEN 'revoked'
               WHEN b.valid_from > a.at + a.skew * interval '1 microsecond' THEN 'not_yet_valid'
               WHEN b.valid_until <= a.at - a.skew * interval '1 microsecond' THEN 'expired'
               WHEN b.uses >= b.max_uses THEN 'already_used'
           END AS reason
    FROM a CROSS JOIN claims c
    LEFT JOIN locked b ON b.id = a.ticket_id AND b.event_id = a.event_id
),
consumed AS (
    UPDATE tickets t
    SET uses = t.uses + 1,
        first_used_at = COALESCE(t.first_used_at, v.at),
        first_gate = CASE WHEN t.first_used_at IS NULL THEN v.gate ELSE t.first_gate END,
        last_used_at = v.at
    FROM verdict v
    WHERE t.id = v.ticket_id AND v.check_in AND v.decided AND v.reason IS NULL
    RETURNING t.*
),
counted AS (
    SELECT device_id AS id, day, count(*)::int4 AS n,
           max(max(at)) OVER (PARTITION BY device_id) AS seen_at,
           row_number() OVER (PARTITION BY device_id ORDER BY day DESC) AS latest
    FROM verdict WHERE decided AND device_id IS NOT NULL AND day IS NOT NULL
    GROUP BY device_id, day
),
devices AS (
    UPDATE door_devices d
    SET scans_count = CASE WHEN d.scans_day = v.day THEN d.scans_count + v.n ELSE v.n END,
        scans_day = v.day,
        last_seen_at = v.seen_at
    FROM counted v
    WHERE d.id = v.id AND v.latest = 1
      AND d.id IN (SELECT id FROM door_devices WHERE id IN (SELECT id FROM counted) ORDER BY id FOR UPDATE)
),
audit AS (
    INSERT INTO audit_log (id, at, event_id, actor_id, action, outcome, subject, client_ip, request_id, details)
    SELECT v.audit_id, v.at, v.event_id, v.scanner_id,
           CASE WHEN v.check_in THEN 'ticket.scan' ELSE 'ticket.verify' END,
           CASE WHEN v.reason IS NULL THEN 'success' ELSE 'failure' END,
           v.ticket_id::text, v.client_ip, v.request_id,
           jsonb_build_object(
               'result', CASE WHEN v.reason IS NULL THEN 'admitted' ELSE 'rejected' END,
               'reason', v.reason, 'gate', v.gate, 'scan_id', v.scan_id::text, 'mode', v.mode,
               'device_id', v.device_text)
               || CASE WHEN v.manual THEN jsonb_build_object('manual', TRUE) ELSE '{}'::jsonb END
    FROM verdict v WHERE v.decided ORDER BY v.n
)
SELECT v.n, v.decided, v.reason, t.*
FROM verdict v
LEFT JOIN LATERAL (
    SELECT * FROM consumed c WHERE c.id = v.ticket_id
    UNION ALL
    SELECT * FROM locked b
    WHERE b.id = v.ticket_id AND NOT (v.check_in AND v.decided AND v.reason IS NULL)
) t ON v.known
ORDER BY v.n";

/// Whether `attempts` may be decided by [`GROUP_SQL`]: no ticket twice and
/// no check-in scan id twice.
pub(crate) fn fits(attempts: &[ScanAttempt]) -> bool {
    let mut tickets = HashSet::with_capacity(attempts.len());
    let mut scans = HashSet::with_capacity(attempts.len());
    attempts.iter().all(|a| {
        tickets.insert(a.ticket_id) && (a.mode != ScanMode::CheckIn || scans.insert(a.scan_id))
    })
}

/// One bound array of the statement: `f` of every attempt, in order.
fn column<T>(attempts: &[ScanAttempt], f: impl Fn(&ScanAttempt) -> T) -> Vec<T> {
    attempts.iter().map(f).collect()
}

impl PgStore {
    /// Decides `attempts` (which [`fits`]) in one statement.
    pub(crate) async fn scan_set(
        &self,
        attempts: &[ScanAttempt],
    ) -> Result<ScanResults, StorageError> {
        let rows = sqlx::query(GROUP_SQL)
            .bind(column(attempts, |a| a.scan_id))
            .bind(column(attempts, |a| a.audit_id))
            .bind(column(attempts, |a| a.ticket_id.0))
            .bind(column(attempts, |a| a.event_id.0))
            .bind(column(attempts, |a| a.gate.clone()))
            .bind(column(attempts, |a| a.mode == ScanMode::CheckIn))
            .bind(column(attempts, |a| a.now))
            .bind(column(attempts, |a| {
                a.skew.num_microseconds().unwrap_or(i64::MAX) as f64
            }))
            .bind(column(attempts, |a| a.client_ip.clone()))
            .bind(column(attempts, |a| a.request_id.clone()))
            .bind(column(attempts, |a| a.mode.as_str()))
            .bind(column(attempts, |a| a.device_id.map(|d| d.to_string())))
            .bind(column(attempts, |a| a.manual))
            .bind(column(attempts, |a| a.device_day.and(a.device_id)))
            .bind(column(attempts, |a| a.device_day))
            .bind(column(attempts, |a| a.scanner_id.map(|u| u.0)))
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        if rows.len() != attempts.len() {
            return Err(db_error(sqlx::Error::Protocol(format!(
                "{} answers for {} scans",
                rows.len(),
                attempts.len()
            ))));
        }
        let mut results: ScanResults = Vec::with_capacity(attempts.len());
        let mut stored_before = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let decided: bool = row.try_get("decided").map_err(db_error)?;
            if !decided {
                // Claimed before: answered below, from its first answer.
                stored_before.push(i);
                results.push(Err(StorageError::Unavailable("scan in progress".into())));
                continue;
            }
            let reason: Option<String> = row.try_get("reason").map_err(db_error)?;
            let ticket = match row.try_get::<Option<Uuid>, _>("id").map_err(db_error)? {
                Some(_) => Some(ticket_from_row(row).map_err(db_error)?),
                None => None,
            };
            results.push(Ok(match reason.as_deref() {
                None => ScanDecision::Admitted(ticket.ok_or(StorageError::NotFound)?),
                Some(text) => {
                    let reason = RejectReason::parse(text).ok_or_else(|| {
                        db_error(sqlx::Error::Decode(
                            format!("unknown scan reason {text:?}").into(),
                        ))
                    })?;
                    ScanDecision::Rejected(reason, ticket)
                }
            }));
        }
        if !stored_before.is_empty() {
            let ids: Vec<Uuid> = stored_before.iter().map(|&i| attempts[i].scan_id).collect();
            let mut conn = self.pool.acquire().await.map_err(db_error)?;
            let stored: HashMap<Uuid, _> =
                first_answers(&mut conn, &ids).await.map_err(db_error)?;
            for i in stored_before {
                let a = &attempts[i];
                results[i] = replay(a, stored.get(&a.scan_id));
            }
        }
        Ok(results)
    }
}
