//! Tickets and scans on PostgreSQL. A check-in is one statement: claim the
//! scan id, consume an admission with a conditional UPDATE, and append the
//! audit entry, all in one round trip.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use qr_event_domain::{
    Email, EventId, Locale, RejectReason, TicketDetails, TicketId, TicketStatus,
};
use qr_event_storage::{
    like_pattern, AuditRecord, NewTicket, ScanAttempt, ScanDecision, ScanMode, ScanResults,
    StorageError, Ticket, TicketQuery, TicketRepo, TicketStats,
};
use sqlx::postgres::PgRow;
use sqlx::{Executor, Postgres, QueryBuilder, Row};
use uuid::Uuid;

use crate::audit::{insert_audit, record_from_row};
use crate::{db_error, PgStore};

pub(crate) const COLUMNS: &str = "id, event_id, holder_name, holder_email, category, note, locale, valid_from, valid_until, max_uses, \
uses, status, revoked_at, replaced_by, access_version, first_used_at, first_gate, last_used_at, created_at";

/// Rows per multi-row INSERT of a batch.
const CHUNK: usize = 5_000;

pub(crate) fn ticket_from_row(row: &PgRow) -> Result<Ticket, sqlx::Error> {
    ticket_with_prefix(row, "")
}

fn ticket_with_prefix(row: &PgRow, p: &str) -> Result<Ticket, sqlx::Error> {
    let col = |name: &str| format!("{p}{name}");
    let status: String = row.try_get(col("status").as_str())?;
    let email: Option<String> = row.try_get(col("holder_email").as_str())?;
    let locale: Option<String> = row.try_get(col("locale").as_str())?;
    Ok(Ticket {
        id: TicketId(row.try_get(col("id").as_str())?),
        event_id: EventId(row.try_get(col("event_id").as_str())?),
        details: TicketDetails {
            holder_name: row.try_get(col("holder_name").as_str())?,
            holder_email: email.map(Email::from_trusted),
            category: row.try_get(col("category").as_str())?,
            valid_from: row.try_get(col("valid_from").as_str())?,
            valid_until: row.try_get(col("valid_until").as_str())?,
            max_uses: row.try_get(col("max_uses").as_str())?,
            note: row.try_get(col("note").as_str())?,
            locale: locale.as_deref().and_then(Locale::from_tag),
        },
        uses: row.try_get(col("uses").as_str())?,
        status: TicketStatus::parse(&status)
            .ok_or_else(|| sqlx::Error::Decode(format!("status {status}").into()))?,
        revoked_at: row.try_get(col("revoked_at").as_str())?,
        replaced_by: row
            .try_get::<Option<Uuid>, _>(col("replaced_by").as_str())?
            .map(TicketId),
        access_version: row.try_get(col("access_version").as_str())?,
        first_used_at: row.try_get(col("first_used_at").as_str())?,
        first_gate: row.try_get(col("first_gate").as_str())?,
        last_used_at: row.try_get(col("last_used_at").as_str())?,
        created_at: row.try_get(col("created_at").as_str())?,
    })
}

async fn insert_tickets<'c, E>(executor: E, tickets: &[NewTicket]) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Postgres>,
{
    let mut ids = Vec::with_capacity(tickets.len());
    let mut events = Vec::with_capacity(tickets.len());
    let mut names = Vec::with_capacity(tickets.len());
    let mut emails: Vec<Option<String>> = Vec::with_capacity(tickets.len());
    let mut categories = Vec::with_capacity(tickets.len());
    let mut notes = Vec::with_capacity(tickets.len());
    let mut locales: Vec<Option<&str>> = Vec::with_capacity(tickets.len());
    let mut froms = Vec::with_capacity(tickets.len());
    let mut untils = Vec::with_capacity(tickets.len());
    let mut max_uses = Vec::with_capacity(tickets.len());
    let mut uses = Vec::with_capacity(tickets.len());
    let mut created = Vec::with_capacity(tickets.len());
    for t in tickets {
        ids.push(t.id.0);
        events.push(t.event_id.0);
        names.push(t.details.holder_name.as_str());
        emails.push(
            t.details
                .holder_email
                .as_ref()
                .map(|e| e.as_str().to_owned()),
        );
        categories.push(t.details.category.as_str());
        notes.push(t.details.note.as_str());
        locales.push(t.details.locale.map(Locale::as_str));
        froms.push(t.details.valid_from);
        untils.push(t.details.valid_until);
        max_uses.push(t.details.max_uses);
        uses.push(t.uses);
        created.push(t.created_at);
    }
    sqlx::query(
        "INSERT INTO tickets (id, event_id, holder_name, holder_email, category, note, valid_from, valid_until,
                              max_uses, uses, created_at, locale)
         SELECT * FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[],
                              $7::timestamptz[], $8::timestamptz[], $9::int4[], $10::int4[], $11::timestamptz[],
                              $12::text[])",
    )
    .bind(ids)
    .bind(events)
    .bind(names)
    .bind(emails)
    .bind(categories)
    .bind(notes)
    .bind(froms)
    .bind(untils)
    .bind(max_uses)
    .bind(uses)
    .bind(created)
    .bind(locales)
    .execute(executor)
    .await?;
    Ok(())
}

