-- Door devices, staff invitations and address verification.
-- Times are INTEGER microseconds (UTC); ids are 16-byte BLOBs; scans_day is YYYY-MM-DD.

-- A phone enrolled for one event. The enrolment token and the session's
-- refresh tokens are stored as SHA-256 hashes only; a device has at most one
-- live session (its current phone).
CREATE TABLE door_devices (
    id                BLOB PRIMARY KEY,
    event_id          BLOB NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    gate              TEXT NOT NULL,
    mode              TEXT NOT NULL CHECK (mode IN ('check_in', 'verify')),
    created_by        BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at        INTEGER NOT NULL,
    expires_at        INTEGER NOT NULL,
    enrol_hash        BLOB UNIQUE,
    enrol_expires_at  INTEGER,
    enrolled_at       INTEGER,
    session_id        BLOB UNIQUE,
    refresh_hash      BLOB,
    prev_refresh_hash BLOB,
    revoked_at        INTEGER,
    last_seen_at      INTEGER,
    app_version       TEXT,
    pending_scans     INTEGER,
    scans_day         TEXT,
    scans_count       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX door_devices_event ON door_devices (event_id, created_at, id);

CREATE TABLE invitations (
    id          BLOB PRIMARY KEY,
    event_id    BLOB NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'scanner')),
    token_hash  BLOB NOT NULL UNIQUE,
    invited_by  BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    accepted_at INTEGER,
    accepted_by BLOB REFERENCES users (id) ON DELETE SET NULL,
    revoked_at  INTEGER
);
CREATE INDEX invitations_event ON invitations (event_id, created_at DESC, id DESC);
-- "may this address register on a closed instance?"
CREATE INDEX invitations_email ON invitations (email) WHERE accepted_at IS NULL;

ALTER TABLE users ADD COLUMN email_verified_at INTEGER;

CREATE TABLE email_verifications (
    token_hash BLOB PRIMARY KEY,
    user_id    BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email      TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX email_verifications_user ON email_verifications (user_id);

-- Roles used to be granted to an address before anyone proved they held it;
-- such grants to accounts nobody has signed up for are withdrawn (the
-- organiser invites again, with a link).
DELETE FROM event_members
WHERE user_id IN (SELECT id FROM users WHERE password_hash IS NULL);
