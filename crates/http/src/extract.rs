//! Extractors that turn every bad input into a problem+json answer.

use axum::extract::{FromRef, FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use bytes::Bytes;
use qr_event_domain::{FieldCode, ProblemCode};
use qr_event_service::{DevicePrincipal, DoorCaller, Principal, RequestContext};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::cookies::Cookie;
use crate::error::ApiError;
use crate::AppState;

/// Name of the header that must echo the CSRF cookie on unsafe requests.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// A JSON body: `application/json` only, size-limited, unknown fields refused
/// (request types use `deny_unknown_fields`).
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|mime| {
                let mime = mime.trim().to_ascii_lowercase();
                mime == "application/json"
                    || (mime.starts_with("application/") && mime.ends_with("+json"))
            })
            .unwrap_or(false);
        if !is_json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ProblemCode::UnsupportedMediaType,
                "send the body as application/json",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    ProblemCode::PayloadTooLarge,
                    "the request body is too large",
                )
            } else {
                ApiError::bad_request(
                    ProblemCode::MalformedBody,
                    "the request body could not be read",
                )
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Parses a JSON document into `T`, mapping syntax errors to 400 and shape
/// errors (unknown, missing or mistyped fields) to 422 with the field named.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|err| {
        use serde_json::error::Category;
        match err.classify() {
            Category::Data => {
                let message = err.to_string();
                let quoted = message.split('`').nth(1).map(str::to_owned);
                let (field, code) = if message.starts_with("unknown field") {
                    (
                        quoted.unwrap_or_else(|| "body".into()),
                        FieldCode::UnknownField,
                    )
                } else if message.starts_with("missing field") {
                    (quoted.unwrap_or_else(|| "body".into()), FieldCode::Required)
                } else {
                    ("body".to_owned(), FieldCode::Invalid)
                };
                let message = message
                    .split(" at line ")
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                ApiError::invalid_field(&field, code, message)
            }
            _ => ApiError::bad_request(
                ProblemCode::MalformedJson,
                "the request body is not valid JSON",
            ),
        }
    })
}

impl<T: Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        Json(self.0).into_response()
    }
}

/// Query parameters; a malformed query string is a 400 problem.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(v)| ApiQuery(v))
            .map_err(|rejection| {
                ApiError::bad_request(ProblemCode::InvalidQuery, rejection.body_text())
            })
    }
}

/// Path parameters; an id that does not parse names nothing, hence 404.
#[derive(Debug)]
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(v)| ApiPath(v))
            .map_err(|_| ApiError::not_found())
    }
}

/// Request facts for the audit log (client IP, request id), set by the
/// request middleware.
#[derive(Debug, Clone)]
pub struct Ctx(pub RequestContext);

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Ctx(parts
            .extensions
            .get::<RequestContext>()
            .cloned()
            .unwrap_or_default()))
    }
}

/// True for methods that change state.
pub fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Checks the double-submit CSRF token: the header must equal the cookie and
/// carry a valid signature for `session`.
pub fn check_csrf(
    state: &AppState,
    parts: &Parts,
    session: qr_event_domain::SessionId,
) -> Result<(), ApiError> {
    check_csrf_cookie(state, parts, session, Cookie::Csrf)
}

fn check_csrf_cookie(
    state: &AppState,
    parts: &Parts,
    session: qr_event_domain::SessionId,
    which: Cookie,
) -> Result<(), ApiError> {
    let header = parts
        .headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| ApiError::csrf("the X-CSRF-Token header is missing"))?;
    let cookie = which
        .read(state.config.secure_cookies, &parts.headers)
        .ok_or_else(|| ApiError::csrf("the CSRF cookie is missing"))?;
    let equal: bool = subtle_eq(header.as_bytes(), cookie.as_bytes());
    // User and device sessions share the signer; their ids never collide.
    if !equal || !state.auth.verify_csrf(session, header) {
        return Err(ApiError::csrf("the CSRF token is invalid"));
    }
    Ok(())
}

fn subtle_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The signed-in caller. Unsafe methods also require the CSRF token.
#[derive(Debug, Clone, Copy)]
pub struct Auth(pub Principal);

impl<S> FromRequestParts<S> for Auth
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let token = Cookie::Access
            .read(state.config.secure_cookies, &parts.headers)
            .ok_or_else(ApiError::unauthenticated)?;
        let principal = state.auth.authenticate(&token).await?;
        if is_unsafe(&parts.method) {
            check_csrf(&state, parts, principal.session_id)?;
        }
        tracing::Span::current().record("user_id", tracing::field::display(principal.user_id));
        Ok(Auth(principal))
    }
}

/// An enrolled door device (device cookies). Unsafe methods also require
/// the device's CSRF token.
#[derive(Debug, Clone)]
pub struct DeviceAuth(pub DevicePrincipal);

impl<S> FromRequestParts<S> for DeviceAuth
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let token = Cookie::DeviceAccess
            .read(state.config.secure_cookies, &parts.headers)
            .ok_or_else(ApiError::unauthenticated)?;
        let device = state.devices.authenticate(&token).await?;
        if is_unsafe(&parts.method) {
            check_csrf_cookie(&state, parts, device.session_id, Cookie::DeviceCsrf)?;
        }
        tracing::Span::current().record("user_id", tracing::field::display(device.device_id));
        Ok(DeviceAuth(device))
    }
}

/// Whoever may work a door: an enrolled device when the request carries
/// device cookies, a signed-in member otherwise.
#[derive(Debug, Clone)]
pub struct DoorAuth(pub DoorCaller);

impl<S> FromRequestParts<S> for DoorAuth
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let secure = AppState::from_ref(state).config.secure_cookies;
        if Cookie::DeviceAccess.read(secure, &parts.headers).is_some() {
            let DeviceAuth(device) = DeviceAuth::from_request_parts(parts, state).await?;
            return Ok(DoorAuth(DoorCaller::Device(device)));
        }
        let Auth(principal) = Auth::from_request_parts(parts, state).await?;
        Ok(DoorAuth(DoorCaller::User(principal)))
    }
}

impl DoorAuth {
    /// The door caller of a safe request with these headers: for checking
    /// again, later, that a long-lived answer (a stream) is still allowed.
    pub async fn from_headers(state: &AppState, headers: HeaderMap) -> Result<Self, ApiError> {
        let (mut parts, ()) = axum::http::Request::new(()).into_parts();
        parts.headers = headers;
        Self::from_request_parts(&mut parts, state).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        name: String,
    }

    #[test]
    fn names_unknown_and_missing_fields() {
        let err = parse_json::<Body>(br#"{"name":"a","admin":true}"#).unwrap_err();
        assert_eq!(err.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = format!("{err:?}");
        assert!(
            body.contains("admin") && body.contains("UnknownField"),
            "{body}"
        );
        let err = parse_json::<Body>(b"{}").unwrap_err();
        assert!(format!("{err:?}").contains("Required"));
        let err = parse_json::<Body>(b"{nope").unwrap_err();
        assert_eq!(err.code(), ProblemCode::MalformedJson);
    }

    #[test]
    fn constant_time_compare() {
        assert!(subtle_eq(b"abc", b"abc"));
        assert!(!subtle_eq(b"abc", b"abd"));
        assert!(!subtle_eq(b"abc", b"ab"));
    }
}
