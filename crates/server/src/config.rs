//! Typed, layered configuration: defaults → `qr-event.toml` → environment →
//! command-line flags. Every setting has a flag and an environment variable;
//! `qr-event serve --help` lists them all.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use ipnet::IpNet;

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One JSON object per line (for log collectors).
    Json,
    /// Human-readable, coloured when on a terminal.
    Pretty,
}

/// Who may create an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Registration {
    /// Anyone may register.
    Open,
    /// Only people invited to an event (by e-mail) may register.
    Invite,
}

/// Where data lives; shared by `serve` and `migrate`.
#[derive(Clone, Args)]
pub struct StorageSettings {
    /// Directory for the embedded database and the generated master key.
    #[arg(
        long,
        global = true,
        env = "QR_EVENT_DATA_DIR",
        default_value = "./data"
    )]
    pub data_dir: PathBuf,

    /// PostgreSQL URL (postgres://…). Unset: the embedded SQLite database in the data directory.
    #[arg(long, global = true, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,

    /// Largest number of database connections per instance.
    #[arg(long, global = true, env = "QR_EVENT_DB_MAX_CONNECTIONS", default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub db_max_connections: u32,

    /// Seconds to wait for a free database connection before answering 503.
    #[arg(long, global = true, env = "QR_EVENT_DB_ACQUIRE_TIMEOUT_SECS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub db_acquire_timeout_secs: u64,
}

impl StorageSettings {
    /// True when PostgreSQL is configured.
    pub fn is_postgres(&self) -> bool {
        self.database_url.is_some()
    }

    /// The embedded database file.
    pub fn sqlite_path(&self) -> PathBuf {
        self.data_dir.join("qr-event.db")
    }
}

/// Where the master key comes from; shared by `serve`, `keys` and `audit`.
#[derive(Clone, Args)]
pub struct KeySettings {
    /// Master key (base64 of 32 bytes) that encrypts signing keys at rest. Required with PostgreSQL
    /// unless --master-key-file is given.
    #[arg(
        long,
        global = true,
        env = "QR_EVENT_MASTER_KEY",
        hide_env_values = true
    )]
    pub master_key: Option<String>,

    /// File holding the master key. Default for the embedded setup: <data-dir>/master.key,
    /// generated on first start with 0600 permissions.
    #[arg(long, global = true, env = "QR_EVENT_MASTER_KEY_FILE")]
    pub master_key_file: Option<PathBuf>,
}

/// Everything `serve` needs.
#[derive(Clone, Args)]
pub struct Settings {
    #[command(flatten)]
    pub storage: StorageSettings,

    /// Address and port to listen on.
    #[arg(long, env = "QR_EVENT_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Redis URL for shared counters and caches. Unset: an in-process cache (single instance).
    #[arg(long, env = "REDIS_URL", hide_env_values = true)]
    pub redis_url: Option<String>,

    #[command(flatten)]
    pub keys: KeySettings,

    /// External origin, e.g. https://tickets.example.org (Origin checks, HSTS).
    #[arg(long, env = "QR_EVENT_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Comma-separated CIDRs of reverse proxies whose X-Forwarded-For/-Proto are believed.
    #[arg(long, env = "QR_EVENT_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<IpNet>,

