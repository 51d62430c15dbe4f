//! `/api/v1/events*`: events, their staff and their audit log.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use qr_event_domain::{EventId, FieldCode, Role, UserId};
use qr_event_service::{EventInput, EventPatch};
use qr_event_storage::{Event, EventCursor, EventQuery, Member, MemberCursor};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{ApiResult, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery, Auth, Ctx};
use crate::pagination::{self, Page, PageParams};
use crate::routes::print::LocaleName;
use crate::AppState;

/// A role on one event.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum RoleName {
    /// Full control.
    Owner,
    /// Manages the event, tickets and scanner staff.
    Manager,
    /// Scans at the door.
    Scanner,
}

impl From<Role> for RoleName {
    fn from(role: Role) -> Self {
        match role {
            Role::Owner => Self::Owner,
            Role::Manager => Self::Manager,
            Role::Scanner => Self::Scanner,
        }
    }
}

impl From<RoleName> for Role {
    fn from(role: RoleName) -> Self {
        match role {
            RoleName::Owner => Self::Owner,
            RoleName::Manager => Self::Manager,
            RoleName::Scanner => Self::Scanner,
        }
    }
}

/// A new event.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateEventRequest {
    /// Name, 1 to 200 characters.
    #[schema(example = "Spring Gala")]
    pub name: String,
    /// Start (RFC 3339).
    pub starts_at: DateTime<Utc>,
    /// End (RFC 3339), after the start.
    pub ends_at: DateTime<Utc>,
    /// Venue, free text.
    #[serde(default)]
    pub venue: String,
    /// IANA time zone of the venue.
    #[serde(default = "utc")]
    #[schema(example = "Europe/Paris")]
    pub timezone: String,
    /// Language of its tickets unless a ticket names its own (default English).
    #[schema(value_type = Option<LocaleName>)]
    pub locale: Option<String>,
}

fn utc() -> String {
    "UTC".to_owned()
}

/// Changes to an event; absent fields stay as they are.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateEventRequest {
    /// Name.
    pub name: Option<String>,
    /// Start.
    pub starts_at: Option<DateTime<Utc>>,
    /// End.
    pub ends_at: Option<DateTime<Utc>>,
    /// Venue.
    pub venue: Option<String>,
    /// IANA time zone.
    pub timezone: Option<String>,
    /// Language of its tickets.
    #[schema(value_type = Option<LocaleName>)]
    pub locale: Option<String>,
    /// Archived events are hidden from default lists.
    pub archived: Option<bool>,
    /// Door devices get holders' names in their offline pack (default true).
    pub door_names: Option<bool>,
}

/// An event as seen by one of its members.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventView {
    /// Event id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Venue.
    pub venue: String,
    /// IANA time zone.
    pub timezone: String,
    /// Language of its tickets; `null` prints them in English.
    #[schema(value_type = Option<LocaleName>)]
    pub locale: Option<String>,
    /// Hidden from default lists.
    pub archived: bool,
    /// Door devices get holders' names in their offline pack.
    pub door_names: bool,
    /// The caller's role on it.
    pub role: RoleName,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

fn event_view((event, role): (Event, Role)) -> EventView {
    EventView {
        id: event.id.0,
        name: event.details.name.into_inner(),
        starts_at: event.details.starts_at,
        ends_at: event.details.ends_at,
        venue: event.details.venue,
        timezone: event.details.timezone.into_inner(),
        locale: event.details.locale.map(|l| l.as_str().to_owned()),
        archived: event.archived,
        door_names: event.door_names,
        role: role.into(),
        created_at: event.created_at,
        updated_at: event.updated_at,
    }
}

/// Filters of the event list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventListParams {
    /// Page size, 1 to 100 (default 50).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
    /// Opaque cursor from a previous page.
    pub cursor: Option<String>,
    /// Case-insensitive search in name and venue.
    pub q: Option<String>,
    /// Include archived events.
    #[serde(default)]
    pub include_archived: bool,
}

