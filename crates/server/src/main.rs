//! `qr-event`: issue and validate QR tickets for events.

use std::time::Duration;

use anyhow::Context;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use qr_event_server::config::{file_layer, KeySettings, LogFormat, Settings, StorageSettings};
use qr_event_server::{build, open_storage, serve_until, shutdown_signal, telemetry};

/// QR Event server.
///
/// Settings are layered: built-in defaults, then `qr-event.toml` (or the file in
/// QR_EVENT_CONFIG / --config; keys are the variable names in lower case without the
/// QR_EVENT_ prefix, e.g. `bind = "0.0.0.0:8080"`), then environment variables, then
/// flags. With nothing configured it runs on the embedded SQLite database in ./data
/// and listens on http://127.0.0.1:8080.
#[derive(Parser)]
#[command(
    name = "qr-event",
    version,
    propagate_version = true,
    after_help = "Run `qr-event serve --help` for every setting."
)]
struct Cli {
    /// Configuration file (TOML).
    #[arg(long, env = "QR_EVENT_CONFIG", global = true)]
    config: Option<std::path::PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Apply migrations and serve the API and web UI (the default).
    Serve(Box<Settings>),
    /// Apply pending database migrations, then exit.
    Migrate {
        #[command(flatten)]
        storage: StorageSettings,
        /// Log format.
        #[arg(long, env = "QR_EVENT_LOG_FORMAT", value_enum, default_value = "json")]
        log_format: LogFormat,
    },
    /// Manage the Ed25519 keys that sign ticket codes.
    Keys {
        #[command(subcommand)]
        action: KeysAction,
        #[command(flatten)]
        storage: StorageSettings,
        #[command(flatten)]
        keys: KeySettings,
    },
    /// Check the tamper-evident audit log.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
        #[command(flatten)]
        storage: StorageSettings,
    },
}

#[derive(Subcommand)]
enum KeysAction {
    /// List the keys with their status (active signs; verify only verifies; retired is refused).
    List,
    /// Add a new signing key. The previous one keeps verifying codes until retired.
    /// Running servers pick the change up within QR_EVENT_KEY_RELOAD_SECS.
    Rotate,
    /// Stop accepting codes signed by a key that is no longer active.
    Retire {
        /// Key id, as shown by `keys list`.
        kid: String,
    },
    /// New session secret (access, door-device and CSRF tokens). Running
    /// servers switch within QR_EVENT_KEY_RELOAD_SECS; tokens of the previous
    /// secret keep working until `keys retire-session`. Attendee links do
    /// not change.
    RotateSession,
    /// Stop accepting tokens of an earlier session secret. Wait at least
    /// QR_EVENT_SESSION_IDLE_HOURS after the rotation: sessions idle longer
    /// than that are over anyway, the others have new tokens by then.
    RetireSession {
        /// Key id, as shown by `keys list`.
        kid: String,
    },
}

#[derive(Subcommand)]
enum AuditAction {
    /// Recompute every seal of the audit hash chains; exits with status 1 if one is broken.
    Verify {
        /// Check only this event's chain.
        #[arg(long)]
        event: Option<uuid::Uuid>,
    },
}

/// Every setting of `serve`, one line each, for `qr-event --help`.
fn settings_summary() -> String {
    let mut cli = Cli::command();
    cli.build();
    let mut out = String::from("Settings (environment variable, flag, default):\n");
    if let Some(serve) = cli.find_subcommand("serve") {
        for arg in serve.get_arguments() {
            let (Some(env), Some(long)) = (arg.get_env(), arg.get_long()) else {
                continue;
            };
            let default: Vec<String> = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            let first = help
                .split(". ")
                .next()
                .unwrap_or_default()
                .trim_end_matches('.');
            out.push_str(&format!(
                "  {:<40} --{:<30} {}\n      {}\n",
                env.to_string_lossy(),
                long,
                if default.is_empty() {
                    String::new()
                } else {
                    format!("[default: {}]", default.join(","))
                },
                first
            ));
        }
    }
    out.push_str("\nSee `qr-event serve --help` for details.");
    out
}

fn known_env_names() -> Vec<String> {
    let mut names = Vec::new();
    let mut cli = Cli::command();
    cli.build();
    for sub in cli.get_subcommands() {
        for arg in sub.get_arguments() {
            if let Some(env) = arg.get_env() {
                names.push(env.to_string_lossy().into_owned());
            }
        }
    }
    names
}

fn config_path_from_args() -> Option<std::path::PathBuf> {
    let args: Vec<String> = std::env::args().collect();
    for (i, arg) in args.iter().enumerate() {
        if let Some(path) = arg.strip_prefix("--config=") {
            return Some(path.into());
        }
        if arg == "--config" {
            return args.get(i + 1).map(Into::into);
        }
    }
    std::env::var_os("QR_EVENT_CONFIG").map(Into::into)
}

/// `serve` is the default: `qr-event` and `qr-event --bind …` mean `qr-event serve …`.
fn with_default_command(mut args: Vec<String>) -> Vec<String> {
    let explicit = args.get(1).is_some_and(|a| {
        !a.starts_with('-') || matches!(a.as_str(), "-h" | "--help" | "-V" | "--version")
    });
    if !explicit {
        args.insert(1.min(args.len()), "serve".to_owned());
    }
    args
}

fn main() -> anyhow::Result<()> {
    // The file layer becomes environment defaults before any thread starts.
    for (name, value) in file_layer(config_path_from_args().as_deref(), &known_env_names())? {
        std::env::set_var(name, value);
    }
    let matches = Cli::command()
        .after_help(settings_summary())
        .get_matches_from(with_default_command(std::env::args().collect()));
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let command = cli.command.context("no command")?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    runtime.block_on(run(command))
}