    /// Who may create an account.
    #[arg(
        long,
        env = "QR_EVENT_REGISTRATION",
        value_enum,
        default_value = "open"
    )]
    pub registration: Registration,

    /// Comma-separated e-mail addresses that are instance administrators.
    #[arg(long, env = "QR_EVENT_ADMIN_EMAILS", value_delimiter = ',')]
    pub admin_emails: Vec<String>,

    /// Log format.
    #[arg(long, env = "QR_EVENT_LOG_FORMAT", value_enum, default_value = "json")]
    pub log_format: LogFormat,

    /// Log filter (tracing syntax), e.g. info or qr_event=debug,info.
    #[arg(long, env = "QR_EVENT_LOG_LEVEL", default_value = "info")]
    pub log_level: String,

    /// Access token lifetime in minutes (1–15).
    #[arg(long, env = "QR_EVENT_ACCESS_TOKEN_MINUTES", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=15))]
    pub access_token_minutes: u64,

    /// A session unused for this many hours ends.
    #[arg(long, env = "QR_EVENT_SESSION_IDLE_HOURS", default_value_t = 24, value_parser = clap::value_parser!(u64).range(1..=720))]
    pub session_idle_hours: u64,

    /// A session ends this many days after sign-in, whatever its use.
    #[arg(long, env = "QR_EVENT_SESSION_ABSOLUTE_DAYS", default_value_t = 7, value_parser = clap::value_parser!(u64).range(1..=90))]
    pub session_absolute_days: u64,

    /// Largest accepted request body in bytes (413 beyond).
    #[arg(long, env = "QR_EVENT_MAX_BODY_BYTES", default_value_t = 1_048_576)]
    pub max_body_bytes: usize,

    /// Password hashes computed at once (each uses 19 MiB). Default: the number of CPUs.
    #[arg(long, env = "QR_EVENT_PASSWORD_HASH_CONCURRENCY")]
    pub password_hash_concurrency: Option<usize>,

    /// Sign-in attempts per account per window before 429 (a successful sign-in resets it).
    #[arg(long, env = "QR_EVENT_LOGIN_MAX_PER_ACCOUNT", default_value_t = 10)]
    pub login_max_per_account: u64,

    /// Sign-in attempts per client address per window before 429.
    #[arg(long, env = "QR_EVENT_LOGIN_MAX_PER_IP", default_value_t = 100)]
    pub login_max_per_ip: u64,

    /// Length of the sign-in throttling window in minutes.
    #[arg(long, env = "QR_EVENT_LOGIN_WINDOW_MINUTES", default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..=1440))]
    pub login_window_minutes: u64,

    /// Largest bulk-issue or CSV import body in bytes.
    #[arg(long, env = "QR_EVENT_MAX_IMPORT_BYTES", default_value_t = 33_554_432)]
    pub max_import_bytes: usize,

    /// Default ticket validity: the event's window widened by this many minutes on both sides.
    #[arg(long, env = "QR_EVENT_TICKET_WINDOW_MARGIN_MINUTES", default_value_t = 120, value_parser = clap::value_parser!(i64).range(0..=10_080))]
    pub ticket_window_margin_minutes: i64,

    /// Clock-skew tolerance at the door, in seconds, on both ends of a ticket's window.
    #[arg(long, env = "QR_EVENT_SCAN_CLOCK_SKEW_SECS", default_value_t = 60, value_parser = clap::value_parser!(i64).range(0..=3600))]
    pub scan_clock_skew_secs: i64,

    /// Bearer token Prometheus must send to read `/metrics`. Unset: only a
    /// scraper on this machine, talking to the server directly, may.
    #[arg(long, env = "QR_EVENT_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,

    /// New events per account per day.
    #[arg(long, env = "QR_EVENT_QUOTA_EVENTS_PER_DAY", default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..))]
    pub quota_events_per_day: u64,

    /// Tickets issued per account per day (one by one, batches and imports).
    #[arg(long, env = "QR_EVENT_QUOTA_TICKETS_PER_DAY", default_value_t = 1_000_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub quota_tickets_per_day: u64,

    /// Staff invitations per account per hour.
    #[arg(long, env = "QR_EVENT_QUOTA_INVITATIONS_PER_HOUR", default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..))]
    pub quota_invitations_per_hour: u64,

    /// Door devices created or given a new link per account per hour.
    #[arg(long, env = "QR_EVENT_QUOTA_DEVICES_PER_HOUR", default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..))]
    pub quota_devices_per_hour: u64,

    /// CSV imports, dry runs included, per account per hour.
    #[arg(long, env = "QR_EVENT_QUOTA_IMPORTS_PER_HOUR", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..))]
    pub quota_imports_per_hour: u64,

    /// QR images and PDFs rendered for staff per account per minute (a
    /// whole-event PDF counts ten).
    #[arg(long, env = "QR_EVENT_QUOTA_RENDERS_PER_MINUTE", default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..))]
    pub quota_renders_per_minute: u64,

    /// Attendee page requests per client address per minute.
    #[arg(long, env = "QR_EVENT_QUOTA_PUBLIC_PER_MINUTE", default_value_t = 600, value_parser = clap::value_parser!(u64).range(1..))]
    pub quota_public_per_minute: u64,

    /// Registrations per client address per hour.
    #[arg(long, env = "QR_EVENT_REGISTER_MAX_PER_IP", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    pub register_max_per_ip: u64,

    /// SMTP server for outgoing mail (`smtp://user:pass@host:587?tls=required`,
    /// `smtps://…:465`, or `smtp://host:25` without TLS). Unset: messages go
    /// to the log and the dashboard shows links to pass on.
    #[arg(long, env = "QR_EVENT_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// Sender of outgoing mail, e.g. `QR Event <tickets@example.org>`.
    #[arg(long, env = "QR_EVENT_MAIL_FROM")]
    pub mail_from: Option<String>,

    /// Ticket e-mails handed to the SMTP server per minute, per instance.
    #[arg(long, env = "QR_EVENT_MAIL_PER_MINUTE", default_value_t = 60, value_parser = clap::value_parser!(u32).range(1..=60_000))]
    pub mail_per_minute: u32,

    /// Apple Wallet: PEM file of the Pass Type ID certificate (its subject
    /// names the pass type id and team id). With the key and Apple's
    /// intermediate certificate, attendee pages offer "Add to Apple Wallet".
    #[arg(long, env = "QR_EVENT_APPLE_PASS_CERT")]
    pub apple_pass_cert: Option<std::path::PathBuf>,

    /// Apple Wallet: PEM file of that certificate's private key (RSA, unencrypted).
    #[arg(long, env = "QR_EVENT_APPLE_PASS_KEY")]
    pub apple_pass_key: Option<std::path::PathBuf>,

    /// Apple Wallet: PEM file of Apple's WWDR intermediate certificate that
    /// issued the pass certificate.
    #[arg(long, env = "QR_EVENT_APPLE_WWDR_CERT")]
    pub apple_wwdr_cert: Option<std::path::PathBuf>,

    /// Organisation name shown on wallet passes. Unset: the pass
    /// certificate's organisation.
    #[arg(long, env = "QR_EVENT_WALLET_ORGANIZATION")]
    pub wallet_organization: Option<String>,

    /// Google Wallet: the issuer id (digits) from the Google Pay & Wallet console.
    #[arg(long, env = "QR_EVENT_GOOGLE_WALLET_ISSUER_ID")]
    pub google_wallet_issuer_id: Option<String>,

    /// Google Wallet: the service account's JSON key file. With the issuer
    /// id, attendee pages offer "Add to Google Wallet".
    #[arg(long, env = "QR_EVENT_GOOGLE_WALLET_KEY")]
    pub google_wallet_key: Option<std::path::PathBuf>,

    /// Minutes a door device enrolment link works.
    #[arg(long, env = "QR_EVENT_DEVICE_ENROL_MINUTES", default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..=1440))]
    pub device_enrol_minutes: u64,

    /// Scans per user per minute before 429.
    #[arg(long, env = "QR_EVENT_SCANS_PER_MINUTE", default_value_t = 600, value_parser = clap::value_parser!(u64).range(1..))]
    pub scans_per_minute: u64,

    /// Most door scans decided together in one database transaction (group
    /// commit, ADR 0012); 1 decides every scan alone.
    #[arg(long, env = "QR_EVENT_SCAN_GROUP_MAX", default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=256))]
    pub scan_group_max: u64,

    /// Groups of door scans in flight at once per instance; a further group
    /// starts only when a whole group's worth of scans waits.
    #[arg(long, env = "QR_EVENT_SCAN_GROUPS_IN_FLIGHT", default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=16))]
    pub scan_groups_in_flight: u64,

    /// Seconds between reloads of the QR key ring (picks up rotations and retirements).
    #[arg(long, env = "QR_EVENT_KEY_RELOAD_SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub key_reload_secs: u64,

    /// Seconds between audit sealing passes (tamper-evident hash chain).
    #[arg(long, env = "QR_EVENT_AUDIT_SEAL_SECS", default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub audit_seal_secs: u64,

    /// Directory of the built web UI (index.html and assets/), for UI development. Unset: the UI
    /// embedded in the binary, else ./web/dist when it exists.
    #[arg(long, env = "QR_EVENT_WEB_DIR")]
    pub web_dir: Option<std::path::PathBuf>,

    /// Seconds to let in-flight requests finish after SIGTERM/Ctrl-C.
    #[arg(long, env = "QR_EVENT_SHUTDOWN_GRACE_SECS", default_value_t = 30)]
    pub shutdown_grace_secs: u64,

    /// DEVELOPMENT ONLY: cookies without Secure and the __Host- prefix, for plain HTTP on a
    /// non-local address. Refused when the public URL is https.
    #[arg(long, env = "QR_EVENT_DEV_INSECURE_COOKIES", default_value_t = false)]
    pub dev_insecure_cookies: bool,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let redact = |set: bool| if set { "<redacted>" } else { "<unset>" };
        f.debug_struct("Settings")
            .field("bind", &self.bind)
            .field("data_dir", &self.storage.data_dir)
            .field("database_url", &redact(self.storage.database_url.is_some()))
            .field("redis_url", &redact(self.redis_url.is_some()))
            .field("master_key", &redact(self.keys.master_key.is_some()))
            .field("master_key_file", &self.keys.master_key_file)
            .field("public_url", &self.public_url)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("registration", &self.registration)
            .field("log_format", &self.log_format)
            .field("dev_insecure_cookies", &self.dev_insecure_cookies)
            .finish_non_exhaustive()
    }
}

