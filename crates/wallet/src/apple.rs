//! Apple Wallet passes (`.pkpass`).

use std::time::SystemTime;

use const_oid::db::rfc4519::{O, OU, UID};
use ring::signature::RsaKeyPair;
use serde_json::{json, Value};
use x509_cert::Certificate;

use crate::cms::detached_signature;
use crate::icon::{mark, ACCENT};
use crate::keys::{certificate, matches, rsa_key, subject_attribute};
use crate::zip::archive;
use crate::{PassContent, WalletError};

/// The organiser's Pass Type ID certificate and key, and Apple's
/// intermediate (WWDR) certificate: everything needed to sign passes.
pub struct ApplePasses {
    certificate: Certificate,
    intermediate: Certificate,
    key: RsaKeyPair,
    pass_type_id: String,
    team_id: String,
    organization: String,
    /// The icons and logos, the same in every pass: drawn once.
    images: Vec<(&'static str, Vec<u8>)>,
}

impl std::fmt::Debug for ApplePasses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApplePasses")
            .field("pass_type_id", &self.pass_type_id)
            .field("team_id", &self.team_id)
            .finish_non_exhaustive()
    }
}

impl ApplePasses {
    /// Reads the PEM certificate, its PEM private key and the PEM
    /// intermediate. The pass type id and team id come from the
    /// certificate's subject (`UID` and `OU`, as Apple issues them); the
    /// organisation name from its `O`, unless `organization` is given.
    pub fn from_pem(
        certificate_pem: &[u8],
        key_pem: &[u8],
        intermediate_pem: &[u8],
        organization: Option<&str>,
    ) -> Result<Self, WalletError> {
        let (cert, _) = certificate(certificate_pem, "pass certificate")?;
        let (intermediate, _) = certificate(intermediate_pem, "intermediate certificate")?;
        let key = rsa_key(key_pem, "pass key")?;
        if !matches(&cert, &key) {
            return Err(WalletError::Credentials(
                "pass key: it is not the key of the pass certificate".into(),
            ));
        }
        let missing = |what: &str| {
            WalletError::Credentials(format!(
                "pass certificate: its subject has no {what}; is it a Pass Type ID certificate?"
            ))
        };
        let pass_type_id =
            subject_attribute(&cert, UID).ok_or_else(|| missing("UID (pass type id)"))?;
        let team_id = subject_attribute(&cert, OU).ok_or_else(|| missing("OU (team id)"))?;
        let organization = organization
            .map(str::to_owned)
            .or_else(|| subject_attribute(&cert, O))
            .unwrap_or_else(|| "QR Event".to_owned());
        let images = vec![
            ("icon.png", mark(29)?),
            ("icon@2x.png", mark(58)?),
            ("icon@3x.png", mark(87)?),
            ("logo.png", mark(50)?),
            ("logo@2x.png", mark(100)?),
        ];
        Ok(Self {
            certificate: cert,
            intermediate,
            key,
            pass_type_id,
            team_id,
            organization,
            images,
        })
    }

    /// The pass type identifier passes are issued under.
    pub fn pass_type_id(&self) -> &str {
        &self.pass_type_id
    }

    /// The signed `.pkpass` archive of one ticket.
    pub fn pkpass(&self, pass: &PassContent) -> Result<Vec<u8>, WalletError> {
        self.pkpass_at(pass, SystemTime::now())
    }

    fn pkpass_at(&self, pass: &PassContent, now: SystemTime) -> Result<Vec<u8>, WalletError> {
        let pass_json = serde_json::to_vec_pretty(&self.pass_json(pass))
            .map_err(|e| WalletError::Encoding(e.to_string()))?;
        let mut files: Vec<(&str, &[u8])> = vec![("pass.json", &pass_json)];
        files.extend(self.images.iter().map(|(n, b)| (*n, b.as_slice())));
        let manifest = manifest(&files)?;
        // The intermediate travels with the signature, once (a test set-up
        // may use a self-signed certificate as its own intermediate).
        let mut chain = vec![self.certificate.clone()];
        if self.intermediate != self.certificate {
            chain.push(self.intermediate.clone());
        }
        let signature = detached_signature(&manifest, &self.certificate, &self.key, &chain, now)?;
        files.push(("manifest.json", &manifest));
        files.push(("signature", &signature));
        Ok(archive(&files))
    }

    /// `pass.json`: an event ticket with the QR code, the event, its time
    /// and place, and the holder.
    fn pass_json(&self, pass: &PassContent) -> Value {
        let l = &pass.labels;
        let (r, g, b) = ACCENT;
        let mut secondary = vec![json!({"key": "holder", "label": l.holder, "value": pass.holder})];
        if !pass.category.is_empty() {
            secondary.push(json!({"key": "category", "label": l.category, "value": pass.category}));
        }
        let mut auxiliary = vec![json!({"key": "when", "label": l.when, "value": pass.when})];
        if !pass.venue.is_empty() {
            auxiliary.push(json!({"key": "venue", "label": l.venue, "value": pass.venue}));
        }
        // The back repeats the long texts the front may cut.
        let mut back = vec![
            json!({"key": "event-back", "label": l.event, "value": pass.event_name}),
            json!({"key": "when-back", "label": l.when, "value": pass.when}),
        ];
        if !pass.venue.is_empty() {
            back.push(json!({"key": "venue-back", "label": l.venue, "value": pass.venue}));
        }
        json!({
            "formatVersion": 1,
            "passTypeIdentifier": self.pass_type_id,
            "teamIdentifier": self.team_id,
            "serialNumber": pass.ticket_id,
            "organizationName": self.organization,
            "description": l.description,
            "logoText": self.organization,
            "foregroundColor": "rgb(255, 255, 255)",
            "labelColor": "rgb(214, 232, 225)",
            "backgroundColor": format!("rgb({r}, {g}, {b})"),
            "relevantDate": pass.starts_at.to_rfc3339(),
            "expirationDate": pass.valid_until.max(pass.ends_at).to_rfc3339(),
            "barcodes": [{
                "format": "PKBarcodeFormatQR",
                "message": pass.code,
                "messageEncoding": "iso-8859-1",
            }],
            "eventTicket": {
                "primaryFields": [{"key": "event", "label": l.event, "value": pass.event_name}],
                "secondaryFields": secondary,
                "auxiliaryFields": auxiliary,
                "backFields": back,
            },
        })
    }
}

/// `manifest.json`: every file's SHA-1, in hex.
fn manifest(files: &[(&str, &[u8])]) -> Result<Vec<u8>, WalletError> {
    let entries: serde_json::Map<String, Value> = files
        .iter()
        .map(|(name, bytes)| {
            let digest = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, bytes);
            let hex: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
            ((*name).to_owned(), Value::String(hex))
        })
        .collect();
    serde_json::to_vec_pretty(&entries).map_err(|e| WalletError::Encoding(e.to_string()))
}
