use async_trait::async_trait;
use chrono::{DateTime, Utc};
use qr_event_domain::{Email, EventDetails, EventId, Role, UserId};

use crate::StorageError;

/// A stored event.
#[derive(Debug, Clone)]
pub struct Event {
    /// Identifier.
    pub id: EventId,
    /// Validated fields.
    pub details: EventDetails,
    /// Archived events stay readable but are hidden from default lists.
    pub archived: bool,
    /// Whether door devices get holders' names in their offline pack.
    pub door_names: bool,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// An event's switches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventFlags {
    /// Hidden from default lists.
    pub archived: bool,
    /// Holders' names in the door's offline pack.
    pub door_names: bool,
}

/// Input of [`EventRepo::create`].
#[derive(Debug, Clone)]
pub struct NewEvent {
    /// Identifier to use.
    pub id: EventId,
    /// Validated fields.
    pub details: EventDetails,
    /// The creator, who becomes its first owner.
    pub owner: UserId,
    /// Creation time.
    pub now: DateTime<Utc>,
}

/// Position in the events list, ordered by start time then id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventCursor {
    /// Start time of the last event seen.
    pub starts_at: DateTime<Utc>,
    /// Id of the last event seen.
    pub id: EventId,
}

/// What to list.
#[derive(Debug, Clone)]
pub struct EventQuery {
    /// Case-insensitive substring of the name or venue.
    pub search: Option<String>,
    /// Include archived events.
    pub include_archived: bool,
    /// Continue after this position.
    pub after: Option<EventCursor>,
    /// Page size.
    pub limit: u32,
}

/// Events, always seen through a member's eyes.
#[async_trait]
pub trait EventRepo: Send + Sync {
    /// Inserts the event and its owner membership in one transaction.
    async fn create(&self, event: NewEvent) -> Result<Event, StorageError>;
    /// The event and `user`'s role on it; `None` if either is missing.
    async fn find_for_member(
        &self,
        id: EventId,
        user: UserId,
    ) -> Result<Option<(Event, Role)>, StorageError>;
    /// An event by id, without any membership check (public ticket pages).
    async fn find_by_id(&self, id: EventId) -> Result<Option<Event>, StorageError>;
    /// Events `user` is a member of.
    async fn list_for_member(
        &self,
        user: UserId,
        query: &EventQuery,
    ) -> Result<Vec<(Event, Role)>, StorageError>;
    /// Replaces the fields and flags.
    async fn update(
        &self,
        id: EventId,
        details: &EventDetails,
        flags: EventFlags,
        now: DateTime<Utc>,
    ) -> Result<Event, StorageError>;
    /// Deletes the event and its memberships.
    async fn delete(&self, id: EventId) -> Result<bool, StorageError>;
}

/// A member of an event.
#[derive(Debug, Clone)]
pub struct Member {
    /// The account.
    pub user_id: UserId,
    /// Its e-mail.
    pub email: Email,
    /// Its display name.
    pub name: String,
    /// Role on the event.
    pub role: Role,
    /// True while the invited account has not been claimed.
    pub pending: bool,
    /// When the membership was granted.
    pub added_at: DateTime<Utc>,
}

/// Position in the members list, ordered by time added then user id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberCursor {
    /// When the last member seen was added.
    pub added_at: DateTime<Utc>,
    /// Its user id.
    pub user_id: UserId,
}

/// Outcome of [`MemberRepo::set_role`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetRole {
    /// The membership now has the role; carries the previous role, if any.
    Done(Option<Role>),
    /// Refused: it would leave the event without an owner.
    LastOwner,
}

/// Outcome of [`MemberRepo::remove`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoveMember {
    /// Removed; carries the role it had.
    Removed(Role),
    /// The user was not a member.
    NotMember,
    /// Refused: it would leave the event without an owner.
    LastOwner,
}

/// Who may do what on an event.
#[async_trait]
pub trait MemberRepo: Send + Sync {
    /// Members, oldest first.
    async fn list(
        &self,
        event: EventId,
        after: Option<MemberCursor>,
        limit: u32,
    ) -> Result<Vec<Member>, StorageError>;
    /// One member.
    async fn find(&self, event: EventId, user: UserId) -> Result<Option<Member>, StorageError>;
    /// Grants or changes a role atomically, refusing to demote the last owner.
    async fn set_role(
        &self,
        event: EventId,
        user: UserId,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<SetRole, StorageError>;
    /// Removes a membership atomically, refusing to remove the last owner.
    async fn remove(&self, event: EventId, user: UserId) -> Result<RemoveMember, StorageError>;
}
