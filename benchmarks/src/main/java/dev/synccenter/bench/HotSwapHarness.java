package dev.synccenter.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.handler.SyncCallback;
import dev.synccenter.impl.engine.EngineSettings;
import dev.synccenter.impl.engine.HandlerRef;

/**
 * Hot-swap pause, as the DS component sees a bundle update: with requests streaming at a paced
 * rate, the serving handler service is removed ({@code handlerRemoved}), requests park for
 * {@code --gapMs}, and a new service with the same handler ID and a new service ID is added
 * ({@code handlerAdded}). Measured per swap: time from that registration to the first parked request
 * entering synchronize on the new service. Over the whole run: requests lost (no result) and
 * duplicated (more than one result listener call or handle completion), which must be 0, and
 * requests that synchronize saw twice (C27 re-runs of an interrupted session, allowed).
 *
 * <p>Options: {@code --rate=2000 --swaps=10 --gapMs=20 --holdMs=300 --threads=4}.
 */
public final class HotSwapHarness {

    private HotSwapHarness() {
    }

    /** A fast handler that records every synchronize call: which generation ran a request, and when first. */
    static final class Recording extends FastHandler {
        final int generation;
        final AtomicIntegerArray runs;
        final AtomicIntegerArray runBy;
        final AtomicLongArray firstEntry;

        Recording(int generation, AtomicIntegerArray runs, AtomicIntegerArray runBy, AtomicLongArray firstEntry) {
            super("swap " + generation, 1);
            this.generation = generation;
            this.runs = runs;
            this.runBy = runBy;
            this.firstEntry = firstEntry;
        }

        @Override
        public void synchronize(List<String> itemIds, SyncCallback callback, Object context, long requestId) {
            int id = (int) requestId;
            long now = System.nanoTime();
            runs.incrementAndGet(id);
            firstEntry.compareAndSet(id, 0, now);
            runBy.compareAndSet(id, 0, generation);
        }
    }

