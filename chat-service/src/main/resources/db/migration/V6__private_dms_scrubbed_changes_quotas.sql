-- Security, second pass.

-- An edit or a delete rewrites the message's earlier records in the change log, so resume no longer
-- hands out what it said: the records are found by the message they are about.
ALTER TABLE changes ADD COLUMN message_id uuid;
UPDATE changes SET message_id = (CASE WHEN type IN ('message.deleted', 'reaction.updated')
                                      THEN frame::jsonb ->> 'message_id'
                                      ELSE frame::jsonb -> 'message' ->> 'message_id' END)::uuid;
CREATE INDEX changes_message_idx ON changes (message_id) WHERE message_id IS NOT NULL;

-- Changes older than the retention are removed; a resume from before the newest one removed is
-- answered "gone" (reload) instead of silently missing them. One row.
CREATE TABLE change_log_pruned (
    only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    through_seq bigint  NOT NULL
);
INSERT INTO change_log_pruned (through_seq) VALUES (0);

-- An admin may disable an account: it can't log in, and its sessions end.
ALTER TABLE users ADD COLUMN disabled_at timestamptz;

-- Upload quotas count a person's recent and unattached uploads; unattached ones are removed after a day.
CREATE INDEX attachments_uploader_idx ON attachments (uploaded_by, created_at);
CREATE INDEX attachments_unattached_idx ON attachments (created_at) WHERE message_id IS NULL;

-- Channel creation is limited per creator and minute.
CREATE INDEX channels_created_by_idx ON channels (created_by, created_at);
