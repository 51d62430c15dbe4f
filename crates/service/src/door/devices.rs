//! Door devices: phones enrolled by a one-time link for one event, with a
//! session that can do the door and nothing else (ADR 0006).

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use qr_event_audit::{AuditAction, AuditLog, Entry, RequestContext};
use qr_event_auth::{link_token, link_token_hash, RefreshToken, SessionKeys};
use qr_event_cache::Cache;
use qr_event_domain::{
    text, DeviceId, EventId, FieldCode, ProblemCode, SessionId, UserId, ValidationErrors,
};
use qr_event_storage::{
    Device, DeviceCursor, DeviceReport, DeviceRotation, Event, NewDevice, ScanMode, Storage,
};

use crate::{EventService, Principal, ServiceError, ServiceResult};

/// Rules of door devices, from configuration.
#[derive(Debug, Clone)]
pub struct DeviceSettings {
    /// How long an enrolment link works.
    pub enrol_lifetime: Duration,
    /// Lifetime of a device access token.
    pub access_lifetime: Duration,
    /// Enrolment attempts per client address per window.
    pub enrol_max_per_ip: u64,
}

impl Default for DeviceSettings {
    fn default() -> Self {
        Self {
            enrol_lifetime: Duration::from_secs(15 * 60),
            access_lifetime: Duration::from_secs(10 * 60),
            enrol_max_per_ip: 30,
        }
    }
}

/// An authenticated door device (from a verified device access token whose
/// device is live and still bound to that session).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevicePrincipal {
    /// The device.
    pub device_id: DeviceId,
    /// The only event it may work for.
    pub event_id: EventId,
    /// Its current session.
    pub session_id: SessionId,
    /// Gate every scan is recorded at.
    pub gate: String,
    /// Check-in or verify only.
    pub mode: ScanMode,
}

/// Who is at the door: a signed-in member or an enrolled device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DoorCaller {
    /// A member of the event (any role).
    User(Principal),
    /// An enrolled device.
    Device(DevicePrincipal),
}

impl DoorCaller {
    /// The account to name in the audit log, if a person signed in.
    pub fn user(&self) -> Option<UserId> {
        match self {
            Self::User(p) => Some(p.user_id),
            Self::Device(_) => None,
        }
    }

    /// The device, if the caller is one.
    pub fn device(&self) -> Option<&DevicePrincipal> {
        match self {
            Self::User(_) => None,
            Self::Device(d) => Some(d),
        }
    }

    /// A stable key for per-caller limits.
    pub fn key(&self) -> String {
        match self {
            Self::User(p) => format!("user:{}", p.user_id),
            Self::Device(d) => format!("device:{}", d.device_id),
        }
    }
}

/// A device with a fresh enrolment link (shown once to the organiser).
#[derive(Debug)]
pub struct DeviceEnrolment {
    /// The device.
    pub device: Device,
    /// The one-time token (never stored, never logged).
    pub token: String,
    /// When the link stops working.
    pub expires_at: DateTime<Utc>,
}

/// Credentials handed to an enrolled phone.
#[derive(Debug)]
pub struct IssuedDevice {
    /// The device.
    pub device: Device,
    /// Its event.
    pub event: Event,
    /// Signed access token (cookie only).
    pub access_token: String,
    /// Rotating refresh token (cookie only).
    pub refresh_token: RefreshToken,
    /// CSRF token (readable cookie and response body).
    pub csrf_token: String,
}

/// Input of [`DeviceService::create`], unvalidated.
#[derive(Debug)]
pub struct DeviceInput {
    /// Label.
    pub name: String,
    /// Gate.
    pub gate: String,
    /// Mode.
    pub mode: ScanMode,
    /// Device expiry; default the event's end plus 12 hours.
    pub expires_at: Option<DateTime<Utc>>,
}

/// Life cycle of a device as shown to organisers.
pub fn device_status(device: &Device, now: DateTime<Utc>) -> &'static str {
    if device.revoked_at.is_some() {
        "revoked"
    } else if device.expires_at <= now {
        "expired"
    } else if device.session_id.is_some() {
        "active"
    } else {
        "pending"
    }
}

/// Scans counted for `day` (a device's count of another day is zero).
pub fn scans_on(device: &Device, day: NaiveDate) -> i64 {
    if device.scans_day == Some(day) {
        device.scans_count
    } else {
        0
    }
}

