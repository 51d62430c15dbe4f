//! The web UI: static files of the Vite build, and `index.html` for every
//! other page path so that client-side routes (`/events/…`, `/scan/…`,
//! `/t/…`) load the app. API paths never fall through to the UI. The files
//! come from the binary itself (embedded at build time) or from a directory.

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

/// One file of the built UI, embedded in the binary, with the brotli and
/// gzip versions the build wrote beside it.
#[derive(Debug)]
pub struct EmbeddedFile {
    /// URL path, e.g. `/assets/index-3f2a.js`.
    pub path: &'static str,
    /// Strong validator of the content (quoted).
    pub etag: &'static str,
    /// The file as built.
    pub raw: &'static [u8],
    /// Brotli-compressed, when the build wrote it.
    pub br: Option<&'static [u8]>,
    /// Gzip-compressed, when the build wrote it.
    pub gzip: Option<&'static [u8]>,
}

/// Where the UI's files come from.
#[derive(Debug, Clone)]
pub enum WebUi {
    /// Embedded in the binary at build time.
    Embedded(&'static [EmbeddedFile]),
    /// A directory on disk (`QR_EVENT_WEB_DIR`, for UI development).
    Dir(PathBuf),
}

/// Serves a UI file, or the app shell for a page path.
pub async fn serve(ui: WebUi, req: Request) -> Response {
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
    let response = match ui {
        WebUi::Embedded(files) => embedded(files, &path, immutable, &req),
        WebUi::Dir(dir) => from_dir(dir, &path, immutable, req).await,
    };
    cache_headers(response, immutable)
}

/// The encoding to send: brotli, then gzip, when the client accepts it.
fn accepts(req: &Request, encoding: &str) -> bool {
    req.headers()
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let name = parts.next().unwrap_or_default();
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            name.eq_ignore_ascii_case(encoding) && !refused
        })
}

fn embedded(
    files: &'static [EmbeddedFile],
    path: &str,
    immutable: bool,
    req: &Request,
) -> Response {
    let find = |p: &str| files.iter().find(|f| f.path == p);
    let file = match find(path) {
        Some(file) => file,
        None if immutable || path.contains('.') => return ApiError::not_found().into_response(),
        None => match find("/index.html") {
            Some(shell) => shell,
            None => return ApiError::internal("embedded web UI has no index.html").into_response(),
        },
    };
    let content_type = mime_type(file.path);
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| {
            tags.split(',')
                .any(|t| t.trim() == file.etag || t.trim() == "*")
        });
    let (body, encoding) = match (file.br, file.gzip) {
        (Some(br), _) if accepts(req, "br") => (br, Some("br")),
        (_, Some(gz)) if accepts(req, "gzip") => (gz, Some("gzip")),
        _ => (file.raw, None),
    };
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else if req.method() == Method::HEAD {
        let mut res = StatusCode::OK.into_response();
        res.headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        res
    } else {
        (StatusCode::OK, body).into_response()
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::ETAG, HeaderValue::from_static(file.etag));
    if let Some(encoding) = encoding.filter(|_| !fresh) {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

fn mime_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

async fn from_dir(dir: PathBuf, path: &str, immutable: bool, req: Request) -> Response {
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
    match files
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
    }
}

/// Caches keep one copy per encoding; hashed assets forever, the rest
/// revalidated on every use.
fn cache_headers(mut response: Response, immutable: bool) -> Response {
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

#[cfg(test)]
mod tests {
    use axum::body::Body;

    use super::*;

    static FILES: &[EmbeddedFile] = &[
        EmbeddedFile {
            path: "/index.html",
            etag: "\"1\"",
            raw: b"<!doctype html>",
            br: Some(b"BR"),
            gzip: Some(b"GZ"),
        },
        EmbeddedFile {
            path: "/assets/app-1.js",
            etag: "\"2\"",
            raw: b"js",
            br: None,
            gzip: Some(b"GZJS"),
        },
    ];

    async fn get(method: Method, path: &str, headers: &[(&str, &str)]) -> Response {
        let mut req = axum::http::Request::builder().method(method).uri(path);
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        serve(WebUi::Embedded(FILES), req.body(Body::empty()).unwrap()).await
    }

    async fn body(res: Response) -> Vec<u8> {
        axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap()
            .to_vec()
    }

    #[tokio::test]
    async fn embedded_files_are_negotiated_and_cached() {
        let res = get(
            Method::GET,
            "/events/42",
            &[("accept-encoding", "gzip, br")],
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(res.headers()[header::CACHE_CONTROL], "no-cache");
        assert_eq!(res.headers()[header::VARY], "accept-encoding");
        assert_eq!(body(res).await, b"BR");

        let res = get(
            Method::GET,
            "/assets/app-1.js",
            &[("accept-encoding", "br;q=0, gzip")],
        )
        .await;
        assert_eq!(res.headers()[header::CONTENT_ENCODING], "gzip");
        assert_eq!(
            res.headers()[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            res.headers()[header::CONTENT_TYPE],
            "text/javascript; charset=utf-8"
        );
        assert_eq!(body(res).await, b"GZJS");

        let res = get(Method::GET, "/assets/app-1.js", &[]).await;
        assert!(res.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(body(res).await, b"js");

        // HEAD: the same headers as GET, no body.
        let res = get(
            Method::HEAD,
            "/assets/app-1.js",
            &[("accept-encoding", "gzip")],
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(
            res.headers()[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(res.headers()[header::CONTENT_LENGTH], "4");
        assert!(body(res).await.is_empty());

        let res = get(Method::GET, "/", &[("if-none-match", "\"1\"")]).await;
        assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
        assert!(body(res).await.is_empty());

        assert_eq!(
            get(Method::GET, "/assets/gone.js", &[]).await.status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            get(Method::GET, "/api/v1/nope", &[]).await.status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            get(Method::POST, "/events", &[]).await.status(),
            StatusCode::METHOD_NOT_ALLOWED
        );
    }
}
