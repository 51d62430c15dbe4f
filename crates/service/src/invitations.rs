//! Invitations to an event's staff: a role is granted only by accepting a
//! one-time link, never by registering an address.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use qr_event_audit::{AuditAction, AuditLog, Entry, RequestContext};
use qr_event_auth::{link_token, link_token_hash};
use qr_event_domain::{Email, EventId, InvitationId, ProblemCode, Role};
use qr_event_mail::{Mailer, Message};
use qr_event_storage::{Event, Invitation, NewInvitation, SetRole, Storage};

use crate::{EventService, Principal, ServiceError, ServiceResult};

/// How long an invitation link works.
pub const INVITATION_LIFETIME: Duration = Duration::days(7);

/// Where links in messages point: the public URL, or a path on this server.
#[derive(Debug, Clone, Default)]
pub struct Links {
    base: String,
}

impl Links {
    /// Links under `public_url` (none: paths only, for the dashboard).
    pub fn new(public_url: Option<&str>) -> Self {
        Self {
            base: public_url.unwrap_or("").trim_end_matches('/').to_owned(),
        }
    }

    /// `{base}{path}#{token}`: the token rides in the fragment, which
    /// browsers never send to servers.
    pub fn with_token(&self, path: &str, token: &str) -> String {
        format!("{}{path}#{token}", self.base)
    }

    /// `{base}{path}`.
    pub fn page(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// How messages leave and where their links point; shared by the services
/// that send links.
#[derive(Clone)]
pub struct Outbox {
    /// Delivery.
    pub mailer: Arc<dyn Mailer>,
    /// Link base.
    pub links: Links,
}

impl Outbox {
    /// Sends `message`; true when it really left (SMTP). Failures are logged:
    /// callers always have the link to show instead.
    pub async fn send(&self, message: Message) -> bool {
        match self.mailer.send(message).await {
            Ok(()) => self.mailer.delivers(),
            Err(err) => {
                tracing::warn!(error = %err, "e-mail not sent");
                false
            }
        }
    }
}

/// A fresh invitation and its link (shown once to the inviter).
#[derive(Debug)]
pub struct Invited {
    /// The invitation.
    pub invitation: Invitation,
    /// The link to pass on.
    pub url: String,
    /// The one-time token in the link.
    pub token: String,
    /// True when an e-mail was handed to the SMTP server.
    pub emailed: bool,
}

/// Life cycle of an invitation.
pub fn invitation_status(invitation: &Invitation, now: DateTime<Utc>) -> &'static str {
    if invitation.accepted_at.is_some() {
        "accepted"
    } else if invitation.revoked_at.is_some() {
        "revoked"
    } else if invitation.expires_at <= now {
        "expired"
    } else {
        "pending"
    }
}

/// Staff invitations.
#[derive(Clone)]
pub struct InvitationService {
    storage: Storage,
    events: EventService,
    audit: AuditLog,
    outbox: Outbox,
}

impl InvitationService {
    /// Wires the service.
    pub fn new(storage: Storage, events: EventService, outbox: Outbox) -> Self {
        let audit = AuditLog::new(storage.audit.clone());
        Self {
            storage,
            events,
            audit,
            outbox,
        }
    }

    /// Invites `email` to a role. The answer is the same whether or not the
    /// address has an account; nothing is granted until the link is
    /// accepted. Managers may invite scanners only.
    pub async fn invite(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
        email: &str,
        role: Role,
    ) -> ServiceResult<Invited> {
        let email = Email::parse("email", email)?;
        let (event, my_role) = self.events.get(principal, event).await?;
        if !my_role.can_assign(role) {
            return Err(ServiceError::Forbidden("your role may not grant this role"));
        }
        self.events
            .limiter()
            .spend(crate::quota::Quota::Invitations, principal.user_id, 1)
            .await?;
        let token = link_token();
        let now = Utc::now();
        let invitation = self
            .storage
            .invitations
            .create(NewInvitation {
                id: InvitationId::new(),
                event_id: event.id,
                email: email.clone(),
                role,
                invited_by: principal.user_id,
                created_at: now,
                expires_at: now + INVITATION_LIFETIME,
                token_hash: link_token_hash(&token),
            })
            .await?;
        let url = self.outbox.links.with_token("/invite", &token);
        let emailed = self.mail(&event, &invitation, &url).await;
        self.audit
            .record(
                ctx,
                Entry::success(AuditAction::InvitationCreated)
                    .actor(principal.user_id)
                    .event(event.id)
                    .subject(invitation.id)
                    .detail("role", role.as_str())
                    .detail("emailed", emailed),
            )
            .await?;
        Ok(Invited {
            invitation,
            url,
            token,
            emailed,
        })
    }

