-- Accounts, sessions, events, members, signing keys and the audit log.

CREATE TABLE users (
    id            UUID PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT,
    is_admin      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE sessions (
    id             UUID PRIMARY KEY,
    user_id        UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     TIMESTAMPTZ NOT NULL,
    last_used_at   TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    revoked_at     TIMESTAMPTZ,
    revoked_reason TEXT
);
CREATE INDEX sessions_user_open ON sessions (user_id) WHERE revoked_at IS NULL;

-- Refresh tokens are stored as SHA-256 hashes only.
CREATE TABLE refresh_tokens (
    token_hash BYTEA PRIMARY KEY,
    session_id UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    rotated_at TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

CREATE TABLE events (
    id         UUID PRIMARY KEY,
    name       TEXT NOT NULL,
    starts_at  TIMESTAMPTZ NOT NULL,
    ends_at    TIMESTAMPTZ NOT NULL,
    venue      TEXT NOT NULL,
    timezone   TEXT NOT NULL,
    archived   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CHECK (ends_at > starts_at)
);

CREATE TABLE event_members (
    event_id UUID NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id  UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'scanner')),
    added_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (event_id, user_id)
);
-- "my events": members by user; the join then reads events by primary key.
CREATE INDEX event_members_user ON event_members (user_id, event_id);
-- members list keyset order.
CREATE INDEX event_members_order ON event_members (event_id, added_at, user_id);

CREATE TABLE signing_keys (
    kid           TEXT PRIMARY KEY,
    purpose       TEXT NOT NULL,
    algorithm     TEXT NOT NULL,
    public_key    BYTEA,
    sealed_secret BYTEA NOT NULL,
    status        TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX signing_keys_purpose ON signing_keys (purpose, created_at);

-- Append-only: ids are UUIDv7 (time-ordered), so concurrent writers never
-- contend on a sequence or a shared row.
CREATE TABLE audit_log (
    id         UUID PRIMARY KEY,
    at         TIMESTAMPTZ NOT NULL,
    event_id   UUID,
    actor_id   UUID,
    action     TEXT NOT NULL,
    outcome    TEXT NOT NULL,
    subject    TEXT,
    client_ip  TEXT,
    request_id TEXT,
    details    JSONB NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_event ON audit_log (event_id, id DESC);
CREATE INDEX audit_log_instance ON audit_log (id DESC) WHERE event_id IS NULL;

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
