package dev.synccenter.impl.engine;

import java.util.function.Supplier;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one lock of the engine. Every part of the engine shares this object, and every field of
 * engine state is guarded by it (marked {@code // @GuardedBy("EngineLock")}).
 *
 * <p>Only entry points take it: the public methods of {@link SyncEngine}, a session thread ending
 * its session, a metadata read publishing what it read, the timer callbacks (park expiry, session
 * timeout, abandon) and the session callback. Every other method of a part begins with
 * {@link #assertHeld()}, so that a method called from the wrong place fails its test (tests run with
 * assertions on) instead of racing; production pays nothing for it.
 *
 * <p><b>Lock order.</b> This lock comes first; under it the engine may take the monitors of the leaf
 * classes it calls ({@code StateStore}, a {@code Notifier} channel, the
 * {@code DeliveryQueue}), and those never call back into the engine. No handler or listener code
 * ever runs with this lock held: {@link #assertNotHeld()} marks the places that call out.
 */
final class EngineLock {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    /** Runs a body with the lock held: for entry points that are not on the hot path. */
    <T> T call(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    void run(Runnable body) {
        lock.lock();
        try {
            body.run();
        } finally {
            lock.unlock();
        }
    }

    /** Asserts that the calling thread holds the lock: a method that mutates engine state. */
    void assertHeld() {
        assert lock.isHeldByCurrentThread() : "the engine lock must be held here";
    }

    /** Asserts that the calling thread does not hold the lock: a place that calls foreign code. */
    void assertNotHeld() {
        assert !lock.isHeldByCurrentThread() : "foreign code must never run under the engine lock";
    }

    /** Wakes every thread waiting for a change (close() waits for sessions and requests to end). */
    void signalAll() {
        assertHeld();
        changed.signalAll();
    }

    /** Waits for a change, at most {@code nanos}; returns the time left. */
    long awaitNanos(long nanos) throws InterruptedException {
        assertHeld();
        return changed.awaitNanos(nanos);
    }
}
