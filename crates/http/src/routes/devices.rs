//! Door devices: `/api/v1/events/{id}/devices…` for organisers, and
//! `/api/v1/devices/…` for the enrolled phone (ADR 0006).

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use qr_event_domain::{DeviceId, EventId};
use qr_event_service::{
    door::{device_status, scans_on},
    DeviceEnrolment, DeviceInput, IssuedDevice,
};
use qr_event_storage::{Device, DeviceCursor, Event};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::cookies::Cookie;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery, Auth, Ctx, DeviceAuth};
use crate::pagination::{self, Page, PageParams};
use crate::routes::door::{PackEvent, ScanModeName};
use crate::AppState;

/// A new door device.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateDeviceRequest {
    /// Label shown to organisers, 1 to 100 characters.
    #[schema(example = "North gate, phone 2")]
    pub name: String,
    /// Gate every scan of this device is recorded at.
    #[schema(example = "North")]
    pub gate: String,
    /// `check_in` admits; `verify` only checks.
    pub mode: ScanModeName,
    /// When the device stops working (default: the event's end plus 12 hours).
    pub expires_at: Option<DateTime<Utc>>,
}

/// A door device as organisers see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeviceView {
    /// Device id (also the `device_id` of its scans, conflicts and audit entries).
    pub id: Uuid,
    /// Event.
    pub event_id: Uuid,
    /// Label.
    pub name: String,
    /// Gate.
    pub gate: String,
    /// Mode.
    pub mode: ScanModeName,
    /// `pending` (not enrolled yet), `active`, `revoked` or `expired`.
    #[schema(example = "active")]
    pub status: String,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// When the device stops working.
    pub expires_at: DateTime<Utc>,
    /// Expiry of the outstanding enrolment link, if one is outstanding.
    pub enrol_expires_at: Option<DateTime<Utc>>,
    /// When a phone last enrolled as this device.
    pub enrolled_at: Option<DateTime<Utc>>,
    /// Last request from the phone (to a few seconds).
    pub last_seen_at: Option<DateTime<Utc>>,
    /// Door app build reported at the last sync.
    pub app_version: Option<String>,
    /// Scans decided for this device today (event time zone).
    pub scans_today: i64,
    /// Scans waiting on the phone, reported at the last sync.
    pub pending_scans: Option<i64>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

fn mode_name(mode: qr_event_storage::ScanMode) -> ScanModeName {
    match mode {
        qr_event_storage::ScanMode::CheckIn => ScanModeName::CheckIn,
        qr_event_storage::ScanMode::Verify => ScanModeName::Verify,
    }
}

fn device_view(device: Device, today: NaiveDate, now: DateTime<Utc>) -> DeviceView {
    DeviceView {
        status: device_status(&device, now).to_owned(),
        scans_today: scans_on(&device, today),
        id: device.id.0,
        event_id: device.event_id.0,
        name: device.name,
        gate: device.gate,
        mode: mode_name(device.mode),
        created_at: device.created_at,
        expires_at: device.expires_at,
        enrol_expires_at: device.enrol_expires_at,
        enrolled_at: device.enrolled_at,
        last_seen_at: device.last_seen_at,
        app_version: device.app_version,
        pending_scans: device.pending_scans,
        revoked_at: device.revoked_at,
    }
}

/// A device with a one-time enrolment link, shown once.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeviceEnrolmentView {
    /// The device.
    pub device: DeviceView,
    /// Open on the phone (as a QR code or a link). Absolute when the server
    /// knows its public URL, else a path on this server. The token is in the
    /// fragment, so it never reaches logs or `Referer` headers.
    #[schema(example = "https://tickets.example.org/door/enrol#Zm9v…")]
    pub enrol_url: String,
    /// The one-time token (at least 256 bits; stored hashed).
    pub enrol_token: String,
    /// The link stops working then (15 minutes by default).
    pub enrol_expires_at: DateTime<Utc>,
}

fn enrolment_view(
    state: &AppState,
    enrolment: DeviceEnrolment,
    today: NaiveDate,
) -> DeviceEnrolmentView {
    let base = state
        .config
        .public_origin
        .as_deref()
        .unwrap_or("")
        .trim_end_matches('/');
    DeviceEnrolmentView {
        enrol_url: format!("{base}/door/enrol#{}", enrolment.token),
        enrol_token: enrolment.token,
        enrol_expires_at: enrolment.expires_at,
        device: device_view(enrolment.device, today, Utc::now()),
    }
}

/// Creates a door device and its first enrolment link (owners and managers).
#[utoipa::path(post, path = "/api/v1/events/{id}/devices", tag = "devices", operation_id = "create_device",
    params(("id" = Uuid, Path, description = "Event id")),
    request_body = CreateDeviceRequest,
    responses(
        (status = 201, description = "Created; the link is shown only now", body = DeviceEnrolmentView),
        (status = 403, description = "Scanners may not create devices", body = Problem),
        (status = 404, description = "No such event", body = Problem),
        (status = 422, description = "Invalid fields", body = Problem),
    ))]
