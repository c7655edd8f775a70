package dev.synccenter.shell;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncResult;

/**
 * An operator's load tool, like Karaf's {@code bundle:load-test}: starts many item syncs from
 * inside the platform, at most a bounded number in flight, and counts what comes back. Each
 * request's listener flags its own delivery, so a second result for a request counts as a
 * duplicate and nothing is kept per request: a million requests cost no memory here. Used by the
 * soak (docs/RELIABILITY.md).
 */
final class LoadGenerator {

    /** What a load run has seen so far. {@code lost} is meaningful once {@code running} is false. */
    record Status(String handlerId, long target, long accepted, long refused, long results, long notSucceeded,
            long duplicates, boolean running, long elapsedMillis) {

        long inFlightOrLost() {
            return accepted - results;
        }
    }

    private final SyncControl control;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong results = new AtomicLong();
    private final AtomicLong notSucceeded = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private volatile Thread producer;
    private volatile boolean stopRequested;
    private volatile String handlerId = "";
    private volatile long target;
    private volatile long startNanos;
    private volatile long endNanos;

    LoadGenerator(SyncControl control) {
        this.control = control;
    }

    /** Starts a run in the background; refuses if one is running. */
    synchronized void start(String handler, List<String> items, long count, int inFlight) {
        if (producer != null && producer.isAlive()) {
            throw new UsageException("a load is running; see load-status, or load-stop it");
        }
        accepted.set(0);
        refused.set(0);
        results.set(0);
        notSucceeded.set(0);
        duplicates.set(0);
        stopRequested = false;
        handlerId = handler;
        target = count;
        startNanos = System.nanoTime();
        endNanos = 0;
        Semaphore permits = new Semaphore(inFlight);
        Thread thread = new Thread(() -> produce(handler, List.copyOf(items), count, permits, inFlight), "sync-load");
        thread.setDaemon(true);
        producer = thread;
        thread.start();
    }

    void stop() {
        stopRequested = true;
    }

    Status status() {
        Thread thread = producer;
        boolean running = thread != null && thread.isAlive();
        long end = running || endNanos == 0 ? System.nanoTime() : endNanos;
        return new Status(handlerId, target, accepted.get(), refused.get(), results.get(), notSucceeded.get(),
                duplicates.get(), running, startNanos == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(end - startNanos));
    }

    private void produce(String handler, List<String> items, long count, Semaphore permits, int inFlight) {
        try {
            for (long i = 0; i < count && !stopRequested; i++) {
                permits.acquire();
                AtomicBoolean delivered = new AtomicBoolean();
                try {
                    control.startItemSync(handler, items, null, Set.of(), result -> onResult(result, delivered, permits));
                    accepted.incrementAndGet();
                } catch (SyncRefusedException | SyncArgumentException e) {
                    refused.incrementAndGet(); // e.g. the handler's park timeout expired during a swap
                    permits.release();
                }
            }
            // The run ends when every accepted request has its result, or after a minute without progress.
            long lastResults = -1;
            long quietSince = System.nanoTime();
            while (!permits.tryAcquire(inFlight, 100, TimeUnit.MILLISECONDS) && !stopRequested) {
                long now = results.get();
                if (now != lastResults) {
                    lastResults = now;
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > TimeUnit.MINUTES.toNanos(1)) {
                    return; // lost results: load-status shows them
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            endNanos = System.nanoTime();
        }
    }

    private void onResult(SyncResult result, AtomicBoolean delivered, Semaphore permits) {
        if (!delivered.compareAndSet(false, true)) {
            duplicates.incrementAndGet(); // C17 broken: a second result for the same request
            return;
        }
        results.incrementAndGet();
        if (result.status() != ProgressStatus.SUCCEEDED) {
            notSucceeded.incrementAndGet();
        }
        permits.release();
    }
}
