//! Door devices: phones enrolled for one event, with their one-time
//! enrolment token and their single rotating session, all on one row.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use qr_event_domain::{DeviceId, EventId, SessionId, UserId};

use crate::{ScanMode, StorageError};

/// A door device as stored.
#[derive(Debug, Clone)]
pub struct Device {
    /// Identifier.
    pub id: DeviceId,
    /// The only event it may work for.
    pub event_id: EventId,
    /// Label given by the organiser ("North gate phone 2").
    pub name: String,
    /// Gate its scans are recorded at.
    pub gate: String,
    /// Check-in or verify only.
    pub mode: ScanMode,
    /// Who created it.
    pub created_by: Option<UserId>,
    /// When.
    pub created_at: DateTime<Utc>,
    /// After this the device (and its session) is refused.
    pub expires_at: DateTime<Utc>,
    /// Expiry of the outstanding enrolment token, if one is outstanding.
    pub enrol_expires_at: Option<DateTime<Utc>>,
    /// When a phone last enrolled as this device.
    pub enrolled_at: Option<DateTime<Utc>>,
    /// The live session of the enrolled phone.
    pub session_id: Option<SessionId>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
    /// Last authenticated request seen (updated at most every few seconds).
    pub last_seen_at: Option<DateTime<Utc>>,
    /// App version reported at the last sync.
    pub app_version: Option<String>,
    /// Scans waiting on the phone, reported at the last sync.
    pub pending_scans: Option<i64>,
    /// Day (event time zone) `scans_count` counts.
    pub scans_day: Option<NaiveDate>,
    /// Scans decided for this device on `scans_day`.
    pub scans_count: i64,
}

/// What [`DeviceRepo::create`] stores.
#[derive(Debug, Clone)]
pub struct NewDevice {
    /// Identifier.
    pub id: DeviceId,
    /// Event.
    pub event_id: EventId,
    /// Label.
    pub name: String,
    /// Gate.
    pub gate: String,
    /// Mode.
    pub mode: ScanMode,
    /// Creator.
    pub created_by: UserId,
    /// Now.
    pub created_at: DateTime<Utc>,
    /// Device expiry.
    pub expires_at: DateTime<Utc>,
    /// SHA-256 of the enrolment token.
    pub enrol_hash: Vec<u8>,
    /// Enrolment token expiry.
    pub enrol_expires_at: DateTime<Utc>,
}

/// Keyset position in a device list (creation order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeviceCursor {
    /// Creation time of the last device seen.
    pub created_at: DateTime<Utc>,
    /// Its id.
    pub id: DeviceId,
}

/// Outcome of spending a device refresh token.
#[derive(Debug, Clone)]
pub enum DeviceRotation {
    /// The token was current (or the unconfirmed previous one): new one stored.
    Rotated(Device),
    /// An older token of the live session: the session was ended.
    Reused(Device),
    /// The device is revoked or expired.
    Ended(Device),
    /// Not a token of any device session.
    Invalid,
}

/// Door devices.
#[async_trait]
pub trait DeviceRepo: Send + Sync {
    /// Stores a new device with its first enrolment token.
    async fn create(&self, device: NewDevice) -> Result<Device, StorageError>;
    /// One device of an event.
    async fn find(&self, event: EventId, id: DeviceId) -> Result<Option<Device>, StorageError>;
    /// A device by id alone (authentication).
    async fn get(&self, id: DeviceId) -> Result<Option<Device>, StorageError>;
    /// Devices of an event in creation order.
    async fn list(
        &self,
        event: EventId,
        after: Option<DeviceCursor>,
        limit: u32,
    ) -> Result<Vec<Device>, StorageError>;
    /// Replaces the enrolment token and ends the current session, unless the
    /// device is revoked or expired (`None`).
    async fn reissue(
        &self,
        event: EventId,
        id: DeviceId,
        enrol_hash: &[u8],
        enrol_expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Option<Device>, StorageError>;
    /// Spends an enrolment token in one statement: valid, unexpired, device
    /// live. Starts `session` with `refresh_hash` and ends any previous one.
    async fn enrol(
        &self,
        enrol_hash: &[u8],
        session: SessionId,
        refresh_hash: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Option<Device>, StorageError>;
    /// Spends a refresh token of `session`.
    async fn rotate(
        &self,
        session: SessionId,
        presented_hash: &[u8],
        new_hash: &[u8],
        now: DateTime<Utc>,
    ) -> Result<DeviceRotation, StorageError>;
    /// Ends the session `session` if it is still the device's (logout).
    async fn end_session(&self, session: SessionId) -> Result<bool, StorageError>;
    /// Revokes a device; `None` when unknown, `Some((device, newly))` else.
    async fn revoke(
        &self,
        event: EventId,
        id: DeviceId,
        now: DateTime<Utc>,
    ) -> Result<Option<(Device, bool)>, StorageError>;
    /// Notes a request: last seen (at most every `every` seconds), and what
    /// the app reported at sync.
    async fn seen(
        &self,
        id: DeviceId,
        now: DateTime<Utc>,
        report: Option<DeviceReport>,
    ) -> Result<(), StorageError>;
    /// Adds `n` decided scans to the device's count for `day`.
    async fn count_scans(&self, id: DeviceId, day: NaiveDate, n: u32) -> Result<(), StorageError>;
}

/// What the door app reports at each sync.
#[derive(Debug, Clone, Default)]
pub struct DeviceReport {
    /// App build.
    pub app_version: Option<String>,
    /// Scans still waiting on the phone.
    pub pending_scans: Option<u32>,
}
