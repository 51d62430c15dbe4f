//! `/api/v1/events/{id}/tickets*`, `/stats` and the public
//! attendee endpoints.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use qr_event_domain::{EventId, FieldCode, ProblemCode, TicketDraft, TicketId, TicketStatus};
use qr_event_qr::{EcLevel, RenderOptions};
use qr_event_service::{Batch, RenderFormat, TicketView};
use qr_event_storage::{TicketCursor, TicketQuery};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult, Problem, ProblemField};
use crate::extract::{ApiJson, ApiPath, ApiQuery, Auth, Ctx};
use crate::pagination::{self, Page};
use crate::routes::print::LocaleName;
use crate::AppState;

/// A ticket to issue. Absent validity bounds default to the event's window
/// widened by the configured margin.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TicketRequest {
    /// Holder's name, shown at the door.
    pub holder_name: String,
    /// Holder's e-mail address.
    pub holder_email: Option<String>,
    /// Free category, e.g. `VIP`.
    pub category: Option<String>,
    /// Valid from (RFC 3339).
    pub valid_from: Option<DateTime<Utc>>,
    /// Valid until (RFC 3339, exclusive).
    pub valid_until: Option<DateTime<Utc>>,
    /// Admissions allowed (1–1000, default 1; above 1 allows re-entry).
    pub max_uses: Option<i32>,
    /// Organizer's note (never shown at the door).
    pub note: Option<String>,
    /// Language of the printed ticket; absent follows the event's.
    #[schema(value_type = Option<LocaleName>)]
    pub locale: Option<String>,
}

impl From<TicketRequest> for TicketDraft {
    fn from(r: TicketRequest) -> Self {
        TicketDraft {
            holder_name: r.holder_name,
            holder_email: r.holder_email,
            category: r.category,
            valid_from: r.valid_from,
            valid_until: r.valid_until,
            max_uses: r.max_uses,
            note: r.note,
            locale: r.locale,
        }
    }
}

/// Bulk issue: either `count` tickets sharing the other fields, or an
/// explicit `tickets` list. Up to 100,000, all or nothing.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchRequest {
    /// How many tickets to issue from the shared fields.
    pub count: Option<usize>,
    /// Explicit tickets.
    pub tickets: Option<Vec<TicketRequest>>,
    /// Shared holder name (default "<category or Guest> <n>").
    pub holder_name: Option<String>,
    /// Shared category.
    pub category: Option<String>,
    /// Shared start of validity.
    pub valid_from: Option<DateTime<Utc>>,
    /// Shared end of validity.
    pub valid_until: Option<DateTime<Utc>>,
    /// Shared admissions allowed.
    pub max_uses: Option<i32>,
    /// Shared note.
    pub note: Option<String>,
    /// Shared language of the printed tickets.
    #[schema(value_type = Option<LocaleName>)]
    pub locale: Option<String>,
}

/// Result of a bulk issue.
#[derive(Debug, Serialize, ToSchema)]
pub struct BatchResult {
    /// Tickets created.
    pub issued: usize,
}

/// A ticket as shown to event staff. `code`, `access_key` and `attendee_path`
/// are present for owners and managers only.
#[derive(Debug, Serialize, ToSchema)]
pub struct TicketResponse {
    /// Ticket id (inside the QR code).
    pub id: Uuid,
    /// Event id.
    pub event_id: Uuid,
    /// Holder's name.
    pub holder_name: String,
    /// Holder's e-mail.
    pub holder_email: Option<String>,
    /// Category.
    pub category: String,
    /// Organizer's note.
    pub note: String,
    /// Language of the printed ticket; `null` follows the event's.
    #[schema(value_type = Option<LocaleName>)]
    pub locale: Option<String>,
    /// Valid from.
    pub valid_from: DateTime<Utc>,
    /// Valid until (exclusive).
    pub valid_until: DateTime<Utc>,
    /// Admissions allowed.
    pub max_uses: i32,
    /// Admissions so far.
    pub uses: i32,
    /// `active` or `revoked`.
    #[schema(value_type = String, example = "active")]
    pub status: TicketStatus,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
    /// The ticket that replaced it.
    pub replaced_by: Option<Uuid>,
    /// First admission.
    pub first_used_at: Option<DateTime<Utc>>,
    /// Gate of the first admission.
    pub first_gate: Option<String>,
    /// Latest admission.
    pub last_used_at: Option<DateTime<Utc>>,
    /// Issue time.
    pub created_at: DateTime<Utc>,
    /// The exact string inside the QR code.
    pub code: Option<String>,
    /// Key of the public attendee page.
    pub access_key: Option<String>,
    /// Path of the public attendee page (`/t/{access_key}`).
    pub attendee_path: Option<String>,
}

