//! `/api/v1/auth/*`: register, login, refresh, logout, me, password.

use axum::extract::{FromRequestParts, State};
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};
use chrono::{DateTime, Utc};
use qr_event_auth::RefreshToken;
use qr_event_service::{IssuedSession, RegisterInput, ServiceError};
use qr_event_storage::User;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::cookies::Cookie;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{check_csrf, ApiJson, Auth, Ctx};
use crate::AppState;

/// A new account.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    /// E-mail address, used to sign in.
    #[schema(example = "ada@example.org")]
    pub email: String,
    /// Display name.
    #[schema(example = "Ada Lovelace")]
    pub name: String,
    /// At least 8 characters (up to 256); common passwords are refused.
    pub password: String,
}

/// Credentials.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// E-mail address.
    pub email: String,
    /// Password.
    pub password: String,
}

/// A password change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChangeRequest {
    /// The current password.
    pub current_password: String,
    /// The new password (same policy as registration).
    pub new_password: String,
}

/// An account as shown to its owner.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    /// Account id.
    pub id: Uuid,
    /// E-mail address.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Instance administrator.
    pub is_admin: bool,
    /// The address was proven by a verification link.
    pub email_verified: bool,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

impl From<User> for UserView {
    fn from(user: User) -> Self {
        Self {
            id: user.id.0,
            email: user.email.as_str().to_owned(),
            name: user.name,
            is_admin: user.is_admin,
            email_verified: user.email_verified,
            created_at: user.created_at,
        }
    }
}

/// The signed-in account and the CSRF token to echo in `X-CSRF-Token`.
/// Tokens themselves travel only in `HttpOnly` cookies.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    /// The account.
    pub user: UserView,
    /// Send back in the `X-CSRF-Token` header of every unsafe request.
    pub csrf_token: String,
}

fn session_response(state: &AppState, status: StatusCode, issued: IssuedSession) -> Response {
    let secure = state.config.secure_cookies;
    let session_left = (issued.session_expires_at - Utc::now())
        .to_std()
        .unwrap_or_default();
    let cookies = AppendHeaders([
        (
            SET_COOKIE,
            Cookie::Access.set(secure, &issued.access_token, state.config.access_lifetime),
        ),
        (
            SET_COOKIE,
            Cookie::Refresh.set(secure, issued.refresh_token.expose(), session_left),
        ),
        (
            SET_COOKIE,
            Cookie::Csrf.set(secure, &issued.csrf_token, session_left),
        ),
    ]);
    let body = SessionView {
        user: issued.user.into(),
        csrf_token: issued.csrf_token,
    };
    (status, cookies, ApiJson(body)).into_response()
}

fn clear_cookies(secure: bool) -> AppendHeaders<[(axum::http::HeaderName, HeaderValue); 3]> {
    AppendHeaders([
        (SET_COOKIE, Cookie::Access.clear(secure)),
        (SET_COOKIE, Cookie::Refresh.clear(secure)),
        (SET_COOKIE, Cookie::Csrf.clear(secure)),
    ])
}

/// Creates an account and signs it in.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Account created; session cookies set", body = SessionView),
        (status = 403, description = "Registration closed (`registration_closed`) or a cross-site request (`csrf_failed`)", body = Problem),
        (status = 422, description = "Invalid fields", body = Problem),
    ))]
pub async fn register(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    ApiJson(body): ApiJson<RegisterRequest>,
) -> ApiResult<Response> {
    let issued = state
        .auth
        .register(
            &ctx,
            RegisterInput {
                email: body.email,
                name: body.name,
                password: body.password,
            },
        )
        .await?;
    Ok(session_response(&state, StatusCode::CREATED, issued))
}

/// Signs in with e-mail and password.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; session cookies set", body = SessionView),
        (status = 401, description = "Wrong e-mail or password", body = Problem),
        (status = 429, description = "Too many attempts; see Retry-After", body = Problem),
    ))]
pub async fn login(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    ApiJson(body): ApiJson<LoginRequest>,
) -> ApiResult<Response> {
    let result = state.auth.login(&ctx, &body.email, &body.password).await;
    let outcome = match &result {
        Ok(_) => "success",
        Err(ServiceError::Throttled { .. }) => "throttled",
        Err(ServiceError::InvalidCredentials) => "failure",
        Err(_) => "error",
    };
    metrics::counter!("auth_logins_total", "outcome" => outcome).increment(1);
    Ok(session_response(&state, StatusCode::OK, result?))
}

