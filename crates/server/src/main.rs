//! `qr-event`: issue and validate QR tickets for events.

use std::time::Duration;

use anyhow::Context;
use clap::{CommandFactory, Parser, Subcommand};
use qr_event_server::config::{file_layer, LogFormat, Settings, StorageSettings};
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
    let cli = Cli::parse_from(with_default_command(std::env::args().collect()));
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
            serve_until(listener, app.router, shutdown_signal(), grace).await?;
            tracing::info!("stopped");
            Ok(())
        }
    }
}