impl Settings {
    /// Checks combinations that flags alone cannot express.
    pub fn validate(&self) -> anyhow::Result<()> {
        if let Some(url) = &self.public_url {
            if !(url.starts_with("https://") || url.starts_with("http://"))
                || url.trim_end_matches('/').contains('?')
            {
                bail!("QR_EVENT_PUBLIC_URL must be an origin like https://tickets.example.org");
            }
            if self.dev_insecure_cookies && url.starts_with("https://") {
                bail!("QR_EVENT_DEV_INSECURE_COOKIES cannot be used with an https public URL (production)");
            }
        }
        if let Some(url) = &self.storage.database_url {
            if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
                bail!("DATABASE_URL must be a postgres:// URL (leave it unset for the embedded database)");
            }
        }
        if self.smtp_url.is_some() {
            if self.public_url.is_none() {
                bail!("QR_EVENT_SMTP_URL needs QR_EVENT_PUBLIC_URL: links in e-mails must be absolute");
            }
            if self.mail_from.is_none() {
                bail!("QR_EVENT_SMTP_URL needs QR_EVENT_MAIL_FROM, the sender address");
            }
        }
        let apple = [
            self.apple_pass_cert.is_some(),
            self.apple_pass_key.is_some(),
            self.apple_wwdr_cert.is_some(),
        ];
        if apple.contains(&true) && apple.contains(&false) {
            bail!("Apple Wallet needs all three of QR_EVENT_APPLE_PASS_CERT, QR_EVENT_APPLE_PASS_KEY and QR_EVENT_APPLE_WWDR_CERT");
        }
        if self.google_wallet_issuer_id.is_some() != self.google_wallet_key.is_some() {
            bail!("Google Wallet needs both QR_EVENT_GOOGLE_WALLET_ISSUER_ID and QR_EVENT_GOOGLE_WALLET_KEY");
        }
        if self.max_import_bytes < self.max_body_bytes {
            bail!("QR_EVENT_MAX_IMPORT_BYTES must be at least QR_EVENT_MAX_BODY_BYTES");
        }
        if self.max_body_bytes < 1024 {
            bail!("QR_EVENT_MAX_BODY_BYTES must be at least 1024");
        }
        Ok(())
    }

    /// The domain of the sender address, for Message-IDs.
    pub fn mail_domain(&self) -> String {
        self.mail_from
            .as_deref()
            .and_then(|from| from.rsplit_once('@'))
            .map(|(_, domain)| domain.trim_end_matches('>').trim().to_owned())
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| "qr-event.invalid".to_owned())
    }

    /// The public origin without a trailing slash.
    pub fn public_origin(&self) -> Option<String> {
        self.public_url
            .as_ref()
            .map(|u| u.trim_end_matches('/').to_owned())
    }

    /// The quotas on heavy work.
    pub fn quotas(&self) -> qr_event_service::Quotas {
        qr_event_service::Quotas {
            events_per_day: self.quota_events_per_day,
            tickets_per_day: self.quota_tickets_per_day,
            invitations_per_hour: self.quota_invitations_per_hour,
            devices_per_hour: self.quota_devices_per_hour,
            imports_per_hour: self.quota_imports_per_hour,
            renders_per_minute: self.quota_renders_per_minute,
            public_per_minute: self.quota_public_per_minute,
        }
    }

    /// Access token lifetime.
    pub fn access_lifetime(&self) -> Duration {
        Duration::from_secs(self.access_token_minutes * 60)
    }
}

