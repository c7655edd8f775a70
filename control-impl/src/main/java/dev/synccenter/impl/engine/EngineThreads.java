package dev.synccenter.impl.engine;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.impl.guard.Guard;
import dev.synccenter.impl.notify.DeliveryQueue;
import dev.synccenter.impl.notify.Notifier;

/**
 * The engine's threads: sessions, guarded handler calls, result delivery, listener notification
 * and one timer. Named daemon threads, created here and stopped by {@link #shutdown(Duration)}.
 *
 * <p>Lock rule: this class holds no engine state and takes no engine lock; its methods may be
 * called with the engine lock held (they only hand work to other threads).
 */
final class EngineThreads {

    private static final Logger LOG = LoggerFactory.getLogger(EngineThreads.class);
    /** A delivery callback blocked longer than this is left on its own thread (C19). */
    static final long STUCK_DELIVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ExecutorService sessionPool = Executors.newCachedThreadPool(named("sync-session"));
    private final ExecutorService callPool = Executors.newCachedThreadPool(named("sync-call"));
    private final ExecutorService deliveryPool = Executors.newCachedThreadPool(named("sync-result"));
    private final ExecutorService listenerPool = Executors.newCachedThreadPool(named("sync-listener"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(named("sync-timer"));
    /** Completes handles and calls result listeners, in order, containing callbacks that block (C19). */
    private final DeliveryQueue deliveries = new DeliveryQueue(deliveryPool);
    private final Notifier notifier = new Notifier(listenerPool);
    private final Guard guard;

    EngineThreads(Supplier<Duration> callTimeout) {
        this.guard = new Guard(callPool, callTimeout);
        timers.scheduleWithFixedDelay(() -> deliveries.detachStuck(STUCK_DELIVERY_NANOS), 50, 50,
                TimeUnit.MILLISECONDS);
    }

    /** Threads that run sessions now, abandoned ones included (their threads cannot be killed, C22). */
    int sessionThreads() {
        return ((java.util.concurrent.ThreadPoolExecutor) sessionPool).getPoolSize();
    }

    DeliveryQueue deliveries() {
        return deliveries;
    }

    Notifier notifier() {
        return notifier;
    }

    Guard guard() {
        return guard;
    }

    /** Runs a task once after a delay, logging what it throws; null once the engine is stopping. */
    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        try {
            return timers.schedule(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    LOG.error("Sync engine timer task failed", t);
                }
            }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null; // stopping: close() settles everything
        }
    }

    /** Runs a task every {@code period}, logging what it throws; null once the engine is stopping. */
    ScheduledFuture<?> every(Duration period, Runnable task) {
        try {
            return timers.scheduleWithFixedDelay(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    LOG.error("Sync engine periodic task failed", t);
                }
            }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Runs a task on a call-pool thread, logging what it throws; dropped once the engine is stopping. */
    void runAsync(Runnable task) {
        try {
            callPool.execute(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    LOG.error("Sync engine background task failed", t);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Stopping: background task dropped");
        }
    }

    /** Starts a session thread; throws RejectedExecutionException once the engine is stopping. */
    void startSession(Runnable session) {
        sessionPool.execute(session);
    }

    /**
     * Stops every thread: first waits, at most {@code deliveryWait}, for the queued result callbacks
     * (every result is handed over before close() returns, C35). The stuck-callback watchdog keeps
     * running meanwhile, so one blocking callback cannot hold up the others.
     */
    void shutdown(Duration deliveryWait) {
        try {
            if (!deliveries.close(deliveryWait.toNanos())) {
                LOG.warn("Some result callbacks had not run when the engine stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        deliveryPool.shutdown();
        sessionPool.shutdownNow();
        callPool.shutdownNow();
        listenerPool.shutdown();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
