//! Live figures of an event: read once (`GET …/stats`) or pushed as they
//! change (`GET …/live`, server-sent events), from the counters of ADR 0007
//! through the instance's [`LiveHub`](qr_event_service::LiveHub).

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use chrono::{DateTime, Utc};
use futures_util::{Stream, StreamExt};
use qr_event_domain::{EventId, FieldCode};
use qr_event_storage::TicketStats;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery, Auth, DoorAuth};
use crate::AppState;

/// How long one stream lasts; the browser reconnects by itself, and the
/// caller's access is checked again.
const STREAM_LIFETIME: Duration = Duration::from_secs(10 * 60);
/// A comment line this often keeps proxies from closing a quiet stream.
const HEARTBEAT: Duration = Duration::from_secs(15);
/// What the browser waits before reconnecting.
const RECONNECT_AFTER: Duration = Duration::from_secs(2);

/// Window of the per-minute series.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsParams {
    /// Minutes of per-minute history, 1–1440 (default 180).
    #[param(minimum = 1, maximum = 1440)]
    pub minutes: Option<i64>,
}

/// A count under a label.
#[derive(Debug, Serialize, ToSchema)]
pub struct LabelCount {
    /// Reason or gate.
    pub label: String,
    /// Count.
    pub count: u64,
}

/// Admissions in one minute.
#[derive(Debug, Serialize, ToSchema)]
pub struct MinuteCount {
    /// Start of the minute.
    pub minute: DateTime<Utc>,
    /// Admissions.
    pub count: u64,
}

/// Live-view figures.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatsResponse {
    /// Tickets issued.
    pub issued: u64,
    /// Active tickets.
    pub active: u64,
    /// Revoked tickets.
    pub revoked: u64,
    /// Admissions (re-entries included).
    pub admitted: u64,
    /// Tickets admitted at least once (people in).
    pub unique_in: u64,
    /// Refused check-ins by reason.
    pub rejected: Vec<LabelCount>,
    /// Admissions by gate.
    pub per_gate: Vec<LabelCount>,
    /// Admissions per minute.
    pub per_minute: Vec<MinuteCount>,
    /// Door conflicts: offline admissions the server would have refused.
    pub conflicts: u64,
    /// When these figures were computed.
    pub generated_at: DateTime<Utc>,
}

impl StatsParams {
    /// The window in minutes: 1 to 1440, 180 when absent.
    fn minutes(&self) -> ApiResult<u32> {
        match self.minutes.unwrap_or(180) {
            m @ 1..=1440 => Ok(m as u32),
            _ => Err(ApiError::invalid_field(
                "minutes",
                FieldCode::OutOfRange,
                "must be between 1 and 1440",
            )),
        }
    }
}

impl StatsResponse {
    fn new(s: &TicketStats, generated_at: DateTime<Utc>) -> Self {
        let labels = |pairs: &[(String, u64)]| {
            pairs
                .iter()
                .map(|(label, count)| LabelCount {
                    label: label.clone(),
                    count: *count,
                })
                .collect()
        };
        Self {
            issued: s.issued,
            active: s.active,
            revoked: s.revoked,
            admitted: s.admitted,
            unique_in: s.unique_in,
            rejected: labels(&s.rejected),
            per_gate: labels(&s.per_gate),
            per_minute: s
                .per_minute
                .iter()
                .map(|(minute, count)| MinuteCount {
                    minute: *minute,
                    count: *count,
                })
                .collect(),
            conflicts: s.conflicts,
            generated_at,
        }
    }
}

/// Figures for the live view (owners and managers).
#[utoipa::path(get, path = "/api/v1/events/{id}/stats", tag = "scan",
    params(("id" = Uuid, Path, description = "Event id"), StatsParams),
    responses((status = 200, description = "Figures", body = StatsResponse)))]
pub async fn stats(
    State(state): State<AppState>,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<StatsParams>,
) -> ApiResult<ApiJson<StatsResponse>> {
    let minutes = params.minutes()?;
    let now = Utc::now();
    let s = state
        .tickets
        .stats(
            &principal,
            EventId(id),
            now - chrono::Duration::minutes(i64::from(minutes)),
        )
        .await?;
    Ok(ApiJson(StatsResponse::new(&s, now)))
}

/// Resolves when the server stops (never, if nobody can stop it).
async fn stopping(closing: &mut tokio::sync::watch::Receiver<bool>) {
    if closing.wait_for(|c| *c).await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// Counts the open streams for the `live_subscribers` gauge.
struct Viewer;

impl Viewer {
    fn open() -> Self {
        metrics::gauge!("live_subscribers").increment(1.0);
        Self
    }
}

impl Drop for Viewer {
    fn drop(&mut self) {
        metrics::gauge!("live_subscribers").decrement(1.0);
    }
}

/// The live figures as they change (owners and managers): a server-sent
/// event stream of `stats` events, each carrying a `StatsResponse`, the
/// first at once and then at most one a second while the figures change,
/// whichever instance recorded the change. The stream ends after ten
/// minutes (and when the server stops); browsers reconnect by themselves.
#[utoipa::path(get, path = "/api/v1/events/{id}/live", tag = "scan",
    params(("id" = Uuid, Path, description = "Event id"), StatsParams),
    responses(
        (status = 200, description = "`text/event-stream` of `stats` events whose data is a `StatsResponse`", content_type = "text/event-stream", body = String),
        (status = 403, description = "Scanners may not read the live figures", body = Problem),
    ))]
