-- The workflow's durable record, owned by the state-broadcaster (schema "workflow"). Redis keeps
-- the live snapshot and the streams as a cache rebuilt from these tables.

CREATE TABLE projects (
    name                 text PRIMARY KEY,
    description          text,
    state                text        NOT NULL,
    mode                 text        NOT NULL,
    ci_failures_in_a_row integer     NOT NULL DEFAULT 0,
    last_epic            integer     NOT NULL DEFAULT 0,
    last_story           integer     NOT NULL DEFAULT 0,
    archived             boolean     NOT NULL DEFAULT false,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE epics (
    project     text        NOT NULL REFERENCES projects (name),
    id          text        NOT NULL,
    title       text        NOT NULL,
    description text,
    closed      boolean     NOT NULL DEFAULT false,
    created_by  text,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (project, id)
);

CREATE TABLE stories (
    project    text        NOT NULL REFERENCES projects (name),
    id         text        NOT NULL,
    epic_id    text,
    title      text        NOT NULL,
    criteria   text,
    priority   text        NOT NULL,
    points     integer,
    status     text        NOT NULL,
    assignee   text,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (project, id),
    FOREIGN KEY (project, epic_id) REFERENCES epics (project, id)
);

CREATE TABLE tdd_cycles (
    project    text        NOT NULL REFERENCES projects (name),
    story_id   text        NOT NULL,
    phase      text        NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (project, story_id)
);

CREATE TABLE transitions (
    id         bigserial PRIMARY KEY,
    project    text        NOT NULL REFERENCES projects (name),
    from_state text        NOT NULL,
    to_state   text        NOT NULL,
    command    text        NOT NULL,
    by_whom    text        NOT NULL,
    at         timestamptz NOT NULL
);
CREATE INDEX transitions_by_project ON transitions (project, id);

-- Each event that changed the record is applied once: its id is kept with the change, in the
-- same transaction, for a week.
CREATE TABLE processed_events (
    id           text PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX processed_events_by_age ON processed_events (processed_at);
