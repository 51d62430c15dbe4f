//! Staff invitations (`/api/v1/events/{id}/members` POST, `…/invitations`,
//! `/api/v1/invitations/accept`) and address verification
//! (`/api/v1/auth/verify-email`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use qr_event_domain::{EventId, InvitationId};
use qr_event_service::invitation_status;
use qr_event_storage::Invitation;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::{ApiResult, Problem};
use crate::extract::{ApiJson, ApiPath, Auth, Ctx};
use crate::routes::auth::UserView;
use crate::routes::events::RoleName;
use crate::AppState;

/// Invites a person by e-mail to a role.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddMemberRequest {
    /// E-mail address to invite.
    pub email: String,
    /// Role accepting the invitation grants.
    pub role: RoleName,
}

/// An invitation as organisers see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationView {
    /// Invitation id.
    pub id: Uuid,
    /// Event.
    pub event_id: Uuid,
    /// Address it was sent to.
    pub email: String,
    /// Role it grants.
    pub role: RoleName,
    /// `pending`, `accepted`, `revoked` or `expired`.
    #[schema(example = "pending")]
    pub status: String,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// The link works until then.
    pub expires_at: DateTime<Utc>,
    /// When it was accepted.
    pub accepted_at: Option<DateTime<Utc>>,
}

fn invitation_view(invitation: Invitation) -> InvitationView {
    InvitationView {
        status: invitation_status(&invitation, Utc::now()).to_owned(),
        id: invitation.id.0,
        event_id: invitation.event_id.0,
        email: invitation.email.as_str().to_owned(),
        role: invitation.role.into(),
        created_at: invitation.created_at,
        expires_at: invitation.expires_at,
        accepted_at: invitation.accepted_at,
    }
}

/// A new invitation and its one-time link, shown once to the inviter.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitedView {
    /// The invitation.
    pub invitation: InvitationView,
    /// The link to pass on (absolute when the server knows its public URL).
    #[schema(example = "https://tickets.example.org/invite#Zm9v…")]
    pub invite_url: String,
    /// The one-time token in the link (stored hashed).
    pub token: String,
    /// True when the link was also sent by e-mail.
    pub emailed: bool,
}

/// Invites a person by e-mail. Nothing is granted until the link is
/// accepted, and the answer is the same whether or not the address has an
/// account. Managers may invite scanners; owners any role.
#[utoipa::path(post, path = "/api/v1/events/{id}/members", tag = "members", operation_id = "invite_member",
    params(("id" = Uuid, Path, description = "Event id")),
    request_body = AddMemberRequest,
    responses(
        (status = 202, description = "Invitation created (and e-mailed when SMTP is configured)", body = InvitedView),
        (status = 403, description = "Not allowed to give this role", body = Problem),
        (status = 404, description = "No such event for this caller", body = Problem),
        (status = 422, description = "Invalid address", body = Problem),
    ))]
pub async fn invite(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<AddMemberRequest>,
) -> ApiResult<Response> {
    let invited = state
        .invitations
        .invite(&ctx, &principal, EventId(id), &body.email, body.role.into())
        .await?;
    let body = InvitedView {
        invitation: invitation_view(invited.invitation),
        invite_url: invited.url,
        token: invited.token,
        emailed: invited.emailed,
    };
    Ok((StatusCode::ACCEPTED, ApiJson(body)).into_response())
}

/// The event's invitations.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationList {
    /// Newest first (the latest 200).
    pub items: Vec<InvitationView>,
}

/// The event's invitations, newest first (owners and managers).
#[utoipa::path(get, path = "/api/v1/events/{id}/invitations", tag = "members", operation_id = "list_invitations",
    params(("id" = Uuid, Path, description = "Event id")),
    responses(
        (status = 200, description = "Invitations", body = InvitationList),
        (status = 403, description = "Scanners may not list invitations", body = Problem),
        (status = 404, description = "No such event for this caller", body = Problem),
    ))]
pub async fn list(
    State(state): State<AppState>,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<ApiJson<InvitationList>> {
    let items = state.invitations.list(&principal, EventId(id)).await?;
    Ok(ApiJson(InvitationList {
        items: items.into_iter().map(invitation_view).collect(),
    }))
}

/// Withdraws a pending invitation: its link stops working.
#[utoipa::path(post, path = "/api/v1/events/{id}/invitations/{invitation_id}/revoke", tag = "members", operation_id = "revoke_invitation",
    params(("id" = Uuid, Path, description = "Event id"), ("invitation_id" = Uuid, Path, description = "Invitation id")),
    responses(
        (status = 200, description = "Withdrawn (idempotent)", body = InvitationView),
        (status = 404, description = "No such invitation", body = Problem),
        (status = 409, description = "Already accepted (`invitation_accepted`)", body = Problem),
    ))]
pub async fn revoke(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath((id, invitation)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<ApiJson<InvitationView>> {
    let invitation = state
        .invitations
        .revoke(&ctx, &principal, EventId(id), InvitationId(invitation))
        .await?;
    Ok(ApiJson(invitation_view(invitation)))
}

/// A one-time link's token.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// The token from the link's fragment.
    pub token: String,
}

/// What accepting an invitation gave.
#[derive(Debug, Serialize, ToSchema)]
pub struct AcceptedView {
    /// The event.
    pub event_id: Uuid,
    /// Its name.
    pub event_name: String,
    /// The caller's role on it now (never lowered by an invitation).
    pub role: RoleName,
}

/// Accepts an invitation for the signed-in account.
#[utoipa::path(post, path = "/api/v1/invitations/accept", tag = "members", operation_id = "accept_invitation",
    request_body = TokenRequest,
    responses(
        (status = 200, description = "Role granted", body = AcceptedView),
        (status = 400, description = "Unknown, used, withdrawn or expired link (`invalid_link`)", body = Problem),
        (status = 401, description = "Sign in first", body = Problem),
    ))]
pub async fn accept(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiJson(body): ApiJson<TokenRequest>,
) -> ApiResult<ApiJson<AcceptedView>> {
    let (event, role) = state
        .invitations
        .accept(&ctx, &principal, &body.token)
        .await?;
    Ok(ApiJson(AcceptedView {
        event_id: event.id.0,
        event_name: event.details.name.as_str().to_owned(),
        role: role.into(),
    }))
}

/// Proves the account's address with the link sent to it (no sign-in
/// needed). A configured administrator address becomes an administrator.
#[utoipa::path(post, path = "/api/v1/auth/verify-email", tag = "auth", operation_id = "verify_email",
    request_body = TokenRequest,
    responses(
        (status = 200, description = "Address verified", body = UserView),
        (status = 400, description = "Unknown, used or expired link (`invalid_link`)", body = Problem),
    ))]
pub async fn verify_email(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    ApiJson(body): ApiJson<TokenRequest>,
) -> ApiResult<ApiJson<UserView>> {
    let user = state.auth.verify_email(&ctx, &body.token).await?;
    Ok(ApiJson(user.into()))
}

/// Sends a new verification link to the signed-in account's address.
#[utoipa::path(post, path = "/api/v1/auth/verify-email/resend", tag = "auth", operation_id = "resend_verification",
    responses(
        (status = 202, description = "Sent (or logged when SMTP is not configured)"),
        (status = 409, description = "Already verified (`already_verified`)", body = Problem),
        (status = 429, description = "Too many requests; see Retry-After", body = Problem),
    ))]
pub async fn resend_verification(
    State(state): State<AppState>,
    Auth(principal): Auth,
) -> ApiResult<StatusCode> {
    state.auth.resend_verification(&principal).await?;
    Ok(StatusCode::ACCEPTED)
}
