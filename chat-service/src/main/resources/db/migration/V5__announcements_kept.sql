-- Announcements of committed changes that Redis did not take before their replica stopped (Redis
-- was away). Written only by a stopping replica, so no row belongs to a live one; any replica that
-- reaches Redis makes them, oldest first, and deletes each once Redis has taken it.
CREATE TABLE announcements_kept (
    id      bigserial   PRIMARY KEY,
    kept_at timestamptz NOT NULL DEFAULT now(),
    what    text        NOT NULL,
    steps   text        NOT NULL  -- Announcement.Step as JSON: [{"agent": null | name, "event": envelope}]
);