fn ticket_response(view: TicketView) -> TicketResponse {
    let t = view.ticket;
    TicketResponse {
        id: t.id.0,
        event_id: t.event_id.0,
        holder_name: t.details.holder_name,
        holder_email: t.details.holder_email.map(|e| e.as_str().to_owned()),
        category: t.details.category,
        note: t.details.note,
        locale: t.details.locale.map(|l| l.as_str().to_owned()),
        valid_from: t.details.valid_from,
        valid_until: t.details.valid_until,
        max_uses: t.details.max_uses,
        uses: t.uses,
        status: t.status,
        revoked_at: t.revoked_at,
        replaced_by: t.replaced_by.map(|r| r.0),
        first_used_at: t.first_used_at,
        first_gate: t.first_gate,
        last_used_at: t.last_used_at,
        created_at: t.created_at,
        attendee_path: view.access_key.as_ref().map(|k| format!("/t/{k}")),
        access_key: view.access_key,
        code: view.code,
    }
}

/// Filters of the ticket list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TicketListParams {
    /// Page size, 1 to 100 (default 50).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
    /// Opaque cursor from a previous page.
    pub cursor: Option<String>,
    /// Case-insensitive search in holder name and e-mail.
    pub q: Option<String>,
    /// `active` or `revoked`.
    pub status: Option<String>,
    /// `true`: admitted at least once; `false`: never.
    pub used: Option<bool>,
}

fn event_ticket(id: Uuid, ticket: Uuid) -> (EventId, TicketId) {
    (EventId(id), TicketId(ticket))
}

/// An event's tickets by issue time (any member; codes for managers only).
#[utoipa::path(get, path = "/api/v1/events/{id}/tickets", tag = "tickets", operation_id = "list_tickets",
    params(("id" = Uuid, Path, description = "Event id"), TicketListParams),
    responses(
        (status = 200, description = "A page of tickets", body = Page<TicketResponse>),
        (status = 404, description = "No such event for this caller", body = Problem),
    ))]
pub async fn list(
    State(state): State<AppState>,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<TicketListParams>,
) -> ApiResult<ApiJson<Page<TicketResponse>>> {
    let limit = pagination::limit(params.limit)?;
    let after = pagination::decode::<(DateTime<Utc>, Uuid)>(params.cursor.as_deref())?;
    let status = match params.status.as_deref() {
        None | Some("") => None,
        Some(s) => Some(TicketStatus::parse(s).ok_or_else(|| {
            ApiError::invalid_field("status", FieldCode::Unknown, "must be active or revoked")
        })?),
    };
    let search = params
        .q
        .map(|q| q.trim().to_owned())
        .filter(|q| !q.is_empty());
    if search.as_ref().is_some_and(|q| q.chars().count() > 200) {
        return Err(ApiError::invalid_field(
            "q",
            FieldCode::TooLong,
            "must be at most 200 characters",
        ));
    }
    let query = TicketQuery {
        search,
        status,
        used: params.used,
        after: after.map(|(created_at, id)| TicketCursor {
            created_at,
            id: TicketId(id),
        }),
        limit: limit + 1,
        newest_first: true,
        ..TicketQuery::default()
    };
    let rows = state.tickets.list(&principal, EventId(id), &query).await?;
    Ok(ApiJson(pagination::page(
        rows,
        limit,
        |v| (v.ticket.created_at, v.ticket.id.0),
        ticket_response,
    )))
}

/// Issues one ticket (owners and managers).
#[utoipa::path(post, path = "/api/v1/events/{id}/tickets", tag = "tickets", operation_id = "create_ticket",
    params(("id" = Uuid, Path, description = "Event id")),
    request_body = TicketRequest,
    responses(
        (status = 201, description = "Issued; carries its code", body = TicketResponse),
        (status = 403, description = "Scanners may not issue", body = Problem),
        (status = 422, description = "Invalid fields", body = Problem),
    ))]
pub async fn create(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<TicketRequest>,
) -> ApiResult<Response> {
    let view = state
        .tickets
        .issue(&ctx, &principal, EventId(id), body.into())
        .await?;
    Ok((StatusCode::CREATED, ApiJson(ticket_response(view))).into_response())
}

