use std::sync::Arc;

use chrono::{DateTime, Utc};
use qr_event_audit::{AuditAction, AuditLog, Entry, RequestContext};
use qr_event_domain::{
    EventDetails, EventId, EventName, FieldCode, Locale, ProblemCode, Role, Timezone,
    ValidationErrors,
};
use qr_event_storage::{
    AuditQuery, AuditRecord, Event, EventFlags, EventQuery, NewEvent, Notice, Storage,
};

use crate::door::DoorRights;
use crate::quota::{Limiter, Quota};
use crate::{Principal, ServiceError, ServiceResult};

/// Fields of a new event, unvalidated.
#[derive(Debug, Clone)]
pub struct EventInput {
    /// Name.
    pub name: String,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Venue (may be empty).
    pub venue: String,
    /// IANA time zone.
    pub timezone: String,
    /// Language of its tickets (`en`, `fr`); `None` for English.
    pub locale: Option<String>,
}

/// Changes to an event; absent fields stay as they are.
#[derive(Debug, Clone, Default)]
pub struct EventPatch {
    /// New name.
    pub name: Option<String>,
    /// New start.
    pub starts_at: Option<DateTime<Utc>>,
    /// New end.
    pub ends_at: Option<DateTime<Utc>>,
    /// New venue.
    pub venue: Option<String>,
    /// New time zone.
    pub timezone: Option<String>,
    /// New language of its tickets.
    pub locale: Option<String>,
    /// Archive or restore.
    pub archived: Option<bool>,
    /// Holders' names in the door's offline pack, or not.
    pub door_names: Option<bool>,
}

fn validate(input: EventInput) -> Result<EventDetails, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let name = errors.take(EventName::parse("name", &input.name));
    let timezone = errors.take(Timezone::parse("timezone", &input.timezone));
    let locale = errors
        .take(Locale::parse_optional("locale", input.locale.as_deref()))
        .flatten();
    let details = match (name, timezone) {
        (Some(name), Some(tz)) => errors.take(EventDetails::new(
            name,
            input.starts_at,
            input.ends_at,
            &input.venue,
            tz,
        )),
        _ => {
            // Report the cross-field rules too, so the client sees every problem at once.
            if input.ends_at <= input.starts_at {
                errors.push("ends_at", FieldCode::BeforeStart, "must be after starts_at");
            }
            None
        }
    };
    errors.clone().into_result()?;
    let mut details = details.expect("no errors means details were built");
    details.locale = locale;
    Ok(details)
}

/// Events seen through membership: a user who is not a member of an event
/// gets [`ServiceError::NotFound`] for it, exactly as if it did not exist.
#[derive(Clone)]
pub struct EventService {
    storage: Storage,
    audit: AuditLog,
    limiter: Limiter,
    rights: Arc<DoorRights>,
}

impl EventService {
    /// Wires the service.
    pub fn new(storage: Storage, limiter: Limiter) -> Self {
        let audit = AuditLog::new(storage.audit.clone());
        Self {
            storage,
            audit,
            limiter,
            rights: Arc::default(),
        }
    }

    /// Like [`EventService::get`] for the door: a right read less than
    /// [`crate::door::RIGHTS_TTL`] ago and not changed since is not read
    /// again (issue 12: one database round trip per scan, not two).
    pub(crate) async fn get_for_door(
        &self,
        principal: &Principal,
        id: EventId,
    ) -> ServiceResult<(Event, Role)> {
        if let Some(known) = self.rights.get(principal.user_id, id) {
            return Ok(known);
        }
        let generation = self.rights.generation();
        let (event, role) = self.get(principal, id).await?;
        self.rights.put(generation, principal.user_id, &event, role);
        Ok((event, role))
    }

