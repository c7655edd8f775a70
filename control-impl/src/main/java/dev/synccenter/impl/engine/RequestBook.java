package dev.synccenter.impl.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestKind;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRefusedException.Reason;
import dev.synccenter.control.SyncResultListener;
import dev.synccenter.control.SyncSuspendedException;
import dev.synccenter.impl.notify.DeliveryQueue;
import dev.synccenter.impl.store.StoreChange;

/**
 * The open requests and the recent history, and request IDs. This is the only class that sets a
 * request's result and hands it to delivery (C17, C18): every path that ends or removes items
 * passes the requests it touched to {@link #settle}, which completes those whose last item is
 * final, once.
 *
 * <p>Lock rule: every method runs with the engine lock held. Results are handed to the
 * {@link DeliveryQueue} under the lock only so that they keep their order; the callbacks run on
 * delivery threads, never on this one.
 */
final class RequestBook {

    private static final Logger LOG = LoggerFactory.getLogger(RequestBook.class);

    private final EngineLock lock;
    private final Supplier<EngineSettings> settings;
    private final Reporter reporter;
    private final DeliveryQueue deliveries;
    private final Journal journal;
    private final Clock clock;
    // @GuardedBy("EngineLock")
    private final OpenRequests open = new OpenRequests();
    // @GuardedBy("EngineLock")
    private final LinkedHashMap<Long, Request> history = new LinkedHashMap<>();
    /** Results by handler and status, wait and run times: counted where results are set. */
    final Statistics statistics = new Statistics();
    /** Requests whose acceptance is being stored: they count against the bound (C41). */
    // @GuardedBy("EngineLock")
    private int storing;

    RequestBook(EngineLock lock, Supplier<EngineSettings> settings, Reporter reporter, DeliveryQueue deliveries,
            Journal journal, Clock clock) {
        this.lock = lock;
        this.settings = settings;
        this.reporter = reporter;
        this.deliveries = deliveries;
        this.journal = journal;
        this.clock = clock;
    }

    /** Refuses new requests that would take the engine past its bound of open requests (C41). */
    void refuseIfFull(int more) {
        lock.assertHeld();
        int max = settings.get().maxOpenRequests();
        if (open.size() + storing + more > max) {
            throw new SyncRefusedException(Reason.QUEUE_FULL, "the platform holds " + open.size()
                    + " open requests, as many as its bound queue.max allows; try again when some have finished (C41)");
        }
    }

    /**
     * Makes a request with the next reserved ID, not yet open: it opens once its acceptance is
     * stored ({@link #open(Request)}), or is dropped if that fails ({@link #dropUnstored}).
     *
     * @throws IdsExhausted when no reserved ID is left (the caller reserves more, without the lock)
     */
    Request accept(String handlerId, RequestKind kind, Set<SyncControlFlag> flags, Object context,
            SyncResultListener listener) {
        lock.assertHeld();
        long id = journal.nextId();
        if (id == 0) {
            throw new IdsExhausted(1);
        }
        storing++;
        return new Request(id, handlerId, kind, flags, context, listener, clock.instant());
    }

    /** The acceptance is stored: the request is open (C36). */
    void open(Request r) {
        lock.assertHeld();
        storing--;
        open.put(r);
    }

    /** The acceptance could not be stored: the request never existed (C40). */
    void dropUnstored(Request r) {
        lock.assertHeld();
        storing--;
    }

    /** A request restored from the store after a restart (C37): open, with no caller to tell. */
    void restore(Request r) {
        lock.assertHeld();
        open.put(r);
    }

    /**
     * Records an item's final status; false if it was final already. The store learns it at once,
     * or, for a handler sync whose items are not decided yet, with the decision ({@link #itemsDecided}).
     */
    boolean finish(Request r, String itemId, ProgressStatus status, int errors, int conflicts) {
        lock.assertHeld();
        if (!r.finish(itemId, status, errors, conflicts)) {
            return false;
        }
        if (r.itemsRecorded) {
            journal.record(new StoreChange.ItemFinished(r.id, itemId, status, errors, conflicts, clock.instant()));
        }
        return true;
    }

    /** A session starts an item of a request: the store counts the attempt (C37). */
    void started(Request r, String itemId) {
        lock.assertHeld();
        int attempt = r.nextAttempt(itemId);
        if (attempt > 1) {
            statistics.rerun(r.handlerId);
        }
        if (r.itemsRecorded) {
            journal.record(new StoreChange.ItemStarted(r.id, itemId, attempt, clock.instant()));
        }
    }

