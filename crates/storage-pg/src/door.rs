//! The door on PostgreSQL: pack rows with `xid8` change positions, offline
//! uploads decided on locked ticket rows, and conflicts.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use qr_event_domain::{DoorState, EventId, RejectReason, TicketId, TicketStatus, UserId};
use qr_event_storage::{
    admission_of, order_conflict, refused_online_but_admitted, replayed_verdict, sync_audit,
    sync_order, sync_verdict, uploaded_admission, Conflict, ConflictCursor, ConflictScan, DoorRepo,
    DoorRows, DoorTicket, ScanMode, StorageError, SyncBatch, SyncItem, SyncOutcome, SyncVerdict,
};
use sqlx::postgres::PgRow;
use sqlx::{PgConnection, Row};
use uuid::Uuid;

use crate::audit::{insert_audit, record_from_row};
use crate::{db_error, PgStore};

const CONFLICT_COLUMNS: &str =
    "c.id, c.event_id, c.ticket_id, t.holder_name, t.category, c.reason, c.detected_at,
    c.first_scan_id, c.first_gate, c.first_device_id, c.first_user_id, c.first_scanned_at,
    c.first_received_at, c.first_offline, c.second_scan_id, c.second_gate, c.second_device_id,
    c.second_user_id, c.second_scanned_at, c.second_received_at, c.second_offline";

fn door_ticket(row: &PgRow) -> Result<DoorTicket, sqlx::Error> {
    let status: String = row.try_get("status")?;
    Ok(DoorTicket {
        id: TicketId(row.try_get("id")?),
        status: TicketStatus::parse(&status)
            .ok_or_else(|| sqlx::Error::Decode(format!("status {status}").into()))?,
        uses: row.try_get("uses")?,
        max_uses: row.try_get("max_uses")?,
        valid_from: row.try_get("valid_from")?,
        valid_until: row.try_get("valid_until")?,
        category: row.try_get("category")?,
        holder_name: Some(row.try_get("holder_name")?),
    })
}

fn conflict_scan(row: &PgRow, side: &str) -> Result<Option<ConflictScan>, sqlx::Error> {
    let col = |name: &str| format!("{side}_{name}");
    let Some(scanned_at) = row.try_get::<Option<DateTime<Utc>>, _>(col("scanned_at").as_str())?
    else {
        return Ok(None);
    };
    Ok(Some(ConflictScan {
        scan_id: row.try_get(col("scan_id").as_str())?,
        gate: row.try_get(col("gate").as_str())?,
        device_id: row.try_get(col("device_id").as_str())?,
        user_id: row
            .try_get::<Option<Uuid>, _>(col("user_id").as_str())?
            .map(UserId),
        scanned_at,
        received_at: row
            .try_get::<Option<DateTime<Utc>>, _>(col("received_at").as_str())?
            .unwrap_or(scanned_at),
        offline: row
            .try_get::<Option<bool>, _>(col("offline").as_str())?
            .unwrap_or(false),
    }))
}

fn conflict_from_row(row: &PgRow) -> Result<Conflict, sqlx::Error> {
    let reason: String = row.try_get("reason")?;
    Ok(Conflict {
        id: row.try_get("id")?,
        event_id: EventId(row.try_get("event_id")?),
        ticket_id: TicketId(row.try_get("ticket_id")?),
        holder_name: row.try_get("holder_name")?,
        category: row.try_get("category")?,
        reason: RejectReason::parse(&reason)
            .ok_or_else(|| sqlx::Error::Decode(format!("reason {reason}").into()))?,
        detected_at: row.try_get("detected_at")?,
        first: conflict_scan(row, "first")?,
        second: conflict_scan(row, "second")?
            .ok_or_else(|| sqlx::Error::Decode("conflict without its later scan".into()))?,
    })
}

