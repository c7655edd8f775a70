package dev.synccenter.impl.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.EventLevel;
import dev.synccenter.control.HandlerCapability;
import dev.synccenter.control.HandlerChange;
import dev.synccenter.control.ItemProgress;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.impl.metadata.HandlerMetadata;
import dev.synccenter.impl.metadata.ItemMetadata;

/**
 * A session's life: opened from a queue entry (C8, C11), ended with an outcome for every item (C15,
 * C22, C27), cancelled, timed out or abandoned.
 *
 * <p>Lock rule: every method runs with the engine lock held, except the two timer callbacks
 * ({@link #timedOut}, {@link #abandon}), which take it. Which thread runs a session is the
 * {@link Dispatcher}'s business; it learns that a session ended through {@link Ends}.
 */
final class Sessions {

    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    /** The cancel reason of the engine's stop: sessions cancelled for it are suspended, not ended (C35). */
    static final String SHUTTING_DOWN = "platform shutting down";

    /** Told, under the lock, that a session of the slot ended and freed its place. */
    interface Ends {
        void sessionEnded(HandlerSlot slot);
    }

    private final EngineLock lock;
    private final Supplier<EngineSettings> settings;
    private final Clock clock;
    private final Reporter reporter;
    private final RequestBook book;
    private final Policies policies;
    private final EngineThreads threads;
    private final Ends ends;
    private final Retries retries;
    // @GuardedBy("EngineLock")
    private long nextSessionId = 1;

    Sessions(EngineLock lock, Supplier<EngineSettings> settings, Clock clock, Reporter reporter, RequestBook book,
            Policies policies, EngineThreads threads, Ends ends, Retries retries) {
        this.lock = lock;
        this.settings = settings;
        this.clock = clock;
        this.reporter = reporter;
        this.book = book;
        this.policies = policies;
        this.threads = threads;
        this.ends = ends;
        this.retries = retries;
    }

    // ---- opening

    /**
     * Decides a queue entry's items and opens a session for those left to sync (C8, C11); null when
     * none is left (the requests touched are settled then). The caller runs the session.
     */
    Session open(HandlerSlot slot, QueueEntry work) {
        lock.assertHeld();
        HandlerMetadata md = slot.metadata;
        if (work.allItems) {
            resolveHandlerSync(slot, work);
        }
        long sessionId = nextSessionId++;
        Set<Request> touched = new LinkedHashSet<>();
        List<String> toSync = settleUnsyncable(slot, work, sessionId, touched);
        touched.add(work.primary);
        if (toSync.isEmpty()) {
            book.settle(touched);
            return null;
        }
        Session session = new Session(sessionId, slot, slot.serving, work.primary, toSync);
        session.conflictStore = md.capabilities().contains(HandlerCapability.CONFLICT_STORE);
        Instant now = clock.instant();
        for (String itemId : toSync) {
            SessionItem si = new SessionItem(itemId);
            session.items.put(itemId, si);
            for (Request r : work.items().get(itemId)) {
                r.subscribe(session, si, now);
                book.started(r, itemId);
            }
            retries.join(slot, session, si, now); // C43: requests waiting to retry it take this attempt
        }
        book.settle(touched);
        slot.sessions.add(session);
        Duration timeout = settings.get().sessionTimeout();
        if (!timeout.isZero() && !timeout.isNegative()) {
            session.timeoutTimer = threads.schedule(() -> timedOut(session), timeout);
        }
        if (reporter.listening()) {
            for (Request r : session.subscribers()) {
                RequestSnapshot snapshot = Snapshots.request(r, slot);
                reporter.fire(l -> l.requestStarted(snapshot));
            }
        }
        return session;
    }

    /** C8: a handler sync takes the handler's enabled items as its session starts. */
    private void resolveHandlerSync(HandlerSlot slot, QueueEntry work) {
        Request r = work.primary;
        for (ItemMetadata item : slot.metadata.items().values()) {
            if (r.hasItem(item.id())) {
                continue; // already taken from a running session (C10)
            }
            if (work.isExcluded(item.id())) {
                r.expect(item.id());
                book.finish(r, item.id(), ProgressStatus.CANCELED, 0, 0);
            } else if (policies.syncsWithHandler(slot, item)) {
                r.expect(item.id());
                work.add(item.id(), r);
            }
        }
        r.resolved = true;
        book.itemsDecided(r);
    }

