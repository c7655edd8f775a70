package dev.synccenter.bench;

import java.nio.file.Path;

/**
 * One scheduler under {@link DurableDispatchHarness}: it runs jobs that do nothing and says when a
 * job's own "done" state has been committed to its store, so that what is measured is durable
 * dispatch (start call to result stored), not in-memory dispatch. db-scheduler and Quartz's JDBC
 * job store on PostgreSQL, and the engine on SQLite and on the same PostgreSQL.
 *
 * <p>Lifecycle: created (nothing touched yet), {@link #start()} (its own tables in a fresh schema,
 * its threads started), {@link #submit} many times from one or more threads at once, {@link #close()} (threads
 * stopped, schema dropped). Each instance is used for one measurement round.
 */
public interface DurableDispatcher extends AutoCloseable {

    /** The name in the result table and in the figures' keys (no spaces). */
    String name();

    /** Creates its schema and starts its scheduler. */
    void start() throws Exception;

    /**
     * Submits one job; {@code onDone} runs once, on any thread, after the job has run and its
     * completion is committed (a row deleted or a state updated, as the implementation does it).
     * May block while the store is busy; the harness bounds the jobs in flight.
     */
    void submit(Runnable onDone) throws Exception;

    /** Jobs that failed or whose completion could not be committed (must stay 0). */
    long failures();

    /** Stops the scheduler and drops its schema; jobs still in flight are abandoned. */
    @Override
    void close();

    /**
     * The implementations by name: db-scheduler and quartz, on the PostgreSQL at {@code pgUrl}.
     * {@code round} makes the schema names unique, so that a round never sees a previous one's rows.
     * {@code dir} is where an embedded store keeps its files (the directory the fsync probe
     * measures): the engine on SQLite will need it. {@code submitters} threads call {@link #submit}
     * at once: the baselines' connection pools get one connection more for each.
     */
    static DurableDispatcher create(String kind, String pgUrl, Path dir, int threads, int submitters, int round) {
        return switch (kind) {
            case "db-scheduler" -> new DbSchedulerDispatcher(Postgres.schema(pgUrl, "bench_dbsched_" + round), threads,
                    submitters);
            case "quartz" -> new QuartzJdbcDispatcher(Postgres.schema(pgUrl, "bench_quartz_" + round), threads,
                    submitters);
            case "engine-sqlite" -> EngineDurableDispatcher.onSqlite(dir, round, threads);
            case "engine-postgresql" -> EngineDurableDispatcher.onPostgres(
                    Postgres.schema(pgUrl, "bench_engine_" + round), threads);
            default -> throw new IllegalArgumentException("unknown durable dispatcher " + kind
                    + " (known: db-scheduler, quartz, engine-sqlite, engine-postgresql)");
        };
    }
}
