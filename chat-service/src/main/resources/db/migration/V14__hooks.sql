-- Incoming webhooks and GitHub hooks: an admin binds a hook to a channel; its URL's secret is kept
-- only as a hash. A GitHub hook's signing secret is kept as it is: checking GitHub's HMAC needs it.
CREATE TABLE hooks (
    id             uuid        PRIMARY KEY,
    kind           text        NOT NULL CHECK (kind IN ('incoming', 'github')),
    channel        text        NOT NULL REFERENCES channels (name),
    name           text        NOT NULL,
    project        text,
    secret_hash    text        NOT NULL UNIQUE,
    signing_secret text,
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    revoked_at     timestamptz,
    CHECK ((kind = 'github') = (signing_secret IS NOT NULL))
);

-- GitHub's delivery ids already applied, per hook, so a redelivery changes nothing twice; pruned
-- after wfchat.hooks.deliveries-kept-for (GitHub redelivers up to three days back).
CREATE TABLE hook_deliveries (
    hook_id     uuid        NOT NULL REFERENCES hooks (id),
    delivery_id text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (hook_id, delivery_id)
);
CREATE INDEX hook_deliveries_received_idx ON hook_deliveries (received_at);

-- A hook's message is its own kind of author, never a person's or an agent's.
ALTER TABLE messages DROP CONSTRAINT messages_author_type_check;
ALTER TABLE messages ADD CONSTRAINT messages_author_type_check
    CHECK (author_type IN ('user', 'agent', 'system', 'hook'));
ALTER TABLE messages DROP CONSTRAINT messages_source_check;
ALTER TABLE messages ADD CONSTRAINT messages_source_check
    CHECK (source IN ('web', 'agent', 'discord', 'system', 'hook'));
