//! The door: `/api/v1/events/{id}/scan`, the offline pack, uploads of
//! offline decisions and the conflicts they reveal (ADR 0005).

use std::io::Write;

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use qr_event_domain::{EventId, FieldCode, RejectReason, TicketId, TicketStatus};
use qr_event_service::door::MAX_CODE_CHARS;
use qr_event_service::{
    DoorCaller, DoorPack, PackSince, Presented, RequestContext, ScanInput, SyncInput, SyncScan,
};
use qr_event_storage::{Conflict, ConflictCursor, ConflictScan, DoorTicket, Event, ScanMode};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery, Auth, Ctx, DoorAuth};
use crate::pagination::{self, Page};
use crate::AppState;

/// Check-in (`check_in`, default) or `verify` without consuming.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScanModeName {
    /// Admit and count.
    #[default]
    CheckIn,
    /// Answer without counting.
    Verify,
}

impl From<ScanModeName> for ScanMode {
    fn from(mode: ScanModeName) -> Self {
        match mode {
            ScanModeName::CheckIn => Self::CheckIn,
            ScanModeName::Verify => Self::Verify,
        }
    }
}

/// A scan at the door.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScanRequest {
    /// The text read from the QR code.
    pub code: String,
    /// `check_in` (default) or `verify`.
    #[serde(default)]
    pub mode: ScanModeName,
    /// Client-chosen id; retries with the same id get the first answer and count once.
    pub scan_id: Option<Uuid>,
    /// Gate label recorded with the scan.
    pub gate: Option<String>,
    /// The scanning device's id (stable per installed door app); lets the
    /// device be told of conflicts it is part of.
    pub device_id: Option<Uuid>,
}

/// The ticket as shown at the door.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScanTicket {
    /// Ticket id.
    pub id: Uuid,
    /// Holder's name; absent when the event keeps names off door devices and
    /// the caller is a scanner or a device.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder_name: Option<String>,
    /// Category.
    pub category: String,
    /// Admissions so far.
    pub uses: i32,
    /// Admissions allowed.
    pub max_uses: i32,
    /// First admission (when and where, for `already_used`).
    pub first_used_at: Option<DateTime<Utc>>,
    /// Gate of the first admission.
    pub first_gate: Option<String>,
    /// Valid from.
    pub valid_from: DateTime<Utc>,
    /// Valid until.
    pub valid_until: DateTime<Utc>,
}

/// The door's answer. Every processed scan answers 200, admitted or not.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScanResponse {
    /// `admitted` or `rejected`.
    #[schema(example = "admitted")]
    pub result: &'static str,
    /// Why it was rejected: `already_used`, `revoked`, `expired`, `not_yet_valid`,
    /// `wrong_event` or `invalid_code`.
    pub reason: Option<&'static str>,
    /// The ticket, when the code named a ticket of this event.
    pub ticket: Option<ScanTicket>,
    /// The scan id this answer belongs to.
    pub scan_id: Uuid,
    /// True when this repeats the answer of an earlier attempt with the same scan id.
    pub replayed: bool,
}

/// Checks a code at the door (owners, managers and scanners of this event).
#[utoipa::path(post, path = "/api/v1/events/{id}/scan", tag = "door",
    params(("id" = Uuid, Path, description = "Event id")),
    request_body = ScanRequest,
    responses(
        (status = 200, description = "Admitted or rejected", body = ScanResponse),
        (status = 404, description = "No such event for this caller", body = Problem),
        (status = 409, description = "The scan_id was already used for another ticket or event (`scan_id_reused`)", body = Problem),
        (status = 429, description = "Too many scans; see Retry-After", body = Problem),
    ))]
pub async fn scan(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    DoorAuth(caller): DoorAuth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ScanRequest>,
) -> ApiResult<ApiJson<ScanResponse>> {
    if body.code.chars().count() > MAX_CODE_CHARS {
        return Err(ApiError::invalid_field(
            "code",
            FieldCode::TooLong,
            format!("must be at most {MAX_CODE_CHARS} characters"),
        ));
    }
    let input = ScanInput {
        presented: Presented::Code(body.code),
        mode: body.mode.into(),
        scan_id: body.scan_id,
        gate: body.gate,
        device_id: body.device_id,
    };
    door_check(&state, &ctx, &caller, EventId(id), input).await
}