    public static void main(String[] args) throws Exception {
        double rate = Report.option(args, "rate", 2000);
        int swaps = (int) Report.option(args, "swaps", 10);
        long gapMs = (long) Report.option(args, "gapMs", 20);
        long holdMs = (long) Report.option(args, "holdMs", 300);
        int threads = (int) Report.option(args, "threads", 4);

        int capacity = (int) (rate * (swaps + 2) * (gapMs + holdMs + 200) / 1000.0) + 10_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(capacity);
        AtomicIntegerArray runBy = new AtomicIntegerArray(capacity);
        AtomicLongArray firstEntry = new AtomicLongArray(capacity);
        AtomicIntegerArray listenerCalls = new AtomicIntegerArray(capacity);
        AtomicIntegerArray handleCalls = new AtomicIntegerArray(capacity);
        AtomicLong notSucceeded = new AtomicLong();
        AtomicLong lastAccepted = new AtomicLong();
        AtomicBoolean streaming = new AtomicBoolean(true);

        EngineSettings settings = EngineSettings.defaults().withPoolSize(threads).withConcurrentSessions(threads)
                .withParkTimeout(Duration.ofSeconds(60));
        try (EngineRig rig = new EngineRig(settings)) {
            HandlerRef ref = rig.add("h0", new Recording(1, runs, runBy, firstEntry));
            rig.awaitServed(ref, Duration.ofSeconds(30));

            Thread generator = new Thread(() -> {
                List<String> items = FastHandler.itemIds(1);
                long interval = (long) (1e9 / rate);
                long next = System.nanoTime();
                while (streaming.get()) {
                    long now;
                    while ((now = System.nanoTime()) < next) {
                        LockSupport.parkNanos(Math.min(next - now, 1_000_000));
                    }
                    next += interval;
                    SyncRequest r = rig.engine.startItemSync("h0", items, null, Set.of(), result -> {
                        listenerCalls.incrementAndGet((int) result.requestId());
                    });
                    int id = (int) r.id();
                    if (id >= capacity) {
                        throw new IllegalStateException("more requests than the arrays hold");
                    }
                    r.result().whenComplete((result, failure) -> {
                        handleCalls.incrementAndGet(id);
                        if (failure != null || result.status() != ProgressStatus.SUCCEEDED) {
                            notSucceeded.incrementAndGet();
                        }
                    });
                    lastAccepted.set(id);
                }
            }, "bench-generator");
            generator.start();

            Histogram pause = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            List<long[]> windows = new ArrayList<>();
            Thread.sleep(holdMs);
            for (int k = 2; k <= swaps + 1; k++) {
                rig.engine.handlerRemoved(ref);
                long firstParked = lastAccepted.get() + 1;
                Thread.sleep(gapMs);
                long lastParked = lastAccepted.get();
                ref = new HandlerRef(ref.serviceId() + 1, 0, "h0", "bench.handlers 1.0." + k,
                        new Recording(k, runs, runBy, firstEntry));
                long registered = System.nanoTime();
                rig.engine.handlerAdded(ref);
                while (!rig.servedBy(ref)) { // its metadata is read on the engine's call pool
                    Thread.onSpinWait();
                }
                long served = System.nanoTime();
                windows.add(new long[] {k, firstParked, lastParked, registered, served});
                Thread.sleep(holdMs);
            }
            streaming.set(false);
            generator.join();
            long total = lastAccepted.get();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && !allAnswered(listenerCalls, handleCalls, total)) {
                Thread.sleep(5);
            }

            int parked = 0;
            Histogram toServed = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            Histogram toAnyRun = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            StringBuilder each = new StringBuilder();
            for (long[] w : windows) {
                long first = Long.MAX_VALUE;
                for (long id = w[1]; id <= w[2]; id++) {
                    parked++;
                    if (runBy.get((int) id) == w[0]) {
                        first = Math.min(first, firstEntry.get((int) id));
                    }
                }
                if (first == Long.MAX_VALUE) {
                    throw new IllegalStateException("swap " + w[0] + ": no parked request ran on the new service");
                }
                pause.recordValue(Math.max(0, first - w[3]));
                toServed.recordValue(w[4] - w[3]);
                long any = Long.MAX_VALUE; // any request, parked or queued before (C27 re-runs, backlog)
                for (int id = 1; id <= total; id++) {
                    if (runBy.get(id) == w[0]) {
                        any = Math.min(any, firstEntry.get(id));
                    }
                }
                toAnyRun.recordValue(Math.max(0, any - w[3]));
                each.append(String.format(java.util.Locale.ROOT, " %.2f/%.2f", (w[4] - w[3]) / 1e6,
                        (first - w[3]) / 1e6));
            }
            System.out.println("per swap, ms from registration to metadata read / to first parked request running:"
                    + each);
            long lost = 0;
            long duplicated = 0;
            long rerun = 0;
            for (int id = 1; id <= total; id++) {
                if (listenerCalls.get(id) == 0 || handleCalls.get(id) == 0) {
                    lost++;
                }
                if (listenerCalls.get(id) > 1 || handleCalls.get(id) > 1) {
                    duplicated++;
                }
                if (runs.get(id) > 1) {
                    rerun++;
                }
            }
            Report.figure("hotswap.swaps", windows.size(), "swaps");
            Report.figure("hotswap.requests", total, "requests");
            Report.figure("hotswap.parkedRequests", parked, "requests");
            Report.figure("hotswap.pause.p50", pause.getValueAtPercentile(50) / 1e6, "ms");
            Report.figure("hotswap.pause.max", pause.getMaxValue() / 1e6, "ms");
            Report.figure("hotswap.toServed.p50", toServed.getValueAtPercentile(50) / 1e6, "ms");
            Report.figure("hotswap.toServed.max", toServed.getMaxValue() / 1e6, "ms");
            Report.figure("hotswap.toAnyRun.p50", toAnyRun.getValueAtPercentile(50) / 1e6, "ms");
            Report.figure("hotswap.toAnyRun.max", toAnyRun.getMaxValue() / 1e6, "ms");
            Report.figure("hotswap.lost", lost, "requests");
            Report.figure("hotswap.duplicated", duplicated, "requests");
            Report.figure("hotswap.rerunC27", rerun, "requests");
            Report.figure("hotswap.notSucceeded", notSucceeded.get(), "requests");
        }
    }

    private static boolean allAnswered(AtomicIntegerArray listenerCalls, AtomicIntegerArray handleCalls, long total) {
        for (int id = 1; id <= total; id++) {
            if (listenerCalls.get(id) == 0 || handleCalls.get(id) == 0) {
                return false;
            }
        }
        return true;
    }
}
