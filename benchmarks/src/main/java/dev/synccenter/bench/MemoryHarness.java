package dev.synccenter.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.synccenter.handler.SyncCallback;
import dev.synccenter.impl.engine.HandlerRef;

/**
 * Heap per queued request: a handler without concurrent sessions blocks in its first synchronize,
 * {@code --requests} more 1-item requests queue behind it (their handles are dropped, as a
 * fire-and-forget caller would), and the used heap after full GCs before and after is divided by
 * the count. Options: {@code --requests=1000000 --threads=4 --histogram=1}
 * (the last prints the top of the live class histogram).
 */
public final class MemoryHarness {

    private MemoryHarness() {
    }

    public static void main(String[] args) throws Exception {
        int requests = (int) Report.option(args, "requests", 1_000_000);
        int threads = (int) Report.option(args, "threads", 4);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FastHandler blocked = new FastHandler("blocked", 1, false) {
            @Override
            public void synchronize(List<String> itemIds, SyncCallback callback, Object context, long requestId) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        EngineRig rig = new EngineRig(threads);
        HandlerRef ref = rig.add("h0", blocked);
        rig.awaitServed(ref, Duration.ofSeconds(30));
        List<String> items = FastHandler.itemIds(1);
        rig.engine.startItemSync("h0", items, null, Set.of(), null);
        if (!entered.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the blocking handler was never called");
        }
        // Warm the code path, so that what is measured is the queue, not class loading.
        for (int i = 0; i < 1000; i++) {
            rig.engine.startItemSync("h0", items, null, Set.of(), null);
        }
        long before = usedAfterGc();
        long t0 = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            rig.engine.startItemSync("h0", items, null, Set.of(), null);
        }
        long enqueueNanos = System.nanoTime() - t0;
        long after = usedAfterGc();
        if (Report.option(args, "histogram", 0) > 0) {
            printHistogram();
        }
        Report.figure("memory.requests", requests, "requests");
        Report.figure("memory.bytesPerRequest", (after - before) / (double) requests, "bytes");
        Report.figure("memory.enqueueRate", requests / (enqueueNanos / 1e9), "ops/s");
        long c0 = System.nanoTime();
        release.countDown();
        rig.close(); // suspends what is queued (C35): it stays in the store
        Report.figure("memory.closeSeconds", (System.nanoTime() - c0) / 1e9, "s");
    }

    /** What the queued requests are made of: the top of the class histogram, live objects only. */
    static void printHistogram() throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
        histogram.lines().limit(25).forEach(l -> System.out.println("HISTO " + l));
    }

    static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
