-- attempts: how many times in a row the hub started reading a file and stopped without progress
-- or a clean answer (an internal error, the JVM out of memory, a crash); past a small number the
-- file is FAILED instead of being read again every poll. ignored_columns: the header cells of a
-- file that name no field the hub reads, one per line, so an operator sees what was not taken.
-- Portable between H2 and PostgreSQL.
ALTER TABLE source_file ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE source_file ADD COLUMN ignored_columns VARCHAR(2000);
