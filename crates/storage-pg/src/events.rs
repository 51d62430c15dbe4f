use async_trait::async_trait;
use chrono::{DateTime, Utc};
use qr_event_domain::{EventDetails, EventId, EventName, Locale, Role, Timezone, UserId};
use qr_event_storage::{
    like_pattern, Event, EventFlags, EventQuery, EventRepo, NewEvent, StorageError,
};
use sqlx::postgres::PgRow;
use sqlx::Row;

use crate::{db_error, PgStore};

const COLUMNS: &str = "e.id, e.name, e.starts_at, e.ends_at, e.venue, e.timezone, e.locale, e.archived, e.door_names, e.created_at, e.updated_at";

pub(crate) fn event_from_row(row: &PgRow) -> Result<Event, sqlx::Error> {
    let decode = |e: qr_event_domain::ValidationErrors| sqlx::Error::Decode(Box::new(e));
    let name: String = row.try_get("name")?;
    let timezone: String = row.try_get("timezone")?;
    let venue: String = row.try_get("venue")?;
    let locale: Option<String> = row.try_get("locale")?;
    let mut details = EventDetails::new(
        EventName::parse("name", &name).map_err(decode)?,
        row.try_get("starts_at")?,
        row.try_get("ends_at")?,
        &venue,
        Timezone::parse("timezone", &timezone).map_err(decode)?,
    )
    .map_err(decode)?;
    details.locale = locale.as_deref().and_then(Locale::from_tag);
    Ok(Event {
        id: EventId(row.try_get("id")?),
        details,
        archived: row.try_get("archived")?,
        door_names: row.try_get("door_names")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

fn with_role(row: &PgRow) -> Result<(Event, Role), sqlx::Error> {
    let role: String = row.try_get("role")?;
    let role = role
        .parse()
        .map_err(|_| sqlx::Error::Decode(format!("unknown role {role}").into()))?;
    Ok((event_from_row(row)?, role))
}

#[async_trait]
impl EventRepo for PgStore {
    async fn create(&self, event: NewEvent) -> Result<Event, StorageError> {
        let mut tx = self.pool.begin().await.map_err(db_error)?;
        let d = &event.details;
        let sql = format!(
            "INSERT INTO events AS e (id, name, starts_at, ends_at, venue, timezone, locale, archived, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $8, FALSE, $7, $7) RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(event.id.0)
            .bind(d.name.as_str())
            .bind(d.starts_at)
            .bind(d.ends_at)
            .bind(&d.venue)
            .bind(d.timezone.as_str())
            .bind(event.now)
            .bind(d.locale.map(Locale::as_str))
            .fetch_one(&mut *tx)
            .await
            .map_err(db_error)?;
        sqlx::query("INSERT INTO event_members (event_id, user_id, role, added_at) VALUES ($1, $2, 'owner', $3)")
            .bind(event.id.0)
            .bind(event.owner.0)
            .bind(event.now)
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
        let created = event_from_row(&row).map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
        Ok(created)
    }

    async fn find_for_member(
        &self,
        id: EventId,
        user: UserId,
    ) -> Result<Option<(Event, Role)>, StorageError> {
        let sql = format!(
            "SELECT {COLUMNS}, m.role FROM event_members m JOIN events e ON e.id = m.event_id
             WHERE m.event_id = $1 AND m.user_id = $2"
        );
        let row = sqlx::query(&sql)
            .bind(id.0)
            .bind(user.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_error)?;
        row.as_ref().map(with_role).transpose().map_err(db_error)
    }

    async fn find_by_id(&self, id: EventId) -> Result<Option<Event>, StorageError> {
        let sql = format!("SELECT {COLUMNS} FROM events e WHERE e.id = $1");
        let row = sqlx::query(&sql)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_error)?;
        row.as_ref()
            .map(event_from_row)
            .transpose()
            .map_err(db_error)
    }

    async fn list_for_member(
        &self,
        user: UserId,
        query: &EventQuery,
    ) -> Result<Vec<(Event, Role)>, StorageError> {
        let sql = format!(
            "SELECT {COLUMNS}, m.role FROM event_members m JOIN events e ON e.id = m.event_id
             WHERE m.user_id = $1
               AND ($2::text IS NULL OR e.name ILIKE $2 ESCAPE '\\' OR e.venue ILIKE $2 ESCAPE '\\')
               AND ($3 OR NOT e.archived)
               AND ($4::timestamptz IS NULL OR (e.starts_at, e.id) > ($4, $5))
             ORDER BY e.starts_at, e.id
             LIMIT $6"
        );
        let rows = sqlx::query(&sql)
            .bind(user.0)
            .bind(query.search.as_deref().map(like_pattern))
            .bind(query.include_archived)
            .bind(query.after.map(|c| c.starts_at))
            .bind(query.after.map(|c| c.id.0))
            .bind(i64::from(query.limit))
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        rows.iter()
            .map(with_role)
            .collect::<Result<_, _>>()
            .map_err(db_error)
    }

    async fn update(
        &self,
        id: EventId,
        details: &EventDetails,
        flags: EventFlags,
        now: DateTime<Utc>,
    ) -> Result<Event, StorageError> {
        let sql = format!(
            "UPDATE events AS e SET name = $2, starts_at = $3, ends_at = $4, venue = $5, timezone = $6,
                    archived = $7, door_names = $9, updated_at = $8, locale = $10
             WHERE e.id = $1 RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(id.0)
            .bind(details.name.as_str())
            .bind(details.starts_at)
            .bind(details.ends_at)
            .bind(&details.venue)
            .bind(details.timezone.as_str())
            .bind(flags.archived)
            .bind(now)
            .bind(flags.door_names)
            .bind(details.locale.map(Locale::as_str))
            .fetch_one(&self.pool)
            .await
            .map_err(db_error)?;
        event_from_row(&row).map_err(db_error)
    }

    async fn delete(&self, id: EventId) -> Result<bool, StorageError> {
        // The event's pack change positions go with it (migration 0012).
        let done = sqlx::query(
            "WITH sets AS (DELETE FROM ticket_change_sets WHERE event_id = $1)
             DELETE FROM events WHERE id = $1",
        )
        .bind(id.0)
        .execute(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(done.rows_affected() > 0)
    }
}