    /** A handler sync's items are decided (C8): the store learns them, and those already final. */
    void itemsDecided(Request r) {
        lock.assertHeld();
        if (r.itemsRecorded) {
            return;
        }
        r.itemsRecorded = true;
        if (r.noItems()) {
            // Ended before it had items (stopped, disabled, parked out): its result says all, in one
            // change. Recorded as resolved with no items, a crash before the result would bring it
            // back as an empty request that "succeeds".
            return;
        }
        journal.record(new StoreChange.ItemsResolved(r.id, r.itemIds()));
        Instant now = clock.instant();
        for (int i = 0; i < r.itemCount(); i++) {
            if (r.statusAt(i).isFinal()) {
                journal.record(new StoreChange.ItemFinished(r.id, r.itemAt(i), r.statusAt(i), 0, 0, now));
            }
        }
    }

    /**
     * The engine stops before these requests finish (C35): they stay in the store and resume at the
     * next start; their handles complete with a "suspended" error, their listeners hear nothing.
     */
    void suspendOpen() {
        lock.assertHeld();
        for (Request r : open) {
            deliveries.submit(() -> r.deliverFailure(new SyncSuspendedException(r.id)));
        }
        open.clear();
        lock.signalAll();
    }

    /** One request stored while the engine stopped: suspended at once, like the others (C35). */
    void suspend(Request r) {
        lock.assertHeld();
        open.remove(r.id);
        deliveries.submit(() -> r.deliverFailure(new SyncSuspendedException(r.id)));
    }

    /** Completes each of the requests whose last item is final; the others wait for theirs. */
    void settle(Collection<Request> touched) {
        for (Request r : touched) {
            settle(r);
        }
    }

    void settle(Request r) {
        lock.assertHeld();
        if (r.readyToComplete()) {
            complete(r);
        }
    }

    /** An open request or one of the recent history, or null. */
    Request find(long id) {
        lock.assertHeld();
        Request r = open.get(id);
        return r != null ? r : history.get(id);
    }

    /** Whether a request is open: accepted and without a result (a schedule's run does not stack on it, C44). */
    boolean isOpen(long id) {
        lock.assertHeld();
        return open.get(id) != null;
    }

    /** The open requests, in the order they were accepted. */
    Iterable<Request> open() {
        lock.assertHeld();
        return open;
    }

    int openCount() {
        lock.assertHeld();
        return open.size();
    }

    boolean anyOpen() {
        lock.assertHeld();
        return !open.isEmpty();
    }

    /** Ends every open request with CANCELED for its unfinished items: the last step of a forced stop (C35). */
    void cancelAllOpen(String reason) {
        lock.assertHeld();
        List<Request> all = new ArrayList<>(open.size());
        open.forEach(all::add);
        for (Request r : all) {
            for (String itemId : r.itemIds()) {
                finish(r, itemId, ProgressStatus.CANCELED, 0, 0);
            }
            r.resolveEmpty(ProgressStatus.CANCELED);
            itemsDecided(r);
            r.reason = reason;
            settle(r);
        }
    }

    private void complete(Request r) {
        SyncResult result = r.buildResult(clock.instant());
        r.recordResult(result);
        statistics.finished(result);
        open.remove(r.id);
        history.put(r.id, r);
        int max = Math.max(0, settings.get().requestHistory());
        Iterator<Long> oldest = history.keySet().iterator();
        while (history.size() > max && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
        LOG.debug("{} finished: {}", r, result);
        // The result is told once it is stored (C38): a result told and then lost in a crash would
        // be told a second time after the restart.
        journal.record(new StoreChange.RequestFinished(result)).thenRun(() -> deliver(r, result));
        lock.signalAll();
    }

    /** Runs on the store's acknowledgement thread, in commit order; hands everything to other threads. */
    private void deliver(Request r, SyncResult result) {
        reporter.fire(l -> l.requestFinished(result));
        // Two separate callbacks, so that a blocking dependent stage of the handle cannot hold up the
        // listener, nor a blocking listener the handle; the queue contains either (C19).
        deliveries.submit(() -> r.deliver(result));
        if (r.listener != null) {
            deliveries.submit(() -> {
                try {
                    r.listener.result(result);
                } catch (Throwable t) {
                    LOG.warn("Result listener of request {} threw (C19)", r.id, t);
                }
            });
        }
    }

    /** Makes sure {@code count} requests can be accepted before any is: all or nothing. */
    void reserveFor(int count) {
        lock.assertHeld();
        if (journal.idsAtHand() < count) {
            throw new IdsExhausted(count);
        }
    }

    /** Too few reserved request IDs are left; the caller reserves more without the lock and tries again. */
    static final class IdsExhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int needed;

        IdsExhausted(int needed) {
            super("fewer than " + needed + " reserved request IDs left", null, false, false);
            this.needed = needed;
        }
    }
}