pub async fn live(
    State(state): State<AppState>,
    Auth(principal): Auth,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<StatsParams>,
) -> ApiResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    let minutes = params.minutes()?;
    let figures = state.live.watch(&principal, EventId(id), minutes).await?;
    let closing = state.live_closing.clone();
    let deadline = tokio::time::Instant::now() + STREAM_LIFETIME;
    let stream = futures_util::stream::unfold(
        (figures, closing, Viewer::open(), true),
        move |(mut figures, mut closing, viewer, first)| async move {
            if !first {
                tokio::select! {
                    changed = figures.changed() => changed.ok()?,
                    _ = tokio::time::sleep_until(deadline) => return None,
                    _ = stopping(&mut closing) => return None,
                }
            }
            let stats = figures.borrow_and_update().clone();
            let mut event = Event::default()
                .event("stats")
                .json_data(StatsResponse::new(&stats, Utc::now()))
                .ok()?;
            if first {
                event = event.retry(RECONNECT_AFTER);
            }
            Some((Ok(event), (figures, closing, viewer, false)))
        },
    );
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(HEARTBEAT)))
}

/// Counts the open door streams for the `door_live_subscribers` gauge.
struct DoorWatcher;

impl DoorWatcher {
    fn open() -> Self {
        metrics::gauge!("door_live_subscribers").increment(1.0);
        Self
    }
}

impl Drop for DoorWatcher {
    fn drop(&mut self) {
        metrics::gauge!("door_live_subscribers").decrement(1.0);
    }
}

/// The fewest time between two `changed` events of one door stream: a busy
/// door is told at most this often (never more often than it used to ask),
/// a quiet one at once.
const DOOR_CHANGES_AT_MOST_EVERY: Duration = Duration::from_secs(5);

/// What a door stream's `changed` event carries.
#[derive(Debug, Serialize, ToSchema)]
pub struct DoorChanged {
    /// When the server noticed the change.
    pub changed_at: DateTime<Utc>,
}

/// Changes at the door (members and enrolled devices): a server-sent event
/// stream that says `changed` whenever something under the event changed,
/// on any instance — a ticket issued, revoked or admitted, a device revoked —
/// so that the door fetches its pack delta (`GET …/door/pack?since=`) at
/// once instead of asking every few seconds. The first event, `ready`, comes
/// at once; then at most one `changed` every 5 seconds. The caller's access
/// is checked again before each `changed`: a revoked device or an ended
/// session ends the stream. The stream ends after ten minutes (and when the
/// server stops); browsers reconnect by themselves.
#[utoipa::path(get, path = "/api/v1/events/{id}/door/live", tag = "door",
    params(("id" = Uuid, Path, description = "Event id")),
    responses(
        (status = 200, description = "`text/event-stream`: one `ready` event, then `changed` events whose data is a `DoorChanged`", content_type = "text/event-stream", body = String),
    ))]
pub async fn door_live(
    State(state): State<AppState>,
    DoorAuth(caller): DoorAuth,
    ApiPath(id): ApiPath<Uuid>,
    headers: HeaderMap,
) -> ApiResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    let event = EventId(id);
    state.door.check_access(&caller, event).await?;
    let changes = state.live.door_changes(event);
    let closing = state.live_closing.clone();
    let deadline = tokio::time::Instant::now() + STREAM_LIFETIME;
    let watcher = DoorWatcher::open();
    let ready = Event::default()
        .event("ready")
        .data("{}")
        .retry(RECONNECT_AFTER);
    let first = futures_util::stream::once(async move { Ok(ready) });
    let rest = futures_util::stream::unfold(
        (changes, closing, watcher, None::<tokio::time::Instant>),
        move |(mut changes, mut closing, watcher, last)| {
            let state = state.clone();
            let headers = headers.clone();
            async move {
                tokio::select! {
                    changed = changes.changed() => changed.ok()?,
                    _ = tokio::time::sleep_until(deadline) => return None,
                    _ = stopping(&mut closing) => return None,
                }
                if let Some(last) = last {
                    tokio::select! {
                        _ = tokio::time::sleep_until(last + DOOR_CHANGES_AT_MOST_EVERY) => {}
                        _ = tokio::time::sleep_until(deadline) => return None,
                        _ = stopping(&mut closing) => return None,
                    }
                }
                changes.borrow_and_update();
                // Revoked since the stream opened: end it, say nothing more.
                let caller = DoorAuth::from_headers(&state, headers).await.ok()?.0;
                state.door.check_access(&caller, event).await.ok()?;
                let data = DoorChanged {
                    changed_at: Utc::now(),
                };
                let sent = Event::default().event("changed").json_data(data).ok()?;
                let now = tokio::time::Instant::now();
                Some((Ok(sent), (changes, closing, watcher, Some(now))))
            }
        },
    );
    Ok(Sse::new(first.chain(rest)).keep_alive(KeepAlive::new().interval(HEARTBEAT)))
}
