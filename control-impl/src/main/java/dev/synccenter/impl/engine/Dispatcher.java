package dev.synccenter.impl.engine;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.HandlerCapability;
import dev.synccenter.control.SyncConflict;

/**
 * Which queued work runs next, and on which thread (C9, C12): handlers with queued work take turns
 * in a ready ring; a session starts while the pool has room and the handler its concurrency limit;
 * a session thread that ends a session runs the next one itself instead of waking another thread.
 *
 * <p>Lock rule: every method runs with the engine lock held, except {@link #runSession}, the session
 * thread's loop, which calls the handler without the lock and takes it to end the session.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final EngineLock lock;
    private final Supplier<EngineSettings> settings;
    private final Policies policies;
    private final EngineThreads threads;
    private final HandlerCalls calls;
    private final Reporter reporter;
    private final Sessions sessions;
    // @GuardedBy("EngineLock")
    private final ArrayDeque<HandlerSlot> ready = new ArrayDeque<>();
    // @GuardedBy("EngineLock")
    private int liveSessions;
    /** While a session thread ends a session: that thread, and the next session it will run itself. */
    // @GuardedBy("EngineLock")
    private Thread inlineTaker;
    // @GuardedBy("EngineLock")
    private Session inlineNext;

    Dispatcher(EngineLock lock, Supplier<EngineSettings> settings, Policies policies, EngineThreads threads,
            HandlerCalls calls, Reporter reporter, Sessions sessions) {
        this.lock = lock;
        this.settings = settings;
        this.policies = policies;
        this.threads = threads;
        this.calls = calls;
        this.reporter = reporter;
        this.sessions = sessions;
    }

    int liveSessions() {
        lock.assertHeld();
        return liveSessions;
    }

    /** Puts a slot with queued work at the tail of the ready ring, once. */
    void markReady(HandlerSlot slot) {
        lock.assertHeld();
        if (!slot.inReady && !slot.queue.isEmpty()) {
            slot.inReady = true;
            ready.addLast(slot);
        }
    }

    /** Starts sessions while the pool has room, taking handlers round-robin. */
    void dispatch() {
        lock.assertHeld();
        if (policies.stopping()) {
            return;
        }
        // Ends: each turn takes a slot off the ready ring for good or takes an entry off a slot's queue.
        // A slot dropped here because it is busy is marked ready again when one of its sessions ends.
        while (liveSessions < Math.max(1, settings.get().poolSize()) && !ready.isEmpty()) {
            HandlerSlot slot = ready.pollFirst();
            slot.inReady = false;
            if (dispatchable(slot)) {
                Session session = sessions.open(slot, slot.queue.pollFirst());
                if (session != null) {
                    launch(session);
                }
                markReady(slot); // back at the tail: handlers take turns
            }
        }
    }

    /** A session of the slot ended: its place is free, and the slot may have more to run. */
    void sessionEnded(HandlerSlot slot) {
        lock.assertHeld();
        liveSessions--;
        markReady(slot);
        dispatch();
    }

    private boolean dispatchable(HandlerSlot slot) {
        if (slot.parked() || !slot.metadataCurrent || !slot.metadata.listed() || slot.queue.isEmpty()
                || !policies.active(slot) || !policies.enabled(slot)) {
            return false;
        }
        int limit = slot.metadata.capabilities().contains(HandlerCapability.SUPPORTS_CONCURRENT_SESSIONS)
                ? Math.max(1, settings.get().concurrentSessions()) : 1;
        return slot.sessions.size() < limit;
    }

    private void launch(Session session) {
        liveSessions++;
        if (inlineTaker == Thread.currentThread() && inlineNext == null) {
            inlineNext = session; // the session thread that just ended one runs this one: no hand-off
            return;
        }
        try {
            threads.startSession(() -> runSession(session));
        } catch (RejectedExecutionException e) {
            LOG.error("Cannot start {}: the session pool refused it", session, e);
            sessions.end(session, SessionEnd.ABANDONED, e, null);
        }
    }

    /**
     * Runs on a session thread: calls the handler outside every lock (C12, C15). When ending a
     * session makes room for the next one, this thread runs it too, rather than waking another.
     */
    private void runSession(Session first) {
        Session session = first;
        while (session != null) {
            Throwable failure = callSynchronize(session);
            List<SyncConflict> conflicts = null;
            if (!session.ended && session.conflictStore) {
                conflicts = calls.readConflicts(session.slot.id, session.ref);
            }
            Session next;
            lock.lock();
            try {
                if (!session.ended) {
                    if (failure != null) {
                        LOG.error("Handler {} threw from synchronize in {} (request {})", session.slot.id, session,
                                session.primary.id, failure);
                    }
                    inlineTaker = Thread.currentThread();
                    try {
                        sessions.end(session, failure == null ? SessionEnd.RETURNED : SessionEnd.THREW, failure,
                                conflicts);
                    } finally {
                        inlineTaker = null;
                    }
                }
                next = inlineNext;
                inlineNext = null;
            } finally {
                lock.unlock();
            }
            Thread.interrupted(); // an abandon may have interrupted this thread; the next session must not see it
            session = next;
        }
    }

    /** Calls the handler's synchronize, on this thread, named after the session while it runs. */
    private Throwable callSynchronize(Session session) {
        lock.assertNotHeld();
        Thread self = Thread.currentThread();
        String name = self.getName();
        self.setName("sync-session " + session.slot.id + " #" + session.id);
        session.thread = self;
        try {
            if (!session.ended) {
                session.ref.handler().synchronize(session.initialItems,
                        new SessionCallback(lock, reporter, sessions, session, settings), session.primary.context,
                        session.primary.id);
            }
            return null;
        } catch (Throwable t) {
            return t;
        } finally {
            session.thread = null;
            self.setName(name);
        }
    }
}
