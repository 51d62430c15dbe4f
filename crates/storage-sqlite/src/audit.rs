use async_trait::async_trait;
use chrono::{DateTime, Utc};
use qr_event_domain::{EventId, UserId};
use qr_event_storage::{
    AuditQuery, AuditRecord, AuditRepo, AuditSeal, StorageError, INSTANCE_CHAIN,
};
use sqlx::sqlite::SqliteRow;
use sqlx::{Executor, QueryBuilder, Row, Sqlite};
use uuid::Uuid;

use crate::{db_error, decode_error, from_micros, to_micros, SqliteStore};

pub(crate) fn record_from_row(row: &SqliteRow) -> Result<AuditRecord, sqlx::Error> {
    let details: String = row.try_get("details")?;
    Ok(AuditRecord {
        id: row.try_get("id")?,
        at: from_micros(row.try_get("at")?),
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
        details: serde_json::from_str(&details).map_err(decode_error)?,
    })
}

/// Appends one entry with any executor (pool or transaction). Details are
/// stored as JSON text; SQLite has no JSON column type.
pub(crate) async fn insert_audit<'c, E>(executor: E, r: &AuditRecord) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Sqlite>,
{
    let details = serde_json::to_string(&r.details).map_err(decode_error)?;
    sqlx::query(
        "INSERT INTO audit_log (id, at, event_id, actor_id, action, outcome, subject, client_ip, request_id, details)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )
    .bind(r.id)
    .bind(to_micros(r.at))
    .bind(r.event_id.map(|e| e.0))
    .bind(r.actor_id.map(|u| u.0))
    .bind(&r.action)
    .bind(&r.outcome)
    .bind(&r.subject)
    .bind(&r.client_ip)
    .bind(&r.request_id)
    .bind(details)
    .execute(executor)
    .await?;
    Ok(())
}

#[async_trait]
impl AuditRepo for SqliteStore {
    async fn unsealed(
        &self,
        from_id: Option<Uuid>,
        before: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<AuditRecord>, StorageError> {
        self.unsealed_rows(from_id, before, limit).await
    }

    async fn unsealed_count(&self, chain: &str) -> Result<u64, StorageError> {
        self.count_unsealed(chain).await
    }

    async fn last_seal(&self, chain: &str) -> Result<Option<AuditSeal>, StorageError> {
        self.latest_seal(chain).await
    }

    async fn append_seal(&self, seal: &AuditSeal, ids: &[Uuid]) -> Result<bool, StorageError> {
        self.store_seal(seal, ids).await
    }

    async fn seals(
        &self,
        chain: &str,
        after: i64,
        limit: u32,
    ) -> Result<Vec<AuditSeal>, StorageError> {
        self.seals_after(chain, after, limit).await
    }

    async fn sealed_rows(&self, chain: &str, seq: i64) -> Result<Vec<AuditRecord>, StorageError> {
        self.rows_of_seal(chain, seq).await
    }

    async fn chains(&self) -> Result<Vec<String>, StorageError> {
        self.all_chains().await
    }

    async fn append(&self, r: &AuditRecord) -> Result<(), StorageError> {
        insert_audit(&self.pool, r).await.map_err(db_error)
    }

    async fn list(&self, q: &AuditQuery) -> Result<Vec<AuditRecord>, StorageError> {
        let mut sql: QueryBuilder<Sqlite> = QueryBuilder::new(
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
            sql.push(" AND at >= ").push_bind(to_micros(from));
        }
        if let Some(to) = q.to {
            sql.push(" AND at < ").push_bind(to_micros(to));
        }
        if let Some(before) = q.before {
            // Ids are UUIDv7 blobs: bytewise order is time order.
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

const RECORD_COLUMNS: &str =
    "a.id, a.at, a.event_id, a.actor_id, a.action, a.outcome, a.subject, a.client_ip, a.request_id, a.details";

fn push_chain(
    sql: &mut QueryBuilder<'_, Sqlite>,
    column: &str,
    chain: &str,
) -> Result<(), StorageError> {
    if chain == INSTANCE_CHAIN {
        sql.push(format!("{column} IS NULL"));
    } else {
        let id: Uuid = chain.parse().map_err(StorageError::other)?;
        sql.push(format!("{column} = ")).push_bind(id);
    }
    Ok(())
}

fn seal_from_row(row: &SqliteRow) -> Result<AuditSeal, sqlx::Error> {
    Ok(AuditSeal {
        chain: row.try_get("chain")?,
        seq: row.try_get("seq")?,
        row_count: row.try_get("row_count")?,
        prev_hash: row.try_get("prev_hash")?,
        hash: row.try_get("hash")?,
        sealed_at: from_micros(row.try_get("sealed_at")?),
    })
}

impl SqliteStore {
    pub(crate) async fn unsealed_rows(
        &self,
        from_id: Option<Uuid>,
        before: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<AuditRecord>, StorageError> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM audit_log a
             WHERE (?1 IS NULL OR a.id >= ?1) AND a.at < ?2
               AND NOT EXISTS (SELECT 1 FROM audit_sealed s WHERE s.audit_id = a.id)
             ORDER BY a.id LIMIT ?3"
        );
        let rows = sqlx::query(&sql)
            .bind(from_id)
            .bind(to_micros(before))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        rows.iter()
            .map(record_from_row)
            .collect::<Result<_, _>>()
            .map_err(db_error)
    }

    pub(crate) async fn count_unsealed(&self, chain: &str) -> Result<u64, StorageError> {
        let mut sql: QueryBuilder<Sqlite> =
            QueryBuilder::new("SELECT count(*) FROM audit_log a WHERE ");
        push_chain(&mut sql, "a.event_id", chain)?;
        sql.push(" AND NOT EXISTS (SELECT 1 FROM audit_sealed s WHERE s.audit_id = a.id)");
        let n: i64 = sql
            .build_query_scalar()
            .fetch_one(&self.pool)
            .await
            .map_err(db_error)?;
        Ok(n as u64)
    }

    pub(crate) async fn latest_seal(&self, chain: &str) -> Result<Option<AuditSeal>, StorageError> {
        let row = sqlx::query(
            "SELECT chain, seq, row_count, prev_hash, hash, sealed_at FROM audit_seals
             WHERE chain = ?1 ORDER BY seq DESC LIMIT 1",
        )
        .bind(chain)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.as_ref()
            .map(seal_from_row)
            .transpose()
            .map_err(db_error)
    }

    pub(crate) async fn store_seal(
        &self,
        seal: &AuditSeal,
        ids: &[Uuid],
    ) -> Result<bool, StorageError> {
        let mut tx = self.write_tx().await?;
        let inserted = sqlx::query(
            "INSERT INTO audit_seals (chain, seq, row_count, prev_hash, hash, sealed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
        )
        .bind(&seal.chain)
        .bind(seal.seq)
        .bind(seal.row_count)
        .bind(&seal.prev_hash)
        .bind(&seal.hash)
        .bind(to_micros(seal.sealed_at))
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
        if inserted.rows_affected() == 0 {
            return Ok(false);
        }
        for chunk in ids.chunks(5_000) {
            let mut sql: QueryBuilder<Sqlite> =
                QueryBuilder::new("INSERT INTO audit_sealed (audit_id, chain, seq) ");
            sql.push_values(chunk, |mut row, id| {
                row.push_bind(*id)
                    .push_bind(seal.chain.clone())
                    .push_bind(seal.seq);
            });
            sql.push(" ON CONFLICT DO NOTHING");
            let done = sql.build().execute(&mut *tx).await.map_err(db_error)?;
            if done.rows_affected() != chunk.len() as u64 {
                return Ok(false);
            }
        }
        tx.commit().await.map_err(db_error)?;
        Ok(true)
    }

    pub(crate) async fn seals_after(
        &self,
        chain: &str,
        after: i64,
        limit: u32,
    ) -> Result<Vec<AuditSeal>, StorageError> {
        let rows = sqlx::query(
            "SELECT chain, seq, row_count, prev_hash, hash, sealed_at FROM audit_seals
             WHERE chain = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
        )
        .bind(chain)
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.iter()
            .map(seal_from_row)
            .collect::<Result<_, _>>()
            .map_err(db_error)
    }

    pub(crate) async fn rows_of_seal(
        &self,
        chain: &str,
        seq: i64,
    ) -> Result<Vec<AuditRecord>, StorageError> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM audit_sealed s JOIN audit_log a ON a.id = s.audit_id
             WHERE s.chain = ?1 AND s.seq = ?2 ORDER BY a.id"
        );
        let rows = sqlx::query(&sql)
            .bind(chain)
            .bind(seq)
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        rows.iter()
            .map(record_from_row)
            .collect::<Result<_, _>>()
            .map_err(db_error)
    }

    pub(crate) async fn all_chains(&self) -> Result<Vec<String>, StorageError> {
        let rows: Vec<Option<Uuid>> = sqlx::query_scalar("SELECT DISTINCT event_id FROM audit_log")
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        let mut chains: Vec<String> = rows
            .into_iter()
            .map(|e| {
                e.map(|e| e.to_string())
                    .unwrap_or_else(|| INSTANCE_CHAIN.to_owned())
            })
            .collect();
        let sealed: Vec<String> = sqlx::query_scalar("SELECT DISTINCT chain FROM audit_seals")
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        chains.extend(sealed);
        chains.sort();
        chains.dedup();
        Ok(chains)
    }
}
