package dev.synccenter.impl.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.synccenter.handler.SyncCallback;

/**
 * Holds a handler inside synchronize until the test opens it. {@link #entered} counts entries so a
 * test can wait until the handler is inside. The waits are bounded so that a broken test ends.
 */
final class Gate {

    private final CountDownLatch open = new CountDownLatch(1);
    final java.util.concurrent.Semaphore entered = new java.util.concurrent.Semaphore(0);

    void open() {
        open.countDown();
    }

    /** Waits for the gate, ignoring cancellation (a handler that does not cooperate). */
    void pass() throws InterruptedException {
        entered.release();
        if (!open.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gate never opened");
        }
    }

    /** Waits for the gate or for a cancel of the whole session (a cooperative handler). */
    boolean passUnlessCancelled(SyncCallback callback) throws InterruptedException {
        entered.release();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (open.await(5, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (!callback.canContinue()) {
                return false;
            }
        }
        throw new IllegalStateException("gate never opened");
    }

    /** Waits until the handler entered the gate n times in all. */
    void awaitEntered(int n) throws InterruptedException {
        if (!entered.tryAcquire(n, 10, TimeUnit.SECONDS)) {
            throw new AssertionError("handler did not enter the gate " + n + " time(s)");
        }
        entered.release(n);
    }
}
