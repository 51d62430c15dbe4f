use chrono::Utc;
use qr_event_audit::{AuditAction, AuditLog, Entry, RequestContext};
use qr_event_domain::{EventId, ProblemCode, Role, UserId};
use qr_event_storage::{Member, MemberCursor, RemoveMember, SetRole, Storage};

use crate::{EventService, Principal, ServiceError, ServiceResult};

const LAST_OWNER: ServiceError = ServiceError::Conflict {
    code: ProblemCode::LastOwner,
    detail: "an event must keep at least one owner",
};

/// Who may work on an event, and in which role.
#[derive(Clone)]
pub struct MemberService {
    storage: Storage,
    events: EventService,
    audit: AuditLog,
}

impl MemberService {
    /// Wires the service.
    pub fn new(storage: Storage, events: EventService) -> Self {
        let audit = AuditLog::new(storage.audit.clone());
        Self {
            storage,
            events,
            audit,
        }
    }

    /// Members of an event (owners and managers).
    pub async fn list(
        &self,
        principal: &Principal,
        event: EventId,
        after: Option<MemberCursor>,
        limit: u32,
    ) -> ServiceResult<Vec<Member>> {
        self.events
            .get_with(
                principal,
                event,
                Role::can_manage,
                "only owners and managers may see the staff",
            )
            .await?;
        Ok(self.storage.members.list(event, after, limit).await?)
    }

    /// Changes the role of an existing member.
    pub async fn change_role(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
        user: UserId,
        role: Role,
    ) -> ServiceResult<Member> {
        let (_, my_role) = self.events.get(principal, event).await?;
        if self.storage.members.find(event, user).await?.is_none() {
            return Err(ServiceError::NotFound);
        }
        Ok(self
            .assign(ctx, principal, event, my_role, user, role)
            .await?
            .0)
    }

    async fn assign(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
        my_role: Role,
        user: UserId,
        role: Role,
    ) -> ServiceResult<(Member, bool)> {
        let current = self.storage.members.find(event, user).await?;
        // A manager may add scanners but not touch owners or other managers.
        let touches_higher = current
            .as_ref()
            .is_some_and(|m| !my_role.can_assign(m.role));
        if !my_role.can_assign(role) || touches_higher {
            return Err(ServiceError::Forbidden(
                "your role may not grant or change this role",
            ));
        }
        let previous = match self
            .storage
            .members
            .set_role(event, user, role, Utc::now())
            .await?
        {
            SetRole::Done(previous) => previous,
            SetRole::LastOwner => return Err(LAST_OWNER),
        };
        self.events.rights_changed(event).await;
        let mut entry = Entry::success(AuditAction::MemberRoleSet)
            .actor(principal.user_id)
            .event(event)
            .subject(user)
            .detail("role", role.as_str());
        if let Some(previous) = previous {
            entry = entry.detail("previous_role", previous.as_str());
        }
        self.audit.record(ctx, entry).await?;
        let member = self
            .storage
            .members
            .find(event, user)
            .await?
            .ok_or(ServiceError::NotFound)?;
        Ok((member, previous.is_none()))
    }

    /// Removes a member. Owners may remove anyone, managers only scanners,
    /// and anyone may leave (unless they are the last owner).
    pub async fn remove(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
        user: UserId,
    ) -> ServiceResult<()> {
        let (_, my_role) = self.events.get(principal, event).await?;
        let target = self
            .storage
            .members
            .find(event, user)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if user != principal.user_id && !my_role.can_assign(target.role) {
            return Err(ServiceError::Forbidden(
                "your role may not remove this member",
            ));
        }
        match self.storage.members.remove(event, user).await? {
            RemoveMember::Removed(role) => {
                self.events.rights_changed(event).await;
                self.audit
                    .record(
                        ctx,
                        Entry::success(AuditAction::MemberRemoved)
                            .actor(principal.user_id)
                            .event(event)
                            .subject(user)
                            .detail("role", role.as_str()),
                    )
                    .await?;
                Ok(())
            }
            RemoveMember::NotMember => Err(ServiceError::NotFound),
            RemoveMember::LastOwner => Err(LAST_OWNER),
        }
    }
}
