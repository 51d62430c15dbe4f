-- Finding people fast on large events: trigram indexes answer the ticket
-- list's substring search (`lower(holder_name) LIKE '%…%'`, and the e-mail
-- address for staff who may see it) without reading every ticket.
-- pg_trgm ships with PostgreSQL and is a trusted extension: the database
-- owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX tickets_name_trgm ON tickets USING gin (lower(holder_name) gin_trgm_ops);
CREATE INDEX tickets_email_trgm ON tickets USING gin (lower(coalesce(holder_email, '')) gin_trgm_ops);
