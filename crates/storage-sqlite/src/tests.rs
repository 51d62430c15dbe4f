//! Tests against a real database file, one per test, removed afterwards.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use qr_event_domain::{Email, EventDetails, EventId, EventName, Role, SessionId, Timezone, UserId};
use qr_event_storage::{
    AuditQuery, AuditRecord, EventCursor, EventQuery, NewEvent, NewSession, NewUser, PoolSettings,
    RemoveMember, Rotation, SetRole, Storage, StorageError,
};
use uuid::Uuid;

use crate::{from_micros, to_micros, SqliteStore};

/// A migrated store on a fresh temporary file, deleted (with its WAL files) on drop.
struct TestDb {
    store: SqliteStore,
    s: Storage,
    path: PathBuf,
}

impl TestDb {
    async fn new() -> Self {
        let path = std::env::temp_dir().join(format!("qr-event-sqlite-test-{}.db", Uuid::new_v4()));
        let settings = PoolSettings {
            max_connections: 4,
            acquire_timeout: Duration::from_secs(5),
        };
        let store = SqliteStore::connect(&path, settings)
            .await
            .expect("connect");
        store.migrate().await.expect("migrate");
        let s = store.clone().into_storage();
        Self { store, s, path }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut file = self.path.clone().into_os_string();
            file.push(suffix);
            let _ = std::fs::remove_file(file);
        }
    }
}

/// Now, at the precision the database keeps, so round trips compare equal.
fn now() -> DateTime<Utc> {
    from_micros(to_micros(Utc::now()))
}

async fn user(s: &Storage, email: &str) -> UserId {
    let created = s
        .users
        .create(NewUser {
            id: UserId::new(),
            email: Email::from_trusted(email.to_owned()),
            name: email.to_owned(),
            password_hash: Some("hash".to_owned()),
            is_admin: false,
            admin_if_first: true,
            created_at: now(),
        })
        .await
        .expect("create user");
    created.id
}

fn details(name: &str, starts_at: DateTime<Utc>) -> EventDetails {
    EventDetails::new(
        EventName::parse("name", name).unwrap(),
        starts_at,
        starts_at + TimeDelta::hours(2),
        "Main hall",
        Timezone::parse("timezone", "Europe/Paris").unwrap(),
    )
    .unwrap()
}

async fn event(s: &Storage, owner: UserId, name: &str, starts_at: DateTime<Utc>) -> EventId {
    let created = s
        .events
        .create(NewEvent {
            id: EventId::new(),
            details: details(name, starts_at),
            owner,
            now: now(),
        })
        .await
        .expect("create event");
    created.id
}

#[test]
fn micros_round_trip() {
    let t = now();
    assert_eq!(from_micros(to_micros(t)), t);
    assert_eq!(from_micros(i64::MAX), DateTime::<Utc>::MAX_UTC);
}

#[tokio::test]
async fn first_user_is_admin_and_emails_are_unique() {
    let db = TestDb::new().await;
    let first = user(&db.s, "a@example.org").await;
    let second = user(&db.s, "b@example.org").await;
    assert!(
        db.s.users
            .find_by_id(first)
            .await
            .unwrap()
            .unwrap()
            .is_admin
    );
    assert!(
        !db.s
            .users
            .find_by_id(second)
            .await
            .unwrap()
            .unwrap()
            .is_admin
    );
    let again =
        db.s.users
            .create(NewUser {
                id: UserId::new(),
                email: Email::from_trusted("a@example.org".to_owned()),
                name: "dup".to_owned(),
                password_hash: None,
                is_admin: false,
                admin_if_first: false,
                created_at: now(),
            })
            .await;
    assert!(matches!(again, Err(StorageError::Conflict("unique"))));
}

