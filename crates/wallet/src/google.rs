//! Google Wallet save links: `https://pay.google.com/gp/v/save/<jwt>`, the
//! JWT signed (RS256) with the issuer's service-account key and carrying
//! the event's pass class and the ticket's pass object, created when the
//! holder saves it.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ring::signature::RsaKeyPair;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::icon::ACCENT;
use crate::keys::{rsa_key, sign};
use crate::{PassContent, WalletError};

/// The part of a service-account key file (JSON, as the Google Cloud
/// console downloads it) that signing needs.
#[derive(Deserialize)]
struct ServiceAccount {
    client_email: String,
    private_key: String,
    #[serde(default)]
    private_key_id: Option<String>,
}

/// The issuer's account and key: everything needed to sign save links.
pub struct GoogleWallet {
    issuer_id: String,
    client_email: String,
    key_id: Option<String>,
    key: RsaKeyPair,
    origins: Vec<String>,
}

impl std::fmt::Debug for GoogleWallet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GoogleWallet")
            .field("issuer_id", &self.issuer_id)
            .field("client_email", &self.client_email)
            .finish_non_exhaustive()
    }
}

impl GoogleWallet {
    /// From the issuer id (digits, from the Google Pay & Wallet console)
    /// and the service account's JSON key file. `origins` are the web
    /// origins allowed to show the save button (the server's public URL).
    pub fn from_service_account(
        issuer_id: &str,
        key_json: &[u8],
        origins: Vec<String>,
    ) -> Result<Self, WalletError> {
        if issuer_id.is_empty() || !issuer_id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(WalletError::Credentials(
                "Google Wallet issuer id: digits only, as the console shows it".into(),
            ));
        }
        let account: ServiceAccount = serde_json::from_slice(key_json).map_err(|_| {
            WalletError::Credentials(
                "Google Wallet key: not a service-account JSON key (client_email, private_key)"
                    .into(),
            )
        })?;
        let key = rsa_key(account.private_key.as_bytes(), "Google Wallet key")?;
        Ok(Self {
            issuer_id: issuer_id.to_owned(),
            client_email: account.client_email,
            key_id: account.private_key_id,
            key,
            origins,
        })
    }

    /// The save link of one ticket; `issued_at` is the JWT's `iat` (Unix
    /// seconds).
    pub fn save_link(&self, pass: &PassContent, issued_at: i64) -> Result<String, WalletError> {
        let mut header = json!({"alg": "RS256", "typ": "JWT"});
        if let Some(kid) = &self.key_id {
            header["kid"] = Value::String(kid.clone());
        }
        let claims = json!({
            "iss": self.client_email,
            "aud": "google",
            "typ": "savetowallet",
            "iat": issued_at,
            "origins": self.origins,
            "payload": {
                "eventTicketClasses": [self.class(pass)],
                "eventTicketObjects": [self.object(pass)],
            },
        });
        let encode = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());
        let signing_input = format!("{}.{}", encode(&header), encode(&claims));
        let signature = sign(&self.key, signing_input.as_bytes())?;
        Ok(format!(
            "https://pay.google.com/gp/v/save/{signing_input}.{}",
            URL_SAFE_NO_PAD.encode(signature)
        ))
    }

    /// The event's pass class: `<issuer>.event-<event id>`.
    fn class(&self, pass: &PassContent) -> Value {
        let text =
            |value: &str| json!({"defaultValue": {"language": pass.language, "value": value}});
        let (r, g, b) = ACCENT;
        let mut class = json!({
            "id": format!("{}.event-{}", self.issuer_id, pass.event_id),
            "issuerName": pass.event_name,
            "reviewStatus": "UNDER_REVIEW",
            "eventName": text(&pass.event_name),
            "hexBackgroundColor": format!("#{r:02x}{g:02x}{b:02x}"),
            "dateTime": {
                "start": pass.starts_at.to_rfc3339(),
                "end": pass.ends_at.to_rfc3339(),
            },
        });
        if !pass.venue.is_empty() {
            class["venue"] = json!({"name": text(&pass.venue), "address": text(&pass.venue)});
        }
        class
    }

    /// The ticket's pass object: `<issuer>.ticket-<ticket id>`, with the
    /// ticket's own QR code.
    fn object(&self, pass: &PassContent) -> Value {
        let mut object = json!({
            "id": format!("{}.ticket-{}", self.issuer_id, pass.ticket_id),
            "classId": format!("{}.event-{}", self.issuer_id, pass.event_id),
            "state": "ACTIVE",
            "ticketHolderName": pass.holder,
            "barcode": {"type": "QR_CODE", "value": pass.code},
            "validTimeInterval": {
                "start": {"date": pass.valid_from.to_rfc3339()},
                "end": {"date": pass.valid_until.to_rfc3339()},
            },
        });
        if !pass.category.is_empty() {
            object["ticketType"] =
                json!({"defaultValue": {"language": pass.language, "value": pass.category}});
        }
        object
    }
}
