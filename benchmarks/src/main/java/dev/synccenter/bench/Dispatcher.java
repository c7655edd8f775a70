package dev.synccenter.bench;

import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.ICoreRunnable;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobGroup;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

import dev.synccenter.control.ProgressStatus;

/**
 * Runs one "sync" of a list of items on some scheduler and says when its result is delivered. The
 * engine is one implementation; the others are what it is compared with, each calling the same
 * {@link FastHandler} directly on a pool of the same size.
 */
public interface Dispatcher extends AutoCloseable {

    /** Starts a sync of the items; {@code done} runs once when its result is delivered. */
    void submit(List<String> itemIds, Runnable done);

    /** Results that were not a success (must stay 0). */
    long failures();

    @Override
    void close();

    /** Creates the named implementation: engine, bare, quartz or eclipse. */
    static Dispatcher create(String kind, int threads, int handlers, int items) {
        return switch (kind) {
            case "engine" -> new Engine(threads, handlers, items);
            case "bare" -> new Bare(threads, items);
            case "quartz" -> new Quartz(threads, items);
            case "eclipse" -> new EclipseJobs(threads, items);
            default -> throw new IllegalArgumentException("unknown dispatcher " + kind);
        };
    }

    /** The sync engine: startItemSync, completion of the request's result stage. */
    final class Engine implements Dispatcher {
        final EngineRig rig;
        private final List<String> handlerIds;
        private final AtomicLong failures = new AtomicLong();
        private int next;

        Engine(int threads, int handlers, int items) {
            rig = new EngineRig(threads);
            handlerIds = rig.addHandlers(handlers, items);
        }

        @Override
        public void submit(List<String> itemIds, Runnable done) {
            String handlerId = handlerIds.get(next);
            if (++next == handlerIds.size()) {
                next = 0;
            }
            rig.engine.startItemSync(handlerId, itemIds, null, Set.of(), null).result()
                    .whenComplete((result, failure) -> {
                        if (failure != null || result.status() != ProgressStatus.SUCCEEDED) {
                            failures.incrementAndGet();
                        }
                        done.run();
                    });
        }

        @Override
        public long failures() {
            return failures.get();
        }

        @Override
        public void close() {
            rig.close();
        }
    }

    /** The limit: a ThreadPoolExecutor of the same size completing a CompletableFuture per task. */
    final class Bare implements Dispatcher {
        private final ThreadPoolExecutor pool;
        private final FastHandler handler;

        Bare(int threads, int items) {
            pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
            handler = new FastHandler("bare", items);
        }

        @Override
        public void submit(List<String> itemIds, Runnable done) {
            CompletableFuture<Object> result = new CompletableFuture<>();
            result.whenComplete((r, e) -> done.run());
            pool.execute(() -> {
                handler.synchronize(itemIds, null, null, 0);
                result.complete(itemIds);
            });
        }

        @Override
        public long failures() {
            return 0;
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    /** Quartz 2.5 with RAMJobStore: one non-durable job and a fire-now trigger per sync. */
    final class Quartz implements Dispatcher {
        private static final AtomicLong INSTANCES = new AtomicLong();
        private final Scheduler scheduler;
        private final FastHandler handler;
        private final AtomicLong ids = new AtomicLong();

        Quartz(int threads, int items) {
            handler = new FastHandler("quartz", items);
            Properties p = new Properties();
            p.setProperty("org.quartz.scheduler.instanceName", "bench" + INSTANCES.incrementAndGet());
            p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
            p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
            p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
            p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            try {
                scheduler = new StdSchedulerFactory(p).getScheduler();
                scheduler.start();
            } catch (SchedulerException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Runs the task the trigger's job carries. */
        public static final class TaskJob implements org.quartz.Job {
            @Override
            public void execute(JobExecutionContext context) {
                ((Runnable) context.getMergedJobDataMap().get("task")).run();
            }
        }

        @Override
        public void submit(List<String> itemIds, Runnable done) {
            String id = Long.toString(ids.incrementAndGet());
            JobDataMap data = new JobDataMap();
            data.put("task", (Runnable) () -> {
                handler.synchronize(itemIds, null, null, 0);
                done.run();
            });
            try {
                scheduler.scheduleJob(JobBuilder.newJob(TaskJob.class).withIdentity(id).usingJobData(data).build(),
                        TriggerBuilder.newTrigger().withIdentity(id).startNow().build());
            } catch (SchedulerException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public long failures() {
            return 0;
        }

        @Override
        public void close() {
            try {
                scheduler.shutdown(false);
            } catch (SchedulerException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Eclipse Jobs (org.eclipse.core.jobs, in a plain JVM without Equinox): a system job per sync, in
     * a JobGroup whose maxThreads is the thread count (the JobManager's own worker pool is shared
     * and sized by itself).
     */
    final class EclipseJobs implements Dispatcher {
        private final JobGroup group;
        private final FastHandler handler;

        EclipseJobs(int threads, int items) {
            handler = new FastHandler("eclipse", items);
            group = new JobGroup("bench", threads, 0);
        }

        @Override
        public void submit(List<String> itemIds, Runnable done) {
            Job job = Job.create("sync", (ICoreRunnable) monitor -> {
                handler.synchronize(itemIds, null, null, 0);
                done.run();
            });
            job.setSystem(true);
            job.setJobGroup(group);
            job.schedule();
        }

        @Override
        public long failures() {
            return 0;
        }

        @Override
        public void close() {
            group.cancel();
        }
    }
}
