//! The `qr-event` server: configuration, wiring of storage, cache, services
//! and HTTP, telemetry and graceful shutdown. `main.rs` is a thin CLI on top.

pub mod config;
pub mod keys;
pub mod telemetry;
pub mod wallets;

use std::future::IntoFuture;
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use qr_event_auth::{
    derive_key, AccessKeys, CsrfSigner, JwtKeys, PasswordHasher, SessionKeySet, SessionKeys,
};
use qr_event_cache::{Cache, MemoryCache, RedisCache};
use qr_event_domain::Email;
use qr_event_http::{AppServices, AppState, HttpConfig};
use qr_event_mail::{LogMailer, Mailer, SmtpMailer};
use qr_event_service::{
    AuthService, AuthSettings, DeliveryService, DeliverySettings, DeviceService, DeviceSettings,
    DoorService, EventService, InvitationService, Limiter, Links, LiveHub, MemberService, Outbox,
    QrKeys, ScanGrouping, SharedCounters, TicketService, TicketSettings, WalletService,
};
use qr_event_storage::{Notice, PoolSettings, Storage};
use qr_event_storage_pg::PgStore;
use qr_event_storage_sqlite::SqliteStore;
use tokio::net::TcpListener;

pub use config::{KeySettings, LogFormat, Registration, Settings, StorageSettings};

/// JWT issuer and audience.
const ISSUER: &str = "qr-event";
const AUDIENCE: &str = "qr-event-api";

/// The access-token keys derived from the session secret `(kid, secret)`.
pub fn access_token_keys(kid: &str, secret: &[u8; 32]) -> JwtKeys {
    JwtKeys::new(
        kid,
        derive_key(secret, "qr-event access token v1"),
        ISSUER,
        AUDIENCE,
    )
}

/// The door-device token keys: a key and an audience of their own, so a
/// device token is never a user's and the reverse.
pub fn device_token_keys(kid: &str, secret: &[u8; 32]) -> JwtKeys {
    JwtKeys::new(
        kid,
        derive_key(secret, "qr-event door device token v1"),
        ISSUER,
        "qr-event-door-device",
    )
}

/// The access, device and CSRF keys of the session secrets in force: the
/// signing secret signs, secrets in their grace period only verify.
pub fn session_key_set(secrets: &keys::SessionSecrets) -> SessionKeySet {
    let (kid, secret) = &secrets.signing;
    let mut access = access_token_keys(kid, secret);
    let mut device = device_token_keys(kid, secret);
    let mut csrf = CsrfSigner::new(derive_key(secret, "qr-event csrf v1"));
    for (kid, secret) in &secrets.verifying {
        access = access.with_verification_key(kid, derive_key(secret, "qr-event access token v1"));
        device =
            device.with_verification_key(kid, derive_key(secret, "qr-event door device token v1"));
        csrf = csrf.with_previous(derive_key(secret, "qr-event csrf v1"));
    }
    SessionKeySet {
        access,
        device,
        csrf,
    }
}

/// Opens the configured database and applies pending migrations.
pub async fn open_storage(settings: &StorageSettings) -> anyhow::Result<Storage> {
    let pool = PoolSettings {
        max_connections: settings.db_max_connections,
        acquire_timeout: Duration::from_secs(settings.db_acquire_timeout_secs),
    };
    match &settings.database_url {
        Some(url) => {
            let store = PgStore::connect(url, pool).context("configuring PostgreSQL")?;
            store.migrate().await.context("migrating PostgreSQL")?;
            Ok(store.into_storage())
        }
        None => {
            std::fs::create_dir_all(&settings.data_dir).with_context(|| {
                format!("creating data directory {}", settings.data_dir.display())
            })?;
            let store = SqliteStore::connect(&settings.sqlite_path(), pool)
                .await
                .context("opening the embedded database")?;
            store
                .migrate()
                .await
                .context("migrating the embedded database")?;
            Ok(store.into_storage())
        }
    }
}

/// Counters alert rules watch with `increase()`: present at 0 from the start,
/// so that their first increment counts.
fn register_counters() {
    for name in [
        "door_conflicts_total",
        "db_unavailable_total",
        "audit_seal_failures_total",
        "cache_fallbacks_total",
    ] {
        metrics::counter!(name).absolute(0);
    }
    metrics::gauge!("live_subscribers").set(0.0);
}

/// The process-wide Prometheus recorder (installed once).
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let buckets = [
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            ];
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("http_request_duration_seconds".into()),
                    &buckets,
                )
                .expect("bucket list is not empty")
                .set_buckets_for_metric(
                    Matcher::Full("door_scan_duration_seconds".into()),
                    &buckets[..11],
                )
                .expect("bucket list is not empty")
                .set_buckets_for_metric(
                    Matcher::Full("door_scan_group_size".into()),
                    &[1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0],
                )
                .expect("bucket list is not empty")
                .build_recorder();
            let handle = recorder.handle();
            // In tests several apps share one process; the first recorder stays.
            if metrics::set_global_recorder(recorder).is_ok() {
                register_counters();
            }
            handle
        })
        .clone()
}

