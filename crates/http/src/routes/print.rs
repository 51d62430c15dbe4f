//! Printable tickets (`…/tickets.pdf`, `…/ticket.pdf`): the layout chosen
//! on download, and the languages tickets print in.

use axum::extract::State;
use axum::response::Response;
use qr_event_domain::{EventId, FieldCode, TicketId};
use qr_event_qr::PdfLayout;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::tickets::download;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{ApiPath, ApiQuery, Auth, Ctx};
use crate::AppState;

/// A language tickets print in (documentation of the `locale` fields,
/// which are read as text and checked by the service).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum LocaleName {
    /// English.
    En,
    /// French.
    Fr,
}

/// How tickets are put on pages.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum LayoutName {
    /// One ticket per A4 page (the default).
    A4,
    /// One ticket per US Letter page.
    Letter,
    /// Eight tickets per A4 page (105 × 74 mm each) with cut guides.
    Sheet8,
    /// Name badges of A6 size (holder's name large, event, QR), four per A4 page.
    Badge,
}

/// Options of a PDF download.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PdfParams {
    /// Page layout: `a4` (default), `letter`, `sheet8` or `badge`.
    #[param(value_type = Option<LayoutName>)]
    pub layout: Option<String>,
}

impl PdfParams {
    /// The layout asked for; an unknown name is a field error.
    fn layout(&self) -> ApiResult<PdfLayout> {
        match self.layout.as_deref() {
            None => Ok(PdfLayout::default()),
            Some(name) => name.parse().map_err(|_| {
                ApiError::invalid_field(
                    "layout",
                    FieldCode::Unknown,
                    "must be one of a4, letter, sheet8, badge",
                )
            }),
        }
    }
}

/// A printable PDF of every active ticket (owners and managers; at most 2,000).
#[utoipa::path(get, path = "/api/v1/events/{id}/tickets.pdf", tag = "tickets",
    params(("id" = Uuid, Path, description = "Event id"), PdfParams),
    responses(
        (status = 200, description = "PDF", content_type = "application/pdf"),
        (status = 409, description = "No active ticket (`no_tickets`), or too many for one PDF (`too_many_tickets`)", body = Problem),
        (status = 422, description = "Unknown layout", body = Problem),
    ))]
pub async fn event_pdf(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<PdfParams>,
) -> ApiResult<Response> {
    let layout = params.layout()?;
    let bytes = state
        .tickets
        .pdf(&ctx, &principal, EventId(id), None, layout)
        .await?;
    Ok(download(
        "application/pdf",
        &format!("tickets-{id}-{layout}.pdf"),
        bytes,
    ))
}

/// The printable PDF of one ticket (owners and managers).
#[utoipa::path(get, path = "/api/v1/events/{id}/tickets/{ticket_id}/ticket.pdf", tag = "tickets",
    params(("id" = Uuid, Path, description = "Event id"), ("ticket_id" = Uuid, Path, description = "Ticket id"), PdfParams),
    responses(
        (status = 200, description = "PDF", content_type = "application/pdf"),
        (status = 422, description = "Unknown layout", body = Problem),
    ))]
pub async fn ticket_pdf(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath((id, ticket)): ApiPath<(Uuid, Uuid)>,
    ApiQuery(params): ApiQuery<PdfParams>,
) -> ApiResult<Response> {
    let layout = params.layout()?;
    let bytes = state
        .tickets
        .pdf(
            &ctx,
            &principal,
            EventId(id),
            Some(TicketId(ticket)),
            layout,
        )
        .await?;
    Ok(download(
        "application/pdf",
        &format!("ticket-{ticket}.pdf"),
        bytes,
    ))
}

/// The attendee's printable ticket.
#[utoipa::path(get, path = "/api/v1/public/tickets/{access_key}/ticket.pdf", tag = "public",
    params(("access_key" = String, Path, description = "Key from the attendee link"), PdfParams),
    responses(
        (status = 200, description = "PDF", content_type = "application/pdf"),
        (status = 422, description = "Unknown layout", body = Problem),
    ))]
pub async fn public_pdf(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    ApiPath(key): ApiPath<String>,
    ApiQuery(params): ApiQuery<PdfParams>,
) -> ApiResult<Response> {
    let layout = params.layout()?;
    let (name, bytes) = state.tickets.public_pdf(&ctx, &key, layout).await?;
    Ok(download("application/pdf", &format!("{name}.pdf"), bytes))
}