/// The check-in statement. Data-modifying CTEs share one snapshot; the
/// UPDATE re-checks its conditions on the latest row version when another
/// transaction got there first, so an admission is never counted twice.
const SCAN_SQL: &str = "
WITH claim AS (
    INSERT INTO scan_claims (scan_id, audit_id, event_id, created_at)
    SELECT $1, $2, $3, $8 WHERE $7
    ON CONFLICT (scan_id) DO NOTHING
    RETURNING scan_id
),
before AS (
    SELECT * FROM tickets WHERE id = $4 AND event_id = $3
),
consumed AS (
    UPDATE tickets t
    SET uses = t.uses + 1,
        first_used_at = COALESCE(t.first_used_at, $8),
        first_gate = CASE WHEN t.first_used_at IS NULL THEN $6::text ELSE t.first_gate END,
        last_used_at = $8
    WHERE t.id = $4 AND t.event_id = $3 AND $7 AND EXISTS (SELECT 1 FROM claim)
      AND t.status = 'active' AND t.uses < t.max_uses
      AND t.valid_from <= $8 + $9 * interval '1 microsecond'
      AND t.valid_until > $8 - $9 * interval '1 microsecond'
    RETURNING t.*
),
verdict AS (
    SELECT CASE
        WHEN EXISTS (SELECT 1 FROM consumed) THEN NULL
        WHEN NOT EXISTS (SELECT 1 FROM before) THEN 'invalid_code'
        WHEN b.status = 'revoked' THEN 'revoked'
        WHEN b.valid_from > $8 + $9 * interval '1 microsecond' THEN 'not_yet_valid'
        WHEN b.valid_until <= $8 - $9 * interval '1 microsecond' THEN 'expired'
        WHEN NOT $7 AND b.uses < b.max_uses THEN NULL
        ELSE 'already_used'
    END AS reason
    FROM (SELECT 1) one LEFT JOIN before b ON TRUE
),
device AS (
    UPDATE door_devices
    SET scans_count = CASE WHEN scans_day = $17 THEN scans_count + 1 ELSE 1 END,
        scans_day = $17,
        last_seen_at = $8
    WHERE id = $16 AND (NOT $7 OR EXISTS (SELECT 1 FROM claim))
),
audit AS (
    INSERT INTO audit_log (id, at, event_id, actor_id, action, outcome, subject, client_ip, request_id, details)
    SELECT $2, $8, $3, $5, $10,
           CASE WHEN v.reason IS NULL THEN 'success' ELSE 'failure' END,
           $4::text, $11, $12,
           jsonb_build_object(
               'result', CASE WHEN v.reason IS NULL THEN 'admitted' ELSE 'rejected' END,
               'reason', v.reason, 'gate', $6::text, 'scan_id', $1::text, 'mode', $13::text,
               'device_id', $14::text)
               || CASE WHEN $15 THEN jsonb_build_object('manual', TRUE) ELSE '{}'::jsonb END
    FROM verdict v
    WHERE NOT $7 OR EXISTS (SELECT 1 FROM claim)
    RETURNING id
)
SELECT (SELECT reason FROM verdict) AS reason,
       EXISTS (SELECT 1 FROM claim) OR NOT $7 AS claimed,
       c.id AS c_id, c.event_id AS c_event_id, c.holder_name AS c_holder_name, c.holder_email AS c_holder_email,
       c.category AS c_category, c.note AS c_note, c.locale AS c_locale, c.valid_from AS c_valid_from, c.valid_until AS c_valid_until,
       c.max_uses AS c_max_uses, c.uses AS c_uses, c.status AS c_status, c.revoked_at AS c_revoked_at,
       c.replaced_by AS c_replaced_by, c.access_version AS c_access_version, c.first_used_at AS c_first_used_at,
       c.first_gate AS c_first_gate, c.last_used_at AS c_last_used_at, c.created_at AS c_created_at,
       b.id AS b_id, b.event_id AS b_event_id, b.holder_name AS b_holder_name, b.holder_email AS b_holder_email,
       b.category AS b_category, b.note AS b_note, b.locale AS b_locale, b.valid_from AS b_valid_from, b.valid_until AS b_valid_until,
       b.max_uses AS b_max_uses, b.uses AS b_uses, b.status AS b_status, b.revoked_at AS b_revoked_at,
       b.replaced_by AS b_replaced_by, b.access_version AS b_access_version, b.first_used_at AS b_first_used_at,
       b.first_gate AS b_first_gate, b.last_used_at AS b_last_used_at, b.created_at AS b_created_at
