package dev.synccenter.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Smoke mode: every benchmark and harness runs once with tiny sizes and must produce a number, so
 * that the benchmarks never rot. The figures themselves mean nothing here; run.sh measures.
 */
class BenchmarkSmokeTest {

    private Path results;

    @BeforeEach
    void resultsFile() throws Exception {
        results = Files.createTempFile("bench-smoke", ".tsv");
        System.setProperty("bench.results", results.toString());
    }

    @AfterEach
    void removeResults() throws Exception {
        System.clearProperty("bench.results");
        Files.deleteIfExists(results);
    }

    private Map<String, Double> figures() throws Exception {
        Map<String, Double> figures = new LinkedHashMap<>();
        for (String line : Files.readAllLines(results)) {
            String[] f = line.split("\t");
            figures.put(f[0], Double.parseDouble(f[1]));
        }
        return figures;
    }

    private static Collection<RunResult> jmh(Class<?> benchmark, String param, String... values) throws Exception {
        Options options = new OptionsBuilder().include(benchmark.getName() + "\\.").forks(0).warmupIterations(0)
                .measurementIterations(1).measurementTime(TimeValue.milliseconds(200)).param(param, values)
                .shouldFailOnError(true).build();
        return new Runner(options).run();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void dispatchBenchmarkMeasuresEveryScheduler() throws Exception {
        Collection<RunResult> runs = jmh(DispatchBenchmark.class, "impl", "engine", "bare", "quartz", "eclipse");
        assertThat(runs).hasSize(8); // 4 schedulers x 2 request sizes
        runs.forEach(r -> assertThat(r.getPrimaryResult().getScore())
                .as("ops/s of %s", r.getParams().getParam("impl")).isPositive());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void scalingBenchmarkRuns() throws Exception {
        Collection<RunResult> runs = jmh(ScalingBenchmark.class, "point", "handlers:10", "items:engine:10",
                "items:bare:10");
        assertThat(runs).hasSize(3);
        runs.forEach(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void latencyHarnessGivesPercentiles() throws Exception {
        LatencyHarness.main(new String[] {"--warmup=0.2", "--peakSeconds=0.3", "--seconds=0.5"});
        Map<String, Double> f = figures();
        assertThat(f.get("latency.peak")).isPositive();
        assertThat(f.get("latency.toHandler.count")).isPositive();
        assertThat(f.get("latency.callToResult.p99")).isPositive();
        assertThat(f.get("latency.failures")).isZero();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void scheduleHarnessMeasuresBothSchedulers() throws Exception {
        ScheduleHarness.main(new String[] {"--schedules=200", "--periodSeconds=1", "--periods=1"});
        Map<String, Double> f = figures();
        assertThat(f.get("schedule.engine.runsPerSecond")).isPositive();
        assertThat(f.get("schedule.quartz.runsPerSecond")).isPositive();
        assertThat(f.get("schedule.engine.lateness.p99")).isNotNull();
        assertThat(f.get("schedule.ratio.cpuPerRun")).isPositive();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void hotSwapHarnessLosesNothing() throws Exception {
        HotSwapHarness.main(new String[] {"--rate=2000", "--swaps=2", "--holdMs=100", "--gapMs=10"});
        Map<String, Double> f = figures();
        assertThat(f.get("hotswap.pause.max")).isNotNull();
        assertThat(f.get("hotswap.lost")).isZero();
        assertThat(f.get("hotswap.duplicated")).isZero();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void memoryHarnessGivesBytesPerRequest() throws Exception {
        MemoryHarness.main(new String[] {"--requests=50000"});
        assertThat(figures().get("memory.bytesPerRequest")).isPositive();
    }

    // C37
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void recoveryHarnessResumesEveryStoredRequestAndGivesItsCost() throws Exception {
        RecoveryHarness.main(new String[] {"--requests=20000"});
        assertThat(figures().get("recovery.requests")).isEqualTo(20_000.0);
        assertThat(figures().get("recovery.bytesPerRequest")).isPositive();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void felixUpdateHarnessRunsWhenTheDemoHandlerIsBuilt() throws Exception {
        Path demo = Path.of("../sample-handlers/demo-handler/target/demo-handler-0.1.0-SNAPSHOT.jar");
        Path demoV2 = Path.of("../sample-handlers/demo-handler/target/demo-handler-0.1.0-SNAPSHOT-v2.jar");
        assumeTrue(Files.isRegularFile(demo) && Files.isRegularFile(demoV2), "the demo handler jars are not built");
        FelixUpdateHarness.main(new String[] {"--demo=" + demo, "--demoV2=" + demoV2, "--rate=500", "--updates=2",
                "--holdMs=200"});
        Map<String, Double> f = figures();
        assertThat(f.get("felix.pause.samples")).isPositive();
        assertThat(f.get("felix.lost")).isZero();
        assertThat(f.get("felix.duplicated")).isZero();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void startupHarnessRunsWhenTheDistributionIsBuilt() throws Exception {
        Path home = Path.of("../distribution/target/sync-center");
        assumeTrue(Files.isExecutable(home.resolve("bin/sync-center")), "the distribution is not built");
        StartupHarness.main(new String[] {"--home=" + home, "--runs=1"});
        assertThat(figures().get("startup.cold.ready")).isPositive();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void storeHarnessGivesChangesPerSecondWithAndWithoutGroupCommit() throws Exception {
        StoreHarness.main(new String[] {"--seconds=1", "--inFlight=100"});
        Map<String, Double> f = figures();
        assertThat(f.get("store.sqlite.process-crash.group.changesPerSecond")).isPositive();
        assertThat(f.get("store.sqlite.power-loss.single.changesPerSecond")).isPositive();
        assertThat(f.get("store.sqlite.process-crash.single.changesPerCommit")).isEqualTo(1.0);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void fsyncProbeGivesPositiveRates(@TempDir Path dir) throws Exception {
        FsyncProbe.main(new String[] {"--seconds=0.2", "--dir=" + dir});
        Map<String, Double> f = figures();
        assertThat(f.get("fsync.fdatasync")).isPositive();
        assertThat(f.get("fsync.fsync")).isPositive();
        try (var left = Files.list(dir)) {
            assertThat(left).as("the probe's file is removed").isEmpty();
        }
    }

    @Test
    void durableHarnessSaysWhenThePostgresUrlIsMissing() {
        assertThatThrownBy(() -> DurableDispatchHarness.run(new String[0], null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SYNCCENTER_BENCH_PG_URL is not set");
    }

    /** The closed loop and the table, on an in-memory stand-in (the PostgreSQL-backed runs are durable.sh's). */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void durableHarnessMeasuresAClosedLoop() throws Exception {
        DurableDispatchHarness.Round r;
        try (InMemory d = new InMemory(1)) {
            r = DurableDispatchHarness.measure(d, 8, 2, 0.05, 0.2, Postgres.Server.NONE);
        }
        assertThat(r.jobs()).isPositive();
        assertThat(r.rate()).isPositive();
        assertThat(r.jvmCpuPerJob()).isPositive();
        String table = DurableDispatchHarness.table(Map.of("db-scheduler", List.of(r)),
                List.of(new FsyncProbe.Result(r.rate() * 2, r.rate() * 4)), 8, 2, 1);
        assertThat(table).contains("| db-scheduler |", "1.00x |", "2.00x |", "4.00x |");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void durableHarnessFailsOnARepeatedCompletion() {
        assertThatThrownBy(() -> {
            try (InMemory d = new InMemory(2)) {
                DurableDispatchHarness.measure(d, 8, 1, 0.01, 0.05, Postgres.Server.NONE);
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("completions");
    }

    /** Completes each job on a pool thread, {@code times} times. */
    private static final class InMemory implements DurableDispatcher {
        private final ExecutorService pool = Executors.newFixedThreadPool(2);
        private final int times;

        InMemory(int times) {
            this.times = times;
        }

        @Override
        public String name() {
            return "in-memory";
        }

        @Override
        public void start() {
        }

        @Override
        public void submit(Runnable onDone) {
            pool.execute(() -> {
                for (int i = 0; i < times; i++) {
                    onDone.run();
                }
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

    @Test
    void summaryReadsWhatTheHarnessesWrote() throws Exception {
        Path dir = Files.createTempDirectory("bench-summary");
        Files.writeString(dir.resolve("results.tsv"), "memory.bytesPerRequest\t808.0\tbytes\n");
        Summary.main(new String[] {dir.toString()});
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("808 bytes", "MISSED (4.0x off)");
        for (Path p : List.of(dir.resolve("results.tsv"), dir.resolve("summary.md"), dir)) {
            Files.delete(p);
        }
    }
}
