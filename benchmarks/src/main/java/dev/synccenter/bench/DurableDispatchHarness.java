package dev.synccenter.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Durable dispatch side by side, in one run, as ratios: for each {@link DurableDispatcher}, jobs
 * that do nothing are submitted in a closed loop (at most {@code --inFlight} outstanding) and a job
 * counts when its own "done" state is committed. Per round and implementation, on a fresh schema:
 * a warm-up, then a measured window in which completed jobs, the JVM's process CPU time, and the
 * PostgreSQL server's CPU time (when it is local), commits and WAL syncs are taken: CPU per job says
 * what a job costs on a shared 2-core machine better than the rate does, and WAL syncs per job say
 * how far a design is from the fsync ceiling. Rounds alternate the implementations (reversed order
 * every other round, so neither always runs first) and each ends with an fsync probe of the
 * directory the databases live in, the ceiling of one commit per job. The table gives medians over
 * the rounds and ratios against db-scheduler.
 *
 * <p>The PostgreSQL JDBC URL comes from {@code SYNCCENTER_BENCH_PG_URL}. Options:
 * {@code --impls=db-scheduler,quartz,engine-sqlite,engine-postgresql --threads=4 --inFlight=64 --submitters=1 --rounds=3 --warmup=3 --seconds=8
 * --fsyncSeconds=1 --dir=. --out=<markdown file>}.
 */
public final class DurableDispatchHarness {

    /** The baseline that the ratios are against, and that the engine's target is set by. */
    static final String BASELINE = "db-scheduler";

    private DurableDispatchHarness() {
    }

    public static void main(String[] args) throws Exception {
        run(args, System.getenv(Postgres.URL_VARIABLE));
    }

    /**
     * One implementation's measured window. CPU times in ns; the database server's figures (CPU,
     * commits, WAL syncs) are -1 when not measurable.
     */
    record Round(String name, long jobs, double seconds, long jvmCpu, long dbCpu, long commits, long walSyncs,
            long machineBusy) {
        double rate() {
            return jobs / seconds;
        }

        /**
         * The share of all CPUs that other processes used during the window (busy time of the
         * machine less this JVM's and the database server's), NaN when not measurable: on a
         * shared machine a rate means little without it.
         */
        double othersShare() {
            if (machineBusy < 0 || dbCpu < 0) {
                return Double.NaN;
            }
            double others = Math.max(0, machineBusy - jvmCpu - dbCpu);
            return others / (seconds * 1e9 * Runtime.getRuntime().availableProcessors());
        }

        double jvmCpuPerJob() {
            return perJob(jvmCpu) / 1e3;
        }

        double dbCpuPerJob() {
            return perJob(dbCpu) / 1e3;
        }

        double commitsPerJob() {
            return perJob(commits);
        }

        double walSyncsPerJob() {
            return perJob(walSyncs);
        }

        private double perJob(long total) {
            return jobs == 0 || total < 0 ? Double.NaN : (double) total / jobs;
        }
    }

