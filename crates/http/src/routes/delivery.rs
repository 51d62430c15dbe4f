//! Tickets by e-mail (`/api/v1/events/{id}/tickets/send`,
//! `…/tickets/{ticket_id}/send`, `…/deliveries[?ticket_id=…]`): requests
//! only queue; the server's background sender delivers.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use qr_event_domain::{EventId, FieldCode, TicketId};
use qr_event_service::{QueueReport, Selection, SkipReason, MAX_SELECTION};
use qr_event_storage::Delivery;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery, Auth, Ctx};
use crate::AppState;

/// Which tickets to e-mail: a list, or every ticket not yet sent.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendRequest {
    /// These tickets (at most 2,000).
    pub ticket_ids: Option<Vec<Uuid>>,
    /// `true`: every active ticket not yet queued or sent for its current link.
    pub unsent: Option<bool>,
}

/// A ticket that was not queued.
#[derive(Debug, Serialize, ToSchema)]
pub struct SkippedTicket {
    /// The ticket.
    pub ticket_id: Uuid,
    /// `no_email`, `revoked`, `not_found` or `already_queued`.
    #[schema(example = "no_email")]
    pub reason: String,
}

/// What a send request queued.
#[derive(Debug, Serialize, ToSchema)]
pub struct SendReport {
    /// How many tickets were queued.
    pub queued: usize,
    /// The tickets queued.
    pub queued_ticket_ids: Vec<Uuid>,
    /// The tickets left out, with the reason.
    pub skipped: Vec<SkippedTicket>,
}

fn send_report(report: QueueReport) -> SendReport {
    SendReport {
        queued: report.queued.len(),
        queued_ticket_ids: report.queued.into_iter().map(|t| t.0).collect(),
        skipped: report
            .skipped
            .into_iter()
            .map(|(t, reason)| SkippedTicket {
                ticket_id: t.0,
                reason: reason.as_str().to_owned(),
            })
            .collect(),
    }
}

/// One ticket e-mail as organisers see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryView {
    /// Delivery id.
    pub id: Uuid,
    /// The ticket.
    pub ticket_id: Uuid,
    /// `queued`, `sending`, `sent` or `failed`.
    #[schema(example = "sent")]
    pub status: String,
    /// Attempts made.
    pub attempts: i32,
    /// Next attempt (while queued).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// Queued at.
    pub created_at: DateTime<Utc>,
    /// Accepted by the SMTP server at.
    pub sent_at: Option<DateTime<Utc>>,
}

fn delivery_view(d: Delivery) -> DeliveryView {
    DeliveryView {
        id: d.id,
        ticket_id: d.ticket_id.0,
        status: d.status.as_str().to_owned(),
        attempts: d.attempts,
        next_attempt_at: (d.status == qr_event_storage::DeliveryStatus::Queued)
            .then_some(d.next_attempt_at),
        last_error: d.last_error,
        created_at: d.created_at,
        sent_at: d.sent_at,
    }
}

/// The event's ticket e-mails.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryList {
    /// Newest first; one per ticket and attendee link.
    pub items: Vec<DeliveryView>,
}

fn selection(body: SendRequest) -> ApiResult<Selection> {
    match (body.ticket_ids, body.unsent) {
        (Some(ids), None | Some(false)) => {
            if ids.len() > MAX_SELECTION {
                return Err(ApiError::invalid_field(
                    "ticket_ids",
                    FieldCode::TooLong,
                    "at most 2000 tickets per request",
                ));
            }
            Ok(Selection::Tickets(ids.into_iter().map(TicketId).collect()))
        }
        (None, Some(true)) => Ok(Selection::Unsent),
        _ => Err(ApiError::invalid_field(
            "ticket_ids",
            FieldCode::Required,
            "give either `ticket_ids` or `\"unsent\": true`",
        )),
    }
}

