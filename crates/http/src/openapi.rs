//! The OpenAPI document, generated from the handlers and types, and a small
//! interactive reference page that works under the strict CSP.

use std::sync::OnceLock;

use axum::http::header;
use axum::response::IntoResponse;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::error::{Problem, ProblemField};
use crate::routes::{audit, auth, devices, door, events, invitations, ops, tickets};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "QR Event API",
        description = "Issue and validate QR tickets for events. Errors are RFC 9457 problem+json. \
Sessions use HttpOnly cookies; unsafe requests must echo the CSRF token in X-CSRF-Token.",
        license(name = "AGPL-3.0-or-later")
    ),
    paths(
        auth::register, auth::login, auth::refresh, auth::logout, auth::me, auth::change_password,
        events::list, events::create, events::get, events::update, events::delete,
        events::list_members, invitations::invite, invitations::list, invitations::revoke, invitations::accept,
        invitations::verify_email, invitations::resend_verification, events::change_member, events::remove_member,
        audit::event_audit, audit::instance_audit, audit::verify_event, audit::verify_instance,
        audit::export_event_audit,
        tickets::list, tickets::create, tickets::batch, tickets::import, tickets::export, tickets::event_pdf,
        tickets::get, tickets::revoke, tickets::reissue, tickets::rotate_access, tickets::qr_svg, tickets::qr_png,
        tickets::ticket_pdf, tickets::stats,
        door::scan, door::pack, door::sync, door::conflicts, door::search, door::admit,
        devices::create, devices::list, devices::reissue, devices::revoke,
        devices::enrol, devices::refresh, devices::me,
        tickets::public_ticket, tickets::public_svg, tickets::public_png, tickets::public_pdf, tickets::public_ics,
        ops::healthz, ops::readyz, ops::metrics, ops::csp_report,
    ),
    components(schemas(Problem, ProblemField)),
    modifiers(&CookieAuth),
    tags(
        (name = "auth", description = "Accounts and sessions"),
        (name = "events", description = "Events"),
        (name = "members", description = "Event staff and roles"),
        (name = "tickets", description = "Tickets and their QR codes"),
        (name = "scan", description = "Live figures"),
        (name = "door", description = "Door checks, offline pack, uploads and conflicts"),
        (name = "devices", description = "Door devices: enrolment by a one-time link, device sessions, revocation"),
        (name = "public", description = "Attendee ticket pages (no login)"),
        (name = "audit", description = "Audit log"),
        (name = "operations", description = "Health and metrics"),
    )
)]
struct ApiDoc;

struct CookieAuth;

impl Modify for CookieAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "__Host-qre_access",
                "Short-lived access token set by login, register and refresh",
            ))),
        );
    }
}

/// The OpenAPI document as pretty JSON (also used to generate UI types).
pub fn openapi_json() -> String {
    let doc = ApiDoc::openapi()
        .to_json()
        .expect("the OpenAPI document serializes");
    let mut doc: serde_json::Value = serde_json::from_str(&doc).expect("valid JSON");
    document_problems(&mut doc);
    serde_json::to_string_pretty(&doc).expect("the OpenAPI document serializes")
}

/// Paths whose operations answer without a session.
fn is_public(path: &str) -> bool {
    path.starts_with("/api/v1/public/")
        || !path.starts_with("/api/v1/")
        || [
            "/api/v1/auth/register",
            "/api/v1/auth/login",
            "/api/v1/auth/refresh",
            "/api/v1/auth/logout",
            "/api/v1/auth/verify-email",
            "/api/v1/devices/enrol",
            "/api/v1/devices/refresh",
        ]
        .contains(&path)
}

