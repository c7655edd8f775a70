-- db-scheduler's one table on PostgreSQL, as its README's "Database compatibility" table links it
-- (db-scheduler/src/test/resources/postgresql_tables.sql) for the 16.x releases; the harness runs
-- this in a fresh schema per round. The columns are db-scheduler's contract: JdbcTaskRepository
-- reads and writes them by name.
CREATE TABLE scheduled_tasks (
  task_name            TEXT NOT NULL,
  task_instance        TEXT NOT NULL,
  task_data            BYTEA,
  execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
  picked               BOOLEAN NOT NULL,
  picked_by            TEXT,
  last_success         TIMESTAMP WITH TIME ZONE,
  last_failure         TIMESTAMP WITH TIME ZONE,
  consecutive_failures INT,
  last_heartbeat       TIMESTAMP WITH TIME ZONE,
  version              BIGINT NOT NULL,
  priority             SMALLINT,
  PRIMARY KEY (task_name, task_instance)
);

-- Due executions are found by execution time (by priority first when priorities are enabled),
-- dead ones by heartbeat.
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
