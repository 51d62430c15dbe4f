use async_trait::async_trait;
use chrono::{DateTime, Utc};
use qr_event_domain::{Email, EventId, Role, UserId};
use qr_event_storage::{Member, MemberCursor, MemberRepo, RemoveMember, SetRole, StorageError};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use crate::events::role_from_str;
use crate::{db_error, from_micros, to_micros, SqliteStore};

const COLUMNS: &str =
    "m.user_id, u.email, u.name, m.role, (u.password_hash IS NULL) AS pending, m.added_at";

/// True when event `?1` has more than one owner, counted before the statement
/// changes anything: if the row being changed is an owner, another remains.
const OTHER_OWNER_REMAINS: &str =
    "(SELECT COUNT(*) FROM event_members WHERE event_id = ?1 AND role = 'owner') > 1";

fn member_from_row(row: &SqliteRow) -> Result<Member, sqlx::Error> {
    let role: String = row.try_get("role")?;
    Ok(Member {
        user_id: UserId(row.try_get("user_id")?),
        email: Email::from_trusted(row.try_get("email")?),
        name: row.try_get("name")?,
        role: role_from_str(&role)?,
        pending: row.try_get("pending")?,
        added_at: from_micros(row.try_get("added_at")?),
    })
}

#[async_trait]
impl MemberRepo for SqliteStore {
    async fn list(
        &self,
        event: EventId,
        after: Option<MemberCursor>,
        limit: u32,
    ) -> Result<Vec<Member>, StorageError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM event_members m JOIN users u ON u.id = m.user_id
             WHERE m.event_id = ?1 AND (?2 IS NULL OR (m.added_at, m.user_id) > (?2, ?3))
             ORDER BY m.added_at, m.user_id LIMIT ?4"
        );
        let rows = sqlx::query(&sql)
            .bind(event.0)
            .bind(after.map(|c| to_micros(c.added_at)))
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
             WHERE m.event_id = ?1 AND m.user_id = ?2"
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
        let mut tx = self.write_tx().await?;
        // A no-op write returning the current role: it reads the previous role
        // while holding the write lock, so nothing can change it before the
        // guarded statement below.
        let previous: Option<String> = sqlx::query_scalar(
            "UPDATE event_members SET role = role WHERE event_id = ?1 AND user_id = ?2 RETURNING role",
        )
        .bind(event.0)
        .bind(user.0)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_error)?;
        let previous = previous
            .as_deref()
            .map(role_from_str)
            .transpose()
            .map_err(db_error)?;

        if previous.is_some() {
            // The guard is part of the statement, so the owner count it checks
            // is the one the change applies to.
            let sql = format!(
                "UPDATE event_members SET role = ?3
                 WHERE event_id = ?1 AND user_id = ?2
                   AND (?3 = 'owner' OR role <> 'owner' OR {OTHER_OWNER_REMAINS})"
            );
            let done = sqlx::query(&sql)
                .bind(event.0)
                .bind(user.0)
                .bind(role.as_str())
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
            if done.rows_affected() == 0 {
                tx.rollback().await.map_err(db_error)?;
                return Ok(SetRole::LastOwner);
            }
        } else {
            // A missing event (or user) fails the foreign key: NotFound, as on PostgreSQL.
            sqlx::query("INSERT INTO event_members (event_id, user_id, role, added_at) VALUES (?1, ?2, ?3, ?4)")
                .bind(event.0)
                .bind(user.0)
                .bind(role.as_str())
                .bind(to_micros(now))
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
        }
        tx.commit().await.map_err(db_error)?;
        Ok(SetRole::Done(previous))
    }

    async fn remove(&self, event: EventId, user: UserId) -> Result<RemoveMember, StorageError> {
        let mut tx = self.write_tx().await?;
        let sql = format!(
            "DELETE FROM event_members
             WHERE event_id = ?1 AND user_id = ?2 AND (role <> 'owner' OR {OTHER_OWNER_REMAINS})
             RETURNING role"
        );
        let removed: Option<String> = sqlx::query_scalar(&sql)
            .bind(event.0)
            .bind(user.0)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_error)?;
        if let Some(role) = removed {
            let role = role_from_str(&role).map_err(db_error)?;
            tx.commit().await.map_err(db_error)?;
            return Ok(RemoveMember::Removed(role));
        }
        // Nothing deleted: either not a member (or no such event), or the
        // guard refused. Still under the write lock, so the answer is exact.
        let still: Option<String> = sqlx::query_scalar(
            "SELECT role FROM event_members WHERE event_id = ?1 AND user_id = ?2",
        )
        .bind(event.0)
        .bind(user.0)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_error)?;
        tx.rollback().await.map_err(db_error)?;
        Ok(match still {
            Some(_) => RemoveMember::LastOwner,
            None => RemoveMember::NotMember,
        })
    }
}