    static void run(String[] args, String urlVariable) throws Exception {
        String pgUrl = Postgres.urlFromEnvironment(urlVariable);
        List<String> impls = Arrays.asList(Report.option(args, "impls", BASELINE + ",quartz,engine-sqlite,engine-postgresql").split(","));
        int threads = (int) Report.option(args, "threads", 4);
        int inFlight = (int) Report.option(args, "inFlight", 64);
        int submitters = (int) Report.option(args, "submitters", 1);
        int rounds = (int) Report.option(args, "rounds", 3);
        double warmup = Report.option(args, "warmup", 3);
        double seconds = Report.option(args, "seconds", 8);
        double fsyncSeconds = Report.option(args, "fsyncSeconds", 1);
        Path dir = Path.of(Report.option(args, "dir", "."));
        String out = Report.option(args, "out", "");

        Postgres.Server server = Postgres.Server.of(pgUrl);
        Map<String, List<Round>> results = new LinkedHashMap<>();
        List<FsyncProbe.Result> fsyncs = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            List<String> order = new ArrayList<>(impls);
            if (r % 2 == 0) {
                Collections.reverse(order);
            }
            for (String kind : order) {
                Round m;
                try (DurableDispatcher d = DurableDispatcher.create(kind, pgUrl, dir, threads, submitters, r)) {
                    d.start();
                    m = measure(d, inFlight, submitters, warmup, seconds, server);
                }
                results.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
                System.out.printf(Locale.ROOT, "round %d %-14s %,9.0f jobs/s  %,7.0f us JVM CPU/job  %s us DB CPU/job"
                        + "  %s commits/job  %s WAL syncs/job  (%d jobs in %.1f s; others used %s%% of the CPUs)%n",
                        r, m.name(), m.rate(), m.jvmCpuPerJob(), number(m.dbCpuPerJob(), "%,7.0f"),
                        number(m.commitsPerJob(), "%.2f"), number(m.walSyncsPerJob(), "%.2f"), m.jobs(), m.seconds(),
                        number(100 * m.othersShare(), "%.0f"));
            }
            FsyncProbe.Result f = FsyncProbe.measure(dir, fsyncSeconds);
            fsyncs.add(f);
            System.out.printf(Locale.ROOT, "round %d %-14s %,9.0f fdatasync/s, %,.0f fsync/s%n", r, "fsync", f.fdatasync(),
                    f.fsync());
        }
        String table = table(results, fsyncs, inFlight, submitters, threads);
        System.out.println();
        System.out.print(table);
        if (!out.isEmpty()) {
            Files.writeString(Path.of(out), table);
        }
    }

    /**
     * Closed loop: {@code submitters} threads each submit a job whenever one of the {@code inFlight}
     * permits is free; a permit comes back when a job's completion is committed. A submit call may
     * block until the job is stored (the engine's start call, db-scheduler's {@code schedule}), so
     * one submitter measures one caller's rate and several measure what concurrent callers get.
     * Completions are counted in a window after the warm-up; then every job still out is waited
     * for, so that a lost or repeated completion fails the run instead of inflating a figure.
     */
    static Round measure(DurableDispatcher d, int inFlight, int submitters, double warmup, double seconds,
            Postgres.Server server) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Semaphore permits = new Semaphore(inFlight);
        AtomicLong done = new AtomicLong();
        AtomicLong submitted = new AtomicLong();
        AtomicReference<Exception> failed = new AtomicReference<>();
        Runnable onDone = () -> {
            done.incrementAndGet();
            permits.release();
        };
        long warmEnd = System.nanoTime() + (long) (warmup * 1e9);
        long end = warmEnd + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < submitters; i++) {
            Thread t = new Thread(() -> {
                try {
                    for (long now; (now = System.nanoTime()) < end && failed.get() == null;) {
                        if (permits.tryAcquire(end - now, TimeUnit.NANOSECONDS)) {
                            submitted.incrementAndGet();
                            d.submit(onDone);
                        }
                    }
                } catch (Exception e) {
                    failed.compareAndSet(null, e);
                }
            }, "bench-submitter-" + i);
            threads.add(t);
            t.start();
        }
        parkUntil(warmEnd);
        long doneBefore = done.get();
        long cpuBefore = os.getProcessCpuTime();
        long machineBefore = Postgres.Server.machineBusyNanos();
        Postgres.Server.Sample dbBefore = server.sample();
        long begin = System.nanoTime();
        parkUntil(end);
        long jobs = done.get() - doneBefore;
        long elapsed = System.nanoTime() - begin;
        long cpu = os.getProcessCpuTime() - cpuBefore;
        long machine = delta(machineBefore, Postgres.Server.machineBusyNanos());
        Postgres.Server.Sample dbAfter = server.sample();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
        }
        if (failed.get() != null) {
            throw new IllegalStateException(d.name() + ": a submit call failed: " + failed.get(), failed.get());
        }
        if (!permits.tryAcquire(inFlight, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(d.name() + ": " + (submitted.get() - done.get())
                    + " jobs without a durable completion 60 s after the window");
        }
        if (done.get() != submitted.get() || d.failures() != 0) {
            throw new IllegalStateException(d.name() + ": " + submitted.get() + " jobs submitted, " + done.get()
                    + " completions, " + d.failures() + " failures");
        }
        return new Round(d.name(), jobs, elapsed / 1e9, cpu, delta(dbBefore.cpuNanos(), dbAfter.cpuNanos()),
                delta(dbBefore.commits(), dbAfter.commits()), delta(dbBefore.walSyncs(), dbAfter.walSyncs()), machine);
    }

    /** The measuring thread waits for a window's edge (the submitters do the work meanwhile). */
    private static void parkUntil(long deadline) {
        for (long left; (left = deadline - System.nanoTime()) > 0;) {
            LockSupport.parkNanos(left);
        }
    }

    /** The markdown table: medians over rounds, the range of the rates, ratios to the baseline. */
    static String table(Map<String, List<Round>> results, List<FsyncProbe.Result> fsyncs, int inFlight, int submitters,
            int threads) {
        double base = results.containsKey(BASELINE) ? median(results.get(BASELINE), Round::rate) : Double.NaN;
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "Durable dispatch, %d jobs in flight from %d submitting thread(s), %d threads each; medians of %d"
                + " rounds%n%n", inFlight, submitters, threads, fsyncs.size()));
        t.append("| Implementation | Jobs/s (median) | Range over rounds | JVM CPU µs/job | DB server CPU µs/job"
                + " | Commits/job | WAL syncs/job | Ratio to ").append(BASELINE)
                .append(" |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<Round>> e : results.entrySet()) {
            List<Round> rs = e.getValue();
            double rate = median(rs, Round::rate);
            double jvm = median(rs, Round::jvmCpuPerJob);
            double db = median(rs, Round::dbCpuPerJob);
            double commits = median(rs, Round::commitsPerJob);
            double syncs = median(rs, Round::walSyncsPerJob);
            t.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f–%,.0f | %,.0f | %s | %s | %s | %.2fx |%n", e.getKey(),
                    rate, rs.stream().mapToDouble(Round::rate).min().orElse(0),
                    rs.stream().mapToDouble(Round::rate).max().orElse(0), jvm, number(db, "%,.0f"),
                    number(commits, "%.2f"), number(syncs, "%.2f"), rate / base));
            String key = "durable." + (submitters > 1 ? submitters + "submitters." : "") + e.getKey();
            Report.figure(key + ".jobsPerSecond", rate, "jobs/s");
            Report.figure(key + ".jvmCpuPerJob", jvm, "us");
            figureIfKnown(key + ".dbCpuPerJob", db, "us");
            figureIfKnown(key + ".commitsPerJob", commits, "commits");
            figureIfKnown(key + ".walSyncsPerJob", syncs, "syncs");
        }
        double fdatasync = medianOf(fsyncs.stream().mapToDouble(FsyncProbe.Result::fdatasync).toArray());
        double fsync = medianOf(fsyncs.stream().mapToDouble(FsyncProbe.Result::fsync).toArray());
        t.append(String.format(Locale.ROOT, "| fsync ceiling: fdatasync/s (8 KiB) | %,.0f | %,.0f–%,.0f | | | | | %.2fx |%n", fdatasync,
                fsyncs.stream().mapToDouble(FsyncProbe.Result::fdatasync).min().orElse(0),
                fsyncs.stream().mapToDouble(FsyncProbe.Result::fdatasync).max().orElse(0), fdatasync / base));
        t.append(String.format(Locale.ROOT, "| fsync ceiling: fsync/s (8 KiB) | %,.0f | %,.0f–%,.0f | | | | | %.2fx |%n", fsync,
                fsyncs.stream().mapToDouble(FsyncProbe.Result::fsync).min().orElse(0),
                fsyncs.stream().mapToDouble(FsyncProbe.Result::fsync).max().orElse(0), fsync / base));
        Report.figure("durable.fsync.fdatasync", fdatasync, "ops/s");
        Report.figure("durable.fsync.fsync", fsync, "ops/s");
        double[] others = results.values().stream().flatMap(List::stream).mapToDouble(r -> 100 * r.othersShare())
                .filter(v -> !Double.isNaN(v)).toArray();
        if (others.length > 0) {
            t.append(String.format(Locale.ROOT, "%nOther processes used %.0f%% of the %d CPUs during the measured windows"
                    + " (median; %.0f%% to %.0f%%).%n", medianOf(others), Runtime.getRuntime().availableProcessors(),
                    Arrays.stream(others).min().orElse(0), Arrays.stream(others).max().orElse(0)));
            Report.figure("durable.othersCpuShare", medianOf(others), "percent");
        }
        t.append(String.format(Locale.ROOT, "%nEngine targets on this run: on PostgreSQL at least 5x %s = %,.0f jobs/s;"
                + " on SQLite 20,000 jobs/s (%.1fx this disk's fdatasync rate, so only with several jobs per commit).%n",
                BASELINE, 5 * base, 20_000 / fdatasync));
        return t.toString();
    }

    private static void figureIfKnown(String key, double value, String unit) {
        if (!Double.isNaN(value)) {
            Report.figure(key, value, unit);
        }
    }

    private static long delta(long before, long after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }

    private static String number(double value, String format) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
    }

    private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
        return medianOf(rounds.stream().mapToDouble(f).toArray());
    }

    static double medianOf(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