/// Issues many tickets in one transaction (owners and managers).
#[utoipa::path(post, path = "/api/v1/events/{id}/tickets/batch", operation_id = "create_tickets_batch", tag = "tickets",
    params(("id" = Uuid, Path, description = "Event id")),
    request_body = BatchRequest,
    responses(
        (status = 201, description = "Issued", body = BatchResult),
        (status = 422, description = "Invalid fields; nothing issued", body = Problem),
    ))]
pub async fn batch(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<BatchRequest>,
) -> ApiResult<Response> {
    let batch = match (body.count, body.tickets) {
        (Some(count), None) => Batch::Count {
            count,
            template: TicketDraft {
                holder_name: body.holder_name.unwrap_or_default(),
                holder_email: None,
                category: body.category,
                valid_from: body.valid_from,
                valid_until: body.valid_until,
                max_uses: body.max_uses,
                note: body.note,
                locale: body.locale,
            },
        },
        (None, Some(list)) => {
            if body.holder_name.is_some()
                || body.category.is_some()
                || body.max_uses.is_some()
                || body.locale.is_some()
            {
                return Err(ApiError::invalid_field(
                    "tickets",
                    FieldCode::Exclusive,
                    "give shared fields with count, or full tickets in the list, not both",
                ));
            }
            Batch::List(list.into_iter().map(TicketDraft::from).collect())
        }
        _ => {
            return Err(ApiError::invalid_field(
                "count",
                FieldCode::Required,
                "give either count or tickets",
            ))
        }
    };
    let issued = state
        .tickets
        .issue_batch(&ctx, &principal, EventId(id), batch)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(BatchResult { issued })).into_response())
}

/// `?dry_run=` of an import.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// Check every row and report, importing nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// A bad row of an import.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportRowError {
    /// Line in the file (the header is line 1).
    pub line: u64,
    /// Column.
    pub field: String,
    /// Stable code (one of `FieldCode`).
    #[schema(value_type = String)]
    pub code: FieldCode,
    /// Explanation.
    pub message: String,
}

/// What an import found and did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportResult {
    /// Data rows read.
    pub rows: usize,
    /// Tickets created (0 for a dry run).
    pub imported: usize,
    /// True for a dry run.
    pub dry_run: bool,
    /// Every bad row (empty when the file is good).
    pub errors: Vec<ImportRowError>,
}

/// Imports tickets from CSV (`text/csv`; columns holder_name, holder_email,
/// category, valid_from, valid_until, max_uses, note; header required). With
/// `dry_run=true` only reports; otherwise imports everything or, if any row
/// is bad, nothing (422 listing every bad row).
#[utoipa::path(post, path = "/api/v1/events/{id}/tickets/import", operation_id = "import_tickets", tag = "tickets",
    params(("id" = Uuid, Path, description = "Event id"), ImportParams),
    request_body(content = String, content_type = "text/csv"),
    responses(
        (status = 200, description = "Dry-run report", body = ImportResult),
        (status = 201, description = "Imported", body = ImportResult),
        (status = 415, description = "Not text/csv", body = Problem),
        (status = 422, description = "Bad rows; nothing imported", body = Problem),
    ))]
pub async fn import(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<ImportParams>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let is_csv = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| {
            matches!(
                m.trim().to_ascii_lowercase().as_str(),
                "text/csv" | "text/plain"
            )
        });
    if !is_csv {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ProblemCode::UnsupportedMediaType,
            "send the file as text/csv",
        ));
    }
    let report = state
        .tickets
        .import_csv(&ctx, &principal, EventId(id), body.into(), params.dry_run)
        .await?;
    if !params.dry_run && !report.errors.is_empty() {
        let fields = report
            .errors
            .into_iter()
            .map(|e| ProblemField {
                field: e.field,
                code: e.code,
                message: e.message,
                line: Some(e.line),
            })
            .collect();
        return Err(ApiError::with_fields(
            StatusCode::UNPROCESSABLE_ENTITY,
            ProblemCode::ValidationFailed,
            "some rows are invalid; nothing was imported",
            fields,
        ));
    }
    let status = if params.dry_run {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    let result = ImportResult {
        rows: report.rows,
        imported: report.imported,
        dry_run: params.dry_run,
        errors: report
            .errors
            .into_iter()
            .map(|e| ImportRowError {
                line: e.line,
                field: e.field,
                code: e.code,
                message: e.message,
            })
            .collect(),
    };
    Ok((status, ApiJson(result)).into_response())
}

pub(super) fn download(content_type: &'static str, filename: &str, bytes: Vec<u8>) -> Response {
    download_body(content_type, filename, axum::body::Body::from(bytes))
}

