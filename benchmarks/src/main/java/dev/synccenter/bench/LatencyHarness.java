package dev.synccenter.bench;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

import dev.synccenter.control.SyncRequest;
import dev.synccenter.impl.engine.HandlerRef;

/**
 * Latency at half of the peak rate. First the peak: closed loop, 128 in flight, on a fresh engine.
 * Then an open-loop generator paced at half of it on another fresh engine: for every request, the
 * time from the start call returning to synchronize being entered, and to the result being
 * delivered (the request's result stage completing), in HdrHistogram. Since on a small machine the
 * session often runs before the caller's thread is scheduled again, the same is also measured from
 * the start call being made ({@code callTo*}), and the duration of the start call itself.
 *
 * <p>Options: {@code --threads=4 --warmup=3 --seconds=10 --rate=<ops/s>} (no rate: measure the peak
 * for {@code --peakSeconds=3} after the warm-up and use half of it), {@code --label=latency} (the
 * prefix of the figures' names).
 */
public final class LatencyHarness {

    private LatencyHarness() {
    }

    public static void main(String[] args) throws Exception {
        int threads = (int) Report.option(args, "threads", 4);
        double warmup = Report.option(args, "warmup", 3);
        double seconds = Report.option(args, "seconds", 10);
        double rate = Report.option(args, "rate", 0);
        String label = Report.option(args, "label", "latency");
        if (rate <= 0) {
            double peak = peak(threads, warmup, Report.option(args, "peakSeconds", 3));
            Report.figure(label + ".peak", peak, "ops/s");
            rate = peak / 2;
        }
        paced(label, threads, rate, warmup, seconds);
    }

    /** Closed-loop peak rate of 1-item syncs with 128 in flight. */
    static double peak(int threads, double warmup, double seconds) throws InterruptedException {
        try (Dispatcher d = Dispatcher.create("engine", threads, 1, 1)) {
            Semaphore permits = new Semaphore(128);
            Runnable release = permits::release;
            List<String> items = FastHandler.itemIds(1);
            long warmEnd = System.nanoTime() + (long) (warmup * 1e9);
            while (System.nanoTime() < warmEnd) {
                permits.acquire();
                d.submit(items, release);
            }
            long n = 0;
            long begin = System.nanoTime();
            long end = begin + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                permits.acquire();
                d.submit(items, release);
                n++;
            }
            permits.acquire(128);
            return n / ((System.nanoTime() - begin) / 1e9);
        }
    }

    static void paced(String label, int threads, double rate, double warmup, double seconds) throws InterruptedException {
        int warmCount = (int) (rate * warmup);
        int count = (int) (rate * seconds);
        int total = warmCount + count;
        AtomicLongArray entered = new AtomicLongArray(total + 2);
        long[] called = new long[total + 2];
        long[] returned = new long[total + 2];
        AtomicLongArray delivered = new AtomicLongArray(total + 2);
        AtomicLong failures = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        long interval = (long) (1e9 / rate);
        long maxLag = 0;
        try (EngineRig rig = new EngineRig(threads)) {
            FastHandler handler = new FastHandler("latency", 1);
            handler.probe(entered);
            HandlerRef ref = rig.add("h0", handler);
            rig.awaitServed(ref, java.time.Duration.ofSeconds(30));
            List<String> items = FastHandler.itemIds(1);
            long next = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long now;
                while ((now = System.nanoTime()) < next) {
                    if (next - now > 200_000) {
                        LockSupport.parkNanos(next - now - 100_000);
                    } else {
                        // Yield rather than spin: on 2 cores a spinning generator would take a whole
                        // core from the engine and measure queueing behind itself.
                        Thread.yield();
                    }
                }
                if (i >= warmCount) {
                    maxLag = Math.max(maxLag, now - next);
                }
                next += interval;
                outstanding.incrementAndGet();
                long before = System.nanoTime();
                SyncRequest r = rig.engine.startItemSync("h0", items, null, Set.of(), null);
                long after = System.nanoTime();
                int id = (int) r.id();
                called[id] = before;
                returned[id] = after;
                r.result().whenComplete((result, failure) -> {
                    delivered.set(id, System.nanoTime());
                    if (failure != null || result.status() != dev.synccenter.control.ProgressStatus.SUCCEEDED) {
                        failures.incrementAndGet();
                    }
                    outstanding.decrementAndGet();
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (outstanding.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            if (outstanding.get() > 0) {
                throw new IllegalStateException(outstanding.get() + " requests without a result after 60 s");
            }
        }
        Histogram toHandler = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram toResult = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram callToHandler = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram callToResult = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram call = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long early = 0;
        // Request IDs start at 1 and follow the start calls; the first warmCount are the warm-up.
        for (int id = warmCount + 1; id <= total; id++) {
            long a = entered.get(id) - returned[id];
            if (a < 0) {
                early++; // synchronize was entered before the start call had returned
                a = 0;
            }
            toHandler.recordValue(a);
            toResult.recordValue(Math.max(0, delivered.get(id) - returned[id]));
            callToHandler.recordValue(entered.get(id) - called[id]);
            callToResult.recordValue(delivered.get(id) - called[id]);
            call.recordValue(returned[id] - called[id]);
        }
        Report.figure(label + ".rate", rate, "ops/s");
        Report.percentiles(label + ".toHandler", toHandler);
        Report.percentiles(label + ".toResult", toResult);
        Report.percentiles(label + ".callToHandler", callToHandler);
        Report.percentiles(label + ".callToResult", callToResult);
        Report.percentiles(label + ".startCall", call);
        Report.figure(label + ".enteredBeforeReturn", early, "requests");
        Report.figure(label + ".generatorMaxLag", maxLag / 1e3, "us");
        Report.figure(label + ".failures", failures.get(), "requests");
    }
}
