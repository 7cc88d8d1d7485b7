-- Rejected records keep an excerpt of the payload, with the size (UTF-8 bytes) and SHA-256 (hex)
-- of the whole payload and whether the excerpt is shorter; rows stored before this migration
-- kept the payload whole and have no size or digest. The purge deletes by received_at.
-- Portable between H2 and PostgreSQL.
ALTER TABLE rejected_record ADD COLUMN payload_bytes BIGINT;
ALTER TABLE rejected_record ADD COLUMN payload_sha256 VARCHAR(64);
ALTER TABLE rejected_record ADD COLUMN truncated BOOLEAN DEFAULT FALSE NOT NULL;

CREATE INDEX rejected_record_received_at ON rejected_record (received_at);
