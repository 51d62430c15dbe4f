use async_trait::async_trait;
use chrono::{DateTime, Utc};
use qr_event_domain::{Email, EventId, Role, UserId};
use qr_event_storage::{Member, MemberCursor, MemberRepo, RemoveMember, SetRole, StorageError};
use sqlx::postgres::PgRow;
use sqlx::{Postgres, Row, Transaction};

use crate::{db_error, PgStore};

const COLUMNS: &str =
    "m.user_id, u.email, u.name, m.role, (u.password_hash IS NULL) AS pending, m.added_at";

fn member_from_row(row: &PgRow) -> Result<Member, sqlx::Error> {
    let role: String = row.try_get("role")?;
    Ok(Member {
        user_id: UserId(row.try_get("user_id")?),
        email: Email::from_trusted(row.try_get("email")?),
        name: row.try_get("name")?,
        role: role
            .parse()
            .map_err(|_| sqlx::Error::Decode(format!("unknown role {role}").into()))?,
        pending: row.try_get("pending")?,
        added_at: row.try_get("added_at")?,
    })
}

/// Locks the event row so that membership changes of one event serialize;
/// returns the user's current role and the number of owners.
async fn lock_and_count(
    tx: &mut Transaction<'_, Postgres>,
    event: EventId,
    user: UserId,
) -> Result<Option<(Option<Role>, i64)>, StorageError> {
    let locked = sqlx::query("SELECT 1 FROM events WHERE id = $1 FOR UPDATE")
        .bind(event.0)
        .fetch_optional(&mut **tx)
        .await
        .map_err(db_error)?;
    if locked.is_none() {
        return Ok(None);
    }
    let row = sqlx::query(
        "SELECT (SELECT role FROM event_members WHERE event_id = $1 AND user_id = $2) AS role,
                (SELECT COUNT(*) FROM event_members WHERE event_id = $1 AND role = 'owner') AS owners",
    )
    .bind(event.0)
    .bind(user.0)
    .fetch_one(&mut **tx)
    .await
    .map_err(db_error)?;
    let role: Option<String> = row.try_get("role").map_err(db_error)?;
    let owners: i64 = row.try_get("owners").map_err(db_error)?;
    Ok(Some((role.and_then(|r| r.parse().ok()), owners)))
}

#[async_trait]
impl MemberRepo for PgStore {
    async fn list(
        &self,
        event: EventId,
        after: Option<MemberCursor>,
        limit: u32,
    ) -> Result<Vec<Member>, StorageError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM event_members m JOIN users u ON u.id = m.user_id
             WHERE m.event_id = $1 AND ($2::timestamptz IS NULL OR (m.added_at, m.user_id) > ($2, $3))
             ORDER BY m.added_at, m.user_id LIMIT $4"
        );
        let rows = sqlx::query(&sql)
            .bind(event.0)
            .bind(after.map(|c| c.added_at))
            .bind(after.map(|c| c.user_id.0))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        rows.iter()
            .map(member_from_row)
            .collect::<Result<_, _>>()
            .map_err(db_error)
    }

    async fn find(&self, event: EventId, user: UserId) -> Result<Option<Member>, StorageError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM event_members m JOIN users u ON u.id = m.user_id
             WHERE m.event_id = $1 AND m.user_id = $2"
        );
        let row = sqlx::query(&sql)
            .bind(event.0)
            .bind(user.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_error)?;
        row.as_ref()
            .map(member_from_row)
            .transpose()
            .map_err(db_error)
    }

    async fn set_role(
        &self,
        event: EventId,
        user: UserId,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<SetRole, StorageError> {
        let mut tx = self.pool.begin().await.map_err(db_error)?;
        let (previous, owners) = lock_and_count(&mut tx, event, user)
            .await?
            .ok_or(StorageError::NotFound)?;
        if previous == Some(Role::Owner) && role != Role::Owner && owners <= 1 {
            return Ok(SetRole::LastOwner);
        }
        sqlx::query(
            "INSERT INTO event_members (event_id, user_id, role, added_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (event_id, user_id) DO UPDATE SET role = EXCLUDED.role",
        )
        .bind(event.0)
        .bind(user.0)
        .bind(role.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
        Ok(SetRole::Done(previous))
    }

    async fn remove(&self, event: EventId, user: UserId) -> Result<RemoveMember, StorageError> {
        let mut tx = self.pool.begin().await.map_err(db_error)?;
        let Some((previous, owners)) = lock_and_count(&mut tx, event, user).await? else {
            return Ok(RemoveMember::NotMember);
        };
        let Some(previous) = previous else {
            return Ok(RemoveMember::NotMember);
        };
        if previous == Role::Owner && owners <= 1 {
            return Ok(RemoveMember::LastOwner);
        }
        sqlx::query("DELETE FROM event_members WHERE event_id = $1 AND user_id = $2")
            .bind(event.0)
            .bind(user.0)
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
        Ok(RemoveMember::Removed(previous))
    }
}
