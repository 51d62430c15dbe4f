use async_trait::async_trait;
use qr_event_domain::{EventId, UserId};
use qr_event_storage::{AuditQuery, AuditRecord, AuditRepo, StorageError};
use sqlx::postgres::PgRow;
use sqlx::{Postgres, QueryBuilder, Row};

use crate::{db_error, PgStore};

fn record_from_row(row: &PgRow) -> Result<AuditRecord, sqlx::Error> {
    Ok(AuditRecord {
        id: row.try_get("id")?,
        at: row.try_get("at")?,
        event_id: row
            .try_get::<Option<uuid::Uuid>, _>("event_id")?
            .map(EventId),
        actor_id: row
            .try_get::<Option<uuid::Uuid>, _>("actor_id")?
            .map(UserId),
        action: row.try_get("action")?,
        outcome: row.try_get("outcome")?,
        subject: row.try_get("subject")?,
        client_ip: row.try_get("client_ip")?,
        request_id: row.try_get("request_id")?,
        details: row.try_get("details")?,
    })
}

#[async_trait]
impl AuditRepo for PgStore {
    async fn append(&self, r: &AuditRecord) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO audit_log (id, at, event_id, actor_id, action, outcome, subject, client_ip, request_id, details)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(r.id)
        .bind(r.at)
        .bind(r.event_id.map(|e| e.0))
        .bind(r.actor_id.map(|u| u.0))
        .bind(&r.action)
        .bind(&r.outcome)
        .bind(&r.subject)
        .bind(&r.client_ip)
        .bind(&r.request_id)
        .bind(&r.details)
        .execute(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(())
    }

    async fn list(&self, q: &AuditQuery) -> Result<Vec<AuditRecord>, StorageError> {
        let mut sql: QueryBuilder<Postgres> = QueryBuilder::new(
            "SELECT id, at, event_id, actor_id, action, outcome, subject, client_ip, request_id, details
             FROM audit_log WHERE ",
        );
        match q.event_id {
            Some(event) => sql.push("event_id = ").push_bind(event.0),
            None => sql.push("event_id IS NULL"),
        };
        if let Some(action) = &q.action {
            sql.push(" AND action = ").push_bind(action);
        }
        if let Some(outcome) = &q.outcome {
            sql.push(" AND outcome = ").push_bind(outcome);
        }
        if let Some(actor) = q.actor_id {
            sql.push(" AND actor_id = ").push_bind(actor.0);
        }
        if let Some(subject) = &q.subject {
            sql.push(" AND subject = ").push_bind(subject);
        }
        if let Some(from) = q.from {
            sql.push(" AND at >= ").push_bind(from);
        }
        if let Some(to) = q.to {
            sql.push(" AND at < ").push_bind(to);
        }
        if let Some(before) = q.before {
            sql.push(" AND id < ").push_bind(before);
        }
        sql.push(" ORDER BY id DESC LIMIT ")
            .push_bind(i64::from(q.limit));
        let rows = sql.build().fetch_all(&self.pool).await.map_err(db_error)?;
        rows.iter()
            .map(record_from_row)
            .collect::<Result<_, _>>()
            .map_err(db_error)
    }
}
