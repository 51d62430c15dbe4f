-- Accounts, sessions, events, members, signing keys and the audit log.
-- Times are INTEGER microseconds since the Unix epoch (UTC); ids are 16-byte BLOBs.

CREATE TABLE users (
    id            BLOB PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT,
    is_admin      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
    id             BLOB PRIMARY KEY,
    user_id        BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     INTEGER NOT NULL,
    last_used_at   INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    revoked_at     INTEGER,
    revoked_reason TEXT
);
CREATE INDEX sessions_user_open ON sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_tokens (
    token_hash BLOB PRIMARY KEY,
    session_id BLOB NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    rotated_at INTEGER
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

CREATE TABLE events (
    id         BLOB PRIMARY KEY,
    name       TEXT NOT NULL,
    starts_at  INTEGER NOT NULL,
    ends_at    INTEGER NOT NULL,
    venue      TEXT NOT NULL,
    timezone   TEXT NOT NULL,
    archived   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (ends_at > starts_at)
);

CREATE TABLE event_members (
    event_id BLOB NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id  BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'scanner')),
    added_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX event_members_user ON event_members (user_id, event_id);
CREATE INDEX event_members_order ON event_members (event_id, added_at, user_id);

CREATE TABLE signing_keys (
    kid           TEXT PRIMARY KEY,
    purpose       TEXT NOT NULL,
    algorithm     TEXT NOT NULL,
    public_key    BLOB,
    sealed_secret BLOB NOT NULL,
    status        TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX signing_keys_purpose ON signing_keys (purpose, created_at);

CREATE TABLE audit_log (
    id         BLOB PRIMARY KEY,
    at         INTEGER NOT NULL,
    event_id   BLOB,
    actor_id   BLOB,
    action     TEXT NOT NULL,
    outcome    TEXT NOT NULL,
    subject    TEXT,
    client_ip  TEXT,
    request_id TEXT,
    details    TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_event ON audit_log (event_id, id DESC);
CREATE INDEX audit_log_instance ON audit_log (id DESC) WHERE event_id IS NULL;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
