-- When each agent's status last changed (not when it was last restated): the agent board's
-- "time in state" from the server, the same for every page and after a reload.
ALTER TABLE agents ADD COLUMN status_since timestamptz;
UPDATE agents SET status_since = status_at;
ALTER TABLE agents ALTER COLUMN status_since SET NOT NULL;
