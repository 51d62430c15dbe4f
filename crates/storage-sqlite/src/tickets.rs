//! Tickets on SQLite; scans are decided in `scans.rs`.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use qr_event_domain::{Email, EventId, Locale, TicketDetails, TicketId, TicketStatus};
use qr_event_storage::{
    like_pattern, AuditRecord, NewTicket, ScanAttempt, ScanDecision, ScanResults, StorageError,
    Ticket, TicketQuery, TicketRepo, TicketStats,
};
use sqlx::sqlite::SqliteRow;
use sqlx::{Executor, QueryBuilder, Row, Sqlite};
use uuid::Uuid;

use crate::audit::insert_audit;
use crate::{db_error, decode_error, from_micros, to_micros, SqliteStore};

pub(crate) const COLUMNS: &str = "id, event_id, holder_name, holder_email, category, note, locale, valid_from, valid_until, max_uses, \
uses, status, revoked_at, replaced_by, access_version, first_used_at, first_gate, last_used_at, created_at";

/// Rows per multi-row INSERT (12 parameters each, under SQLite's 32,766 limit).
const CHUNK: usize = 2_000;

pub(crate) fn ticket_from_row(row: &SqliteRow) -> Result<Ticket, sqlx::Error> {
    let status: String = row.try_get("status")?;
    let email: Option<String> = row.try_get("holder_email")?;
    let locale: Option<String> = row.try_get("locale")?;
    let micros = |name: &str| row.try_get::<i64, _>(name).map(from_micros);
    let opt_micros = |name: &str| {
        row.try_get::<Option<i64>, _>(name)
            .map(|v| v.map(from_micros))
    };
    Ok(Ticket {
        id: TicketId(row.try_get("id")?),
        event_id: EventId(row.try_get("event_id")?),
        details: TicketDetails {
            holder_name: row.try_get("holder_name")?,
            holder_email: email.map(Email::from_trusted),
            category: row.try_get("category")?,
            valid_from: micros("valid_from")?,
            valid_until: micros("valid_until")?,
            max_uses: row.try_get("max_uses")?,
            note: row.try_get("note")?,
            locale: locale.as_deref().and_then(Locale::from_tag),
        },
        uses: row.try_get("uses")?,
        status: TicketStatus::parse(&status)
            .ok_or_else(|| decode_error(format!("status {status}")))?,
        revoked_at: opt_micros("revoked_at")?,
        replaced_by: row.try_get::<Option<Uuid>, _>("replaced_by")?.map(TicketId),
        access_version: row.try_get("access_version")?,
        first_used_at: opt_micros("first_used_at")?,
        first_gate: row.try_get("first_gate")?,
        last_used_at: opt_micros("last_used_at")?,
        created_at: micros("created_at")?,
    })
}

async fn insert_tickets<'c, E>(executor: E, tickets: &[NewTicket]) -> Result<(), sqlx::Error>
where
    E: Executor<'c, Database = Sqlite>,
{
    let mut sql: QueryBuilder<Sqlite> = QueryBuilder::new(
        "INSERT INTO tickets (id, event_id, holder_name, holder_email, category, note, valid_from, valid_until, \
         max_uses, uses, created_at, locale) ",
    );
    sql.push_values(tickets, |mut row, t| {
        row.push_bind(t.id.0)
            .push_bind(t.event_id.0)
            .push_bind(t.details.holder_name.clone())
            .push_bind(
                t.details
                    .holder_email
                    .as_ref()
                    .map(|e| e.as_str().to_owned()),
            )
            .push_bind(t.details.category.clone())
            .push_bind(t.details.note.clone())
            .push_bind(to_micros(t.details.valid_from))
            .push_bind(to_micros(t.details.valid_until))
            .push_bind(t.details.max_uses)
            .push_bind(t.uses)
            .push_bind(to_micros(t.created_at))
            .push_bind(t.details.locale.map(Locale::as_str));
    });
    sql.build().execute(executor).await?;
    Ok(())
}