fn download_body(content_type: &'static str, filename: &str, body: axum::body::Body) -> Response {
    let safe: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\""))
        .unwrap_or(HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// Every ticket as CSV (any member; codes and attendee keys for owners and managers only).
#[utoipa::path(get, path = "/api/v1/events/{id}/tickets/export.csv", operation_id = "export_tickets", tag = "tickets",
    params(("id" = Uuid, Path, description = "Event id")),
    responses(
        (status = 200, description = "CSV file", content_type = "text/csv"),
        (status = 404, description = "No such event for this caller", body = Problem),
    ))]
pub async fn export(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Response> {
    let stream = state
        .tickets
        .export_csv(&ctx, &principal, EventId(id))
        .await?;
    let body = axum::body::Body::from_stream(futures_util::TryStreamExt::map_err(stream, |err| {
        // Headers are gone by now: the connection is cut and the cause logged.
        tracing::error!(error = %err, "ticket export failed mid-stream");
        std::io::Error::other("export failed")
    }));
    Ok(download_body(
        "text/csv; charset=utf-8",
        &format!("tickets-{id}.csv"),
        body,
    ))
}

/// One ticket.
#[utoipa::path(get, path = "/api/v1/events/{id}/tickets/{ticket_id}", tag = "tickets", operation_id = "get_ticket",
    params(("id" = Uuid, Path, description = "Event id"), ("ticket_id" = Uuid, Path, description = "Ticket id")),
    responses(
        (status = 200, description = "The ticket", body = TicketResponse),
        (status = 404, description = "No such ticket for this caller", body = Problem),
    ))]
pub async fn get(
    State(state): State<AppState>,
    Auth(principal): Auth,
    ApiPath((id, ticket)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<ApiJson<TicketResponse>> {
    let (event, ticket) = event_ticket(id, ticket);
    Ok(ApiJson(ticket_response(
        state.tickets.get(&principal, event, ticket).await?,
    )))
}

/// Revokes a ticket: its code answers `revoked` at once.
#[utoipa::path(post, path = "/api/v1/events/{id}/tickets/{ticket_id}/revoke", operation_id = "revoke_ticket", tag = "tickets",
    params(("id" = Uuid, Path, description = "Event id"), ("ticket_id" = Uuid, Path, description = "Ticket id")),
    responses(
        (status = 200, description = "Revoked", body = TicketResponse),
        (status = 403, description = "Scanners may not revoke", body = Problem),
        (status = 409, description = "Already revoked (`ticket_revoked`)", body = Problem),
    ))]
pub async fn revoke(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath((id, ticket)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<ApiJson<TicketResponse>> {
    let (event, ticket) = event_ticket(id, ticket);
    Ok(ApiJson(ticket_response(
        state
            .tickets
            .revoke(&ctx, &principal, event, ticket)
            .await?,
    )))
}

/// Replaces a ticket by a new one with a new code; the old code is revoked.
#[utoipa::path(post, path = "/api/v1/events/{id}/tickets/{ticket_id}/reissue", operation_id = "reissue_ticket", tag = "tickets",
    params(("id" = Uuid, Path, description = "Event id"), ("ticket_id" = Uuid, Path, description = "Ticket id")),
    responses(
        (status = 201, description = "The new ticket", body = TicketResponse),
        (status = 409, description = "Already revoked (`ticket_revoked`)", body = Problem),
    ))]
pub async fn reissue(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath((id, ticket)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Response> {
    let (event, ticket) = event_ticket(id, ticket);
    let view = state
        .tickets
        .reissue(&ctx, &principal, event, ticket)
        .await?;
    Ok((StatusCode::CREATED, ApiJson(ticket_response(view))).into_response())
}

/// Replaces the attendee link; the previous one stops working.
#[utoipa::path(post, path = "/api/v1/events/{id}/tickets/{ticket_id}/access-key", tag = "tickets",
    params(("id" = Uuid, Path, description = "Event id"), ("ticket_id" = Uuid, Path, description = "Ticket id")),
    responses((status = 200, description = "The ticket with its new link", body = TicketResponse)))]
