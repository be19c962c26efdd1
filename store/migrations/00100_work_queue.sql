-- What replicas share besides the store (store/cluster): the durable work queue,
-- the de-duplication keys of platform deliveries and the rate-limit buckets.

-- +goose Up
-- One acknowledged request waiting for, or being given, its answer. A replica
-- leases a job (owner, lease_until) and extends the lease while it works; a job
-- whose lease ran out (its replica died) is taken again by another replica.
-- reply is the final reply, stored once (compare-and-swap on NULL) before it is
-- delivered: a later attempt re-delivers it instead of answering a second time.
CREATE TABLE work_jobs (
    id          text PRIMARY KEY,            -- the request id
    platform    text        NOT NULL,        -- which adapter rebuilds its delivery
    payload     jsonb       NOT NULL,        -- request, query, reply target (bot-owned format)
    state       text        NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done')),
    attempts    integer     NOT NULL DEFAULT 0,
    enqueued_at timestamptz NOT NULL DEFAULT now(),
    owner       text,
    lease_until timestamptz,
    reply       jsonb,
    done_at     timestamptz
);
CREATE INDEX work_jobs_open ON work_jobs (enqueued_at) WHERE state <> 'done';
CREATE INDEX work_jobs_done ON work_jobs (done_at) WHERE state = 'done';

-- Platform deliveries already accepted (Slack event_id / trigger_id, Discord
-- interaction and message ids): the first replica to insert a key handles it.
CREATE TABLE delivery_keys (
    key        text PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
CREATE INDEX delivery_keys_expires ON delivery_keys (expires_at);

-- Token buckets of the rate limits (per user, per channel, votes per user).
CREATE TABLE rate_buckets (
    key        text PRIMARY KEY,
    tokens     double precision NOT NULL,
    updated_at timestamptz      NOT NULL
);
CREATE INDEX rate_buckets_updated ON rate_buckets (updated_at);

-- +goose Down
DROP TABLE rate_buckets;
DROP TABLE delivery_keys;
DROP TABLE work_jobs;
