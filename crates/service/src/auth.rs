use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use qr_event_audit::{AuditAction, AuditLog, Entry, RequestContext};
use qr_event_auth::{check_password_policy, PasswordHasher, RefreshToken, SessionKeys};
use qr_event_cache::Cache;
use qr_event_domain::{text, Email, FieldCode, ProblemCode, SessionId, UserId, ValidationErrors};
use qr_event_mail::Message;
use qr_event_storage::{NewSession, NewUser, Notice, Rotation, Storage, StorageError, User};

use crate::{Outbox, ServiceError, ServiceResult};

/// Window of the per-address registration limit.
const REGISTER_WINDOW: Duration = Duration::from_secs(3600);
/// Longest sign-in back-off.
const MAX_BACKOFF: Duration = Duration::from_secs(24 * 3600);

fn taken() -> ServiceError {
    ValidationErrors::one(
        "email",
        FieldCode::Taken,
        "an account already uses this address",
    )
    .into()
}

/// How long sign-ins from one client to one account are blocked after its
/// `strikes`-th overrun of the window: the window, doubled at each strike.
pub fn login_backoff(window: Duration, strikes: u64) -> Duration {
    let doublings = u32::try_from(strikes.saturating_sub(1))
        .unwrap_or(u32::MAX)
        .min(16);
    window.saturating_mul(1 << doublings).min(MAX_BACKOFF)
}

/// How long an address verification link works.
const VERIFICATION_LIFETIME: Duration = Duration::from_secs(48 * 3600);
/// Verification messages an account may ask for per hour.
const VERIFICATIONS_PER_HOUR: u64 = 5;

/// Rules of accounts and sessions, from configuration.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// Lifetime of an access token (at most 15 minutes).
    pub access_lifetime: Duration,
    /// A session unused this long ends.
    pub session_idle: Duration,
    /// A session ends this long after login, whatever its use.
    pub session_absolute: Duration,
    /// Anyone may register; when false only invited addresses may.
    pub registration_open: bool,
    /// Addresses that are instance administrators.
    pub admin_emails: Vec<Email>,
    /// Login attempts per account from one client address per window.
    pub login_max_per_account: u64,
    /// Login attempts per client address per window.
    pub login_max_per_ip: u64,
    /// The throttling window.
    pub login_window: Duration,
    /// Registrations per client address per hour.
    pub register_max_per_ip: u64,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            access_lifetime: Duration::from_secs(10 * 60),
            session_idle: Duration::from_secs(24 * 3600),
            session_absolute: Duration::from_secs(7 * 24 * 3600),
            registration_open: true,
            admin_emails: Vec::new(),
            login_max_per_account: 10,
            login_max_per_ip: 100,
            login_window: Duration::from_secs(15 * 60),
            register_max_per_ip: 30,
        }
    }
}

/// An authenticated caller, from a verified access token of a live session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Principal {
    /// The user.
    pub user_id: UserId,
    /// The session the token belongs to.
    pub session_id: SessionId,
}

/// Credentials handed to the client after login, registration or refresh.
#[derive(Debug)]
pub struct IssuedSession {
    /// The account.
    pub user: User,
    /// Signed access token (cookie only).
    pub access_token: String,
    /// New refresh token (cookie only).
    pub refresh_token: RefreshToken,
    /// CSRF token (readable cookie and response body).
    pub csrf_token: String,
    /// When the session ends at the latest.
    pub session_expires_at: chrono::DateTime<Utc>,
}

/// Input of [`AuthService::register`], unvalidated.
#[derive(Debug)]
pub struct RegisterInput {
    /// E-mail address.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Password (never logged).
    pub password: String,
}

/// Registration, login, sessions and passwords.
#[derive(Clone)]
pub struct AuthService {
    storage: Storage,
    cache: Arc<dyn Cache>,
    hasher: PasswordHasher,
    keys: SessionKeys,
    audit: AuditLog,
    settings: AuthSettings,
    outbox: Outbox,
}

