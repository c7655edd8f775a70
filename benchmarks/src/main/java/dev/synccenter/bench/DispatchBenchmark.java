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

    private PacedDispatch paced;

    @Setup
    public void setUp() {
        paced = new PacedDispatch(impl, Dispatcher.create(impl, threads, handlers, items), inFlight, items);
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
