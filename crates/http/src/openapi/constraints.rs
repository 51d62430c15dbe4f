//! The constraints the server enforces, written into the document from the
//! rules that validate (`text::*`, `Email::MAX_CHARS`, `MAX_USES_LIMIT`,
//! `Timezone::names`, `AuditAction::ALL`…), so the contract and the server
//! cannot drift; and, per operation, the rules a JSON Schema cannot say
//! (one field against another, against the clock, or against stored data)
//! as `x-rules`, each with the field codes it answers.

use qr_event_audit::AuditAction;
use qr_event_auth::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
use qr_event_domain::text::{self, TextRule, WHITE_SPACE};
use qr_event_domain::{Email, FieldCode, Timezone, MAX_USES_LIMIT};
use qr_event_service::door::{MAX_CODE_CHARS, MAX_SYNC_SCANS};
use qr_event_service::TicketSettings;
use serde_json::{json, Value};

/// Longest link token (enrolment, invitation, address verification).
const MAX_TOKEN_CHARS: usize = 100;

fn text_rule(rule: TextRule) -> Value {
    let mut schema = json!({"maxLength": rule.max, "pattern": rule.pattern()});
    if rule.required {
        schema["minLength"] = json!(1);
    }
    schema
}

/// An address: something with an `@`, at most [`Email::MAX_CHARS`]; the
/// full syntax is an `x-rules` entry.
fn email(optional: bool) -> Value {
    let pattern = if optional {
        format!("^[{WHITE_SPACE}]*$|@")
    } else {
        "@".to_owned()
    };
    json!({"maxLength": Email::MAX_CHARS, "pattern": pattern})
}

fn password() -> Value {
    json!({"minLength": MIN_PASSWORD_CHARS, "maxLength": MAX_PASSWORD_CHARS})
}

fn uses() -> Value {
    json!({"minimum": 1, "maximum": MAX_USES_LIMIT})
}

/// Merges `constraints` into a property of a component schema.
fn constrain(doc: &mut Value, schema: &str, property: &str, constraints: Value) {
    let target = &mut doc["components"]["schemas"][schema]["properties"][property];
    assert!(
        target.is_object(),
        "{schema}.{property} is not in the document"
    );
    for (key, value) in constraints.as_object().into_iter().flatten() {
        target[key] = value.clone();
    }
}

/// Merges `constraints` into a query parameter of every operation that has it.
fn constrain_query(doc: &mut Value, name: &str, paths: &[&str], constraints: &Value) {
    for path in paths {
        let Some(item) = doc["paths"][*path].as_object_mut() else {
            panic!("{path} is not in the document");
        };
        for op in item.values_mut() {
            for param in op["parameters"].as_array_mut().into_iter().flatten() {
                if param["in"] == "query" && param["name"] == name {
                    for (key, value) in constraints.as_object().into_iter().flatten() {
                        param["schema"][key] = value.clone();
                    }
                }
            }
        }
    }
}

pub(super) fn document(doc: &mut Value) {
    let timezone = json!({"enum": Timezone::names().collect::<Vec<_>>()});
    // A change's absent field may also be sent as null ("no change").
    let mut timezone_or_null = timezone.clone();
    timezone_or_null["enum"]
        .as_array_mut()
        .expect("an enum is an array")
        .push(Value::Null);
    let max_batch = TicketSettings::default().max_batch;
    let token = json!({"minLength": 1, "maxLength": MAX_TOKEN_CHARS});
    let gate = text_rule(text::GATE);
    let code = json!({"maxLength": MAX_CODE_CHARS});
    for (schema, property, constraints) in [
        ("CreateEventRequest", "name", text_rule(text::EVENT_NAME)),
        ("CreateEventRequest", "venue", text_rule(text::VENUE)),
        ("CreateEventRequest", "timezone", timezone.clone()),
        ("UpdateEventRequest", "name", text_rule(text::EVENT_NAME)),
        ("UpdateEventRequest", "venue", text_rule(text::VENUE)),
        ("UpdateEventRequest", "timezone", timezone_or_null),
        ("RegisterRequest", "name", text_rule(text::PERSON_NAME)),
        ("RegisterRequest", "email", email(false)),
        ("RegisterRequest", "password", password()),
        ("LoginRequest", "email", email(false)),
        ("LoginRequest", "password", json!({"minLength": 1})),
        (
            "PasswordChangeRequest",
            "current_password",
            json!({"minLength": 1}),
        ),
        ("PasswordChangeRequest", "new_password", password()),
        ("AddMemberRequest", "email", email(false)),
        ("TicketRequest", "holder_name", text_rule(text::HOLDER_NAME)),
        ("TicketRequest", "holder_email", email(true)),
        ("TicketRequest", "category", text_rule(text::CATEGORY)),
        ("TicketRequest", "note", text_rule(text::NOTE)),
        ("TicketRequest", "max_uses", uses()),
        (
            "BatchRequest",
            "count",
            json!({"minimum": 1, "maximum": max_batch}),
        ),
        (
            "BatchRequest",
            "tickets",
            json!({"minItems": 1, "maxItems": max_batch}),
        ),
        (
            "BatchRequest",
            "holder_name",
            text_rule(text::TextRule::optional(text::HOLDER_NAME.max)),
        ),
        ("BatchRequest", "category", text_rule(text::CATEGORY)),
        ("BatchRequest", "note", text_rule(text::NOTE)),
        ("BatchRequest", "max_uses", uses()),
        ("ScanRequest", "code", code.clone()),
        ("ScanRequest", "gate", gate.clone()),
        ("AdmitRequest", "gate", gate.clone()),
        ("SyncRequest", "scans", json!({"maxItems": MAX_SYNC_SCANS})),
        ("SyncRequest", "app_version", text_rule(text::APP_VERSION)),
        (
            "SyncRequest",
            "pending",
            json!({"format": "int64", "maximum": u32::MAX}),
        ),
        ("SyncScanRequest", "code", code),
        ("SyncScanRequest", "gate", gate),
        ("CreateDeviceRequest", "name", text_rule(text::DEVICE_LABEL)),
        ("CreateDeviceRequest", "gate", text_rule(text::DEVICE_LABEL)),
        ("TokenRequest", "token", token.clone()),
        ("EnrolRequest", "token", token),
    ] {
        constrain(doc, schema, property, constraints);
    }

    let audit = [
        "/api/v1/events/{id}/audit",
        "/api/v1/events/{id}/audit.csv",
        "/api/v1/admin/audit",
    ];
    let actions: Vec<&str> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
    constrain_query(doc, "action", &audit, &json!({"enum": actions}));
    constrain_query(
        doc,
        "outcome",
        &audit,
        &json!({"enum": ["success", "failure"]}),
    );

    rules(doc);
}

