//! Outgoing e-mail. One trait, two ways to deliver: an SMTP server
//! (`QR_EVENT_SMTP_URL`, through lettre, STARTTLS or TLS as the URL says), or
//! the log when none is configured, so a small instance still works: the
//! link a message carries is then shown to whoever can pass it on.

use std::time::Duration;

use async_trait::async_trait;
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

/// A plain-text message to one address.
#[derive(Debug, Clone)]
pub struct Message {
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Body, plain text.
    pub text: String,
}

/// Why a message was not handed over.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The address or the message could not be built.
    #[error("invalid message: {0}")]
    Invalid(String),
    /// The SMTP server refused it or could not be reached.
    #[error("SMTP delivery failed: {0}")]
    Smtp(String),
}

/// Something that delivers messages.
#[async_trait]
pub trait Mailer: Send + Sync {
    /// Hands the message over for delivery.
    async fn send(&self, message: Message) -> Result<(), MailError>;
    /// True when messages really leave (SMTP); false when they only reach
    /// the log, and callers must show links to the person instead.
    fn delivers(&self) -> bool;
}

/// Writes messages to the log (target `qr_event::mail`), for instances
/// without SMTP. The operator reads the links there.
#[derive(Debug, Clone, Copy, Default)]
pub struct LogMailer;

#[async_trait]
impl Mailer for LogMailer {
    async fn send(&self, message: Message) -> Result<(), MailError> {
        tracing::info!(
            target: "qr_event::mail",
            to = %message.to,
            subject = %message.subject,
            body = %message.text,
            "e-mail not sent (QR_EVENT_SMTP_URL is not set); its text follows"
        );
        Ok(())
    }

    fn delivers(&self) -> bool {
        false
    }
}

/// Sends through an SMTP server.
#[derive(Clone)]
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl SmtpMailer {
    /// A mailer for `url` (`smtp://host:port` plain, `smtp://…?tls=required`
    /// for STARTTLS, `smtps://` for TLS; credentials in the URL) sending as
    /// `from`.
    pub fn new(url: &str, from: &str) -> Result<Self, MailError> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| MailError::Invalid(format!("from address: {e}")))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailError::Invalid(format!("SMTP URL: {e}")))?
            .timeout(Some(Duration::from_secs(10)))
            .build();
        Ok(Self { transport, from })
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, message: Message) -> Result<(), MailError> {
        let to: Mailbox = message
            .to
            .parse()
            .map_err(|e| MailError::Invalid(format!("recipient: {e}")))?;
        let email = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(message.text)
            .map_err(|e| MailError::Invalid(e.to_string()))?;
        self.transport
            .send(email)
            .await
            .map_err(|e| MailError::Smtp(e.to_string()))?;
        Ok(())
    }

    fn delivers(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_settings_are_refused() {
        assert!(SmtpMailer::new("smtp://127.0.0.1:2525", "not an address").is_err());
        assert!(SmtpMailer::new("ftp://nowhere", "QR Event <noreply@example.org>").is_err());
        assert!(SmtpMailer::new("smtp://127.0.0.1:2525", "QR Event <noreply@example.org>").is_ok());
    }
}
