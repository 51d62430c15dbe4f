//! The one error format of the API: RFC 9457 `application/problem+json`.

use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use qr_event_domain::{FieldCode, FieldError, ProblemCode, ValidationErrors};
use qr_event_service::ServiceError;
use serde::Serialize;
use utoipa::ToSchema;

use crate::request_id;

/// Media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An error body as sent to clients.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the problem class (`about:blank`-style tag URIs).
    #[serde(rename = "type")]
    pub kind: String,
    /// Short summary of the problem class.
    pub title: &'static str,
    /// The HTTP status code.
    pub status: u16,
    /// Explanation specific to this occurrence.
    pub detail: String,
    /// Stable machine-readable code.
    #[schema(value_type = String)]
    pub code: ProblemCode,
    /// Correlation id, also present in the server logs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// One entry per invalid field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
}

/// A field that failed validation.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemField {
    /// The field name as sent by the client (`email`, `starts_at`, …).
    pub field: String,
    /// Stable machine-readable code (`required`, `too_long`, …).
    #[schema(value_type = String)]
    pub code: FieldCode,
    /// Human explanation.
    pub message: String,
    /// Line of an uploaded file the error is on (imports).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

impl From<FieldError> for ProblemField {
    fn from(err: FieldError) -> Self {
        Self {
            field: err.field,
            code: err.code,
            message: err.message,
            line: None,
        }
    }
}

/// An error a handler returns; converted into a problem response.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: ProblemCode,
    title: &'static str,
    detail: String,
    errors: Vec<ProblemField>,
    retry_after: Option<Duration>,
}

impl ApiError {
    /// A problem with the given status, code and detail.
    pub fn new(status: StatusCode, code: ProblemCode, detail: impl Into<String>) -> Self {
        Self {
            status,
            code,
            title: status.canonical_reason().unwrap_or("Error"),
            detail: detail.into(),
            errors: Vec::new(),
            retry_after: None,
        }
    }

    /// A problem listing field errors.
    pub fn with_fields(
        status: StatusCode,
        code: ProblemCode,
        detail: impl Into<String>,
        fields: Vec<ProblemField>,
    ) -> Self {
        let mut err = Self::new(status, code, detail);
        err.errors = fields;
        err
    }

    /// 400 with a code.
    pub fn bad_request(code: ProblemCode, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, detail)
    }

    /// 401.
    pub fn unauthenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ProblemCode::Unauthenticated,
            "sign in to continue",
        )
    }

    /// 403 for a failed CSRF or cross-site check.
    pub fn csrf(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, ProblemCode::CsrfFailed, detail)
    }

    /// 404.
    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            ProblemCode::NotFound,
            "no such resource",
        )
    }

    /// 422 for one field.
    pub fn invalid_field(field: &str, code: FieldCode, message: impl Into<String>) -> Self {
        ValidationErrors::one(field, code, message).into()
    }

    /// 500 that reveals nothing; the cause is logged here, once.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ProblemCode::Internal,
            "an unexpected error occurred",
        )
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The stable code.
    pub fn code(&self) -> ProblemCode {
        self.code
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(errors: ValidationErrors) -> Self {
        let mut err = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ProblemCode::ValidationFailed,
            "some fields are invalid; see errors",
        );
        err.errors = errors.0.into_iter().map(ProblemField::from).collect();
        err
    }
}

impl From<ServiceError> for ApiError {
    fn from(err: ServiceError) -> Self {
        match err {
            ServiceError::Validation(errors) => errors.into(),
            ServiceError::Unauthenticated => Self::unauthenticated(),
            ServiceError::DeviceRevoked => Self::new(
                StatusCode::UNAUTHORIZED,
                ProblemCode::DeviceRevoked,
                "this door device was signed out; ask the organiser for a new enrolment link",
            ),
            ServiceError::InvalidLink => Self::new(
                StatusCode::BAD_REQUEST,
                ProblemCode::InvalidLink,
                "this link is not valid any more (used, expired or withdrawn); ask for a new one",
            ),
            ServiceError::InvalidCredentials => Self::new(
                StatusCode::UNAUTHORIZED,
                ProblemCode::InvalidCredentials,
                "the e-mail address or the password is wrong",
            ),
            ServiceError::Forbidden(detail) => {
                Self::new(StatusCode::FORBIDDEN, ProblemCode::Forbidden, detail)
            }
            ServiceError::NotFound => Self::not_found(),
            ServiceError::Conflict { code, detail } => {
                Self::new(StatusCode::CONFLICT, code, detail)
            }
            ServiceError::Throttled { retry_after } => {
                let mut err = Self::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    ProblemCode::RateLimited,
                    "too many attempts; wait before trying again",
                );
                err.retry_after = Some(retry_after);
                err
            }
            ServiceError::QuotaExceeded {
                detail,
                retry_after,
            } => {
                let mut err = Self::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    ProblemCode::QuotaExceeded,
                    detail,
                );
                err.retry_after = Some(retry_after);
                err
            }
            ServiceError::RegistrationClosed => Self::new(
                StatusCode::FORBIDDEN,
                ProblemCode::RegistrationClosed,
                "registration is closed on this instance; ask an organizer for an invitation",
            ),
            ServiceError::Busy => {
                let mut err = Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    ProblemCode::Busy,
                    "the server is busy; try again in a moment",
                );
                err.retry_after = Some(Duration::from_secs(1));
                err
            }
            ServiceError::Unavailable(cause) => {
                tracing::error!(error = %cause, "storage unavailable");
                metrics::counter!("db_unavailable_total").increment(1);
                let mut err = Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    ProblemCode::Unavailable,
                    "the service is temporarily unavailable",
                );
                err.retry_after = Some(Duration::from_secs(2));
                err
            }
            ServiceError::Internal(cause) => Self::internal(cause),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Problem {
            kind: format!(
                "https://qr-event.org/problems/{}",
                self.code.as_str().replace('_', "-")
            ),
            title: self.title,
            status: self.status.as_u16(),
            detail: self.detail,
            code: self.code,
            request_id: request_id::current(),
            errors: self.errors,
        };
        let bytes = serde_json::to_vec(&body).unwrap_or_default();
        let mut response = (self.status, bytes).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if let Some(retry) = self.retry_after {
            let secs = retry.as_secs() + u64::from(retry.subsec_nanos() > 0);
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
        }
        response
    }
}

/// Result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_errors_become_422_with_fields() {
        let err: ApiError = ValidationErrors::one("email", FieldCode::Invalid, "bad").into();
        assert_eq!(err.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(err.code(), ProblemCode::ValidationFailed);
        assert_eq!(err.errors.len(), 1);
    }

    #[test]
    fn throttling_sets_retry_after() {
        let err: ApiError = ServiceError::Throttled {
            retry_after: Duration::from_millis(1500),
        }
        .into();
        let response = err.into_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "2");
        assert_eq!(response.headers()[header::CONTENT_TYPE], PROBLEM_JSON);
    }
}
