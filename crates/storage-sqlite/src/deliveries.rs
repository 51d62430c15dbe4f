use async_trait::async_trait;
use chrono::{DateTime, Utc};
use qr_event_domain::{EventId, TicketId};
use qr_event_storage::{
    AttemptOutcome, Delivery, DeliveryRepo, DeliveryStatus, NewDelivery, StorageError,
};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};
use uuid::Uuid;

use crate::{db_error, decode_error, from_micros, to_micros, SqliteStore};

const COLUMNS: &str = "id, event_id, ticket_id, access_version, status, attempts, \
    next_attempt_at, lease_until, last_error, created_at, sent_at";

fn delivery_from_row(row: &SqliteRow) -> Result<Delivery, sqlx::Error> {
    let status: String = row.try_get("status")?;
    Ok(Delivery {
        id: row.try_get("id")?,
        event_id: EventId(row.try_get("event_id")?),
        ticket_id: TicketId(row.try_get("ticket_id")?),
        access_version: row.try_get("access_version")?,
        status: DeliveryStatus::parse(&status)
            .ok_or_else(|| decode_error(format!("unknown status {status}")))?,
        attempts: row.try_get("attempts")?,
        next_attempt_at: from_micros(row.try_get("next_attempt_at")?),
        lease_until: row
            .try_get::<Option<i64>, _>("lease_until")?
            .map(from_micros),
        last_error: row.try_get("last_error")?,
        created_at: from_micros(row.try_get("created_at")?),
        sent_at: row.try_get::<Option<i64>, _>("sent_at")?.map(from_micros),
    })
}

fn all(rows: &[SqliteRow]) -> Result<Vec<Delivery>, StorageError> {
    rows.iter()
        .map(delivery_from_row)
        .collect::<Result<_, _>>()
        .map_err(db_error)
}

#[async_trait]
impl DeliveryRepo for SqliteStore {
    async fn queue(
        &self,
        rows: &[NewDelivery],
        now: DateTime<Utc>,
    ) -> Result<Vec<Delivery>, StorageError> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        // A failed row is revived in place: the unique key stays the one
        // guard against a second live delivery for the same link.
        let sql = format!(
            "INSERT INTO ticket_deliveries
                (id, event_id, ticket_id, access_version, status, attempts,
                 next_attempt_at, created_at)
             VALUES (?1, ?2, ?3, ?4, 'queued', 0, ?5, ?5)
             ON CONFLICT (ticket_id, access_version) DO UPDATE
                SET status = 'queued', attempts = 0, next_attempt_at = ?5,
                    lease_until = NULL, last_error = NULL, created_at = ?5
              WHERE ticket_deliveries.status = 'failed'
             RETURNING {COLUMNS}"
        );
        let mut tx = self.write_tx().await?;
        let mut queued = Vec::new();
        for r in rows {
            let row = sqlx::query(&sql)
                .bind(r.id)
                .bind(r.event_id.0)
                .bind(r.ticket_id.0)
                .bind(r.access_version)
                .bind(to_micros(now))
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
            if let Some(row) = row {
                queued.push(delivery_from_row(&row).map_err(db_error)?);
            }
        }
        tx.commit().await.map_err(db_error)?;
        Ok(queued)
    }

    async fn claim(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<Delivery>, StorageError> {
        // One statement under the write lock: a second claimer waits and
        // then sees the rows as leased. A sending row's next_attempt_at is
        // its lease end, so one index finds new rows and abandoned claims.
        let sql = format!(
            "UPDATE ticket_deliveries
                SET status = 'sending', attempts = attempts + 1,
                    lease_until = ?2, next_attempt_at = ?2
              WHERE id IN (
                    SELECT id FROM ticket_deliveries
                     WHERE status IN ('queued', 'sending') AND next_attempt_at <= ?1
                     ORDER BY next_attempt_at, id
                     LIMIT ?3)
             RETURNING {COLUMNS}"
        );
        let mut tx = self.write_tx().await?;
        let rows = sqlx::query(&sql)
            .bind(to_micros(now))
            .bind(to_micros(lease_until))
            .bind(i64::from(limit))
            .fetch_all(&mut *tx)
            .await
            .map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
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
                    SET status = 'sent', sent_at = ?3, lease_until = NULL, last_error = NULL
                  WHERE id = ?1 AND attempts = ?2 AND status = 'sending'",
            )
            .bind(id)
            .bind(attempt)
            .bind(to_micros(now)),
            AttemptOutcome::Failed { error, retry_at } => sqlx::query(
                "UPDATE ticket_deliveries
                    SET status = CASE WHEN ?4 IS NULL THEN 'failed' ELSE 'queued' END,
                        next_attempt_at = COALESCE(?4, next_attempt_at),
                        lease_until = NULL, last_error = ?3
                  WHERE id = ?1 AND attempts = ?2 AND status = 'sending'",
            )
            .bind(id)
            .bind(attempt)
            .bind(error)
            .bind(retry_at.map(to_micros)),
        };
        let mut tx = self.write_tx().await?;
        let done = query.execute(&mut *tx).await.map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
        Ok(done.rows_affected() == 1)
    }

    async fn list(&self, event: EventId, limit: u32) -> Result<Vec<Delivery>, StorageError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM ticket_deliveries WHERE event_id = ?1
             ORDER BY created_at DESC, id DESC LIMIT ?2"
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
        // `ticket_id IN (…)` probes the unique (ticket_id, access_version)
        // index once per id; the event condition keeps other events' rows out.
        let mut sql: QueryBuilder<Sqlite> = QueryBuilder::new(format!(
            "SELECT {COLUMNS} FROM ticket_deliveries WHERE ticket_id IN ("
        ));
        let mut ids = sql.separated(", ");
        for ticket in tickets {
            ids.push_bind(ticket.0);
        }
        sql.push(") AND event_id = ")
            .push_bind(event.0)
            .push(" ORDER BY created_at DESC, id DESC LIMIT ")
            .push_bind(i64::from(limit));
        let rows = sql.build().fetch_all(&self.pool).await.map_err(db_error)?;
        all(&rows)
    }

    async fn next_due(&self) -> Result<Option<DateTime<Utc>>, StorageError> {
        let next: Option<i64> = sqlx::query_scalar(
            "SELECT min(next_attempt_at) FROM ticket_deliveries
              WHERE status IN ('queued', 'sending')",
        )
        .fetch_one(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(next.map(from_micros))
    }
}
