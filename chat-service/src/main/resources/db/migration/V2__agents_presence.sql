-- Agents' presence and current task, from agent.status; one row per agent ever seen.
-- status_at is the producer's time of the status, so a late, older status cannot overwrite a newer one.
CREATE TABLE agents (
    name         text PRIMARY KEY,
    status       text        NOT NULL CHECK (status IN ('online', 'busy', 'idle', 'offline')),
    task         text,
    detail       text,
    status_at    timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
);
CREATE INDEX agents_live_idx ON agents (last_seen_at) WHERE status <> 'offline';
