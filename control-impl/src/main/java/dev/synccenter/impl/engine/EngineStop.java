package dev.synccenter.impl.engine;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's stop (C35): nothing new is accepted; running sessions are asked to cancel with the
 * grace of C22, and their unfinished items stay unfinished; queued requests are not cancelled, and
 * nothing more falls due. What has no result stays in the store and resumes at the next start
 * (C37); its handles complete with a "suspended" error.
 *
 * <p>Lock rule: takes the engine lock itself; waits for the store and the threads without it.
 */
final class EngineStop {

    private static final Logger LOG = LoggerFactory.getLogger(EngineStop.class);

    private final EngineLock lock;
    private final Supplier<EngineSettings> settings;
    private final Policies policies;
    private final HandlerRegistry registry;
    private final Sessions sessions;
    private final Dispatcher dispatcher;
    private final RequestBook book;
    private final Timetable timetable;
    private final Pruning pruning;
    private final Journal journal;
    private final EngineThreads threads;

    EngineStop(EngineLock lock, Supplier<EngineSettings> settings, Policies policies, HandlerRegistry registry,
            Sessions sessions, Dispatcher dispatcher, RequestBook book, Timetable timetable, Pruning pruning,
            Journal journal, EngineThreads threads) {
        this.lock = lock;
        this.settings = settings;
        this.policies = policies;
        this.registry = registry;
        this.sessions = sessions;
        this.dispatcher = dispatcher;
        this.book = book;
        this.timetable = timetable;
        this.pruning = pruning;
        this.journal = journal;
        this.threads = threads;
    }

    /** Returns once every session returned or was abandoned, and every change is in the store. */
    void stop() {
        Duration grace = settings.get().cancelGrace().plusSeconds(5);
        boolean interrupted = false;
        lock.lock();
        try {
            if (policies.stopping()) {
                return;
            }
            policies.beginStopping();
            timetable.stop();
            registry.stopParkTimers();
            for (HandlerSlot slot : registry.all()) {
                slot.sessions.forEach(sessions::suspend);
            }
            try {
                awaitSessions(System.nanoTime() + grace.toNanos());
            } catch (InterruptedException e) {
                interrupted = true; // the sessions still end by their grace; the handles complete below
                for (HandlerSlot slot : registry.all()) {
                    sessions.abandonAll(slot);
                }
            }
            book.suspendOpen();
        } finally {
            lock.unlock();
        }
        pruning.stop();
        try {
            if (!journal.awaitQuiet(grace)) {
                LOG.warn("Stopping before the store confirmed every change; what it lacks runs again at the next "
                        + "start (C37)");
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        threads.shutdown(grace);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sessions end by returning or by being abandoned as their grace runs out; past the deadline, now. */
    private void awaitSessions(long deadline) throws InterruptedException {
        while (dispatcher.liveSessions() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.error("Stopping with {} session(s) still running; abandoning them", dispatcher.liveSessions());
                for (HandlerSlot slot : registry.all()) {
                    sessions.abandonAll(slot);
                }
                return;
            }
            lock.awaitNanos(left);
        }
    }
}