/// A wired application, ready to serve.
pub struct App {
    /// The router with all middleware.
    pub router: Router,
    /// The storage it uses.
    pub storage: Storage,
    /// Send `true` when stopping: live streams end so that the server can,
    /// and the ticket e-mail sender hands back what it claimed.
    pub stop_streams: tokio::sync::watch::Sender<bool>,
    /// The ticket e-mail sender; wait for it after sending `stop_streams`.
    pub mail_sender: tokio::task::JoinHandle<()>,
}

/// Wires storage, cache, keys, services and the router from settings.
pub async fn build(settings: &Settings) -> anyhow::Result<App> {
    settings.validate()?;
    let storage = open_storage(&settings.storage).await?;
    let cache: Arc<dyn Cache> = match &settings.redis_url {
        Some(url) => Arc::new(SharedCounters::new(
            RedisCache::new(url).context("REDIS_URL")?,
            storage.counters.clone(),
        )),
        None => Arc::new(MemoryCache::new()),
    };
    let master = keys::master_key(&settings.storage, &settings.keys)?;
    let secrets = keys::session_secrets(&storage, &master).await?;
    let session_keys = SessionKeys::new(session_key_set(&secrets));
    let links_root = secrets.links_root;
    let concurrency = settings
        .password_hash_concurrency
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
        })
        .max(1);
    let hasher = PasswordHasher::new(concurrency, Duration::from_secs(10));
    let mut admin_emails = Vec::new();
    for raw in &settings.admin_emails {
        let raw = raw.trim();
        if !raw.is_empty() {
            admin_emails.push(Email::parse("admin_emails", raw).map_err(|_| {
                anyhow::anyhow!("QR_EVENT_ADMIN_EMAILS: `{raw}` is not an e-mail address")
            })?);
        }
    }
    let auth_settings = AuthSettings {
        access_lifetime: settings.access_lifetime(),
        session_idle: Duration::from_secs(settings.session_idle_hours * 3600),
        session_absolute: Duration::from_secs(settings.session_absolute_days * 86_400),
        registration_open: settings.registration == Registration::Open,
        admin_emails,
        login_max_per_account: settings.login_max_per_account,
        login_max_per_ip: settings.login_max_per_ip,
        login_window: Duration::from_secs(settings.login_window_minutes * 60),
        register_max_per_ip: settings.register_max_per_ip,
    };
    let outbox = Outbox {
        mailer: mailer(settings)?,
        links: Links::new(settings.public_origin().as_deref()),
    };
    let auth = AuthService::new(
        storage.clone(),
        cache.clone(),
        hasher,
        session_keys.clone(),
        auth_settings,
        outbox.clone(),
    );
    auth.apply_admin_emails().await?;
    let events = EventService::new(
        storage.clone(),
        Limiter::new(cache.clone(), settings.quotas()),
    );
    let members = MemberService::new(storage.clone(), events.clone());
    let invitations = InvitationService::new(storage.clone(), events.clone(), outbox.clone());
    spawn_sealer(storage.clone(), settings.audit_seal_secs);
    spawn_stats_folder(storage.clone());
    let qr_keys = QrKeys::new(keys::qr_key_ring(&storage, &master).await?);
    let rings = KeyRings {
        storage: storage.clone(),
        master: master.clone(),
        qr: qr_keys.clone(),
        session: session_keys.clone(),
    };
    spawn_key_reload(rings.clone(), settings.key_reload_secs);

    let ticket_settings = TicketSettings {
        window_margin: chrono::Duration::minutes(settings.ticket_window_margin_minutes),
        clock_skew: chrono::Duration::seconds(settings.scan_clock_skew_secs),
        scans_per_minute: settings.scans_per_minute,
        ..TicketSettings::default()
    };
    let devices = DeviceService::new(
        storage.clone(),
        events.clone(),
        cache.clone(),
        session_keys.clone(),
        DeviceSettings {
            enrol_lifetime: Duration::from_secs(settings.device_enrol_minutes * 60),
            access_lifetime: settings.access_lifetime(),
            ..DeviceSettings::default()
        },
    );
    let door = DoorService::new(
        storage.clone(),
        events.clone(),
        qr_keys.clone(),
        cache.clone(),
        ticket_settings.clone(),
        devices.clone(),
    )
    .with_grouping(ScanGrouping {
        max_group: usize::try_from(settings.scan_group_max).unwrap_or(1),
        max_in_flight: usize::try_from(settings.scan_groups_in_flight).unwrap_or(1),
    });
    let tickets = TicketService::new(
        storage.clone(),
        events.clone(),
        qr_keys,
        AccessKeys::new(derive_key(&links_root, "qr-event attendee link v1")),
        ticket_settings,
    );
    if settings.dev_insecure_cookies {
        tracing::warn!(
            "DEVELOPMENT MODE: QR_EVENT_DEV_INSECURE_COOKIES is on; session cookies are sent over plain HTTP. \
             Never use this in production."
        );
    }
    let live = LiveHub::new(storage.clone(), tickets.clone());
    live.start();
    spawn_notice_loop(&storage, rings, auth.clone(), live.clone(), events.clone());
    let (stop_streams, live_closing) = tokio::sync::watch::channel(false);
    let wallet = WalletService::new(
        tickets.clone(),
        wallets::apple(settings)?,
        wallets::google(settings)?,
    );
    let delivery = DeliveryService::new(
        storage.clone(),
        tickets.clone(),
        outbox,
        DeliverySettings {
            per_minute: settings.mail_per_minute,
            message_domain: settings.mail_domain(),
            ..DeliverySettings::default()
        },
    )
    .with_wallet(wallet.clone());
    let mail_sender = tokio::spawn(delivery.clone().run(live_closing.clone()));
    let state = AppState::new(AppServices {
        auth,
        events,
        members,
        tickets,
        door,
        devices,
        invitations,
        delivery,
        wallet,
        health: storage.health.clone(),
        live: live.clone(),
        live_closing,
        cache: cache.clone(),
        metrics: metrics_handle(),
        config: Arc::new(HttpConfig {
            trusted_proxies: settings.trusted_proxies.clone(),
            public_origin: settings.public_origin(),
            max_body_bytes: settings.max_body_bytes,
            max_import_bytes: settings.max_import_bytes,
            secure_cookies: !settings.dev_insecure_cookies,
            access_lifetime: settings.access_lifetime(),
            web: web_ui(settings),
            metrics_token: settings.metrics_token.clone(),
        }),
    });
    Ok(App {
        router: qr_event_http::router(state),
        storage,
        stop_streams,
        mail_sender,
    })
}