pub async fn rotate_access(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath((id, ticket)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<ApiJson<TicketResponse>> {
    let (event, ticket) = event_ticket(id, ticket);
    Ok(ApiJson(ticket_response(
        state
            .tickets
            .rotate_access(&ctx, &principal, event, ticket)
            .await?,
    )))
}

/// Size, quiet zone and error correction of a QR image.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RenderParams {
    /// Edge in pixels, 64–2048 (default 512).
    #[param(minimum = 64, maximum = 2048)]
    pub size: Option<u32>,
    /// Quiet zone in modules, 0–16 (default 4).
    #[param(minimum = 0, maximum = 16)]
    pub margin: Option<u32>,
    /// Error correction: L, M (default), Q or H.
    #[param(pattern = "^[LMQHlmqh]$")]
    pub ec: Option<String>,
}

fn render_options(params: &RenderParams) -> ApiResult<RenderOptions> {
    let mut options = RenderOptions::default();
    if let Some(size) = params.size {
        if !(64..=2048).contains(&size) {
            return Err(ApiError::invalid_field(
                "size",
                FieldCode::OutOfRange,
                "must be between 64 and 2048",
            ));
        }
        options.size = size;
    }
    if let Some(margin) = params.margin {
        if margin > 16 {
            return Err(ApiError::invalid_field(
                "margin",
                FieldCode::OutOfRange,
                "must be between 0 and 16",
            ));
        }
        options.margin = margin;
    }
    if let Some(ec) = &params.ec {
        options.ec = ec.parse::<EcLevel>().map_err(|_| {
            ApiError::invalid_field("ec", FieldCode::Unknown, "must be L, M, Q or H")
        })?;
    }
    Ok(options)
}

async fn qr_image(
    state: AppState,
    ctx: qr_event_service::RequestContext,
    principal: qr_event_service::Principal,
    (id, ticket): (Uuid, Uuid),
    params: RenderParams,
    format: RenderFormat,
) -> ApiResult<Response> {
    let options = render_options(&params)?;
    let (event, ticket) = event_ticket(id, ticket);
    let bytes = state
        .tickets
        .render(&ctx, &principal, event, ticket, format, &options)
        .await?;
    Ok(image_response(format, bytes))
}

fn image_response(format: RenderFormat, bytes: Vec<u8>) -> Response {
    let content_type = match format {
        RenderFormat::Svg => "image/svg+xml",
        RenderFormat::Png => "image/png",
    };
    ([(header::CONTENT_TYPE, content_type)], bytes).into_response()
}

/// The ticket's QR code as SVG (owners and managers).
#[utoipa::path(get, path = "/api/v1/events/{id}/tickets/{ticket_id}/qr.svg", tag = "tickets",
    params(("id" = Uuid, Path, description = "Event id"), ("ticket_id" = Uuid, Path, description = "Ticket id"), RenderParams),
    responses((status = 200, description = "SVG image", content_type = "image/svg+xml")))]
pub async fn qr_svg(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath(ids): ApiPath<(Uuid, Uuid)>,
    ApiQuery(params): ApiQuery<RenderParams>,
) -> ApiResult<Response> {
    qr_image(state, ctx, principal, ids, params, RenderFormat::Svg).await
}

/// The ticket's QR code as PNG (owners and managers).
#[utoipa::path(get, path = "/api/v1/events/{id}/tickets/{ticket_id}/qr.png", tag = "tickets",
    params(("id" = Uuid, Path, description = "Event id"), ("ticket_id" = Uuid, Path, description = "Ticket id"), RenderParams),
    responses((status = 200, description = "PNG image", content_type = "image/png")))]
pub async fn qr_png(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath(ids): ApiPath<(Uuid, Uuid)>,
    ApiQuery(params): ApiQuery<RenderParams>,
) -> ApiResult<Response> {
    qr_image(state, ctx, principal, ids, params, RenderFormat::Png).await
}

/// The attendee's ticket: nothing else about the event or other tickets.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicTicketResponse {
    /// Event name.
    pub event_name: String,
    /// Event start.
    pub starts_at: DateTime<Utc>,
    /// Event end.
    pub ends_at: DateTime<Utc>,
    /// Venue.
    pub venue: String,
    /// Event time zone.
    pub timezone: String,
    /// Holder's name.
    pub holder_name: String,
    /// Category.
    pub category: String,
    /// `active` or `revoked`.
    #[schema(value_type = String)]
    pub status: TicketStatus,
    /// Valid from.
    pub valid_from: DateTime<Utc>,
    /// Valid until.
    pub valid_until: DateTime<Utc>,
    /// The QR code text (absent when revoked).
    pub code: Option<String>,
    /// The language chosen for the ticket (its own, else the event's);
    /// `null` when neither chose one. The page speaks it unless the person
    /// picked a language on this device.
    #[schema(value_type = Option<LocaleName>)]
    pub locale: Option<String>,
    /// The phone wallets the ticket can be added to here (none when
    /// revoked or without credentials).
    pub wallets: super::wallet::WalletsView,
}

