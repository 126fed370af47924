-- Sprints with their plan, life and review; and every move of a TDD cycle with its evidence.

CREATE TABLE sprints (
    project          text        NOT NULL REFERENCES projects (name),
    number           integer     NOT NULL,
    goal             text,
    days             integer     NOT NULL,
    status           text        NOT NULL,
    story_ids        text[]      NOT NULL,
    planned_by       text        NOT NULL,
    planned_at       timestamptz NOT NULL,
    started_at       timestamptz,
    ended_at         timestamptz,
    pauses           jsonb       NOT NULL DEFAULT '[]',
    notes            jsonb       NOT NULL DEFAULT '[]',
    ci_failures      integer     NOT NULL DEFAULT 0,
    cycles_completed integer     NOT NULL DEFAULT 0,
    planned_points   integer     NOT NULL DEFAULT 0,
    done_points      integer     NOT NULL DEFAULT 0,
    done_ids         text[]      NOT NULL DEFAULT '{}',
    PRIMARY KEY (project, number)
);

CREATE TABLE tdd_events (
    id       bigserial PRIMARY KEY,
    project  text        NOT NULL REFERENCES projects (name),
    story_id text        NOT NULL,
    from_phase text,
    to_phase text        NOT NULL,
    by_whom  text,
    at       timestamptz NOT NULL,
    passed   integer,
    failed   integer,
    skipped  integer,
    commit_sha text,
    ci       text,
    url      text,
    warning  text
);
CREATE INDEX tdd_events_by_story ON tdd_events (project, story_id, id);

-- What a command said along with its move (a plan, a review summary).
ALTER TABLE transitions ADD COLUMN note text;
