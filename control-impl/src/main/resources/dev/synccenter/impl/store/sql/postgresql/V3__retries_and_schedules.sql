-- Retries and schedules (C42 to C45), for PostgreSQL. The retry columns of request_items exist
-- since version 1: an item that failed transiently is WAITING (status), with next_attempt_at_us
-- (the earliest time of its next attempt) and last_error (why its last attempt failed); they are
-- NULL in any other state.

-- Backoff (C43): an item that failed transiently, per handler and item, until a success, "retry
-- now" or "give up" deletes its row.
CREATE TABLE backoff (
    handler_id    TEXT    NOT NULL,
    item_id       TEXT    NOT NULL,
    failures      INTEGER NOT NULL,  -- transient failures in a row since its last success
    delay_ms      BIGINT  NOT NULL,  -- the delay the last failure set, jitter included
    retry_at_us   BIGINT  NOT NULL,  -- the end of the backoff
    reason        TEXT    NOT NULL,  -- why the last attempt failed; '' when not known
    changed_at_us BIGINT  NOT NULL,  -- when the last failure set it
    PRIMARY KEY (handler_id, item_id)
);

-- Schedules (C44): what version 1 lacked. A schedule's row is written whole each time it changes:
-- item_ids is a JSON list (NULL for a handler sync), interval_ms the interval of an interval
-- schedule, cron the expression of a cron schedule (the other one NULL), next_run_at_us and
-- last_run_at_us when it runs next and when it last fell due. flags, context, enabled and lease_*
-- stay unused. The new columns:
--   origin           CONFIGURATION or CONTROL (the control service)
--   zone             the time zone its cron expression is read in; NULL for UTC
--   last_request_id  the request of its last run; 0 before the first
--   held             true: a run fell due while its handler could not sync, and waits for it (C45)
ALTER TABLE schedules ADD COLUMN origin TEXT NOT NULL DEFAULT 'CONTROL';
ALTER TABLE schedules ADD COLUMN zone TEXT;
ALTER TABLE schedules ADD COLUMN last_request_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE schedules ADD COLUMN held BOOLEAN NOT NULL DEFAULT FALSE;

-- How many sessions started each item of a request (C43): a JSON object, item ID to count, in
-- request order; NULL when none is known (results written before version 3).
ALTER TABLE results ADD COLUMN attempts TEXT;
