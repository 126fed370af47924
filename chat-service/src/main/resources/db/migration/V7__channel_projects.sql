-- A channel may be bound to one workflow project: commands typed there act on it, and its
-- transitions are posted there. An approval may name the project it belongs to.
ALTER TABLE channels ADD COLUMN project text;
CREATE INDEX channels_by_project ON channels (project) WHERE project IS NOT NULL;
ALTER TABLE approvals ADD COLUMN project text;
