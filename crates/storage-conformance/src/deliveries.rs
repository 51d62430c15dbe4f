//! The ticket e-mail outbox: queued once per link, claimed by one sender at
//! a time, abandoned claims taken over, sent rows never claimed again.

use std::sync::Arc;

use chrono::TimeDelta;
use qr_event_storage::{AttemptOutcome, DeliveryStatus, NewDelivery, Storage};
use uuid::Uuid;

use crate::fixtures::now;
use crate::tickets::{setup, ticket};
use crate::Harness;

fn new_delivery(t: &qr_event_storage::NewTicket) -> NewDelivery {
    NewDelivery {
        id: Uuid::now_v7(),
        event_id: t.event_id,
        ticket_id: t.id,
        access_version: 0,
    }
}

/// Queueing is idempotent per ticket and link version; concurrent claimers
/// share the due rows without overlap; an expired lease is claimable again
/// and the old claimer's outcome is then refused; sent rows stay sent;
/// failed rows may be queued again.
pub async fn deliveries_are_claimed_once_with_a_lease<H: Harness>(h: &H) {
    let s: Storage = h.storage().clone();
    let (_, ev) = setup(&s).await;
    let batch: Vec<_> = (0..20).map(|n| ticket(ev, &format!("T{n}"), 1)).collect();
    s.tickets.insert_many(&batch, &[]).await.expect("tickets");
    let rows: Vec<_> = batch.iter().map(new_delivery).collect();
    let t0 = now();

    let queued = s.deliveries.queue(&rows, t0).await.expect("queue");
    assert_eq!(queued.len(), 20);
    assert!(queued.iter().all(|d| d.status == DeliveryStatus::Queued));
    // Fresh ids for the same tickets and link: nothing new.
    let again: Vec<_> = batch.iter().map(new_delivery).collect();
    assert!(s.deliveries.queue(&again, t0).await.unwrap().is_empty());
    assert_eq!(s.deliveries.next_due().await.unwrap(), Some(t0));

    // Four claimers at once never get the same row.
    let lease = t0 + TimeDelta::minutes(5);
    let claims = (0..4).map(|_| {
        let s = Arc::new(s.clone());
        tokio::spawn(async move { s.deliveries.claim(t0, lease, 8).await.expect("claim") })
    });
    let mut claimed = Vec::new();
    for c in claims {
        claimed.extend(c.await.unwrap());
    }
    let mut ids: Vec<_> = claimed.iter().map(|d| d.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 20, "every row claimed exactly once");
    assert_eq!(claimed.len(), 20);
    assert!(claimed
        .iter()
        .all(|d| d.status == DeliveryStatus::Sending && d.attempts == 1));
    // Leased rows are not due before the lease ends.
    assert!(s.deliveries.claim(t0, lease, 50).await.unwrap().is_empty());

    let (first, rest) = claimed.split_first().unwrap();
    assert!(s
        .deliveries
        .finish(first.id, 1, AttemptOutcome::Sent, t0)
        .await
        .unwrap());
    let second = &rest[0];
    let retry = t0 + TimeDelta::minutes(1);
    assert!(s
        .deliveries
        .finish(
            second.id,
            1,
            AttemptOutcome::Failed {
                error: "421 try later".into(),
                retry_at: Some(retry),
            },
            t0,
        )
        .await
        .unwrap());
    let third = &rest[1];
    assert!(s
        .deliveries
        .finish(
            third.id,
            1,
            AttemptOutcome::Failed {
                error: "550 no such user".into(),
                retry_at: None,
            },
            t0,
        )
        .await
        .unwrap());

    // After the lease: the 17 abandoned claims and the retried row come back,
    // never the sent or failed ones.
    let later = lease + TimeDelta::seconds(1);
    let lease2 = later + TimeDelta::minutes(5);
    let retaken = s.deliveries.claim(later, lease2, 50).await.unwrap();
    assert_eq!(retaken.len(), 18);
    assert!(retaken.iter().all(|d| d.id != first.id && d.id != third.id));
    let again = retaken.iter().find(|d| d.id == second.id).unwrap();
    assert_eq!(again.attempts, 2);
    assert_eq!(again.last_error.as_deref(), Some("421 try later"));
    // The first claimer of a taken-over row is too late.
    let taken = retaken.iter().find(|d| d.id != second.id).unwrap();
    assert!(!s
        .deliveries
        .finish(taken.id, 1, AttemptOutcome::Sent, later)
        .await
        .unwrap());
    assert!(s
        .deliveries
        .finish(taken.id, 2, AttemptOutcome::Sent, later)
        .await
        .unwrap());
    assert!(s
        .deliveries
        .claim(
            lease2 + TimeDelta::hours(1),
            lease2 + TimeDelta::hours(2),
            50
        )
        .await
        .unwrap()
        .iter()
        .all(|d| d.id != first.id && d.id != taken.id && d.id != third.id));

    // A failed row may be queued again; a sent one may not.
    let requeue = [rows[0], rows[1], rows[2]].map(|mut r| {
        r.id = Uuid::now_v7();
        r
    });
    let revived = s.deliveries.queue(&requeue, later).await.unwrap();
    let revived_ids: Vec<_> = revived.iter().map(|d| d.ticket_id).collect();
    let third_ticket = third.ticket_id;
    assert!(revived_ids.iter().all(|t| *t == third_ticket));
    let listed = s.deliveries.list(ev, 100).await.unwrap();
    assert_eq!(listed.len(), 20);
    let sent = listed.iter().find(|d| d.id == first.id).unwrap();
    assert_eq!(sent.status, DeliveryStatus::Sent);
    assert_eq!(sent.sent_at, Some(t0));
}