async fn door_check(
    state: &AppState,
    ctx: &RequestContext,
    caller: &DoorCaller,
    event: EventId,
    input: ScanInput,
) -> ApiResult<ApiJson<ScanResponse>> {
    let started = std::time::Instant::now();
    let answer = state.door.scan(ctx, caller, event, input).await?;
    let outcome = match answer.reason {
        None => "admitted",
        Some(reason) => reason.as_str(),
    };
    metrics::counter!("scans_total", "outcome" => outcome).increment(1);
    let result = if answer.reason.is_none() {
        "admitted"
    } else {
        "rejected"
    };
    metrics::histogram!("door_scan_duration_seconds", "outcome" => result)
        .record(started.elapsed().as_secs_f64());
    Ok(ApiJson(ScanResponse {
        result: if answer.reason.is_none() {
            "admitted"
        } else {
            "rejected"
        },
        reason: answer.reason.map(|r| r.as_str()),
        ticket: answer.ticket.map(|t| ScanTicket {
            id: t.id.0,
            holder_name: (!answer.hide_names).then_some(t.details.holder_name),
            category: t.details.category,
            uses: t.uses,
            max_uses: t.details.max_uses,
            first_used_at: t.first_used_at,
            first_gate: t.first_gate,
            valid_from: t.details.valid_from,
            valid_until: t.details.valid_until,
        }),
        scan_id: answer.scan_id,
        replayed: answer.replayed,
    }))
}

/// Admits (or verifies) a ticket chosen from the door's name search, for an
/// attendee who cannot show their code.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdmitRequest {
    /// The ticket, from `GET /events/{id}/door/search`.
    pub ticket_id: Uuid,
    /// `check_in` (default) or `verify`.
    #[serde(default)]
    pub mode: ScanModeName,
    /// Client-chosen id; retries with the same id get the first answer and count once.
    pub scan_id: Option<Uuid>,
    /// Gate label (a door device's own gate wins).
    pub gate: Option<String>,
}

/// Lets a person in by name: the same rules and answer as a scan (used,
/// revoked, window), with no code. Audited as a `ticket.scan` with
/// `manual: true`; members and devices of this event.
#[utoipa::path(post, path = "/api/v1/events/{id}/door/admit", tag = "door",
    params(("id" = Uuid, Path, description = "Event id")),
    request_body = AdmitRequest,
    responses(
        (status = 200, description = "Admitted or rejected (`invalid_code` when the ticket is not of this event)", body = ScanResponse),
        (status = 409, description = "The scan_id was already used for another ticket or event (`scan_id_reused`)", body = Problem),
        (status = 404, description = "No such event for this caller", body = Problem),
        (status = 429, description = "Too many scans; see Retry-After", body = Problem),
    ))]
pub async fn admit(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    DoorAuth(caller): DoorAuth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<AdmitRequest>,
) -> ApiResult<ApiJson<ScanResponse>> {
    let input = ScanInput {
        presented: Presented::Ticket(TicketId(body.ticket_id)),
        mode: body.mode.into(),
        scan_id: body.scan_id,
        gate: body.gate,
        device_id: None,
    };
    door_check(&state, &ctx, &caller, EventId(id), input).await
}

/// The event as the door needs it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PackEvent {
    /// Event id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Venue.
    pub venue: String,
    /// IANA time zone.
    pub timezone: String,
}

impl From<&Event> for PackEvent {
    fn from(event: &Event) -> Self {
        Self {
            id: event.id.0,
            name: event.details.name.as_str().to_owned(),
            starts_at: event.details.starts_at,
            ends_at: event.details.ends_at,
            venue: event.details.venue.clone(),
            timezone: event.details.timezone.as_str().to_owned(),
        }
    }
}

/// A public key codes are accepted from.
#[derive(Debug, Serialize, ToSchema)]
pub struct PackKey {
    /// Key id: 8 lower-case hex characters.
    pub kid: String,
    /// Ed25519 public key, base64url without padding (32 bytes).
    pub public_key: String,
}

