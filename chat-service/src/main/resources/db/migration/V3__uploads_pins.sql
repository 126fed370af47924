-- Uploads, pins and thread counts.

-- A file's bytes live apart from its row, so listing attachments never reads them.
CREATE TABLE attachment_contents (
    attachment_id uuid PRIMARY KEY REFERENCES attachments (id) ON DELETE CASCADE,
    bytes         bytea NOT NULL,
    thumbnail     bytea
);

-- thumbnail_type is null when the file has no thumbnail; position orders a message's files
-- as its sender listed them.
ALTER TABLE attachments
    ADD COLUMN thumbnail_type text,
    ADD COLUMN position       integer NOT NULL DEFAULT 0;

ALTER TABLE messages
    ADD COLUMN pinned_at timestamptz,
    ADD COLUMN pinned_by text;
CREATE INDEX messages_pinned_idx ON messages (channel, pinned_at DESC) WHERE pinned_at IS NOT NULL;
