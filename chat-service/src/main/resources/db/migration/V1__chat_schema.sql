-- The chat-service's tables. Every change to the chat takes the next number of change_seq,
-- which orders history and is each client's catch-up cursor.

CREATE SEQUENCE change_seq AS bigint START WITH 1;

CREATE TABLE users (
    username      text PRIMARY KEY,
    display_name  text        NOT NULL,
    password_hash text        NOT NULL,
    roles         text[]      NOT NULL DEFAULT '{member}',
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE auth_sessions (
    token_hash  text PRIMARY KEY,
    username    text        NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX auth_sessions_username_idx ON auth_sessions (username);
CREATE INDEX auth_sessions_expires_idx ON auth_sessions (expires_at);

CREATE TABLE channels (
    name        text PRIMARY KEY,
    description text        NOT NULL DEFAULT '',
    kind        text        NOT NULL DEFAULT 'public' CHECK (kind IN ('public', 'dm')),
    created_by  text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO channels (name, description, created_by) VALUES
    ('general', 'General discussion', 'system'),
    ('workflow', 'Workflow updates', 'system'),
    ('agents', 'Agent activity', 'system'),
    ('errors', 'Error reports', 'system');

CREATE TABLE messages (
    id            uuid PRIMARY KEY,
    seq           bigint      NOT NULL UNIQUE,
    channel       text        NOT NULL REFERENCES channels (name),
    author_type   text        NOT NULL CHECK (author_type IN ('user', 'agent', 'system')),
    author_id     text        NOT NULL,
    author_name   text        NOT NULL,
    content       text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    edited_at     timestamptz,
    deleted_at    timestamptz,
    thread_id     uuid REFERENCES messages (id),
    reply_to      uuid REFERENCES messages (id),
    metadata      jsonb       NOT NULL DEFAULT '{}',
    source        text        NOT NULL CHECK (source IN ('web', 'agent', 'discord', 'system')),
    external_id   text,
    search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED
);
CREATE INDEX messages_channel_seq_idx ON messages (channel, seq DESC);
CREATE INDEX messages_author_idx ON messages (author_id);
CREATE INDEX messages_thread_idx ON messages (thread_id) WHERE thread_id IS NOT NULL;
CREATE INDEX messages_search_idx ON messages USING gin (search_vector);
CREATE UNIQUE INDEX messages_external_idx ON messages (source, external_id) WHERE external_id IS NOT NULL;

-- The log of changes a reconnecting client replays with resume: the frame's JSON as it was
-- sent, kept as text because it is only ever sent again, never queried inside.
CREATE TABLE changes (
    seq        bigint PRIMARY KEY,
    channel    text        NOT NULL,
    type       text        NOT NULL,
    frame      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX changes_channel_seq_idx ON changes (channel, seq);

CREATE TABLE reactions (
    message_id uuid        NOT NULL REFERENCES messages (id),
    user_id    text        NOT NULL,
    reaction   text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, reaction, user_id)
);

CREATE TABLE read_markers (
    username      text   NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    channel       text   NOT NULL REFERENCES channels (name),
    last_read_seq bigint NOT NULL,
    PRIMARY KEY (username, channel)
);

CREATE TABLE attachments (
    id          uuid PRIMARY KEY,
    message_id  uuid REFERENCES messages (id),
    uploaded_by text        NOT NULL,
    file_name   text        NOT NULL,
    file_type   text        NOT NULL,
    file_size   bigint      NOT NULL,
    sha256      text        NOT NULL,
    storage_key text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_message_idx ON attachments (message_id);

CREATE TABLE approvals (
    id             text PRIMARY KEY,
    request_type   text        NOT NULL,
    title          text        NOT NULL,
    payload        jsonb       NOT NULL,
    status         text        NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'approved', 'rejected', 'expired', 'cancelled')),
    requested_by   text        NOT NULL,
    requested_at   timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    decided_by     text,
    decided_at     timestamptz,
    comment        text,
    modifications  jsonb,
    message_id     uuid REFERENCES messages (id),
    channel        text        NOT NULL REFERENCES channels (name)
);
CREATE INDEX approvals_pending_expiry_idx ON approvals (expires_at) WHERE status = 'pending';
CREATE INDEX approvals_status_idx ON approvals (status, requested_at DESC);

-- Envelope ids already applied: the same id has its effect once, on any path, on any replica.
CREATE TABLE processed_events (
    event_id     text PRIMARY KEY,
    type         text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
