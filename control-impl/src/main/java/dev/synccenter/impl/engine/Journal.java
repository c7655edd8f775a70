package dev.synccenter.impl.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.StoreRefusedException;
import dev.synccenter.impl.store.SyncStore;

/**
 * The engine's side of the store (C36 to C40): every state change the engine makes is handed to
 * the store here, in the order the engine made it (the parts call it under the engine lock, and
 * the store commits each request's changes in submission order, and the changes without a request
 * among themselves, in groups). Nothing here blocks on I/O.
 *
 * <p>Two kinds of change. A start call's acceptance (and a state change) is the caller's: the caller
 * waits for it, and a failure is the caller's error (nothing was accepted). Every other change is
 * the engine's own: when the store fails, it is kept, and so is every later one, in order, and they
 * are submitted again once the store writes again, each leaving the queue only once stored, so that
 * the engine's state and the store's meet again (C40); meanwhile the engine goes on, and results
 * wait for their record before they are delivered. A change the store refuses for good (it
 * contradicts what is stored, for example a result sent again after a commit whose answer was lost)
 * is logged and let go: what the store holds stands.
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
    /** Own changes whose commit failed, and those made after them, in order: guarded by this. */
    private final ArrayDeque<Kept> kept = new ArrayDeque<>();
    /** A drain of {@link #kept} is scheduled or under way. */
    private boolean draining;
    private boolean failingLogged;
    // Reserved request IDs: [nextId, endId). Guarded by this.
    private long nextId;
    private long endId;

    /** An own change, and whether a drain stored it. */
    private static final class Kept {
        final StoreChange change;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile boolean stored;

        Kept(StoreChange change) {
            this.change = change;
        }
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

    /** From a change's submission to its commit, as the engine waits for it (the store's latency). */
    final Histogram commitSeconds = new Histogram();

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
     * it had to be submitted, or once the store refused it for good (it contradicts what is stored,
     * which stands: a result refused as a second one means one is stored). Results are delivered
     * only then.
     */
    CompletableFuture<Void> record(StoreChange change) {
        Kept r = new Kept(change);
        boolean direct;
        synchronized (this) {
            direct = kept.isEmpty();
            if (!direct) {
                kept.addLast(r); // the store failed: new changes wait behind the kept ones, in order
            }
        }
        if (direct) {
            store.submit(change).whenComplete((ok, failure) -> {
                if (failure == null || refused(r, failure)) {
                    r.done.complete(null);
                } else {
                    keep(r, failure);
                }
            });
        }
        return track(r.done);
    }

    private void keep(Kept r, Throwable failure) {
        synchronized (this) {
            kept.addLast(r);
            if (!failingLogged) {
                failingLogged = true;
                LOG.error("The store {} failed to record the engine's changes; they are kept and recorded in order "
                        + "when it writes again (C40): {}", store.name(), cause(failure).getMessage());
            }
            if (!draining) {
                draining = true;
                threads.schedule(this::drain, retryInterval);
            }
        }
    }

    /**
     * Timer: once the store writes again, submits every kept change, in order; each leaves the
     * queue only once it is stored (or refused for good), so that nothing overtakes it.
     */
    private void drain() {
        if (!store.health().ok()) {
            threads.schedule(this::drain, retryInterval);
            return;
        }
        List<Kept> batch;
        synchronized (this) {
            batch = List.copyOf(kept);
            if (failingLogged) {
                failingLogged = false;
                LOG.info("The store {} writes again; recording {} kept change(s)", store.name(), batch.size());
            }
        }
        if (batch.isEmpty()) {
            drained();
            return;
        }
        AtomicInteger left = new AtomicInteger(batch.size());
        for (Kept r : batch) {
            store.submit(r.change).whenComplete((ok, failure) -> {
                if (failure == null || refused(r, failure)) {
                    r.stored = true;
                    r.done.complete(null);
                }
                if (left.decrementAndGet() == 0) {
                    drained();
                }
            });
        }
    }

    /** A drain ended: back to direct submission once nothing is kept, else drain again. */
    private void drained() {
        boolean again;
        synchronized (this) {
            kept.removeIf(r -> r.stored);
            again = !kept.isEmpty();
            draining = again;
        }
        if (again) {
            threads.schedule(this::drain, retryInterval);
        }
    }

    /** Whether the store refused the change for good; such a change is logged and let go. */
    private boolean refused(Kept r, Throwable failure) {
        if (!(cause(failure) instanceof StoreRefusedException)) {
            return false;
        }
        LOG.warn("The store {} refused {} for good (what it holds stands): {}", store.name(),
                r.change.getClass().getSimpleName(), cause(failure).getMessage());
        return true;
    }

    private static Throwable cause(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private CompletableFuture<Void> track(CompletableFuture<Void> future) {
        long submitted = System.nanoTime();
        future.whenComplete((ok, failure) -> {
            if (failure == null) {
                commitSeconds.add(System.nanoTime() - submitted);
            }
        });
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