/// Today in the event's time zone.
pub fn event_day(event: &Event, now: DateTime<Utc>) -> NaiveDate {
    event
        .details
        .timezone
        .as_str()
        .parse::<chrono_tz::Tz>()
        .map(|tz| now.with_timezone(&tz).date_naive())
        .unwrap_or_else(|_| now.date_naive())
}

fn chrono_duration(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

const MANAGERS_ONLY: &str = "only owners and managers may manage door devices";

fn label(errors: &mut ValidationErrors, field: &str, value: &str) -> String {
    text::DEVICE_LABEL.check_into(errors, field, value)
}

/// Door devices: creation, enrolment, sessions, revocation.
#[derive(Clone)]
pub struct DeviceService {
    storage: Storage,
    events: EventService,
    cache: Arc<dyn Cache>,
    keys: SessionKeys,
    audit: AuditLog,
    settings: DeviceSettings,
}

impl DeviceService {
    /// Wires the service. The device keys of `keys` have an audience of their own, so that a
    /// device token is never accepted as a user's and the reverse.
    pub fn new(
        storage: Storage,
        events: EventService,
        cache: Arc<dyn Cache>,
        keys: SessionKeys,
        settings: DeviceSettings,
    ) -> Self {
        let audit = AuditLog::new(storage.audit.clone());
        Self {
            storage,
            events,
            cache,
            keys,
            audit,
            settings,
        }
    }

    /// The settings in force.
    pub fn settings(&self) -> &DeviceSettings {
        &self.settings
    }

    /// Creates a device and its first enrolment link (owners and managers).
    pub async fn create(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
        input: DeviceInput,
    ) -> ServiceResult<DeviceEnrolment> {
        let (event, _) = self
            .events
            .get_with(
                principal,
                event,
                qr_event_domain::Role::can_manage,
                MANAGERS_ONLY,
            )
            .await?;
        let now = Utc::now();
        let mut errors = ValidationErrors::default();
        let name = label(&mut errors, "name", &input.name);
        let gate = label(&mut errors, "gate", &input.gate);
        let expires_at = input
            .expires_at
            .unwrap_or(event.details.ends_at + chrono::Duration::hours(12));
        if expires_at <= now {
            errors.push("expires_at", FieldCode::InPast, "must be in the future");
        } else if expires_at > now + chrono::Duration::days(366) {
            errors.push("expires_at", FieldCode::TooFar, "must be within a year");
        }
        errors.into_result()?;
        self.events
            .limiter()
            .spend(crate::quota::Quota::Devices, principal.user_id, 1)
            .await?;
        let token = link_token();
        let enrol_expires_at =
            (now + chrono_duration(self.settings.enrol_lifetime)).min(expires_at);
        let device = self
            .storage
            .devices
            .create(NewDevice {
                id: DeviceId::new(),
                event_id: event.id,
                name,
                gate,
                mode: input.mode,
                created_by: principal.user_id,
                created_at: now,
                expires_at,
                enrol_hash: link_token_hash(&token),
                enrol_expires_at,
            })
            .await?;
        self.audit
            .record(
                ctx,
                Entry::success(AuditAction::DeviceCreated)
                    .actor(principal.user_id)
                    .event(event.id)
                    .subject(device.id)
                    .detail("name", device.name.clone())
                    .detail("gate", device.gate.clone())
                    .detail("mode", device.mode.as_str())
                    .detail("expires_at", device.expires_at.to_rfc3339()),
            )
            .await?;
        Ok(DeviceEnrolment {
            device,
            token,
            expires_at: enrol_expires_at,
        })
    }

    /// Devices of an event (owners and managers), with the event's today.
    pub async fn list(
        &self,
        principal: &Principal,
        event: EventId,
        after: Option<DeviceCursor>,
        limit: u32,
    ) -> ServiceResult<(Vec<Device>, NaiveDate)> {
        let (event, _) = self
            .events
            .get_with(
                principal,
                event,
                qr_event_domain::Role::can_manage,
                MANAGERS_ONLY,
            )
            .await?;
        let devices = self.storage.devices.list(event.id, after, limit).await?;
        Ok((devices, event_day(&event, Utc::now())))
    }

    /// A new enrolment link; a phone enrolled as this device is signed out.
    pub async fn reissue(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
        device: DeviceId,
    ) -> ServiceResult<DeviceEnrolment> {
        self.events
            .get_with(
                principal,
                event,
                qr_event_domain::Role::can_manage,
                MANAGERS_ONLY,
            )
            .await?;
        self.events
            .limiter()
            .spend(crate::quota::Quota::Devices, principal.user_id, 1)
            .await?;
        let now = Utc::now();
        let current = self
            .storage
            .devices
            .find(event, device)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let token = link_token();
        let expires_at =
            (now + chrono_duration(self.settings.enrol_lifetime)).min(current.expires_at);
        let device = self
            .storage
            .devices
            .reissue(event, device, &link_token_hash(&token), expires_at, now)
            .await?
            .ok_or(ServiceError::Conflict {
                code: ProblemCode::DeviceEnded,
                detail: "this device is revoked or expired; create a new one",
            })?;
        self.audit
            .record(
                ctx,
                Entry::success(AuditAction::DeviceEnrolmentIssued)
                    .actor(principal.user_id)
                    .event(event)
                    .subject(device.id)
                    .detail("previous_session_ended", current.session_id.is_some()),
            )
            .await?;
        Ok(DeviceEnrolment {
            device,
            token,
            expires_at,
        })
    }

    /// Revokes a device at once: its next request answers `device_revoked`.
    pub async fn revoke(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
        device: DeviceId,
    ) -> ServiceResult<Device> {
        self.events
            .get_with(
                principal,
                event,
                qr_event_domain::Role::can_manage,
                MANAGERS_ONLY,
            )
            .await?;
        let (device, newly) = self
            .storage
            .devices
            .revoke(event, device, Utc::now())
            .await?
            .ok_or(ServiceError::NotFound)?;
        if newly {
            self.audit
                .record(
                    ctx,
                    Entry::success(AuditAction::DeviceRevoked)
                        .actor(principal.user_id)
                        .event(event)
                        .subject(device.id)
                        .detail("name", device.name.clone()),
                )
                .await?;
        }
        Ok(device)
    }

    /// Spends an enrolment token and opens the device's session.
    pub async fn enrol(&self, ctx: &RequestContext, token: &str) -> ServiceResult<IssuedDevice> {
        let ip_key = format!("enrol:ip:{}", ctx.client_ip.as_deref().unwrap_or("unknown"));
        let (count, left) = self.cache.incr(&ip_key, Duration::from_secs(15 * 60)).await;
        if count > self.settings.enrol_max_per_ip {
            return Err(ServiceError::Throttled {
                retry_after: left.max(Duration::from_secs(1)),
            });
        }
        let now = Utc::now();
        let session = SessionId::random();
        let refresh = RefreshToken::generate(session);
        let token = token.trim();
        let enrolled = if token.is_empty() || token.len() > 100 {
            None
        } else {
            self.storage
                .devices
                .enrol(&link_token_hash(token), session, &refresh.hash(), now)
                .await?
        };
        let Some(device) = enrolled else {
            self.audit
                .record(ctx, Entry::failure(AuditAction::DeviceEnrolFailed))
                .await?;
            return Err(ServiceError::InvalidLink);
        };
        self.audit
            .record(
                ctx,
                Entry::success(AuditAction::DeviceEnrolled)
                    .event(device.event_id)
                    .subject(device.id)
                    .detail("device_id", device.id.to_string())
                    .detail("gate", device.gate.clone()),
            )
            .await?;
        self.issue(device, session, refresh).await
    }

    async fn issue(
        &self,
        device: Device,
        session: SessionId,
        refresh_token: RefreshToken,
    ) -> ServiceResult<IssuedDevice> {
        let event = self
            .storage
            .events
            .find_by_id(device.event_id)
            .await?
            .ok_or(ServiceError::DeviceRevoked)?;
        // The token's subject is the device id; the audience keeps it apart
        // from user tokens.
        let claims = self.keys.current().device.claims(
            UserId(device.id.0),
            session,
            Utc::now(),
            chrono_duration(self.settings.access_lifetime),
        );
        Ok(IssuedDevice {
            access_token: self.keys.current().device.encode(&claims),
            csrf_token: self.keys.current().csrf.issue(session),
            refresh_token,
            device,
            event,
        })
    }

    /// Spends a device refresh token. Anything but a live session answers
    /// `device_revoked`, so the phone forgets what it holds.
    pub async fn refresh(
        &self,
        ctx: &RequestContext,
        presented: &str,
    ) -> ServiceResult<IssuedDevice> {
        let old = RefreshToken::parse(presented).ok_or(ServiceError::DeviceRevoked)?;
        let new = RefreshToken::generate(old.session_id());
        match self
            .storage
            .devices
            .rotate(old.session_id(), &old.hash(), &new.hash(), Utc::now())
            .await?
        {
            DeviceRotation::Rotated(device) => self.issue(device, old.session_id(), new).await,
            DeviceRotation::Reused(device) => {
                tracing::warn!(device.id = %device.id, "device refresh token reused; device session ended");
                self.audit
                    .record(
                        ctx,
                        Entry::failure(AuditAction::DeviceSessionReuse)
                            .event(device.event_id)
                            .subject(device.id)
                            .detail("device_id", device.id.to_string()),
                    )
                    .await?;
                Err(ServiceError::DeviceRevoked)
            }
            DeviceRotation::Ended(_) | DeviceRotation::Invalid => Err(ServiceError::DeviceRevoked),
        }
    }

    /// Verifies a device access token and that the device is live and still
    /// bound to that session. Every instance reads the device row, so a
    /// revocation holds on the very next request everywhere.
    pub async fn authenticate(&self, access_token: &str) -> ServiceResult<DevicePrincipal> {
        let claims = self
            .keys
            .current()
            .device
            .decode(access_token, Utc::now())
            .map_err(|_| ServiceError::Unauthenticated)?;
        let device = self
            .storage
            .devices
            .get(DeviceId(claims.sub.0))
            .await?
            .ok_or(ServiceError::DeviceRevoked)?;
        let now = Utc::now();
        if device.revoked_at.is_some()
            || device.expires_at <= now
            || device.session_id != Some(claims.sid)
        {
            return Err(ServiceError::DeviceRevoked);
        }
        Ok(DevicePrincipal {
            device_id: device.id,
            event_id: device.event_id,
            session_id: claims.sid,
            gate: device.gate,
            mode: device.mode,
        })
    }

    /// True when `token` is a CSRF token issued for the device's session.
    pub fn verify_csrf(&self, session: SessionId, token: &str) -> bool {
        self.keys.current().csrf.verify(session, token)
    }

    /// A fresh CSRF token for the device's session.
    pub fn csrf_token(&self, device: &DevicePrincipal) -> String {
        self.keys.current().csrf.issue(device.session_id)
    }

    /// The calling device and its event.
    pub async fn me(&self, device: &DevicePrincipal) -> ServiceResult<(Device, Event)> {
        let found = self
            .storage
            .devices
            .get(device.device_id)
            .await?
            .ok_or(ServiceError::DeviceRevoked)?;
        let event = self
            .storage
            .events
            .find_by_id(found.event_id)
            .await?
            .ok_or(ServiceError::DeviceRevoked)?;
        self.storage
            .devices
            .seen(found.id, Utc::now(), None)
            .await?;
        Ok((found, event))
    }

    /// Notes that the device was seen, with what it reported at a sync.
    pub async fn seen(&self, device: &DevicePrincipal, report: Option<DeviceReport>) {
        if let Err(err) = self
            .storage
            .devices
            .seen(device.device_id, Utc::now(), report)
            .await
        {
            tracing::warn!(device.id = %device.device_id, error = %err, "could not note the device as seen");
        }
    }

    /// Adds decided scans to the device's count for the event's today.
    pub async fn count_scans(&self, device: &DevicePrincipal, event: &Event, n: u32) {
        self.count_scans_on(device, event_day(event, Utc::now()), n)
            .await;
    }

    /// Adds decided scans to the device's count for `day` of the event's calendar.
    pub async fn count_scans_on(&self, device: &DevicePrincipal, day: NaiveDate, n: u32) {
        if n == 0 {
            return;
        }
        if let Err(err) = self
            .storage
            .devices
            .count_scans(device.device_id, day, n)
            .await
        {
            tracing::warn!(device.id = %device.device_id, error = %err, "could not count the device's scans");
        }
    }
}
