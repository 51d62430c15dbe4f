//! Phone-wallet passes of a ticket, from its attendee link: an Apple
//! Wallet `.pkpass` and a Google Wallet save link, each only when the
//! organiser configured its credentials. A pass carries the ticket's own
//! QR code, so it scans like the PDF; a revoked ticket gets none.

use std::sync::Arc;

use qr_event_audit::RequestContext;
use qr_event_domain::{Locale, ProblemCode};
use qr_event_storage::{Event, Ticket};
use qr_event_wallet::{ApplePasses, GoogleWallet, PassContent, PassLabels};

use crate::print::{ticket_locale, when_line};
use crate::tickets::internal;
use crate::{PublicTicket, ServiceError, ServiceResult, TicketService};

/// Which wallets passes can be added to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WalletKinds {
    /// Apple Wallet (`.pkpass`).
    pub apple: bool,
    /// Google Wallet (save link).
    pub google: bool,
}

/// Wallet passes of tickets.
#[derive(Clone)]
pub struct WalletService {
    tickets: TicketService,
    apple: Option<Arc<ApplePasses>>,
    google: Option<Arc<GoogleWallet>>,
}

impl WalletService {
    /// Wires the service; a wallet without credentials is `None`.
    pub fn new(
        tickets: TicketService,
        apple: Option<ApplePasses>,
        google: Option<GoogleWallet>,
    ) -> Self {
        Self {
            tickets,
            apple: apple.map(Arc::new),
            google: google.map(Arc::new),
        }
    }

    /// The wallets this instance has credentials for.
    pub fn kinds(&self) -> WalletKinds {
        WalletKinds {
            apple: self.apple.is_some(),
            google: self.google.is_some(),
        }
    }

    /// The signed `.pkpass` of the ticket behind an attendee link, with the
    /// event's name for the file.
    pub async fn public_pkpass(
        &self,
        ctx: &RequestContext,
        access_key: &str,
    ) -> ServiceResult<(String, Vec<u8>)> {
        let apple = self.apple.clone().ok_or(not_configured())?;
        let public = self.tickets.public_ticket(ctx, access_key).await?;
        let content = content(&public)?;
        let name = public.event.details.name.as_str().to_owned();
        Ok((name, signed_pkpass(apple, content).await?))
    }

    /// The Apple Wallet pass of `ticket`, for its e-mail; `None` without
    /// Apple credentials.
    pub(crate) async fn pkpass(
        &self,
        event: &Event,
        ticket: &Ticket,
    ) -> ServiceResult<Option<Vec<u8>>> {
        let Some(apple) = self.apple.clone() else {
            return Ok(None);
        };
        let content = pass_content(event, ticket, self.tickets.code(ticket)?);
        Ok(Some(signed_pkpass(apple, content).await?))
    }

    /// The Google Wallet save link of the ticket behind an attendee link.
    pub async fn public_google_link(
        &self,
        ctx: &RequestContext,
        access_key: &str,
    ) -> ServiceResult<String> {
        let google = self.google.clone().ok_or(not_configured())?;
        let public = self.tickets.public_ticket(ctx, access_key).await?;
        let content = content(&public)?;
        let now = chrono::Utc::now().timestamp();
        tokio::task::spawn_blocking(move || google.save_link(&content, now))
            .await
            .map_err(internal)?
            .map_err(internal)
    }
}

/// RSA signing and PNG encoding take a few milliseconds: off the workers.
async fn signed_pkpass(apple: Arc<ApplePasses>, content: PassContent) -> ServiceResult<Vec<u8>> {
    tokio::task::spawn_blocking(move || apple.pkpass(&content))
        .await
        .map_err(internal)?
        .map_err(internal)
}

fn not_configured() -> ServiceError {
    ServiceError::Conflict {
        code: ProblemCode::WalletNotConfigured,
        detail: "this instance has no credentials for that wallet",
    }
}

/// What the pass shows; a revoked ticket (no code) has no pass.
fn content(public: &PublicTicket) -> ServiceResult<PassContent> {
    let code = public.code.clone().ok_or(ServiceError::NotFound)?;
    Ok(pass_content(&public.event, &public.ticket, code))
}

/// The pass of `ticket`, in its language and its event's time zone.
fn pass_content(event: &Event, ticket: &Ticket, code: String) -> PassContent {
    let locale = ticket_locale(event, ticket);
    let name = event.details.name.as_str();
    PassContent {
        ticket_id: ticket.id.to_string(),
        event_id: event.id.to_string(),
        event_name: name.to_owned(),
        when: when_line(event, locale),
        starts_at: event.details.starts_at,
        ends_at: event.details.ends_at,
        venue: event.details.venue.clone(),
        holder: ticket.details.holder_name.clone(),
        category: ticket.details.category.clone(),
        code,
        valid_from: ticket.details.valid_from,
        valid_until: ticket.details.valid_until,
        language: locale.as_str().to_owned(),
        labels: labels(locale, name),
    }
}

/// The fixed texts of a pass.
fn labels(locale: Locale, event_name: &str) -> PassLabels {
    let sheet = crate::print::labels(locale);
    let (event, when, venue, description) = match locale {
        Locale::En => ("Event", "When", "Venue", format!("Ticket for {event_name}")),
        Locale::Fr => (
            "Événement",
            "Quand",
            "Lieu",
            format!("Billet pour {event_name}"),
        ),
    };
    PassLabels {
        event: event.into(),
        holder: sheet.holder,
        category: sheet.category,
        when: when.into(),
        venue: venue.into(),
        description,
    }
}
