package dev.synccenter.impl.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.SyncStore;

/**
 * The engine's side of the store (C36 to C40): every state change the engine makes is handed to
 * the store here, in the order the engine made it (the parts call it under the engine lock, and
 * the store commits in submission order, in groups). Nothing here blocks on I/O.
 *
 * <p>Two kinds of change. A start call's acceptance is the caller's: the caller waits for it, and
 * a failure is the caller's error (nothing was accepted). Every other change is the engine's own:
 * when the store fails, it is kept, in order, and submitted again once the store writes again, so
 * that the engine's state and the store's meet again (C40); meanwhile the engine goes on, and
 * results wait for their record before they are delivered.
 *
 * <p>Lock rule: {@link #record} and {@link #accept} may be called with the engine lock held; the
 * store's acknowledgements run on the store's thread, without it.
 */
final class Journal {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    /** Request IDs reserved at once: one durable write per this many requests. */
    static final int ID_BLOCK = 1_000;

    private final SyncStore store;
    private final EngineThreads threads;
    private final Duration retryInterval;
    /** Changes handed over and not yet stored or failed; guarded by {@link #quiet}. */
    private long outstanding;
    private final Object quiet = new Object();
    /** Own changes whose commit failed, in order, waiting for the store to write again. */
    private final ArrayDeque<Retry> retries = new ArrayDeque<>();
    private boolean retrying;
    private boolean failingLogged;
    // Reserved request IDs: [nextId, endId). Guarded by this.
    private long nextId;
    private long endId;

    private record Retry(StoreChange change, CompletableFuture<Void> done) {
    }

    Journal(SyncStore store, EngineThreads threads, Duration retryInterval) {
        this.store = store;
        this.threads = threads;
        this.retryInterval = retryInterval;
    }

    SyncStore store() {
        return store;
    }

    // ---- request IDs (C36: unique for the life of the store)

    /** Makes sure {@code count} IDs are at hand, reserving a block if not: call without the engine lock. */
    void ensureIds(int count) {
        synchronized (this) {
            if (endId - nextId >= count) {
                return;
            }
        }
        int block = Math.max(ID_BLOCK, count);
        long first = store.reserveRequestIds(block); // blocks on a commit: never under the engine lock
        synchronized (this) {
            if (endId - nextId < count) {
                nextId = first; // what was left of the old block is never used: IDs are unique, not dense
                endId = first + block;
            }
        }
    }

    /** How many reserved IDs are at hand. */
    synchronized long idsAtHand() {
        return endId - nextId;
    }

    /** The next reserved request ID, or 0 when none is left (the caller reserves and tries again). */
    synchronized long nextId() {
        return nextId < endId ? nextId++ : 0;
    }

    // ---- changes

    /**
     * A change the caller waits for and whose failure is the caller's (a start call's acceptance, a
     * state change): it is not kept for later when the store fails (C36, C40).
     */
    CompletableFuture<Void> owned(StoreChange change) {
        return track(store.submit(change));
    }

    /**
     * One of the engine's own changes. The future completes once it is stored, however many times
     * it had to be submitted: results are delivered only then.
     */
    CompletableFuture<Void> record(StoreChange change) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean queued;
        synchronized (this) {
            queued = !retries.isEmpty();
            if (queued) {
                retries.addLast(new Retry(change, done)); // keep the order behind what waits
            }
        }
        if (!queued) {
            submit(new Retry(change, done));
        }
        return track(done);
    }

    private void submit(Retry r) {
        store.submit(r.change()).whenComplete((ok, failure) -> {
            if (failure == null) {
                r.done().complete(null);
                return;
            }
            synchronized (this) {
                retries.addLast(r);
                if (!failingLogged) {
                    failingLogged = true;
                    LOG.error("The store {} failed to record the engine's changes; they are kept and recorded when it "
                            + "writes again (C40): {}", store.name(), failure.getMessage());
                }
                if (!retrying) {
                    retrying = true;
                    threads.schedule(this::retry, retryInterval);
                }
            }
        });
    }

    /** Timer: once the store writes again, submits what waits, in order. */
    private void retry() {
        if (!store.health().ok()) {
            threads.schedule(this::retry, retryInterval);
            return;
        }
        ArrayDeque<Retry> batch;
        synchronized (this) {
            batch = new ArrayDeque<>(retries);
            retries.clear();
            retrying = false;
            if (failingLogged) {
                failingLogged = false;
                LOG.info("The store {} writes again; recording {} kept change(s)", store.name(), batch.size());
            }
        }
        batch.forEach(this::submit);
    }

    private CompletableFuture<Void> track(CompletableFuture<Void> future) {
        synchronized (quiet) {
            outstanding++;
        }
        future.whenComplete((ok, failure) -> {
            synchronized (quiet) {
                if (--outstanding == 0) {
                    quiet.notifyAll();
                }
            }
        });
        return future;
    }

    /** Waits, at most {@code timeout}, until every change handed over so far is stored or failed. */
    boolean awaitQuiet(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (quiet) {
            while (outstanding > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(quiet, left);
            }
            return true;
        }
    }
}