/// Queues tickets for e-mail: the listed ones, or every active ticket not
/// yet sent. Tickets without an address (or revoked) are reported, not
/// queued; a ticket is sent once per attendee link (failed ones may be
/// queued again). Owners and managers.
#[utoipa::path(post, path = "/api/v1/events/{id}/tickets/send", tag = "tickets", operation_id = "send_tickets",
    params(("id" = Uuid, Path, description = "Event id")),
    request_body = SendRequest,
    responses(
        (status = 202, description = "Queued; the server sends in the background", body = SendReport),
        (status = 409, description = "No SMTP server configured (`mail_not_configured`)", body = Problem),
        (status = 422, description = "Neither or both of `ticket_ids` and `unsent`, or too many ids", body = Problem),
    ))]
pub async fn send_many(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<SendRequest>,
) -> ApiResult<Response> {
    let selection = selection(body)?;
    let report = state
        .delivery
        .queue(&ctx, &principal, EventId(id), selection)
        .await?;
    Ok((StatusCode::ACCEPTED, ApiJson(send_report(report))).into_response())
}

/// Queues one ticket for e-mail (owners and managers).
#[utoipa::path(post, path = "/api/v1/events/{id}/tickets/{ticket_id}/send", tag = "tickets", operation_id = "send_ticket",
    params(("id" = Uuid, Path, description = "Event id"), ("ticket_id" = Uuid, Path, description = "Ticket id")),
    responses(
        (status = 202, description = "Queued, or reported as skipped (no address, revoked, already sent)", body = SendReport),
        (status = 404, description = "No such ticket", body = Problem),
        (status = 409, description = "No SMTP server configured (`mail_not_configured`)", body = Problem),
    ))]
pub async fn send_one(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath((id, ticket)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Response> {
    let selection = Selection::Tickets(vec![TicketId(ticket)]);
    let report = state
        .delivery
        .queue(&ctx, &principal, EventId(id), selection)
        .await?;
    if report
        .skipped
        .iter()
        .any(|(_, r)| *r == SkipReason::NotFound)
    {
        return Err(ApiError::not_found());
    }
    Ok((StatusCode::ACCEPTED, ApiJson(send_report(report))).into_response())
}

/// Filters of the deliveries list.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveryParams {
    /// Only the deliveries of these tickets, every attendee-link version,
    /// newest first: repeat the parameter (`?ticket_id=…&ticket_id=…`), at
    /// most 100. Without it, the event's latest 10,000 deliveries.
    #[param(style = Form, explode, max_items = 100)]
    pub ticket_id: Option<Vec<Uuid>>,
}

impl DeliveryParams {
    /// From the query's pairs: `ticket_id` may repeat (which the
    /// single-valued query decoder cannot take); other names are ignored,
    /// as on every list.
    fn parse(pairs: Vec<(String, String)>) -> ApiResult<Self> {
        let mut ids: Option<Vec<Uuid>> = None;
        for (name, value) in pairs {
            if name != "ticket_id" {
                continue;
            }
            let id = Uuid::try_parse(value.trim()).map_err(|_| {
                ApiError::invalid_field(
                    "ticket_id",
                    FieldCode::Invalid,
                    "must be a ticket id (UUID)",
                )
            })?;
            ids.get_or_insert_with(Vec::new).push(id);
        }
        Ok(Self { ticket_id: ids })
    }
}

/// The event's ticket e-mails and where each stands, or those of the tickets
/// named by `ticket_id` (owners and managers).
#[utoipa::path(get, path = "/api/v1/events/{id}/deliveries", tag = "tickets", operation_id = "list_deliveries",
    params(("id" = Uuid, Path, description = "Event id"), DeliveryParams),
    responses(
        (status = 200, description = "Deliveries, newest first", body = DeliveryList),
        (status = 422, description = "A `ticket_id` that is not a UUID, or more than 100", body = Problem),
    ))]
pub async fn list(
    State(state): State<AppState>,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(pairs): ApiQuery<Vec<(String, String)>>,
) -> ApiResult<ApiJson<DeliveryList>> {
    let params = DeliveryParams::parse(pairs)?;
    let items = match params.ticket_id {
        None => state.delivery.list(&principal, EventId(id)).await?,
        Some(ids) => {
            let ids: Vec<TicketId> = ids.into_iter().map(TicketId).collect();
            state
                .delivery
                .list_for_tickets(&principal, EventId(id), &ids)
                .await?
        }
    };
    Ok(ApiJson(DeliveryList {
        items: items.into_iter().map(delivery_view).collect(),
    }))
}
