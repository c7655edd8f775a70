package dev.synccenter.impl.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ScheduledFuture;

/**
 * The engine's one clock for what happens by itself (C43, C44): the ends of backoffs and the runs
 * of schedules. Entries are kept in time order; one timer task waits for the earliest, reads the
 * engine's {@link Clock} when it wakes, and runs every entry that is due. Time is the engine's
 * clock, not the timer's: a test moves a fixed clock and calls {@link #clockMoved()}, and what fell
 * due runs at once, with no waiting for real minutes.
 *
 * <p>Lock rule: every method runs with the engine lock held, except the timer's wake-up, which takes
 * it. An entry's action runs under the lock and may hand back a task, which runs after the lock is
 * released, on a call-pool thread (a schedule's starts wait for the store).
 */
final class Timetable {

    /** What an entry does when it falls due: work under the lock, and optionally a task for after it. */
    interface Action {
        Runnable due();
    }

    /** One planned time; cancelled entries stay in the queue and are skipped when they come up. */
    static final class Entry {
        final Instant at;
        final long order;
        final Action action;
        boolean cancelled;

        Entry(Instant at, long order, Action action) {
            this.at = at;
            this.order = order;
            this.action = action;
        }

        void cancel() {
            cancelled = true;
        }
    }

    private final EngineLock lock;
    private final Clock clock;
    private final EngineThreads threads;
    // @GuardedBy("EngineLock")
    private final PriorityQueue<Entry> entries = new PriorityQueue<>(
            (a, b) -> a.at.equals(b.at) ? Long.compare(a.order, b.order) : a.at.compareTo(b.at));
    // @GuardedBy("EngineLock")
    private long nextOrder;
    // @GuardedBy("EngineLock")
    private ScheduledFuture<?> wakeUp;
    // @GuardedBy("EngineLock")
    private Instant wakeAt;
    // @GuardedBy("EngineLock")
    private boolean stopped;

    Timetable(EngineLock lock, Clock clock, EngineThreads threads) {
        this.lock = lock;
        this.clock = clock;
        this.threads = threads;
    }

    Instant now() {
        return clock.instant();
    }

    /** Plans an action at a time (now or past: at the next wake-up, which is at once). */
    Entry at(Instant at, Action action) {
        lock.assertHeld();
        Entry e = new Entry(at, nextOrder++, action);
        entries.add(e);
        if (wakeAt == null || at.isBefore(wakeAt)) {
            plan();
        }
        return e;
    }

    /** Entries waiting, cancelled ones included until they come up; for metrics and tests. */
    int size() {
        lock.assertHeld();
        return entries.size();
    }

    /** The engine's clock was moved (tests): what fell due runs now, and the wake-up is planned again. */
    void clockMoved() {
        lock.assertHeld();
        plan();
    }

    void stop() {
        lock.assertHeld();
        stopped = true;
        EngineThreads.cancel(wakeUp);
        wakeUp = null;
    }

    /** Plans the timer for the earliest live entry, replacing the wake-up planned before. */
    private void plan() {
        while (!entries.isEmpty() && entries.peek().cancelled) {
            entries.poll();
        }
        EngineThreads.cancel(wakeUp);
        wakeUp = null;
        wakeAt = null;
        if (stopped || entries.isEmpty()) {
            return;
        }
        wakeAt = entries.peek().at;
        Duration wait = Duration.between(clock.instant(), wakeAt);
        wakeUp = threads.schedule(this::wake, wait.isNegative() ? Duration.ZERO : wait);
    }

    /** Timer thread: runs what is due by the engine's clock, then plans the next wake-up. */
    private void wake() {
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            Instant now = clock.instant();
            while (!entries.isEmpty() && !entries.peek().at.isAfter(now)) {
                Entry e = entries.poll();
                if (!e.cancelled) {
                    e.cancelled = true; // an entry runs once
                    Runnable task = e.action.due();
                    if (task != null) {
                        after.add(task);
                    }
                }
            }
            plan();
        } finally {
            lock.unlock();
        }
        after.forEach(threads::runAsync);
    }
}