/// SMTP when configured, else the log (loudly, once).
fn mailer(settings: &Settings) -> anyhow::Result<Arc<dyn Mailer>> {
    match (&settings.smtp_url, &settings.mail_from) {
        (Some(url), Some(from)) => {
            let smtp =
                SmtpMailer::new(url, from).context("QR_EVENT_SMTP_URL / QR_EVENT_MAIL_FROM")?;
            tracing::info!(from = %from, "outgoing mail through SMTP");
            Ok(Arc::new(smtp))
        }
        _ => {
            tracing::warn!(
                "QR_EVENT_SMTP_URL is not set: e-mails (invitations, address verification) are written to the log \
                 instead of being sent, and invitation links are shown in the dashboard to pass on"
            );
            Ok(Arc::new(LogMailer))
        }
    }
}

/// The UI built into this binary (`web/dist` when it was compiled).
static EMBEDDED_UI: &[qr_event_http::EmbeddedFile] =
    include!(concat!(env!("OUT_DIR"), "/web_ui.rs"));

/// Where the web UI comes from: the configured directory (UI development);
/// else the UI embedded in the binary; else `./web/dist` when built.
fn web_ui(settings: &Settings) -> Option<qr_event_http::WebUi> {
    if settings.web_dir.is_none() && !EMBEDDED_UI.is_empty() {
        tracing::info!(
            files = EMBEDDED_UI.len(),
            "serving the web UI embedded in the binary"
        );
        return Some(qr_event_http::WebUi::Embedded(EMBEDDED_UI));
    }
    let dir = settings
        .web_dir
        .clone()
        .unwrap_or_else(|| std::path::PathBuf::from("web/dist"));
    if dir.join("index.html").is_file() {
        tracing::info!(dir = %dir.display(), "serving the web UI");
        Some(qr_event_http::WebUi::Dir(dir))
    } else {
        tracing::warn!(
            dir = %dir.display(),
            "web UI not found (build it with `npm ci && npm run build` in web/); serving the API only"
        );
        None
    }
}

/// Folds live-figure deltas into their totals every two seconds, so reading
/// the figures stays as cheap at a million tickets as at a hundred. Every
/// instance runs one; the database lets one fold at a time.
fn spawn_stats_folder(storage: Storage) {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(2));
        loop {
            interval.tick().await;
            if let Err(err) = storage.tickets.compact_stats().await {
                tracing::warn!(error = %err, "folding live-figure counters failed; will retry");
            }
        }
    });
}

