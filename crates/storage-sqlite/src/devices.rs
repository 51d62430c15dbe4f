use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use qr_event_domain::{DeviceId, EventId, SessionId, UserId};
use qr_event_storage::{
    Device, DeviceCursor, DeviceRepo, DeviceReport, DeviceRotation, NewDevice, ScanMode,
    StorageError,
};
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::Row;

use crate::{db_error, from_micros, to_micros, SqliteStore};

const COLUMNS: &str = "id, event_id, name, gate, mode, created_by, created_at, expires_at, \
    enrol_expires_at, enrolled_at, session_id, revoked_at, last_seen_at, app_version, \
    pending_scans, scans_day, scans_count";

const DAY: &str = "%Y-%m-%d";

/// Adds `n` scans to the device's count for `day` (a new day starts again
/// from `n`) and, with `seen_at`, marks it seen then. Offline uploads count
/// on their own; a door scan counts inside its own transaction.
pub(crate) async fn count_device_scans(
    conn: impl sqlx::SqliteExecutor<'_>,
    device: uuid::Uuid,
    day: NaiveDate,
    n: u32,
    seen_at: Option<DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE door_devices
         SET scans_count = CASE WHEN scans_day = ?2 THEN scans_count + ?3 ELSE ?3 END,
             scans_day = ?2,
             last_seen_at = coalesce(?4, last_seen_at)
         WHERE id = ?1",
    )
    .bind(device)
    .bind(day.format(DAY).to_string())
    .bind(i64::from(n))
    .bind(seen_at.map(to_micros))
    .execute(conn)
    .await?;
    Ok(())
}

fn micros(row: &SqliteRow, column: &str) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    Ok(row.try_get::<Option<i64>, _>(column)?.map(from_micros))
}

fn device_from_row(row: &SqliteRow) -> Result<Device, sqlx::Error> {
    let mode: String = row.try_get("mode")?;
    let day: Option<String> = row.try_get("scans_day")?;
    Ok(Device {
        id: DeviceId(row.try_get("id")?),
        event_id: EventId(row.try_get("event_id")?),
        name: row.try_get("name")?,
        gate: row.try_get("gate")?,
        mode: ScanMode::parse(&mode)
            .ok_or_else(|| sqlx::Error::Decode(format!("unknown mode {mode}").into()))?,
        created_by: row
            .try_get::<Option<uuid::Uuid>, _>("created_by")?
            .map(UserId),
        created_at: from_micros(row.try_get("created_at")?),
        expires_at: from_micros(row.try_get("expires_at")?),
        enrol_expires_at: micros(row, "enrol_expires_at")?,
        enrolled_at: micros(row, "enrolled_at")?,
        session_id: row
            .try_get::<Option<uuid::Uuid>, _>("session_id")?
            .map(SessionId),
        revoked_at: micros(row, "revoked_at")?,
        last_seen_at: micros(row, "last_seen_at")?,
        app_version: row.try_get("app_version")?,
        pending_scans: row.try_get("pending_scans")?,
        scans_day: day.and_then(|d| NaiveDate::parse_from_str(&d, DAY).ok()),
        scans_count: row.try_get("scans_count")?,
    })
}

type Query<'q> = sqlx::query::Query<'q, sqlx::Sqlite, SqliteArguments<'q>>;

impl SqliteStore {
    async fn device_query(&self, query: Query<'_>) -> Result<Option<Device>, StorageError> {
        let row = query.fetch_optional(&self.pool).await.map_err(db_error)?;
        row.as_ref()
            .map(device_from_row)
            .transpose()
            .map_err(db_error)
    }
}

#[async_trait]
impl DeviceRepo for SqliteStore {
    async fn create(&self, d: NewDevice) -> Result<Device, StorageError> {
        let sql = format!(
            "INSERT INTO door_devices (id, event_id, name, gate, mode, created_by, created_at,
                expires_at, enrol_hash, enrol_expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING {COLUMNS}"
        );
        let query = sqlx::query(&sql)
            .bind(d.id.0)
            .bind(d.event_id.0)
            .bind(&d.name)
            .bind(&d.gate)
            .bind(d.mode.as_str())
            .bind(d.created_by.0)
            .bind(to_micros(d.created_at))
            .bind(to_micros(d.expires_at))
            .bind(&d.enrol_hash)
            .bind(to_micros(d.enrol_expires_at));
        self.device_query(query)
            .await?
            .ok_or(StorageError::NotFound)
    }

    async fn find(&self, event: EventId, id: DeviceId) -> Result<Option<Device>, StorageError> {
        let sql = format!("SELECT {COLUMNS} FROM door_devices WHERE event_id = ?1 AND id = ?2");
        self.device_query(sqlx::query(&sql).bind(event.0).bind(id.0))
            .await
    }

    async fn get(&self, id: DeviceId) -> Result<Option<Device>, StorageError> {
        let sql = format!("SELECT {COLUMNS} FROM door_devices WHERE id = ?1");
        self.device_query(sqlx::query(&sql).bind(id.0)).await
    }

