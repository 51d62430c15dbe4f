//! Accounts.

use qr_event_domain::UserId;
use qr_event_storage::{NewUser, StorageError};
use std::sync::Arc;

use tokio::sync::Barrier;
use tokio::task::JoinSet;

use crate::fixtures::{email, new_user, now, user};
use crate::Harness;

/// The first account becomes administrator, later ones do not, and an e-mail
/// address can be used once.
pub async fn first_user_is_admin_and_emails_are_unique(h: &dyn Harness) {
    let s = h.storage();
    let first = user(s, "a@example.org").await;
    let second = user(s, "b@example.org").await;
    let is_admin = |id| async move { s.users.find_by_id(id).await.unwrap().unwrap().is_admin };
    assert!(is_admin(first).await);
    assert!(!is_admin(second).await);

    let again = s
        .users
        .create(NewUser {
            name: "dup".to_owned(),
            password_hash: None,
            admin_if_first: false,
            ..new_user("a@example.org")
        })
        .await;
    assert!(matches!(again, Err(StorageError::Conflict("unique"))));

    // An explicit administrator is one even when not first.
    let chosen = s
        .users
        .create(NewUser {
            is_admin: true,
            ..new_user("c@example.org")
        })
        .await
        .unwrap();
    assert!(chosen.is_admin);
}

/// Accounts created at the same time on an empty instance: exactly one of
/// them is the first, so exactly one becomes administrator.
pub async fn concurrent_first_users_make_one_admin(h: &dyn Harness) {
    const N: usize = 8;
    // Open connections first, so that the creations below really overlap
    // instead of queueing behind connection set-up.
    let mut warm = JoinSet::new();
    for _ in 0..N {
        let s = h.storage().clone();
        warm.spawn(async move { s.users.find_by_email(&email("x@example.org")).await });
    }
    while let Some(done) = warm.join_next().await {
        done.unwrap().unwrap();
    }
    let start = Arc::new(Barrier::new(N));
    let mut tasks = JoinSet::new();
    for i in 0..N {
        let s = h.storage().clone();
        let start = Arc::clone(&start);
        tasks.spawn(async move {
            start.wait().await;
            s.users.create(new_user(&format!("u{i}@example.org"))).await
        });
    }
    let mut admins = 0;
    while let Some(created) = tasks.join_next().await {
        admins += usize::from(created.unwrap().unwrap().is_admin);
    }
    assert_eq!(admins, 1, "exactly one first user");
}

/// An invitation placeholder is claimed once; passwords and admin rights can
/// be changed afterwards.
pub async fn invited_account_is_claimed_once(h: &dyn Harness) {
    let s = h.storage();
    user(s, "first@example.org").await;
    let created_at = now();
    let invited = s
        .users
        .create(NewUser {
            password_hash: None,
            created_at,
            ..new_user("guest@example.org")
        })
        .await
        .unwrap();
    assert_eq!(invited.password_hash, None);
    assert_eq!(invited.created_at, created_at);
    assert!(!invited.is_admin);

    let guest = email("guest@example.org");
    let claimed = s
        .users
        .claim(&guest, "Guest", "hash-1")
        .await
        .unwrap()
        .expect("an unclaimed invitation");
    assert_eq!(claimed.id, invited.id);
    assert_eq!(claimed.name, "Guest");
    assert_eq!(claimed.password_hash.as_deref(), Some("hash-1"));
    assert!(s
        .users
        .claim(&guest, "Thief", "hash-2")
        .await
        .unwrap()
        .is_none());
    assert!(s
        .users
        .claim(&email("nobody@example.org"), "X", "h")
        .await
        .unwrap()
        .is_none());

    s.users.set_password(invited.id, "hash-3").await.unwrap();
    let found = s.users.find_by_email(&guest).await.unwrap().unwrap();
    assert_eq!(found.id, invited.id);
    assert_eq!(found.name, "Guest");
    assert_eq!(found.password_hash.as_deref(), Some("hash-3"));
    assert_eq!(found.created_at, created_at);
    assert!(matches!(
        s.users.set_password(UserId::new(), "h").await,
        Err(StorageError::NotFound)
    ));
    assert!(s
        .users
        .find_by_email(&email("nobody@example.org"))
        .await
        .unwrap()
        .is_none());
    assert!(s.users.find_by_id(UserId::new()).await.unwrap().is_none());

    // The configured admin list applies only once the address is proven.
    assert!(
        !s.users.set_admin(&guest).await.unwrap(),
        "not verified yet"
    );
    assert!(!found.email_verified);
    let now = chrono::Utc::now();
    s.invitations
        .create_verification(
            invited.id,
            &guest,
            b"expired-token-hash",
            now - chrono::Duration::seconds(1),
        )
        .await
        .unwrap();
    assert_eq!(
        s.invitations
            .verify_email(b"expired-token-hash", now)
            .await
            .unwrap(),
        None
    );
    s.invitations
        .create_verification(
            invited.id,
            &guest,
            b"token-hash",
            now + chrono::Duration::hours(1),
        )
        .await
        .unwrap();
    assert_eq!(
        s.invitations
            .verify_email(b"token-hash", now)
            .await
            .unwrap(),
        Some(invited.id)
    );
    assert_eq!(
        s.invitations
            .verify_email(b"token-hash", now)
            .await
            .unwrap(),
        None,
        "once"
    );
    assert!(
        s.users
            .find_by_id(invited.id)
            .await
            .unwrap()
            .unwrap()
            .email_verified
    );
    assert!(s.users.set_admin(&guest).await.unwrap());
    assert!(!s.users.set_admin(&guest).await.unwrap(), "already admin");
    assert!(!s
        .users
        .set_admin(&email("nobody@example.org"))
        .await
        .unwrap());
    assert!(
        s.users
            .find_by_id(invited.id)
            .await
            .unwrap()
            .unwrap()
            .is_admin
    );
}