/// The rules a device applies.
#[derive(Debug, Serialize, ToSchema)]
pub struct PackRules {
    /// Tolerance on both ends of a ticket's validity window, in seconds.
    pub clock_skew_secs: i64,
    /// Whether tickets carry holders' names (an event setting).
    pub names: bool,
}

/// A ticket as the door sees it: never an e-mail address, note, code or link key.
#[derive(Debug, Serialize, ToSchema)]
pub struct PackTicket {
    /// Ticket id.
    pub id: Uuid,
    /// `active` or `revoked`.
    #[schema(value_type = String, example = "active")]
    pub status: TicketStatus,
    /// Admissions counted.
    pub uses: i32,
    /// Admissions allowed.
    pub max_uses: i32,
    /// Valid from.
    pub valid_from: DateTime<Utc>,
    /// Valid until (exclusive).
    pub valid_until: DateTime<Utc>,
    /// Category.
    pub category: String,
    /// Holder's name; absent when the event keeps names off door devices.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder_name: Option<String>,
}

impl From<DoorTicket> for PackTicket {
    fn from(t: DoorTicket) -> Self {
        Self {
            id: t.id.0,
            status: t.status,
            uses: t.uses,
            max_uses: t.max_uses,
            valid_from: t.valid_from,
            valid_until: t.valid_until,
            category: t.category,
            holder_name: t.holder_name,
        }
    }
}

/// What a door device needs to decide alone.
#[derive(Debug, Serialize, ToSchema)]
pub struct DoorPackResponse {
    /// The event.
    pub event: PackEvent,
    /// Every accepted signing key.
    pub keys: Vec<PackKey>,
    /// Decision rules.
    pub rules: PackRules,
    /// All tickets (`full`), or those changed since `since`.
    pub tickets: Vec<PackTicket>,
    /// Pass as `since` to get the next delta.
    pub cursor: String,
    /// True for a whole pack, false for a delta.
    pub full: bool,
    /// When the pack was read.
    pub generated_at: DateTime<Utc>,
}

/// Delta position of a pack.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PackParams {
    /// The `cursor` of an earlier pack: only tickets changed since.
    pub since: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct PackCursor {
    /// Change position.
    c: i64,
    /// Names setting of the pack.
    n: bool,
}

impl From<DoorPack> for DoorPackResponse {
    fn from(p: DoorPack) -> Self {
        Self {
            event: PackEvent::from(&p.event),
            keys: p
                .keys
                .into_iter()
                .map(|(kid, public)| PackKey {
                    kid: kid.to_string(),
                    public_key: URL_SAFE_NO_PAD.encode(public),
                })
                .collect(),
            rules: PackRules {
                clock_skew_secs: p.clock_skew.num_seconds(),
                names: p.event.door_names,
            },
            tickets: p.tickets.into_iter().map(PackTicket::from).collect(),
            cursor: pagination::encode(&PackCursor {
                c: p.cursor,
                n: p.event.door_names,
            }),
            full: p.full,
            generated_at: p.generated_at,
        }
    }
}

/// JSON, gzip-compressed when the client accepts it (a whole pack of
/// 100,000 tickets is about 20 MB of JSON and compresses about eightfold).
/// Serialising and compressing take a few hundred milliseconds for such a
/// pack, so they run on the blocking pool, never on a request worker.
async fn json_maybe_gzip(
    headers: &HeaderMap,
    body: impl Serialize + Send + 'static,
) -> ApiResult<Response> {
    let gzip = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|enc| {
            let mut parts = enc.split(';');
            parts.next().map(str::trim) == Some("gzip")
                && !parts.any(|p| p.trim().replace(' ', "") == "q=0")
        });
    let encoded = tokio::task::spawn_blocking(move || encode(&body, gzip))
        .await
        .map_err(ApiError::internal)??;
    let content_type = (
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    let vary = (header::VARY, HeaderValue::from_static("accept-encoding"));
    Ok(match encoded {
        (bytes, true) => (
            [
                content_type,
                vary,
                (header::CONTENT_ENCODING, HeaderValue::from_static("gzip")),
            ],
            bytes,
        )
            .into_response(),
        (bytes, false) => ([content_type, vary], bytes).into_response(),
    })
}

