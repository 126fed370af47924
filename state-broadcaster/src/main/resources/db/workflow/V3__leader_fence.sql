-- The fence of the state-broadcaster's leadership (issue 23): each process that takes the lead
-- claims the next token here before it applies anything, and every write of the record checks,
-- in its transaction, that the token is still its own. A leader paused past its lease (a long GC,
-- SIGSTOP) wakes to a higher token and writes nothing. The token lives here, not in Redis: a Redis
-- restarted without its data counts the lease's tokens from 1 again, this table never goes back.
CREATE TABLE leader_fence (
    role       text        PRIMARY KEY,
    token      bigint      NOT NULL,
    holder     text        NOT NULL,
    claimed_at timestamptz NOT NULL DEFAULT now()
);
