//! Tickets, the atomic door decision, and audit sealing.

use std::sync::Arc;

use chrono::{Duration, TimeDelta};
use qr_event_domain::{
    Email, EventId, Locale, RejectReason, TicketDetails, TicketId, TicketStatus, UserId,
};
use qr_event_storage::{
    AuditRecord, NewTicket, ScanAttempt, ScanDecision, ScanMode, Storage, TicketCursor, TicketQuery,
};
use uuid::Uuid;

use crate::fixtures::{event, now, user};
use crate::Harness;

fn details(name: &str, max_uses: i32) -> TicketDetails {
    TicketDetails {
        holder_name: name.to_owned(),
        holder_email: None,
        category: "VIP".to_owned(),
        valid_from: now() - TimeDelta::hours(1),
        valid_until: now() + TimeDelta::hours(5),
        max_uses,
        note: String::new(),
        locale: None,
    }
}

pub(crate) fn ticket(event: EventId, name: &str, max_uses: i32) -> NewTicket {
    NewTicket {
        id: TicketId::random(),
        event_id: event,
        details: details(name, max_uses),
        uses: 0,
        created_at: now(),
    }
}

pub(crate) fn audit(event: EventId, action: &str) -> AuditRecord {
    AuditRecord {
        id: Uuid::now_v7(),
        at: now(),
        event_id: Some(event),
        actor_id: None,
        action: action.to_owned(),
        outcome: "success".to_owned(),
        subject: None,
        client_ip: None,
        request_id: None,
        details: serde_json::json!({}),
    }
}

pub(crate) fn attempt(
    event: EventId,
    ticket: TicketId,
    scanner: UserId,
    mode: ScanMode,
) -> ScanAttempt {
    ScanAttempt {
        scan_id: Uuid::new_v4(),
        audit_id: Uuid::now_v7(),
        event_id: event,
        ticket_id: ticket,
        scanner_id: Some(scanner),
        manual: false,
        gate: Some("North".to_owned()),
        device_id: None,
        device_day: None,
        mode,
        now: now(),
        skew: Duration::seconds(30),
        client_ip: Some("127.0.0.1".to_owned()),
        request_id: None,
    }
}

pub(crate) async fn setup(s: &Storage) -> (UserId, EventId) {
    let owner = user(s, "owner@example.org").await;
    let event = event(s, owner, "Gala", now()).await;
    (owner, event)
}

/// Search finds names (and addresses unless names only) by substring, in
/// any case, with or without the index (short terms, wildcard characters);
/// newest first pages backwards in a stable order.
pub async fn tickets_search_and_page_newest_first(h: &dyn Harness) {
    let s = h.storage();
    let (owner, ev) = setup(s).await;
    let other = event(s, owner, "Elsewhere", now()).await;
    let t0 = now();
    let people = [
        ("Ada Lovelace", Some("ada@example.org")),
        ("Zoë Ørsted", Some("zoe@example.org")),
        ("ÉLODIE 100%_sure", None),
        ("Grace Hopper", Some("lovelace.fan@example.org")),
    ];
    let mut batch = Vec::new();
    for (i, (name, email)) in people.iter().enumerate() {
        let mut t = ticket(ev, name, 1);
        t.details.holder_email = email.map(|e| Email::parse("e", e).unwrap());
        t.created_at = t0 + TimeDelta::microseconds(i as i64);
        batch.push(t);
    }
    // Same names elsewhere are never found here.
    batch.push(ticket(other, "Ada Lovelace", 1));
    s.tickets
        .insert_many(&batch, &[audit(ev, "ticket.batch_issued")])
        .await
        .unwrap();
    let names = |found: Vec<qr_event_storage::Ticket>| {
        found
            .into_iter()
            .map(|t| t.details.holder_name)
            .collect::<Vec<_>>()
    };
    let search = |term: &str, names_only: bool| TicketQuery {
        search: Some(term.into()),
        names_only,
        newest_first: true,
        limit: 10,
        ..Default::default()
    };
    let find = |q: TicketQuery| async move { names(s.tickets.list(ev, &q).await.unwrap()) };
    assert_eq!(
        find(search("LOVEL", false)).await,
        ["Grace Hopper", "Ada Lovelace"]
    );
    assert_eq!(find(search("lovel", true)).await, ["Ada Lovelace"]);
    // A full page from the newest tickets alone.
    let one = TicketQuery {
        limit: 1,
        ..search("LOVEL", false)
    };
    assert_eq!(find(one).await, ["Grace Hopper"]);
    assert_eq!(find(search("zoë ør", false)).await, ["Zoë Ørsted"]);
    assert_eq!(find(search("ad", false)).await, ["Ada Lovelace"]);
    assert_eq!(find(search("100%_", false)).await, ["ÉLODIE 100%_sure"]);
    assert_eq!(find(search("0%s", false)).await, Vec::<String>::new());
    assert_eq!(find(search("nobody", false)).await, Vec::<String>::new());

    // Newest first, two by two, and nothing seen twice.
    let mut q = TicketQuery {
        newest_first: true,
        limit: 2,
        ..Default::default()
    };
    let mut seen = Vec::new();
    loop {
        let page = s.tickets.list(ev, &q).await.unwrap();
        let Some(last) = page.last() else { break };
        q.after = Some(TicketCursor {
            created_at: last.created_at,
            id: last.id,
        });
        seen.extend(names(page));
    }
    assert_eq!(
        seen,
        [
            "Grace Hopper",
            "ÉLODIE 100%_sure",
            "Zoë Ørsted",
            "Ada Lovelace"
        ]
    );
}

