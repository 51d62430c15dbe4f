//! Audit log reading: per event (owners, managers) and instance-wide (admins).

use axum::extract::State;
use chrono::{DateTime, Utc};
use qr_event_audit::{AuditAction, Outcome};
use qr_event_domain::{EventId, FieldCode, UserId, ValidationErrors};
use qr_event_storage::{AuditQuery, AuditRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{ApiResult, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery, Auth};
use crate::pagination::{self, Page};
use crate::AppState;

/// One audit entry. Never holds secrets.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryView {
    /// Entry id (time-ordered).
    pub id: Uuid,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// The event concerned, if any.
    pub event_id: Option<Uuid>,
    /// Who acted, if known.
    pub actor_id: Option<Uuid>,
    /// What happened (`auth.login`, `member.role_set`, …).
    pub action: String,
    /// `success` or `failure`.
    pub outcome: String,
    /// What it happened to (an account, session, event, e-mail).
    pub subject: Option<String>,
    /// Client address.
    pub client_ip: Option<String>,
    /// Request id, to find the matching log lines.
    pub request_id: Option<String>,
    /// Action-specific details.
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
}

fn entry_view(r: AuditRecord) -> AuditEntryView {
    AuditEntryView {
        id: r.id,
        at: r.at,
        event_id: r.event_id.map(|e| e.0),
        actor_id: r.actor_id.map(|u| u.0),
        action: r.action,
        outcome: r.outcome,
        subject: r.subject,
        client_ip: r.client_ip,
        request_id: r.request_id,
        details: r.details,
    }
}

/// Filters of the audit log; newest first.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Page size, 1 to 100 (default 50).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
    /// Opaque cursor from a previous page.
    pub cursor: Option<String>,
    /// Only this action.
    pub action: Option<String>,
    /// Only `success` or `failure`.
    pub outcome: Option<String>,
    /// Only entries by this account.
    pub actor: Option<Uuid>,
    /// Only entries about this subject (an account, session, event or ticket id).
    pub subject: Option<String>,
    /// Only entries about this ticket (same as `subject`).
    pub ticket: Option<Uuid>,
    /// From this time (inclusive).
    pub from: Option<DateTime<Utc>>,
    /// Before this time (exclusive).
    pub to: Option<DateTime<Utc>>,
}

fn audit_query(params: &AuditParams) -> ApiResult<(AuditQuery, u32)> {
    let mut errors = ValidationErrors::default();
    let limit = errors.take(pagination::limit(params.limit).map_err(|_| {
        ValidationErrors::one("limit", FieldCode::OutOfRange, "must be between 1 and 100")
    }));
    if let Some(action) = &params.action {
        if AuditAction::parse(action).is_none() {
            errors.push("action", FieldCode::Unknown, "is not a known audit action");
        }
    }
    if let Some(outcome) = &params.outcome {
        if Outcome::parse(outcome).is_none() {
            errors.push("outcome", FieldCode::Unknown, "must be success or failure");
        }
    }
    if let (Some(from), Some(to)) = (params.from, params.to) {
        if from >= to {
            errors.push("to", FieldCode::BeforeFrom, "must be after from");
        }
    }
    errors.into_result()?;
    let limit = limit.unwrap_or(pagination::DEFAULT_LIMIT);
    let before = pagination::decode::<Uuid>(params.cursor.as_deref())?;
    let query = AuditQuery {
        event_id: None,
        action: params.action.clone(),
        outcome: params.outcome.clone(),
        actor_id: params.actor.map(UserId),
        subject: params
            .subject
            .clone()
            .or(params.ticket.map(|t| t.to_string())),
        from: params.from,
        to: params.to,
        before,
        limit: limit + 1,
    };
    Ok((query, limit))
}

/// The event's audit log (owners and managers), newest first.
#[utoipa::path(get, path = "/api/v1/events/{id}/audit", tag = "audit",
    params(("id" = Uuid, Path, description = "Event id"), AuditParams),
    responses(
        (status = 200, description = "A page of entries", body = Page<AuditEntryView>),
        (status = 403, description = "Scanners may not read the audit log", body = Problem),
        (status = 404, description = "No such event for this caller", body = Problem),
    ))]
pub async fn event_audit(
    State(state): State<AppState>,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<AuditParams>,
) -> ApiResult<ApiJson<Page<AuditEntryView>>> {
    let (query, limit) = audit_query(&params)?;
    let rows = state.events.audit(&principal, EventId(id), query).await?;
    Ok(ApiJson(pagination::page(rows, limit, |r| r.id, entry_view)))
}

/// The whole instance's audit log (instance administrators), newest first.
#[utoipa::path(get, path = "/api/v1/admin/audit", tag = "audit",
    params(AuditParams),
    responses(
        (status = 200, description = "A page of entries", body = Page<AuditEntryView>),
        (status = 403, description = "Administrators only", body = Problem),
    ))]
