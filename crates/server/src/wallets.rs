//! Wallet credentials from the configured files, read once at start-up: a
//! missing, unreadable or mismatched file stops the server with its name
//! rather than leaving attendees with a broken button.

use std::path::Path;

use anyhow::Context;
use qr_event_wallet::{ApplePasses, GoogleWallet};

use crate::config::Settings;

fn read(path: &Path, what: &str) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("{what}: cannot read {}", path.display()))
}

/// The Apple Wallet signer, when its three files are configured.
pub fn apple(settings: &Settings) -> anyhow::Result<Option<ApplePasses>> {
    let (Some(cert), Some(key), Some(wwdr)) = (
        &settings.apple_pass_cert,
        &settings.apple_pass_key,
        &settings.apple_wwdr_cert,
    ) else {
        return Ok(None);
    };
    let passes = ApplePasses::from_pem(
        &read(cert, "QR_EVENT_APPLE_PASS_CERT")?,
        &read(key, "QR_EVENT_APPLE_PASS_KEY")?,
        &read(wwdr, "QR_EVENT_APPLE_WWDR_CERT")?,
        settings.wallet_organization.as_deref(),
    )
    .context("Apple Wallet credentials (QR_EVENT_APPLE_PASS_CERT, QR_EVENT_APPLE_PASS_KEY, QR_EVENT_APPLE_WWDR_CERT)")?;
    tracing::info!(
        pass_type_id = passes.pass_type_id(),
        "Apple Wallet passes enabled"
    );
    Ok(Some(passes))
}

/// The Google Wallet signer, when the issuer and key file are configured.
/// Save buttons may be shown on the public origin.
pub fn google(settings: &Settings) -> anyhow::Result<Option<GoogleWallet>> {
    let (Some(issuer), Some(key)) = (
        &settings.google_wallet_issuer_id,
        &settings.google_wallet_key,
    ) else {
        return Ok(None);
    };
    let origins = settings.public_origin().into_iter().collect();
    let wallet = GoogleWallet::from_service_account(
        issuer,
        &read(key, "QR_EVENT_GOOGLE_WALLET_KEY")?,
        origins,
    )
    .context(
        "Google Wallet credentials (QR_EVENT_GOOGLE_WALLET_ISSUER_ID, QR_EVENT_GOOGLE_WALLET_KEY)",
    )?;
    tracing::info!(issuer_id = %issuer, "Google Wallet save links enabled");
    Ok(Some(wallet))
}
