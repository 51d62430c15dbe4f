-- Tickets, scan idempotency, and the sealed audit chain.

CREATE TABLE tickets (
    id             UUID PRIMARY KEY,
    -- No cascade: an event with tickets cannot be deleted (archive it instead).
    event_id       UUID NOT NULL REFERENCES events (id),
    holder_name    TEXT NOT NULL,
    holder_email   TEXT,
    category       TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    valid_from     TIMESTAMPTZ NOT NULL,
    valid_until    TIMESTAMPTZ NOT NULL,
    max_uses       INTEGER NOT NULL CHECK (max_uses BETWEEN 1 AND 1000),
    uses           INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0),
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
    revoked_at     TIMESTAMPTZ,
    replaced_by    UUID,
    access_version INTEGER NOT NULL DEFAULT 1,
    first_used_at  TIMESTAMPTZ,
    first_gate     TEXT,
    last_used_at   TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL,
    CHECK (valid_until > valid_from)
);
-- List order (keyset) and counts per event.
CREATE INDEX tickets_event_order ON tickets (event_id, created_at, id);

-- One row per check-in scan_id: a retry finds the first answer's audit entry.
CREATE TABLE scan_claims (
    scan_id    UUID PRIMARY KEY,
    audit_id   UUID NOT NULL,
    event_id   UUID NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Scan statistics read the audit log by event, action and time.
CREATE INDEX audit_log_event_action ON audit_log (event_id, action, at);

-- Tamper evidence: audit rows are sealed in batches per chain (one chain per
-- event, plus the instance chain). Each seal hashes its rows and the previous
-- seal, so concurrent writers never contend on a "last hash" row.
CREATE TABLE audit_seals (
    chain      TEXT NOT NULL,
    seq        BIGINT NOT NULL,
    row_count  INTEGER NOT NULL,
    prev_hash  BYTEA NOT NULL,
    hash       BYTEA NOT NULL,
    sealed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (chain, seq)
);
CREATE TABLE audit_sealed (
    audit_id UUID PRIMARY KEY,
    chain    TEXT NOT NULL,
    seq      BIGINT NOT NULL
);
CREATE INDEX audit_sealed_seal ON audit_sealed (chain, seq, audit_id);

CREATE TRIGGER audit_seals_no_update_delete BEFORE UPDATE OR DELETE ON audit_seals
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_sealed_no_update_delete BEFORE UPDATE OR DELETE ON audit_sealed
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
