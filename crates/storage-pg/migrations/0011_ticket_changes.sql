-- Check-ins as HOT updates (issue 12). A ticket's change position for pack
-- deltas (0003) was a column of the ticket, indexed and rewritten by every
-- update, so no update of a ticket could be HOT: each check-in added an
-- entry to all five of the table's indexes, two of them trigram indexes of
-- the name and the address. Now `tickets.change_xid` keeps the inserting
-- transaction only, and updates note their transaction in a narrow table of
-- their own, one row per ticket. Table pages keep room for updated versions,
-- so that a check-in rewrites the row on its own page and no index.
CREATE TABLE ticket_changes (
    ticket_id  UUID PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    event_id   UUID NOT NULL,
    change_xid xid8 NOT NULL
);
CREATE INDEX ticket_changes_event ON ticket_changes (event_id, change_xid);

DROP TRIGGER tickets_change ON tickets;
DROP FUNCTION tickets_touch_change();

CREATE FUNCTION tickets_note_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ticket_changes (ticket_id, event_id, change_xid)
    SELECT id, event_id, pg_current_xact_id() FROM changed_tickets ORDER BY id
    ON CONFLICT (ticket_id) DO UPDATE SET change_xid = EXCLUDED.change_xid;
    RETURN NULL;
END;
$$;
CREATE TRIGGER tickets_changes AFTER UPDATE ON tickets
    REFERENCING NEW TABLE AS changed_tickets
    FOR EACH STATEMENT EXECUTE FUNCTION tickets_note_changes();

ALTER TABLE tickets SET (fillfactor = 80);
