-- Unread counts kept on write, so a ready frame reads one row per channel instead of counting
-- messages (issue #22: 10,000 connections took 204 s to open, each ready counting every channel).
--
-- unread(person, channel) = live - read_live - own_unread, where
--   channel_counters.live      the channel's messages not deleted
--   read_markers.read_live     of those, the ones at or before the person's marker
--   read_markers.own_unread    the person's own live messages after the marker (never unread to them)
-- and read_markers.mentions_unread counts live messages after the marker that mention the person.
--
-- Triggers keep them, so every way a message is written (a person's send, the agents' batch
-- insert, a seeded benchmark) counts alike, in the transaction that writes it. Writers already
-- run one at a time (the change lock, ChangeLog.SERIALISE_CHANGES), so the counter row adds no
-- waiting. A marker moving forward locks its channel's counter row first
-- (ReadMarkerRepository), so it never counts against a write still in flight.
--
-- A marker never lies past the last change number handed out: a message written later always
-- comes after every marker, so an insert never has to look at markers.

CREATE TABLE channel_counters (
    channel  text PRIMARY KEY REFERENCES channels (name),
    live     bigint NOT NULL DEFAULT 0,
    last_seq bigint NOT NULL DEFAULT 0
);

ALTER TABLE read_markers
    ADD COLUMN read_live       bigint NOT NULL DEFAULT 0,
    ADD COLUMN own_unread      bigint NOT NULL DEFAULT 0,
    ADD COLUMN mentions_unread bigint NOT NULL DEFAULT 0;

-- A delete lowers read_live of every marker at or past the message: found by channel.
CREATE INDEX read_markers_channel_seq_idx ON read_markers (channel, last_read_seq);

-- Who a message mentions, as PushNotifier decides it: @name (Java's \w is ASCII, hence the
-- class), not by a webhook, in a DM only its person, never its author.
CREATE FUNCTION wf_mentioned(content text, channel text, author_type text, author_id text)
    RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(array_agg(DISTINCT name), '{}')
    FROM (SELECT (regexp_matches(content, '(?<![A-Za-z0-9_@])@([a-z0-9][a-z0-9_-]{0,31})', 'g'))[1] AS name
          WHERE strpos(content, '@') > 0 AND author_type <> 'hook') found
    WHERE name <> author_id
      AND (channel NOT LIKE 'dm:%' OR split_part(channel, ':', 3) IN ('', name))
$$;

CREATE FUNCTION wf_channel_created() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO channel_counters (channel) SELECT name FROM created ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER channels_counted AFTER INSERT ON channels
    REFERENCING NEW TABLE AS created FOR EACH STATEMENT EXECUTE FUNCTION wf_channel_created();

-- Per statement, so an agents' batch of hundreds of messages updates each row once.
CREATE FUNCTION wf_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO channel_counters AS c (channel, live, last_seq)
    SELECT channel, count(*) FILTER (WHERE deleted_at IS NULL), max(seq) FROM added GROUP BY channel
    ON CONFLICT (channel) DO UPDATE SET live = c.live + EXCLUDED.live,
                                        last_seq = GREATEST(c.last_seq, EXCLUDED.last_seq);
    INSERT INTO read_markers AS r (username, channel, last_read_seq, own_unread)
    SELECT a.author_id, a.channel, 0, count(*)
    FROM added a JOIN users u ON u.username = a.author_id
    WHERE a.author_type = 'user' AND a.deleted_at IS NULL
    GROUP BY a.author_id, a.channel
    ON CONFLICT (username, channel) DO UPDATE SET own_unread = r.own_unread + EXCLUDED.own_unread;
    INSERT INTO read_markers AS r (username, channel, last_read_seq, mentions_unread)
    SELECT m.name, a.channel, 0, count(*)
    FROM added a
         CROSS JOIN LATERAL unnest(wf_mentioned(a.content, a.channel, a.author_type, a.author_id)) AS m(name)
         JOIN users u ON u.username = m.name
    WHERE a.deleted_at IS NULL AND strpos(a.content, '@') > 0
    GROUP BY m.name, a.channel
    ON CONFLICT (username, channel) DO UPDATE SET mentions_unread = r.mentions_unread + EXCLUDED.mentions_unread;
    RETURN NULL;
END
$$;
CREATE TRIGGER messages_counted AFTER INSERT ON messages
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION wf_messages_inserted();

-- One message version coming (+1) or going (-1): its place in the counts, and/or its mentions.
CREATE FUNCTION wf_count_message(m messages, sign int, counts boolean, mentions boolean)
    RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- the counter row first: a marker moving forward waits on it (see above)
    UPDATE channel_counters SET live = live + (CASE WHEN counts THEN sign ELSE 0 END) WHERE channel = m.channel;
    IF counts THEN
        UPDATE read_markers SET read_live = read_live + sign
        WHERE channel = m.channel AND last_read_seq >= m.seq;
        IF m.author_type = 'user' THEN
            UPDATE read_markers SET own_unread = own_unread + sign
            WHERE username = m.author_id AND channel = m.channel AND last_read_seq < m.seq;
        END IF;
    END IF;
    IF mentions AND strpos(m.content, '@') > 0 THEN
        IF sign > 0 THEN
            INSERT INTO read_markers AS r (username, channel, last_read_seq, mentions_unread)
            SELECT name, m.channel, 0, 1
            FROM unnest(wf_mentioned(m.content, m.channel, m.author_type, m.author_id)) AS name
            JOIN users u ON u.username = name
            ON CONFLICT (username, channel) DO UPDATE SET mentions_unread = r.mentions_unread + 1
            WHERE r.last_read_seq < m.seq;
        ELSE
            UPDATE read_markers SET mentions_unread = mentions_unread - 1
            WHERE channel = m.channel AND last_read_seq < m.seq
              AND username = ANY (wf_mentioned(m.content, m.channel, m.author_type, m.author_id));
        END IF;
    END IF;
END
$$;

-- Per row, and only for a delete (or undelete) or an edit: pins, reactions and card updates skip it.
CREATE FUNCTION wf_message_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    flipped boolean := (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL);
BEGIN
    IF OLD.deleted_at IS NULL THEN
        PERFORM wf_count_message(OLD, -1, flipped, true);
    END IF;
    IF NEW.deleted_at IS NULL THEN
        PERFORM wf_count_message(NEW, 1, flipped, true);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER message_changed_counted AFTER UPDATE ON messages FOR EACH ROW
    WHEN ((OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) OR OLD.content IS DISTINCT FROM NEW.content)
    EXECUTE FUNCTION wf_message_changed();

-- Backfill, after the triggers: creating them locked out writes to messages until this commits.
INSERT INTO channel_counters (channel, live, last_seq)
SELECT c.name,
       (SELECT count(*) FROM messages m WHERE m.channel = c.name AND m.deleted_at IS NULL),
       COALESCE((SELECT max(m.seq) FROM messages m WHERE m.channel = c.name), 0)
FROM channels c;

INSERT INTO read_markers (username, channel, last_read_seq)
SELECT DISTINCT m.author_id, m.channel, 0
FROM messages m JOIN users u ON u.username = m.author_id
WHERE m.author_type = 'user' AND m.deleted_at IS NULL
ON CONFLICT DO NOTHING;
INSERT INTO read_markers (username, channel, last_read_seq)
SELECT DISTINCT name, m.channel, 0
FROM messages m
     CROSS JOIN LATERAL unnest(wf_mentioned(m.content, m.channel, m.author_type, m.author_id)) AS name
     JOIN users u ON u.username = name
WHERE m.deleted_at IS NULL AND strpos(m.content, '@') > 0
ON CONFLICT DO NOTHING;

UPDATE read_markers r SET
    last_read_seq = LEAST(r.last_read_seq, (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM change_seq));
UPDATE read_markers r SET
    read_live = (SELECT count(*) FROM messages m
                 WHERE m.channel = r.channel AND m.seq <= r.last_read_seq AND m.deleted_at IS NULL),
    own_unread = (SELECT count(*) FROM messages m
                  WHERE m.channel = r.channel AND m.seq > r.last_read_seq AND m.deleted_at IS NULL
                    AND m.author_type = 'user' AND m.author_id = r.username),
    mentions_unread = (SELECT count(*) FROM messages m
                       WHERE m.channel = r.channel AND m.seq > r.last_read_seq AND m.deleted_at IS NULL
                         AND strpos(m.content, '@') > 0
                         AND r.username = ANY (wf_mentioned(m.content, m.channel, m.author_type, m.author_id)));
