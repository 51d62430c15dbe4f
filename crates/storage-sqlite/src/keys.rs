use async_trait::async_trait;
use qr_event_storage::{KeyRepo, StorageError, StoredKey};
use sqlx::Row;

use crate::{db_error, from_micros, to_micros, SqliteStore};

#[async_trait]
impl KeyRepo for SqliteStore {
    async fn insert_if_absent(&self, key: &StoredKey) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO signing_keys (kid, purpose, algorithm, public_key, sealed_secret, status, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (kid) DO NOTHING",
        )
        .bind(&key.kid)
        .bind(&key.purpose)
        .bind(&key.algorithm)
        .bind(&key.public_key)
        .bind(&key.sealed_secret)
        .bind(&key.status)
        .bind(to_micros(key.created_at))
        .execute(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(())
    }

    async fn insert_first_active(&self, key: &StoredKey) -> Result<bool, StorageError> {
        // One statement: SQLite runs writes one at a time.
        let inserted = sqlx::query(
            "INSERT INTO signing_keys (kid, purpose, algorithm, public_key, sealed_secret, status, created_at)
             SELECT ?1, ?2, ?3, ?4, ?5, 'active', ?6
             WHERE NOT EXISTS (SELECT 1 FROM signing_keys WHERE purpose = ?2 AND status = 'active')
             ON CONFLICT (kid) DO NOTHING",
        )
        .bind(&key.kid)
        .bind(&key.purpose)
        .bind(&key.algorithm)
        .bind(&key.public_key)
        .bind(&key.sealed_secret)
        .bind(to_micros(key.created_at))
        .execute(&self.pool)
        .await
        .map_err(db_error)?
        .rows_affected();
        Ok(inserted == 1)
    }

    async fn list(&self, purpose: &str) -> Result<Vec<StoredKey>, StorageError> {
        let rows = sqlx::query(
            "SELECT kid, purpose, algorithm, public_key, sealed_secret, status, created_at
             FROM signing_keys WHERE purpose = ?1 ORDER BY created_at, kid",
        )
        .bind(purpose)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.iter()
            .map(|row| {
                Ok(StoredKey {
                    kid: row.try_get("kid")?,
                    purpose: row.try_get("purpose")?,
                    algorithm: row.try_get("algorithm")?,
                    public_key: row.try_get("public_key")?,
                    sealed_secret: row.try_get("sealed_secret")?,
                    status: row.try_get("status")?,
                    created_at: from_micros(row.try_get("created_at")?),
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(db_error)
    }

    async fn rotate(&self, key: &StoredKey) -> Result<(), StorageError> {
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "UPDATE signing_keys SET status = 'verify' WHERE purpose = ?1 AND status = 'active'",
        )
        .bind(&key.purpose)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
        sqlx::query(
            "INSERT INTO signing_keys (kid, purpose, algorithm, public_key, sealed_secret, status, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'active', ?6)",
        )
        .bind(&key.kid)
        .bind(&key.purpose)
        .bind(&key.algorithm)
        .bind(&key.public_key)
        .bind(&key.sealed_secret)
        .bind(crate::to_micros(key.created_at))
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
        tx.commit().await.map_err(db_error)
    }

    async fn retire(&self, purpose: &str, kid: &str) -> Result<bool, StorageError> {
        let done = sqlx::query(
            "UPDATE signing_keys SET status = 'retired' WHERE purpose = ?1 AND kid = ?2 AND status = 'verify'",
        )
        .bind(purpose)
        .bind(kid)
        .execute(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(done.rows_affected() == 1)
    }
}
