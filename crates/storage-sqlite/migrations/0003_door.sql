-- The offline door: change positions for pack deltas, conflicts of offline
-- admissions, and a lookup of a ticket's admissions.

-- SQLite has one writer at a time, so a counter bumped by every ticket write
-- orders changes exactly; a pack read remembers the highest value it saw.
CREATE TABLE ticket_change_counter (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL
);
INSERT INTO ticket_change_counter (id, seq) VALUES (1, 0);

ALTER TABLE tickets ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tickets_event_change ON tickets (event_id, change_seq);

CREATE TRIGGER tickets_change_insert AFTER INSERT ON tickets BEGIN
    UPDATE ticket_change_counter SET seq = seq + 1 WHERE id = 1;
    UPDATE tickets SET change_seq = (SELECT seq FROM ticket_change_counter WHERE id = 1)
    WHERE id = NEW.id;
END;
CREATE TRIGGER tickets_change_update
AFTER UPDATE OF holder_name, category, valid_from, valid_until, max_uses, uses, status,
                revoked_at, replaced_by ON tickets
BEGIN
    UPDATE ticket_change_counter SET seq = seq + 1 WHERE id = 1;
    UPDATE tickets SET change_seq = (SELECT seq FROM ticket_change_counter WHERE id = 1)
    WHERE id = NEW.id;
END;

-- A ticket's admissions, to link a conflict to the other scan.
CREATE INDEX audit_log_admissions ON audit_log (subject)
    WHERE action = 'ticket.scan' AND outcome = 'success';

CREATE TABLE door_conflicts (
    id                 BLOB PRIMARY KEY,
    event_id           BLOB NOT NULL REFERENCES events (id),
    ticket_id          BLOB NOT NULL REFERENCES tickets (id),
    reason             TEXT NOT NULL,
    detected_at        INTEGER NOT NULL,
    first_scan_id      BLOB,
    first_gate         TEXT,
    first_device_id    BLOB,
    first_user_id      BLOB,
    first_scanned_at   INTEGER,
    first_received_at  INTEGER,
    first_offline      INTEGER,
    second_scan_id     BLOB,
    second_gate        TEXT,
    second_device_id   BLOB,
    second_user_id     BLOB,
    second_scanned_at  INTEGER NOT NULL,
    second_received_at INTEGER NOT NULL,
    second_offline     INTEGER NOT NULL,
    notified_at        INTEGER
);
CREATE INDEX door_conflicts_event ON door_conflicts (event_id, detected_at DESC, id DESC);
CREATE INDEX door_conflicts_unnotified ON door_conflicts (event_id, second_device_id)
    WHERE notified_at IS NULL;

-- Whether door devices get holders' names in their offline pack (an event
-- may keep names off phones that could be lost).
ALTER TABLE events ADD COLUMN door_names INTEGER NOT NULL DEFAULT 1;
