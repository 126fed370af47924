-- What an approval request says of itself: its risk (what the project's mode decides by) and its
-- context (reason, command, diff, story, TDD phase, links).
ALTER TABLE approvals ADD COLUMN risk text NOT NULL DEFAULT 'medium';
ALTER TABLE approvals ADD COLUMN context jsonb;