/// Events the caller belongs to, by start time, then id.
#[utoipa::path(get, path = "/api/v1/events", operation_id = "list_events", tag = "events",
    params(EventListParams),
    responses(
        (status = 200, description = "A page of events", body = Page<EventView>),
        (status = 401, description = "Not signed in", body = Problem),
    ))]
pub async fn list(
    State(state): State<AppState>,
    Auth(principal): Auth,
    ApiQuery(params): ApiQuery<EventListParams>,
) -> ApiResult<ApiJson<Page<EventView>>> {
    let limit = pagination::limit(params.limit)?;
    let after = pagination::decode::<(DateTime<Utc>, Uuid)>(params.cursor.as_deref())?;
    let search = params
        .q
        .map(|q| q.trim().to_owned())
        .filter(|q| !q.is_empty());
    if search.as_ref().is_some_and(|q| q.chars().count() > 200) {
        return Err(crate::ApiError::invalid_field(
            "q",
            FieldCode::TooLong,
            "must be at most 200 characters",
        ));
    }
    let query = EventQuery {
        search,
        include_archived: params.include_archived,
        after: after.map(|(starts_at, id)| EventCursor {
            starts_at,
            id: EventId(id),
        }),
        limit: limit + 1,
    };
    let rows = state.events.list(&principal, &query).await?;
    Ok(ApiJson(pagination::page(
        rows,
        limit,
        |(e, _)| (e.details.starts_at, e.id.0),
        event_view,
    )))
}

/// Creates an event; the caller becomes its owner.
#[utoipa::path(post, path = "/api/v1/events", operation_id = "create_event", tag = "events",
    request_body = CreateEventRequest,
    responses(
        (status = 201, description = "Created", body = EventView),
        (status = 422, description = "Invalid fields", body = Problem),
    ))]
pub async fn create(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiJson(body): ApiJson<CreateEventRequest>,
) -> ApiResult<Response> {
    let input = EventInput {
        name: body.name,
        starts_at: body.starts_at,
        ends_at: body.ends_at,
        venue: body.venue,
        timezone: body.timezone,
        locale: body.locale,
    };
    let event = state.events.create(&ctx, &principal, input).await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(event_view((event, Role::Owner))),
    )
        .into_response())
}

/// One event (404 for non-members, as if it did not exist).
#[utoipa::path(get, path = "/api/v1/events/{id}", operation_id = "get_event", tag = "events",
    params(("id" = Uuid, Path, description = "Event id")),
    responses(
        (status = 200, description = "The event", body = EventView),
        (status = 404, description = "No such event for this caller", body = Problem),
    ))]
pub async fn get(
    State(state): State<AppState>,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<ApiJson<EventView>> {
    Ok(ApiJson(event_view(
        state.events.get(&principal, EventId(id)).await?,
    )))
}

/// Changes an event or (un)archives it (owners and managers).
#[utoipa::path(patch, path = "/api/v1/events/{id}", operation_id = "update_event", tag = "events",
    params(("id" = Uuid, Path, description = "Event id")),
    request_body = UpdateEventRequest,
    responses(
        (status = 200, description = "Updated", body = EventView),
        (status = 403, description = "Scanners may not change events", body = Problem),
        (status = 404, description = "No such event for this caller", body = Problem),
        (status = 422, description = "Invalid fields", body = Problem),
    ))]
pub async fn update(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<UpdateEventRequest>,
) -> ApiResult<ApiJson<EventView>> {
    let patch = EventPatch {
        name: body.name,
        starts_at: body.starts_at,
        ends_at: body.ends_at,
        venue: body.venue,
        timezone: body.timezone,
        locale: body.locale,
        archived: body.archived,
        door_names: body.door_names,
    };
    let updated = state
        .events
        .update(&ctx, &principal, EventId(id), patch)
        .await?;
    Ok(ApiJson(event_view(updated)))
}