    /** C11: unknown items fail, disabled ones are skipped, disconnected ones end DISCONNECTED; the rest sync. */
    private List<String> settleUnsyncable(HandlerSlot slot, QueueEntry work, long sessionId, Set<Request> touched) {
        HandlerMetadata md = slot.metadata;
        List<String> toSync = new ArrayList<>();
        for (Map.Entry<String, List<Request>> e : work.items().entrySet()) {
            String itemId = e.getKey();
            ItemMetadata item = md.items().get(itemId);
            ProgressStatus outcome = null;
            int errors = 0;
            if (item == null) {
                outcome = ProgressStatus.FAILED;
                for (Request r : e.getValue()) {
                    reporter.event(slot.id, itemId, EventLevel.ERROR, "Unknown item",
                            "Handler '" + slot.id + "' has no item '" + itemId + "' (C11)", r.id, sessionId);
                }
                errors = 1;
            } else if (!policies.itemEnabled(slot, item)) {
                outcome = ProgressStatus.SKIPPED;
            } else if (!md.connected() || !item.connected()) {
                outcome = ProgressStatus.DISCONNECTED;
            } else {
                toSync.add(itemId);
            }
            if (outcome != null) {
                for (Request r : e.getValue()) {
                    book.finish(r, itemId, outcome, errors, 0);
                    touched.add(r);
                }
            }
        }
        return toSync;
    }

    // ---- ending

    /** Gives every item of an ending session its outcome and frees its place (C15, C22, C27). */
    void end(Session session, SessionEnd how, Throwable failure, List<SyncConflict> conflicts) {
        lock.assertHeld();
        session.ended = true;
        EngineThreads.cancel(session.graceTimer);
        EngineThreads.cancel(session.timeoutTimer);
        HandlerSlot slot = session.slot;
        slot.sessions.remove(session);
        if (conflicts != null) {
            slot.conflicts = conflicts;
        }
        QueueEntry rerun = session.handlerGone && !policies.stopping() ? new QueueEntry(session.primary, false) : null;
        Set<Request> touched = new LinkedHashSet<>();
        int unfinished = settleItems(session, how, failure, rerun, touched);
        if (how == SessionEnd.THREW && unfinished == 0) {
            reporter.sessionEvent(session, null, EventLevel.ERROR, "Sync failed", "synchronize threw " + failure,
                    null, null, null);
        }
        if (how == SessionEnd.ABANDONED) {
            book.statistics.abandoned();
        }
        if (how == SessionEnd.ABANDONED && !session.suspended) {
            reporter.sessionEvent(session, null, EventLevel.WARNING, "Session abandoned", "Handler '" + slot.id
                    + "' did not return within the cancel grace of " + settings.get().cancelGrace() + " after "
                    + (session.cancelReason == null ? "a cancel" : session.cancelReason) + " (C22)", null, null,
                    null);
        }
        for (Request r : touched) {
            r.errors += session.sessionErrors;
        }
        if (rerun != null && rerun.itemCount() > 0) {
            // The handler sees the session's request again (C12, C27); the items may be others' (C10, C16, C43).
            LOG.info("Handler {}: {} unfinished item(s) of the session for request {} will sync again on the "
                    + "next service, for request(s) {} (C27)", slot.id, rerun.itemCount(), rerun.primary.id,
                    rerun.requestIds());
            slot.queue.addFirst(rerun);
        }
        book.settle(touched);
        ends.sessionEnded(slot);
    }

    /** Each item's final status; unfinished items of a session whose service went away go into rerun. */
    private int settleItems(Session session, SessionEnd how, Throwable failure, QueueEntry rerun, Set<Request> touched) {
        HandlerSlot slot = session.slot;
        Instant now = clock.instant();
        int unfinished = 0;
        for (SessionItem si : session.items.values()) {
            touched.addAll(si.subscribers);
            if (!si.status.isFinal()) {
                unfinished++;
                if (rerun != null) {
                    for (Request r : si.subscribers) {
                        r.notRunning(si.itemId);
                        rerun.add(si.itemId, r);
                    }
                    continue;
                }
                if (suspends(session, si) || session.handlerGone) {
                    // C35: it stays unfinished in the store and runs again at the next start (C37). A session
                    // whose service went away would have run it again on the next service (C27), but the
                    // engine stopped first (a framework stops handler bundles before the engine's).
                    continue;
                }
                settleUnfinished(session, si, how, failure);
            }
            if (si.status == ProgressStatus.CANCELED && suspends(session, si)) {
                // C35: the handler answered the shutdown's cancel; the item was not cancelled by anyone
                for (Request r : si.subscribers) {
                    r.notRunning(si.itemId);
                }
                continue;
            }
            if (si.status == ProgressStatus.FAILED && si.errors == 0) {
                String why = si.failReason != null ? si.failReason : "The handler reported the item as failed.";
                reporter.sessionEvent(session, si.itemId, EventLevel.ERROR, "Sync failed", why, null, null, null);
            }
            if (si.status == ProgressStatus.SUCCEEDED) {
                slot.itemLastSync.put(si.itemId, now);
                slot.lastSyncTime = now;
                retries.succeeded(slot, si.itemId, now);
            }
            Backoff backoff = Retries.isTransient(si) ? retries.failed(slot, si, now) : null;
            int itemConflicts = slot.conflictsOf(si.itemId);
            ItemProgress last = si.progress();
            for (Request r : si.subscribers) {
                if (backoff != null && retries.defer(r, backoff, si, now)) {
                    continue; // C43: it waits for its next attempt
                }
                if (book.finish(r, si.itemId, si.status, si.errors, itemConflicts)) {
                    r.lastProgress(si.itemId, last);
                }
            }
        }
        return unfinished;
    }

