-- The Sync Center store, schema version 1, for SQLite. docs/ARCHITECTURE.md, "The store", explains
-- each table. Times are microseconds since 1970-01-01 UTC (columns *_us); to read one:
--   SELECT datetime(accepted_at_us / 1000000, 'unixepoch') FROM requests;
-- Contexts and result items are JSON (ContextCodec). Columns marked "later" are written as NULL
-- or their default today; retries, schedules and several nodes will fill them.

-- Request IDs are reserved in blocks: IDs below next_value were handed out and never come again.
CREATE TABLE id_sequence (
    name       TEXT    PRIMARY KEY,
    next_value INTEGER NOT NULL
);
INSERT INTO id_sequence (name, next_value) VALUES ('request', 1);

-- Accepted requests without a result (C36, C37); a request leaves for results when it finishes.
CREATE TABLE requests (
    request_id       INTEGER PRIMARY KEY,
    handler_id       TEXT    NOT NULL,
    kind             TEXT    NOT NULL,  -- ITEM_SYNC or HANDLER_SYNC
    flags            TEXT    NOT NULL,  -- SyncControlFlag names separated by ',', '' for none
    context          TEXT,              -- ContextCodec JSON; NULL when none or volatile
    volatile_context INTEGER NOT NULL,  -- 1: its context could not be stored (C36)
    accepted_at_us   INTEGER NOT NULL,
    resolved         INTEGER NOT NULL,  -- 0: a handler sync whose items are not decided yet (C8)
    node_id          TEXT               -- later: the node that accepted it
);

-- The items of unfinished requests, each with its state.
CREATE TABLE request_items (
    request_id          INTEGER NOT NULL,
    item_id             TEXT    NOT NULL,
    position            INTEGER NOT NULL,            -- request order
    status              TEXT    NOT NULL,            -- PENDING, RUNNING or a final ProgressStatus
    attempts            INTEGER NOT NULL DEFAULT 0,  -- sessions that started it
    errors              INTEGER NOT NULL DEFAULT 0,
    conflicts           INTEGER NOT NULL DEFAULT 0,
    started_at_us       INTEGER,
    finished_at_us      INTEGER,
    next_attempt_at_us  INTEGER,                     -- later: retries and backoff (C42)
    last_error          TEXT,                        -- later: retries
    lease_owner         TEXT,                        -- later: several nodes (the node running it)
    lease_expires_at_us INTEGER,                     -- later: several nodes
    fencing_token       INTEGER,                     -- later: several nodes
    PRIMARY KEY (request_id, item_id)
) WITHOUT ROWID;

-- The history: one result per request (C17, C38), bounded by retention (C39).
CREATE TABLE results (
    request_id     INTEGER PRIMARY KEY,
    handler_id     TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    error_count    INTEGER NOT NULL,
    conflict_count INTEGER NOT NULL,
    items          TEXT    NOT NULL,  -- JSON object: item ID to final status, in request order
    reason         TEXT,
    accepted_at_us INTEGER,
    started_at_us  INTEGER,
    finished_at_us INTEGER NOT NULL,
    served_by      TEXT
);
CREATE INDEX results_by_time ON results (finished_at_us, request_id);
CREATE INDEX results_by_handler ON results (handler_id, finished_at_us, request_id);
CREATE INDEX results_by_status ON results (status, finished_at_us, request_id);

-- The event store (C33), bounded by retention (C39). seq is the order events were stored in.
CREATE TABLE events (
    seq            INTEGER PRIMARY KEY,
    event_id       TEXT    NOT NULL UNIQUE,
    time_us        INTEGER NOT NULL,
    handler_id     TEXT    NOT NULL,
    item_id        TEXT,
    level          TEXT    NOT NULL,
    name           TEXT,
    description    TEXT,
    link_text      TEXT,
    link_reference TEXT,
    context        TEXT,
    request_id     INTEGER NOT NULL,
    session_id     INTEGER NOT NULL
);
-- Each filter reads its index newest first and stops at the limit; a handler and an item together
-- read the item's (an item ID is more selective than its handler's).
CREATE INDEX events_by_handler ON events (handler_id, seq);
CREATE INDEX events_by_item ON events (item_id, seq);
CREATE INDEX events_by_time ON events (time_us);

-- Enabled and active states (C29, C30); item_id is '' for a handler's own states.
CREATE TABLE states (
    handler_id    TEXT    NOT NULL,
    item_id       TEXT    NOT NULL,
    name          TEXT    NOT NULL,  -- HANDLER_ENABLED, HANDLER_ACTIVE or ITEM_ENABLED
    value         INTEGER NOT NULL,
    changed_at_us INTEGER NOT NULL,
    PRIMARY KEY (handler_id, item_id, name)
) WITHOUT ROWID;

-- Later: schedules (C43 to C45). Empty today.
CREATE TABLE schedules (
    schedule_id         TEXT    PRIMARY KEY,
    handler_id          TEXT    NOT NULL,
    item_ids            TEXT,              -- JSON list; NULL for a handler sync
    flags               TEXT    NOT NULL DEFAULT '',
    context             TEXT,
    cron                TEXT,
    interval_ms         INTEGER,
    enabled             INTEGER NOT NULL DEFAULT 1,
    next_run_at_us      INTEGER,
    last_run_at_us      INTEGER,
    lease_owner         TEXT,
    lease_expires_at_us INTEGER
);

-- The processes that use this store. Each writes its row when it opens the store and when it
-- checks that a failing store is back; later, several nodes' heartbeats and fencing tokens.
CREATE TABLE nodes (
    node_id         TEXT    PRIMARY KEY,
    started_at_us   INTEGER NOT NULL,
    heartbeat_at_us INTEGER NOT NULL,
    fencing_token   INTEGER NOT NULL DEFAULT 0
);
