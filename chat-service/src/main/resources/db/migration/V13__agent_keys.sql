-- Keys an admin mints for an agent: they let it in through /mcp as agent:<name>, never as a person.
-- Only the SHA-256 of the key is kept (the key is 256 random bits, answered once), so a leak of this
-- table opens nothing; prefix is the key's first characters, shown to tell keys apart.
-- project: the one project the key may act on (null: any). A revoked key stays, for the record.
CREATE TABLE agent_keys (
    id           text PRIMARY KEY,
    agent        text        NOT NULL,
    key_hash     text        NOT NULL UNIQUE,
    prefix       text        NOT NULL,
    label        text,
    project      text,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    revoked_by   text,
    last_used_at timestamptz
);
CREATE INDEX agent_keys_agent_idx ON agent_keys (agent, created_at);
