//! Invitations to an event's staff, and e-mail address verification: both
//! are one-time links whose tokens are stored as SHA-256 hashes only.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use qr_event_domain::{Email, EventId, InvitationId, Role, UserId};

use crate::StorageError;

/// An invitation as stored.
#[derive(Debug, Clone)]
pub struct Invitation {
    /// Identifier.
    pub id: InvitationId,
    /// Event.
    pub event_id: EventId,
    /// Address it was sent to.
    pub email: Email,
    /// Role accepting it grants.
    pub role: Role,
    /// Who invited.
    pub invited_by: Option<UserId>,
    /// When.
    pub created_at: DateTime<Utc>,
    /// The link works until then.
    pub expires_at: DateTime<Utc>,
    /// When it was accepted.
    pub accepted_at: Option<DateTime<Utc>>,
    /// By which account.
    pub accepted_by: Option<UserId>,
    /// When it was withdrawn.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// What [`InvitationRepo::create`] stores.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    /// Identifier.
    pub id: InvitationId,
    /// Event.
    pub event_id: EventId,
    /// Address.
    pub email: Email,
    /// Role.
    pub role: Role,
    /// Inviter.
    pub invited_by: UserId,
    /// Now.
    pub created_at: DateTime<Utc>,
    /// Expiry.
    pub expires_at: DateTime<Utc>,
    /// SHA-256 of the token.
    pub token_hash: Vec<u8>,
}

/// Invitations and address verification tokens.
#[async_trait]
pub trait InvitationRepo: Send + Sync {
    /// Stores an invitation.
    async fn create(&self, invitation: NewInvitation) -> Result<Invitation, StorageError>;
    /// Invitations of an event, newest first, at most `limit`.
    async fn list(&self, event: EventId, limit: u32) -> Result<Vec<Invitation>, StorageError>;
    /// Withdraws a pending invitation; `None` when unknown.
    async fn revoke(
        &self,
        event: EventId,
        id: InvitationId,
        now: DateTime<Utc>,
    ) -> Result<Option<Invitation>, StorageError>;
    /// Spends a pending, unexpired invitation for `user` in one statement.
    async fn accept(
        &self,
        token_hash: &[u8],
        user: UserId,
        now: DateTime<Utc>,
    ) -> Result<Option<Invitation>, StorageError>;
    /// True when `email` has a pending, unexpired invitation.
    async fn is_invited(&self, email: &Email, now: DateTime<Utc>) -> Result<bool, StorageError>;
    /// Stores an address verification token for `user`.
    async fn create_verification(
        &self,
        user: UserId,
        email: &Email,
        token_hash: &[u8],
        expires_at: DateTime<Utc>,
    ) -> Result<(), StorageError>;
    /// Spends a verification token: marks the account's address verified if
    /// it is still the address the token was sent to. Returns the user.
    async fn verify_email(
        &self,
        token_hash: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Option<UserId>, StorageError>;
}