async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Migrate {
            storage,
            log_format,
        } => {
            telemetry::init(log_format, "info")?;
            open_storage(&storage).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Keys {
            action,
            storage,
            keys,
        } => {
            telemetry::init(LogFormat::Pretty, "warn")?;
            let store = open_storage(&storage).await?;
            let master = qr_event_server::keys::master_key(&storage, &keys)?;
            // Make sure a first key exists before listing or rotating.
            qr_event_server::keys::qr_key_ring(&store, &master).await?;
            let changes = !matches!(action, KeysAction::List);
            match action {
                KeysAction::List => {
                    qr_event_server::keys::session_secrets(&store, &master).await?;
                    println!(
                        "{:<8} {:<20} {:<8} {:<10} created",
                        "purpose", "kid", "alg", "status"
                    );
                    for purpose in [
                        qr_event_server::keys::QR_PURPOSE,
                        qr_event_server::keys::SESSION_PURPOSE,
                    ] {
                        for key in store.keys.list(purpose).await? {
                            println!(
                                "{:<8} {:<20} {:<8} {:<10} {}",
                                purpose,
                                key.kid,
                                key.algorithm,
                                key.status,
                                key.created_at.to_rfc3339()
                            );
                        }
                    }
                }
                KeysAction::RotateSession => {
                    let kid = qr_event_server::keys::rotate_session_key(&store, &master).await?;
                    record_key_action(&store, qr_event_audit::AuditAction::KeyRotated, &kid)
                        .await?;
                    println!(
                        "new session key {kid}; earlier session keys keep verifying until retired"
                    );
                }
                KeysAction::RetireSession { kid } => {
                    if !store
                        .keys
                        .retire(qr_event_server::keys::SESSION_PURPOSE, &kid)
                        .await?
                    {
                        anyhow::bail!("no session key {kid} in `verify` status (the active key cannot be retired; rotate first)");
                    }
                    record_key_action(&store, qr_event_audit::AuditAction::KeyRetired, &kid)
                        .await?;
                    println!("session key {kid} retired; tokens it signed are now refused");
                }
                KeysAction::Rotate => {
                    let kid = qr_event_server::keys::rotate_qr_key(&store, &master).await?;
                    record_key_action(
                        &store,
                        qr_event_audit::AuditAction::KeyRotated,
                        &kid.to_string(),
                    )
                    .await?;
                    println!("new signing key {kid}; earlier keys keep verifying until retired");
                }
                KeysAction::Retire { kid } => {
                    if !store
                        .keys
                        .retire(qr_event_server::keys::QR_PURPOSE, &kid)
                        .await?
                    {
                        anyhow::bail!("no key {kid} in `verify` status (the active key cannot be retired; rotate first)");
                    }
                    record_key_action(&store, qr_event_audit::AuditAction::KeyRetired, &kid)
                        .await?;
                    println!("key {kid} retired; codes it signed are now refused");
                }
            }
            if changes {
                // Running instances reload their rings now (on PostgreSQL;
                // the embedded database's server reloads on its interval).
                store
                    .notices
                    .publish(qr_event_storage::Notice::KeysChanged)
                    .await?;
            }
            Ok(())
        }
        Command::Audit {
            action: AuditAction::Verify { event },
            storage,
        } => {
            telemetry::init(LogFormat::Pretty, "warn")?;
            let store = open_storage(&storage).await?;
            let chains = match event {
                Some(id) => vec![id.to_string()],
                None => store.audit.chains().await?,
            };
            let mut broken = 0;
            for chain in chains {
                let r = qr_event_audit::verify_chain(store.audit.as_ref(), &chain).await?;
                if r.intact {
                    println!(
                        "ok      {chain}: {} seals, {} entries sealed, {} not yet sealed",
                        r.seals, r.sealed_entries, r.unsealed_entries
                    );
                } else {
                    broken += 1;
                    println!(
                        "BROKEN  {chain}: seal {} — {}",
                        r.first_broken_seq.unwrap_or_default(),
                        r.problem.unwrap_or_default()
                    );
                }
            }
            if broken > 0 {
                anyhow::bail!("{broken} audit chain(s) failed verification");
            }
            Ok(())
        }
        Command::Serve(settings) => {
            telemetry::init(settings.log_format, &settings.log_level)?;
            tracing::debug!(?settings, "settings");
            let app = build(&settings).await?;
            let listener = tokio::net::TcpListener::bind(settings.bind)
                .await
                .with_context(|| format!("binding {}", settings.bind))?;
            let addr = listener.local_addr()?;
            tracing::info!(%addr, backend = if settings.storage.is_postgres() { "postgresql" } else { "sqlite" }, "listening");
            println!("QR Event is running at http://{addr}/");
            let grace = Duration::from_secs(settings.shutdown_grace_secs);
            let stop_streams = app.stop_streams;
            let shutdown = async move {
                shutdown_signal().await;
                let _ = stop_streams.send(true);
            };
            serve_until(listener, app.router, shutdown, grace).await?;
            // The sender hands back the rows it claimed but did not send.
            let _ = tokio::time::timeout(grace, app.mail_sender).await;
            tracing::info!("stopped");
            Ok(())
        }
    }
}

async fn record_key_action(
    store: &qr_event_storage::Storage,
    action: qr_event_audit::AuditAction,
    kid: &str,
) -> anyhow::Result<()> {
    let ctx = qr_event_audit::RequestContext::default();
    qr_event_audit::AuditLog::new(store.audit.clone())
        .record(
            &ctx,
            qr_event_audit::Entry::success(action)
                .subject(kid)
                .detail("via", "cli"),
        )
        .await?;
    Ok(())
}