    async fn mail(&self, event: &Event, invitation: &Invitation, url: &str) -> bool {
        let name = event.details.name.as_str();
        let message = Message {
            to: invitation.email.as_str().to_owned(),
            subject: format!("You are invited to the staff of {name}"),
            text: format!(
                "You are invited to join the staff of \"{name}\" on QR Event as {role}.\n\n\
                 Open this link and sign in (or create an account) to accept:\n{url}\n\n\
                 The link works once, until {expires}. If you did not expect it, ignore this message.\n",
                role = invitation.role.as_str(),
                expires = invitation.expires_at.format("%Y-%m-%d %H:%M UTC"),
            ),
            ..Message::default()
        };
        self.outbox.send(message).await
    }

    /// Invitations of an event, newest first (owners and managers).
    pub async fn list(
        &self,
        principal: &Principal,
        event: EventId,
    ) -> ServiceResult<Vec<Invitation>> {
        self.events
            .get_with(
                principal,
                event,
                Role::can_manage,
                "only owners and managers may see invitations",
            )
            .await?;
        Ok(self.storage.invitations.list(event, 200).await?)
    }

    /// Withdraws a pending invitation (whoever may grant its role).
    pub async fn revoke(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        event: EventId,
        id: InvitationId,
    ) -> ServiceResult<Invitation> {
        let (_, my_role) = self
            .events
            .get_with(
                principal,
                event,
                Role::can_manage,
                "only owners and managers may withdraw invitations",
            )
            .await?;
        let current = self
            .storage
            .invitations
            .list(event, 200)
            .await?
            .into_iter()
            .find(|i| i.id == id)
            .ok_or(ServiceError::NotFound)?;
        if !my_role.can_assign(current.role) {
            return Err(ServiceError::Forbidden(
                "your role may not withdraw this invitation",
            ));
        }
        let invitation = self
            .storage
            .invitations
            .revoke(event, id, Utc::now())
            .await?
            .ok_or(ServiceError::Conflict {
                code: ProblemCode::InvitationAccepted,
                detail: "this invitation was already accepted; remove the member instead",
            })?;
        self.audit
            .record(
                ctx,
                Entry::success(AuditAction::InvitationRevoked)
                    .actor(principal.user_id)
                    .event(event)
                    .subject(id),
            )
            .await?;
        Ok(invitation)
    }

    /// Accepts an invitation for the signed-in account: grants its role
    /// (never lowers a role the account already has). Returns the event and
    /// the role the account now has.
    pub async fn accept(
        &self,
        ctx: &RequestContext,
        principal: &Principal,
        token: &str,
    ) -> ServiceResult<(Event, Role)> {
        let token = token.trim();
        let accepted = if token.is_empty() || token.len() > 100 {
            None
        } else {
            self.storage
                .invitations
                .accept(&link_token_hash(token), principal.user_id, Utc::now())
                .await?
        };
        let invitation = accepted.ok_or(ServiceError::InvalidLink)?;
        let event = invitation.event_id;
        let current = self.storage.members.find(event, principal.user_id).await?;
        let role = match current {
            Some(member) if member.role.rank() >= invitation.role.rank() => member.role,
            _ => {
                match self
                    .storage
                    .members
                    .set_role(event, principal.user_id, invitation.role, Utc::now())
                    .await?
                {
                    SetRole::Done(previous) => {
                        self.events.rights_changed(event).await;
                        let mut entry = Entry::success(AuditAction::MemberRoleSet)
                            .actor(principal.user_id)
                            .event(event)
                            .subject(principal.user_id)
                            .detail("role", invitation.role.as_str())
                            .detail("invitation_id", invitation.id.to_string());
                        if let Some(previous) = previous {
                            entry = entry.detail("previous_role", previous.as_str());
                        }
                        self.audit.record(ctx, entry).await?;
                    }
                    SetRole::LastOwner => unreachable!("accepting never lowers a role"),
                }
                invitation.role
            }
        };
        self.audit
            .record(
                ctx,
                Entry::success(AuditAction::InvitationAccepted)
                    .actor(principal.user_id)
                    .event(event)
                    .subject(invitation.id)
                    .detail("role", role.as_str())
                    .detail("invited_role", invitation.role.as_str()),
            )
            .await?;
        let event = self
            .storage
            .events
            .find_by_id(event)
            .await?
            .ok_or(ServiceError::NotFound)?;
        Ok((event, role))
    }
}
