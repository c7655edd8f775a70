package dev.synccenter.impl.engine;

import java.time.Clock;
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
import dev.synccenter.impl.notify.DeliveryQueue;

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
    private final Clock clock;
    // @GuardedBy("EngineLock")
    private final Map<Long, Request> open = new LinkedHashMap<>();
    // @GuardedBy("EngineLock")
    private final LinkedHashMap<Long, Request> history = new LinkedHashMap<>();
    // @GuardedBy("EngineLock")
    private long nextRequestId = 1;

    RequestBook(EngineLock lock, Supplier<EngineSettings> settings, Reporter reporter, DeliveryQueue deliveries,
            Clock clock) {
        this.lock = lock;
        this.settings = settings;
        this.reporter = reporter;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** Refuses new requests that would take the engine past its bound of open requests (C41). */
    void refuseIfFull(int more) {
        lock.assertHeld();
        int max = settings.get().maxOpenRequests();
        if (open.size() + more > max) {
            throw new SyncRefusedException(Reason.QUEUE_FULL, "the platform holds " + open.size()
                    + " open requests, as many as its bound queue.max allows; try again when some have finished (C41)");
        }
    }

    /** Opens a request with the next ID. */
    Request accept(String handlerId, RequestKind kind, Set<SyncControlFlag> flags, Object context,
            SyncResultListener listener) {
        lock.assertHeld();
        Request request = new Request(nextRequestId++, handlerId, kind, flags, context, listener, clock.instant());
        open.put(request.id, request);
        return request;
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

    /** The open requests, in the order they were accepted. */
    Collection<Request> open() {
        lock.assertHeld();
        return open.values();
    }

    boolean anyOpen() {
        lock.assertHeld();
        return !open.isEmpty();
    }

    /** Ends every open request with CANCELED for its unfinished items: the last step of a forced stop (C35). */
    void cancelAllOpen(String reason) {
        lock.assertHeld();
        for (Request r : List.copyOf(open.values())) {
            for (String itemId : List.copyOf(r.items.keySet())) {
                r.finish(itemId, ProgressStatus.CANCELED, 0, 0);
            }
            r.resolveEmpty(ProgressStatus.CANCELED);
            r.reason = reason;
            settle(r);
        }
    }

    private void complete(Request r) {
        SyncResult result = r.buildResult(clock.instant());
        r.recordResult(result);
        open.remove(r.id);
        history.put(r.id, r);
        int max = Math.max(0, settings.get().requestHistory());
        Iterator<Long> oldest = history.keySet().iterator();
        while (history.size() > max && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
        LOG.debug("{} finished: {}", r, result);
        reporter.fire(l -> l.requestFinished(result));
        // Two separate callbacks, so that a blocking dependent stage of the handle cannot hold up the
        // listener, nor a blocking listener the handle; the queue contains either (C19).
        deliveries.submit(() -> r.future.complete(result));
        if (r.listener != null) {
            deliveries.submit(() -> {
                try {
                    r.listener.result(result);
                } catch (Throwable t) {
                    LOG.warn("Result listener of request {} threw (C19)", r.id, t);
                }
            });
        }
        lock.signalAll();
    }
}
