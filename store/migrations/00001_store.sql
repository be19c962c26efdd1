-- The store's tables (store/postgres*.go): the same data the bbolt backend keeps
-- in its buckets. Times are timestamptz (microseconds; the store truncates every
-- time it is given to microseconds on both backends), durations are nanoseconds.

-- +goose Up
-- Per-database settings: the HMAC key for pseudonymous user ids (user_hash_key).
CREATE TABLE stylist_meta (
    key   text PRIMARY KEY,
    value bytea NOT NULL
);

-- One answered request, keyed by the reply it produced (store.RequestRecord).
CREATE TABLE requests (
    reply_ref  text PRIMARY KEY,
    request_id text    NOT NULL DEFAULT '',
    variant    text    NOT NULL DEFAULT '',
    model      text    NOT NULL DEFAULT '',
    platform   text    NOT NULL DEFAULT '',
    workspace  text    NOT NULL DEFAULT '',
    channel    text    NOT NULL DEFAULT '',
    user_hash  text    NOT NULL DEFAULT '',
    latency_ns bigint  NOT NULL DEFAULT 0,
    fell_back  boolean NOT NULL DEFAULT false,
    grounded   boolean NOT NULL DEFAULT false,
    items      integer NOT NULL DEFAULT 0,
    at         timestamptz NOT NULL
);
CREATE INDEX requests_at ON requests (at);

-- A user's latest vote on a reply (store.FeedbackEvent); seq orders votes cast
-- at the same instant, and a replaced vote takes a new seq.
CREATE SEQUENCE feedback_seq;
CREATE TABLE feedback (
    reply_ref  text    NOT NULL,
    user_hash  text    NOT NULL,
    request_id text    NOT NULL DEFAULT '',
    platform   text    NOT NULL DEFAULT '',
    workspace  text    NOT NULL DEFAULT '',
    channel    text    NOT NULL DEFAULT '',
    variant    text    NOT NULL DEFAULT '', -- the request record's variant at vote time
    helpful    boolean NOT NULL,
    at         timestamptz NOT NULL,
    seq        bigint  NOT NULL DEFAULT nextval('feedback_seq'),
    PRIMARY KEY (reply_ref, user_hash)
);
CREATE INDEX feedback_at ON feedback (at, seq);

-- Conversation memory: a thread's turns (history.Turn as JSON, oldest first).
-- json, not jsonb: an exact copy, so a turn reads back as it was written.
CREATE TABLE threads (
    key        text PRIMARY KEY,
    turns      json   NOT NULL,
    updated_ns bigint NOT NULL -- unix nanoseconds of the last append
);
CREATE INDEX threads_updated ON threads (updated_ns);

-- Channels a moderator paused (store.PauseInfo).
CREATE TABLE paused_channels (
    channel_key text PRIMARY KEY,
    paused_by   text NOT NULL,
    at          timestamptz NOT NULL
);

-- +goose Down
DROP TABLE paused_channels;
DROP TABLE threads;
DROP TABLE feedback;
DROP SEQUENCE feedback_seq;
DROP TABLE requests;
DROP TABLE stylist_meta;