/// Spends the refresh cookie for new credentials (rotation). Needs the CSRF header.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth",
    responses(
        (status = 200, description = "New cookies set", body = SessionView),
        (status = 401, description = "No live session", body = Problem),
        (status = 403, description = "CSRF check failed", body = Problem),
    ))]
pub async fn refresh(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    parts: Parts,
) -> ApiResult<Response> {
    let secure = state.config.secure_cookies;
    let presented = Cookie::Refresh.read(secure, &parts.headers);
    let Some(token) = presented.as_deref().and_then(RefreshToken::parse) else {
        return Ok((clear_cookies(secure), ApiError::unauthenticated()).into_response());
    };
    check_csrf(&state, &parts, token.session_id())?;
    match state.auth.refresh(&ctx, token.expose()).await {
        Ok(issued) => Ok(session_response(&state, StatusCode::OK, issued)),
        Err(err) => Ok((clear_cookies(secure), ApiError::from(err)).into_response()),
    }
}

/// Ends the session (idempotent) and clears the cookies. Needs the CSRF header
/// when a session cookie is present.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    responses(
        (status = 204, description = "Signed out"),
        (status = 403, description = "CSRF check failed", body = Problem),
    ))]
pub async fn logout(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    mut parts: Parts,
) -> ApiResult<Response> {
    let secure = state.config.secure_cookies;
    let principal = Auth::from_request_parts(&mut parts, &state).await;
    let principal = match principal {
        Ok(Auth(p)) => Some(p),
        Err(err) if err.status() == StatusCode::FORBIDDEN => return Err(err),
        Err(_) => None,
    };
    let refresh = Cookie::Refresh.read(secure, &parts.headers);
    if principal.is_none() {
        if let Some(token) = refresh.as_deref().and_then(RefreshToken::parse) {
            check_csrf(&state, &parts, token.session_id())?;
        }
    }
    state
        .auth
        .logout(&ctx, principal, refresh.as_deref())
        .await?;
    Ok((
        StatusCode::NO_CONTENT,
        clear_cookies(secure),
        [(
            axum::http::HeaderName::from_static("clear-site-data"),
            HeaderValue::from_static("\"cookies\""),
        )],
    )
        .into_response())
}

/// The signed-in account and a CSRF token for this session.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth",
    responses(
        (status = 200, description = "The account", body = SessionView),
        (status = 401, description = "Not signed in", body = Problem),
    ))]
pub async fn me(
    State(state): State<AppState>,
    Auth(principal): Auth,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let user = state.auth.me(&principal).await?;
    let secure = state.config.secure_cookies;
    let current = Cookie::Csrf
        .read(secure, &headers)
        .filter(|token| state.auth.verify_csrf(principal.session_id, token));
    let (csrf_token, set) = match current {
        Some(token) => (token, None),
        None => {
            let token = state.auth.csrf_token(&principal);
            let cookie = Cookie::Csrf.set(secure, &token, state.auth.settings().session_absolute);
            (token, Some(cookie))
        }
    };
    let body = ApiJson(SessionView {
        user: user.into(),
        csrf_token,
    });
    Ok(match set {
        Some(cookie) => (AppendHeaders([(SET_COOKIE, cookie)]), body).into_response(),
        None => body.into_response(),
    })
}

/// Changes the password; every session of the account is revoked and a new
/// one is opened for this browser.
#[utoipa::path(post, path = "/api/v1/auth/password", tag = "auth",
    request_body = PasswordChangeRequest,
    responses(
        (status = 200, description = "Password changed; new cookies set", body = SessionView),
        (status = 422, description = "Wrong current password or weak new one", body = Problem),
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiJson(body): ApiJson<PasswordChangeRequest>,
) -> ApiResult<Response> {
    let issued = state
        .auth
        .change_password(&ctx, &principal, &body.current_password, &body.new_password)
        .await?;
    Ok(session_response(&state, StatusCode::OK, issued))
}