/// The JSON of `body`, gzip-compressed (`true`) when asked and worth it.
fn encode(body: &impl Serialize, gzip: bool) -> ApiResult<(Vec<u8>, bool)> {
    let json = serde_json::to_vec(body).map_err(ApiError::internal)?;
    if !gzip || json.len() < 1024 {
        return Ok((json, false));
    }
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(json.len() / 8),
        // Level 4: 100,000 tickets in 2.7 MB; level 1 of zlib-rs gives 4 MB.
        flate2::Compression::new(4),
    );
    encoder.write_all(&json).map_err(ApiError::internal)?;
    Ok((encoder.finish().map_err(ApiError::internal)?, true))
}

/// The offline pack: the event, its public keys and the door's view of every
/// ticket; with `since`, only tickets changed since that cursor. Owners,
/// managers and scanners.
#[utoipa::path(get, path = "/api/v1/events/{id}/door/pack", tag = "door",
    params(("id" = Uuid, Path, description = "Event id"), PackParams),
    responses(
        (status = 200, description = "The pack (gzip when accepted)", body = DoorPackResponse),
        (status = 400, description = "Not a cursor of this endpoint", body = Problem),
        (status = 404, description = "No such event for this caller", body = Problem),
    ))]
pub async fn pack(
    State(state): State<AppState>,
    DoorAuth(caller): DoorAuth,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<PackParams>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let since = pagination::decode::<PackCursor>(params.since.as_deref())
        .map_err(|_| {
            ApiError::invalid_field(
                "since",
                FieldCode::Invalid,
                "is not a cursor returned by the pack",
            )
        })?
        .map(|c| PackSince {
            position: c.c,
            names: c.n,
        });
    let pack = state.door.pack(&caller, EventId(id), since).await?;
    json_maybe_gzip(&headers, DoorPackResponse::from(pack)).await
}

/// What the device decided offline.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OfflineResult {
    /// The person was let in.
    Admitted,
    /// The person was turned away.
    Rejected,
}

/// The door's reason codes.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReasonName {
    /// No use left.
    AlreadyUsed,
    /// Revoked.
    Revoked,
    /// Window ended.
    Expired,
    /// Window not started.
    NotYetValid,
    /// Another event's code.
    WrongEvent,
    /// Not a genuine code.
    InvalidCode,
}

impl From<ReasonName> for RejectReason {
    fn from(r: ReasonName) -> Self {
        match r {
            ReasonName::AlreadyUsed => Self::AlreadyUsed,
            ReasonName::Revoked => Self::Revoked,
            ReasonName::Expired => Self::Expired,
            ReasonName::NotYetValid => Self::NotYetValid,
            ReasonName::WrongEvent => Self::WrongEvent,
            ReasonName::InvalidCode => Self::InvalidCode,
        }
    }
}

/// One offline decision.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SyncScanRequest {
    /// The id the device gave this scan; uploads are idempotent by it.
    pub scan_id: Uuid,
    /// The text read from the QR code.
    pub code: String,
    /// `check_in` (default) or `verify`.
    #[serde(default)]
    pub mode: ScanModeName,
    /// Gate label.
    pub gate: Option<String>,
    /// Device time of the scan (RFC 3339).
    pub scanned_at: DateTime<Utc>,
    /// What the device decided.
    pub offline_result: OfflineResult,
    /// Its reason, required when `rejected`.
    pub offline_reason: Option<ReasonName>,
}

/// An upload of offline decisions, oldest first.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SyncRequest {
    /// The uploading device (stable per installed door app).
    pub device_id: Option<Uuid>,
    /// Scans still waiting on the device besides these (reported).
    pub pending: Option<u32>,
    /// Build of the door app (reported, shown in the device list).
    pub app_version: Option<String>,
    /// Up to 1,000 scans.
    pub scans: Vec<SyncScanRequest>,
}

