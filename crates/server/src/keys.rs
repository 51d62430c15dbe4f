//! Key material: the master key (from configuration or a generated file) and
//! the session secret it protects, stored sealed in the database so that
//! every instance sharing the database signs and verifies alike.

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::Utc;
use qr_event_auth::{random_bytes, MasterKey};
use qr_event_storage::{Notice, Storage, StoredKey};

use crate::config::{KeySettings, StorageSettings};

/// Purpose of the secret behind access tokens and CSRF tokens.
pub const SESSION_PURPOSE: &str = "session";

/// Loads the master key: from `QR_EVENT_MASTER_KEY`, else from the key file.
/// With the embedded database the file is generated (0600) when absent; with
/// PostgreSQL a key must be configured, as instances must share it.
pub fn master_key(storage: &StorageSettings, settings: &KeySettings) -> anyhow::Result<MasterKey> {
    if let Some(encoded) = &settings.master_key {
        return decode_key(encoded.trim()).context("QR_EVENT_MASTER_KEY");
    }
    let path = match &settings.master_key_file {
        Some(path) => path.clone(),
        None if storage.is_postgres() => bail!(
            "with PostgreSQL, set QR_EVENT_MASTER_KEY or QR_EVENT_MASTER_KEY_FILE (the same key on every instance); \
             generate one with: head -c 32 /dev/urandom | base64"
        ),
        None => storage.data_dir.join("master.key"),
    };
    if path.exists() {
        check_permissions(&path);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        return decode_key(text.trim())
            .with_context(|| format!("master key file {}", path.display()));
    }
    if settings.master_key_file.is_some() && storage.is_postgres() {
        bail!("master key file {} does not exist", path.display());
    }
    let key = MasterKey::generate();
    write_new_key(&path, &key)?;
    tracing::warn!(path = %path.display(), "generated a new master key; back it up with the database");
    Ok(key)
}

fn decode_key(encoded: &str) -> anyhow::Result<MasterKey> {
    let bytes = STANDARD.decode(encoded).context("not valid base64")?;
    let bytes: [u8; 32] = bytes
        .try_into()
        .map_err(|_| anyhow::anyhow!("must decode to exactly 32 bytes"))?;
    Ok(MasterKey::from_bytes(bytes))
}

fn write_new_key(path: &Path, key: &MasterKey) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    writeln!(file, "{}", STANDARD.encode(key.expose())).context("writing the master key")?;
    file.sync_all().context("writing the master key")?;
    Ok(())
}

fn check_permissions(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.permissions().mode() & 0o077 != 0 {
                tracing::warn!(path = %path.display(), "master key file is readable by other users; chmod 600 it");
            }
        }
    }
}

fn new_session_key(master: &MasterKey) -> StoredKey {
    let kid = format!("s{}", Utc::now().format("%Y%m%d%H%M%S%3f"));
    let secret: [u8; 32] = random_bytes();
    StoredKey {
        sealed_secret: master.seal(&secret, kid.as_bytes()),
        kid,
        purpose: SESSION_PURPOSE.to_owned(),
        algorithm: "HS256".to_owned(),
        public_key: None,
        status: "active".to_owned(),
        created_at: Utc::now(),
    }
}

fn open_session_key(master: &MasterKey, key: &StoredKey) -> anyhow::Result<[u8; 32]> {
    let secret = master.open(&key.sealed_secret, key.kid.as_bytes()).map_err(|_| {
        anyhow::anyhow!(
            "cannot decrypt the stored session key: this master key is not the one the database was set up with"
        )
    })?;
    secret
        .try_into()
        .map_err(|_| anyhow::anyhow!("stored session key has a bad length"))
}

/// The session secrets in force: created once (first instance wins), then
/// opened with the master key by every instance.
pub struct SessionSecrets {
    /// The newest active secret, `(kid, secret)`: it signs.
    pub signing: (String, [u8; 32]),
    /// Earlier secrets in their grace period (`verify`): they only verify.
    pub verifying: Vec<(String, [u8; 32])>,
    /// The first session secret ever (whatever its status): attendee links
    /// are derived from it, so rotating sessions never breaks a printed ticket.
    pub links_root: [u8; 32],
}

/// Tells every instance that a key ring changed (ADR 0008); a failure only
/// delays the change to their next periodic reload.
async fn announce_keys(storage: &Storage) {
    if let Err(err) = storage.notices.publish(Notice::KeysChanged).await {
        tracing::warn!(error = %err, "could not tell the other instances about a new key");
    }
}

