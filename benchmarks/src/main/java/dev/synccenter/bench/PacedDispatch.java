package dev.synccenter.bench;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Dispatch with a bounded number of syncs outstanding, shared by the JMH benchmarks: a permit is
 * taken before each start and given back when its result arrives, so ops/s measures delivered
 * results, not queue growth; each iteration waits for all outstanding results before it ends.
 */
final class PacedDispatch {

    private final String label;
    private final Dispatcher dispatcher;
    private final int inFlight;
    private final Semaphore permits;
    private final Runnable release;
    private final List<String> itemIds;

    PacedDispatch(String label, Dispatcher dispatcher, int inFlight, int items) {
        this.label = label;
        this.dispatcher = dispatcher;
        this.inFlight = inFlight;
        this.permits = new Semaphore(inFlight);
        this.release = permits::release;
        this.itemIds = FastHandler.itemIds(items);
    }

    void dispatch() throws InterruptedException {
        permits.acquire();
        dispatcher.submit(itemIds, release);
    }

    /** Waits for every outstanding sync, so no iteration leaves work to the next. */
    void drain() throws InterruptedException {
        if (!permits.tryAcquire(inFlight, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(label + ": " + (inFlight - permits.availablePermits())
                    + " syncs got no result within 60 s");
        }
        permits.release(inFlight);
        if (dispatcher.failures() != 0) {
            throw new IllegalStateException(label + ": " + dispatcher.failures() + " results were not SUCCEEDED");
        }
    }

    void close() {
        dispatcher.close();
    }
}
