//! Errors in the OpenAPI document: every operation declares each status it
//! can answer with `application/problem+json`, each error response lists the
//! problem codes it can carry (`x-problem-codes`) with an example body per
//! code, and the codes themselves are closed enumerations generated from
//! [`ProblemCode::ALL`] and [`FieldCode::ALL`].

use axum::http::StatusCode;
use qr_event_domain::{FieldCode, ProblemCode};
use serde_json::{json, Map, Value};

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

/// Operations a door device may call, which answer `device_revoked`.
fn door_device_path(path: &str) -> bool {
    path.starts_with("/api/v1/devices/") || path.contains("/door/") || path.ends_with("/scan")
}

fn problem_content() -> Value {
    json!({"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}})
}

/// The problem codes named in backquotes in a description.
fn named_codes(description: &str) -> Vec<ProblemCode> {
    description
        .split('`')
        .skip(1)
        .step_by(2)
        .filter_map(|word| {
            ProblemCode::ALL
                .iter()
                .copied()
                .find(|c| c.as_str() == word)
        })
        .collect()
}

/// What an operation looks like to the shared layers.
struct Shape<'a> {
    path: &'a str,
    method: &'a str,
    has_body: bool,
    has_query: bool,
}

impl Shape<'_> {
    fn api(&self) -> bool {
        self.path.starts_with("/api/v1/")
    }

    fn unsafe_method(&self) -> bool {
        self.method != "get"
    }

    /// The codes the shared layers give a status of this operation.
    fn codes(&self, status: u16) -> Vec<ProblemCode> {
        use ProblemCode as C;
        match status {
            400 if self.has_body => vec![C::MalformedJson, C::MalformedBody],
            400 if self.has_query => vec![C::InvalidQuery],
            401 if self.path == "/api/v1/auth/login" => vec![C::InvalidCredentials],
            401 if door_device_path(self.path) => vec![C::Unauthenticated, C::DeviceRevoked],
            401 => vec![C::Unauthenticated],
            403 if self.api() && self.unsafe_method() => vec![C::CsrfFailed],
            404 => vec![C::NotFound],
            413 => vec![C::PayloadTooLarge],
            415 => vec![C::UnsupportedMediaType],
            422 => vec![C::ValidationFailed],
            429 => vec![C::RateLimited, C::QuotaExceeded],
            503 => vec![C::Unavailable, C::Busy],
            _ => Vec::new(),
        }
    }
}

/// Declares the error statuses the shared layers can give each operation:
/// bodies (400, 413, 415, 422), query strings (400, 422), sessions (401, 403
/// for CSRF and cross-site requests), path ids (404), limits (429) and the
/// database (503); then the codes and an example of each error response.
pub(super) fn document(doc: &mut Value) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
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
            let ins: Vec<String> = op
                .get("parameters")
                .and_then(Value::as_array)
                .map(|ps| {
                    ps.iter()
                        .filter_map(|p| p.get("in").and_then(Value::as_str).map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let shape = Shape {
                path,
                method,
                has_body: op.contains_key("requestBody"),
                has_query: ins.iter().any(|p| p == "query"),
            };
            let responses = op
                .entry("responses")
                .or_insert_with(|| json!({}))
                .as_object_mut()
                .expect("responses is an object");
            declare_statuses(responses, &shape, ins.iter().any(|p| p == "path"));
            for (status, response) in responses.iter_mut() {
                let Ok(status) = status.parse::<u16>() else {
                    continue;
                };
                if status >= 400 {
                    describe_response(response, status, &shape);
                }
            }
        }
    }
}

fn declare_statuses(responses: &mut Map<String, Value>, shape: &Shape<'_>, has_path: bool) {
    let mut add = |status: &str, description: &str| {
        responses
            .entry(status.to_owned())
            .or_insert_with(|| json!({"description": description}));
    };
    if shape.has_body {
        add("400", "The body is not valid JSON or could not be read");
        add("413", "The body is too large");
        add("415", "The body is not of the expected media type");
        add("422", "Invalid fields; `errors` names each");
    }
    if shape.has_query {
        add("400", "The query string does not parse");
        add("422", "A query parameter is out of range");
    }
    if has_path {
        add("404", "No such resource, or not visible to the caller");
    }
    if shape.api() && !is_public(shape.path) {
        add("401", "No valid session");
    }
    if shape.api() && shape.unsafe_method() {
        add(
            "403",
            "Missing or wrong CSRF token, or a cross-site request",
        );
    }
    if shape.api() {
        add(
            "429",
            "Too many requests or a quota reached; see Retry-After",
        );
        add(
            "503",
            "The database is unreachable or the server saturated; see Retry-After",
        );
    }
}