/// The attendee page data for a link key (no login).
#[utoipa::path(get, path = "/api/v1/public/tickets/{access_key}", tag = "public",
    params(("access_key" = String, Path, description = "Key from the attendee link")),
    responses(
        (status = 200, description = "The ticket", body = PublicTicketResponse),
        (status = 404, description = "Unknown or replaced link", body = Problem),
    ))]
pub async fn public_ticket(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    ApiPath(key): ApiPath<String>,
) -> ApiResult<ApiJson<PublicTicketResponse>> {
    let p = state.tickets.public_ticket(&ctx, &key).await?;
    let locale = (p.ticket.details.locale)
        .or(p.event.details.locale)
        .map(|l| l.as_str().to_owned());
    Ok(ApiJson(PublicTicketResponse {
        event_name: p.event.details.name.into_inner(),
        starts_at: p.event.details.starts_at,
        ends_at: p.event.details.ends_at,
        venue: p.event.details.venue,
        timezone: p.event.details.timezone.into_inner(),
        holder_name: p.ticket.details.holder_name,
        category: p.ticket.details.category,
        status: p.ticket.status,
        valid_from: p.ticket.details.valid_from,
        valid_until: p.ticket.details.valid_until,
        wallets: super::wallet::WalletsView::offered(&state, p.code.is_some()),
        code: p.code,
        locale,
    }))
}

/// The attendee's QR code as SVG.
#[utoipa::path(get, path = "/api/v1/public/tickets/{access_key}/qr.svg", tag = "public",
    params(("access_key" = String, Path, description = "Key from the attendee link"), RenderParams),
    responses((status = 200, description = "SVG image", content_type = "image/svg+xml")))]
pub async fn public_svg(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    ApiPath(key): ApiPath<String>,
    ApiQuery(params): ApiQuery<RenderParams>,
) -> ApiResult<Response> {
    public_image(state, ctx, key, params, RenderFormat::Svg).await
}

/// The attendee's QR code as PNG.
#[utoipa::path(get, path = "/api/v1/public/tickets/{access_key}/qr.png", tag = "public",
    params(("access_key" = String, Path, description = "Key from the attendee link"), RenderParams),
    responses((status = 200, description = "PNG image", content_type = "image/png")))]
pub async fn public_png(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    ApiPath(key): ApiPath<String>,
    ApiQuery(params): ApiQuery<RenderParams>,
) -> ApiResult<Response> {
    public_image(state, ctx, key, params, RenderFormat::Png).await
}

async fn public_image(
    state: AppState,
    ctx: qr_event_service::RequestContext,
    key: String,
    params: RenderParams,
    format: RenderFormat,
) -> ApiResult<Response> {
    let options = render_options(&params)?;
    let bytes = state
        .tickets
        .public_render(&ctx, &key, format, &options)
        .await?;
    Ok(image_response(format, bytes))
}

/// The event as a calendar entry (.ics).
#[utoipa::path(get, path = "/api/v1/public/tickets/{access_key}/event.ics", tag = "public",
    params(("access_key" = String, Path, description = "Key from the attendee link")),
    responses((status = 200, description = "iCalendar", content_type = "text/calendar")))]
pub async fn public_ics(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    ApiPath(key): ApiPath<String>,
) -> ApiResult<Response> {
    let p = state.tickets.public_ticket(&ctx, &key).await?;
    let d = &p.event.details;
    let stamp = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    let text = |s: &str| {
        s.replace('\\', "\\\\")
            .replace(';', "\\;")
            .replace(',', "\\,")
            .replace(['\r', '\n'], " ")
    };
    let ics = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//QR Event//EN\r\nCALSCALE:GREGORIAN\r\nBEGIN:VEVENT\r\n\
UID:{uid}@qr-event\r\nDTSTAMP:{now}\r\nDTSTART:{start}\r\nDTEND:{end}\r\nSUMMARY:{summary}\r\nLOCATION:{venue}\r\n\
DESCRIPTION:{holder}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        uid = p.ticket.id,
        now = stamp(Utc::now()),
        start = stamp(d.starts_at),
        end = stamp(d.ends_at),
        summary = text(d.name.as_str()),
        venue = text(&d.venue),
        holder = text(&p.ticket.details.holder_name),
    );
    Ok(download(
        "text/calendar; charset=utf-8",
        "event.ics",
        ics.into_bytes(),
    ))
}
