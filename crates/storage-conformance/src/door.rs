//! Offline uploads under concurrency.

use std::sync::Arc;

use chrono::Duration;
use qr_event_domain::{EventId, TicketId, UserId};
use qr_event_storage::{ScanMode, SyncBatch, SyncItem, SyncVerdict};
use uuid::Uuid;

use crate::fixtures::now;
use crate::tickets::{setup, ticket};
use crate::Harness;

fn upload(event: EventId, user: UserId, tickets: &[TicketId], minutes_ago: i64) -> SyncBatch {
    let device = Uuid::new_v4();
    SyncBatch {
        event_id: event,
        scanner_id: Some(user),
        device_id: Some(device),
        received_at: now(),
        skew: Duration::seconds(30),
        client_ip: None,
        request_id: None,
        items: tickets
            .iter()
            .map(|&t| SyncItem {
                scan_id: Uuid::new_v4(),
                audit_id: Uuid::now_v7(),
                ticket_id: Some(t),
                refused: None,
                code_event: None,
                mode: ScanMode::CheckIn,
                gate: Some(format!("Gate {minutes_ago}")),
                scanned_at: now() - Duration::minutes(minutes_ago),
                offline_reason: None,
            })
            .collect(),
    }
}

/// Twenty devices upload offline admissions of the same two tickets at once,
/// half of them in the opposite order: no deadlock, no error, each ticket
/// counted once, every other admission a conflict, and the admission kept as
/// the earliest-scanned one's partner.
pub async fn concurrent_offline_uploads_admit_once_and_link_conflicts(h: &dyn Harness) {
    let s = h.storage().clone();
    let (user, ev) = setup(&s).await;
    let a = ticket(ev, "A", 1);
    let b = ticket(ev, "B", 1);
    s.tickets
        .insert_many(&[a.clone(), b.clone()], &[])
        .await
        .unwrap();
    let s = Arc::new(s);
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..20i64 {
        let order = if i % 2 == 0 {
            vec![a.id, b.id]
        } else {
            vec![b.id, a.id]
        };
        let batch = upload(ev, user, &order, 30 - i);
        let s = s.clone();
        tasks.spawn(async move { s.door.sync(&batch).await });
    }
    let mut verdicts = Vec::new();
    while let Some(result) = tasks.join_next().await {
        verdicts.extend(
            result
                .unwrap()
                .expect("uploads never fail under contention"),
        );
    }
    assert_eq!(verdicts.len(), 40);
    let admitted = verdicts
        .iter()
        .filter(|o| o.verdict == SyncVerdict::Admitted)
        .count();
    let conflicts = verdicts
        .iter()
        .filter(|o| matches!(o.verdict, SyncVerdict::Conflict(_)))
        .count();
    assert_eq!((admitted, conflicts), (2, 38));
    for t in [a.id, b.id] {
        assert_eq!(s.tickets.find(ev, t).await.unwrap().unwrap().uses, 1);
    }
    assert_eq!(s.door.conflict_count(ev).await.unwrap(), 38);
    // Whatever the upload order, no conflict names a later scan as "first"
    // and an earlier one as "second".
    for c in s.door.conflicts(ev, None, 100).await.unwrap() {
        let first = c
            .first
            .as_ref()
            .expect("already_used links both admissions");
        assert!(first.scanned_at < c.second.scanned_at, "{c:?}");
    }
    // The delta after all this holds both tickets with their one use.
    let rows = s.door.door_tickets(ev, Some(0)).await.unwrap();
    assert!(rows.tickets.iter().all(|t| t.uses == 1));
}