pub async fn create(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<CreateDeviceRequest>,
) -> ApiResult<Response> {
    let enrolment = state
        .devices
        .create(
            &ctx,
            &principal,
            EventId(id),
            DeviceInput {
                name: body.name,
                gate: body.gate,
                mode: body.mode.into(),
                expires_at: body.expires_at,
            },
        )
        .await?;
    let today = Utc::now().date_naive();
    Ok((
        StatusCode::CREATED,
        ApiJson(enrolment_view(&state, enrolment, today)),
    )
        .into_response())
}

/// The event's door devices in creation order (owners and managers).
#[utoipa::path(get, path = "/api/v1/events/{id}/devices", tag = "devices", operation_id = "list_devices",
    params(("id" = Uuid, Path, description = "Event id"), PageParams),
    responses(
        (status = 200, description = "A page of devices", body = Page<DeviceView>),
        (status = 403, description = "Scanners may not list devices", body = Problem),
        (status = 404, description = "No such event", body = Problem),
    ))]
pub async fn list(
    State(state): State<AppState>,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<ApiJson<Page<DeviceView>>> {
    let limit = pagination::limit(params.limit)?;
    let after = pagination::decode::<(DateTime<Utc>, Uuid)>(params.cursor.as_deref())?.map(
        |(created_at, id)| DeviceCursor {
            created_at,
            id: DeviceId(id),
        },
    );
    let (rows, today) = state
        .devices
        .list(&principal, EventId(id), after, limit + 1)
        .await?;
    let now = Utc::now();
    Ok(ApiJson(pagination::page(
        rows,
        limit,
        |d| (d.created_at, d.id.0),
        |d| device_view(d, today, now),
    )))
}

/// A new one-time enrolment link; a phone enrolled as this device is signed out.
#[utoipa::path(post, path = "/api/v1/events/{id}/devices/{device_id}/enrolment", tag = "devices", operation_id = "reissue_device_enrolment",
    params(("id" = Uuid, Path, description = "Event id"), ("device_id" = Uuid, Path, description = "Device id")),
    responses(
        (status = 200, description = "New link, shown only now", body = DeviceEnrolmentView),
        (status = 404, description = "No such device for this event", body = Problem),
        (status = 409, description = "The device is revoked or expired (`device_ended`)", body = Problem),
    ))]
pub async fn reissue(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath((id, device)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<ApiJson<DeviceEnrolmentView>> {
    let enrolment = state
        .devices
        .reissue(&ctx, &principal, EventId(id), DeviceId(device))
        .await?;
    Ok(ApiJson(enrolment_view(
        &state,
        enrolment,
        Utc::now().date_naive(),
    )))
}

/// Revokes a device at once, on every instance: its next request answers
/// 401 `device_revoked` and the door app wipes what it holds.
#[utoipa::path(post, path = "/api/v1/events/{id}/devices/{device_id}/revoke", tag = "devices", operation_id = "revoke_device",
    params(("id" = Uuid, Path, description = "Event id"), ("device_id" = Uuid, Path, description = "Device id")),
    responses(
        (status = 200, description = "Revoked (idempotent)", body = DeviceView),
        (status = 404, description = "No such device for this event", body = Problem),
    ))]
