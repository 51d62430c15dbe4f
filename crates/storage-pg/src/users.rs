use async_trait::async_trait;
use qr_event_domain::{Email, UserId};
use qr_event_storage::{NewUser, StorageError, User, UserRepo};
use sqlx::postgres::PgRow;
use sqlx::Row;

use crate::{db_error, PgStore};

const COLUMNS: &str = "id, email, name, password_hash, is_admin, created_at, \
    (email_verified_at IS NOT NULL) AS email_verified";

/// Advisory lock key ("qre_fusr") serializing creations that may make the
/// first user an administrator.
const FIRST_USER_LOCK: i64 = 0x7172_655f_6675_7372;

fn user_from_row(row: &PgRow) -> Result<User, sqlx::Error> {
    Ok(User {
        id: UserId(row.try_get("id")?),
        email: Email::from_trusted(row.try_get("email")?),
        name: row.try_get("name")?,
        password_hash: row.try_get("password_hash")?,
        is_admin: row.try_get("is_admin")?,
        email_verified: row.try_get("email_verified")?,
        created_at: row.try_get("created_at")?,
    })
}

#[async_trait]
impl UserRepo for PgStore {
    async fn create(&self, user: NewUser) -> Result<User, StorageError> {
        let mut tx = self.pool.begin().await.map_err(db_error)?;
        if user.admin_if_first {
            // Under READ COMMITTED each concurrent INSERT sees the table empty
            // in its own snapshot, so without this lock several "first" users
            // would all become administrators. The lock is held until commit
            // and the INSERT takes its snapshot after acquiring it, so it sees
            // the row of the previous holder.
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(FIRST_USER_LOCK)
                .execute(&mut *tx)
                .await
                .map_err(db_error)?;
        }
        let sql = format!(
            "INSERT INTO users (id, email, name, password_hash, is_admin, created_at)
             VALUES ($1, $2, $3, $4, $5 OR ($6 AND NOT EXISTS (SELECT 1 FROM users)), $7)
             RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(user.id.0)
            .bind(user.email.as_str())
            .bind(&user.name)
            .bind(&user.password_hash)
            .bind(user.is_admin)
            .bind(user.admin_if_first)
            .bind(user.created_at)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_error)?;
        let created = user_from_row(&row).map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
        Ok(created)
    }

    async fn claim(
        &self,
        email: &Email,
        name: &str,
        password_hash: &str,
    ) -> Result<Option<User>, StorageError> {
        let sql = format!(
            "UPDATE users SET name = $2, password_hash = $3
             WHERE email = $1 AND password_hash IS NULL RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(email.as_str())
            .bind(name)
            .bind(password_hash)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_error)?;
        row.as_ref()
            .map(user_from_row)
            .transpose()
            .map_err(db_error)
    }

    async fn find_by_email(&self, email: &Email) -> Result<Option<User>, StorageError> {
        let sql = format!("SELECT {COLUMNS} FROM users WHERE email = $1");
        let row = sqlx::query(&sql)
            .bind(email.as_str())
            .fetch_optional(&self.pool)
            .await
            .map_err(db_error)?;
        row.as_ref()
            .map(user_from_row)
            .transpose()
            .map_err(db_error)
    }

    async fn find_by_id(&self, id: UserId) -> Result<Option<User>, StorageError> {
        let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_error)?;
        row.as_ref()
            .map(user_from_row)
            .transpose()
            .map_err(db_error)
    }

    async fn set_password(&self, id: UserId, password_hash: &str) -> Result<(), StorageError> {
        let done = sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
            .bind(id.0)
            .bind(password_hash)
            .execute(&self.pool)
            .await
            .map_err(db_error)?;
        if done.rows_affected() == 0 {
            return Err(StorageError::NotFound);
        }
        Ok(())
    }

    async fn set_admin(&self, email: &Email) -> Result<bool, StorageError> {
        let done =
            sqlx::query("UPDATE users SET is_admin = TRUE WHERE email = $1 AND NOT is_admin AND email_verified_at IS NOT NULL")
                .bind(email.as_str())
                .execute(&self.pool)
                .await
                .map_err(db_error)?;
        Ok(done.rows_affected() > 0)
    }
}