/// Decides and records one uploaded scan inside the batch's transaction.
async fn sync_one(
    conn: &mut PgConnection,
    batch: &SyncBatch,
    item: &SyncItem,
) -> Result<SyncOutcome, sqlx::Error> {
    let claimed = sqlx::query(
        "INSERT INTO scan_claims (scan_id, audit_id, event_id, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (scan_id) DO NOTHING",
    )
    .bind(item.scan_id)
    .bind(item.audit_id)
    .bind(batch.event_id.0)
    .bind(batch.received_at)
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    let outcome = |verdict, replayed| SyncOutcome {
        scan_id: item.scan_id,
        verdict,
        replayed,
        ticket_id: item.ticket_id,
    };
    if !claimed {
        let first = sqlx::query(
            "SELECT a.id, a.at, a.event_id, a.actor_id, a.action, a.outcome, a.subject, a.client_ip,
                    a.request_id, a.details
             FROM scan_claims s JOIN audit_log a ON a.id = s.audit_id WHERE s.scan_id = $1",
        )
        .bind(item.scan_id)
        .fetch_optional(&mut *conn)
        .await?;
        let first = match first {
            Some(row) => record_from_row(&row)?,
            // Claimed by a scan whose audit entry is not visible yet: the
            // device retries (503) and then gets its answer.
            None => return Err(sqlx::Error::Io(std::io::Error::other("scan in progress"))),
        };
        let verdict = replayed_verdict(&first, batch.event_id, item.audited_ticket());
        if let (SyncVerdict::Rejected(_), Some(ticket), Some(reason)) = (
            verdict,
            item.ticket_id,
            refused_online_but_admitted(&first, item),
        ) {
            let known: Option<Uuid> = sqlx::query_scalar(
                "SELECT id FROM door_conflicts WHERE second_scan_id = $1 OR first_scan_id = $1",
            )
            .bind(item.scan_id)
            .fetch_optional(&mut *conn)
            .await?;
            if known.is_none() {
                record_conflict(&mut *conn, batch, item, ticket, reason).await?;
            }
            return Ok(outcome(SyncVerdict::Conflict(reason), known.is_some()));
        }
        return Ok(outcome(verdict, verdict != SyncVerdict::ScanIdReused));
    }
    let state = match item.ticket_id {
        Some(ticket) if item.refused.is_none() => sqlx::query(
            "SELECT status, uses, max_uses, valid_from, valid_until FROM tickets
             WHERE id = $1 AND event_id = $2 FOR UPDATE",
        )
        .bind(ticket.0)
        .bind(batch.event_id.0)
        .fetch_optional(&mut *conn)
        .await?
        .map(|row| -> Result<DoorState, sqlx::Error> {
            let status: String = row.try_get("status")?;
            Ok(DoorState {
                status: TicketStatus::parse(&status)
                    .ok_or_else(|| sqlx::Error::Decode(format!("status {status}").into()))?,
                uses: row.try_get("uses")?,
                max_uses: row.try_get("max_uses")?,
                valid_from: row.try_get("valid_from")?,
                valid_until: row.try_get("valid_until")?,
            })
        })
        .transpose()?,
        _ => None,
    };
    let verdict = sync_verdict(item, state.as_ref(), batch.skew);
    let mut conflict_id = None;
    match (verdict, item.ticket_id) {
        (SyncVerdict::Admitted, Some(ticket)) if item.mode == ScanMode::CheckIn => {
            sqlx::query(
                "UPDATE tickets
                 SET uses = uses + 1,
                     first_gate = CASE WHEN first_used_at IS NULL OR first_used_at > $3
                                       THEN $4 ELSE first_gate END,
                     first_used_at = LEAST(coalesce(first_used_at, $3), $3),
                     last_used_at = GREATEST(coalesce(last_used_at, $3), $3)
                 WHERE id = $1 AND event_id = $2",
            )
            .bind(ticket.0)
            .bind(batch.event_id.0)
            .bind(item.scanned_at)
            .bind(&item.gate)
            .execute(&mut *conn)
            .await?;
        }
        (SyncVerdict::Conflict(reason), Some(ticket)) => {
            conflict_id = Some(record_conflict(&mut *conn, batch, item, ticket, reason).await?);
        }
        _ => {}
    }
    insert_audit(&mut *conn, &sync_audit(batch, item, verdict, conflict_id)).await?;
    Ok(outcome(verdict, false))
}

/// Writes the conflict of an offline admission of `ticket` that the server
/// refuses for `reason`, linked to the other admission by scan time.
async fn record_conflict(
    conn: &mut PgConnection,
    batch: &SyncBatch,
    item: &SyncItem,
    ticket: TicketId,
    reason: RejectReason,
) -> Result<Uuid, sqlx::Error> {
    let recorded = if reason == RejectReason::AlreadyUsed {
        sqlx::query(
            "SELECT id, at, event_id, actor_id, action, outcome, subject, client_ip,
                        request_id, details
                 FROM audit_log
                 WHERE subject = $1 AND action = 'ticket.scan' AND outcome = 'success'
                   AND event_id = $2",
        )
        .bind(ticket.to_string())
        .bind(batch.event_id.0)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| record_from_row(row).map(|r| admission_of(&r)))
        .collect::<Result<Vec<_>, _>>()?
    } else {
        Vec::new()
    };
    let (first, second) = order_conflict(uploaded_admission(batch, item), recorded);
    let id = Uuid::now_v7();
    insert_conflict(
        &mut *conn,
        id,
        batch,
        ticket,
        reason,
        first.as_ref(),
        &second,
    )
    .await?;
    Ok(id)
}

