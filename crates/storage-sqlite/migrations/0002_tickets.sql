-- Tickets, scan idempotency, and the sealed audit chain.

CREATE TABLE tickets (
    id             BLOB PRIMARY KEY,
    -- No cascade: an event with tickets cannot be deleted (archive it instead).
    event_id       BLOB NOT NULL REFERENCES events (id),
    holder_name    TEXT NOT NULL,
    holder_email   TEXT,
    category       TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    valid_from     INTEGER NOT NULL,
    valid_until    INTEGER NOT NULL,
    max_uses       INTEGER NOT NULL CHECK (max_uses BETWEEN 1 AND 1000),
    uses           INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0),
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
    revoked_at     INTEGER,
    replaced_by    BLOB,
    access_version INTEGER NOT NULL DEFAULT 1,
    first_used_at  INTEGER,
    first_gate     TEXT,
    last_used_at   INTEGER,
    created_at     INTEGER NOT NULL,
    CHECK (valid_until > valid_from)
);
CREATE INDEX tickets_event_order ON tickets (event_id, created_at, id);

CREATE TABLE scan_claims (
    scan_id    BLOB PRIMARY KEY,
    audit_id   BLOB NOT NULL,
    event_id   BLOB NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE INDEX audit_log_event_action ON audit_log (event_id, action, at);

CREATE TABLE audit_seals (
    chain      TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    row_count  INTEGER NOT NULL,
    prev_hash  BLOB NOT NULL,
    hash       BLOB NOT NULL,
    sealed_at  INTEGER NOT NULL,
    PRIMARY KEY (chain, seq)
);
CREATE TABLE audit_sealed (
    audit_id BLOB PRIMARY KEY,
    chain    TEXT NOT NULL,
    seq      INTEGER NOT NULL
);
CREATE INDEX audit_sealed_seal ON audit_sealed (chain, seq, audit_id);

CREATE TRIGGER audit_seals_no_update BEFORE UPDATE ON audit_seals
BEGIN
    SELECT RAISE(ABORT, 'audit_seals is append-only');
END;
CREATE TRIGGER audit_seals_no_delete BEFORE DELETE ON audit_seals
BEGIN
    SELECT RAISE(ABORT, 'audit_seals is append-only');
END;
CREATE TRIGGER audit_sealed_no_update BEFORE UPDATE ON audit_sealed
BEGIN
    SELECT RAISE(ABORT, 'audit_sealed is append-only');
END;
CREATE TRIGGER audit_sealed_no_delete BEFORE DELETE ON audit_sealed
BEGIN
    SELECT RAISE(ABORT, 'audit_sealed is append-only');
END;
