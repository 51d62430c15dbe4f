-- Ticket search picks its plan from the estimated number of matches: few
-- (a person) → the trigram index, then sort; many (a surname shared by
-- thousands) → the event's tickets newest first until the page is full.
-- With the default statistics a term shared by 0.7 % of a million tickets
-- was estimated at 100 matches and read all 7,000 of them (about 30 ms
-- instead of 4). A finer sample of the indexed expressions fixes the
-- estimate; ANALYZE costs a little more (it runs in the background after
-- large batches).
ALTER INDEX tickets_name_trgm ALTER COLUMN 1 SET STATISTICS 1000;
ALTER INDEX tickets_email_trgm ALTER COLUMN 1 SET STATISTICS 1000;
ANALYZE tickets;
