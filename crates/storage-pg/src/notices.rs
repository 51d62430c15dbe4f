//! Notices between instances over PostgreSQL `LISTEN`/`NOTIFY`: delivered to
//! every listening session when the notifying statement commits, typically
//! within milliseconds. The listener starts with the first subscriber and
//! reconnects by itself; after a reconnection it hands out
//! [`Notice::Resync`], since notices sent meanwhile were lost.

use std::sync::OnceLock;
use std::time::Duration;

use qr_event_storage::{LocalNotifier, Notice, Notifier, StorageError, NOTICE_CHANNEL};
use sqlx::postgres::PgListener;
use sqlx::PgPool;
use tokio::sync::broadcast;

use crate::db_error;

/// Notices through the database every instance shares.
pub struct PgNotifier {
    pool: PgPool,
    local: LocalNotifier,
    listening: OnceLock<()>,
}

impl PgNotifier {
    /// A notifier on `pool`'s database.
    pub fn new(pool: PgPool) -> Self {
        Self {
            pool,
            local: LocalNotifier::default(),
            listening: OnceLock::new(),
        }
    }

    fn listen(&self) {
        self.listening.get_or_init(|| {
            let pool = self.pool.clone();
            let sender = self.local.sender().clone();
            tokio::spawn(listen(pool, sender));
        });
    }
}

async fn listen(pool: PgPool, sender: broadcast::Sender<Notice>) {
    let mut first = true;
    loop {
        let mut listener = match PgListener::connect_with(&pool).await {
            Ok(listener) => listener,
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for notices from other instances; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        if let Err(err) = listener.listen(NOTICE_CHANNEL).await {
            tracing::warn!(error = %err, "cannot listen for notices from other instances; retrying");
            tokio::time::sleep(Duration::from_secs(1)).await;
            continue;
        }
        if !first {
            let _ = sender.send(Notice::Resync);
        }
        first = false;
        loop {
            match listener.try_recv().await {
                Ok(Some(message)) => {
                    if let Some(notice) = Notice::decode(message.payload()) {
                        let _ = sender.send(notice);
                    }
                }
                // The connection dropped; the next call reconnects and
                // listens again, and notices sent meanwhile are lost.
                Ok(None) => {
                    tracing::warn!("lost the notice connection; reconnecting");
                    let _ = sender.send(Notice::Resync);
                }
                Err(err) => {
                    tracing::warn!(error = %err, "notice listener failed; reconnecting");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    break;
                }
            }
        }
    }
}

#[async_trait::async_trait]
impl Notifier for PgNotifier {
    async fn publish(&self, notice: Notice) -> Result<(), StorageError> {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(NOTICE_CHANNEL)
            .bind(notice.encode())
            .execute(&self.pool)
            .await
            .map_err(db_error)?;
        Ok(())
    }

    fn subscribe(&self) -> broadcast::Receiver<Notice> {
        self.listen();
        self.local.subscribe()
    }
}
