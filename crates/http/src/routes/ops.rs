//! Liveness, readiness and metrics.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use qr_event_domain::ProblemCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::ApiJson;
use crate::AppState;

/// Health answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok`.
    pub status: &'static str,
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "Alive", body = Health)))]
pub async fn healthz() -> ApiJson<Health> {
    ApiJson(Health { status: "ok" })
}

/// Readiness and what it rests on.
#[derive(Debug, Serialize, ToSchema)]
pub struct Readiness {
    /// `ok`, or `degraded` while the configured Redis is unreachable (the
    /// instance still serves, with per-instance limits and caches).
    pub status: &'static str,
    /// `ok` (the database answered; otherwise the answer is a 503 problem).
    pub database: &'static str,
    /// `memory` (in-process, single instance), `redis`, or `unreachable`.
    pub cache: &'static str,
}

/// Readiness: the database answers; the cache's state is reported.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses(
        (status = 200, description = "Ready (status `degraded` while Redis is unreachable)", body = Readiness),
        (status = 503, description = "Database unreachable", body = Problem),
    ))]
pub async fn readyz(State(state): State<AppState>) -> ApiResult<ApiJson<Readiness>> {
    let cache = match state.cache.backend() {
        "redis" if state.cache.healthy().await => "redis",
        "redis" => "unreachable",
        _ => "memory",
    };
    match state.health.ping().await {
        Ok(()) => Ok(ApiJson(Readiness {
            status: if cache == "unreachable" {
                "degraded"
            } else {
                "ok"
            },
            database: "ok",
            cache,
        })),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check failed");
            Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                ProblemCode::Unavailable,
                "the database is not reachable",
            ))
        }
    }
}

/// Who may read `/metrics`: with `QR_EVENT_METRICS_TOKEN`, a bearer of that
/// token; without it, only a scraper on this machine talking to the server
/// directly (loopback peer, no forwarding headers). Anyone else is told
/// nothing exists here.
fn metrics_allowed(
    token: Option<&str>,
    peer: Option<std::net::IpAddr>,
    headers: &axum::http::HeaderMap,
) -> bool {
    match token {
        Some(token) => headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|given| {
                given.len() == token.len()
                    && given
                        .bytes()
                        .zip(token.bytes())
                        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                        == 0
            }),
        None => {
            peer.is_some_and(|p| p.is_loopback())
                && !headers.contains_key("x-forwarded-for")
                && !headers.contains_key(header::FORWARDED)
        }
    }
}

/// Prometheus exposition of request counts and latencies (a bearer token
/// from `QR_EVENT_METRICS_TOKEN`, or a direct local scrape).
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses(
        (status = 200, description = "Prometheus text format", content_type = "text/plain"),
        (status = 404, description = "Not for this caller", body = crate::error::Problem, content_type = "application/problem+json"),
    ))]
pub async fn metrics(
    State(state): State<AppState>,
    req: axum::extract::Request,
) -> axum::response::Response {
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    if !metrics_allowed(state.config.metrics_token.as_deref(), peer, req.headers()) {
        return crate::error::ApiError::not_found().into_response();
    }
    let pool = state.health.pool_state();
    metrics::gauge!("db_pool_connections").set(f64::from(pool.open));
    metrics::gauge!("db_pool_idle_connections").set(f64::from(pool.idle));
    metrics::gauge!("db_pool_connections_in_use")
        .set(f64::from(pool.open - pool.idle.min(pool.open)));
    metrics::gauge!("db_pool_max_connections").set(f64::from(pool.max));
    // Read from the database at scrape time, so every instance reports the
    // same truth; a failed read leaves the last figures.
    if let Ok(figures) = state.health.figures(chrono::Utc::now()).await {
        metrics::gauge!("sessions_active").set(figures.sessions_active as f64);
        metrics::gauge!("door_scans_waiting").set(figures.scans_waiting as f64);
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
        .into_response()
}

#[cfg(test)]
mod metrics_tests {
    use super::metrics_allowed;
    use axum::http::{HeaderMap, HeaderValue};

    #[test]
    fn metrics_need_the_token_or_a_direct_local_scrape() {
        let local = Some("127.0.0.1".parse().unwrap());
        let remote = Some("203.0.113.9".parse().unwrap());
        let none = HeaderMap::new();
        let mut forwarded = HeaderMap::new();
        forwarded.insert("x-forwarded-for", HeaderValue::from_static("203.0.113.9"));
        let mut bearer = HeaderMap::new();
        bearer.insert(
            "authorization",
            HeaderValue::from_static("Bearer s3cret-token"),
        );
        assert!(metrics_allowed(None, local, &none));
        assert!(!metrics_allowed(None, local, &forwarded), "through a proxy");
        assert!(!metrics_allowed(None, remote, &none));
        assert!(metrics_allowed(Some("s3cret-token"), remote, &bearer));
        assert!(
            !metrics_allowed(Some("s3cret-token"), local, &none),
            "token required"
        );
        assert!(!metrics_allowed(Some("s3cret-tokem"), remote, &bearer));
    }
}

/// CSP violation reports logged per minute at most; the rest are counted.
const CSP_REPORTS_PER_MINUTE: u64 = 30;
/// Largest report read.
pub const CSP_REPORT_MAX_BYTES: usize = 8 * 1024;

static CSP_WINDOW: std::sync::Mutex<(i64, u64)> = std::sync::Mutex::new((0, 0));

/// True when this report may be logged: a fixed one-minute window shared by
/// the process, so a flood of reports costs a counter, not the log.
fn csp_report_admitted(now_minute: i64) -> bool {
    let mut window = CSP_WINDOW.lock().unwrap_or_else(|e| e.into_inner());
    if window.0 != now_minute {
        *window = (now_minute, 0);
    }
    window.1 += 1;
    window.1 <= CSP_REPORTS_PER_MINUTE
}

fn report_field(report: &serde_json::Value, names: &[&str]) -> String {
    names
        .iter()
        .find_map(|n| report.get(*n).and_then(|v| v.as_str()))
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect()
}

/// Receives Content-Security-Policy violation reports (`report-uri`, or the
/// Reporting API's `csp-violation` bodies). Bounded (8 KiB), logged at most
/// 30 a minute, query strings stripped; always 204.
#[utoipa::path(post, path = "/api/csp-report", tag = "operations",
    responses((status = 204, description = "Received")))]
pub async fn csp_report(body: axum::body::Bytes) -> StatusCode {
    metrics::counter!("csp_reports_total").increment(1);
    if !csp_report_admitted(chrono::Utc::now().timestamp() / 60) {
        metrics::counter!("csp_reports_dropped_total").increment(1);
        return StatusCode::NO_CONTENT;
    }
    let parsed: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    let report = parsed
        .get("csp-report")
        .or_else(|| parsed.get(0).and_then(|r| r.get("body")))
        .unwrap_or(&parsed);
    let strip = |uri: String| uri.split(['?', '#']).next().unwrap_or("").to_owned();
    tracing::warn!(
        target: "qr_event::csp",
        directive = %report_field(report, &["violated-directive", "effectiveDirective", "effective-directive"]),
        blocked = %strip(report_field(report, &["blocked-uri", "blockedURL"])),
        document = %strip(report_field(report, &["document-uri", "documentURL"])),
        "content security policy violation"
    );
    StatusCode::NO_CONTENT
}
