//! Phone-wallet passes for tickets.
//!
//! Two kinds, each from the organiser's own credentials:
//! - Apple Wallet: a `.pkpass` archive (`pass.json`, images, `manifest.json`
//!   with the SHA-1 of every file, and `signature`, a detached CMS/PKCS#7
//!   signature of the manifest by the Pass Type ID certificate, with Apple's
//!   intermediate certificate included).
//! - Google Wallet: a save link carrying a JWT signed (RS256) with the
//!   issuer's service-account key; the pass is created when the holder
//!   opens it.
//!
//! Both carry the ticket's own QR code, so a wallet pass scans at the door
//! like the PDF. Nothing here does I/O: the server reads the credential files
//! and hands their bytes over.

mod apple;
mod cms;
mod google;
mod icon;
mod keys;
mod zip;

pub use apple::ApplePasses;
pub use google::GoogleWallet;

use chrono::{DateTime, Utc};

/// Why credentials or a pass could not be used.
#[derive(Debug, thiserror::Error)]
pub enum WalletError {
    /// A credential could not be read (bad PEM/JSON, wrong kind of key,
    /// a key that does not match its certificate…).
    #[error("{0}")]
    Credentials(String),
    /// The signature could not be made.
    #[error("signing failed")]
    Signing,
    /// The pass could not be encoded.
    #[error("encoding failed: {0}")]
    Encoding(String),
}

/// What a pass shows: the same facts as the printed ticket, in the
/// ticket's language.
#[derive(Debug, Clone)]
pub struct PassContent {
    /// The ticket's id (the pass's serial number).
    pub ticket_id: String,
    /// The event's id (Google's pass class is one per event).
    pub event_id: String,
    /// The event's name.
    pub event_name: String,
    /// When, written out in the ticket's language and the event's zone.
    pub when: String,
    /// Event start and end.
    pub starts_at: DateTime<Utc>,
    /// Event end.
    pub ends_at: DateTime<Utc>,
    /// Where (free text; may be empty).
    pub venue: String,
    /// The holder's name.
    pub holder: String,
    /// The ticket category (may be empty).
    pub category: String,
    /// The text of the QR code, exactly as printed.
    pub code: String,
    /// The ticket's validity window.
    pub valid_from: DateTime<Utc>,
    /// End of the validity window.
    pub valid_until: DateTime<Utc>,
    /// BCP 47 tag of the ticket's language (`en`, `fr`).
    pub language: String,
    /// The fixed texts in that language.
    pub labels: PassLabels,
}

/// The fixed texts of a pass.
#[derive(Debug, Clone)]
pub struct PassLabels {
    /// "Event".
    pub event: String,
    /// "Ticket holder".
    pub holder: String,
    /// "Category".
    pub category: String,
    /// "When".
    pub when: String,
    /// "Venue".
    pub venue: String,
    /// One line describing the pass for accessibility ("Ticket for …").
    pub description: String,
}
