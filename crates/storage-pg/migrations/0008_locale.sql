-- The language tickets are printed in: per event (the default of its
-- tickets) and per ticket. NULL means "not chosen": a ticket follows its
-- event, an event prints in English. Adding a NULL column rewrites nothing;
-- the checks are NOT VALID so that no existing row is scanned (they hold
-- for every row written from now on, and the old rows are all NULL).
ALTER TABLE events ADD COLUMN locale TEXT;
ALTER TABLE events ADD CONSTRAINT events_locale CHECK (locale IN ('en', 'fr')) NOT VALID;
ALTER TABLE tickets ADD COLUMN locale TEXT;
ALTER TABLE tickets ADD CONSTRAINT tickets_locale CHECK (locale IN ('en', 'fr')) NOT VALID;
