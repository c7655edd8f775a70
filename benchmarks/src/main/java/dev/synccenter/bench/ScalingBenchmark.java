package dev.synccenter.bench;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scaling: the dispatch benchmark with 1 to 10,000 handlers registered (requests round-robin over
 * all of them, one item each), and with 1 to 1,000 items per request (one handler; the bare executor
 * beside it). Two benchmark methods so that each sweeps one dimension only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Threads(1)
public class ScalingBenchmark {

    /** Which sweep: "handlers" (engine, 1 item, N handlers) or "items:engine" / "items:bare" (1 handler, N items). */
    @Param({"handlers:1", "handlers:10", "handlers:100", "handlers:10000",
            "items:engine:1", "items:engine:10", "items:engine:100", "items:engine:1000",
            "items:bare:1", "items:bare:10", "items:bare:100", "items:bare:1000"})
    public String point;

    @Param({"4"})
    public int threads;

    @Param({"128"})
    public int inFlight;

    private Dispatcher dispatcher;
    private Semaphore permits;
    private Runnable release;
    private List<String> itemIds;

    @Setup
    public void setUp() {
        String[] p = point.split(":");
        int items;
        if (p[0].equals("handlers")) {
            items = 1;
            dispatcher = Dispatcher.create("engine", threads, Integer.parseInt(p[1]), items);
        } else {
            items = Integer.parseInt(p[2]);
            dispatcher = Dispatcher.create(p[1], threads, 1, items);
        }
        permits = new Semaphore(inFlight);
        release = permits::release;
        itemIds = FastHandler.itemIds(items);
    }

    @Benchmark
    public void dispatch() throws InterruptedException {
        permits.acquire();
        dispatcher.submit(itemIds, release);
    }

    @TearDown(Level.Iteration)
    public void drain() throws InterruptedException {
        if (!permits.tryAcquire(inFlight, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(point + ": " + (inFlight - permits.availablePermits())
                    + " syncs got no result within 60 s");
        }
        permits.release(inFlight);
        if (dispatcher.failures() != 0) {
            throw new IllegalStateException(point + ": " + dispatcher.failures() + " results were not SUCCEEDED");
        }
    }

    @TearDown
    public void tearDown() {
        dispatcher.close();
    }
}