/// Environment variable a `qr-event.toml` key stands for.
fn env_name(key: &str) -> String {
    match key {
        "database_url" => "DATABASE_URL".to_owned(),
        "redis_url" => "REDIS_URL".to_owned(),
        other => format!("QR_EVENT_{}", other.to_ascii_uppercase()),
    }
}

/// Reads `qr-event.toml` (or the file named by `--config`/`QR_EVENT_CONFIG`)
/// and returns the environment variables it provides, for those not already
/// set: the file sits below the environment and the flags.
pub fn file_layer(
    explicit: Option<&Path>,
    known: &[String],
) -> anyhow::Result<Vec<(String, String)>> {
    let path = match explicit {
        Some(path) => path.to_owned(),
        None => {
            let default = PathBuf::from("qr-event.toml");
            if !default.exists() {
                return Ok(Vec::new());
            }
            default
        }
    };
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let table: toml::Table = text
        .parse()
        .with_context(|| format!("parsing {}", path.display()))?;
    let mut out = Vec::new();
    for (key, value) in table {
        let name = env_name(&key);
        if !known.contains(&name) {
            bail!("{}: unknown setting `{key}`", path.display());
        }
        let value = match value {
            toml::Value::String(s) => s,
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            toml::Value::Array(items) => items
                .iter()
                .map(|i| match i {
                    toml::Value::String(s) => Ok(s.clone()),
                    toml::Value::Integer(n) => Ok(n.to_string()),
                    _ => Err(anyhow::anyhow!(
                        "{}: `{key}` must hold strings",
                        path.display()
                    )),
                })
                .collect::<anyhow::Result<Vec<_>>>()?
                .join(","),
            _ => bail!("{}: `{key}` has an unsupported value type", path.display()),
        };
        if std::env::var_os(&name).is_none() {
            out.push((name, value));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Settings from command-line flags alone.
    fn parse(flags: &[&str]) -> Settings {
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            settings: Settings,
        }
        let args = std::iter::once("qr-event").chain(flags.iter().copied());
        <Cli as clap::Parser>::try_parse_from(args)
            .unwrap()
            .settings
    }

    #[test]
    fn wallet_credentials_come_whole() {
        assert!(parse(&[]).validate().is_ok());
        let err = parse(&["--apple-pass-cert", "p.pem", "--apple-pass-key", "p.key"])
            .validate()
            .unwrap_err();
        assert!(
            err.to_string().contains("QR_EVENT_APPLE_WWDR_CERT"),
            "{err}"
        );
        let err = parse(&["--google-wallet-issuer-id", "33880"])
            .validate()
            .unwrap_err();
        assert!(
            err.to_string().contains("QR_EVENT_GOOGLE_WALLET_KEY"),
            "{err}"
        );
        // Named files that cannot be read stop the start with their setting.
        let settings = parse(&[
            "--apple-pass-cert",
            "/nonexistent/p.pem",
            "--apple-pass-key",
            "/nonexistent/p.key",
            "--apple-wwdr-cert",
            "/nonexistent/w.pem",
        ]);
        assert!(settings.validate().is_ok());
        let err = crate::wallets::apple(&settings).unwrap_err();
        assert!(
            err.to_string().contains("QR_EVENT_APPLE_PASS_CERT"),
            "{err}"
        );
    }

    #[test]
    fn toml_keys_map_to_environment_names() {
        assert_eq!(env_name("bind"), "QR_EVENT_BIND");
        assert_eq!(env_name("database_url"), "DATABASE_URL");
    }

    #[test]
    fn file_layer_refuses_unknown_keys() {
        let dir = std::env::temp_dir().join(format!("qre-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("c.toml");
        std::fs::write(&path, "bindd = \"x\"\n").unwrap();
        let err = file_layer(Some(&path), &["QR_EVENT_BIND".into()]).unwrap_err();
        assert!(err.to_string().contains("unknown setting"));
        std::fs::write(&path, "trusted_proxies = [\"10.0.0.0/8\", \"::1/128\"]\n").unwrap();
        let vars = file_layer(Some(&path), &["QR_EVENT_TRUSTED_PROXIES".into()]).unwrap();
        assert_eq!(
            vars,
            vec![(
                "QR_EVENT_TRUSTED_PROXIES".into(),
                "10.0.0.0/8,::1/128".into()
            )]
        );
    }
}
