package dev.synccenter.impl.guard;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Calls untrusted code (handlers' getters, enable, activate, conflicts) on a platform thread, under
 * a deadline, inside {@code catch (Throwable)}. The caller gets an {@link Outcome}, never an
 * exception. The thread is named after what it calls while the call runs, so a thread dump tells
 * which handler hangs.
 */
public final class Guard {

    /** The outcome of a guarded call: a value, or why there is none. */
    public record Outcome<T>(T value, Throwable failure, boolean timedOut) {
        public boolean ok() {
            return failure == null && !timedOut;
        }

        public T orElse(T fallback) {
            return ok() ? value : fallback;
        }

        public String problem() {
            if (timedOut) {
                return "did not answer in time";
            }
            return failure == null ? null : failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        }
    }

    private final ExecutorService pool;
    private final Supplier<Duration> timeout;

    public Guard(ExecutorService pool, Supplier<Duration> timeout) {
        this.pool = pool;
        this.timeout = timeout;
    }

    /** Calls {@code code} on a pool thread named {@code what} and waits at most the timeout. */
    public <T> Outcome<T> call(String what, Callable<T> code) {
        Future<T> future;
        try {
            future = pool.submit(() -> {
                Thread self = Thread.currentThread();
                String name = self.getName();
                self.setName("sync-call " + what);
                try {
                    return code.call();
                } finally {
                    self.setName(name);
                }
            });
        } catch (RejectedExecutionException e) {
            return new Outcome<>(null, e, false);
        }
        try {
            return new Outcome<>(future.get(timeout.get().toMillis(), TimeUnit.MILLISECONDS), null, false);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Outcome<>(null, null, true);
        } catch (ExecutionException e) {
            return new Outcome<>(null, e.getCause(), false);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new Outcome<>(null, e, false);
        } catch (Throwable t) {
            return new Outcome<>(null, t, false);
        }
    }

    /** Same as {@link #call} for code with no value. */
    public Outcome<Void> run(String what, ThrowingRunnable code) {
        return call(what, () -> {
            code.run();
            return null;
        });
    }

    /** A runnable that may throw anything. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
