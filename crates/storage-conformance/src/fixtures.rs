//! Small builders shared by the scenarios.

use chrono::{DateTime, TimeDelta, Utc};
use qr_event_domain::{Email, EventDetails, EventId, EventName, Timezone, UserId};
use qr_event_storage::{NewEvent, NewUser, Storage};

/// Now, at the precision every backend keeps (microseconds), so round trips
/// compare equal.
pub(crate) fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_micros(Utc::now().timestamp_micros()).expect("now is in range")
}

pub(crate) fn email(address: &str) -> Email {
    Email::from_trusted(address.to_owned())
}

/// A new account with a password, admin if it is the first.
pub(crate) fn new_user(address: &str) -> NewUser {
    NewUser {
        id: UserId::new(),
        email: email(address),
        name: address.to_owned(),
        password_hash: Some("hash".to_owned()),
        is_admin: false,
        admin_if_first: true,
        created_at: now(),
    }
}

/// Creates an account and returns its id.
pub(crate) async fn user(s: &Storage, address: &str) -> UserId {
    s.users
        .create(new_user(address))
        .await
        .expect("create user")
        .id
}

/// Valid event fields: two hours from `starts_at`, in the main hall.
pub(crate) fn details(name: &str, starts_at: DateTime<Utc>) -> EventDetails {
    EventDetails::new(
        EventName::parse("name", name).unwrap(),
        starts_at,
        starts_at + TimeDelta::hours(2),
        "Main hall",
        Timezone::parse("timezone", "Europe/Paris").unwrap(),
    )
    .unwrap()
}

/// Creates an event owned by `owner` and returns its id.
pub(crate) async fn event(
    s: &Storage,
    owner: UserId,
    name: &str,
    starts_at: DateTime<Utc>,
) -> EventId {
    s.events
        .create(NewEvent {
            id: EventId::new(),
            details: details(name, starts_at),
            owner,
            now: now(),
        })
        .await
        .expect("create event")
        .id
}