/// Seals new audit entries into their hash chains every few seconds. Every
/// instance runs one; they never seal the same entries twice.
fn spawn_sealer(storage: Storage, every_secs: u64) {
    let sealer = qr_event_audit::Sealer::new(storage.audit.clone(), chrono::Duration::seconds(1));
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(every_secs));
        // Full passes catch entries committed long after their id was taken.
        let mut last_full = None::<chrono::DateTime<chrono::Utc>>;
        let mut watermark = None;
        let mut last_sealed = chrono::Utc::now();
        loop {
            interval.tick().await;
            let now = chrono::Utc::now();
            let full = last_full.is_none_or(|t| now - t > chrono::Duration::hours(1));
            let from = if full { None } else { watermark };
            match sealer.seal_once(from, now).await {
                Ok(n) => {
                    last_sealed = now;
                    if n > 0 {
                        tracing::debug!(entries = n, "audit entries sealed");
                    }
                    if full {
                        last_full = Some(now);
                    }
                    watermark = Some(qr_event_audit::uuid_floor(
                        now - chrono::Duration::minutes(10),
                    ));
                }
                Err(err) => {
                    metrics::counter!("audit_seal_failures_total").increment(1);
                    tracing::warn!(error = %err, "audit sealing failed; retrying")
                }
            }
            // Every entry older than the last successful pass is sealed (late
            // commits aside, which the hourly full pass catches): the time
            // since that pass bounds how long an entry waits unsealed.
            let lag = (chrono::Utc::now() - last_sealed).num_milliseconds().max(0);
            metrics::gauge!("audit_seal_lag_seconds").set(lag as f64 / 1000.0);
        }
    });
}

/// The key rings an instance holds, and how to read them again.
#[derive(Clone)]
struct KeyRings {
    storage: Storage,
    master: qr_event_auth::MasterKey,
    qr: QrKeys,
    session: SessionKeys,
}

impl KeyRings {
    /// Reads both rings from the database; a failure keeps the current ones.
    async fn reload(&self) {
        match keys::qr_key_ring(&self.storage, &self.master).await {
            Ok(ring) => self.qr.replace(ring),
            Err(err) => {
                tracing::warn!(error = %err, "reloading the QR key ring failed; keeping the current one")
            }
        }
        match keys::session_secrets(&self.storage, &self.master).await {
            Ok(secrets) => self.session.replace(session_key_set(&secrets)),
            Err(err) => {
                tracing::warn!(error = %err, "reloading the session keys failed; keeping the current ones")
            }
        }
    }
}

/// Reloads the key rings periodically, a safety net behind the notices: a
/// rotation or retirement made by `qr-event keys` reaches every instance by
/// notice at once, and by this reload at the latest.
fn spawn_key_reload(rings: KeyRings, every_secs: u64) {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(every_secs));
        interval.tick().await;
        loop {
            interval.tick().await;
            rings.reload().await;
        }
    });
}

/// Acts on notices from every instance (ADR 0008): key ring changes reload
/// the rings, revoked sessions are forgotten; after a reconnection, when
/// notices may have been missed, the rings are read again; live figures
/// that changed anywhere are recomputed for this instance's viewers; door
/// rights that changed are forgotten.
fn spawn_notice_loop(
    storage: &Storage,
    rings: KeyRings,
    auth: AuthService,
    live: LiveHub,
    events: EventService,
) {
    let mut notices = storage.notices.subscribe();
    tokio::spawn(async move {
        loop {
            let notice = match notices.recv().await {
                Ok(notice) => notice,
                Err(tokio::sync::broadcast::error::RecvError::Lagged(missed)) => {
                    tracing::warn!(
                        missed,
                        "notices arrived faster than handled; resynchronising"
                    );
                    Notice::Resync
                }
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
            };
            match notice {
                Notice::KeysChanged => rings.reload().await,
                Notice::Resync => {
                    rings.reload().await;
                    live.on_notice(&notice);
                    events.on_notice(&notice);
                }
                Notice::DoorRights { .. } => events.on_notice(&notice),
                Notice::SessionRevoked { .. } => auth.on_notice(&notice).await,
                Notice::Live { .. } => live.on_notice(&notice),
            }
        }
    });
}

/// Serves `router` on `listener` until `shutdown` resolves, then lets
/// in-flight requests finish for up to `grace`.
pub async fn serve_until(
    listener: TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    grace: Duration,
) -> anyhow::Result<()> {
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let server = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    });
    let mut server = std::pin::pin!(server.into_future());
    let mut stop_rx = stop_rx;
    tokio::select! {
        result = &mut server => return result.context("server error"),
        _ = stop_rx.wait_for(|stopped| *stopped) => {}
    }
    tracing::info!(
        grace_secs = grace.as_secs(),
        "shutting down; draining in-flight requests"
    );
    match tokio::time::timeout(grace, server).await {
        Ok(result) => result.context("server error"),
        Err(_) => {
            tracing::warn!("grace period over; closing remaining connections");
            Ok(())
        }
    }
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}
