//! The background sender: claims due rows with a lease, sends them one at a
//! time at the configured rate, and records each outcome.

use std::time::Duration;

use chrono::Utc;
use qr_event_audit::{AuditAction, Entry, RequestContext};
use qr_event_domain::TicketStatus;
use qr_event_mail::MailError;
use qr_event_storage::{AttemptOutcome, Delivery};
use tokio::sync::watch;
use tokio::time::Instant;

use super::message::{compose, Parts};
use super::DeliveryService;
use crate::ServiceError;

/// How the sender paces and retries.
#[derive(Debug, Clone)]
pub struct DeliverySettings {
    /// Messages handed to SMTP per minute, at most.
    pub per_minute: u32,
    /// Waits before the 2nd, 3rd, … attempt; the attempt after the last
    /// one listed is not made (the row is then `failed`).
    pub backoff: Vec<Duration>,
    /// Domain of the Message-IDs (the sender address's).
    pub message_domain: String,
    /// How long the sender sleeps at most when nothing is due (rows queued
    /// by another instance are found by this poll).
    pub poll: Duration,
}

impl Default for DeliverySettings {
    fn default() -> Self {
        Self {
            per_minute: 60,
            backoff: [60, 300, 1_800, 7_200, 21_600]
                .map(Duration::from_secs)
                .to_vec(),
            message_domain: "qr-event.invalid".to_owned(),
            poll: Duration::from_secs(30),
        }
    }
}

/// Time a claim covers beyond the paced sends of its batch: SMTP's own
/// timeout (10 s) and the PDF render, with a wide margin.
const LEASE_SLACK: Duration = Duration::from_secs(120);

/// Longest kept error text.
const MAX_ERROR: usize = 200;