/// A rule in words and the field codes that answer it (none: a token rule,
/// answered 400 `invalid_link`).
type Rule = (&'static str, Vec<FieldCode>);

/// The rules beyond JSON Schema, per operation.
fn rules(doc: &mut Value) {
    use FieldCode as F;
    let cursor = (
        "`cursor` must be a `next_cursor` this list returned",
        vec![F::Invalid],
    );
    let email = (
        "E-mail addresses are a dot-atom local part (letters beyond ASCII allowed, RFC 6531), `@`, and a host name with a dot; compared in lower case",
        vec![F::InvalidEmail, F::Required],
    );
    let password = (
        "`password` must not be a well-known password nor the account's e-mail address",
        vec![F::TooCommon, F::MatchesEmail],
    );
    let link = (
        "`token` must come from a link the server sent, unused, unexpired and not withdrawn (else 400 `invalid_link`)",
        vec![],
    );
    let window = (
        "`ends_at` must be after `starts_at` (the stored value stands in for one not sent)",
        vec![F::BeforeStart],
    );
    let validity = (
        "`valid_until` must be after `valid_from`; either defaults to the event's window widened by the instance's margin",
        vec![F::BeforeStart],
    );
    let period = ("`to` must be after `from`", vec![F::BeforeFrom]);
    let table: Vec<(&str, Vec<Rule>)> = vec![
        ("create_event", vec![window.clone()]),
        ("update_event", vec![window]),
        ("register", vec![email.clone(), password.clone()]),
        ("login", vec![email.clone()]),
        ("change_password", vec![
            ("`current_password` must be the account's password", vec![F::Incorrect]),
            password,
        ]),
        ("invite_member", vec![email.clone()]),
        ("create_ticket", vec![validity.clone(), email.clone()]),
        ("create_tickets_batch", vec![
            ("Give exactly one of `count` and `tickets`", vec![F::Required, F::Exclusive]),
            validity,
            email,
        ]),
        ("import_tickets", vec![(
            "The body is UTF-8 CSV (comma or semicolon) whose header names a `holder_name` column and only known columns; every row is checked like a ticket and nothing is imported unless all are valid",
            vec![F::Encoding, F::Malformed, F::MissingColumn, F::UnknownColumn, F::ColumnCount, F::InvalidNumber, F::InvalidTime, F::TooManyRows, F::TooManyErrors],
        )]),
        ("send_tickets", vec![(
            "Give either `ticket_ids` (at most 2,000) or `\"unsent\": true`, not both",
            vec![F::Required, F::TooLong],
        )]),
        ("create_device", vec![(
            "`expires_at` (by default 12 hours after the event ends) must be in the future and within a year",
            vec![F::InPast, F::TooFar],
        )]),
        ("sync", vec![
            ("`scanned_at` must be within the last 7 days and at most 1 hour ahead of the server", vec![F::OutOfRange]),
            ("`offline_reason` is required when `offline_result` is `rejected` and absent when `admitted`", vec![F::Required, F::Invalid]),
            ("Each `scan_id` appears once per upload", vec![F::Duplicate]),
        ]),
        ("search", vec![(
            "`q` is searched trimmed: 2 to 100 characters besides the white space around it",
            vec![F::InvalidLength],
        )]),
        ("verify_email", vec![link.clone()]),
        ("enrol_device", vec![link.clone()]),
        ("accept_invitation", vec![link]),
        ("pack", vec![("`since` must be a `cursor` a previous pack returned", vec![F::Invalid])]),
        ("list_events", vec![cursor.clone()]),
        ("list_tickets", vec![cursor.clone()]),
        ("list_members", vec![cursor.clone()]),
        ("list_devices", vec![cursor.clone()]),
        ("conflicts", vec![cursor.clone()]),
        ("event_audit", vec![cursor.clone(), period.clone()]),
        ("instance_audit", vec![cursor.clone(), period.clone()]),
        ("export_event_audit", vec![cursor, period]),
    ];
    let Some(paths) = doc["paths"].as_object_mut() else {
        return;
    };
    let mut found = 0;
    for item in paths.values_mut() {
        for op in item
            .as_object_mut()
            .into_iter()
            .flat_map(|i| i.values_mut())
        {
            let Some((_, rules)) = table.iter().find(|(id, _)| op["operationId"] == *id) else {
                continue;
            };
            found += 1;
            op["x-rules"] = rules
                .iter()
                .map(|(rule, codes)| {
                    json!({"rule": rule, "codes": codes.iter().map(|c| c.as_str()).collect::<Vec<_>>()})
                })
                .collect();
        }
    }
    assert_eq!(found, table.len(), "an x-rules entry names no operation");
}