/// Loads (creating on first start) the session secrets.
pub async fn session_secrets(
    storage: &Storage,
    master: &MasterKey,
) -> anyhow::Result<SessionSecrets> {
    let existing = storage.keys.list(SESSION_PURPOSE).await?;
    if existing.iter().all(|k| k.status != "active")
        && storage
            .keys
            .insert_first_active(&new_session_key(master))
            .await?
    {
        announce_keys(storage).await;
    }
    let mut keys = storage.keys.list(SESSION_PURPOSE).await?;
    keys.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.kid.cmp(&b.kid)));
    let first = keys.first().context("no session key after creating one")?;
    let links_root = open_session_key(master, first)?;
    let newest_active = keys
        .iter()
        .rev()
        .find(|k| k.status == "active")
        .context("no active session key")?;
    let signing = (
        newest_active.kid.clone(),
        open_session_key(master, newest_active)?,
    );
    let mut verifying = Vec::new();
    for key in keys
        .iter()
        .filter(|k| k.status == "verify" || (k.status == "active" && k.kid != signing.0))
    {
        verifying.push((key.kid.clone(), open_session_key(master, key)?));
    }
    Ok(SessionSecrets {
        signing,
        verifying,
        links_root,
    })
}

/// The signing session secret `(kid, secret)`.
pub async fn session_secret(
    storage: &Storage,
    master: &MasterKey,
) -> anyhow::Result<(String, [u8; 32])> {
    Ok(session_secrets(storage, master).await?.signing)
}

/// Makes a new session secret the signing one; the previous keeps verifying
/// (live access and CSRF tokens) until retired. Returns the new kid.
pub async fn rotate_session_key(storage: &Storage, master: &MasterKey) -> anyhow::Result<String> {
    session_secrets(storage, master).await?;
    let key = new_session_key(master);
    storage.keys.rotate(&key).await?;
    Ok(key.kid)
}

/// Purpose of the Ed25519 keys that sign ticket codes.
pub const QR_PURPOSE: &str = "qr";

fn new_qr_key(master: &MasterKey) -> (StoredKey, qr_event_qr::KeyId) {
    let pair = qr_event_qr::SigningKeyPair::generate();
    let kid = pair.kid.to_string();
    let key = StoredKey {
        sealed_secret: master.seal(&pair.secret, kid.as_bytes()),
        kid,
        purpose: QR_PURPOSE.to_owned(),
        algorithm: "Ed25519".to_owned(),
        public_key: Some(pair.public.to_vec()),
        status: "active".to_owned(),
        created_at: Utc::now(),
    };
    (key, pair.kid)
}

/// Loads the QR key ring: the newest active key signs; active and `verify`
/// keys verify; retired keys are left out. Creates the first key if none.
pub async fn qr_key_ring(
    storage: &Storage,
    master: &MasterKey,
) -> anyhow::Result<qr_event_qr::KeyRing> {
    let mut keys = storage.keys.list(QR_PURPOSE).await?;
    if keys.iter().all(|k| k.status != "active") {
        let (key, _) = new_qr_key(master);
        if storage.keys.insert_first_active(&key).await? {
            announce_keys(storage).await;
        }
        keys = storage.keys.list(QR_PURPOSE).await?;
    }
    let mut signing = None;
    let mut verifying = Vec::new();
    for key in keys.iter().filter(|k| k.status != "retired") {
        let kid: qr_event_qr::KeyId = key
            .kid
            .parse()
            .map_err(|_| anyhow::anyhow!("stored QR key id {} is malformed", key.kid))?;
        let public: [u8; 32] = key
            .public_key
            .clone()
            .and_then(|p| p.try_into().ok())
            .ok_or_else(|| anyhow::anyhow!("stored QR key {} has no public key", key.kid))?;
        if key.status == "active" {
            // Keys are listed oldest first: the newest active key wins.
            let secret = master
                .open(&key.sealed_secret, key.kid.as_bytes())
                .map_err(|_| {
                    anyhow::anyhow!("cannot decrypt QR key {} with this master key", key.kid)
                })?;
            let secret: [u8; 32] = secret
                .try_into()
                .map_err(|_| anyhow::anyhow!("QR key {} has a bad length", key.kid))?;
            if let Some(previous) =
                signing.replace(qr_event_qr::SigningKeyPair::from_secret(kid, secret))
            {
                verifying.push((previous.kid, previous.public));
            }
        } else {
            verifying.push((kid, public));
        }
    }
    qr_event_qr::KeyRing::new(signing, verifying).map_err(|e| anyhow::anyhow!("QR key ring: {e}"))
}

/// Adds a new signing key; the previous one keeps verifying until retired.
pub async fn rotate_qr_key(
    storage: &Storage,
    master: &MasterKey,
) -> anyhow::Result<qr_event_qr::KeyId> {
    qr_key_ring(storage, master).await?;
    let (key, kid) = new_qr_key(master);
    storage.keys.rotate(&key).await?;
    Ok(kid)
}
