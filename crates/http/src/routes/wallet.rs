//! Phone-wallet passes from the attendee link
//! (`/api/v1/public/tickets/{access_key}/wallet.pkpass`, `…/google-wallet`):
//! each answers only when the instance has that wallet's credentials
//! (`409 wallet_not_configured` otherwise); the attendee page shows the
//! buttons the ticket's `wallets` names.

use axum::extract::State;
use axum::response::Response;
use serde::Serialize;
use utoipa::ToSchema;

use super::tickets::download;
use crate::error::{ApiResult, Problem};
use crate::extract::{ApiJson, ApiPath, Ctx};
use crate::AppState;

/// The wallets a ticket can be added to on this instance.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct WalletsView {
    /// Apple Wallet: `…/wallet.pkpass` answers.
    pub apple: bool,
    /// Google Wallet: `…/google-wallet` answers.
    pub google: bool,
}

impl WalletsView {
    /// What an attendee page offers: nothing for a revoked ticket.
    pub(crate) fn offered(state: &AppState, active: bool) -> Self {
        let kinds = state.wallet.kinds();
        Self {
            apple: active && kinds.apple,
            google: active && kinds.google,
        }
    }
}

/// A Google Wallet save link.
#[derive(Debug, Serialize, ToSchema)]
pub struct GoogleWalletLink {
    /// Opens Google Wallet with the pass, ready to save
    /// (`https://pay.google.com/gp/v/save/…`).
    pub url: String,
}

/// The attendee's Apple Wallet pass (signed `.pkpass`).
#[utoipa::path(get, path = "/api/v1/public/tickets/{access_key}/wallet.pkpass", tag = "public",
    params(("access_key" = String, Path, description = "Key from the attendee link")),
    responses(
        (status = 200, description = "The signed pass", content_type = "application/vnd.apple.pkpass"),
        (status = 404, description = "Unknown or replaced link, or a revoked ticket", body = Problem),
        (status = 409, description = "No Apple Wallet credentials on this instance (`wallet_not_configured`)", body = Problem),
    ))]
pub async fn public_pkpass(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    ApiPath(key): ApiPath<String>,
) -> ApiResult<Response> {
    let (name, bytes) = state.wallet.public_pkpass(&ctx, &key).await?;
    Ok(download(
        "application/vnd.apple.pkpass",
        &format!("{name}.pkpass"),
        bytes,
    ))
}

/// The attendee's Google Wallet save link.
#[utoipa::path(get, path = "/api/v1/public/tickets/{access_key}/google-wallet", tag = "public",
    params(("access_key" = String, Path, description = "Key from the attendee link")),
    responses(
        (status = 200, description = "The save link", body = GoogleWalletLink),
        (status = 404, description = "Unknown or replaced link, or a revoked ticket", body = Problem),
        (status = 409, description = "No Google Wallet credentials on this instance (`wallet_not_configured`)", body = Problem),
    ))]
pub async fn public_google(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    ApiPath(key): ApiPath<String>,
) -> ApiResult<ApiJson<GoogleWalletLink>> {
    let url = state.wallet.public_google_link(&ctx, &key).await?;
    Ok(ApiJson(GoogleWalletLink { url }))
}