    /** Whether an ending session's item stays unfinished for the next start (C35): the engine stops,
     *  and nobody cancelled it before (a stop or a disable stands: it ends CANCELED). */
    private static boolean suspends(Session session, SessionItem si) {
        return session.suspended && !si.cancelRequested && SHUTTING_DOWN.equals(session.cancelReason);
    }

    private void settleUnfinished(Session session, SessionItem si, SessionEnd how, Throwable failure) {
        switch (how) {
            case RETURNED -> si.status = si.cancelRequested || session.cancelAll
                    ? ProgressStatus.CANCELED : ProgressStatus.SUCCEEDED;
            case THREW -> {
                si.status = ProgressStatus.FAILED;
                si.threw = true; // C42: transient
                si.failReason = "synchronize threw " + failure;
                // C15: the exception becomes an error event
                reporter.sessionEvent(session, si.itemId, EventLevel.ERROR, "Sync failed", si.failReason, null,
                        null, null);
            }
            case ABANDONED -> si.status = ProgressStatus.CANCELED;
        }
    }

    // ---- cancelling (C22)

    /** Asks a session to cancel everything and abandons it if it has not returned within the grace. */
    void cancelAll(Session session, String reason) {
        lock.assertHeld();
        if (session.ended) {
            return;
        }
        session.cancelAll = true;
        if (session.cancelReason == null) {
            session.cancelReason = reason;
        }
        if (session.graceTimer == null) {
            session.graceTimer = threads.schedule(() -> abandon(session), settings.get().cancelGrace());
        }
    }

    /** Timer: the session ran past the session timeout; it is cancelled like any other (C22). */
    private void timedOut(Session session) {
        lock.lock();
        try {
            if (!session.ended) {
                LOG.warn("{} ran past the session timeout of {}; cancelling it (C22)", session,
                        settings.get().sessionTimeout());
                cancelAll(session, "the session timeout of " + settings.get().sessionTimeout());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Timer: the cancel grace ran out; the session's items end now and its thread is interrupted (C22). */
    private void abandon(Session session) {
        lock.lock();
        try {
            if (session.ended) {
                return;
            }
            LOG.warn("Handler {} did not return within the cancel grace of {}; abandoning {} (C22)",
                    session.slot.id, settings.get().cancelGrace(), session);
            Thread thread = session.thread;
            end(session, SessionEnd.ABANDONED, null, null);
            if (thread != null) {
                thread.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The engine stops (C35): the session is asked to cancel, and its unfinished items stay
     * unfinished, to run again at the next start (C37), whether it returns or is abandoned.
     */
    void suspend(Session session) {
        lock.assertHeld();
        session.suspended = true;
        cancelAll(session, SHUTTING_DOWN);
    }

    /** The close() of a stop whose grace ran out: every running session ends ABANDONED now. */
    void abandonAll(HandlerSlot slot) {
        lock.assertHeld();
        for (Session s : List.copyOf(slot.sessions)) {
            end(s, SessionEnd.ABANDONED, null, null);
        }
    }

    // ---- what the session callback changes (C13, C16)

    /** C16: moves a queued item into a running session; its requests take the outcome from it. */
    void addItem(Session session, String itemId) {
        lock.assertHeld();
        HandlerSlot slot = session.slot;
        ItemMetadata item = slot.metadata.items().get(itemId);
        if (item == null) {
            throw new IllegalArgumentException("handler '" + slot.id + "' has no item '" + itemId + "'");
        }
        if (!policies.itemEnabled(slot, item)) {
            throw new IllegalArgumentException("item '" + itemId + "' is disabled");
        }
        SessionItem si = new SessionItem(itemId);
        session.items.put(itemId, si);
        Instant now = clock.instant();
        for (Iterator<QueueEntry> it = slot.queue.iterator(); it.hasNext();) {
            QueueEntry work = it.next();
            List<Request> subscribers = work.take(itemId);
            if (subscribers != null) {
                for (Request r : subscribers) {
                    r.subscribe(session, si, now);
                    book.started(r, itemId);
                }
            }
            if (work.isEmpty()) {
                it.remove();
            }
        }
        retries.join(slot, session, si, now); // C43: requests waiting to retry it take this attempt
        lock.signalAll();
    }

    /** C13: a proposed item joins the handler's items, if the session's service still serves. */
    void commit(Session session, ItemMetadata item) {
        lock.assertHeld();
        HandlerSlot slot = session.slot;
        if (slot.metadata != null && slot.serving != null && slot.serving.serviceId() == session.ref.serviceId()) {
            slot.metadata = slot.metadata.withItem(item);
            reporter.handlerChanged(slot.id, HandlerChange.CHANGED);
        }
    }
}
