-- The audit trail (C51): every state-changing call from a remote surface, stored before it takes
-- effect. seq is the order the calls were recorded in. Not pruned: an operator deletes old rows
-- with SQL when the trail may go.
CREATE TABLE audit (
    seq        INTEGER PRIMARY KEY,
    at_us      INTEGER NOT NULL,
    who        TEXT    NOT NULL,
    role       TEXT    NOT NULL,
    surface    TEXT    NOT NULL,
    from_addr  TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    target     TEXT    NOT NULL
);
CREATE INDEX audit_by_time ON audit (at_us);
