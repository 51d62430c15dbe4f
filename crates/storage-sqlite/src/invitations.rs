use async_trait::async_trait;
use chrono::{DateTime, Utc};
use qr_event_domain::{Email, EventId, InvitationId, UserId};
use qr_event_storage::{Invitation, InvitationRepo, NewInvitation, StorageError};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use crate::{db_error, from_micros, to_micros, SqliteStore};

const COLUMNS: &str = "id, event_id, email, role, invited_by, created_at, expires_at, \
    accepted_at, accepted_by, revoked_at";

fn invitation_from_row(row: &SqliteRow) -> Result<Invitation, sqlx::Error> {
    let role: String = row.try_get("role")?;
    Ok(Invitation {
        id: InvitationId(row.try_get("id")?),
        event_id: EventId(row.try_get("event_id")?),
        email: Email::from_trusted(row.try_get("email")?),
        role: role
            .parse()
            .map_err(|_| sqlx::Error::Decode(format!("unknown role {role}").into()))?,
        invited_by: row
            .try_get::<Option<uuid::Uuid>, _>("invited_by")?
            .map(UserId),
        created_at: from_micros(row.try_get("created_at")?),
        expires_at: from_micros(row.try_get("expires_at")?),
        accepted_at: row
            .try_get::<Option<i64>, _>("accepted_at")?
            .map(from_micros),
        accepted_by: row
            .try_get::<Option<uuid::Uuid>, _>("accepted_by")?
            .map(UserId),
        revoked_at: row
            .try_get::<Option<i64>, _>("revoked_at")?
            .map(from_micros),
    })
}

fn one(row: Option<SqliteRow>) -> Result<Option<Invitation>, StorageError> {
    row.as_ref()
        .map(invitation_from_row)
        .transpose()
        .map_err(db_error)
}

#[async_trait]
impl InvitationRepo for SqliteStore {
    async fn create(&self, i: NewInvitation) -> Result<Invitation, StorageError> {
        let sql = format!(
            "INSERT INTO invitations (id, event_id, email, role, token_hash, invited_by,
                created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(i.id.0)
            .bind(i.event_id.0)
            .bind(i.email.as_str())
            .bind(i.role.as_str())
            .bind(&i.token_hash)
            .bind(i.invited_by.0)
            .bind(to_micros(i.created_at))
            .bind(to_micros(i.expires_at))
            .fetch_one(&self.pool)
            .await
            .map_err(db_error)?;
        invitation_from_row(&row).map_err(db_error)
    }

    async fn list(&self, event: EventId, limit: u32) -> Result<Vec<Invitation>, StorageError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM invitations WHERE event_id = ?1
             ORDER BY created_at DESC, id DESC LIMIT ?2"
        );
        let rows = sqlx::query(&sql)
            .bind(event.0)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        rows.iter()
            .map(invitation_from_row)
            .collect::<Result<_, _>>()
            .map_err(db_error)
    }

    async fn revoke(
        &self,
        event: EventId,
        id: InvitationId,
        now: DateTime<Utc>,
    ) -> Result<Option<Invitation>, StorageError> {
        let sql = format!(
            "UPDATE invitations SET revoked_at = COALESCE(revoked_at, ?3)
             WHERE event_id = ?1 AND id = ?2 AND accepted_at IS NULL RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(event.0)
            .bind(id.0)
            .bind(to_micros(now))
            .fetch_optional(&self.pool)
            .await
            .map_err(db_error)?;
        one(row)
    }

    async fn accept(
        &self,
        token_hash: &[u8],
        user: UserId,
        now: DateTime<Utc>,
    ) -> Result<Option<Invitation>, StorageError> {
        let sql = format!(
            "UPDATE invitations SET accepted_at = ?3, accepted_by = ?2
             WHERE token_hash = ?1 AND accepted_at IS NULL AND revoked_at IS NULL
               AND expires_at > ?3
             RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(token_hash)
            .bind(user.0)
            .bind(to_micros(now))
            .fetch_optional(&self.pool)
            .await
            .map_err(db_error)?;
        one(row)
    }

    async fn is_invited(&self, email: &Email, now: DateTime<Utc>) -> Result<bool, StorageError> {
        let invited: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM invitations WHERE email = ?1 AND accepted_at IS NULL
                AND revoked_at IS NULL AND expires_at > ?2)",
        )
        .bind(email.as_str())
        .bind(to_micros(now))
        .fetch_one(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(invited)
    }

    async fn create_verification(
        &self,
        user: UserId,
        email: &Email,
        token_hash: &[u8],
        expires_at: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO email_verifications (token_hash, user_id, email, expires_at)
             VALUES (?1, ?2, ?3, ?4)",
        )
        .bind(token_hash)
        .bind(user.0)
        .bind(email.as_str())
        .bind(to_micros(expires_at))
        .execute(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(())
    }

    async fn verify_email(
        &self,
        token_hash: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Option<UserId>, StorageError> {
        let mut tx = self.write_tx().await?;
        let spent: Option<(uuid::Uuid, String)> = sqlx::query_as(
            "UPDATE email_verifications SET used_at = ?2
             WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2
             RETURNING user_id, email",
        )
        .bind(token_hash)
        .bind(to_micros(now))
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_error)?;
        let user: Option<uuid::Uuid> = match spent {
            None => None,
            Some((user, email)) => sqlx::query_scalar(
                "UPDATE users SET email_verified_at = COALESCE(email_verified_at, ?3)
                 WHERE id = ?1 AND email = ?2 RETURNING id",
            )
            .bind(user)
            .bind(email)
            .bind(to_micros(now))
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_error)?,
        };
        tx.commit().await.map_err(db_error)?;
        Ok(user.map(UserId))
    }
}
