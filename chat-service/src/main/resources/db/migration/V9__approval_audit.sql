-- Every decision of an approval (a person's, a policy's, an expiry, a cancel) as an entry of a
-- hash chain: hash = SHA-256 over the previous entry's hash and this entry's canonical JSON.
-- Entries are only ever added: updating or deleting one is refused here, and would be found by
-- GET /api/approvals/audit/verify.
CREATE TABLE approval_audit (
    seq         bigserial PRIMARY KEY,
    approval_id text        NOT NULL,
    project     text,
    agent       text        NOT NULL,
    decided_by  text        NOT NULL,
    decided_at  timestamptz NOT NULL,
    entry       text        NOT NULL,
    prev_hash   text        NOT NULL,
    hash        text        NOT NULL
);
CREATE INDEX approval_audit_by_project ON approval_audit (project, seq);
CREATE INDEX approval_audit_by_agent ON approval_audit (agent, seq);

CREATE FUNCTION approval_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'approval_audit entries are never changed or removed';
END;
$$;
CREATE TRIGGER approval_audit_append_only BEFORE UPDATE OR DELETE ON approval_audit
    FOR EACH ROW EXECUTE FUNCTION approval_audit_is_append_only();
