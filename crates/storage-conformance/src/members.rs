//! Event membership and the "never zero owners" rule.

use chrono::TimeDelta;
use qr_event_domain::{EventId, Role, UserId};
use qr_event_storage::{MemberCursor, NewEvent, NewUser, RemoveMember, SetRole, StorageError};

use crate::fixtures::{details, event, new_user, now, user};
use crate::Harness;

/// Neither removal nor demotion may leave an event without an owner.
pub async fn the_last_owner_stays(h: &dyn Harness) {
    let s = h.storage();
    let owner = user(s, "a@example.org").await;
    let other = user(s, "b@example.org").await;
    let ev = event(s, owner, "Gala", now()).await;
    let set = |user, role| s.members.set_role(ev, user, role, now());

    assert_eq!(
        s.members.remove(ev, owner).await.unwrap(),
        RemoveMember::LastOwner
    );
    assert_eq!(set(owner, Role::Manager).await.unwrap(), SetRole::LastOwner);
    assert_eq!(
        set(owner, Role::Owner).await.unwrap(),
        SetRole::Done(Some(Role::Owner))
    );
    assert_eq!(
        s.members.remove(ev, other).await.unwrap(),
        RemoveMember::NotMember
    );

    assert_eq!(
        set(other, Role::Scanner).await.unwrap(),
        SetRole::Done(None)
    );
    assert_eq!(
        set(other, Role::Owner).await.unwrap(),
        SetRole::Done(Some(Role::Scanner))
    );
    assert_eq!(
        set(owner, Role::Manager).await.unwrap(),
        SetRole::Done(Some(Role::Owner))
    );
    assert_eq!(
        s.members.remove(ev, other).await.unwrap(),
        RemoveMember::LastOwner
    );
    assert_eq!(
        s.members.remove(ev, owner).await.unwrap(),
        RemoveMember::Removed(Role::Manager)
    );
    assert_eq!(
        s.members.find(ev, other).await.unwrap().unwrap().role,
        Role::Owner
    );
    assert!(s.members.find(ev, owner).await.unwrap().is_none());

    let missing = s
        .members
        .set_role(EventId::new(), other, Role::Scanner, now())
        .await;
    assert!(matches!(missing, Err(StorageError::NotFound)));
    let stranger = s
        .members
        .set_role(ev, UserId::new(), Role::Scanner, now())
        .await;
    assert!(matches!(stranger, Err(StorageError::NotFound)));
    assert_eq!(
        s.members.remove(EventId::new(), other).await.unwrap(),
        RemoveMember::NotMember
    );
}

/// Two owners removing/demoting each other at once: exactly one change wins.
pub async fn concurrent_removals_keep_one_owner(h: &dyn Harness) {
    let s = h.storage();
    for round in 0..10 {
        let a = user(s, &format!("a{round}@example.org")).await;
        let b = user(s, &format!("b{round}@example.org")).await;
        let ev = event(s, a, "Gala", now()).await;
        s.members.set_role(ev, b, Role::Owner, now()).await.unwrap();

        let (ra, rb) = tokio::join!(
            s.members.remove(ev, a),
            s.members.set_role(ev, b, Role::Scanner, now())
        );
        let removed = matches!(ra.unwrap(), RemoveMember::Removed(Role::Owner));
        let demoted = matches!(rb.unwrap(), SetRole::Done(Some(Role::Owner)));
        assert!(removed ^ demoted, "exactly one change may succeed");
        let owners = s
            .members
            .list(ev, None, 10)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.role == Role::Owner)
            .count();
        assert_eq!(owners, 1);
    }
}

/// Members list oldest first, ties broken by user id; invited accounts show
/// as pending.
pub async fn members_page_by_time_added_then_id(h: &dyn Harness) {
    let s = h.storage();
    let owner = user(s, "owner@example.org").await;
    let t0 = now();
    // The owner joins first, a minute before everyone else.
    let ev = s
        .events
        .create(NewEvent {
            id: EventId::new(),
            details: details("Gala", t0),
            owner,
            now: t0 - TimeDelta::minutes(1),
        })
        .await
        .unwrap()
        .id;
    let invited = s
        .users
        .create(NewUser {
            password_hash: None,
            ..new_user("guest@example.org")
        })
        .await
        .unwrap()
        .id;
    let mut expected = vec![owner];
    let mut later = Vec::new();
    for i in 0..4 {
        later.push((i / 2, user(s, &format!("m{i}@example.org")).await));
    }
    later.push((2, invited));
    // Two members share each time added, so the user id breaks ties.
    later.sort_by_key(|&(step, id)| (step, id));
    for &(step, id) in &later {
        let added_at = t0 + TimeDelta::seconds(step);
        s.members
            .set_role(ev, id, Role::Scanner, added_at)
            .await
            .unwrap();
    }
    expected.extend(later.iter().map(|&(_, id)| id));

    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = s.members.list(ev, after, 2).await.unwrap();
        let Some(last) = page.last() else { break };
        assert!(page.len() <= 2);
        after = Some(MemberCursor {
            added_at: last.added_at,
            user_id: last.user_id,
        });
        seen.extend(page);
    }
    assert_eq!(seen.iter().map(|m| m.user_id).collect::<Vec<_>>(), expected);

    let guest = seen.iter().find(|m| m.user_id == invited).unwrap();
    assert!(guest.pending);
    assert_eq!(guest.email.as_str(), "guest@example.org");
    assert_eq!(guest.role, Role::Scanner);
    assert_eq!(guest.added_at, t0 + TimeDelta::seconds(2));
    let first = &seen[0];
    assert!(!first.pending);
    assert_eq!(first.role, Role::Owner);
    assert_eq!(first.name, "owner@example.org");
    assert_eq!(first.added_at, t0 - TimeDelta::minutes(1));
    assert!(s
        .members
        .list(EventId::new(), None, 10)
        .await
        .unwrap()
        .is_empty());
}