/// What the server made of one uploaded scan.
#[derive(Debug, Serialize, ToSchema)]
pub struct SyncResultView {
    /// The scan.
    pub scan_id: Uuid,
    /// `admitted`, `rejected` or `conflict`.
    #[schema(example = "admitted")]
    pub result: &'static str,
    /// Refusal or conflict reason; `scan_id_reused` when the id belongs to another ticket.
    pub reason: Option<&'static str>,
    /// True when this scan id was processed before (this is its first answer).
    pub replayed: bool,
    /// The ticket concerned.
    pub ticket_id: Option<Uuid>,
}

/// One admission of a conflict.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConflictScanView {
    /// Scan id.
    pub scan_id: Option<Uuid>,
    /// Gate.
    pub gate: Option<String>,
    /// Device.
    pub device_id: Option<Uuid>,
    /// User who scanned.
    pub user_id: Option<Uuid>,
    /// When it was scanned (device time for offline scans).
    pub scanned_at: DateTime<Utc>,
    /// When the server learnt of it.
    pub received_at: DateTime<Utc>,
    /// Decided offline.
    pub offline: bool,
}

impl From<ConflictScan> for ConflictScanView {
    fn from(s: ConflictScan) -> Self {
        Self {
            scan_id: s.scan_id,
            gate: s.gate,
            device_id: s.device_id,
            user_id: s.user_id.map(|u| u.0),
            scanned_at: s.scanned_at,
            received_at: s.received_at,
            offline: s.offline,
        }
    }
}

/// A ticket admitted at the door when the server would have refused it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConflictView {
    /// Conflict id.
    pub id: Uuid,
    /// Ticket.
    pub ticket_id: Uuid,
    /// Holder's name.
    pub holder_name: String,
    /// Category.
    pub category: String,
    /// `already_used`, `revoked`, `expired` or `not_yet_valid`.
    #[schema(example = "already_used")]
    pub reason: &'static str,
    /// When the server found it.
    pub detected_at: DateTime<Utc>,
    /// The earlier admission (for `already_used`).
    pub first: Option<ConflictScanView>,
    /// The later admission, beyond the ticket's uses.
    pub second: ConflictScanView,
}

impl From<Conflict> for ConflictView {
    fn from(c: Conflict) -> Self {
        Self {
            id: c.id,
            ticket_id: c.ticket_id.0,
            holder_name: c.holder_name,
            category: c.category,
            reason: c.reason.as_str(),
            detected_at: c.detected_at,
            first: c.first.map(ConflictScanView::from),
            second: c.second.into(),
        }
    }
}

/// The answer to an upload.
#[derive(Debug, Serialize, ToSchema)]
pub struct SyncResponse {
    /// One result per uploaded scan, in upload order.
    pub results: Vec<SyncResultView>,
    /// Conflicts in which this device made the later admission, not told before.
    pub conflicts: Vec<ConflictView>,
}

/// Uploads offline decisions (owners, managers, scanners). Idempotent by
/// `scan_id`; an offline admission the server would refuse is recorded as a
/// conflict, never dropped.
#[utoipa::path(post, path = "/api/v1/events/{id}/door/sync", tag = "door",
    params(("id" = Uuid, Path, description = "Event id")),
    request_body = SyncRequest,
    responses(
        (status = 200, description = "One result per scan", body = SyncResponse),
        (status = 404, description = "No such event for this caller", body = Problem),
        (status = 422, description = "Invalid scans; nothing recorded", body = Problem),
    ))]
pub async fn sync(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    DoorAuth(caller): DoorAuth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<SyncRequest>,
) -> ApiResult<ApiJson<SyncResponse>> {
    let scans = body
        .scans
        .into_iter()
        .map(|s| SyncScan {
            scan_id: s.scan_id,
            code: s.code,
            mode: s.mode.into(),
            gate: s.gate,
            scanned_at: s.scanned_at,
            offline_admitted: matches!(s.offline_result, OfflineResult::Admitted),
            offline_reason: s.offline_reason.map(RejectReason::from),
        })
        .collect();
    let report = state
        .door
        .sync(
            &ctx,
            &caller,
            EventId(id),
            SyncInput {
                device_id: body.device_id,
                pending: body.pending,
                app_version: body.app_version,
                scans,
            },
        )
        .await?;
    for r in report.results.iter().filter(|r| !r.replayed) {
        metrics::counter!("door_sync_scans_total", "result" => r.verdict.result()).increment(1);
    }
    metrics::counter!("door_conflicts_total").increment(report.conflicts.len() as u64);
    Ok(ApiJson(SyncResponse {
        results: report
            .results
            .into_iter()
            .map(|r| SyncResultView {
                scan_id: r.scan_id,
                result: r.verdict.result(),
                reason: r.verdict.reason(),
                replayed: r.replayed,
                ticket_id: r.ticket_id.map(|t| t.0),
            })
            .collect(),
        conflicts: report
            .conflicts
            .into_iter()
            .map(ConflictView::from)
            .collect(),
    }))
}

