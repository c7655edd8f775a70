package dev.synccenter.bench;

import java.time.Duration;
import java.time.Instant;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * db-scheduler on PostgreSQL with the settings its README gives for throughput: polling strategy
 * lock-and-fetch ({@code SELECT ... FOR UPDATE SKIP LOCKED}, one statement fewer per execution than
 * the default fetch) with lower/upper limits 1.0/4.0 of the thread count ("keep threads busy"), a
 * short polling interval, immediate execution (a schedule call wakes the local poller), 4 threads.
 *
 * <p>A job is one execution of a one-time task whose handler does nothing. Its completion is
 * durable when db-scheduler has deleted its row (the one-time task's completion handler, committed
 * by the pool's autocommit); the scheduler listener's {@code onExecutionComplete} runs right after
 * that, on the execution's thread, so that is where {@code onDone} runs. Counting in the handler
 * instead would count jobs whose completion was not yet stored.
 */
final class DbSchedulerDispatcher implements DurableDispatcher {

    /** With immediate execution the interval only matters when a fetch came back short. */
    private static final Duration POLLING_INTERVAL = Duration.ofMillis(50);

    private final Postgres.Schema schema;
    private final int threads;
    private final int submitters;
    private final OneTimeTask<Void> task = Tasks.oneTime("bench-noop").execute((instance, context) -> {
    });
    private final PendingJobs jobs = new PendingJobs();
    private HikariDataSource pool;
    private Scheduler scheduler;

    DbSchedulerDispatcher(Postgres.Schema schema, int threads, int submitters) {
        this.schema = schema;
        this.threads = threads;
        this.submitters = submitters;
    }

    @Override
    public String name() {
        return "db-scheduler";
    }

    @Override
    public void start() throws Exception {
        schema.create(DbSchedulerDispatcher.class.getResourceAsStream("db-scheduler-postgresql.sql"),
                "db-scheduler-postgresql.sql");
        pool = pool(schema.url(), "db-scheduler", threads + 3 + submitters);
        scheduler = Scheduler.create(pool, task)
                .threads(threads)
                .pollUsingLockAndFetch(1.0, 4.0)
                .pollingInterval(POLLING_INTERVAL)
                .enableImmediateExecution()
                .schedulerName(new SchedulerName.Fixed("bench"))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .addSchedulerListener(new Listener())
                .build();
        scheduler.start();
    }

    /**
     * A small HikariCP pool: the executing threads, the poller, the heartbeat and each submitting
     * thread need a connection at times, so threads + 3 + submitters means nobody waits for one.
     */
    static HikariDataSource pool(String url, String name, int connections) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setPoolName("bench-" + name);
        c.setMaximumPoolSize(connections);
        c.setMinimumIdle(connections);
        return new HikariDataSource(c);
    }

    @Override
    public void submit(Runnable onDone) {
        scheduler.schedule(task.instance(jobs.add(onDone)), Instant.now());
    }

    @Override
    public long failures() {
        return jobs.failures();
    }

    @Override
    public void close() {
        try {
            if (scheduler != null) {
                scheduler.stop();
            }
        } finally {
            if (pool != null) {
                pool.close();
            }
            schema.drop();
        }
    }

    private final class Listener extends AbstractSchedulerListener {
        @Override
        public void onExecutionComplete(ExecutionComplete complete) {
            jobs.completed(complete.getExecution().taskInstance.getId(),
                    complete.getResult() == ExecutionComplete.Result.OK);
        }

        @Override
        public void onSchedulerEvent(SchedulerEventType type) {
            // A failed completion handler still reaches onExecutionComplete: count it here.
            switch (type) {
                case COMPLETIONHANDLER_ERROR, FAILUREHANDLER_ERROR, UNEXPECTED_ERROR -> jobs.failed();
                default -> {
                    // polling and heartbeat events: not failures
                }
            }
        }
    }
}
