//! HTTP layer of QR Event: the axum router, extractors, the problem+json
//! error format, security middleware and the OpenAPI document.
//!
//! Handlers parse and check input, call one service, and shape the answer;
//! rules live in `qr-event-service`.

mod cookies;
mod error;
mod extract;
#[doc(hidden)]
pub mod fuzzing;
mod middleware;
mod openapi;
mod pagination;
pub mod request_id;
mod routes;

use std::sync::Arc;

use ipnet::IpNet;
use metrics_exporter_prometheus::PrometheusHandle;
use qr_event_service::{
    AuthService, DeliveryService, DeviceService, DoorService, EventService, InvitationService,
    MemberService, TicketService,
};
use qr_event_storage::HealthCheck;

pub use error::{ApiError, ApiResult, Problem, PROBLEM_JSON};
pub use openapi::openapi_json;
pub use routes::router;
pub use routes::web::{EmbeddedFile, WebUi};

/// Settings of the HTTP layer.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Peers whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed.
    pub trusted_proxies: Vec<IpNet>,
    /// External origin (`https://tickets.example.org`), when known.
    pub public_origin: Option<String>,
    /// Largest accepted request body, in bytes.
    pub max_body_bytes: usize,
    /// Largest bulk-issue or import body, in bytes.
    pub max_import_bytes: usize,
    /// When false, cookies lose `Secure` and the `__Host-` prefix (explicit
    /// development mode for plain HTTP on a non-local address).
    pub secure_cookies: bool,
    /// Lifetime of the access cookie.
    pub access_lifetime: std::time::Duration,
    /// The built web UI (`index.html` and `assets/`), when present.
    pub web: Option<WebUi>,
    /// Bearer token for `/metrics`; without it only direct local scrapes.
    pub metrics_token: Option<String>,
}

/// Everything handlers need, behind one [`Arc`]: extractors and handlers
/// clone the state for every request, and one reference count costs less
/// than the dozens the services hold.
#[derive(Clone)]
pub struct AppState(Arc<AppServices>);

impl AppState {
    /// Shares `services` with every request.
    pub fn new(services: AppServices) -> Self {
        Self(Arc::new(services))
    }
}

impl std::ops::Deref for AppState {
    type Target = AppServices;

    fn deref(&self) -> &AppServices {
        &self.0
    }
}

/// The services and settings in [`AppState`].
pub struct AppServices {
    /// Accounts and sessions.
    pub auth: AuthService,
    /// Events.
    pub events: EventService,
    /// Event staff.
    pub members: MemberService,
    /// Tickets.
    pub tickets: TicketService,
    /// The door: scans, offline pack, sync, conflicts.
    pub door: DoorService,
    /// Door devices and their sessions.
    pub devices: DeviceService,
    /// Staff invitations.
    pub invitations: InvitationService,
    /// Tickets by e-mail.
    pub delivery: DeliveryService,
    /// Phone-wallet passes.
    pub wallet: qr_event_service::WalletService,
    /// Database reachability.
    pub health: Arc<dyn HealthCheck>,
    /// Live figures pushed to viewers.
    pub live: qr_event_service::LiveHub,
    /// Becomes true when the server stops: open streams end.
    pub live_closing: tokio::sync::watch::Receiver<bool>,
    /// The cache (Redis or in-process), for readiness.
    pub cache: Arc<dyn qr_event_cache::Cache>,
    /// Prometheus exposition.
    pub metrics: PrometheusHandle,
    /// HTTP settings.
    pub config: Arc<HttpConfig>,
}