/// Page of a conflict list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConflictParams {
    /// Page size, 1–100 (default 50).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct ConflictKey {
    t: DateTime<Utc>,
    i: Uuid,
}

/// The event's door conflicts, newest first (owners and managers).
#[utoipa::path(get, path = "/api/v1/events/{id}/door/conflicts", tag = "door",
    params(("id" = Uuid, Path, description = "Event id"), ConflictParams),
    responses(
        (status = 200, description = "A page of conflicts", body = Page<ConflictView>),
        (status = 404, description = "No such event for this caller", body = Problem),
    ))]
pub async fn conflicts(
    State(state): State<AppState>,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<ConflictParams>,
) -> ApiResult<ApiJson<Page<ConflictView>>> {
    let limit = pagination::limit(params.limit)?;
    let after =
        pagination::decode::<ConflictKey>(params.cursor.as_deref())?.map(|k| ConflictCursor {
            detected_at: k.t,
            id: k.i,
        });
    let rows = state
        .door
        .conflicts(&principal, EventId(id), after, limit + 1)
        .await?;
    Ok(ApiJson(pagination::page(
        rows,
        limit,
        |c| ConflictKey {
            t: c.detected_at,
            i: c.id,
        },
        ConflictView::from,
    )))
}

/// `?q=` of the door name search.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Part of a holder's name, 2 to 100 characters.
    #[param(min_length = 2, max_length = 100)]
    pub q: String,
}

/// A ticket as the door's name search shows it: never an address or a note.
#[derive(Debug, Serialize, ToSchema)]
pub struct DoorSearchHit {
    /// Ticket id.
    pub ticket_id: Uuid,
    /// Holder name.
    pub holder_name: String,
    /// Category.
    pub category: String,
    /// `active` or `revoked`.
    #[schema(value_type = String, example = "active")]
    pub status: TicketStatus,
    /// Admissions so far.
    pub uses: i32,
    /// Admissions allowed.
    pub max_uses: i32,
}

/// The door's matches for a name.
#[derive(Debug, Serialize, ToSchema)]
pub struct DoorSearchResponse {
    /// At most five tickets.
    pub items: Vec<DoorSearchHit>,
}

/// Finds a handful of tickets by holder name, for an attendee who cannot
/// show their code (members and enrolled devices of this event). Throttled
/// per caller (20 a minute) and audited without the query text.
#[utoipa::path(get, path = "/api/v1/events/{id}/door/search", tag = "door",
    params(("id" = Uuid, Path, description = "Event id"), SearchParams),
    responses(
        (status = 200, description = "Up to five matches", body = DoorSearchResponse),
        (status = 404, description = "No such event for this caller", body = Problem),
        (status = 422, description = "`q` shorter than 2 or longer than 100 characters", body = Problem),
        (status = 429, description = "Too many searches; see Retry-After", body = Problem),
    ))]
pub async fn search(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    DoorAuth(caller): DoorAuth,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> ApiResult<ApiJson<DoorSearchResponse>> {
    let tickets = state
        .door
        .search(&ctx, &caller, EventId(id), &params.q)
        .await?;
    Ok(ApiJson(DoorSearchResponse {
        items: tickets
            .into_iter()
            .map(|t| DoorSearchHit {
                ticket_id: t.id.0,
                holder_name: t.details.holder_name,
                category: t.details.category,
                status: t.status,
                uses: t.uses,
                max_uses: t.details.max_uses,
            })
            .collect(),
    }))
}
