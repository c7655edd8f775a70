package dev.synccenter.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.SyncListener;
import dev.synccenter.impl.engine.EngineSettings;

/**
 * Many schedules at once (C44): {@code --schedules} interval schedules of one run per
 * {@code --periodSeconds} each, their first slots spread evenly over one period, on the engine
 * (each run a stored request of one item, synced by a handler that does nothing) and, in the same
 * JVM after it, on Quartz's in-memory scheduler (each run a job that does nothing, nothing stored).
 * After a warm-up period, {@code --periods} periods are measured: runs per second, the lateness of
 * each run against its slot (engine: until the run's request is stored and listeners hear of it;
 * Quartz: until its job runs), and process CPU time per run. The ratios are engine to Quartz.
 * Options: {@code --schedules=100000 --periodSeconds=60 --periods=3}.
 */
public final class ScheduleHarness {

    private static final int HANDLERS = 100;

    private ScheduleHarness() {
    }

    public static void main(String[] args) throws Exception {
        int schedules = (int) Report.option(args, "schedules", 100_000);
        Duration period = Duration.ofMillis((long) (Report.option(args, "periodSeconds", 60) * 1000));
        int periods = (int) Report.option(args, "periods", 3);
        Result engine = engine(schedules, period, periods);
        engine.report("schedule.engine");
        Result quartz = quartz(schedules, period, periods);
        quartz.report("schedule.quartz");
        Report.figure("schedule.ratio.cpuPerRun", engine.cpuMicrosPerRun() / quartz.cpuMicrosPerRun(), "x");
        Report.figure("schedule.ratio.latenessP99", engine.p99Millis() / Math.max(0.001, quartz.p99Millis()), "x");
    }

    /** What one scheduler did in the measured periods. */
    record Result(long runs, double seconds, long cpuNanos, Histogram lateness, double registerSeconds) {
        double cpuMicrosPerRun() {
            return cpuNanos / 1e3 / Math.max(1, runs);
        }

        double p99Millis() {
            return lateness.getValueAtPercentile(99) / 1e6;
        }

        void report(String key) {
            Report.figure(key + ".registerSeconds", registerSeconds, "s");
            Report.figure(key + ".runsPerSecond", runs / seconds, "runs/s");
            Report.figure(key + ".cpuPerRun", cpuMicrosPerRun(), "us");
            Report.figure(key + ".lateness.p50", lateness.getValueAtPercentile(50) / 1e6, "ms");
            Report.figure(key + ".lateness.p99", p99Millis(), "ms");
            Report.figure(key + ".lateness.max", lateness.getMaxValue() / 1e6, "ms");
        }
    }

    /** Counts runs and their lateness while the measurement is on. */
    static final class Meter {
        final AtomicBoolean on = new AtomicBoolean();
        final AtomicLong runs = new AtomicLong();
        final Histogram lateness = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);

        void run(long latenessNanos) {
            if (on.get()) {
                runs.incrementAndGet();
                synchronized (lateness) {
                    lateness.recordValue(Math.max(0, Math.min(latenessNanos, lateness.getHighestTrackableValue())));
                }
            }
        }

        Result measure(Duration period, int periods, double registerSeconds) throws InterruptedException {
            Thread.sleep(period.toMillis()); // warm-up: every schedule ran once (a benchmark, not a test)
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            on.set(true);
            Thread.sleep(period.toMillis() * periods);
            on.set(false);
            long cpu = cpuNanos() - cpu0;
            double seconds = (System.nanoTime() - t0) / 1e9;
            synchronized (lateness) {
                return new Result(runs.get(), seconds, cpu, lateness.copy(), registerSeconds);
            }
        }
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Result engine(int schedules, Duration period, int periods) throws Exception {
        int perHandler = (schedules + HANDLERS - 1) / HANDLERS;
        try (EngineRig rig = new EngineRig(EngineSettings.defaults().withPoolSize(4).withConcurrentSessions(4))) {
            rig.addHandlers(HANDLERS, perHandler);
            Meter meter = new Meter();
            // Each schedule syncs its own item; its slots are its first run plus whole periods.
            Map<String, Long> firstSlot = new ConcurrentHashMap<>();
            rig.engine.listenerAdded(new SyncListener() {
                @Override
                public void requestAccepted(RequestSnapshot r) {
                    Instant at = Instant.now(); // the engine's clock: a run is never before its slot by it
                    long now = at.getEpochSecond() * 1_000_000_000L + at.getNano();
                    Long first = firstSlot.get(r.handlerId() + "/" + r.items().get(0).itemId());
                    if (first != null) {
                        long p = period.toNanos();
                        long k = Math.max(0, Math.floorDiv(now - first, p));
                        meter.run(now - (first + k * p));
                    }
                }
            });
            double registerSeconds = paced(schedules, period, i -> {
                String handler = "h" + (i % HANDLERS);
                String item = FastHandler.itemId(i / HANDLERS);
                Instant next = rig.engine.putSchedule(ScheduleSpec.every("s" + i, handler, List.of(item), period))
                        .nextRunAt();
                firstSlot.put(handler + "/" + item, next.getEpochSecond() * 1_000_000_000L + next.getNano());
            });
            return meter.measure(period, periods, registerSeconds);
        }
    }

    private static Result quartz(int schedules, Duration period, int periods) throws Exception {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "bench-schedules");
        p.setProperty("org.quartz.threadPool.threadCount", "4");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
        Meter meter = new Meter();
        scheduler.getContext().put("meter", meter);
        scheduler.start();
        try {
            double registerSeconds = paced(schedules, period, i -> {
                Trigger trigger = TriggerBuilder.newTrigger().withIdentity("t" + i)
                        .startAt(new java.util.Date(System.currentTimeMillis() + period.toMillis()))
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(period.toMillis())
                                .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                        .build();
                synchronized (scheduler) {
                    scheduler.scheduleJob(JobBuilder.newJob(NoopJob.class).withIdentity("j" + i).build(), trigger);
                }
            });
            return meter.measure(period, periods, registerSeconds);
        } finally {
            scheduler.shutdown(true);
        }
    }

    /** Quartz's run: its lateness, from the slot it was planned for to now. */
    public static final class NoopJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            long now = System.currentTimeMillis() * 1_000_000L;
            try {
                ((Meter) context.getScheduler().getContext().get("meter"))
                        .run(now - context.getScheduledFireTime().getTime() * 1_000_000L);
            } catch (org.quartz.SchedulerException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    interface Registration {
        void register(int i) throws Exception;
    }

    /**
     * Registers schedule {@code i} at {@code i/n} of one period, on 8 threads, so that the first slots
     * (a period after registration) are spread evenly; answers the seconds it took.
     */
    private static double paced(int n, Duration period, Registration registration) throws Exception {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int first = t;
                all.add(pool.submit(() -> {
                    for (int i = first; i < n; i += 8) {
                        long due = t0 + period.toNanos() * i / n;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait); // pacing the load, not waiting for a condition
                        }
                        registration.register(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