/// Gives an error response its media type, its codes (`x-problem-codes`)
/// and one example body per code.
fn describe_response(response: &mut Value, status: u16, shape: &Shape<'_>) {
    let description = response["description"].as_str().unwrap_or_default();
    let mut codes = named_codes(description);
    let about_csrf = description.contains("CSRF") || description.contains("ross-site");
    let declared_forbidden = status == 403 && !about_csrf;
    if declared_forbidden && codes.is_empty() {
        codes.push(ProblemCode::Forbidden);
    }
    for code in shape.codes(status) {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    let title = StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error");
    let mut examples = Map::new();
    for code in &codes {
        let mut body = json!({
            "type": format!("https://qr-event.org/problems/{}", code.as_str().replace('_', "-")),
            "title": title,
            "status": status,
            "detail": code.help(),
            "code": code.as_str(),
            "request_id": "01a2299d60c7776c8c062a412a870546",
        });
        if *code == ProblemCode::ValidationFailed {
            body["errors"] = json!([{
                "field": "name",
                "code": FieldCode::Required.as_str(),
                "message": "must not be empty",
            }]);
        }
        examples.insert(
            code.as_str().to_owned(),
            json!({"summary": code.help(), "value": body}),
        );
    }
    let mut content = problem_content();
    content["application/problem+json"]["examples"] = Value::Object(examples);
    response["content"] = content;
    response["x-problem-codes"] = json!(codes.iter().map(|c| c.as_str()).collect::<Vec<_>>());
}

/// The two code enumerations as schemas, referenced from the problem
/// schemas, with a sentence for each value (`x-enum-descriptions`).
pub(super) fn code_schemas(doc: &mut Value) {
    fn schema<'a>(
        description: &str,
        codes: impl Iterator<Item = (&'a str, &'a str)> + Clone,
    ) -> Value {
        json!({
            "type": "string",
            "description": description,
            "enum": codes.clone().map(|(c, _)| c).collect::<Vec<_>>(),
            "x-enum-descriptions": codes.map(|(c, h)| (c.to_owned(), Value::from(h))).collect::<Map<_, _>>(),
        })
    }
    let schemas = &mut doc["components"]["schemas"];
    schemas["ProblemCode"] = schema(
        "Stable machine code of a problem. New codes may be added; none is removed without a new API version.",
        ProblemCode::ALL.iter().map(|c| (c.as_str(), c.help())),
    );
    schemas["FieldCode"] = schema(
        "Stable machine code of one invalid field. New codes may be added; none is removed without a new API version.",
        FieldCode::ALL.iter().map(|c| (c.as_str(), c.help())),
    );
    for (schema, code) in [
        ("Problem", "ProblemCode"),
        ("ProblemField", "FieldCode"),
        ("ImportRowError", "FieldCode"),
    ] {
        if schemas[schema]["properties"]["code"].is_object() {
            schemas[schema]["properties"]["code"] =
                json!({"$ref": format!("#/components/schemas/{code}")});
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_documented_where_it_can_happen() {
        let doc: Value = serde_json::from_str(&super::super::openapi_json()).unwrap();
        let mut seen = std::collections::HashSet::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                for (status, response) in op["responses"].as_object().unwrap() {
                    if status.as_str() < "400" {
                        continue;
                    }
                    let codes = response["x-problem-codes"].as_array().unwrap();
                    assert!(!codes.is_empty(), "{method} {path} {status} names no code");
                    let examples = &response["content"]["application/problem+json"]["examples"];
                    for code in codes {
                        let code = code.as_str().unwrap();
                        assert_eq!(examples[code]["value"]["code"], code);
                        assert_eq!(examples[code]["value"]["status"].as_str(), None);
                        seen.insert(code.to_owned());
                    }
                    assert!(response["content"]["application/json"].is_null());
                }
            }
        }
        // Codes no operation declares: an unexpected failure, a method the
        // path lacks, and the storage layer's last-resort conflict.
        let undeclared = [
            ProblemCode::Internal,
            ProblemCode::MethodNotAllowed,
            ProblemCode::Conflict,
        ];
        for code in ProblemCode::ALL {
            assert_eq!(
                seen.contains(code.as_str()),
                !undeclared.contains(code),
                "{code} is declared by no operation (name it in backquotes in a response description)"
            );
        }
        let enumeration = doc["components"]["schemas"]["FieldCode"]["enum"]
            .as_array()
            .unwrap();
        assert_eq!(enumeration.len(), FieldCode::ALL.len());
        assert_eq!(
            doc["components"]["schemas"]["ProblemField"]["properties"]["code"]["$ref"],
            "#/components/schemas/FieldCode"
        );
    }

    #[test]
    fn codes_in_descriptions_are_found() {
        assert_eq!(
            named_codes("Already accepted (`invitation_accepted`), or `q` or `nope`"),
            vec![ProblemCode::InvitationAccepted]
        );
    }
}
