//! The route table: every path of the API, its handler and the middleware
//! around it.

pub mod audit;
pub mod auth;
pub mod delivery;
pub mod devices;
pub mod door;
pub mod events;
pub mod invitations;
pub mod live;
pub mod ops;
pub mod print;
pub mod tickets;
pub mod wallet;
pub(crate) mod web;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use qr_event_domain::ProblemCode;

use crate::error::ApiError;
use crate::middleware::pipeline;
use crate::{openapi, AppState};

/// Builds the application router with its middleware.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/api/v1/auth/register", post(auth::register))
        .route("/api/v1/auth/login", post(auth::login))
        .route("/api/v1/auth/refresh", post(auth::refresh))
        .route("/api/v1/auth/logout", post(auth::logout))
        .route("/api/v1/auth/me", get(auth::me))
        .route("/api/v1/auth/password", post(auth::change_password))
        .route("/api/v1/events", get(events::list).post(events::create))
        .route(
            "/api/v1/events/{id}",
            get(events::get)
                .patch(events::update)
                .delete(events::delete),
        )
        .route(
            "/api/v1/events/{id}/members",
            get(events::list_members).post(invitations::invite),
        )
        .route(
            "/api/v1/events/{id}/members/{user_id}",
            axum::routing::patch(events::change_member).delete(events::remove_member),
        )
        .route("/api/v1/events/{id}/audit", get(audit::event_audit))
        .route("/api/v1/admin/audit", get(audit::instance_audit))
        .route("/api/v1/admin/audit/verify", get(audit::verify_instance))
        .route("/api/v1/events/{id}/audit/verify", get(audit::verify_event))
        .route(
            "/api/v1/events/{id}/audit.csv",
            get(audit::export_event_audit),
        )
        .route(
            "/api/v1/events/{id}/tickets",
            get(tickets::list).post(tickets::create),
        )
        .route(
            "/api/v1/events/{id}/tickets/batch",
            post(tickets::batch).layer(DefaultBodyLimit::max(state.config.max_import_bytes)),
        )
        .route(
            "/api/v1/events/{id}/tickets/import",
            post(tickets::import).layer(DefaultBodyLimit::max(state.config.max_import_bytes)),
        )
        .route(
            "/api/v1/events/{id}/tickets/export.csv",
            get(tickets::export),
        )
        .route("/api/v1/events/{id}/tickets.pdf", get(print::event_pdf))
        .route(
            "/api/v1/events/{id}/tickets/send",
            post(delivery::send_many),
        )
        .route(
            "/api/v1/events/{id}/tickets/{ticket_id}/send",
            post(delivery::send_one),
        )
        .route("/api/v1/events/{id}/deliveries", get(delivery::list))
        .route("/api/v1/events/{id}/tickets/{ticket_id}", get(tickets::get))
        .route(
            "/api/v1/events/{id}/tickets/{ticket_id}/revoke",
            post(tickets::revoke),
        )
        .route(
            "/api/v1/events/{id}/tickets/{ticket_id}/reissue",
            post(tickets::reissue),
        )
        .route(
            "/api/v1/events/{id}/tickets/{ticket_id}/access-key",
            post(tickets::rotate_access),
        )
        .route(
            "/api/v1/events/{id}/tickets/{ticket_id}/qr.svg",
            get(tickets::qr_svg),
        )
        .route(
            "/api/v1/events/{id}/tickets/{ticket_id}/qr.png",
            get(tickets::qr_png),
        )
        .route(
            "/api/v1/events/{id}/tickets/{ticket_id}/ticket.pdf",
            get(print::ticket_pdf),
        )
        .route("/api/v1/events/{id}/scan", post(door::scan))
        .route("/api/v1/events/{id}/door/pack", get(door::pack))
        .route("/api/v1/events/{id}/door/sync", post(door::sync))
        .route("/api/v1/events/{id}/door/conflicts", get(door::conflicts))
        .route("/api/v1/events/{id}/door/search", get(door::search))
        .route("/api/v1/events/{id}/door/admit", post(door::admit))
        .route("/api/v1/events/{id}/door/live", get(live::door_live))
        .route(
            "/api/v1/events/{id}/devices",
            get(devices::list).post(devices::create),
        )
        .route(
            "/api/v1/events/{id}/devices/{device_id}/enrolment",
            post(devices::reissue),
        )
        .route(
            "/api/v1/events/{id}/devices/{device_id}/revoke",
            post(devices::revoke),
        )
        .route("/api/v1/events/{id}/invitations", get(invitations::list))
        .route(
            "/api/v1/events/{id}/invitations/{invitation_id}/revoke",
            post(invitations::revoke),
        )
        .route("/api/v1/invitations/accept", post(invitations::accept))
        .route("/api/v1/auth/verify-email", post(invitations::verify_email))
        .route(
            "/api/v1/auth/verify-email/resend",
            post(invitations::resend_verification),
        )
        .route("/api/v1/devices/enrol", post(devices::enrol))
        .route("/api/v1/devices/refresh", post(devices::refresh))
        .route("/api/v1/devices/me", get(devices::me))
        .route("/api/v1/events/{id}/stats", get(live::stats))
        .route("/api/v1/events/{id}/live", get(live::live))
        .route(
            "/api/v1/public/tickets/{access_key}",
            get(tickets::public_ticket),
        )
        .route(
            "/api/v1/public/tickets/{access_key}/qr.svg",
            get(tickets::public_svg),
        )
        .route(
            "/api/v1/public/tickets/{access_key}/qr.png",
            get(tickets::public_png),
        )
        .route(
            "/api/v1/public/tickets/{access_key}/ticket.pdf",
            get(print::public_pdf),
        )
        .route(
            "/api/v1/public/tickets/{access_key}/wallet.pkpass",
            get(wallet::public_pkpass),
        )
        .route(
            "/api/v1/public/tickets/{access_key}/google-wallet",
            get(wallet::public_google),
        )
        .route(
            "/api/v1/public/tickets/{access_key}/event.ics",
            get(tickets::public_ics),
        )
        .route("/api/openapi.json", get(openapi::document))
        .route("/api/docs", get(openapi::docs_page))
        .route("/api/docs/docs.js", get(openapi::docs_script))
        .route("/api/docs/docs.css", get(openapi::docs_style))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .route(
            crate::middleware::CSP_REPORT_PATH,
            post(ops::csp_report).layer(DefaultBodyLimit::max(ops::CSP_REPORT_MAX_BYTES)),
        );
    let app = match state.config.web.clone() {
        Some(ui) => api.fallback(move |req: axum::extract::Request| web::serve(ui.clone(), req)),
        None => api
            .route("/", get(|| async { Redirect::to("/api/docs") }))
            .fallback(not_found),
    };
    app.method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            pipeline,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            panic_response,
        ))
        .with_state(state)
}

async fn not_found() -> ApiError {
    ApiError::not_found()
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        ProblemCode::MethodNotAllowed,
        "this method is not allowed on this resource",
    )
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let mut response = ApiError::internal("handler panicked").into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}
