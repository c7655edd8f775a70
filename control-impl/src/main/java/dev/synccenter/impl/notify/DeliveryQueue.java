package dev.synccenter.impl.notify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs callbacks into caller code (completing request handles, calling result listeners) in
 * order, on one worker thread, while containing callbacks that block (C19).
 *
 * <p>{@link #detachStuck(long)}, called periodically, finds a worker that has been inside one
 * callback for longer than the limit, leaves it to finish that callback on its own, and starts a
 * fresh worker for the rest of the queue. So the usual case costs one thread, and each callback that
 * blocks costs exactly one more, for as long as it blocks.
 */
public final class DeliveryQueue {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);
    /** How long an idle worker waits for more before it ends. */
    static final long LINGER_MILLIS = 5;

    private final Executor threads;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final List<Worker> workers = new ArrayList<>();
    private Worker active;
    private boolean closed;

    public DeliveryQueue(Executor threads) {
        this.threads = threads;
    }

    /** Queues a callback; it runs after those queued before it, unless one of them blocks. */
    public void submit(Runnable task) {
        synchronized (this) {
            if (!closed) {
                tasks.addLast(task);
                if (active == null) {
                    startWorker();
                } else if (tasks.size() == 1) {
                    notifyAll(); // a lingering worker may be waiting for it
                }
                return;
            }
        }
        // After close: the engine has settled every request before closing this queue, so this is not
        // expected; if it happens, the caller may hold the engine lock, so the callback gets a thread.
        runOnOwnThread(List.of(task));
    }

    /** Detaches every worker stuck in one callback for longer than {@code limitNanos}. */
    public void detachStuck(long limitNanos) {
        synchronized (this) {
            Worker w = active;
            if (w != null && w.startedNanos != 0 && System.nanoTime() - w.startedNanos > limitNanos) {
                LOG.warn("A result callback has blocked for over {} ms on thread {}; it is left to finish on"
                        + " its own and the others go on (C19)", TimeUnit.NANOSECONDS.toMillis(limitNanos),
                        w.thread == null ? "?" : w.thread.getName());
                w.detached = true;
                active = null;
                if (!tasks.isEmpty()) {
                    startWorker();
                }
            }
        }
    }

    /** Stops taking callbacks and waits until the queued ones ran, or the time is up. */
    public boolean close(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (this) {
            while (!tasks.isEmpty() || active != null && active.startedNanos != 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    closed = true;
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            closed = true;
            return true;
        }
    }

    /** Callbacks queued and not yet started; for diagnostics and tests. */
    public synchronized int backlog() {
        return tasks.size();
    }

    private void startWorker() {
        Worker w = new Worker();
        active = w;
        workers.add(w);
        try {
            threads.execute(w);
        } catch (RuntimeException e) {
            active = null;
            workers.remove(w);
            LOG.error("Cannot start a delivery thread; running the queued callbacks on a thread of their own", e);
            List<Runnable> left = new ArrayList<>(tasks);
            tasks.clear();
            runOnOwnThread(left);
        }
    }

    /**
     * Never runs callbacks on the submitting thread: it may hold the engine lock, and callbacks are
     * caller code (the engine's lock rule). A plain thread is the last resort when the pool refuses.
     */
    private static void runOnOwnThread(List<Runnable> left) {
        Thread t = new Thread(() -> left.forEach(DeliveryQueue::runContained), "sync-result-fallback");
        t.setDaemon(true);
        t.start();
    }

    private final class Worker implements Runnable {
        volatile long startedNanos;
        volatile boolean detached;
        volatile Thread thread;

        @Override
        public void run() {
            thread = Thread.currentThread();
            try {
                while (true) {
                    Runnable task;
                    synchronized (DeliveryQueue.this) {
                        startedNanos = 0;
                        DeliveryQueue.this.notifyAll();
                        if (!detached && tasks.isEmpty() && !closed) {
                            // A steady stream has gaps: wait a moment rather than exit and be started again.
                            DeliveryQueue.this.wait(LINGER_MILLIS);
                        }
                        if (detached || tasks.isEmpty()) {
                            if (active == this) {
                                active = null;
                            }
                            workers.remove(this);
                            return;
                        }
                        task = tasks.pollFirst();
                        startedNanos = Math.max(1, System.nanoTime());
                    }
                    runContained(task);
                }
            } catch (InterruptedException e) {
                synchronized (DeliveryQueue.this) {
                    if (active == this) {
                        active = null;
                        if (!tasks.isEmpty() && !closed) {
                            startWorker(); // this thread was interrupted while lingering; another takes over
                        }
                    }
                    workers.remove(this);
                }
            } finally {
                thread = null;
            }
        }
    }

    private static void runContained(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            LOG.warn("A result callback threw (C19)", t);
        }
    }
}
