-- The language tickets are printed in: per event (the default of its
-- tickets) and per ticket. NULL means "not chosen": a ticket follows its
-- event, an event prints in English.
ALTER TABLE events ADD COLUMN locale TEXT CHECK (locale IN ('en', 'fr'));
ALTER TABLE tickets ADD COLUMN locale TEXT CHECK (locale IN ('en', 'fr'));
