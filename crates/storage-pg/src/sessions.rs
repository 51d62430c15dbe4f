use async_trait::async_trait;
use chrono::{DateTime, Utc};
use qr_event_domain::{SessionId, UserId};
use qr_event_storage::{NewSession, Rotation, SessionRepo, StorageError};
use sqlx::Row;
use uuid::Uuid;

use crate::{db_error, PgStore};

#[async_trait]
impl SessionRepo for PgStore {
    async fn create(&self, session: NewSession) -> Result<(), StorageError> {
        let mut tx = self.pool.begin().await.map_err(db_error)?;
        sqlx::query(
            "INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at)
             VALUES ($1, $2, $3, $3, $4)",
        )
        .bind(session.id.0)
        .bind(session.user_id.0)
        .bind(session.now)
        .bind(session.expires_at)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
        sqlx::query(
            "INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES ($1, $2, $3)",
        )
        .bind(&session.token_hash)
        .bind(session.id.0)
        .bind(session.now)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
        tx.commit().await.map_err(db_error)
    }

    async fn rotate(
        &self,
        old_hash: &[u8],
        new_hash: &[u8],
        now: DateTime<Utc>,
        idle_cutoff: DateTime<Utc>,
    ) -> Result<Rotation, StorageError> {
        let mut tx = self.pool.begin().await.map_err(db_error)?;
        // The conditional UPDATE is the single point of truth: of two
        // concurrent presentations, only one sees rotated_at IS NULL.
        let spent: Option<Uuid> = sqlx::query_scalar(
            "UPDATE refresh_tokens SET rotated_at = $2
             WHERE token_hash = $1 AND rotated_at IS NULL RETURNING session_id",
        )
        .bind(old_hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_error)?;

        let Some(session_id) = spent else {
            let reused = sqlx::query(
                "UPDATE sessions s SET revoked_at = COALESCE(s.revoked_at, $2),
                        revoked_reason = COALESCE(s.revoked_reason, 'refresh_token_reuse')
                 FROM refresh_tokens t
                 WHERE t.token_hash = $1 AND s.id = t.session_id
                 RETURNING s.id, s.user_id",
            )
            .bind(old_hash)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db_error)?;
            tx.commit().await.map_err(db_error)?;
            return match reused {
                Some(row) => Ok(Rotation::Reused {
                    session_id: SessionId(row.try_get("id").map_err(db_error)?),
                    user_id: UserId(row.try_get("user_id").map_err(db_error)?),
                }),
                None => Ok(Rotation::Invalid),
            };
        };

        let user: Option<Uuid> = sqlx::query_scalar(
            "UPDATE sessions SET last_used_at = $2
             WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2 AND last_used_at > $3
             RETURNING user_id",
        )
        .bind(session_id)
        .bind(now)
        .bind(idle_cutoff)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_error)?;
        let Some(user_id) = user else {
            tx.rollback().await.map_err(db_error)?;
            return Ok(Rotation::Invalid);
        };
        sqlx::query(
            "INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES ($1, $2, $3)",
        )
        .bind(new_hash)
        .bind(session_id)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
        Ok(Rotation::Rotated {
            session_id: SessionId(session_id),
            user_id: UserId(user_id),
        })
    }

    async fn active_user(
        &self,
        id: SessionId,
        now: DateTime<Utc>,
    ) -> Result<Option<UserId>, StorageError> {
        let user: Option<Uuid> = sqlx::query_scalar(
            "SELECT user_id FROM sessions WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2",
        )
        .bind(id.0)
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(user.map(UserId))
    }

    async fn revoke(
        &self,
        id: SessionId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StorageError> {
        let done = sqlx::query(
            "UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL",
        )
        .bind(id.0)
        .bind(now)
        .bind(reason)
        .execute(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(done.rows_affected() > 0)
    }

    async fn revoke_all(
        &self,
        user_id: UserId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<SessionId>, StorageError> {
        let ids: Vec<Uuid> = sqlx::query_scalar(
            "UPDATE sessions SET revoked_at = $2, revoked_reason = $3
             WHERE user_id = $1 AND revoked_at IS NULL RETURNING id",
        )
        .bind(user_id.0)
        .bind(now)
        .bind(reason)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(ids.into_iter().map(SessionId).collect())
    }
}