/// Every ticket `query` lists, following the cursor page by page (1,000 a page).
async fn every_page(
    s: &qr_event_storage::Storage,
    ev: EventId,
    mut query: TicketQuery,
) -> Vec<qr_event_storage::Ticket> {
    query.limit = 1_000;
    let mut all = Vec::new();
    loop {
        let page = s.tickets.list(ev, &query).await.unwrap();
        let full = page.len() == 1_000;
        if let Some(last) = page.last() {
            query.after = Some(TicketCursor {
                created_at: last.created_at,
                id: last.id,
            });
        }
        all.extend(page);
        if !full {
            return all;
        }
    }
}

/// Tickets round-trip; the batch and its audit entry commit together; lists
/// page by issue time then id, with search and filters.
pub async fn tickets_insert_in_batches_and_page(h: &dyn Harness) {
    let s = h.storage();
    let (_, ev) = setup(s).await;
    let locales = [None, Some(Locale::Fr), Some(Locale::En)];
    let batch: Vec<NewTicket> = (0..2_500)
        .map(|i| {
            let mut t = ticket(ev, &format!("Guest {i}"), 1);
            t.details.locale = locales[i % 3];
            t
        })
        .collect();
    s.tickets
        .insert_many(&batch, &[audit(ev, "ticket.batch_issued")])
        .await
        .unwrap();
    assert_eq!(s.tickets.count(ev).await.unwrap(), 2_500);
    for n in [6, 7, 8] {
        let found = s.tickets.find(ev, batch[n].id).await.unwrap().unwrap();
        assert_eq!(
            found.details, batch[n].details,
            "every field, the locale too"
        );
    }
    let first = s.tickets.find(ev, batch[7].id).await.unwrap().unwrap();
    assert_eq!(
        (first.uses, first.status, first.access_version),
        (0, TicketStatus::Active, 1)
    );

    let all = every_page(s, ev, TicketQuery::default()).await;
    let seen: std::collections::HashSet<_> = all.iter().map(|t| t.id).collect();
    assert_eq!((all.len(), seen.len()), (2_500, 2_500), "each ticket once");
    let found = s
        .tickets
        .list(
            ev,
            &TicketQuery {
                search: Some("guest 249".into()),
                limit: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(found.len(), 11, "Guest 249 and Guest 2490–2499");

    // A term every ticket has, newest first, page after page: each ticket
    // once, in order (SQLite fills these pages from the newest tickets, and
    // the last, short one from the trigram index).
    let query = TicketQuery {
        search: Some("GUEST".into()),
        newest_first: true,
        ..Default::default()
    };
    let order: Vec<_> = every_page(s, ev, query)
        .await
        .iter()
        .map(|t| (t.created_at, t.id))
        .collect();
    assert_eq!(order.len(), 2_500);
    assert!(
        order.windows(2).all(|w| w[0] > w[1]),
        "newest first, nothing twice"
    );

    // A failing batch leaves nothing behind (duplicate id).
    let dup = vec![ticket(ev, "New", 1), batch[0].clone()];
    assert!(s
        .tickets
        .insert_many(&dup, &[audit(ev, "ticket.batch_issued")])
        .await
        .is_err());
    assert_eq!(s.tickets.count(ev).await.unwrap(), 2_500);
}

/// Check-in, re-entry, verify mode, idempotent retries and every reason
/// decided in the database.
pub async fn scans_decide_atomically(h: &dyn Harness) {
    let s = h.storage();
    let (scanner, ev) = setup(s).await;
    let multi = ticket(ev, "Twice", 2);
    let mut late = ticket(ev, "Late", 1);
    late.details.valid_from = now() + TimeDelta::hours(1);
    let mut gone = ticket(ev, "Gone", 1);
    gone.details.valid_from = now() - TimeDelta::hours(3);
    gone.details.valid_until = now() - TimeDelta::hours(2);
    s.tickets
        .insert_many(&[multi.clone(), late.clone(), gone.clone()], &[])
        .await
        .unwrap();

    let verify = s
        .tickets
        .scan(&attempt(ev, multi.id, scanner, ScanMode::Verify))
        .await
        .unwrap();
    assert!(matches!(verify, ScanDecision::Admitted(ref t) if t.uses == 0));
    let first = attempt(ev, multi.id, scanner, ScanMode::CheckIn);
    let admitted = s.tickets.scan(&first).await.unwrap();
    assert!(
        matches!(admitted, ScanDecision::Admitted(ref t) if t.uses == 1 && t.first_gate.as_deref() == Some("North"))
    );
    match s.tickets.scan(&first).await.unwrap() {
        ScanDecision::Replayed(record) => {
            assert_eq!(record.id, first.audit_id);
            assert_eq!(record.details["result"], "admitted");
        }
        other => panic!("expected a replay, got {other:?}"),
    }
    assert!(matches!(
        s.tickets.scan(&attempt(ev, multi.id, scanner, ScanMode::CheckIn)).await.unwrap(),
        ScanDecision::Admitted(ref t) if t.uses == 2
    ));
    let refused = s
        .tickets
        .scan(&attempt(ev, multi.id, scanner, ScanMode::CheckIn))
        .await
        .unwrap();
    match refused {
        ScanDecision::Rejected(RejectReason::AlreadyUsed, Some(t)) => {
            assert_eq!(t.uses, 2);
            assert!(t.first_used_at.is_some());
        }
        other => panic!("expected already_used, got {other:?}"),
    }
    let reason = |d: ScanDecision| match d {
        ScanDecision::Rejected(r, _) => r,
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert_eq!(
        reason(
            s.tickets
                .scan(&attempt(ev, late.id, scanner, ScanMode::CheckIn))
                .await
                .unwrap()
        ),
        RejectReason::NotYetValid
    );
    assert_eq!(
        reason(
            s.tickets
                .scan(&attempt(ev, gone.id, scanner, ScanMode::CheckIn))
                .await
                .unwrap()
        ),
        RejectReason::Expired
    );
    assert_eq!(
        reason(
            s.tickets
                .scan(&attempt(ev, TicketId::random(), scanner, ScanMode::CheckIn))
                .await
                .unwrap()
        ),
        RejectReason::InvalidCode
    );
    let revoked = s
        .tickets
        .revoke(ev, late.id, now(), None, &audit(ev, "ticket.revoked"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(revoked.status, TicketStatus::Revoked);
    assert!(s
        .tickets
        .revoke(ev, late.id, now(), None, &audit(ev, "ticket.revoked"))
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        reason(
            s.tickets
                .scan(&attempt(ev, late.id, scanner, ScanMode::CheckIn))
                .await
                .unwrap()
        ),
        RejectReason::Revoked
    );
    let stats = s
        .tickets
        .stats(ev, now() - TimeDelta::hours(1))
        .await
        .unwrap();
    assert_eq!(
        (
            stats.issued,
            stats.active,
            stats.revoked,
            stats.admitted,
            stats.unique_in
        ),
        (3, 2, 1, 2, 1)
    );
    assert_eq!(stats.per_gate, vec![("North".to_owned(), 2)]);
    // The counters give what counting the rows gives, before and after the
    // deltas are folded, and they keep counting after a fold.
    let mut rejected = stats.rejected.clone();
    rejected.sort();
    assert_eq!(
        rejected,
        vec![
            ("already_used".to_owned(), 1),
            ("expired".to_owned(), 1),
            ("invalid_code".to_owned(), 1),
            ("not_yet_valid".to_owned(), 1),
            ("revoked".to_owned(), 1),
        ]
    );
    let admissions: u64 = stats.per_minute.iter().map(|(_, n)| n).sum();
    assert_eq!(admissions, 2);
    s.tickets.compact_stats().await.unwrap();
    let folded = s
        .tickets
        .stats(ev, now() - TimeDelta::hours(1))
        .await
        .unwrap();
    assert_eq!(format!("{folded:?}"), format!("{stats:?}"));
    let extra = ticket(ev, "After the fold", 1);
    s.tickets
        .insert_many(std::slice::from_ref(&extra), &[])
        .await
        .unwrap();
    s.tickets
        .scan(&attempt(ev, extra.id, scanner, ScanMode::CheckIn))
        .await
        .unwrap();
    let after = s
        .tickets
        .stats(ev, now() - TimeDelta::hours(1))
        .await
        .unwrap();
    assert_eq!(
        (after.issued, after.active, after.admitted, after.unique_in),
        (4, 3, 3, 2)
    );
    assert_eq!(after.per_gate, vec![("North".to_owned(), 3)]);
    // Other events are not counted, and minutes before `since` are left out.
    let later = s
        .tickets
        .stats(ev, now() + TimeDelta::hours(1))
        .await
        .unwrap();
    assert!(later.per_minute.is_empty());
}

/// Many concurrent check-ins of one ticket admit it exactly once.
pub async fn concurrent_scans_admit_once(h: &dyn Harness) {
    let s = h.storage().clone();
    let (scanner, ev) = setup(&s).await;
    let once = ticket(ev, "Once", 1);
    s.tickets
        .insert_many(std::slice::from_ref(&once), &[])
        .await
        .unwrap();
    let s = Arc::new(s);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let (s, a) = (s.clone(), attempt(ev, once.id, scanner, ScanMode::CheckIn));
        tasks.spawn(async move { s.tickets.scan(&a).await });
    }
    let mut admitted = 0;
    while let Some(result) = tasks.join_next().await {
        if matches!(result.unwrap().unwrap(), ScanDecision::Admitted(_)) {
            admitted += 1;
        }
    }
    assert_eq!(admitted, 1);
    assert_eq!(s.tickets.find(ev, once.id).await.unwrap().unwrap().uses, 1);
}

/// Reissue revokes the old ticket and creates the new one together; access
/// rotation bumps the version.
pub async fn reissue_and_access_rotation(h: &dyn Harness) {
    let s = h.storage();
    let (_, ev) = setup(s).await;
    let old = ticket(ev, "Lost", 1);
    s.tickets
        .insert_many(std::slice::from_ref(&old), &[])
        .await
        .unwrap();
    let mut new = ticket(ev, "Lost", 1);
    new.uses = 0;
    let created = s
        .tickets
        .reissue(old.id, &new, &audit(ev, "ticket.reissued"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(created.id, new.id);
    let old_now = s.tickets.find(ev, old.id).await.unwrap().unwrap();
    assert_eq!(old_now.status, TicketStatus::Revoked);
    assert_eq!(old_now.replaced_by, Some(new.id));
    assert!(s
        .tickets
        .reissue(
            old.id,
            &ticket(ev, "Again", 1),
            &audit(ev, "ticket.reissued")
        )
        .await
        .unwrap()
        .is_none());
    let rotated = s
        .tickets
        .rotate_access(ev, new.id, &audit(ev, "ticket.access_rotated"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(rotated.access_version, 2);
    assert_eq!(
        s.tickets
            .find_any(new.id)
            .await
            .unwrap()
            .unwrap()
            .access_version,
        2
    );
}

/// The sealer seals entries into a chain per event; verification recomputes
/// it; two sealers never seal the same entries twice.
pub async fn audit_entries_are_sealed_and_verified(h: &dyn Harness) {
    let s = h.storage();
    let (_, ev) = setup(s).await;
    for i in 0..30 {
        let mut r = audit(ev, "ticket.scan");
        r.at = now() - TimeDelta::seconds(10);
        r.details = serde_json::json!({"n": i, "nested": {"b": 1, "a": [1, 2]}});
        s.audit.append(&r).await.unwrap();
    }
    let sealer = qr_event_audit::Sealer::new(s.audit.clone(), Duration::seconds(1));
    let (a, b) = tokio::join!(sealer.seal_once(None, now()), sealer.seal_once(None, now()));
    let sealed = a.unwrap() + b.unwrap();
    let chain = ev.0.to_string();
    let report = qr_event_audit::verify_chain(s.audit.as_ref(), &chain)
        .await
        .unwrap();
    assert!(report.intact, "{report:?}");
    assert_eq!(report.unsealed_entries, 0);
    assert!(report.sealed_entries >= 30);
    assert!(sealed >= 30);
    assert_eq!(
        sealer.seal_once(None, now()).await.unwrap(),
        0,
        "nothing left to seal"
    );
    let chains = s.audit.chains().await.unwrap();
    assert!(chains.contains(&chain));
}