    /// The event for its enrolled door devices, kept in memory like the
    /// members' door rights (issue 12); `NotFound` when it is gone.
    pub(crate) async fn get_for_device(&self, id: EventId) -> ServiceResult<Event> {
        if let Some(known) = self.rights.event(id) {
            return Ok(known);
        }
        let generation = self.rights.generation();
        let event = self
            .storage
            .events
            .find_by_id(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.rights.put_event(generation, &event);
        Ok(event)
    }

    /// Who may work `event`'s door changed: forgotten here at once, and by
    /// every other instance when the notice reaches it.
    pub(crate) async fn rights_changed(&self, event: EventId) {
        let notice = Notice::DoorRights { event: event.0 };
        self.rights.on_notice(&notice);
        if let Err(err) = self.storage.notices.publish(notice).await {
            tracing::warn!(error = %err, event = %event, "could not announce a change of door rights");
        }
    }

    /// Acts on a notice from any instance (ADR 0008): forgets door rights
    /// that changed.
    pub fn on_notice(&self, notice: &Notice) {
        self.rights.on_notice(notice);
    }

    /// Quotas on heavy work, shared by the services built on this one.
    pub(crate) fn limiter(&self) -> &Limiter {
        &self.limiter
    }

    /// The event and the caller's role on it, or `NotFound`.
    pub async fn get(&self, principal: &Principal, id: EventId) -> ServiceResult<(Event, Role)> {
        self.storage
            .events
            .find_for_member(id, principal.user_id)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    /// Like [`EventService::get`], but also requires `allowed(role)`.
    pub(crate) async fn get_with(
        &self,
        principal: &Principal,
        id: EventId,
        allowed: impl Fn(Role) -> bool,
        refusal: &'static str,
    ) -> ServiceResult<(Event, Role)> {
        let (event, role) = self.get(principal, id).await?;
        if !allowed(role) {
            return Err(ServiceError::Forbidden(refusal));
        }
        Ok((event, role))
    }

    /// Creates an event owned by the caller.
    pub async fn create(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        input: EventInput,
    ) -> ServiceResult<Event> {
        let details = validate(input)?;
        self.limiter
            .spend(Quota::Events, principal.user_id, 1)
            .await?;
        let event = self
            .storage
            .events
            .create(NewEvent {
                id: EventId::new(),
                details,
                owner: principal.user_id,
                now: Utc::now(),
            })
            .await?;
        self.audit
            .record(
                ctx,
                Entry::success(AuditAction::EventCreated)
                    .actor(principal.user_id)
                    .event(event.id)
                    .subject(event.id),
            )
            .await?;
        Ok(event)
    }

    /// Events the caller is a member of, by start time.
    pub async fn list(
        &self,
        principal: &Principal,
        query: &EventQuery,
    ) -> ServiceResult<Vec<(Event, Role)>> {
        Ok(self
            .storage
            .events
            .list_for_member(principal.user_id, query)
            .await?)
    }

    /// Updates fields or the archive flag (owners and managers).
    pub async fn update(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        id: EventId,
        patch: EventPatch,
    ) -> ServiceResult<(Event, Role)> {
        let (event, role) = self
            .get_with(
                principal,
                id,
                Role::can_manage,
                "only owners and managers may change an event",
            )
            .await?;
        let current = event.details;
        let details = validate(EventInput {
            name: patch.name.unwrap_or_else(|| current.name.into_inner()),
            starts_at: patch.starts_at.unwrap_or(current.starts_at),
            ends_at: patch.ends_at.unwrap_or(current.ends_at),
            venue: patch.venue.unwrap_or(current.venue),
            timezone: patch
                .timezone
                .unwrap_or_else(|| current.timezone.into_inner()),
            locale: patch
                .locale
                .or_else(|| current.locale.map(|l| l.as_str().to_owned())),
        })?;
        let flags = EventFlags {
            archived: patch.archived.unwrap_or(event.archived),
            door_names: patch.door_names.unwrap_or(event.door_names),
        };
        let updated = self
            .storage
            .events
            .update(id, &details, flags, Utc::now())
            .await?;
        self.rights_changed(id).await;
        self.audit
            .record(
                ctx,
                Entry::success(AuditAction::EventUpdated)
                    .actor(principal.user_id)
                    .event(id)
                    .subject(id)
                    .detail("archived", flags.archived)
                    .detail("door_names", flags.door_names),
            )
            .await?;
        Ok((updated, role))
    }

    /// Deletes an event (owners only). Its audit entries stay.
    pub async fn delete(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        id: EventId,
    ) -> ServiceResult<()> {
        self.get_with(
            principal,
            id,
            |role| role == Role::Owner,
            "only owners may delete an event",
        )
        .await?;
        if self.storage.tickets.count(id).await? > 0 {
            return Err(ServiceError::Conflict {
                code: ProblemCode::EventHasTickets,
                detail: "an event with tickets cannot be deleted; archive it instead",
            });
        }
        if !self.storage.events.delete(id).await? {
            return Err(ServiceError::NotFound);
        }
        self.rights_changed(id).await;
        self.audit
            .record(
                ctx,
                Entry::success(AuditAction::EventDeleted)
                    .actor(principal.user_id)
                    .event(id)
                    .subject(id),
            )
            .await?;
        Ok(())
    }

    /// The event's audit log (owners and managers).
    pub async fn audit(
        &self,
        principal: &Principal,
        id: EventId,
        mut query: AuditQuery,
    ) -> ServiceResult<Vec<AuditRecord>> {
        self.get_with(
            principal,
            id,
            Role::can_manage,
            "only owners and managers may read the audit log",
        )
        .await?;
        query.event_id = Some(id);
        Ok(self.storage.audit.list(&query).await?)
    }

    /// Checks the event's sealed audit chain (owners and managers).
    pub async fn verify_audit(
        &self,
        principal: &Principal,
        id: EventId,
    ) -> ServiceResult<qr_event_audit::ChainReport> {
        self.get_with(
            principal,
            id,
            Role::can_manage,
            "only owners and managers may read the audit log",
        )
        .await?;
        Ok(qr_event_audit::verify_chain(self.storage.audit.as_ref(), &id.0.to_string()).await?)
    }
}
