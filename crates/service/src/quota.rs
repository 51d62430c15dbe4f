//! Quotas on heavy work, per account (or per client address for what needs
//! no account), kept in the shared cache so every instance counts together.

use std::sync::Arc;
use std::time::Duration;

use qr_event_cache::Cache;

use crate::{ServiceError, ServiceResult};

const MINUTE: Duration = Duration::from_secs(60);
const HOUR: Duration = Duration::from_secs(3600);
const DAY: Duration = Duration::from_secs(24 * 3600);

/// Limits on heavy work, from configuration.
#[derive(Debug, Clone)]
pub struct Quotas {
    /// New events per account per day.
    pub events_per_day: u64,
    /// Tickets issued (one by one, in batches or by import) per account per day.
    pub tickets_per_day: u64,
    /// Invitations sent per account per hour.
    pub invitations_per_hour: u64,
    /// Door devices created or given a new link per account per hour.
    pub devices_per_hour: u64,
    /// CSV imports, dry runs included, per account per hour.
    pub imports_per_hour: u64,
    /// QR images and PDFs rendered for staff per account per minute.
    pub renders_per_minute: u64,
    /// Attendee page requests (page, images, PDF, calendar) per client address per minute.
    pub public_per_minute: u64,
}

impl Default for Quotas {
    fn default() -> Self {
        Self {
            events_per_day: 50,
            tickets_per_day: 1_000_000,
            invitations_per_hour: 200,
            devices_per_hour: 200,
            imports_per_hour: 120,
            renders_per_minute: 300,
            public_per_minute: 600,
        }
    }
}

/// One kind of heavy work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quota {
    /// Creating events.
    Events,
    /// Issuing tickets.
    Tickets,
    /// Inviting staff.
    Invitations,
    /// Creating door devices and enrolment links.
    Devices,
    /// Reading CSV imports (dry runs included).
    Imports,
    /// Rendering QR images and PDFs for staff.
    Renders,
    /// Attendee pages, by client address.
    Public,
}

impl Quota {
    fn key(self) -> &'static str {
        match self {
            Self::Events => "events",
            Self::Tickets => "tickets",
            Self::Invitations => "invitations",
            Self::Devices => "devices",
            Self::Imports => "imports",
            Self::Renders => "renders",
            Self::Public => "public",
        }
    }

    fn rule(self, q: &Quotas) -> (u64, Duration, &'static str, &'static str) {
        match self {
            Self::Events => (q.events_per_day, DAY, "new events", "a day per account"),
            Self::Tickets => (
                q.tickets_per_day,
                DAY,
                "tickets issued",
                "a day per account",
            ),
            Self::Invitations => (
                q.invitations_per_hour,
                HOUR,
                "invitations",
                "an hour per account",
            ),
            Self::Devices => (
                q.devices_per_hour,
                HOUR,
                "door device links",
                "an hour per account",
            ),
            Self::Imports => (
                q.imports_per_hour,
                HOUR,
                "CSV imports (dry runs included)",
                "an hour per account",
            ),
            Self::Renders => (
                q.renders_per_minute,
                MINUTE,
                "rendered images and PDFs",
                "a minute per account",
            ),
            Self::Public => (
                q.public_per_minute,
                MINUTE,
                "ticket page requests",
                "a minute per address",
            ),
        }
    }
}

/// Counts heavy work against [`Quotas`].
#[derive(Clone)]
pub struct Limiter {
    cache: Arc<dyn Cache>,
    quotas: Quotas,
}

impl Limiter {
    /// A limiter counting in `cache`.
    pub fn new(cache: Arc<dyn Cache>, quotas: Quotas) -> Self {
        Self { cache, quotas }
    }

    /// The quotas in force.
    pub fn quotas(&self) -> &Quotas {
        &self.quotas
    }

    /// Spends `n` units of `quota` for `who` (an account or client id), or
    /// answers `QuotaExceeded` saying which quota ran out and when it resets.
    pub async fn spend(
        &self,
        quota: Quota,
        who: impl std::fmt::Display,
        n: u64,
    ) -> ServiceResult<()> {
        let (max, window, what, per) = quota.rule(&self.quotas);
        let key = format!("quota:{}:{who}", quota.key());
        // Read first (adding nothing), so that a refused request uses no
        // quota; two requests racing may overshoot by one batch at most.
        let (used, left) = self.cache.incr_by(&key, 0, window).await;
        if used.saturating_add(n) > max {
            metrics::counter!("quota_exceeded_total", "quota" => quota.key()).increment(1);
            return Err(ServiceError::QuotaExceeded {
                detail: format!("at most {max} {what} {per}; try again later"),
                retry_after: left.max(Duration::from_secs(1)),
            });
        }
        self.cache.incr_by(&key, n, window).await;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qr_event_cache::MemoryCache;

    #[tokio::test]
    async fn quotas_count_units_and_say_which_ran_out() {
        let limiter = Limiter::new(
            Arc::new(MemoryCache::new()),
            Quotas {
                tickets_per_day: 100,
                ..Quotas::default()
            },
        );
        limiter.spend(Quota::Tickets, "u1", 60).await.unwrap();
        limiter.spend(Quota::Tickets, "u2", 100).await.unwrap();
        match limiter.spend(Quota::Tickets, "u1", 41).await {
            Err(ServiceError::QuotaExceeded {
                detail,
                retry_after,
            }) => {
                assert!(detail.contains("100 tickets issued a day"), "{detail}");
                assert!(retry_after > Duration::from_secs(3600));
            }
            other => panic!("{other:?}"),
        }
        // The refusal used nothing: the 40 left still fit.
        limiter.spend(Quota::Tickets, "u1", 40).await.unwrap();
    }
}
