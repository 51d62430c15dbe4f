//! The OpenAPI document, generated from the handlers and types, and a small
//! interactive reference page that works under the strict CSP.

use std::sync::OnceLock;

use axum::http::header;
use axum::response::IntoResponse;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::error::{Problem, ProblemField};

#[cfg(test)]
mod compat;
mod constraints;
mod links;
mod problems;
use crate::routes::{
    audit, auth, delivery, devices, door, events, invitations, live, ops, print, tickets, wallet,
};

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
        tickets::list, tickets::create, tickets::batch, tickets::import, tickets::export, print::event_pdf,
        tickets::get, tickets::revoke, tickets::reissue, tickets::rotate_access, tickets::qr_svg, tickets::qr_png,
        print::ticket_pdf, delivery::send_many, delivery::send_one, delivery::list,
        live::stats, live::live, live::door_live,
        door::scan, door::pack, door::sync, door::conflicts, door::search, door::admit,
        devices::create, devices::list, devices::reissue, devices::revoke,
        devices::enrol, devices::refresh, devices::me,
        tickets::public_ticket, tickets::public_svg, tickets::public_png, print::public_pdf, tickets::public_ics,
        wallet::public_pkpass, wallet::public_google,
        ops::healthz, ops::readyz, ops::metrics, ops::csp_report,
    ),
    components(schemas(Problem, ProblemField, live::DoorChanged, print::LayoutName)),
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
    close_objects(&mut doc);
    constraints::document(&mut doc);
    problems::code_schemas(&mut doc);
    problems::document(&mut doc);
    links::document(&mut doc);
    serde_json::to_string_pretty(&doc).expect("the OpenAPI document serializes")
}

/// Request and response objects are closed: a property the document does
/// not name is refused in requests and never sent in answers.
fn close_objects(doc: &mut serde_json::Value) {
    let Some(schemas) = doc["components"]["schemas"].as_object_mut() else {
        return;
    };
    for schema in schemas.values_mut() {
        let open =
            schema.get("properties").is_some() && schema.get("additionalProperties").is_none();
        if open {
            schema["additionalProperties"] = serde_json::Value::Bool(false);
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