/// Errors are `application/problem+json` (RFC 9457), and every operation
/// declares the error statuses the shared layers can give it: bodies (400,
/// 413, 415, 422), query strings (400, 422), sessions (401, 403 for CSRF and
/// cross-site requests), path ids (404), limits (429) and the database (503).
fn document_problems(doc: &mut serde_json::Value) {
    use serde_json::json;
    let problem = || json!({"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}});
    let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, op) in item.iter_mut() {
            let Some(op) = op.as_object_mut() else {
                continue;
            };
            let has_body = op.contains_key("requestBody");
            let params: Vec<String> = op
                .get("parameters")
                .and_then(|p| p.as_array())
                .map(|ps| {
                    ps.iter()
                        .filter_map(|p| p.get("in").and_then(|i| i.as_str()).map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let responses = op
                .entry("responses")
                .or_insert_with(|| json!({}))
                .as_object_mut()
                .expect("responses is an object");
            // Problem bodies carry their own media type.
            for response in responses.values_mut() {
                let is_problem = response
                    .pointer("/content/application~1json/schema/$ref")
                    .and_then(|r| r.as_str())
                    == Some("#/components/schemas/Problem");
                if is_problem {
                    response["content"] = problem();
                }
            }
            let mut add = |status: &str, description: &str| {
                responses
                    .entry(status.to_owned())
                    .or_insert_with(|| json!({"description": description, "content": problem()}));
            };
            let api = path.starts_with("/api/v1/");
            if has_body {
                add(
                    "400",
                    "The body is not valid JSON (`malformed_json`) or could not be read",
                );
                add("413", "The body is too large (`payload_too_large`)");
                add(
                    "415",
                    "The body is not of the expected media type (`unsupported_media_type`)",
                );
                add(
                    "422",
                    "Invalid fields (`validation_failed`, with `errors[]`)",
                );
            }
            if params.iter().any(|p| p == "query") {
                add("400", "The query string does not parse (`invalid_query`)");
                add(
                    "422",
                    "A query parameter is out of range (`validation_failed`)",
                );
            }
            if params.iter().any(|p| p == "path") {
                add(
                    "404",
                    "No such resource, or not visible to the caller (`not_found`)",
                );
            }
            if api && !is_public(path) {
                add(
                    "401",
                    "No valid session (`unauthenticated`; `device_revoked` for door devices)",
                );
            }
            if api && method != "get" {
                add(
                    "403",
                    "Missing or wrong CSRF token, or a cross-site request (`csrf_failed`)",
                );
            }
            if api {
                add("429", "Too many requests or a quota reached (`rate_limited`, `quota_exceeded`); see Retry-After");
                add(
                    "503",
                    "The database is unreachable or the server saturated (`unavailable`, `busy`)",
                );
            }
        }
    }
}

fn cached() -> &'static str {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(openapi_json)
}

pub async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], cached())
}

pub async fn docs_page() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        include_str!("assets/docs.html"),
    )
}

pub async fn docs_script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        include_str!("assets/docs.js"),
    )
}

pub async fn docs_style() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        include_str!("assets/docs.css"),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn document_lists_the_contract_paths() {
        let doc: serde_json::Value = serde_json::from_str(&super::openapi_json()).unwrap();
        for path in [
            "/api/v1/auth/login",
            "/api/v1/events",
            "/api/v1/events/{id}/members/{user_id}",
            "/healthz",
        ] {
            assert!(doc["paths"][path].is_object(), "missing {path}");
        }
        // Errors are problem+json, and the shared layers' statuses are declared.
        let login = &doc["paths"]["/api/v1/auth/login"]["post"]["responses"];
        for status in ["400", "401", "413", "415", "422", "429"] {
            assert!(
                login[status]["content"]["application/problem+json"].is_object(),
                "login {status}: {login}"
            );
        }
        assert!(login["401"]["content"]["application/json"].is_null());
        assert!(doc["components"]["schemas"]["Problem"].is_object());
        let mut ids = std::collections::HashSet::new();
        for item in doc["paths"].as_object().unwrap().values() {
            for op in item.as_object().unwrap().values() {
                let id = op["operationId"].as_str().unwrap();
                assert!(ids.insert(id.to_owned()), "operationId {id} is not unique");
            }
        }
    }
}
