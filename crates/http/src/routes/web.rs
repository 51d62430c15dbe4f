//! The web UI: static files of the Vite build, and `index.html` for every
//! other page path so that client-side routes (`/events/…`, `/scan/…`,
//! `/t/…`) load the app. API paths never fall through to the UI.

use qr_event_domain::ProblemCode;
use std::path::PathBuf;

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::error::ApiError;

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
        || path == "/api"
        || matches!(path, "/healthz" | "/readyz" | "/metrics")
}

pub async fn serve(dir: PathBuf, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    if is_api(&path) {
        return ApiError::not_found().into_response();
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            ProblemCode::MethodNotAllowed,
            "this method is not allowed on this resource",
        )
        .into_response();
    }
    let immutable = path.starts_with("/assets/");
    // The build writes `.br` and `.gz` siblings of every text asset; the one
    // the browser accepts is sent with its Content-Encoding.
    let files = ServeDir::new(&dir)
        .append_index_html_on_directories(false)
        .precompressed_br()
        .precompressed_gzip();
    // Every other page path is the app shell, served like a file (and as
    // compressed as the browser accepts).
    let (parts, body) = req.into_parts();
    let mut shell = axum::http::Request::from_parts(parts.clone(), ());
    *shell.uri_mut() = axum::http::Uri::from_static("/index.html");
    let mut response = match files
        .clone()
        .oneshot(Request::from_parts(parts, body))
        .await
    {
        Ok(res) if res.status() != StatusCode::NOT_FOUND => res.into_response(),
        _ if immutable || path.contains('.') => ApiError::not_found().into_response(),
        _ => match files
            .oneshot(shell.map(|()| axum::body::Body::empty()))
            .await
        {
            // 304 when the browser's copy is current (If-Modified-Since).
            Ok(res) if res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED => {
                res.into_response()
            }
            _ => ApiError::internal("web UI index.html unreadable").into_response(),
        },
    };
    // Caches keep one copy per encoding.
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    let cache = if immutable && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}
