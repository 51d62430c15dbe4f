//! Events, seen through a member's eyes.

use chrono::TimeDelta;
use qr_event_domain::{EventDetails, EventId, EventName, Locale, Role, Timezone, UserId};
use qr_event_storage::{EventCursor, EventFlags, EventQuery, NewEvent, StorageError};

use crate::fixtures::{details, event, now, user};
use crate::Harness;

fn all(limit: u32) -> EventQuery {
    EventQuery {
        search: None,
        include_archived: false,
        after: None,
        limit,
    }
}

/// Keyset pagination by (start, id); search, archive filter and cascading delete.
pub async fn events_page_by_start_then_id(h: &dyn Harness) {
    let s = h.storage();
    let owner = user(s, "a@example.org").await;
    let stranger = user(s, "b@example.org").await;
    let base = now();
    let mut expected = Vec::new();
    for i in 0..5 {
        // Two events share each start time, so the id breaks ties.
        let starts_at = base + TimeDelta::hours(i / 2);
        let id = event(s, owner, &format!("Event {i}"), starts_at).await;
        expected.push((starts_at, id));
    }
    event(s, stranger, "Not mine", base).await;
    expected.sort_by_key(|&(starts_at, id)| (starts_at, id.0));

    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let query = EventQuery { after, ..all(2) };
        let page = s.events.list_for_member(owner, &query).await.unwrap();
        let Some((last, _)) = page.last() else { break };
        assert!(page.len() <= 2);
        assert!(page.iter().all(|(_, role)| *role == Role::Owner));
        after = Some(EventCursor {
            starts_at: last.details.starts_at,
            id: last.id,
        });
        seen.extend(page.into_iter().map(|(e, _)| (e.details.starts_at, e.id)));
    }
    assert_eq!(seen, expected);

    // Search is case-insensitive; `%` and `_` typed by the user are literal.
    let count = |text: &str| {
        let query = EventQuery {
            search: Some(text.to_owned()),
            ..all(10)
        };
        async move { s.events.list_for_member(owner, &query).await.unwrap().len() }
    };
    assert_eq!(count("event 3").await, 1);
    assert_eq!(count("MAIN").await, 5);
    assert_eq!(count("%").await, 0);
    assert_eq!(count("Event_").await, 0);

    // Archived events are hidden unless asked for.
    let (first_start, first) = expected[0];
    let archived = s
        .events
        .update(
            first,
            &details("Event 0", first_start),
            EventFlags {
                archived: true,
                door_names: true,
            },
            now(),
        )
        .await
        .unwrap();
    assert!(archived.archived);
    let listed = |query: EventQuery| async move {
        s.events.list_for_member(owner, &query).await.unwrap().len()
    };
    assert_eq!(listed(all(10)).await, 4);
    let with_archived = EventQuery {
        include_archived: true,
        ..all(10)
    };
    assert_eq!(listed(with_archived).await, 5);

    // Deleting cascades to memberships.
    assert!(s.events.delete(first).await.unwrap());
    assert!(!s.events.delete(first).await.unwrap());
    assert!(s
        .events
        .find_for_member(first, owner)
        .await
        .unwrap()
        .is_none());
    assert!(s.members.list(first, None, 10).await.unwrap().is_empty());
}

/// Every field survives a write and a read; missing rows are reported as such.
pub async fn event_fields_round_trip(h: &dyn Harness) {
    let s = h.storage();
    let owner = user(s, "a@example.org").await;
    let stranger = user(s, "b@example.org").await;
    let created_at = now();
    let id = EventId::new();
    let starts_at = created_at + TimeDelta::days(7);
    let created = s
        .events
        .create(NewEvent {
            id,
            details: details("Gala", starts_at),
            owner,
            now: created_at,
        })
        .await
        .unwrap();
    assert_eq!(created.id, id);
    assert_eq!(created.details, details("Gala", starts_at));
    assert!(!created.archived);
    assert!(created.door_names, "names at the door are on by default");
    assert_eq!(created.created_at, created_at);
    assert_eq!(created.updated_at, created_at);

    let (found, role) = s.events.find_for_member(id, owner).await.unwrap().unwrap();
    assert_eq!(role, Role::Owner);
    assert_eq!(found.details, created.details);
    assert!(s
        .events
        .find_for_member(id, stranger)
        .await
        .unwrap()
        .is_none());

    let mut changed = EventDetails::new(
        EventName::parse("name", "Gala dinner").unwrap(),
        starts_at + TimeDelta::microseconds(1),
        starts_at + TimeDelta::days(1),
        "Salle Pleyel, 252 rue du Faubourg Saint-Honoré",
        Timezone::parse("timezone", "America/Montreal").unwrap(),
    )
    .unwrap();
    changed.locale = Some(Locale::Fr);
    let updated_at = created_at + TimeDelta::seconds(5);
    let updated = s
        .events
        .update(
            id,
            &changed,
            EventFlags {
                archived: false,
                door_names: false,
            },
            updated_at,
        )
        .await
        .unwrap();
    assert_eq!(updated.details, changed);
    assert!(!updated.door_names && !updated.archived);
    assert_eq!(updated.created_at, created_at);
    assert_eq!(updated.updated_at, updated_at);
    let (found, _) = s.events.find_for_member(id, owner).await.unwrap().unwrap();
    assert_eq!(found.details, changed);
    assert_eq!(found.updated_at, updated_at);

    let missing = s
        .events
        .update(
            EventId::new(),
            &changed,
            EventFlags {
                archived: false,
                door_names: true,
            },
            updated_at,
        )
        .await;
    assert!(matches!(missing, Err(StorageError::NotFound)));
    let duplicate = s
        .events
        .create(NewEvent {
            id,
            details: details("Copy", starts_at),
            owner,
            now: created_at,
        })
        .await;
    assert!(matches!(duplicate, Err(StorageError::Conflict("unique"))));

    // An unknown owner fails the whole creation.
    let orphan = EventId::new();
    let unowned = s
        .events
        .create(NewEvent {
            id: orphan,
            details: details("Orphan", starts_at),
            owner: UserId::new(),
            now: created_at,
        })
        .await;
    assert!(matches!(unowned, Err(StorageError::NotFound)));
    let everything = EventQuery {
        include_archived: true,
        ..all(10)
    };
    assert_eq!(
        s.events
            .list_for_member(owner, &everything)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(!s.events.delete(orphan).await.unwrap(), "rolled back");
}
