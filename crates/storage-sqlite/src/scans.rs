//! Scans on SQLite. SQLite has a single writer, so a scan is decided inside
//! a `BEGIN IMMEDIATE` transaction: claim the scan id, consume with a
//! conditional UPDATE … RETURNING, append the audit entry. A group of scans
//! (ADR 0012) runs the same steps one after the other in one transaction,
//! so it costs one commit (one WAL sync) instead of one per scan. An enrolled
//! door device's count and last-seen time are written in the same
//! transaction.

use qr_event_domain::{judge, RejectReason};
use qr_event_storage::{ScanAttempt, ScanDecision, ScanMode, ScanResults, StorageError};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};
use uuid::Uuid;

use crate::audit::{insert_audit, record_from_row};
use crate::devices::count_device_scans;
use crate::tickets::{fetch_ticket, ticket_from_row, COLUMNS};
use crate::{db_error, to_micros, SqliteStore};

/// Claims `scan_id` for `event` (the scan's audit entry `audit_id`), inside
/// the caller's write transaction. `Err` when it was claimed before, with
/// the audit row of its first decision when that is written (writers are
/// serialised, so it always is but for a claim in flight). Door scans and
/// uploaded offline scans claim the same way.
pub(crate) async fn claim_scan_id(
    conn: &mut SqliteConnection,
    scan_id: Uuid,
    audit_id: Uuid,
    event: Uuid,
    at: i64,
) -> Result<Result<(), Option<SqliteRow>>, sqlx::Error> {
    let claimed = sqlx::query(
        "INSERT INTO scan_claims (scan_id, audit_id, event_id, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (scan_id) DO NOTHING",
    )
    .bind(scan_id)
    .bind(audit_id)
    .bind(event)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    if claimed.rows_affected() == 1 {
        return Ok(Ok(()));
    }
    let first = sqlx::query(
        "SELECT a.id, a.at, a.event_id, a.actor_id, a.action, a.outcome, a.subject, a.client_ip,
                a.request_id, a.details
         FROM scan_claims s JOIN audit_log a ON a.id = s.audit_id WHERE s.scan_id = ?1",
    )
    .bind(scan_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(Err(first))
}

/// One scan inside the caller's write transaction. The outer error is a
/// database failure (the transaction must be rolled back); the inner one is
/// this scan's own answer (its id claimed for another event, or in flight),
/// which wrote nothing.
async fn decide(
    conn: &mut SqliteConnection,
    a: &ScanAttempt,
) -> Result<Result<ScanDecision, StorageError>, sqlx::Error> {
    let check_in = a.mode == ScanMode::CheckIn;
    let now = to_micros(a.now);
    let skew = a.skew.num_microseconds().unwrap_or(i64::MAX / 4);
    if check_in {
        if let Err(first) = claim_scan_id(conn, a.scan_id, a.audit_id, a.event_id.0, now).await? {
            return Ok(match first {
                Some(row)
                    if row.try_get::<Option<Uuid>, _>("event_id").ok().flatten()
                        == Some(a.event_id.0) =>
                {
                    Ok(ScanDecision::Replayed(record_from_row(&row)?))
                }
                Some(_) => Err(StorageError::Conflict("scan_id")),
                None => Err(StorageError::Unavailable("scan in progress".into())),
            });
        }
    }
    let consumed = if check_in {
        let sql = format!(
            "UPDATE tickets
             SET uses = uses + 1,
                 first_gate = CASE WHEN first_used_at IS NULL THEN ?3 ELSE first_gate END,
                 first_used_at = coalesce(first_used_at, ?4),
                 last_used_at = ?4
             WHERE id = ?1 AND event_id = ?2 AND status = 'active' AND uses < max_uses
               AND valid_from <= ?4 + ?5 AND valid_until > ?4 - ?5
             RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(a.ticket_id.0)
            .bind(a.event_id.0)
            .bind(&a.gate)
            .bind(now)
            .bind(skew)
            .fetch_optional(&mut *conn)
            .await?;
        row.as_ref().map(ticket_from_row).transpose()?
    } else {
        None
    };
    let (reason, ticket) = match consumed {
        Some(ticket) => (None, Some(ticket)),
        None => {
            let ticket = fetch_ticket(&mut *conn, a.event_id, a.ticket_id).await?;
            // Not consumed: the shared door rules say why (or, for a
            // verify, that a check-in would pass).
            let reason = match &ticket {
                None => Some(RejectReason::InvalidCode),
                Some(t) => judge(&t.door_state(), a.now, a.skew, 0),
            };
            (reason, ticket)
        }
    };
    insert_audit(&mut *conn, &a.audit_record(reason)).await?;
    if let (Some(device), Some(day)) = (a.device_id, a.device_day) {
        count_device_scans(&mut *conn, device, day, 1, Some(a.now)).await?;
    }
    Ok(match reason {
        None => ticket
            .map(ScanDecision::Admitted)
            .ok_or(StorageError::NotFound),
        Some(reason) => Ok(ScanDecision::Rejected(reason, ticket)),
    })
}

impl SqliteStore {
    /// One scan in its own transaction.
    pub(crate) async fn scan_one(&self, a: &ScanAttempt) -> Result<ScanDecision, StorageError> {
        let mut tx = self.write_tx().await?;
        let decision = decide(&mut tx, a).await.map_err(db_error)?;
        if decision.is_ok() {
            tx.commit().await.map_err(db_error)?;
        }
        decision
    }

    /// A group of scans, one after the other, in one transaction.
    pub(crate) async fn scan_group(
        &self,
        attempts: &[ScanAttempt],
    ) -> Result<ScanResults, StorageError> {
        let mut tx = self.write_tx().await?;
        let mut results = Vec::with_capacity(attempts.len());
        for a in attempts {
            match decide(&mut tx, a).await {
                Ok(decision) => results.push(decision),
                Err(err) => {
                    // Nothing of the group stays; the caller gets the error.
                    let _ = tx.rollback().await;
                    return Err(db_error(err));
                }
            }
        }
        tx.commit().await.map_err(db_error)?;
        Ok(results)
    }
}
