use async_trait::async_trait;
use chrono::{DateTime, Utc};
use qr_event_domain::{Email, UserId};

use crate::StorageError;

/// A stored account.
#[derive(Debug, Clone)]
pub struct User {
    /// Identifier.
    pub id: UserId,
    /// Normalized e-mail, unique.
    pub email: Email,
    /// Display name.
    pub name: String,
    /// PHC-format argon2id hash; `None` for an invited account not yet claimed.
    pub password_hash: Option<String>,
    /// Instance administrator.
    pub is_admin: bool,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// The address was proven by a verification link.
    pub email_verified: bool,
}

/// Input of [`UserRepo::create`].
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Identifier to use.
    pub id: UserId,
    /// Normalized e-mail.
    pub email: Email,
    /// Display name.
    pub name: String,
    /// Hash, or `None` for an invitation placeholder.
    pub password_hash: Option<String>,
    /// Make this user an administrator regardless of the rule below.
    pub is_admin: bool,
    /// Make this user an administrator if no user exists yet.
    pub admin_if_first: bool,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// Accounts.
#[async_trait]
pub trait UserRepo: Send + Sync {
    /// Inserts a user; `Conflict("users_email")` when the e-mail is taken.
    async fn create(&self, user: NewUser) -> Result<User, StorageError>;
    /// Sets name and password of an invited account that has none yet;
    /// `None` when there is no such unclaimed account.
    async fn claim(
        &self,
        email: &Email,
        name: &str,
        password_hash: &str,
    ) -> Result<Option<User>, StorageError>;
    /// Looks an account up by e-mail.
    async fn find_by_email(&self, email: &Email) -> Result<Option<User>, StorageError>;
    /// Looks an account up by id.
    async fn find_by_id(&self, id: UserId) -> Result<Option<User>, StorageError>;
    /// Replaces the password hash.
    async fn set_password(&self, id: UserId, password_hash: &str) -> Result<(), StorageError>;
    /// Grants administrator rights (from configuration) to the account with
    /// this address, only once the address is verified.
    async fn set_admin(&self, email: &Email) -> Result<bool, StorageError>;
}
