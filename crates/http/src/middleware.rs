//! The request pipeline around every route: request id, client address,
//! cross-site refusal, security headers, access log and metrics.

use std::net::{IpAddr, SocketAddr};
use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use ipnet::IpNet;
use qr_event_service::RequestContext;
use tracing::Instrument;

use crate::error::ApiError;
use crate::extract::is_unsafe;
use crate::{request_id, AppState};

/// Header carrying the request id in and out.
pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// Content Security Policy of every response: no inline script or style,
/// nothing from other origins, no framing.
pub const CSP: &str =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; \
media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'; report-uri /api/csp-report";

/// Where browsers send CSP violation reports.
pub const CSP_REPORT_PATH: &str = "/api/csp-report";

/// Resolves the client address: the peer, or the right-most untrusted
/// address of `X-Forwarded-For` when the peer is a trusted proxy.
pub fn client_ip(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpNet]) -> Option<IpAddr> {
    let peer = peer?;
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return Some(peer);
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    Some(
        forwarded
            .iter()
            .rev()
            .find(|ip| !is_trusted(ip))
            .copied()
            .unwrap_or(peer),
    )
}

fn origin_allowed(headers: &HeaderMap, public_origin: Option<&str>) -> Result<(), ApiError> {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if site != "same-origin" && site != "none" {
            return Err(ApiError::csrf("cross-site requests are refused"));
        }
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return Ok(());
    };
    let origin = origin.to_str().unwrap_or("null");
    let matches_host = || {
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        origin
            .split_once("://")
            .is_some_and(|(scheme, rest)| (scheme == "http" || scheme == "https") && rest == host)
    };
    let ok = match public_origin {
        Some(public) => origin == public.trim_end_matches('/') || matches_host(),
        None => matches_host(),
    };
    if ok {
        Ok(())
    } else {
        Err(ApiError::csrf(
            "the request's Origin does not match this site",
        ))
    }
}

/// Outermost middleware of every route.
pub async fn pipeline(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = request_id::accept_or_generate(
        req.headers()
            .get(&REQUEST_ID_HEADER)
            .and_then(|v| v.to_str().ok()),
    );
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let method = req.method().clone();
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let config = &state.config;
    let ip = client_ip(peer, req.headers(), &config.trusted_proxies);
    let peer_trusted = peer.is_some_and(|p| config.trusted_proxies.iter().any(|n| n.contains(&p)));
    let https = config
        .public_origin
        .as_deref()
        .is_some_and(|o| o.starts_with("https://"))
        || (peer_trusted
            && req
                .headers()
                .get("x-forwarded-proto")
                .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https")));
    req.extensions_mut().insert(RequestContext {
        client_ip: ip.map(|ip| ip.to_string()),
        request_id: Some(id.clone()),
    });

    let span = tracing::info_span!(
        "request",
        request_id = %id,
        method = %method,
        route = %route,
        user_id = tracing::field::Empty,
    );
    // CSP violation reports are sent by the browser itself, without cookies
    // and often without an Origin; the endpoint changes nothing.
    let cross_site = if is_unsafe(&method) && route != CSP_REPORT_PATH {
        origin_allowed(req.headers(), config.public_origin.as_deref()).err()
    } else {
        None
    };
    // A change under an event (a scan, an upload, a ticket, a device…) may
    // change its live figures: whatever succeeds there touches the event,
    // with no handler to forget (the viewers' figures are recomputed at most
    // once a second).
    let touches = is_unsafe(&method)
        .then(|| changed_event(req.uri().path()))
        .flatten();
    let mut response = request_id::scope(id.clone(), async move {
        match cross_site {
            Some(err) => err.into_response(),
            None => next.run(req).await,
        }
    })
    .instrument(span.clone())
    .await;

    let status = response.status();
    if let Some(event) = touches.filter(|_| status.is_success()) {
        state.live.touch(qr_event_domain::EventId(event));
    }
    let elapsed = started.elapsed();
    let _guard = span.enter();
    if status.is_server_error() {
        tracing::warn!(
            status = status.as_u16(),
            latency_ms = elapsed.as_millis() as u64,
            "request failed"
        );
    } else {
        tracing::info!(
            status = status.as_u16(),
            latency_ms = elapsed.as_millis() as u64,
            "request"
        );
    }
    let labels = [
        ("method", method.as_str().to_owned()),
        ("route", route.clone()),
        ("status", status.as_u16().to_string()),
    ];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels).record(elapsed.as_secs_f64());

    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&id) {
        headers.insert(REQUEST_ID_HEADER, value);
    }
    security_headers(
        headers,
        https,
        route.starts_with("/api/")
            || route == "unmatched" && method != Method::GET && method != Method::HEAD,
    );
    response
}

/// The event a request path is under (`/api/v1/events/{id}/…`).
fn changed_event(path: &str) -> Option<uuid::Uuid> {
    let rest = path.strip_prefix("/api/v1/events/")?;
    rest.split('/').next()?.parse().ok()
}

fn security_headers(headers: &mut HeaderMap, https: bool, api: bool) {
    let mut set = |name: HeaderName, value: &'static str| {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    };
    set(header::CONTENT_SECURITY_POLICY, CSP);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::REFERRER_POLICY, "no-referrer");
    set(
        HeaderName::from_static("permissions-policy"),
        "camera=(self), microphone=(), geolocation=(), payment=(), usb=()",
    );
    set(
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    );
    if https {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains",
        );
    }
    if api {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.append(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn forwarded_for_only_from_trusted_proxies() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap()];
        let h = headers(&[("x-forwarded-for", "203.0.113.9, 10.0.0.7")]);
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let stranger: IpAddr = "198.51.100.1".parse().unwrap();
        assert_eq!(
            client_ip(Some(proxy), &h, &trusted),
            Some("203.0.113.9".parse().unwrap())
        );
        assert_eq!(client_ip(Some(stranger), &h, &trusted), Some(stranger));
        assert_eq!(client_ip(Some(proxy), &h, &[]), Some(proxy));
    }

    #[test]
    fn cross_site_is_refused() {
        assert!(origin_allowed(&headers(&[("sec-fetch-site", "cross-site")]), None).is_err());
        assert!(origin_allowed(&headers(&[("sec-fetch-site", "same-site")]), None).is_err());
        assert!(origin_allowed(&headers(&[("sec-fetch-site", "same-origin")]), None).is_ok());
        let h = headers(&[
            ("origin", "https://evil.example"),
            ("host", "tickets.example"),
        ]);
        assert!(origin_allowed(&h, None).is_err());
        let h = headers(&[
            ("origin", "https://tickets.example"),
            ("host", "tickets.example"),
        ]);
        assert!(origin_allowed(&h, None).is_ok());
        let h = headers(&[("origin", "null"), ("host", "tickets.example")]);
        assert!(origin_allowed(&h, None).is_err());
        assert!(origin_allowed(&headers(&[]), None).is_ok());
    }
}