pub(crate) async fn fetch_ticket<'c, E>(
    executor: E,
    event: EventId,
    id: TicketId,
) -> Result<Option<Ticket>, sqlx::Error>
where
    E: Executor<'c, Database = Sqlite>,
{
    let sql = format!("SELECT {COLUMNS} FROM tickets WHERE id = ?1 AND event_id = ?2");
    let row = sqlx::query(&sql)
        .bind(id.0)
        .bind(event.0)
        .fetch_optional(executor)
        .await?;
    row.as_ref().map(ticket_from_row).transpose()
}

#[async_trait]
impl TicketRepo for SqliteStore {
    async fn insert_many(
        &self,
        tickets: &[NewTicket],
        audit: &[AuditRecord],
    ) -> Result<(), StorageError> {
        let mut tx = self.write_tx().await?;
        for chunk in tickets.chunks(CHUNK) {
            insert_tickets(&mut *tx, chunk).await.map_err(db_error)?;
        }
        for record in audit {
            insert_audit(&mut *tx, record).await.map_err(db_error)?;
        }
        tx.commit().await.map_err(db_error)
    }

    async fn find(&self, event: EventId, id: TicketId) -> Result<Option<Ticket>, StorageError> {
        fetch_ticket(&self.pool, event, id).await.map_err(db_error)
    }

    async fn find_any(&self, id: TicketId) -> Result<Option<Ticket>, StorageError> {
        let sql = format!("SELECT {COLUMNS} FROM tickets WHERE id = ?1");
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
        let term = q.search.as_deref().filter(|s| s.chars().count() >= 3);
        let search = match term {
            None => Search::Like,
            // A rare term (most searches: a person's name) is answered from
            // the trigram index, which also folds the case of letters beyond
            // ASCII. A common ASCII term fills a page from the newest tickets
            // at once, where the index would list half the event.
            Some(t) => {
                if t.is_ascii() && !self.few_matches(q, t).await? {
                    let rows = self.list_with(event, q, Search::RecentLike).await?;
                    if rows.len() == q.limit as usize {
                        return Ok(rows);
                    }
                }
                Search::Trigrams
            }
        };
        self.list_with(event, q, search).await
    }

    async fn count(&self, event: EventId) -> Result<u64, StorageError> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM tickets WHERE event_id = ?1")
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
        let mut tx = self.write_tx().await?;
        let sql = format!(
            "UPDATE tickets SET status = 'revoked', revoked_at = ?3, replaced_by = ?4
             WHERE id = ?1 AND event_id = ?2 AND status = 'active' RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(id.0)
            .bind(event.0)
            .bind(to_micros(now))
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
        let mut tx = self.write_tx().await?;
        let revoked = sqlx::query(
            "UPDATE tickets SET status = 'revoked', revoked_at = ?3, replaced_by = ?4
             WHERE id = ?1 AND event_id = ?2 AND status = 'active'",
        )
        .bind(old.0)
        .bind(new.event_id.0)
        .bind(to_micros(new.created_at))
        .bind(new.id.0)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
        if revoked.rows_affected() == 0 {
            return Ok(None);
        }
        insert_tickets(&mut *tx, std::slice::from_ref(new))
            .await
            .map_err(db_error)?;
        insert_audit(&mut *tx, audit).await.map_err(db_error)?;
        let ticket = fetch_ticket(&mut *tx, new.event_id, new.id)
            .await
            .map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
        Ok(ticket)
    }

    async fn rotate_access(
        &self,
        event: EventId,
        id: TicketId,
        audit: &AuditRecord,
    ) -> Result<Option<Ticket>, StorageError> {
        let mut tx = self.write_tx().await?;
        let sql = format!(
            "UPDATE tickets SET access_version = access_version + 1 WHERE id = ?1 AND event_id = ?2 RETURNING {COLUMNS}"
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
        self.scan_one(a).await
    }

    async fn scan_many(&self, attempts: &[ScanAttempt]) -> Result<ScanResults, StorageError> {
        self.scan_group(attempts).await
    }

    async fn stats(
        &self,
        event: EventId,
        since: DateTime<Utc>,
    ) -> Result<TicketStats, StorageError> {
        let rows: Vec<(String, i64)> =
            sqlx::query_as("SELECT key, n FROM event_stats WHERE event_id = ?1")
                .bind(event.0)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
        Ok(TicketStats::from_counters(rows, since))
    }
}

/// How a ticket list searches.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Search {
    /// `LIKE` over the event's tickets (ASCII case folding).
    Like,
    /// `LIKE` over the event's newest tickets only (those after the
    /// cursor): exact when it fills the page.
    RecentLike,
    /// The FTS5 trigram index (Unicode case folding).
    Trigrams,
}