/// Resolves once `true` is sent; never when the sender is gone without it.
async fn stopped(stop: &mut watch::Receiver<bool>) {
    loop {
        if *stop.borrow_and_update() {
            return;
        }
        if stop.changed().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

fn short(error: impl ToString) -> String {
    let mut text = error.to_string();
    if text.len() > MAX_ERROR {
        let mut end = MAX_ERROR;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
}

impl DeliveryService {
    /// Sends due deliveries until `stop` turns true. Claimed rows not yet
    /// sent at that moment are handed back at once.
    /// Does nothing without SMTP: rows queued by an instance that has it
    /// must not be "sent" to the log by one that does not.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        if !self.outbox.mailer.delivers() {
            return;
        }
        let per_minute = self.settings.per_minute.max(1);
        let interval = Duration::from_secs(60) / per_minute;
        let batch = per_minute.clamp(1, 10);
        let mut next_send = Instant::now();
        tracing::info!(per_minute, "ticket e-mail sender started");
        loop {
            let now = Utc::now();
            let lease = now
                + chrono::Duration::from_std(interval * batch + LEASE_SLACK)
                    .unwrap_or(chrono::Duration::minutes(5));
            let claimed = match self.storage.deliveries.claim(now, lease, batch).await {
                Ok(rows) => rows,
                Err(err) => {
                    tracing::warn!(error = %err, "claiming ticket e-mails failed");
                    Vec::new()
                }
            };
            let idle = claimed.is_empty();
            let mut rows = claimed.into_iter();
            while let Some(delivery) = rows.next() {
                tokio::select! {
                    _ = tokio::time::sleep_until(next_send) => {}
                    _ = stopped(&mut stop) => {
                        self.release(std::iter::once(delivery).chain(rows)).await;
                        tracing::info!("ticket e-mail sender stopped");
                        return;
                    }
                }
                next_send = Instant::now() + interval;
                self.attempt(delivery).await;
            }
            if !idle {
                continue;
            }
            let wait = match self.storage.deliveries.next_due().await {
                Ok(Some(at)) => (at - Utc::now())
                    .to_std()
                    .unwrap_or(Duration::ZERO)
                    .min(self.settings.poll),
                _ => self.settings.poll,
            };
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(wait) => {}
                _ = stopped(&mut stop) => {
                    tracing::info!("ticket e-mail sender stopped");
                    return;
                }
            }
        }
    }

    /// Hands claimed rows back, due now, for the next sender.
    async fn release(&self, rows: impl Iterator<Item = Delivery>) {
        let now = Utc::now();
        for d in rows {
            let outcome = AttemptOutcome::Failed {
                error: "interrupted by a shutdown before sending".to_owned(),
                retry_at: Some(now),
            };
            if let Err(err) = self
                .storage
                .deliveries
                .finish(d.id, d.attempts, outcome, now)
                .await
            {
                tracing::warn!(error = %err, delivery.id = %d.id, "releasing a ticket e-mail failed");
            }
        }
    }

    /// One attempt: build, send, record.
    async fn attempt(&self, d: Delivery) {
        let outcome = match self.message(&d).await {
            Ok(Ok(message)) => match self.outbox.mailer.send(message).await {
                Ok(()) => AttemptOutcome::Sent,
                Err(MailError::Invalid(e)) => self.failed(&d, e, false),
                Err(e @ MailError::Smtp(_)) => self.failed(&d, e, true),
            },
            Ok(Err(reason)) => self.failed(&d, reason, false),
            Err(err) => self.failed(&d, err, true),
        };
        let (action, error, retry_at) = match &outcome {
            AttemptOutcome::Sent => (AuditAction::TicketEmailSent, None, None),
            AttemptOutcome::Failed { error, retry_at } => (
                AuditAction::TicketEmailFailed,
                Some(error.clone()),
                *retry_at,
            ),
        };
        match self
            .storage
            .deliveries
            .finish(d.id, d.attempts, outcome, Utc::now())
            .await
        {
            Ok(true) => {}
            Ok(false) => {
                tracing::warn!(delivery.id = %d.id, "ticket e-mail claim was lost before its outcome was recorded");
                return;
            }
            Err(err) => {
                tracing::error!(error = %err, delivery.id = %d.id, "recording a ticket e-mail outcome failed");
                return;
            }
        }
        let mut entry = match error {
            None => Entry::success(action),
            Some(error) => {
                tracing::warn!(delivery.id = %d.id, error = %error, "ticket e-mail not sent");
                Entry::failure(action)
                    .detail("error", error)
                    .detail("retry", retry_at.is_some())
            }
        };
        entry = entry
            .event(d.event_id)
            .subject(d.ticket_id)
            .detail("attempt", d.attempts)
            .detail("delivery_id", d.id.to_string());
        if let Err(err) = self.audit.record(&RequestContext::default(), entry).await {
            tracing::error!(error = %err, "audit entry for a ticket e-mail failed");
        }
    }

    /// A failed attempt, retried after the back-off unless `retry` is false
    /// or the attempts are used up.
    fn failed(&self, d: &Delivery, error: impl ToString, retry: bool) -> AttemptOutcome {
        let wait = usize::try_from(d.attempts - 1)
            .ok()
            .and_then(|n| self.settings.backoff.get(n));
        let retry_at = match (retry, wait) {
            (true, Some(wait)) => chrono::Duration::from_std(*wait)
                .ok()
                .map(|w| Utc::now() + w),
            _ => None,
        };
        AttemptOutcome::Failed {
            error: short(error),
            retry_at,
        }
    }

    /// The message for a delivery, or why it cannot be sent any more.
    async fn message(
        &self,
        d: &Delivery,
    ) -> Result<Result<qr_event_mail::Message, &'static str>, ServiceError> {
        let Some(ticket) = self.storage.tickets.find(d.event_id, d.ticket_id).await? else {
            return Ok(Err("the ticket no longer exists"));
        };
        if ticket.status == TicketStatus::Revoked {
            return Ok(Err("the ticket was revoked"));
        }
        if ticket.access_version != d.access_version {
            return Ok(Err("the attendee link was replaced; send the ticket again"));
        }
        let Some(event) = self.storage.events.find_by_id(d.event_id).await? else {
            return Ok(Err("the event no longer exists"));
        };
        let pdf = self.tickets.mail_pdf(&event, &ticket).await?;
        let key = self.tickets.links.issue(ticket.id.0, ticket.access_version);
        let pkpass = match &self.wallet {
            Some(wallet) => wallet.pkpass(&event, &ticket).await?,
            None => None,
        };
        let parts = Parts {
            link: self.outbox.links.page(&format!("/t/{key}")),
            pdf,
            pkpass,
        };
        Ok(
            compose(&event, &ticket, d, &self.settings.message_domain, parts)
                .ok_or("the ticket has no e-mail address"),
        )
    }
}
