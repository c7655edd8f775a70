package dev.synccenter.itest;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for conditions with a deadline, and fails with what it saw last. The only place in these
 * tests that lets time pass on purpose.
 */
final class Poll {

    /** Deadline of an ordinary wait: generous, since a passing wait ends as soon as it can. */
    static final Duration WAIT = Duration.ofSeconds(20);

    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Poll() {
    }

    /** Polls {@code probe} until {@code ok} accepts what it answers; answers that value. */
    static <T> T until(String what, Supplier<T> probe, Predicate<? super T> ok) {
        return until(what, WAIT, probe, ok);
    }

    static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<? super T> ok) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (true) {
            try {
                last = probe.get();
                lastError = null;
                if (ok.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError failure = new AssertionError("Waited " + timeout.toMillis() + " ms for " + what
                        + "; last seen: " + (lastError != null ? lastError : last));
                if (lastError != null) {
                    failure.initCause(lastError);
                }
                throw failure;
            }
            LockSupport.parkNanos(INTERVAL_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what);
            }
        }
    }

    /** Waits until a boolean condition holds. */
    static void until(String what, Supplier<Boolean> condition) {
        until(what, condition, Boolean.TRUE::equals);
    }

    /** The value a stage completes with, within the deadline. */
    static <T> T done(String what, CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Waited " + WAIT.toMillis() + " ms for " + what, e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " completed exceptionally", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + what, e);
        }
    }

    /** Awaits a latch within the deadline. */
    static void await(String what, java.util.concurrent.CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Waited " + WAIT.toMillis() + " ms for " + what + "; count is "
                        + latch.getCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + what, e);
        }
    }
}
