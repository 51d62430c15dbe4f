//! Breaking changes between two versions of the OpenAPI document. A client
//! built from the older one breaks when an operation, a schema property, an
//! enumeration value or a parameter it relies on disappears, or when a
//! request starts to require something it never sent.
//!
//! Each release keeps its document in `docs/api/releases/<version>.json`; a
//! test compares the document the code generates with the newest of them
//! and fails on a breaking change unless `info.version` changed.

use std::collections::BTreeSet;

use serde_json::Value;

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

fn strings(value: &Value) -> BTreeSet<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn keys(value: &Value) -> BTreeSet<String> {
    value
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

/// Enumeration values removed from a schema (and its properties), by path.
fn removed_enums(at: &str, old: &Value, new: &Value, out: &mut Vec<String>) {
    for value in strings(&old["enum"]).difference(&strings(&new["enum"])) {
        out.push(format!("{at}: enumeration value `{value}` removed"));
    }
    for (name, property) in old["properties"].as_object().into_iter().flatten() {
        removed_enums(
            &format!("{at}.{name}"),
            property,
            &new["properties"][name],
            out,
        );
    }
    if old["items"].is_object() {
        removed_enums(&format!("{at}[]"), &old["items"], &new["items"], out);
    }
}

/// The list of breaking changes from `old` to `new` (empty when compatible).
pub fn breaking_changes(old: &Value, new: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for (path, item) in old["paths"].as_object().into_iter().flatten() {
        for method in METHODS {
            let Some(op) = item.get(method) else {
                continue;
            };
            let Some(now) = new["paths"][path].get(method) else {
                out.push(format!(
                    "{} {path}: operation removed",
                    method.to_uppercase()
                ));
                continue;
            };
            let at = format!("{} {path}", method.to_uppercase());
            let params = |op: &Value| -> Vec<(String, String, bool, Value)> {
                op["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|p| {
                        (
                            p["in"].as_str().unwrap_or_default().to_owned(),
                            p["name"].as_str().unwrap_or_default().to_owned(),
                            p["required"].as_bool().unwrap_or(false),
                            p["schema"].clone(),
                        )
                    })
                    .collect()
            };
            let before = params(op);
            let after = params(now);
            for (place, name, _, schema) in &before {
                match after.iter().find(|(p, n, _, _)| p == place && n == name) {
                    None => out.push(format!("{at}: {place} parameter `{name}` removed")),
                    Some((_, _, _, new_schema)) => {
                        removed_enums(&format!("{at} {name}"), schema, new_schema, &mut out)
                    }
                }
            }
            for (place, name, required, _) in &after {
                let was_required = before
                    .iter()
                    .any(|(p, n, r, _)| p == place && n == name && *r);
                if *required && !was_required {
                    out.push(format!("{at}: {place} parameter `{name}` is now required"));
                }
            }
            for status in keys(&op["responses"]).difference(&keys(&now["responses"])) {
                if status.starts_with('2') {
                    out.push(format!("{at}: answer {status} removed"));
                }
            }
        }
    }
    let old_schemas = &old["components"]["schemas"];
    let new_schemas = &new["components"]["schemas"];
    for (name, schema) in old_schemas.as_object().into_iter().flatten() {
        let now = &new_schemas[name];
        if now.is_null() {
            out.push(format!("schema {name} removed"));
            continue;
        }
        for property in keys(&schema["properties"]).difference(&keys(&now["properties"])) {
            out.push(format!("schema {name}: property `{property}` removed"));
        }
        for required in strings(&now["required"]).difference(&strings(&schema["required"])) {
            // A request that must now send something it never sent; an
            // answer that now always carries a field breaks nobody.
            if name.ends_with("Request") {
                out.push(format!("schema {name}: `{required}` is now required"));
            }
        }
        removed_enums(&format!("schema {name}"), schema, now, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn doc() -> Value {
        json!({
            "info": {"version": "1.0.0"},
            "paths": {"/a": {"get": {
                "parameters": [{"in": "query", "name": "kind", "schema": {"enum": ["x", "y"]}}],
                "responses": {"200": {}}
            }}},
            "components": {"schemas": {
                "AView": {"properties": {"id": {}, "state": {"enum": ["on", "off"]}}},
                "ARequest": {"properties": {"name": {}, "note": {}}, "required": ["name"]}
            }}
        })
    }

    #[test]
    fn additions_are_compatible() {
        let mut new = doc();
        new["paths"]["/b"] = json!({"post": {"responses": {"201": {}}}});
        new["components"]["schemas"]["AView"]["properties"]["extra"] = json!({});
        new["components"]["schemas"]["AView"]["properties"]["state"]["enum"] =
            json!(["on", "off", "paused"]);
        assert_eq!(breaking_changes(&doc(), &new), Vec::<String>::new());
    }

    #[test]
    fn removals_and_new_requirements_break() {
        let mut new = doc();
        new["paths"]["/a"]["get"]["parameters"][0]["schema"]["enum"] = json!(["x"]);
        new["components"]["schemas"]["AView"]["properties"]
            .as_object_mut()
            .unwrap()
            .remove("id");
        new["components"]["schemas"]["ARequest"]["required"] = json!(["name", "note"]);
        new["components"]["schemas"]["AView"]["properties"]["state"]["enum"] = json!(["on"]);
        let changes = breaking_changes(&doc(), &new);
        assert_eq!(changes.len(), 4, "{changes:?}");
        let mut gone = doc();
        gone["paths"]["/a"].as_object_mut().unwrap().remove("get");
        assert_eq!(
            breaking_changes(&doc(), &gone),
            ["GET /a: operation removed"]
        );
    }

    /// The newest release document under docs/api/releases.
    fn newest_release() -> (String, Value) {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/api/releases");
        let version = |name: &str| -> Vec<u64> {
            name.trim_end_matches(".json")
                .split('.')
                .map(|n| n.parse().unwrap_or(0))
                .collect()
        };
        let newest = std::fs::read_dir(dir)
            .expect("docs/api/releases exists")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".json"))
            .max_by_key(|n| version(n))
            .expect("at least one release document");
        let text = std::fs::read_to_string(format!("{dir}/{newest}")).unwrap();
        (newest, serde_json::from_str(&text).unwrap())
    }

    #[test]
    fn no_breaking_change_since_the_last_release_without_a_new_version() {
        let current: Value = serde_json::from_str(&super::super::openapi_json()).unwrap();
        let (file, release) = newest_release();
        let changes = breaking_changes(&release, &current);
        let same_version = release["info"]["version"] == current["info"]["version"];
        assert!(
            !same_version || changes.is_empty(),
            "breaking changes since {file} at the same version {}:\n{}\n\
             Keep the old behaviour, or change the version (and keep a new \
             docs/api/releases/<version>.json when it is released).",
            current["info"]["version"],
            changes.join("\n")
        );
    }
}
