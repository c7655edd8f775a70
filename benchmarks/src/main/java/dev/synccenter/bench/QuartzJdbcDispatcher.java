package dev.synccenter.bench;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.spi.OperableTrigger;

/**
 * Quartz's JDBC job store on PostgreSQL: {@code JobStoreTX} with {@code PostgreSQLDelegate}, a
 * {@code SimpleThreadPool} of 4 threads, a HikariCP pool of threads + 3 connections (Quartz's
 * best-practices minimum) + 1 for each submitting thread, and its own tables from the
 * {@code tables_postgres.sql} inside the quartz jar. Triggers are acquired in batches of up to the
 * thread count (with {@code acquireTriggersWithinLock}, which Quartz requires for batches), so that
 * Quartz is not held to one trigger per acquisition round. Otherwise Quartz's defaults: not
 * clustered, so its locks are in-JVM semaphores rather than rows of {@code QRTZ_LOCKS}.
 *
 * <p>A job is one non-durable {@code JobDetail} of a job class that does nothing, with one
 * {@code startNow()} trigger. Its completion is durable when the job store's
 * {@code triggeredJobComplete} has committed (trigger, job and fired-trigger rows deleted). Quartz's
 * job and trigger listeners run before that commit, so {@link CountingJobStore} overrides the job
 * store method and reports after it returns.
 */
final class QuartzJdbcDispatcher implements DurableDispatcher {

    /** Job stores are created by Quartz from a class name: they find their dispatcher here. */
    private static final Map<String, QuartzJdbcDispatcher> BY_INSTANCE = new ConcurrentHashMap<>();

    private final Postgres.Schema schema;
    private final int threads;
    private final int submitters;
    private final String instanceName;
    private final PendingJobs jobs = new PendingJobs();
    private Scheduler scheduler;

    QuartzJdbcDispatcher(Postgres.Schema schema, int threads, int submitters) {
        this.schema = schema;
        this.threads = threads;
        this.submitters = submitters;
        this.instanceName = "bench-" + schema.name();
    }

    @Override
    public String name() {
        return "quartz-jdbc";
    }

    @Override
    public void start() throws Exception {
        // Quartz ships its DDL in the jar; loading it from there keeps it in step with the version.
        schema.create(JobStoreTX.class.getResourceAsStream("tables_postgres.sql"),
                "org/quartz/impl/jdbcjobstore/tables_postgres.sql");
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", instanceName);
        p.setProperty("org.quartz.scheduler.instanceId", "bench");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(threads));
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.jobStore.class", CountingJobStore.class.getName());
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.dataSource", "bench");
        p.setProperty("org.quartz.dataSource.bench.provider", "hikaricp");
        p.setProperty("org.quartz.dataSource.bench.driver", "org.postgresql.Driver");
        p.setProperty("org.quartz.dataSource.bench.URL", schema.url());
        p.setProperty("org.quartz.dataSource.bench.maxConnections", Integer.toString(threads + 3 + submitters));
        BY_INSTANCE.put(instanceName, this);
        scheduler = new StdSchedulerFactory(p).getScheduler();
        scheduler.start();
    }

    @Override
    public void submit(Runnable onDone) throws SchedulerException {
        String id = jobs.add(onDone);
        JobDetail job = JobBuilder.newJob(NoopJob.class).withIdentity(id).build();
        scheduler.scheduleJob(job, TriggerBuilder.newTrigger().withIdentity(id).startNow().build());
    }

    @Override
    public long failures() {
        return jobs.failures();
    }

    @Override
    public void close() {
        try {
            if (scheduler != null) {
                scheduler.shutdown(true);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        } finally {
            BY_INSTANCE.remove(instanceName);
            schema.drop();
        }
    }

    /** The job: does nothing. */
    public static final class NoopJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            // nothing: the dispatch, not the work, is measured
        }
    }

    /**
     * JobStoreTX that reports a job complete once its completion transaction has committed (the
     * superclass retries that transaction until it succeeds, so returning means committed).
     */
    public static final class CountingJobStore extends JobStoreTX {
        @Override
        public void triggeredJobComplete(OperableTrigger trigger, JobDetail jobDetail,
                CompletedExecutionInstruction instruction) {
            super.triggeredJobComplete(trigger, jobDetail, instruction);
            QuartzJdbcDispatcher d = BY_INSTANCE.get(getInstanceName());
            if (d != null) {
                // A one-shot trigger that fired and ran cleanly is deleted; anything else failed.
                d.jobs.completed(jobDetail.getKey().getName(),
                        instruction == CompletedExecutionInstruction.DELETE_TRIGGER);
            }
        }
    }
}
