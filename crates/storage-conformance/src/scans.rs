//! Groups of scans decided in one transaction (ADR 0012).

use std::collections::HashMap;
use std::sync::Arc;

use chrono::TimeDelta;
use qr_event_domain::{DeviceId, EventId, RejectReason, TicketId};
use qr_event_storage::{AuditQuery, NewDevice, ScanAttempt, ScanDecision, ScanMode, StorageError};

use crate::fixtures::{event, now};
use crate::tickets::{attempt, setup, ticket};
use crate::Harness;

/// The audit entries of `action` for `event`.
async fn audited(h: &dyn Harness, ev: EventId, action: &str) -> Vec<qr_event_storage::AuditRecord> {
    h.storage()
        .audit
        .list(&AuditQuery {
            event_id: Some(ev),
            action: Some(action.into()),
            limit: 10_000,
            ..Default::default()
        })
        .await
        .unwrap()
}

fn reason(d: &Result<ScanDecision, StorageError>) -> Option<RejectReason> {
    match d {
        Ok(ScanDecision::Rejected(r, _)) => Some(*r),
        Ok(ScanDecision::Admitted(_)) => None,
        other => panic!("expected a decision, got {other:?}"),
    }
}

/// One group holding every case: it decides as the same scans one after
/// the other would, with one audit entry per decided scan.
pub async fn scan_groups_decide_as_if_in_sequence(h: &dyn Harness) {
    let s = h.storage();
    let (scanner, ev) = setup(s).await;
    let other = event(s, scanner, "Elsewhere", now()).await;
    let twice = ticket(ev, "Twice", 2);
    let once = ticket(ev, "Once", 1);
    let mut late = ticket(ev, "Late", 1);
    late.details.valid_from = now() + TimeDelta::hours(1);
    let gone = ticket(ev, "Revoked", 1);
    let foreign = ticket(other, "Other event", 1);
    s.tickets
        .insert_many(
            &[
                twice.clone(),
                once.clone(),
                late.clone(),
                gone.clone(),
                foreign.clone(),
            ],
            &[],
        )
        .await
        .unwrap();
    let audit = crate::tickets::audit(ev, "ticket.revoked");
    s.tickets
        .revoke(ev, gone.id, now(), None, &audit)
        .await
        .unwrap();
    // Scan ids used before the group: one here, one at the other event.
    let before = attempt(ev, once.id, scanner, ScanMode::Verify);
    let earlier = attempt(ev, late.id, scanner, ScanMode::CheckIn);
    s.tickets.scan(&earlier).await.unwrap();
    let mut elsewhere = attempt(other, foreign.id, scanner, ScanMode::CheckIn);
    s.tickets.scan(&elsewhere).await.unwrap();
    elsewhere.event_id = ev;
    elsewhere.audit_id = uuid::Uuid::now_v7();

    let scan = |t: TicketId, mode| attempt(ev, t, scanner, mode);
    let first_once = scan(once.id, ScanMode::CheckIn);
    let mut repeat = first_once.clone();
    repeat.audit_id = uuid::Uuid::now_v7();
    let mut retried = earlier.clone();
    retried.audit_id = uuid::Uuid::now_v7();
    let group = vec![
        scan(twice.id, ScanMode::CheckIn),           // 0 admitted, uses 1
        before,                                      // 1 verify: would admit
        scan(twice.id, ScanMode::CheckIn),           // 2 admitted, uses 2
        first_once,                                  // 3 admitted
        scan(twice.id, ScanMode::CheckIn),           // 4 already used
        scan(once.id, ScanMode::Verify),             // 5 already used (after 3)
        repeat,                                      // 6 replay of 3
        scan(late.id, ScanMode::CheckIn),            // 7 not yet valid
        scan(gone.id, ScanMode::CheckIn),            // 8 revoked
        scan(foreign.id, ScanMode::CheckIn),         // 9 invalid code here
        scan(TicketId::random(), ScanMode::CheckIn), // 10 invalid code
        retried,                                     // 11 replay of the earlier scan
        elsewhere,                                   // 12 scan id of the other event
    ];
    let results = s.tickets.scan_many(&group).await.unwrap();
    assert_eq!(results.len(), group.len());
    let uses = |d: &Result<ScanDecision, StorageError>| match d {
        Ok(ScanDecision::Admitted(t)) => t.uses,
        other => panic!("expected an admission, got {other:?}"),
    };
    assert_eq!((uses(&results[0]), uses(&results[2])), (1, 2));
    assert_eq!(uses(&results[1]), 0, "verify counts nothing");
    assert_eq!(uses(&results[3]), 1);
    match &results[0] {
        Ok(ScanDecision::Admitted(t)) => {
            assert_eq!(t.first_gate.as_deref(), Some("North"));
            assert!(t.first_used_at.is_some());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(reason(&results[4]), Some(RejectReason::AlreadyUsed));
    match &results[4] {
        Ok(ScanDecision::Rejected(_, Some(t))) => assert_eq!(t.uses, 2),
        other => panic!("the refused ticket comes back: {other:?}"),
    }
    assert_eq!(reason(&results[5]), Some(RejectReason::AlreadyUsed));
    match &results[6] {
        Ok(ScanDecision::Replayed(first)) => {
            assert_eq!(first.id, group[3].audit_id);
            assert_eq!(first.details["result"], "admitted");
        }
        other => panic!("expected a replay, got {other:?}"),
    }
    assert_eq!(reason(&results[7]), Some(RejectReason::NotYetValid));
    assert_eq!(reason(&results[8]), Some(RejectReason::Revoked));
    assert_eq!(reason(&results[9]), Some(RejectReason::InvalidCode));
    assert_eq!(reason(&results[10]), Some(RejectReason::InvalidCode));
    match &results[11] {
        Ok(ScanDecision::Replayed(first)) => {
            assert_eq!(first.id, earlier.audit_id);
            assert_eq!(first.details["reason"], "not_yet_valid");
        }
        other => panic!("expected a replay, got {other:?}"),
    }
    assert!(
        matches!(results[12], Err(StorageError::Conflict("scan_id"))),
        "{:?}",
        results[12]
    );

    // The database holds what the answers say.
    let find = |t: TicketId| async move { s.tickets.find(ev, t).await.unwrap().unwrap() };
    assert_eq!(find(twice.id).await.uses, 2);
    assert_eq!(find(once.id).await.uses, 1);
    assert_eq!(find(late.id).await.uses, 0);
    // One entry per decided scan (not the replays nor the conflict), in
    // the group's order, each naming its scan.
    let scans = audited(h, ev, "ticket.scan").await;
    let verifies = audited(h, ev, "ticket.verify").await;
    assert_eq!(scans.len(), 1 + 8, "the earlier check-in and 8 decided");
    assert_eq!(verifies.len(), 2);
    let by_id: HashMap<_, _> = scans.iter().chain(&verifies).map(|r| (r.id, r)).collect();
    for (i, a) in group.iter().enumerate() {
        let entry = by_id.get(&a.audit_id);
        if matches!(i, 6 | 11 | 12) {
            assert!(entry.is_none(), "attempt {i} writes no entry");
            continue;
        }
        let entry = entry.unwrap_or_else(|| panic!("attempt {i} is audited"));
        assert_eq!(entry.details["scan_id"], a.scan_id.to_string());
        assert_eq!(entry.subject, Some(a.ticket_id.to_string()));
        let expected = reason(&results[i]).map(RejectReason::as_str);
        assert_eq!(entry.details["reason"].as_str(), expected, "attempt {i}");
    }
    // The live counters saw every admission and refusal.
    let stats = s
        .tickets
        .stats(ev, now() - TimeDelta::hours(1))
        .await
        .unwrap();
    assert_eq!((stats.admitted, stats.unique_in), (3, 2));
    let mut rejected = stats.rejected.clone();
    rejected.sort();
    assert_eq!(
        rejected,
        vec![
            ("already_used".to_owned(), 1),
            ("invalid_code".to_owned(), 2),
            ("not_yet_valid".to_owned(), 2),
            ("revoked".to_owned(), 1),
        ]
    );
}

/// Groups and single scans of 200 tickets, five scans each, all at once:
/// each ticket admitted once, every scan answered and audited, the audit
/// chain sealed and intact.
pub async fn concurrent_scan_groups_admit_each_ticket_once(h: &dyn Harness) {
    const TICKETS: usize = 200;
    const SCANS_EACH: usize = 5;
    let s = h.storage().clone();
    let (scanner, ev) = setup(&s).await;
    let tickets: Vec<_> = (0..TICKETS)
        .map(|i| ticket(ev, &format!("Guest {i}"), 1))
        .collect();
    s.tickets.insert_many(&tickets, &[]).await.unwrap();
    // Every ticket's five scans spread over different groups (a fixed
    // shuffle), some of them in the same group; every tenth group is sent
    // as single scans instead.
    let mut attempts: Vec<ScanAttempt> = Vec::new();
    for _ in 0..SCANS_EACH {
        for t in &tickets {
            attempts.push(attempt(ev, t.id, scanner, ScanMode::CheckIn));
        }
    }
    let mut order: Vec<usize> = (0..attempts.len()).collect();
    order.sort_by_key(|&i| (i * 7919) % attempts.len());
    let groups: Vec<Vec<ScanAttempt>> = order
        .chunks(37)
        .map(|c| c.iter().map(|&i| attempts[i].clone()).collect())
        .collect();
    let s = Arc::new(s);
    let mut tasks = tokio::task::JoinSet::new();
    for (g, group) in groups.into_iter().enumerate() {
        let s = s.clone();
        tasks.spawn(async move {
            if g % 10 == 9 {
                let mut out = Vec::new();
                for a in &group {
                    out.push((a.ticket_id, s.tickets.scan(a).await));
                }
                out
            } else {
                let results = s
                    .tickets
                    .scan_many(&group)
                    .await
                    .expect("the group commits");
                group.iter().map(|a| a.ticket_id).zip(results).collect()
            }
        });
    }
    let mut admitted: HashMap<TicketId, usize> = HashMap::new();
    let mut refused = 0;
    while let Some(done) = tasks.join_next().await {
        for (ticket, result) in done.unwrap() {
            match result.expect("every scan is answered") {
                ScanDecision::Admitted(t) => {
                    assert_eq!(t.uses, 1);
                    *admitted.entry(ticket).or_default() += 1;
                }
                ScanDecision::Rejected(RejectReason::AlreadyUsed, Some(t)) => {
                    assert_eq!(t.uses, 1, "refused after the admission");
                    refused += 1;
                }
                other => panic!("unexpected {other:?}"),
            }
        }
    }
    assert_eq!(admitted.len(), TICKETS, "every ticket admitted");
    assert!(admitted.values().all(|&n| n == 1), "none admitted twice");
    assert_eq!(refused, TICKETS * (SCANS_EACH - 1));
    for t in &tickets {
        assert_eq!(s.tickets.find(ev, t.id).await.unwrap().unwrap().uses, 1);
    }
    let entries = audited(h, ev, "ticket.scan").await;
    assert_eq!(entries.len(), TICKETS * SCANS_EACH, "every scan audited");
    let success = entries.iter().filter(|r| r.outcome == "success").count();
    assert_eq!(success, TICKETS);
    let stats = s
        .tickets
        .stats(ev, now() - TimeDelta::hours(1))
        .await
        .unwrap();
    assert_eq!(
        (stats.admitted, stats.unique_in),
        (TICKETS as u64, TICKETS as u64)
    );

    let sealer = qr_event_audit::Sealer::new(s.audit.clone(), chrono::Duration::seconds(1));
    let sealed = sealer
        .seal_once(None, now() + TimeDelta::seconds(5))
        .await
        .unwrap();
    assert!(sealed >= TICKETS * SCANS_EACH);
    let report = qr_event_audit::verify_chain(s.audit.as_ref(), &ev.0.to_string())
        .await
        .unwrap();
    assert!(report.intact, "{report:?}");
    assert_eq!(report.unsealed_entries, 0);
    assert!(report.sealed_entries >= (TICKETS * SCANS_EACH) as u64);
}

/// A check-in door device of `ev` at `gate`, enrolled by `scanner`.
async fn door_device(
    s: &qr_event_storage::Storage,
    ev: EventId,
    scanner: qr_event_domain::UserId,
    gate: &str,
) -> qr_event_storage::Device {
    let id = uuid::Uuid::now_v7();
    s.devices
        .create(NewDevice {
            id: DeviceId(id),
            event_id: ev,
            name: "Phone 1".into(),
            gate: gate.into(),
            mode: ScanMode::CheckIn,
            created_by: scanner,
            created_at: now(),
            expires_at: now() + TimeDelta::days(1),
            enrol_hash: id.as_bytes().repeat(2),
            enrol_expires_at: now() + TimeDelta::hours(1),
        })
        .await
        .unwrap()
}

/// An enrolled door device's scans count toward its figures of the day and
/// mark it seen in the scans' own transactions, alone or in a group;
/// replays and scans of other callers count nothing.
pub async fn device_scans_count_in_their_transaction(h: &dyn Harness) {
    let s = h.storage();
    let (scanner, ev) = setup(s).await;
    let device = door_device(s, ev, scanner, "North").await;
    let tickets: Vec<_> = (0..4)
        .map(|i| ticket(ev, &format!("Guest {i}"), 1))
        .collect();
    s.tickets.insert_many(&tickets, &[]).await.unwrap();
    let today = now().date_naive();
    let by_device = |t: TicketId, day| {
        let mut a = attempt(ev, t, scanner, ScanMode::CheckIn);
        a.scanner_id = None;
        a.device_id = Some(device.id.0);
        a.device_day = Some(day);
        a
    };
    let counted = || async {
        let d = s.devices.get(device.id).await.unwrap().unwrap();
        (d.scans_day, d.scans_count, d.last_seen_at.is_some())
    };

    // Alone: admitted and refused both count; a replay does not.
    let first = by_device(tickets[0].id, today);
    s.tickets.scan(&first).await.unwrap();
    s.tickets
        .scan(&by_device(tickets[0].id, today))
        .await
        .unwrap();
    assert!(matches!(
        s.tickets.scan(&first).await.unwrap(),
        ScanDecision::Replayed(_)
    ));
    assert_eq!(counted().await, (Some(today), 2, true));

    // In a group, with a staff member's scan and a repeated scan id.
    let repeated = by_device(tickets[1].id, today);
    let group = vec![
        repeated.clone(),
        by_device(tickets[2].id, today),
        attempt(ev, tickets[3].id, scanner, ScanMode::CheckIn),
        repeated,
        by_device(tickets[2].id, today),
    ];
    let results = s.tickets.scan_many(&group).await.unwrap();
    assert!(matches!(results[3], Ok(ScanDecision::Replayed(_))));
    assert_eq!(counted().await, (Some(today), 5, true));

    // A new day starts again.
    let tomorrow = today.succ_opt().unwrap();
    s.tickets
        .scan_many(&[
            by_device(tickets[3].id, tomorrow),
            by_device(tickets[1].id, tomorrow),
        ])
        .await
        .unwrap();
    assert_eq!(counted().await, (Some(tomorrow), 2, true));
}

/// The tickets and attempts of one side of
/// [`scan_groups_of_distinct_tickets_decide_as_scans_alone`]: every case,
/// one ticket each, after the same history at each event.
async fn distinct_cases(
    s: &qr_event_storage::Storage,
    ev: EventId,
    scanner: qr_event_domain::UserId,
    foreign: TicketId,
    elsewhere: uuid::Uuid,
) -> (Vec<ScanAttempt>, DeviceId) {
    let device = door_device(s, ev, scanner, "East").await;
    let names = [
        "fresh",
        "twice",
        "used",
        "look",
        "looked",
        "late",
        "past",
        "gone",
        "manual",
        "phone",
        "phone used",
        "prior",
    ];
    let mut tickets: Vec<_> = names
        .iter()
        .map(|n| ticket(ev, n, if *n == "twice" { 2 } else { 1 }))
        .collect();
    tickets[5].details.valid_from = now() + TimeDelta::hours(1);
    tickets[6].details.valid_from = now() - TimeDelta::hours(3);
    tickets[6].details.valid_until = now() - TimeDelta::hours(1);
    s.tickets.insert_many(&tickets, &[]).await.unwrap();
    let id = |name: &str| tickets[names.iter().position(|n| *n == name).unwrap()].id;
    let scan = |t: TicketId, mode| attempt(ev, t, scanner, mode);
    for used in ["twice", "used", "looked", "phone used"] {
        s.tickets
            .scan(&scan(id(used), ScanMode::CheckIn))
            .await
            .unwrap();
    }
    let prior = scan(id("prior"), ScanMode::CheckIn);
    s.tickets.scan(&prior).await.unwrap();
    let audit = crate::tickets::audit(ev, "ticket.revoked");
    s.tickets
        .revoke(ev, id("gone"), now(), None, &audit)
        .await
        .unwrap();
    let by_device = |t: TicketId| {
        let mut a = scan(t, ScanMode::CheckIn);
        a.scanner_id = None;
        a.gate = Some("East".into());
        a.device_id = Some(device.id.0);
        a.device_day = Some(now().date_naive());
        a
    };
    let mut manual = scan(id("manual"), ScanMode::CheckIn);
    manual.manual = true;
    let mut retried = prior;
    retried.audit_id = uuid::Uuid::now_v7();
    let mut conflicting = scan(TicketId::random(), ScanMode::CheckIn);
    conflicting.scan_id = elsewhere;
    let attempts = vec![
        scan(id("fresh"), ScanMode::CheckIn),
        scan(id("twice"), ScanMode::CheckIn),
        scan(id("used"), ScanMode::CheckIn),
        scan(id("look"), ScanMode::Verify),
        scan(id("looked"), ScanMode::Verify),
        scan(id("late"), ScanMode::CheckIn),
        scan(id("past"), ScanMode::CheckIn),
        scan(id("gone"), ScanMode::CheckIn),
        scan(foreign, ScanMode::CheckIn),
        scan(TicketId::random(), ScanMode::Verify),
        manual,
        by_device(id("phone")),
        by_device(id("phone used")),
        retried,
        conflicting,
    ];
    (attempts, device.id)
}

/// What an answer says, without the ids that differ between twins.
fn answer_shape(r: &Result<ScanDecision, StorageError>) -> String {
    match r {
        Ok(ScanDecision::Admitted(t)) => format!(
            "admitted uses={} gate={:?} first={}",
            t.uses,
            t.first_gate,
            t.first_used_at.is_some()
        ),
        Ok(ScanDecision::Rejected(reason, t)) => format!(
            "rejected {} ticket={:?}",
            reason.as_str(),
            t.as_ref().map(|t| (t.uses, t.status))
        ),
        Ok(ScanDecision::Replayed(first)) => format!(
            "replayed {} {} {}",
            first.details["result"], first.details["reason"], first.outcome
        ),
        Err(err) => format!("error {err:?}"),
    }
}

/// A group of distinct tickets holding every case (on PostgreSQL, the
/// one-statement path): the same answers, ticket states, audit entries,
/// live counters and device counts as the same scans decided one by one
/// at a twin event with the same history.
pub async fn scan_groups_of_distinct_tickets_decide_as_scans_alone(h: &dyn Harness) {
    let s = h.storage();
    let (scanner, grouped) = setup(s).await;
    let alone = event(s, scanner, "Twin", now()).await;
    let other = event(s, scanner, "Elsewhere", now()).await;
    let foreign = ticket(other, "Other event", 1);
    s.tickets
        .insert_many(std::slice::from_ref(&foreign), &[])
        .await
        .unwrap();
    let elsewhere = attempt(other, foreign.id, scanner, ScanMode::CheckIn);
    s.tickets.scan(&elsewhere).await.unwrap();

    let (group, group_device) =
        distinct_cases(s, grouped, scanner, foreign.id, elsewhere.scan_id).await;
    let (singles, single_device) =
        distinct_cases(s, alone, scanner, foreign.id, elsewhere.scan_id).await;
    let cursor = s.door.door_tickets(grouped, None).await.unwrap().cursor;
    let together = s.tickets.scan_many(&group).await.unwrap();
    let mut one_by_one = Vec::new();
    for a in &singles {
        one_by_one.push(s.tickets.scan(a).await);
    }
    let shapes = |results: &[Result<ScanDecision, StorageError>]| {
        results.iter().map(answer_shape).collect::<Vec<_>>()
    };
    assert_eq!(shapes(&together), shapes(&one_by_one));
    assert!(shapes(&together)[0].starts_with("admitted uses=1"));
    assert!(shapes(&together)[13].starts_with("replayed"));
    assert!(shapes(&together)[14].contains("Conflict"));

    // The group's admissions are in the next pack delta, as they are.
    let delta = s.door.door_tickets(grouped, Some(cursor)).await.unwrap();
    for (a, answer) in group.iter().zip(&together) {
        if let (ScanMode::CheckIn, Ok(ScanDecision::Admitted(t))) = (a.mode, answer) {
            let row = delta.tickets.iter().find(|d| d.id == a.ticket_id);
            assert_eq!(row.map(|d| d.uses), Some(t.uses), "{:?}", a.ticket_id);
        }
    }

    // The stored tickets, audit entries, counters and device figures agree.
    for (g, a) in group.iter().zip(&singles) {
        let stored = |ev, t| async move {
            s.tickets
                .find(ev, t)
                .await
                .unwrap()
                .map(|t| (t.uses, t.first_gate, t.last_used_at.is_some()))
        };
        assert_eq!(
            stored(grouped, g.ticket_id).await,
            stored(alone, a.ticket_id).await
        );
    }
    let entries = |ev| async move {
        let mut all = audited(h, ev, "ticket.scan").await;
        all.extend(audited(h, ev, "ticket.verify").await);
        all.into_iter()
            .map(|r| (r.id, r))
            .collect::<HashMap<_, _>>()
    };
    let (group_entries, single_entries) = (entries(grouped).await, entries(alone).await);
    assert_eq!(group_entries.len(), single_entries.len());
    for (g, a) in group.iter().zip(&singles) {
        let pair = (
            group_entries.get(&g.audit_id),
            single_entries.get(&a.audit_id),
        );
        let (Some(g_entry), Some(a_entry)) = pair else {
            assert!(pair.0.is_none() && pair.1.is_none(), "{pair:?}");
            continue;
        };
        let strip = |r: &qr_event_storage::AuditRecord| {
            let mut details = r.details.clone();
            details["scan_id"] = serde_json::Value::Null;
            details["device_id"] = details["device_id"].is_string().into();
            (
                r.action.clone(),
                r.outcome.clone(),
                r.actor_id,
                r.client_ip.clone(),
                details,
            )
        };
        assert_eq!(strip(g_entry), strip(a_entry));
        assert_eq!(g_entry.subject, Some(g.ticket_id.to_string()));
        assert_eq!(g_entry.details["scan_id"], g.scan_id.to_string());
    }
    let since = now() - TimeDelta::hours(1);
    let stats = |ev| async move {
        let mut st = s.tickets.stats(ev, since).await.unwrap();
        st.rejected.sort();
        (st.admitted, st.unique_in, st.rejected)
    };
    assert_eq!(stats(grouped).await, stats(alone).await);
    let counted = |d| async move {
        let d = s.devices.get(d).await.unwrap().unwrap();
        (d.scans_day, d.scans_count, d.last_seen_at.is_some())
    };
    assert_eq!(
        counted(group_device).await,
        (Some(now().date_naive()), 2, true)
    );
    assert_eq!(counted(group_device).await, counted(single_device).await);
}