fn chrono_duration(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

fn session_key(id: SessionId) -> String {
    format!("session:{}", id.0.simple())
}

const REVOKED: &str = "revoked";
/// How long a "session is live" answer is cached; bounds how long a
/// revocation can go unseen by another instance if Redis is down.
const SESSION_CACHE_TTL: Duration = Duration::from_secs(30);

impl AuthService {
    /// Wires the service.
    pub fn new(
        storage: Storage,
        cache: Arc<dyn Cache>,
        hasher: PasswordHasher,
        keys: SessionKeys,
        settings: AuthSettings,
        outbox: Outbox,
    ) -> Self {
        let audit = AuditLog::new(storage.audit.clone());
        Self {
            storage,
            cache,
            hasher,
            keys,
            audit,
            settings,
            outbox,
        }
    }

    /// The settings in force.
    pub fn settings(&self) -> &AuthSettings {
        &self.settings
    }

    /// Grants administrator rights to configured addresses whose accounts
    /// have proven them.
    pub async fn apply_admin_emails(&self) -> ServiceResult<()> {
        for email in &self.settings.admin_emails {
            self.storage.users.set_admin(email).await?;
        }
        Ok(())
    }

    /// Creates an account and opens a session. On a closed instance only
    /// configured administrators and invited addresses may register; the
    /// account still gets no role until it accepts its invitation link.
    pub async fn register(
        &self,
        ctx: &RequestContext,
        input: RegisterInput,
    ) -> ServiceResult<IssuedSession> {
        let mut errors = ValidationErrors::default();
        let email = errors.take(Email::parse("email", &input.email));
        let name = text::PERSON_NAME.check_into(&mut errors, "name", &input.name);
        let name = name.as_str();
        errors.take(check_password_policy(
            "password",
            &input.password,
            email.as_ref(),
        ));
        errors.clone().into_result()?;
        let email = email.expect("validated above");

        // Every refusal is decided before the (deliberately slow) hash, so a
        // burst of registrations cannot fill the hashing pool.
        let ip_key = format!(
            "register:ip:{}",
            ctx.client_ip.as_deref().unwrap_or("unknown")
        );
        let (count, left) = self.cache.incr(&ip_key, REGISTER_WINDOW).await;
        if count > self.settings.register_max_per_ip {
            metrics::counter!("throttled_total", "scope" => "register").increment(1);
            return Err(ServiceError::Throttled {
                retry_after: left.max(Duration::from_secs(1)),
            });
        }
        let existing = self.storage.users.find_by_email(&email).await?;
        if existing.as_ref().is_some_and(|u| u.password_hash.is_some()) {
            return Err(taken());
        }
        // Configured administrators may always register, so that a closed
        // instance can be bootstrapped.
        if existing.is_none()
            && !self.settings.registration_open
            && !self.settings.admin_emails.contains(&email)
            && !self
                .storage
                .invitations
                .is_invited(&email, Utc::now())
                .await?
        {
            return Err(ServiceError::RegistrationClosed);
        }

        let hash = self.hasher.hash(&input.password).await?;
        let user = match self.storage.users.claim(&email, name, &hash).await? {
            Some(user) => user,
            None => {
                // The configured admin list applies once the address is
                // verified (see `verify_email`), never on registration.
                let new_user = NewUser {
                    id: UserId::new(),
                    is_admin: false,
                    email,
                    name: name.to_owned(),
                    password_hash: Some(hash),
                    admin_if_first: true,
                    created_at: Utc::now(),
                };
                match self.storage.users.create(new_user).await {
                    Ok(user) => user,
                    Err(StorageError::Conflict(_)) => return Err(taken()),
                    Err(err) => return Err(err.into()),
                }
            }
        };
        self.audit
            .record(
                ctx,
                Entry::success(AuditAction::Register)
                    .actor(user.id)
                    .subject(user.id),
            )
            .await?;
        self.send_verification(&user).await?;
        self.open_session(user).await
    }

    /// Sends a one-time link proving the account's address.
    async fn send_verification(&self, user: &User) -> ServiceResult<()> {
        let token = qr_event_auth::link_token();
        self.storage
            .invitations
            .create_verification(
                user.id,
                &user.email,
                &qr_event_auth::link_token_hash(&token),
                Utc::now() + chrono_duration(VERIFICATION_LIFETIME),
            )
            .await?;
        let url = self.outbox.links.with_token("/verify-email", &token);
        let message = Message {
            to: user.email.as_str().to_owned(),
            subject: "Confirm your address for QR Event".to_owned(),
            text: format!(
                "Open this link to confirm that this address is yours:\n{url}\n\n\
                 It works once, for 48 hours. If you did not create a QR Event account, ignore this message.\n"
            ),
            ..Message::default()
        };
        self.outbox.send(message).await;
        Ok(())
    }

    /// Sends a new verification link to the signed-in account (a few per hour).
    pub async fn resend_verification(&self, principal: &Principal) -> ServiceResult<()> {
        let user = self.me(principal).await?;
        if user.email_verified {
            return Err(ServiceError::Conflict {
                code: ProblemCode::AlreadyVerified,
                detail: "this address is already verified",
            });
        }
        let key = format!("verify:user:{}", user.id);
        let (count, left) = self.cache.incr(&key, Duration::from_secs(3600)).await;
        if count > VERIFICATIONS_PER_HOUR {
            return Err(ServiceError::Throttled {
                retry_after: left.max(Duration::from_secs(1)),
            });
        }
        self.send_verification(&user).await
    }

    /// Spends an address verification link. A configured administrator
    /// address becomes an administrator now.
    pub async fn verify_email(&self, ctx: &RequestContext, token: &str) -> ServiceResult<User> {
        let token = token.trim();
        let verified = if token.is_empty() || token.len() > 100 {
            None
        } else {
            self.storage
                .invitations
                .verify_email(&qr_event_auth::link_token_hash(token), Utc::now())
                .await?
        };
        let user_id = verified.ok_or(ServiceError::InvalidLink)?;
        let mut user = self
            .storage
            .users
            .find_by_id(user_id)
            .await?
            .ok_or(ServiceError::InvalidLink)?;
        let mut entry = Entry::success(AuditAction::EmailVerified)
            .actor(user.id)
            .subject(user.id);
        if self.settings.admin_emails.contains(&user.email)
            && self.storage.users.set_admin(&user.email).await?
        {
            user.is_admin = true;
            entry = entry.detail("admin_granted", true);
        }
        self.audit.record(ctx, entry).await?;
        Ok(user)
    }

    /// Checks credentials, with throttling per account and per client address.
    pub async fn login(
        &self,
        ctx: &RequestContext,
        email: &str,
        password: &str,
    ) -> ServiceResult<IssuedSession> {
        let email = Email::parse("email", email)?;
        let client = ctx.client_ip.as_deref().unwrap_or("unknown");
        // Keyed by account *and* client: failures from elsewhere never lock
        // the account's owner out. A client that overruns the window is
        // blocked for the window, doubled at each overrun within a day.
        let pair = format!("{}|{client}", email.as_str());
        let block_key = format!("login:block:{pair}");
        let pair_key = format!("login:pair:{pair}");
        let strikes_key = format!("login:strikes:{pair}");
        let ip_key = format!("login:ip:{client}");
        let now = Utc::now().timestamp();
        if let Some(until) = self
            .cache
            .get(&block_key)
            .await
            .and_then(|v| v.parse::<i64>().ok())
        {
            if until > now {
                metrics::counter!("throttled_total", "scope" => "login").increment(1);
                return Err(ServiceError::Throttled {
                    retry_after: Duration::from_secs(
                        u64::try_from(until - now).unwrap_or(1).max(1),
                    ),
                });
            }
        }
        let window = self.settings.login_window;
        let (ip_count, ip_left) = self.cache.incr(&ip_key, window).await;
        if ip_count > self.settings.login_max_per_ip {
            metrics::counter!("throttled_total", "scope" => "login").increment(1);
            if ip_count == self.settings.login_max_per_ip + 1 {
                self.audit
                    .record(
                        ctx,
                        Entry::failure(AuditAction::LoginThrottled)
                            .subject(email.as_str())
                            .detail("scope", "ip"),
                    )
                    .await?;
            }
            return Err(ServiceError::Throttled {
                retry_after: ip_left.max(Duration::from_secs(1)),
            });
        }
        let (pair_count, _) = self.cache.incr(&pair_key, window).await;
        if pair_count > self.settings.login_max_per_account {
            let (strikes, _) = self.cache.incr(&strikes_key, MAX_BACKOFF).await;
            let backoff = login_backoff(window, strikes);
            let until = now + i64::try_from(backoff.as_secs()).unwrap_or(i64::MAX / 2);
            self.cache
                .set(&block_key, &until.to_string(), backoff)
                .await;
            self.cache.delete(&pair_key).await;
            metrics::counter!("throttled_total", "scope" => "login").increment(1);
            // One audit entry per block, not one per refused attempt.
            self.audit
                .record(
                    ctx,
                    Entry::failure(AuditAction::LoginThrottled)
                        .subject(email.as_str())
                        .detail("scope", "account_client")
                        .detail("blocked_secs", backoff.as_secs()),
                )
                .await?;
            return Err(ServiceError::Throttled {
                retry_after: backoff,
            });
        }

        let user = self.storage.users.find_by_email(&email).await?;
        let stored = user.as_ref().and_then(|u| u.password_hash.as_deref());
        if !self.hasher.verify(password, stored).await? {
            let mut entry = Entry::failure(AuditAction::LoginFailed).subject(email.as_str());
            if let Some(user) = &user {
                entry = entry.actor(user.id);
            }
            self.audit.record(ctx, entry).await?;
            return Err(ServiceError::InvalidCredentials);
        }
        let user = user.expect("verified users exist");
        self.cache.delete(&pair_key).await;
        self.cache.delete(&strikes_key).await;
        self.audit
            .record(
                ctx,
                Entry::success(AuditAction::Login)
                    .actor(user.id)
                    .subject(user.id),
            )
            .await?;
        self.open_session(user).await
    }

    async fn open_session(&self, user: User) -> ServiceResult<IssuedSession> {
        let now = Utc::now();
        let session_id = SessionId::random();
        let refresh_token = RefreshToken::generate(session_id);
        let expires_at = now + chrono_duration(self.settings.session_absolute);
        self.storage
            .sessions
            .create(NewSession {
                id: session_id,
                user_id: user.id,
                token_hash: refresh_token.hash(),
                now,
                expires_at,
            })
            .await?;
        Ok(self.issue(user, session_id, refresh_token, expires_at))
    }

    fn issue(
        &self,
        user: User,
        session_id: SessionId,
        refresh_token: RefreshToken,
        session_expires_at: chrono::DateTime<Utc>,
    ) -> IssuedSession {
        let claims = self.keys.current().access.claims(
            user.id,
            session_id,
            Utc::now(),
            chrono_duration(self.settings.access_lifetime),
        );
        IssuedSession {
            access_token: self.keys.current().access.encode(&claims),
            csrf_token: self.keys.current().csrf.issue(session_id),
            refresh_token,
            user,
            session_expires_at,
        }
    }

    /// Spends a refresh token and issues new credentials. A token that was
    /// already spent revokes its whole session and is audited.
    pub async fn refresh(
        &self,
        ctx: &RequestContext,
        presented: &str,
    ) -> ServiceResult<IssuedSession> {
        let old = RefreshToken::parse(presented).ok_or(ServiceError::Unauthenticated)?;
        let new = RefreshToken::generate(old.session_id());
        let now = Utc::now();
        let idle_cutoff = now - chrono_duration(self.settings.session_idle);
        match self
            .storage
            .sessions
            .rotate(&old.hash(), &new.hash(), now, idle_cutoff)
            .await?
        {
            Rotation::Rotated {
                session_id,
                user_id,
            } => {
                let user = self
                    .storage
                    .users
                    .find_by_id(user_id)
                    .await?
                    .ok_or(ServiceError::Unauthenticated)?;
                // Rotation does not read the absolute expiry back; the cookie
                // only needs an upper bound, the database enforces the real one.
                let expires_at = now + chrono_duration(self.settings.session_absolute);
                Ok(self.issue(user, session_id, new, expires_at))
            }
            Rotation::Reused {
                session_id,
                user_id,
            } => {
                self.mark_revoked(session_id).await;
                tracing::warn!(session.id = %session_id, user.id = %user_id, "refresh token reused; session revoked");
                self.audit
                    .record(
                        ctx,
                        Entry::failure(AuditAction::RefreshReuse)
                            .actor(user_id)
                            .subject(session_id)
                            .detail("session_revoked", true),
                    )
                    .await?;
                Err(ServiceError::Unauthenticated)
            }
            Rotation::Invalid => Err(ServiceError::Unauthenticated),
        }
    }

    /// Verifies an access token and that its session is still live.
    pub async fn authenticate(&self, access_token: &str) -> ServiceResult<Principal> {
        let claims = self
            .keys
            .current()
            .access
            .decode(access_token, Utc::now())
            .map_err(|_| ServiceError::Unauthenticated)?;
        let key = session_key(claims.sid);
        match self.cache.get(&key).await.as_deref() {
            Some(REVOKED) => return Err(ServiceError::Unauthenticated),
            Some(user) if user == claims.sub.to_string() => {}
            _ => match self
                .storage
                .sessions
                .active_user(claims.sid, Utc::now())
                .await?
            {
                Some(user) if user == claims.sub => {
                    // Never over a revocation written while the row was read.
                    self.cache
                        .set_if_absent(&key, &user.to_string(), SESSION_CACHE_TTL)
                        .await;
                }
                _ => return Err(ServiceError::Unauthenticated),
            },
        }
        Ok(Principal {
            user_id: claims.sub,
            session_id: claims.sid,
        })
    }

    /// True when `token` is a CSRF token issued for the caller's session.
    pub fn verify_csrf(&self, session: SessionId, token: &str) -> bool {
        self.keys.current().csrf.verify(session, token)
    }

    /// A fresh CSRF token for the caller's session.
    pub fn csrf_token(&self, principal: &Principal) -> String {
        self.keys.current().csrf.issue(principal.session_id)
    }

    /// The caller's account.
    pub async fn me(&self, principal: &Principal) -> ServiceResult<User> {
        self.storage
            .users
            .find_by_id(principal.user_id)
            .await?
            .ok_or(ServiceError::Unauthenticated)
    }

    async fn mark_revoked(&self, session: SessionId) {
        self.cache
            .set(&session_key(session), REVOKED, self.revoked_ttl())
            .await;
        // Every instance forgets its own copy now, not at the copy's expiry.
        let notice = Notice::SessionRevoked { id: session.0 };
        if let Err(err) = self.storage.notices.publish(notice).await {
            tracing::warn!(error = %err, "could not tell the other instances about a revoked session");
        }
    }

    /// How long a revocation is remembered: past the last access token of
    /// the session.
    fn revoked_ttl(&self) -> Duration {
        self.settings.access_lifetime + Duration::from_secs(60)
    }

    /// Acts on a notice from another instance (or this one).
    pub async fn on_notice(&self, notice: &Notice) {
        if let Notice::SessionRevoked { id } = notice {
            self.cache
                .set_local(&session_key(SessionId(*id)), REVOKED, self.revoked_ttl())
                .await;
        }
    }

    /// Ends a session, found from the access token or else from the refresh
    /// token's session prefix. Idempotent.
    pub async fn logout(
        &self,
        ctx: &RequestContext,
        principal: Option<Principal>,
        refresh_token: Option<&str>,
    ) -> ServiceResult<()> {
        let session = principal.map(|p| p.session_id).or_else(|| {
            refresh_token
                .and_then(RefreshToken::parse)
                .map(|t| t.session_id())
        });
        let Some(session) = session else {
            return Ok(());
        };
        let revoked = self
            .storage
            .sessions
            .revoke(session, "logout", Utc::now())
            .await?;
        self.mark_revoked(session).await;
        if revoked {
            let mut entry = Entry::success(AuditAction::Logout).subject(session);
            if let Some(p) = principal {
                entry = entry.actor(p.user_id);
            }
            self.audit.record(ctx, entry).await?;
        }
        Ok(())
    }

    /// Changes the password after checking the current one, revokes every
    /// session of the account, and opens a new one for the caller.
    pub async fn change_password(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        current: &str,
        new: &str,
    ) -> ServiceResult<IssuedSession> {
        let user = self.me(principal).await?;
        check_password_policy("new_password", new, Some(&user.email))?;
        if !self
            .hasher
            .verify(current, user.password_hash.as_deref())
            .await?
        {
            return Err(ValidationErrors::one(
                "current_password",
                FieldCode::Incorrect,
                "is not your current password",
            )
            .into());
        }
        let hash = self.hasher.hash(new).await?;
        self.storage.users.set_password(user.id, &hash).await?;
        let revoked = self
            .storage
            .sessions
            .revoke_all(user.id, "password_changed", Utc::now())
            .await?;
        for session in &revoked {
            self.mark_revoked(*session).await;
        }
        self.audit
            .record(
                ctx,
                Entry::success(AuditAction::PasswordChanged)
                    .actor(user.id)
                    .subject(user.id)
                    .detail("sessions_revoked", revoked.len()),
            )
            .await?;
        self.open_session(user).await
    }

    /// True when the user is an instance administrator.
    pub async fn is_admin(&self, principal: &Principal) -> ServiceResult<bool> {
        Ok(self.me(principal).await?.is_admin)
    }

    /// Reads the instance-wide audit log (administrators only).
    pub async fn instance_audit(
        &self,
        principal: &Principal,
        mut query: qr_event_storage::AuditQuery,
    ) -> ServiceResult<Vec<qr_event_storage::AuditRecord>> {
        if !self.is_admin(principal).await? {
            return Err(ServiceError::Forbidden(
                "only instance administrators may read the instance audit log",
            ));
        }
        query.event_id = None;
        Ok(self.storage.audit.list(&query).await?)
    }

    /// Checks every sealed audit chain of the instance (administrators only).
    pub async fn verify_all_audit(
        &self,
        principal: &Principal,
    ) -> ServiceResult<Vec<qr_event_audit::ChainReport>> {
        if !self.is_admin(principal).await? {
            return Err(ServiceError::Forbidden(
                "only instance administrators may verify the whole audit log",
            ));
        }
        let mut reports = Vec::new();
        for chain in self.storage.audit.chains().await? {
            reports.push(qr_event_audit::verify_chain(self.storage.audit.as_ref(), &chain).await?);
        }
        Ok(reports)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_back_off_doubles_and_is_bounded() {
        let window = Duration::from_secs(900);
        assert_eq!(login_backoff(window, 1), window);
        assert_eq!(login_backoff(window, 2), window * 2);
        assert_eq!(login_backoff(window, 4), window * 8);
        assert_eq!(login_backoff(window, 40), MAX_BACKOFF);
    }
}
