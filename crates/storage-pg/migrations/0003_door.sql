-- The offline door: change positions for pack deltas, conflicts of offline
-- admissions, and a lookup of a ticket's admissions.

-- The transaction that last wrote a ticket. A pack read remembers the oldest
-- transaction still running (pg_snapshot_xmin); the next delta asks for rows
-- written by that transaction or later, so a late commit is never missed.
ALTER TABLE tickets ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX tickets_event_change ON tickets (event_id, change_xid);

CREATE FUNCTION tickets_touch_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_xid := pg_current_xact_id();
    RETURN NEW;
END;
$$;
CREATE TRIGGER tickets_change BEFORE UPDATE ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_touch_change();

-- A ticket's admissions, to link a conflict to the other scan.
CREATE INDEX audit_log_admissions ON audit_log (subject)
    WHERE action = 'ticket.scan' AND outcome = 'success';

CREATE TABLE door_conflicts (
    id                UUID PRIMARY KEY,
    event_id          UUID NOT NULL REFERENCES events (id),
    ticket_id         UUID NOT NULL REFERENCES tickets (id),
    reason            TEXT NOT NULL,
    detected_at       TIMESTAMPTZ NOT NULL,
    first_scan_id     UUID,
    first_gate        TEXT,
    first_device_id   UUID,
    first_user_id     UUID,
    first_scanned_at  TIMESTAMPTZ,
    first_received_at TIMESTAMPTZ,
    first_offline     BOOLEAN,
    second_scan_id    UUID,
    second_gate       TEXT,
    second_device_id  UUID,
    second_user_id    UUID,
    second_scanned_at TIMESTAMPTZ NOT NULL,
    second_received_at TIMESTAMPTZ NOT NULL,
    second_offline    BOOLEAN NOT NULL,
    notified_at       TIMESTAMPTZ
);
CREATE INDEX door_conflicts_event ON door_conflicts (event_id, detected_at DESC, id DESC);
CREATE INDEX door_conflicts_unnotified ON door_conflicts (event_id, second_device_id)
    WHERE notified_at IS NULL;

-- Whether door devices get holders' names in their offline pack (an event
-- may keep names off phones that could be lost).
ALTER TABLE events ADD COLUMN door_names BOOLEAN NOT NULL DEFAULT TRUE;