pub async fn instance_audit(
    State(state): State<AppState>,
    Auth(principal): Auth,
    ApiQuery(params): ApiQuery<AuditParams>,
) -> ApiResult<ApiJson<Page<AuditEntryView>>> {
    let (query, limit) = audit_query(&params)?;
    let rows = state.auth.instance_audit(&principal, query).await?;
    Ok(ApiJson(pagination::page(rows, limit, |r| r.id, entry_view)))
}

/// Result of checking one sealed audit chain.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChainStatus {
    /// An event id, or `instance`.
    pub chain: String,
    /// True when every seal matches its entries and its predecessor.
    pub intact: bool,
    /// Seals checked.
    pub seals: u64,
    /// Entries covered by those seals.
    pub sealed_entries: u64,
    /// Entries written in the last seconds, not sealed yet.
    pub unsealed_entries: u64,
    /// The first broken seal.
    pub first_broken_seq: Option<i64>,
    /// What is wrong with it.
    pub problem: Option<String>,
}

fn chain_status(r: qr_event_audit::ChainReport) -> ChainStatus {
    ChainStatus {
        chain: r.chain,
        intact: r.intact,
        seals: r.seals,
        sealed_entries: r.sealed_entries,
        unsealed_entries: r.unsealed_entries,
        first_broken_seq: r.first_broken_seq,
        problem: r.problem,
    }
}

/// Checks that the event's audit log is intact (hash chain of sealed batches).
#[utoipa::path(get, path = "/api/v1/events/{id}/audit/verify", tag = "audit",
    params(("id" = Uuid, Path, description = "Event id")),
    responses(
        (status = 200, description = "Chain status", body = ChainStatus),
        (status = 403, description = "Owners and managers only", body = Problem),
    ))]
pub async fn verify_event(
    State(state): State<AppState>,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<ApiJson<ChainStatus>> {
    Ok(ApiJson(chain_status(
        state.events.verify_audit(&principal, EventId(id)).await?,
    )))
}

/// Checks every audit chain of the instance (administrators).
#[utoipa::path(get, path = "/api/v1/admin/audit/verify", tag = "audit",
    responses(
        (status = 200, description = "Status of every chain", body = Vec<ChainStatus>),
        (status = 403, description = "Administrators only", body = Problem),
    ))]
pub async fn verify_instance(
    State(state): State<AppState>,
    Auth(principal): Auth,
) -> ApiResult<ApiJson<Vec<ChainStatus>>> {
    let reports = state.auth.verify_all_audit(&principal).await?;
    Ok(ApiJson(reports.into_iter().map(chain_status).collect()))
}

/// Entries read per page of an audit export.
const EXPORT_PAGE: u32 = 1_000;

/// Where a streamed audit export is.
struct AuditExport {
    state: AppState,
    principal: qr_event_service::Principal,
    event: EventId,
    query: qr_event_storage::AuditQuery,
    header: Option<Vec<u8>>,
    pending: Option<Vec<qr_event_storage::AuditRecord>>,
    done: bool,
}

/// The event's audit log as CSV (same filters as the list), every entry,
/// streamed a page at a time so that memory stays flat however long it is.
#[utoipa::path(get, path = "/api/v1/events/{id}/audit.csv", tag = "audit",
    params(("id" = Uuid, Path, description = "Event id"), AuditParams),
    responses((status = 200, description = "CSV file", content_type = "text/csv")))]
pub async fn export_event_audit(
    State(state): State<AppState>,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<AuditParams>,
) -> ApiResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let (mut query, _) = audit_query(&params)?;
    query.limit = EXPORT_PAGE;
    // The first page is read before any byte is sent, so rights and
    // filters fail with a proper status.
    let first = state
        .events
        .audit(&principal, EventId(id), query.clone())
        .await?;
    let export = AuditExport {
        state,
        principal,
        event: EventId(id),
        query,
        header: Some(qr_event_service::audit_csv(&[], true)?),
        pending: Some(first),
        done: false,
    };
    let stream = futures_util::stream::try_unfold(export, |mut export| async move {
        if let Some(header) = export.header.take() {
            return Ok(Some((header, export)));
        }
        let rows = match export.pending.take() {
            Some(rows) => rows,
            None if export.done => return Ok(None),
            None => {
                export
                    .state
                    .events
                    .audit(&export.principal, export.event, export.query.clone())
                    .await?
            }
        };
        if rows.is_empty() {
            return Ok(None);
        }
        export.done = rows.len() < EXPORT_PAGE as usize;
        export.query.before = rows.last().map(|r| r.id);
        let bytes = qr_event_service::audit_csv(&rows, false)?;
        Ok::<_, qr_event_service::ServiceError>(Some((bytes, export)))
    });
    let body = axum::body::Body::from_stream(futures_util::TryStreamExt::map_err(stream, |err| {
        tracing::error!(error = %err, "audit export failed mid-stream");
        std::io::Error::other("export failed")
    }));
    let out = body;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"audit-{id}.csv\""),
            ),
        ],
        out,
    )
        .into_response())
}
