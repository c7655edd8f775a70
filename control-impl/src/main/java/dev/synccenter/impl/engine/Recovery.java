package dev.synccenter.impl.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestKind;
import dev.synccenter.impl.store.ItemState;
import dev.synccenter.impl.store.StoredBackoff;
import dev.synccenter.impl.store.StoredItem;
import dev.synccenter.impl.store.StoredRequest;
import dev.synccenter.impl.store.SyncStore;

/**
 * Brings back, at start, every request the store holds without a result (C37): items already final
 * keep their outcome; items that were running when the process stopped queue first in line for
 * their handler, then the pending ones, each handler's in acceptance order. Their handlers are
 * parked until their services appear (C26). A volatile request (its context could not be stored)
 * cannot run as asked and ends FAILED with a reason that says so (C36).
 *
 * <p>Lock rule: runs once, with the engine lock held, before any handler service is bound.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final int PAGE = 10_000;
    static final String VOLATILE = "its context could not be stored, and the platform stopped before it finished (C36)";

    private final EngineLock lock;
    private final HandlerRegistry registry;
    private final RequestBook book;
    private final Dispatcher dispatcher;
    private final Retries retries;

    Recovery(EngineLock lock, HandlerRegistry registry, RequestBook book, Dispatcher dispatcher, Retries retries) {
        this.lock = lock;
        this.registry = registry;
        this.book = book;
        this.dispatcher = dispatcher;
        this.retries = retries;
    }

    /** Restores the requests the store holds without a result, in ID order; answers how many. */
    int restore(SyncStore store) {
        lock.assertHeld();
        Map<HandlerSlot, List<QueueEntry>> running = new LinkedHashMap<>();
        Map<HandlerSlot, List<QueueEntry>> pending = new LinkedHashMap<>();
        int volatiles = 0;
        int restored = 0;
        for (StoredBackoff b : store.backoffs()) {
            retries.restore(b); // before the requests that wait in them (C43)
        }
        // The store gives every row its own strings: one copy of each handler and item ID is kept
        // instead, so that a million restored requests of a few items do not hold a million copies.
        Map<String, String> ids = new HashMap<>();
        long after = 0;
        List<StoredRequest> page;
        // Page by page: the rows read and the requests made from them are never all in memory at once.
        while (!(page = store.unfinished(after, PAGE)).isEmpty()) {
            for (StoredRequest sr : page) {
                if (restore(sr, ids, running, pending)) {
                    volatiles++;
                }
            }
            restored += page.size();
            after = page.get(page.size() - 1).requestId();
        }
        running.forEach((slot, entries) -> slot.queue.addAll(entries)); // C37: what ran goes first
        pending.forEach((slot, entries) -> slot.queue.addAll(entries));
        running.keySet().forEach(dispatcher::markReady);
        pending.keySet().forEach(dispatcher::markReady);
        if (restored > 0) {
            LOG.info("Resumed {} request(s) without a result from the store ({} volatile, failed); {} handler(s) "
                    + "wait for their services (C37)", restored, volatiles, waiting(running, pending));
        }
        return restored;
    }

    /** Restores one request into the book and the per-handler lists; true if it was volatile (and failed). */
    private boolean restore(StoredRequest sr, Map<String, String> ids, Map<HandlerSlot, List<QueueEntry>> running,
            Map<HandlerSlot, List<QueueEntry>> pending) {
        Request r = new Request(sr.requestId(), ids.computeIfAbsent(sr.handlerId(), k -> k), sr.kind(),
                sr.flags(), sr.context(), null, sr.acceptedAt());
        // A handler sync stored as decided with no items was cut off between two changes by an
        // earlier version: it is decided again, never taken for an empty request that succeeded.
        boolean resolved = sr.resolved() && (sr.kind() == RequestKind.ITEM_SYNC || !sr.items().isEmpty());
        r.resolved = resolved;
        r.itemsRecorded = sr.kind() == RequestKind.ITEM_SYNC || resolved;
        r.volatileContext = sr.volatileContext();
        book.restore(r);
        QueueEntry again = new QueueEntry(r, false);
        QueueEntry rest = new QueueEntry(r, !resolved);
        List<StoredItem> waiting = new ArrayList<>(0);
        for (StoredItem item : sr.items()) {
            String itemId = ids.computeIfAbsent(item.itemId(), k -> k);
            r.expect(itemId);
            r.attemptsBefore(itemId, item.attempts());
            if (item.state() == ItemState.FINAL) {
                r.finish(itemId, item.outcome(), item.errors(), item.conflicts()); // already stored
            } else if (item.state() == ItemState.RUNNING) {
                again.add(itemId, r);
            } else if (item.state() == ItemState.WAITING && !sr.volatileContext()) {
                waiting.add(item); // C43: it waits on to its retry time, neither forgotten nor retried at once
            } else {
                rest.add(itemId, r);
            }
        }
        if (sr.volatileContext()) {
            fail(r);
            return true;
        }
        HandlerSlot slot = registry.restore(sr.handlerId());
        if (again.itemCount() > 0) {
            running.computeIfAbsent(slot, s -> new ArrayList<>()).add(again);
        }
        if (!rest.isEmpty()) {
            pending.computeIfAbsent(slot, s -> new ArrayList<>()).add(rest);
        }
        for (StoredItem item : waiting) {
            retries.restoreWaiting(slot, r, ids.computeIfAbsent(item.itemId(), k -> k),
                    item.retryAt() == null ? r.acceptedAt() : item.retryAt(), item.lastError());
        }
        book.settle(r); // every item final already: its result was not stored yet
        return false;
    }

    private static int waiting(Map<HandlerSlot, ?> running, Map<HandlerSlot, ?> pending) {
        java.util.Set<HandlerSlot> all = new java.util.HashSet<>(running.keySet());
        all.addAll(pending.keySet());
        return all.size();
    }

    private void fail(Request r) {
        if (!r.resolved) {
            r.resolveEmpty(ProgressStatus.FAILED);
            book.itemsDecided(r);
        }
        for (String itemId : r.itemIds()) {
            book.finish(r, itemId, ProgressStatus.FAILED, 0, 0);
        }
        r.reasonIfNone(VOLATILE);
        book.settle(r);
    }
}