pub async fn revoke(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath((id, device)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<ApiJson<DeviceView>> {
    let device = state
        .devices
        .revoke(&ctx, &principal, EventId(id), DeviceId(device))
        .await?;
    let now = Utc::now();
    Ok(ApiJson(device_view(device, now.date_naive(), now)))
}

/// An enrolment link's token.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnrolRequest {
    /// The token from the link's fragment.
    pub token: String,
}

/// What an enrolled phone knows of itself.
#[derive(Debug, Serialize, ToSchema)]
pub struct DoorDeviceView {
    /// Device id.
    pub id: Uuid,
    /// Label.
    pub name: String,
    /// Its event.
    pub event_id: Uuid,
    /// Gate its scans are recorded at.
    pub gate: String,
    /// Mode.
    pub mode: ScanModeName,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// The device session: the device, its event and the CSRF token to echo.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeviceSessionView {
    /// The device.
    pub device: DoorDeviceView,
    /// Its event.
    pub event: PackEvent,
    /// Send back in `X-CSRF-Token` on every unsafe request of this device.
    pub csrf_token: String,
}

fn session_view(device: Device, event: Event, csrf_token: String) -> DeviceSessionView {
    DeviceSessionView {
        device: DoorDeviceView {
            id: device.id.0,
            name: device.name,
            event_id: device.event_id.0,
            gate: device.gate,
            mode: mode_name(device.mode),
            expires_at: device.expires_at,
        },
        event: PackEvent::from(&event),
        csrf_token,
    }
}

fn device_response(state: &AppState, issued: IssuedDevice) -> Response {
    let secure = state.config.secure_cookies;
    let left = (issued.device.expires_at - Utc::now())
        .to_std()
        .unwrap_or_default();
    let cookies = AppendHeaders([
        (
            SET_COOKIE,
            Cookie::DeviceAccess.set(
                secure,
                &issued.access_token,
                state.devices.settings().access_lifetime,
            ),
        ),
        (
            SET_COOKIE,
            Cookie::DeviceRefresh.set(secure, issued.refresh_token.expose(), left),
        ),
        (
            SET_COOKIE,
            Cookie::DeviceCsrf.set(secure, &issued.csrf_token, left),
        ),
    ]);
    let body = session_view(issued.device, issued.event, issued.csrf_token);
    (StatusCode::OK, cookies, ApiJson(body)).into_response()
}

fn clear_device_cookies(secure: bool) -> AppendHeaders<[(axum::http::HeaderName, HeaderValue); 3]> {
    AppendHeaders([
        (SET_COOKIE, Cookie::DeviceAccess.clear(secure)),
        (SET_COOKIE, Cookie::DeviceRefresh.clear(secure)),
        (SET_COOKIE, Cookie::DeviceCsrf.clear(secure)),
    ])
}

/// Enrols this browser as a door device with a one-time link (no account).
/// Sets the device session in `HttpOnly` cookies.
#[utoipa::path(post, path = "/api/v1/devices/enrol", tag = "devices", operation_id = "enrol_device",
    request_body = EnrolRequest,
    responses(
        (status = 200, description = "Enrolled; device cookies set", body = DeviceSessionView),
        (status = 400, description = "Unknown, used or expired link (`invalid_link`)", body = Problem),
        (status = 403, description = "Cross-site request", body = Problem),
        (status = 429, description = "Too many attempts from this address", body = Problem),
    ))]
pub async fn enrol(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    ApiJson(body): ApiJson<EnrolRequest>,
) -> ApiResult<Response> {
    let issued = state.devices.enrol(&ctx, &body.token).await?;
    Ok(device_response(&state, issued))
}

/// Spends the device refresh cookie for new credentials (rotation). Any
/// failure answers 401 `device_revoked` and clears the device cookies.
#[utoipa::path(post, path = "/api/v1/devices/refresh", tag = "devices", operation_id = "refresh_device_session",
    responses(
        (status = 200, description = "New device cookies set", body = DeviceSessionView),
        (status = 401, description = "The device was signed out (`device_revoked`)", body = Problem),
    ))]
pub async fn refresh(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    parts: Parts,
) -> ApiResult<Response> {
    let secure = state.config.secure_cookies;
    let Some(presented) = Cookie::DeviceRefresh.read(secure, &parts.headers) else {
        return Ok((
            clear_device_cookies(secure),
            ApiError::from(qr_event_service::ServiceError::DeviceRevoked),
        )
            .into_response());
    };
    match state.devices.refresh(&ctx, &presented).await {
        Ok(issued) => Ok(device_response(&state, issued)),
        Err(err) => Ok((clear_device_cookies(secure), ApiError::from(err)).into_response()),
    }
}

/// The enrolled device, its event, and a CSRF token for its session.
#[utoipa::path(get, path = "/api/v1/devices/me", tag = "devices", operation_id = "device_me",
    responses(
        (status = 200, description = "The device", body = DeviceSessionView),
        (status = 401, description = "No device session, or it was revoked (`device_revoked`)", body = Problem),
    ))]
pub async fn me(
    State(state): State<AppState>,
    DeviceAuth(principal): DeviceAuth,
    parts: Parts,
) -> ApiResult<Response> {
    let (device, event) = state.devices.me(&principal).await?;
    let secure = state.config.secure_cookies;
    let current = Cookie::DeviceCsrf
        .read(secure, &parts.headers)
        .filter(|token| state.devices.verify_csrf(principal.session_id, token));
    let (csrf_token, set) = match current {
        Some(token) => (token, None),
        None => {
            let token = state.devices.csrf_token(&principal);
            let left = (device.expires_at - Utc::now())
                .to_std()
                .unwrap_or_default();
            (
                token.clone(),
                Some(Cookie::DeviceCsrf.set(secure, &token, left)),
            )
        }
    };
    let body = ApiJson(session_view(device, event, csrf_token));
    Ok(match set {
        Some(cookie) => (AppendHeaders([(SET_COOKIE, cookie)]), body).into_response(),
        None => body.into_response(),
    })
}
