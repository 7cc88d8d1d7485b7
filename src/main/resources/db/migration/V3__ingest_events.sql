-- Ingest ledger: every accepted event id with the digest of the record it carried, so that the same
-- event id sent again with other content is a conflict, not a silent drop. confirmed_at is set once
-- the event is durable on the broker; an unconfirmed row (a crash before the broker answered) lets
-- the same content through again. Rows expire after HUB_INGEST_DEDUPE_RETENTION.
CREATE TABLE ingest_event (
    event_id       UUID        NOT NULL PRIMARY KEY,
    content_sha256 VARCHAR(64) NOT NULL,
    region         VARCHAR(64) NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_at   TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ingest_event_received_at ON ingest_event (received_at);
