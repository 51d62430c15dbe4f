//! The ticket e-mail outbox: queued once per link, claimed by one sender at
//! a time, abandoned claims taken over, sent rows never claimed again; the
//! deliveries of named tickets found without reading the whole event.

use std::sync::Arc;

use chrono::TimeDelta;
use qr_event_domain::TicketId;
use qr_event_storage::{AttemptOutcome, DeliveryStatus, NewDelivery, Storage};
use uuid::Uuid;

use crate::fixtures::{event, now};
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

/// The deliveries of named tickets: every link version of those tickets
/// only, newest first, never another event's (even when its ticket is
/// named), within the limit.
pub async fn deliveries_of_named_tickets_newest_first(h: &dyn Harness) {
    let s = h.storage();
    let (owner, ev) = setup(s).await;
    let other = event(s, owner, "Elsewhere", now()).await;
    let mine: Vec<_> = (0..4).map(|n| ticket(ev, &format!("T{n}"), 1)).collect();
    let theirs = ticket(other, "Other", 1);
    s.tickets.insert_many(&mine, &[]).await.expect("tickets");
    s.tickets
        .insert_many(std::slice::from_ref(&theirs), &[])
        .await
        .expect("other ticket");
    let t0 = now();
    let first: Vec<_> = mine.iter().chain([&theirs]).map(new_delivery).collect();
    s.deliveries.queue(&first, t0).await.expect("queue");
    // Ticket 0's link renewed and sent again a minute later: a second row.
    let renewed = NewDelivery {
        access_version: 1,
        ..new_delivery(&mine[0])
    };
    let t1 = t0 + TimeDelta::minutes(1);
    s.deliveries.queue(&[renewed], t1).await.expect("requeue");

    let named = [mine[0].id, mine[2].id, theirs.id, TicketId::random()];
    let found = s
        .deliveries
        .list_for_tickets(ev, &named, 100)
        .await
        .unwrap();
    let seen: Vec<_> = found
        .iter()
        .map(|d| (d.ticket_id, d.access_version))
        .collect();
    // Newest first: the renewed link, then the two first messages (same
    // time, the later id first).
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert_eq!(seen[0], (mine[0].id, 1));
    let mut rest = seen[1..].to_vec();
    rest.sort_by_key(|(t, _)| t.0);
    let mut expected = vec![(mine[0].id, 0), (mine[2].id, 0)];
    expected.sort_by_key(|(t, _)| t.0);
    assert_eq!(rest, expected);
    assert!(found[1].id > found[2].id, "ties newest id first");
    assert!(found.iter().all(|d| d.event_id == ev));

    // The other event sees its own ticket only.
    let theirs_found = s
        .deliveries
        .list_for_tickets(other, &named, 100)
        .await
        .unwrap();
    assert_eq!(theirs_found.len(), 1);
    assert_eq!(theirs_found[0].ticket_id, theirs.id);
    // The limit keeps the newest; nothing named, nothing found.
    let one = s.deliveries.list_for_tickets(ev, &named, 1).await.unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!((one[0].ticket_id, one[0].access_version), (mine[0].id, 1));
    assert!(s
        .deliveries
        .list_for_tickets(ev, &[], 100)
        .await
        .unwrap()
        .is_empty());
}