FROM (SELECT 1) one
LEFT JOIN consumed c ON TRUE
LEFT JOIN before b ON TRUE";

/// A batch at least this large refreshes the search indexes and statistics.
const REFRESH_AFTER_ROWS: usize = 10_000;

/// After a large batch, in the background: the trigram indexes' pending
/// entries are merged (searches would otherwise read them all on every
/// query) and the planner's statistics refreshed (with stale ones it may
/// walk the whole event instead of using the index), rather than waiting
/// for autovacuum.
async fn refresh_search(pool: sqlx::PgPool) {
    for statement in [
        "SELECT gin_clean_pending_list('tickets_name_trgm'::regclass)",
        "SELECT gin_clean_pending_list('tickets_email_trgm'::regclass)",
        "ANALYZE tickets",
    ] {
        if let Err(err) = sqlx::query(statement).execute(&pool).await {
            tracing::debug!(error = %err, "refreshing the ticket search indexes failed");
            return;
        }
    }
}

#[async_trait]
impl TicketRepo for PgStore {
    async fn insert_many(
        &self,
        tickets: &[NewTicket],
        audit: &[AuditRecord],
    ) -> Result<(), StorageError> {
        let mut tx = self.pool.begin().await.map_err(db_error)?;
        for chunk in tickets.chunks(CHUNK) {
            insert_tickets(&mut *tx, chunk).await.map_err(db_error)?;
        }
        for record in audit {
            insert_audit(&mut *tx, record).await.map_err(db_error)?;
        }
        tx.commit().await.map_err(db_error)?;
        if tickets.len() >= REFRESH_AFTER_ROWS {
            tokio::spawn(refresh_search(self.pool.clone()));
        }
        Ok(())
    }

    async fn find(&self, event: EventId, id: TicketId) -> Result<Option<Ticket>, StorageError> {
        let sql = format!("SELECT {COLUMNS} FROM tickets WHERE id = $1 AND event_id = $2");
        let row = sqlx::query(&sql)
            .bind(id.0)
            .bind(event.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_error)?;
        row.as_ref()
            .map(ticket_from_row)
            .transpose()
            .map_err(db_error)
    }

