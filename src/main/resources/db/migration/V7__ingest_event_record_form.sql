-- The form in which ingest wrote an event's record (its normalisation): a digest taken in another
-- form is not comparable, so the same input sent again after an upgrade that changed normalisation
-- is a repeat, not a conflict. Rows written before this column existed are form 1.
ALTER TABLE ingest_event ADD COLUMN record_form INT DEFAULT 1 NOT NULL;
