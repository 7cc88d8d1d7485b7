-- Watermarks of polling sources: per region, source and vendor object, the last-modified time
-- (epoch milliseconds) up to which every change was handed to intake, and the ids already handed
-- over at exactly that time, so rows sharing the boundary time are neither missed nor sent twice.
-- A row is written only after intake answered for the page it covers.
CREATE TABLE source_watermark (
    region        VARCHAR(64)  NOT NULL,
    source        VARCHAR(64)  NOT NULL,
    object_name   VARCHAR(128) NOT NULL,
    modified_at   BIGINT       NOT NULL,
    ids_at_mark   VARCHAR      NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (region, source, object_name)
);
