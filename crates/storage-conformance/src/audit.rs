//! The append-only audit log.

use chrono::{DateTime, TimeDelta, Utc};
use qr_event_domain::{EventId, UserId};
use qr_event_storage::{AuditQuery, AuditRecord};
use uuid::Uuid;

use crate::fixtures::{event, now, user};
use crate::Harness;

fn record(at: DateTime<Utc>, action: &str, actor: Option<UserId>) -> AuditRecord {
    AuditRecord {
        id: Uuid::now_v7(),
        at,
        event_id: None,
        actor_id: actor,
        action: action.to_owned(),
        outcome: "success".to_owned(),
        subject: None,
        client_ip: Some("127.0.0.1".to_owned()),
        request_id: None,
        details: serde_json::json!({ "method": "password" }),
    }
}

fn newest(limit: u32) -> AuditQuery {
    AuditQuery {
        limit,
        ..AuditQuery::default()
    }
}

/// Entries read back as written, and the database itself refuses to change
/// or erase them.
pub async fn audit_log_is_append_only(h: &dyn Harness) {
    let s = h.storage();
    let actor = user(s, "a@example.org").await;
    let entry = record(now(), "auth.login", Some(actor));
    s.audit.append(&entry).await.unwrap();

    assert_eq!(
        s.audit.list(&newest(10)).await.unwrap(),
        vec![entry.clone()]
    );
    let filtered = AuditQuery {
        action: Some("auth.logout".to_owned()),
        ..newest(10)
    };
    assert!(s.audit.list(&filtered).await.unwrap().is_empty());

    let tampering = h.audit_tampering();
    assert!(!tampering.is_empty(), "the backend names what to try");
    for sql in tampering {
        let outcome = h.execute_raw(sql).await;
        assert!(outcome.is_err(), "`{sql}` must be refused, got {outcome:?}");
    }
    assert_eq!(s.audit.list(&newest(10)).await.unwrap(), vec![entry]);
}

/// Every filter, and keyset pages newest first.
pub async fn audit_log_filters_and_pages(h: &dyn Harness) {
    let s = h.storage();
    let actor = user(s, "a@example.org").await;
    let ev = event(s, actor, "Gala", now()).await;
    let t0 = now();
    let mut instance = Vec::new();
    for i in 0..5 {
        let mut entry = record(t0 + TimeDelta::seconds(i), "auth.login", Some(actor));
        if i % 2 == 1 {
            entry.outcome = "failure".to_owned();
            entry.actor_id = None;
            entry.subject = Some(format!("subject-{i}"));
            entry.request_id = Some(format!("req-{i}"));
            entry.details =
                serde_json::json!({ "reason": "bad_password", "attempt": i, "tags": ["a", "b"] });
        }
        s.audit.append(&entry).await.unwrap();
        instance.push(entry);
    }
    let mut scoped = record(t0, "event.update", Some(actor));
    scoped.event_id = Some(ev);
    s.audit.append(&scoped).await.unwrap();
    instance.reverse();

    // Instance-wide entries only, newest first, in pages.
    let mut seen = Vec::new();
    let mut before = None;
    loop {
        let page = s
            .audit
            .list(&AuditQuery {
                before,
                ..newest(2)
            })
            .await
            .unwrap();
        let Some(last) = page.last() else { break };
        assert!(page.len() <= 2);
        before = Some(last.id);
        seen.extend(page);
    }
    assert_eq!(seen, instance);

    let count = |query: AuditQuery| async move { s.audit.list(&query).await.unwrap().len() };
    let of_event = AuditQuery {
        event_id: Some(ev),
        ..newest(10)
    };
    assert_eq!(s.audit.list(&of_event).await.unwrap(), vec![scoped]);
    let other_event = AuditQuery {
        event_id: Some(EventId::new()),
        ..newest(10)
    };
    assert_eq!(count(other_event).await, 0);
    let failures = AuditQuery {
        outcome: Some("failure".to_owned()),
        ..newest(10)
    };
    assert_eq!(count(failures).await, 2);
    let by_actor = AuditQuery {
        actor_id: Some(actor),
        ..newest(10)
    };
    assert_eq!(count(by_actor).await, 3);
    let by_subject = AuditQuery {
        subject: Some("subject-3".to_owned()),
        ..newest(10)
    };
    assert_eq!(count(by_subject).await, 1);
    // `from` is inclusive, `to` exclusive.
    let window = AuditQuery {
        from: Some(t0 + TimeDelta::seconds(1)),
        to: Some(t0 + TimeDelta::seconds(3)),
        ..newest(10)
    };
    let in_window = s.audit.list(&window).await.unwrap();
    assert_eq!(in_window, instance[2..4].to_vec());
    let combined = AuditQuery {
        action: Some("auth.login".to_owned()),
        outcome: Some("success".to_owned()),
        from: Some(t0 + TimeDelta::seconds(1)),
        ..newest(10)
    };
    assert_eq!(count(combined).await, 2);
    assert_eq!(count(newest(1)).await, 1);
}
