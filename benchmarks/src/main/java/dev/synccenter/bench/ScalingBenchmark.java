package dev.synccenter.bench;

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

    private PacedDispatch paced;

    @Setup
    public void setUp() {
        String[] p = point.split(":");
        int items = p[0].equals("handlers") ? 1 : Integer.parseInt(p[2]);
        Dispatcher dispatcher = p[0].equals("handlers")
                ? Dispatcher.create("engine", threads, Integer.parseInt(p[1]), items)
                : Dispatcher.create(p[1], threads, 1, items);
        paced = new PacedDispatch(point, dispatcher, inFlight, items);
    }

    @Benchmark
    public void dispatch() throws InterruptedException {
        paced.dispatch();
    }

    @TearDown(Level.Iteration)
    public void drain() throws InterruptedException {
        paced.drain();
    }

    @TearDown
    public void tearDown() {
        paced.close();
    }
}
