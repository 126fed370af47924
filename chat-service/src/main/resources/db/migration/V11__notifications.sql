-- What each person wants to be told of (desktop notifications, kinds, muted channels), kept
-- server-side so the choice follows them to every device; and the Web Push subscriptions of
-- their devices (one row per browser that said yes).
CREATE TABLE user_preferences (
    username    text PRIMARY KEY REFERENCES users (username) ON DELETE CASCADE,
    preferences jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE push_subscriptions (
    endpoint    text PRIMARY KEY,
    username    text        NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    p256dh      text        NOT NULL,
    auth        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX push_subscriptions_username ON push_subscriptions (username);
