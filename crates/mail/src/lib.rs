//! Outgoing e-mail. One trait, two ways to deliver: an SMTP server
//! (`QR_EVENT_SMTP_URL`, through lettre, STARTTLS or TLS as the URL says), or
//! the log when none is configured, so a small instance still works: the
//! link a message carries is then shown to whoever can pass it on.

use std::time::Duration;

use async_trait::async_trait;
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

/// A message to one address: plain text, optionally with an HTML
/// alternative and attachments.
#[derive(Debug, Clone, Default)]
pub struct Message {
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Body, plain text.
    pub text: String,
    /// The same body as HTML (sent as multipart/alternative with `text`).
    pub html: Option<String>,
    /// Files attached.
    pub attachments: Vec<Attachment>,
    /// A fixed Message-ID (`<…@…>`), so that a message sent again after a
    /// crash carries the same id and receivers can tell it is a duplicate.
    pub message_id: Option<String>,
}

/// A file attached to a message.
#[derive(Clone, Default)]
pub struct Attachment {
    /// File name shown to the reader.
    pub filename: String,
    /// MIME type, e.g. `application/pdf`.
    pub content_type: String,
    /// The content.
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Attachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attachment")
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
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
            attachments = message.attachments.len(),
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
        let builder = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject)
            .message_id(message.message_id);
        let email = if message.html.is_none() && message.attachments.is_empty() {
            builder.header(ContentType::TEXT_PLAIN).body(message.text)
        } else {
            builder.multipart(multipart(message.text, message.html, message.attachments)?)
        }
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

/// multipart/mixed of the body (text, or text and HTML as
/// multipart/alternative) and the attachments.
fn multipart(
    text: String,
    html: Option<String>,
    attachments: Vec<Attachment>,
) -> Result<MultiPart, MailError> {
    let body = match html {
        Some(html) => MultiPart::alternative_plain_html(text, html),
        None => MultiPart::mixed().singlepart(SinglePart::plain(text)),
    };
    let mut mixed = MultiPart::mixed().multipart(body);
    for a in attachments {
        let content_type = ContentType::parse(&a.content_type)
            .map_err(|e| MailError::Invalid(format!("attachment type: {e}")))?;
        mixed = mixed
            .singlepart(lettre::message::Attachment::new(a.filename).body(a.bytes, content_type));
    }
    Ok(mixed)
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