/// Tickets a `RecentLike` search reads at most.
const RECENT_WINDOW: i64 = 20_000;
/// A term the trigram index finds at most this many times (all events
/// together) is answered from the index alone.
const FEW_MATCHES: i64 = 2_000;

/// The FTS5 query for `term` in the columns the caller may search.
fn trigram_phrase(q: &TicketQuery, term: &str) -> String {
    let columns = if q.names_only {
        "holder_name"
    } else {
        "{holder_name holder_email}"
    };
    format!("{columns} : \"{}\"", term.replace('"', "\"\""))
}

impl SqliteStore {
    /// Whether the trigram index finds `term` few times: counting stops
    /// after `FEW_MATCHES`, so this costs well under a millisecond even for
    /// a term every ticket has.
    async fn few_matches(&self, q: &TicketQuery, term: &str) -> Result<bool, StorageError> {
        let found: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM (SELECT rowid FROM ticket_search WHERE ticket_search MATCH ?1 LIMIT ?2)",
        )
        .bind(trigram_phrase(q, term))
        .bind(FEW_MATCHES + 1)
        .fetch_one(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(found <= FEW_MATCHES)
    }

    async fn list_with(
        &self,
        event: EventId,
        q: &TicketQuery,
        search: Search,
    ) -> Result<Vec<Ticket>, StorageError> {
        let (past, order) = if q.newest_first {
            ("<", "DESC")
        } else {
            (">", "ASC")
        };
        let after = |sql: &mut QueryBuilder<Sqlite>| {
            if let Some(after) = q.after {
                sql.push(format!(" AND (created_at, id) {past} ("))
                    .push_bind(to_micros(after.created_at))
                    .push(", ")
                    .push_bind(after.id.0)
                    .push(")");
            }
        };
        // Driven by the trigram index, the event and the order must not
        // tempt the planner into walking the event's tickets in order and
        // testing each against the matches (`+` keeps their index out).
        let by_index = search == Search::Trigrams && q.search.is_some();
        let plain = if by_index { "+" } else { "" };
        let mut sql: QueryBuilder<Sqlite> = QueryBuilder::new(format!(
            "SELECT {COLUMNS} FROM tickets WHERE {plain}event_id = "
        ));
        sql.push_bind(event.0);
        match (&q.search, search) {
            (Some(term), Search::Trigrams) => {
                // The trigram index finds the substring (a phrase of its
                // trigrams), with Unicode case folding, which SQLite's LIKE
                // and lower() lack beyond ASCII; its rowids are the tickets'.
                sql.push(
                    " AND rowid IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH ",
                )
                .push_bind(trigram_phrase(q, term))
                .push(")");
            }
            (Some(term), _) => {
                let pattern = like_pattern(&term.to_lowercase());
                sql.push(" AND (lower(holder_name) LIKE ")
                    .push_bind(pattern.clone())
                    .push(" ESCAPE '\\'");
                if !q.names_only {
                    sql.push(" OR lower(coalesce(holder_email, '')) LIKE ")
                        .push_bind(pattern)
                        .push(" ESCAPE '\\'");
                }
                sql.push(")");
                if search == Search::RecentLike {
                    sql.push(" AND rowid IN (SELECT rowid FROM tickets WHERE event_id = ")
                        .push_bind(event.0);
                    after(&mut sql);
                    sql.push(format!(" ORDER BY created_at {order}, id {order} LIMIT "))
                        .push_bind(RECENT_WINDOW)
                        .push(")");
                }
            }
            (None, _) => {}
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
        after(&mut sql);
        sql.push(format!(
            " ORDER BY {plain}created_at {order}, id {order} LIMIT "
        ))
        .push_bind(i64::from(q.limit));
        let rows = sql.build().fetch_all(&self.pool).await.map_err(db_error)?;
        rows.iter()
            .map(ticket_from_row)
            .collect::<Result<_, _>>()
            .map_err(db_error)
    }
}
