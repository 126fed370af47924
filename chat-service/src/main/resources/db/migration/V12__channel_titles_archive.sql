-- A channel's name is its key everywhere (messages, read markers, approvals, project bindings,
-- the Discord bridge's mappings, agents' events, deep links): it is never renamed. An admin gives
-- it a title instead, which people see. An archived channel is listed to no one and takes no new
-- messages; its history stays readable.
ALTER TABLE channels ADD COLUMN title text;
ALTER TABLE channels ADD COLUMN archived_at timestamptz;