/// Deletes an event and its memberships (owners only); its audit entries stay.
#[utoipa::path(delete, path = "/api/v1/events/{id}", operation_id = "delete_event", tag = "events",
    params(("id" = Uuid, Path, description = "Event id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Only owners may delete", body = Problem),
        (status = 404, description = "No such event for this caller", body = Problem),
        (status = 409, description = "The event has tickets; archive it instead (`event_has_tickets`)", body = Problem),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<StatusCode> {
    state.events.delete(&ctx, &principal, EventId(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A member of an event's staff.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberView {
    /// Account id.
    pub user_id: Uuid,
    /// E-mail address.
    pub email: String,
    /// Display name (empty while the invitation is pending).
    pub name: String,
    /// Role on this event.
    pub role: RoleName,
    /// Invited but not yet registered.
    pub pending: bool,
    /// When the role was given.
    pub added_at: DateTime<Utc>,
}

fn member_view(member: Member) -> MemberView {
    MemberView {
        user_id: member.user_id.0,
        email: member.email.as_str().to_owned(),
        name: member.name,
        role: member.role.into(),
        pending: member.pending,
        added_at: member.added_at,
    }
}

/// A new role for an existing member.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeRoleRequest {
    /// Role to give.
    pub role: RoleName,
}

/// The event's staff (owners and managers).
#[utoipa::path(get, path = "/api/v1/events/{id}/members", tag = "members",
    params(("id" = Uuid, Path, description = "Event id"), PageParams),
    responses(
        (status = 200, description = "A page of members", body = Page<MemberView>),
        (status = 403, description = "Scanners may not list staff", body = Problem),
        (status = 404, description = "No such event for this caller", body = Problem),
    ))]
pub async fn list_members(
    State(state): State<AppState>,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<ApiJson<Page<MemberView>>> {
    let limit = pagination::limit(params.limit)?;
    let after = pagination::decode::<(DateTime<Utc>, Uuid)>(params.cursor.as_deref())?.map(
        |(added_at, user)| MemberCursor {
            added_at,
            user_id: UserId(user),
        },
    );
    let rows = state
        .members
        .list(&principal, EventId(id), after, limit + 1)
        .await?;
    Ok(ApiJson(pagination::page(
        rows,
        limit,
        |m| (m.added_at, m.user_id.0),
        member_view,
    )))
}

/// Changes a member's role.
#[utoipa::path(patch, path = "/api/v1/events/{id}/members/{user_id}", tag = "members",
    params(("id" = Uuid, Path, description = "Event id"), ("user_id" = Uuid, Path, description = "Member's account id")),
    request_body = ChangeRoleRequest,
    responses(
        (status = 200, description = "Role changed", body = MemberView),
        (status = 403, description = "Not allowed to give this role", body = Problem),
        (status = 404, description = "No such event or member", body = Problem),
        (status = 409, description = "Would leave the event without an owner (`last_owner`)", body = Problem),
    ))]
pub async fn change_member(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath((id, user)): ApiPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<ChangeRoleRequest>,
) -> ApiResult<ApiJson<MemberView>> {
    let member = state
        .members
        .change_role(
            &ctx,
            &principal,
            EventId(id),
            UserId(user),
            body.role.into(),
        )
        .await?;
    Ok(ApiJson(member_view(member)))
}

/// Removes a member (anyone may leave; the last owner may not).
#[utoipa::path(delete, path = "/api/v1/events/{id}/members/{user_id}", tag = "members",
    params(("id" = Uuid, Path, description = "Event id"), ("user_id" = Uuid, Path, description = "Member's account id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Not allowed", body = Problem),
        (status = 404, description = "No such event or member", body = Problem),
        (status = 409, description = "Would leave the event without an owner (`last_owner`)", body = Problem),
    ))]
pub async fn remove_member(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    Auth(principal): Auth,
    ApiPath((id, user)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<StatusCode> {
    state
        .members
        .remove(&ctx, &principal, EventId(id), UserId(user))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
