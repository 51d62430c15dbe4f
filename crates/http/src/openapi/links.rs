//! OpenAPI links between operations, derived from the paths: what a `POST`
//! creates (its 201 or 202 answer) is what the operations under its new path
//! act on. Clients and stateful API tests follow them: create an event, then
//! its tickets, then scan one.

use serde_json::{json, Map, Value};

/// Path parameters of a templated path, in order.
fn params(path: &str) -> Vec<&str> {
    path.split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .collect()
}

/// The component schema a response's JSON body refers to.
fn body_schema<'a>(doc: &'a Value, response: &Value) -> Option<&'a Map<String, Value>> {
    let reference = response
        .pointer("/content/application~1json/schema/$ref")?
        .as_str()?;
    let name = reference.strip_prefix("#/components/schemas/")?;
    doc["components"]["schemas"][name]["properties"].as_object()
}

/// Where the created resource's id is in the answer: `/id`, or the `id` of
/// the one property that is itself a resource (`/device/id`).
fn id_pointer(doc: &Value, properties: &Map<String, Value>) -> Option<String> {
    if properties.contains_key("id") {
        return Some("/id".to_owned());
    }
    properties.iter().find_map(|(name, schema)| {
        let nested = schema["$ref"]
            .as_str()?
            .strip_prefix("#/components/schemas/")?;
        doc["components"]["schemas"][nested]["properties"]["id"]
            .is_object()
            .then(|| format!("/{name}/id"))
    })
}

/// Required properties of an operation's JSON request body.
fn required_body(doc: &Value, op: &Value) -> Vec<String> {
    let Some(name) = op
        .pointer("/requestBody/content/application~1json/schema/$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
    else {
        return Vec::new();
    };
    doc["components"]["schemas"][name]["required"]
        .as_array()
        .map(|r| {
            r.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Adds `links` to the 201 and 202 answers of every `POST`.
pub(super) fn document(doc: &mut Value) {
    let Some(paths) = doc["paths"].as_object() else {
        return;
    };
    let mut found: Vec<(String, String, Value)> = Vec::new();
    for (source, item) in paths {
        let Some(post) = item.get("post") else {
            continue;
        };
        for status in ["201", "202"] {
            let Some(properties) = post["responses"]
                .get(status)
                .and_then(|r| body_schema(doc, r))
            else {
                continue;
            };
            let id = id_pointer(doc, properties);
            let known = params(source);
            let mut links = Map::new();
            for (target, target_item) in paths {
                // The new resource's path: this path, then one new parameter;
                // every other parameter comes from the request or the answer.
                let new_param = target
                    .strip_prefix(source.as_str())
                    .and_then(|rest| rest.strip_prefix("/{"))
                    .and_then(|rest| rest.split_once('}'))
                    .map(|(name, _)| name);
                let mut bindings = Map::new();
                let mut complete = true;
                for param in params(target) {
                    let value = if known.contains(&param) {
                        format!("$request.path.{param}")
                    } else if Some(param) == new_param && id.is_some() {
                        format!("$response.body#{}", id.as_deref().unwrap_or_default())
                    } else if properties.contains_key(param) {
                        format!("$response.body#/{param}")
                    } else {
                        complete = false;
                        break;
                    };
                    bindings.insert(param.to_owned(), Value::String(value));
                }
                if !complete || target == source {
                    continue;
                }
                let from_answer = bindings
                    .values()
                    .any(|v| v.as_str().is_some_and(|v| v.starts_with("$response")));
                for (method, op) in target_item.as_object().into_iter().flatten() {
                    let Some(operation_id) = op["operationId"].as_str() else {
                        continue;
                    };
                    let mut link = json!({"operationId": operation_id});
                    if !bindings.is_empty() {
                        link["parameters"] = Value::Object(bindings.clone());
                    }
                    // A body the answer can fill: e.g. scanning the ticket's code.
                    let required = required_body(doc, op);
                    let fills_body = method == "post"
                        && !required.is_empty()
                        && required.iter().all(|r| properties.contains_key(r));
                    if fills_body {
                        link["requestBody"] = required
                            .iter()
                            .map(|r| (r.clone(), Value::from(format!("$response.body#/{r}"))))
                            .collect::<Map<_, _>>()
                            .into();
                    } else if !from_answer {
                        continue;
                    }
                    links.insert(operation_id.to_owned(), link);
                }
            }
            if !links.is_empty() {
                found.push((source.clone(), status.to_owned(), Value::Object(links)));
            }
        }
    }
    for (source, status, links) in found {
        doc["paths"][&source]["post"]["responses"][&status]["links"] = links;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn created_resources_link_to_what_acts_on_them() {
        let doc: serde_json::Value = serde_json::from_str(&super::super::openapi_json()).unwrap();
        let event = &doc["paths"]["/api/v1/events"]["post"]["responses"]["201"]["links"];
        assert_eq!(
            event["get_event"]["parameters"]["id"], "$response.body#/id",
            "{event}"
        );
        assert!(event["create_ticket"].is_object(), "{event}");
        let ticket =
            &doc["paths"]["/api/v1/events/{id}/tickets"]["post"]["responses"]["201"]["links"];
        assert_eq!(
            ticket["get_ticket"]["parameters"]["ticket_id"],
            "$response.body#/id"
        );
        assert_eq!(ticket["get_ticket"]["parameters"]["id"], "$request.path.id");
        assert_eq!(
            ticket["scan"]["requestBody"]["code"],
            "$response.body#/code"
        );
        let device =
            &doc["paths"]["/api/v1/events/{id}/devices"]["post"]["responses"]["201"]["links"];
        assert!(device
            .as_object()
            .unwrap()
            .values()
            .any(|l| l["parameters"]["device_id"] == "$response.body#/device/id"));
    }
}