#[tokio::test]
async fn refresh_token_reuse_revokes_the_session() {
    let db = TestDb::new().await;
    let s = &db.s;
    let owner = user(s, "a@example.org").await;
    let session_id = SessionId::random();
    let t0 = now();
    s.sessions
        .create(NewSession {
            id: session_id,
            user_id: owner,
            token_hash: vec![1; 32],
            now: t0,
            expires_at: t0 + TimeDelta::days(30),
        })
        .await
        .unwrap();

    let idle_cutoff = t0 - TimeDelta::days(1);
    let t1 = t0 + TimeDelta::seconds(1);
    let first = s
        .sessions
        .rotate(&[1; 32], &[2; 32], t1, idle_cutoff)
        .await
        .unwrap();
    assert_eq!(
        first,
        Rotation::Rotated {
            session_id,
            user_id: owner
        }
    );
    assert_eq!(
        s.sessions.active_user(session_id, t1).await.unwrap(),
        Some(owner)
    );

    // The spent token again: the family is revoked.
    let again = s
        .sessions
        .rotate(&[1; 32], &[3; 32], t1, idle_cutoff)
        .await
        .unwrap();
    assert_eq!(
        again,
        Rotation::Reused {
            session_id,
            user_id: owner
        }
    );
    assert_eq!(s.sessions.active_user(session_id, t1).await.unwrap(), None);
    // The current token of the revoked family no longer works either.
    let current = s
        .sessions
        .rotate(&[2; 32], &[4; 32], t1, idle_cutoff)
        .await
        .unwrap();
    assert_eq!(current, Rotation::Invalid);
    // An unknown token is simply invalid.
    let unknown = s
        .sessions
        .rotate(&[9; 32], &[5; 32], t1, idle_cutoff)
        .await
        .unwrap();
    assert_eq!(unknown, Rotation::Invalid);
}

#[tokio::test]
async fn idle_session_does_not_rotate() {
    let db = TestDb::new().await;
    let s = &db.s;
    let owner = user(s, "a@example.org").await;
    let session_id = SessionId::random();
    let t0 = now();
    s.sessions
        .create(NewSession {
            id: session_id,
            user_id: owner,
            token_hash: vec![1; 32],
            now: t0,
            expires_at: t0 + TimeDelta::days(30),
        })
        .await
        .unwrap();
    let later = t0 + TimeDelta::days(2);
    let outcome = s
        .sessions
        .rotate(&[1; 32], &[2; 32], later, later - TimeDelta::days(1))
        .await
        .unwrap();
    assert_eq!(outcome, Rotation::Invalid);
    // Rolled back: the token is not marked spent, so this is not reuse.
    let outcome = s
        .sessions
        .rotate(&[1; 32], &[2; 32], later, later - TimeDelta::days(1))
        .await
        .unwrap();
    assert_eq!(outcome, Rotation::Invalid);
    assert_eq!(
        s.sessions.active_user(session_id, later).await.unwrap(),
        Some(owner)
    );
}