    async fn find_any(&self, id: TicketId) -> Result<Option<Ticket>, StorageError> {
        let sql = format!("SELECT {COLUMNS} FROM tickets WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_error)?;
        row.as_ref()
            .map(ticket_from_row)
            .transpose()
            .map_err(db_error)
    }

    async fn list(&self, event: EventId, q: &TicketQuery) -> Result<Vec<Ticket>, StorageError> {
        let mut sql: QueryBuilder<Postgres> =
            QueryBuilder::new(format!("SELECT {COLUMNS} FROM tickets WHERE event_id = "));
        sql.push_bind(event.0);
        if let Some(search) = &q.search {
            let pattern = like_pattern(&search.to_lowercase());
            sql.push(" AND (lower(holder_name) LIKE ")
                .push_bind(pattern.clone());
            if !q.names_only {
                sql.push(" OR lower(coalesce(holder_email, '')) LIKE ")
                    .push_bind(pattern);
            }
            sql.push(")");
        }
        if let Some(status) = q.status {
            sql.push(" AND status = ").push_bind(status.as_str());
        }
        match q.used {
            Some(true) => {
                sql.push(" AND uses > 0");
            }
            Some(false) => {
                sql.push(" AND uses = 0");
            }
            None => {}
        }
        let (past, order) = if q.newest_first {
            ("<", "DESC")
        } else {
            (">", "ASC")
        };
        if let Some(after) = q.after {
            sql.push(format!(" AND (created_at, id) {past} ("))
                .push_bind(after.created_at)
                .push(", ")
                .push_bind(after.id.0)
                .push(")");
        }
        sql.push(format!(" ORDER BY created_at {order}, id {order} LIMIT "))
            .push_bind(i64::from(q.limit));
        let rows = sql.build().fetch_all(&self.pool).await.map_err(db_error)?;
        rows.iter()
            .map(ticket_from_row)
            .collect::<Result<_, _>>()
            .map_err(db_error)
    }

    async fn count(&self, event: EventId) -> Result<u64, StorageError> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM tickets WHERE event_id = $1")
            .bind(event.0)
            .fetch_one(&self.pool)
            .await
            .map_err(db_error)?;
        Ok(n as u64)
    }

    async fn revoke(
        &self,
        event: EventId,
        id: TicketId,
        now: DateTime<Utc>,
        replaced_by: Option<TicketId>,
        audit: &AuditRecord,
    ) -> Result<Option<Ticket>, StorageError> {
        let mut tx = self.pool.begin().await.map_err(db_error)?;
        let sql = format!(
            "UPDATE tickets SET status = 'revoked', revoked_at = $3, replaced_by = $4
             WHERE id = $1 AND event_id = $2 AND status = 'active' RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(id.0)
            .bind(event.0)
            .bind(now)
            .bind(replaced_by.map(|t| t.0))
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_error)?;
        let Some(row) = row else { return Ok(None) };
        insert_audit(&mut *tx, audit).await.map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
        ticket_from_row(&row).map(Some).map_err(db_error)
    }

    async fn reissue(
        &self,
        old: TicketId,
        new: &NewTicket,
        audit: &AuditRecord,
    ) -> Result<Option<Ticket>, StorageError> {
        let mut tx = self.pool.begin().await.map_err(db_error)?;
        let revoked = sqlx::query(
            "UPDATE tickets SET status = 'revoked', revoked_at = $3, replaced_by = $4
             WHERE id = $1 AND event_id = $2 AND status = 'active' RETURNING id",
        )
        .bind(old.0)
        .bind(new.event_id.0)
        .bind(new.created_at)
        .bind(new.id.0)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_error)?;
        if revoked.is_none() {
            return Ok(None);
        }
        insert_tickets(&mut *tx, std::slice::from_ref(new))
            .await
            .map_err(db_error)?;
        insert_audit(&mut *tx, audit).await.map_err(db_error)?;
        let sql = format!("SELECT {COLUMNS} FROM tickets WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(new.id.0)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
        ticket_from_row(&row).map(Some).map_err(db_error)
    }

    async fn rotate_access(
        &self,
        event: EventId,
        id: TicketId,
        audit: &AuditRecord,
    ) -> Result<Option<Ticket>, StorageError> {
        let mut tx = self.pool.begin().await.map_err(db_error)?;
        let sql = format!(
            "UPDATE tickets SET access_version = access_version + 1 WHERE id = $1 AND event_id = $2 RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(id.0)
            .bind(event.0)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_error)?;
        let Some(row) = row else { return Ok(None) };
        insert_audit(&mut *tx, audit).await.map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
        ticket_from_row(&row).map(Some).map_err(db_error)
    }