async fn insert_conflict(
    conn: &mut PgConnection,
    id: Uuid,
    batch: &SyncBatch,
    ticket: TicketId,
    reason: RejectReason,
    first: Option<&ConflictScan>,
    second: &ConflictScan,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO door_conflicts (id, event_id, ticket_id, reason, detected_at,
            first_scan_id, first_gate, first_device_id, first_user_id, first_scanned_at,
            first_received_at, first_offline, second_scan_id, second_gate, second_device_id,
            second_user_id, second_scanned_at, second_received_at, second_offline)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
    )
    .bind(id)
    .bind(batch.event_id.0)
    .bind(ticket.0)
    .bind(reason.as_str())
    .bind(batch.received_at)
    .bind(first.and_then(|f| f.scan_id))
    .bind(first.and_then(|f| f.gate.clone()))
    .bind(first.and_then(|f| f.device_id))
    .bind(first.and_then(|f| f.user_id.map(|u| u.0)))
    .bind(first.map(|f| f.scanned_at))
    .bind(first.map(|f| f.received_at))
    .bind(first.map(|f| f.offline))
    .bind(second.scan_id)
    .bind(&second.gate)
    .bind(second.device_id)
    .bind(second.user_id.map(|u| u.0))
    .bind(second.scanned_at)
    .bind(second.received_at)
    .bind(second.offline)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[async_trait]
impl DoorRepo for PgStore {
    async fn door_tickets(
        &self,
        event: EventId,
        since: Option<i64>,
    ) -> Result<DoorRows, StorageError> {
        // One snapshot for the rows and the position they are complete up to.
        let mut tx = self.pool.begin().await.map_err(db_error)?;
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
        let cursor: i64 =
            sqlx::query_scalar("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::int8")
                .fetch_one(&mut *tx)
                .await
                .map_err(db_error)?;
        // Tickets inserted since the cursor (their own `change_xid`), then
        // those updated since (`ticket_change_sets`, migration 0012) and not
        // already listed.
        let rows = sqlx::query(
            "SELECT id, status, uses, max_uses, valid_from, valid_until, category, holder_name
             FROM tickets
             WHERE event_id = $1 AND ($2::int8 IS NULL OR change_xid >= $2::int8::text::xid8)
             UNION ALL
             SELECT t.id, t.status, t.uses, t.max_uses, t.valid_from, t.valid_until, t.category,
                    t.holder_name
             FROM tickets t
             WHERE $2::int8 IS NOT NULL AND t.event_id = $1
               AND t.change_xid < $2::int8::text::xid8
               AND t.id IN (SELECT unnest(s.ticket_ids) FROM ticket_change_sets s
                            WHERE s.event_id = $1 AND s.change_xid >= $2::int8::text::xid8)",
        )
        .bind(event.0)
        .bind(since)
        .fetch_all(&mut *tx)
        .await
        .map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
        let tickets = rows
            .iter()
            .map(door_ticket)
            .collect::<Result<_, _>>()
            .map_err(db_error)?;
        Ok(DoorRows { tickets, cursor })
    }

    async fn sync(&self, batch: &SyncBatch) -> Result<Vec<SyncOutcome>, StorageError> {
        let mut tx = self.pool.begin().await.map_err(db_error)?;
        let mut outcomes: Vec<Option<SyncOutcome>> = vec![None; batch.items.len()];
        for i in sync_order(batch) {
            let outcome = sync_one(&mut tx, batch, &batch.items[i])
                .await
                .map_err(db_error)?;
            outcomes[i] = Some(outcome);
        }
        tx.commit().await.map_err(db_error)?;
        Ok(outcomes.into_iter().flatten().collect())
    }

    async fn take_device_conflicts(
        &self,
        event: EventId,
        device: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Vec<Conflict>, StorageError> {
        let sql = format!(
            "WITH told AS (
                 UPDATE door_conflicts SET notified_at = $3
                 WHERE event_id = $1 AND second_device_id = $2 AND notified_at IS NULL
                 RETURNING *
             )
             SELECT {CONFLICT_COLUMNS} FROM told c JOIN tickets t ON t.id = c.ticket_id
             ORDER BY c.detected_at, c.id"
        );
        let rows = sqlx::query(&sql)
            .bind(event.0)
            .bind(device)
            .bind(now)
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        rows.iter()
            .map(conflict_from_row)
            .collect::<Result<_, _>>()
            .map_err(db_error)
    }

    async fn conflicts(
        &self,
        event: EventId,
        after: Option<ConflictCursor>,
        limit: u32,
    ) -> Result<Vec<Conflict>, StorageError> {
        let sql = format!(
            "SELECT {CONFLICT_COLUMNS} FROM door_conflicts c JOIN tickets t ON t.id = c.ticket_id
             WHERE c.event_id = $1 AND ($2::timestamptz IS NULL OR (c.detected_at, c.id) < ($2, $3))
             ORDER BY c.detected_at DESC, c.id DESC LIMIT $4"
        );
        let rows = sqlx::query(&sql)
            .bind(event.0)
            .bind(after.map(|a| a.detected_at))
            .bind(after.map(|a| a.id))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        rows.iter()
            .map(conflict_from_row)
            .collect::<Result<_, _>>()
            .map_err(db_error)
    }

    async fn conflict_count(&self, event: EventId) -> Result<u64, StorageError> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM door_conflicts WHERE event_id = $1")
            .bind(event.0)
            .fetch_one(&self.pool)
            .await
            .map_err(db_error)?;
        Ok(n as u64)
    }
}