#[tokio::test]
async fn the_last_owner_stays() {
    let db = TestDb::new().await;
    let s = &db.s;
    let owner = user(s, "a@example.org").await;
    let other = user(s, "b@example.org").await;
    let ev = event(s, owner, "Gala", now()).await;

    assert_eq!(
        s.members.remove(ev, owner).await.unwrap(),
        RemoveMember::LastOwner
    );
    assert_eq!(
        s.members
            .set_role(ev, owner, Role::Manager, now())
            .await
            .unwrap(),
        SetRole::LastOwner
    );
    assert_eq!(
        s.members
            .set_role(ev, owner, Role::Owner, now())
            .await
            .unwrap(),
        SetRole::Done(Some(Role::Owner))
    );
    assert_eq!(
        s.members.remove(ev, other).await.unwrap(),
        RemoveMember::NotMember
    );

    assert_eq!(
        s.members
            .set_role(ev, other, Role::Scanner, now())
            .await
            .unwrap(),
        SetRole::Done(None)
    );
    assert_eq!(
        s.members
            .set_role(ev, other, Role::Owner, now())
            .await
            .unwrap(),
        SetRole::Done(Some(Role::Scanner))
    );
    assert_eq!(
        s.members
            .set_role(ev, owner, Role::Manager, now())
            .await
            .unwrap(),
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

    let missing = s
        .members
        .set_role(EventId::new(), other, Role::Scanner, now())
        .await;
    assert!(matches!(missing, Err(StorageError::NotFound)));
    assert_eq!(
        s.members.remove(EventId::new(), other).await.unwrap(),
        RemoveMember::NotMember
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_removals_keep_one_owner() {
    let db = TestDb::new().await;
    let s = &db.s;
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

#[tokio::test]
async fn events_page_by_start_then_id() {
    let db = TestDb::new().await;
    let s = &db.s;
    let owner = user(s, "a@example.org").await;
    let stranger = user(s, "b@example.org").await;
    let base = now();
    let mut expected = Vec::new();
    for i in 0..5 {
        // Two events share each start time, so the id breaks ties.
        let starts_at = base + TimeDelta::hours(i / 2);
        expected.push((
            starts_at,
            event(s, owner, &format!("Event {i}"), starts_at).await,
        ));
    }
    event(s, stranger, "Not mine", base).await;
    expected.sort_by_key(|&(starts_at, id)| (starts_at, id.0));

    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let query = EventQuery {
            search: None,
            include_archived: false,
            after,
            limit: 2,
        };
        let page = s.events.list_for_member(owner, &query).await.unwrap();
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 2);
        assert!(page.iter().all(|(_, role)| *role == Role::Owner));
        let (last, _) = page.last().unwrap();
        after = Some(EventCursor {
            starts_at: last.details.starts_at,
            id: last.id,
        });
        seen.extend(page.into_iter().map(|(e, _)| (e.details.starts_at, e.id)));
    }
    assert_eq!(seen, expected);

    // Search is case-insensitive; `%` typed by the user is literal.
    let search = |text: &str| EventQuery {
        search: Some(text.to_owned()),
        include_archived: false,
        after: None,
        limit: 10,
    };
    assert_eq!(
        s.events
            .list_for_member(owner, &search("event 3"))
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        s.events
            .list_for_member(owner, &search("MAIN"))
            .await
            .unwrap()
            .len(),
        5
    );
    assert!(s
        .events
        .list_for_member(owner, &search("%"))
        .await
        .unwrap()
        .is_empty());

    // Archived events are hidden unless asked for.
    let (_, first) = expected[0];
    let archived = s
        .events
        .update(first, &details("Event 0", expected[0].0), true, now())
        .await
        .unwrap();
    assert!(archived.archived);
    let all = EventQuery {
        search: None,
        include_archived: false,
        after: None,
        limit: 10,
    };
    assert_eq!(
        s.events.list_for_member(owner, &all).await.unwrap().len(),
        4
    );
    let with_archived = EventQuery {
        include_archived: true,
        ..all
    };
    assert_eq!(
        s.events
            .list_for_member(owner, &with_archived)
            .await
            .unwrap()
            .len(),
        5
    );

    // Deleting cascades to memberships.
    assert!(s.events.delete(first).await.unwrap());
    assert!(s
        .events
        .find_for_member(first, owner)
        .await
        .unwrap()
        .is_none());
    assert!(s.members.list(first, None, 10).await.unwrap().is_empty());
}

#[tokio::test]
async fn audit_log_is_append_only() {
    let db = TestDb::new().await;
    let s = &db.s;
    let actor = user(s, "a@example.org").await;
    let record = AuditRecord {
        id: Uuid::now_v7(),
        at: now(),
        event_id: None,
        actor_id: Some(actor),
        action: "auth.login".to_owned(),
        outcome: "success".to_owned(),
        subject: None,
        client_ip: Some("127.0.0.1".to_owned()),
        request_id: None,
        details: serde_json::json!({ "method": "password" }),
    };
    s.audit.append(&record).await.unwrap();

    let query = AuditQuery {
        limit: 10,
        ..AuditQuery::default()
    };
    assert_eq!(s.audit.list(&query).await.unwrap(), vec![record.clone()]);
    let filtered = AuditQuery {
        action: Some("auth.logout".to_owned()),
        ..query.clone()
    };
    assert!(s.audit.list(&filtered).await.unwrap().is_empty());

    let update = sqlx::query("UPDATE audit_log SET outcome = 'failure'")
        .execute(db.store.pool())
        .await;
    assert!(update.is_err(), "updates must be refused");
    let delete = sqlx::query("DELETE FROM audit_log")
        .execute(db.store.pool())
        .await;
    assert!(delete.is_err(), "deletes must be refused");
    assert_eq!(s.audit.list(&query).await.unwrap(), vec![record]);
}
