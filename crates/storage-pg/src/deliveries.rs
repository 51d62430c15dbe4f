use async_trait::async_trait;
use chrono::{DateTime, Utc};
use qr_event_domain::{EventId, TicketId};
use qr_event_storage::{
    AttemptOutcome, Delivery, DeliveryRepo, DeliveryStatus, NewDelivery, StorageError,
};
use sqlx::postgres::PgRow;
use sqlx::Row;
use uuid::Uuid;

use crate::{db_error, PgStore};

const COLUMNS: &str = "id, event_id, ticket_id, access_version, status, attempts, \
    next_attempt_at, lease_until, last_error, created_at, sent_at";

fn delivery_from_row(row: &PgRow) -> Result<Delivery, sqlx::Error> {
    let status: String = row.try_get("status")?;
    Ok(Delivery {
        id: row.try_get("id")?,
        event_id: EventId(row.try_get("event_id")?),
        ticket_id: TicketId(row.try_get("ticket_id")?),
        access_version: row.try_get("access_version")?,
        status: DeliveryStatus::parse(&status)
            .ok_or_else(|| sqlx::Error::Decode(format!("unknown status {status}").into()))?,
        attempts: row.try_get("attempts")?,
        next_attempt_at: row.try_get("next_attempt_at")?,
        lease_until: row.try_get("lease_until")?,
        last_error: row.try_get("last_error")?,
        created_at: row.try_get("created_at")?,
        sent_at: row.try_get("sent_at")?,
    })
}

fn all(rows: &[PgRow]) -> Result<Vec<Delivery>, StorageError> {
    rows.iter()
        .map(delivery_from_row)
        .collect::<Result<_, _>>()
        .map_err(db_error)
}

#[async_trait]
impl DeliveryRepo for PgStore {
    async fn queue(
        &self,
        rows: &[NewDelivery],
        now: DateTime<Utc>,
    ) -> Result<Vec<Delivery>, StorageError> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let events: Vec<Uuid> = rows.iter().map(|r| r.event_id.0).collect();
        let tickets: Vec<Uuid> = rows.iter().map(|r| r.ticket_id.0).collect();
        let versions: Vec<i32> = rows.iter().map(|r| r.access_version).collect();
        // A failed row is revived in place: the unique key stays the one
        // guard against a second live delivery for the same link.
        let sql = format!(
            "INSERT INTO ticket_deliveries
                (id, event_id, ticket_id, access_version, status, attempts,
                 next_attempt_at, created_at)
             SELECT id, event_id, ticket_id, access_version, 'queued', 0, $5, $5
               FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[])
                    AS t (id, event_id, ticket_id, access_version)
             ON CONFLICT ON CONSTRAINT ticket_deliveries_once DO UPDATE
                SET status = 'queued', attempts = 0, next_attempt_at = $5,
                    lease_until = NULL, last_error = NULL, created_at = $5
              WHERE ticket_deliveries.status = 'failed'
             RETURNING {COLUMNS}"
        );
        let rows = sqlx::query(&sql)
            .bind(&ids)
            .bind(&events)
            .bind(&tickets)
            .bind(&versions)
            .bind(now)
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        all(&rows)
    }

    async fn claim(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<Delivery>, StorageError> {
        // SKIP LOCKED: a second sender passes over rows the first is claiming.
        // A sending row's next_attempt_at is its lease end, so one index
        // finds both new rows and abandoned claims.
        let sql = format!(
            "UPDATE ticket_deliveries
                SET status = 'sending', attempts = attempts + 1,
                    lease_until = $2, next_attempt_at = $2
              WHERE id IN (
                    SELECT id FROM ticket_deliveries
                     WHERE status IN ('queued', 'sending') AND next_attempt_at <= $1
                     ORDER BY next_attempt_at, id
                     LIMIT $3
                       FOR UPDATE SKIP LOCKED)
                AND status IN ('queued', 'sending') AND next_attempt_at <= $1
             RETURNING {COLUMNS}"
        );
        let rows = sqlx::query(&sql)
            .bind(now)
            .bind(lease_until)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        all(&rows)
    }

    async fn finish(
        &self,
        id: Uuid,
        attempt: i32,
        outcome: AttemptOutcome,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let query = match outcome {
            AttemptOutcome::Sent => sqlx::query(
                "UPDATE ticket_deliveries
                    SET status = 'sent', sent_at = $3, lease_until = NULL, last_error = NULL
                  WHERE id = $1 AND attempts = $2 AND status = 'sending'",
            )
            .bind(id)
            .bind(attempt)
            .bind(now),
            AttemptOutcome::Failed { error, retry_at } => sqlx::query(
                "UPDATE ticket_deliveries
                    SET status = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE 'queued' END,
                        next_attempt_at = COALESCE($4, next_attempt_at),
                        lease_until = NULL, last_error = $3
                  WHERE id = $1 AND attempts = $2 AND status = 'sending'",
            )
            .bind(id)
            .bind(attempt)
            .bind(error)
            .bind(retry_at),
        };
        let done = query.execute(&self.pool).await.map_err(db_error)?;
        Ok(done.rows_affected() == 1)
    }

    async fn list(&self, event: EventId, limit: u32) -> Result<Vec<Delivery>, StorageError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM ticket_deliveries WHERE event_id = $1
             ORDER BY created_at DESC, id DESC LIMIT $2"
        );
        let rows = sqlx::query(&sql)
            .bind(event.0)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        all(&rows)
    }

    async fn list_for_tickets(
        &self,
        event: EventId,
        tickets: &[TicketId],
        limit: u32,
    ) -> Result<Vec<Delivery>, StorageError> {
        if tickets.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Uuid> = tickets.iter().map(|t| t.0).collect();
        // `ticket_id = ANY` probes the ticket_deliveries_once index once per
        // id; the event condition keeps other events' rows out.
        let sql = format!(
            "SELECT {COLUMNS} FROM ticket_deliveries
              WHERE ticket_id = ANY($2::uuid[]) AND event_id = $1
              ORDER BY created_at DESC, id DESC LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(event.0)
            .bind(&ids)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        all(&rows)
    }

    async fn next_due(&self) -> Result<Option<DateTime<Utc>>, StorageError> {
        sqlx::query_scalar(
            "SELECT min(next_attempt_at) FROM ticket_deliveries
              WHERE status IN ('queued', 'sending')",
        )
        .fetch_one(&self.pool)
        .await
        .map_err(db_error)
    }
}