    async fn list(
        &self,
        event: EventId,
        after: Option<DeviceCursor>,
        limit: u32,
    ) -> Result<Vec<Device>, StorageError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM door_devices
             WHERE event_id = ?1 AND (?2 IS NULL OR (created_at, id) > (?2, ?3))
             ORDER BY created_at, id LIMIT ?4"
        );
        let rows = sqlx::query(&sql)
            .bind(event.0)
            .bind(after.map(|c| to_micros(c.created_at)))
            .bind(after.map(|c| c.id.0))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        rows.iter()
            .map(device_from_row)
            .collect::<Result<_, _>>()
            .map_err(db_error)
    }

    async fn reissue(
        &self,
        event: EventId,
        id: DeviceId,
        enrol_hash: &[u8],
        enrol_expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Option<Device>, StorageError> {
        let sql = format!(
            "UPDATE door_devices SET enrol_hash = ?3, enrol_expires_at = ?4,
                session_id = NULL, refresh_hash = NULL, prev_refresh_hash = NULL
             WHERE event_id = ?1 AND id = ?2 AND revoked_at IS NULL AND expires_at > ?5
             RETURNING {COLUMNS}"
        );
        self.device_query(
            sqlx::query(&sql)
                .bind(event.0)
                .bind(id.0)
                .bind(enrol_hash)
                .bind(to_micros(enrol_expires_at))
                .bind(to_micros(now)),
        )
        .await
    }

    async fn enrol(
        &self,
        enrol_hash: &[u8],
        session: SessionId,
        refresh_hash: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Option<Device>, StorageError> {
        let sql = format!(
            "UPDATE door_devices SET enrol_hash = NULL, enrol_expires_at = NULL, enrolled_at = ?4,
                session_id = ?2, refresh_hash = ?3, prev_refresh_hash = NULL, last_seen_at = ?4
             WHERE enrol_hash = ?1 AND enrol_expires_at > ?4
               AND revoked_at IS NULL AND expires_at > ?4
             RETURNING {COLUMNS}"
        );
        self.device_query(
            sqlx::query(&sql)
                .bind(enrol_hash)
                .bind(session.0)
                .bind(refresh_hash)
                .bind(to_micros(now)),
        )
        .await
    }

    async fn rotate(
        &self,
        session: SessionId,
        presented_hash: &[u8],
        new_hash: &[u8],
        now: DateTime<Utc>,
    ) -> Result<DeviceRotation, StorageError> {
        // Same rule as PostgreSQL: the previous token still works while its
        // successor was never used.
        let mut tx = self.write_tx().await?;
        let sql = format!(
            "UPDATE door_devices
             SET prev_refresh_hash = CASE WHEN refresh_hash = ?2 THEN refresh_hash
                                          ELSE prev_refresh_hash END,
                 refresh_hash = ?3, last_seen_at = ?4
             WHERE session_id = ?1 AND (refresh_hash = ?2 OR prev_refresh_hash = ?2)
               AND revoked_at IS NULL AND expires_at > ?4
             RETURNING {COLUMNS}"
        );
        let rotated = sqlx::query(&sql)
            .bind(session.0)
            .bind(presented_hash)
            .bind(new_hash)
            .bind(to_micros(now))
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_error)?;
        let outcome = if let Some(row) = rotated {
            DeviceRotation::Rotated(device_from_row(&row).map_err(db_error)?)
        } else {
            let sql = format!("SELECT {COLUMNS} FROM door_devices WHERE session_id = ?1");
            let row = sqlx::query(&sql)
                .bind(session.0)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db_error)?;
            match row
                .as_ref()
                .map(device_from_row)
                .transpose()
                .map_err(db_error)?
            {
                None => DeviceRotation::Invalid,
                Some(d) if d.revoked_at.is_some() || d.expires_at <= now => {
                    DeviceRotation::Ended(d)
                }
                Some(d) => {
                    sqlx::query(
                        "UPDATE door_devices SET session_id = NULL, refresh_hash = NULL,
                            prev_refresh_hash = NULL WHERE session_id = ?1",
                    )
                    .bind(session.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_error)?;
                    DeviceRotation::Reused(d)
                }
            }
        };
        tx.commit().await.map_err(db_error)?;
        Ok(outcome)
    }

    async fn end_session(&self, session: SessionId) -> Result<bool, StorageError> {
        let done = sqlx::query(
            "UPDATE door_devices SET session_id = NULL, refresh_hash = NULL, prev_refresh_hash = NULL
             WHERE session_id = ?1",
        )
        .bind(session.0)
        .execute(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(done.rows_affected() > 0)
    }

    async fn revoke(
        &self,
        event: EventId,
        id: DeviceId,
        now: DateTime<Utc>,
    ) -> Result<Option<(Device, bool)>, StorageError> {
        let sql = format!(
            "UPDATE door_devices SET revoked_at = ?3, enrol_hash = NULL, enrol_expires_at = NULL,
                refresh_hash = NULL, prev_refresh_hash = NULL
             WHERE event_id = ?1 AND id = ?2 AND revoked_at IS NULL RETURNING {COLUMNS}"
        );
        if let Some(device) = self
            .device_query(
                sqlx::query(&sql)
                    .bind(event.0)
                    .bind(id.0)
                    .bind(to_micros(now)),
            )
            .await?
        {
            return Ok(Some((device, true)));
        }
        Ok(self.find(event, id).await?.map(|d| (d, false)))
    }

    async fn seen(
        &self,
        id: DeviceId,
        now: DateTime<Utc>,
        report: Option<DeviceReport>,
    ) -> Result<(), StorageError> {
        let reported = report.is_some();
        let report = report.unwrap_or_default();
        sqlx::query(
            "UPDATE door_devices SET last_seen_at = ?2,
                app_version = COALESCE(?3, app_version),
                pending_scans = COALESCE(?4, pending_scans)
             WHERE id = ?1 AND (?5 OR last_seen_at IS NULL OR last_seen_at < ?2 - 5000000)",
        )
        .bind(id.0)
        .bind(to_micros(now))
        .bind(report.app_version)
        .bind(report.pending_scans.map(i64::from))
        .bind(reported)
        .execute(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(())
    }

    async fn count_scans(&self, id: DeviceId, day: NaiveDate, n: u32) -> Result<(), StorageError> {
        count_device_scans(&self.pool, id.0, day, n, None)
            .await
            .map_err(db_error)
    }
}