    async fn scan(&self, a: &ScanAttempt) -> Result<ScanDecision, StorageError> {
        let check_in = a.mode == ScanMode::CheckIn;
        let action = if check_in {
            "ticket.scan"
        } else {
            "ticket.verify"
        };
        let skew = a.skew.num_microseconds().unwrap_or(i64::MAX);
        let row = sqlx::query(SCAN_SQL)
            .bind(a.scan_id)
            .bind(a.audit_id)
            .bind(a.event_id.0)
            .bind(a.ticket_id.0)
            .bind(a.scanner_id.map(|u| u.0))
            .bind(&a.gate)
            .bind(check_in)
            .bind(a.now)
            .bind(skew as f64)
            .bind(action)
            .bind(&a.client_ip)
            .bind(&a.request_id)
            .bind(a.mode.as_str())
            .bind(a.device_id.map(|d| d.to_string()))
            .bind(a.manual)
            .bind(a.device_day.and(a.device_id))
            .bind(a.device_day)
            .fetch_one(&self.pool)
            .await
            .map_err(db_error)?;
        let claimed: bool = row.try_get("claimed").map_err(db_error)?;
        if !claimed {
            let first = sqlx::query(
                "SELECT a.id, a.at, a.event_id, a.actor_id, a.action, a.outcome, a.subject, a.client_ip,
                        a.request_id, a.details
                 FROM scan_claims s JOIN audit_log a ON a.id = s.audit_id WHERE s.scan_id = $1",
            )
            .bind(a.scan_id)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_error)?;
            return match first {
                Some(row)
                    if row.try_get::<Option<Uuid>, _>("event_id").ok().flatten()
                        == Some(a.event_id.0) =>
                {
                    Ok(ScanDecision::Replayed(
                        record_from_row(&row).map_err(db_error)?,
                    ))
                }
                // The id was used for another event: treat as a conflict.
                Some(_) => Err(StorageError::Conflict("scan_id")),
                // The first attempt is still in flight; the client retries.
                None => Err(StorageError::Unavailable("scan in progress".into())),
            };
        }
        let reason: Option<String> = row.try_get("reason").map_err(db_error)?;
        let consumed = row
            .try_get::<Option<Uuid>, _>("c_id")
            .map_err(db_error)?
            .map(|_| ticket_with_prefix(&row, "c_"))
            .transpose()
            .map_err(db_error)?;
        let before = row
            .try_get::<Option<Uuid>, _>("b_id")
            .map_err(db_error)?
            .map(|_| ticket_with_prefix(&row, "b_"))
            .transpose()
            .map_err(db_error)?;
        Ok(match reason.as_deref().map(RejectReason::parse) {
            None => ScanDecision::Admitted(consumed.or(before).ok_or(StorageError::NotFound)?),
            Some(Some(RejectReason::AlreadyUsed))
                if before.as_ref().is_some_and(|t| t.first_used_at.is_none()) =>
            {
                // Lost a race with the first admission: read it back for the answer.
                let ticket = self.find(a.event_id, a.ticket_id).await?;
                ScanDecision::Rejected(RejectReason::AlreadyUsed, ticket)
            }
            Some(Some(reason)) => ScanDecision::Rejected(reason, before),
            Some(None) => {
                return Err(db_error(sqlx::Error::Decode(
                    format!("unknown scan reason {reason:?}").into(),
                )))
            }
        })
    }

    async fn scan_many(&self, attempts: &[ScanAttempt]) -> Result<ScanResults, StorageError> {
        if crate::scan_set::fits(attempts) {
            self.scan_set(attempts).await
        } else {
            self.scan_group(attempts).await
        }
    }

    async fn stats(
        &self,
        event: EventId,
        since: DateTime<Utc>,
    ) -> Result<TicketStats, StorageError> {
        // Totals plus the deltas not folded yet, in one snapshot.
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT key, sum(n)::int8 FROM (
                 SELECT key, n FROM event_stats WHERE event_id = $1
                 UNION ALL
                 SELECT key, n FROM event_stat_deltas WHERE event_id = $1
             ) c GROUP BY key",
        )
        .bind(event.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(TicketStats::from_counters(rows, since))
    }

    async fn compact_stats(&self) -> Result<u64, StorageError> {
        // One folder at a time (advisory lock), in one statement: a reader
        // sees the deltas either before or after, never both or neither.
        let folded = sqlx::query(
            "WITH lock AS (SELECT pg_try_advisory_xact_lock(7168543211) AS got),
                  moved AS (
                      DELETE FROM event_stat_deltas WHERE (SELECT got FROM lock)
                      RETURNING event_id, key, n
                  )
             INSERT INTO event_stats (event_id, key, n)
             SELECT event_id, key, sum(n) FROM moved GROUP BY event_id, key
             ON CONFLICT (event_id, key) DO UPDATE SET n = event_stats.n + EXCLUDED.n",
        )
        .execute(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(folded.rows_affected())
    }
}
