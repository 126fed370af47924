-- Approvals that scale with trust: a quorum (the approvals given so far kept with the request,
-- changed only under the row's lock), what silence does and who hears of it, the mode the request
-- was asked under, the rule that decided it, and its flow group.
ALTER TABLE approvals ADD COLUMN required_approvals integer NOT NULL DEFAULT 1;
ALTER TABLE approvals ADD COLUMN votes jsonb;
ALTER TABLE approvals ADD COLUMN on_expiry text NOT NULL DEFAULT 'reject';
ALTER TABLE approvals ADD COLUMN escalate_to text NOT NULL DEFAULT 'role:admin';
ALTER TABLE approvals ADD COLUMN reminded_at timestamptz;
ALTER TABLE approvals ADD COLUMN escalated_at timestamptz;
ALTER TABLE approvals ADD COLUMN mode text;
ALTER TABLE approvals ADD COLUMN rule_id text;
ALTER TABLE approvals ADD COLUMN group_id text;
CREATE INDEX approvals_by_group ON approvals (group_id) WHERE group_id IS NOT NULL;
CREATE INDEX approvals_pending_by_expiry ON approvals (expires_at) WHERE status = 'pending';

-- Standing rules: "approve, and don't ask again" (allow) and the ask-list (ask), per project.
-- Revoking stamps revoked_at; a rule is never deleted, so what it decided keeps naming it.
CREATE TABLE approval_rules (
    id             bigserial PRIMARY KEY,
    kind           text        NOT NULL CHECK (kind IN ('allow', 'ask')),
    project        text        NOT NULL,
    agent          text,
    request_type   text,
    command_prefix text,
    pattern        text,
    max_risk       text,
    until_kind     text        NOT NULL DEFAULT 'revoked',
    sprint         integer,
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL,
    approval_id    text,
    revoked_by     text,
    revoked_at     timestamptz
);
CREATE INDEX approval_rules_active ON approval_rules (project) WHERE revoked_at IS NULL;
