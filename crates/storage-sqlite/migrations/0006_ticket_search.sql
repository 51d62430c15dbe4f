-- Finding people fast on large events: an FTS5 table with the trigram
-- tokenizer (case-insensitive) answers substring searches of names and
-- e-mail addresses (`LIKE '%…%'` of three characters or more) from its
-- index. Kept in step with `tickets` by triggers; tickets are never deleted
-- (an event with tickets cannot be), so inserts and name or address changes
-- are all there is to follow.
CREATE VIRTUAL TABLE ticket_search USING fts5(
    ticket_id UNINDEXED,
    holder_name,
    holder_email,
    tokenize = 'trigram'
);
INSERT INTO ticket_search (rowid, ticket_id, holder_name, holder_email)
    SELECT rowid, id, holder_name, coalesce(holder_email, '') FROM tickets;

CREATE TRIGGER tickets_search_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_search (rowid, ticket_id, holder_name, holder_email)
    VALUES (new.rowid, new.id, new.holder_name, coalesce(new.holder_email, ''));
END;
CREATE TRIGGER tickets_search_update AFTER UPDATE OF holder_name, holder_email ON tickets BEGIN
    UPDATE ticket_search
       SET holder_name = new.holder_name, holder_email = coalesce(new.holder_email, '')
     WHERE ticket_id = new.id;
END;
