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
 * Dispatch throughput: one op is one start of a sync whose handler returns at once; at most
 * {@code inFlight} syncs are outstanding (a semaphore released when the result is delivered), so the
 * rate is the rate of delivered results, not of queue growth. The same run measures the engine, a
 * bare executor, Quartz and Eclipse Jobs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Threads(1)
public class DispatchBenchmark {

    @Param({"engine", "bare", "quartz", "eclipse"})
    public String impl;

    @Param({"1", "100"})
    public int items;

    /** Engine pool size (and concurrent sessions) = threads of every alternative. */
    @Param({"4"})
    public int threads;

    @Param({"128"})
    public int inFlight;

    /** Handlers registered; requests go to them round-robin (engine only). */
    @Param({"1"})
    public int handlers;

    private Dispatcher dispatcher;
    private Semaphore permits;
    private Runnable release;
    private List<String> itemIds;

    @Setup
    public void setUp() {
        dispatcher = Dispatcher.create(impl, threads, handlers, items);
        permits = new Semaphore(inFlight);
        release = permits::release;
        itemIds = FastHandler.itemIds(items);
    }

    @Benchmark
    public void dispatch() throws InterruptedException {
        permits.acquire();
        dispatcher.submit(itemIds, release);
    }

    /** Waits for every outstanding sync, so no iteration leaves work to the next. */
    @TearDown(Level.Iteration)
    public void drain() throws InterruptedException {
        if (!permits.tryAcquire(inFlight, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(impl + ": " + (inFlight - permits.availablePermits())
                    + " syncs got no result within 60 s");
        }
        permits.release(inFlight);
        if (dispatcher.failures() != 0) {
            throw new IllegalStateException(impl + ": " + dispatcher.failures() + " results were not SUCCEEDED");
        }
    }

    @TearDown
    public void tearDown() {
        dispatcher.close();
    }
}
