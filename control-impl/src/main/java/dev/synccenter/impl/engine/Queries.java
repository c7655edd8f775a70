package dev.synccenter.impl.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.synccenter.control.EventFilter;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.HistoryFilter;
import dev.synccenter.control.RequestFilter;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.control.SyncResult;
import dev.synccenter.impl.store.SyncStore;
import dev.synccenter.impl.validate.Args;

/**
 * The read side of the control service: handlers, requests and conflicts as consoles see them.
 *
 * <p>Lock rule: every method runs with the engine lock held, so that a view never mixes two states.
 */
final class Queries {

    private final EngineLock lock;
    private final HandlerRegistry registry;
    private final RequestBook book;
    private final Policies policies;
    private final SyncStore store;

    Queries(EngineLock lock, HandlerRegistry registry, RequestBook book, Policies policies, SyncStore store) {
        this.lock = lock;
        this.registry = registry;
        this.book = book;
        this.policies = policies;
        this.store = store;
    }

    List<HandlerSnapshot> handlers() {
        lock.assertHeld();
        List<HandlerSnapshot> out = new ArrayList<>();
        for (HandlerSlot slot : registry.sorted()) {
            HandlerSnapshot snapshot = Snapshots.handler(policies, slot);
            if (snapshot != null) {
                out.add(snapshot);
            }
        }
        return out;
    }

    Optional<HandlerSnapshot> handler(String handlerId) {
        lock.assertHeld();
        HandlerSlot slot = registry.get(handlerId);
        return slot == null ? Optional.empty() : Optional.ofNullable(Snapshots.handler(policies, slot));
    }

    List<RequestSnapshot> requests() {
        lock.assertHeld();
        List<RequestSnapshot> out = new ArrayList<>();
        for (Request r : book.open()) {
            out.add(Snapshots.request(r, registry.get(r.handlerId)));
        }
        return out;
    }

    /** Checks an event filter's arguments, naming the bad one. */
    static void check(EventFilter filter) {
        if (filter == null) {
            throw new SyncArgumentException("filter", "must not be null; use EventFilter.ALL");
        }
        Args.optionalId("filter.handlerId", filter.handlerId());
        Args.optionalId("filter.itemId", filter.itemId());
        if (filter.limit() < 0) {
            throw new SyncArgumentException("filter.limit", "must not be negative, was " + filter.limit());
        }
    }

    /** A page of the open requests: only the page becomes snapshots (C41). */
    List<RequestSnapshot> requests(RequestFilter filter) {
        lock.assertHeld();
        if (filter == null) {
            throw new SyncArgumentException("filter", "must not be null; use RequestFilter.FIRST_PAGE");
        }
        List<RequestSnapshot> out = new ArrayList<>(Math.min(filter.limit(), 1_024));
        int skipped = 0;
        for (Request r : book.open()) {
            HandlerSlot slot = registry.get(r.handlerId);
            if (!filter.matches(r.handlerId, Snapshots.phase(r, slot))) {
                continue;
            }
            if (skipped < filter.offset()) {
                skipped++;
                continue;
            }
            out.add(Snapshots.request(r, slot));
            if (out.size() == filter.limit()) {
                break;
            }
        }
        return out;
    }

    /** An open or recent request from memory (null if none): the facade looks in the store after. */
    RequestSnapshot request(long requestId) {
        lock.assertHeld();
        Request r = book.find(requestId);
        return r == null ? null : Snapshots.request(r, registry.get(r.handlerId));
    }

    /** A finished request from the store's history, without the lock (C38). */
    Optional<RequestSnapshot> stored(long requestId) {
        lock.assertNotHeld();
        return store.result(requestId).map(Snapshots::finished);
    }

    /** Conflicts of one handler or all, of one item or all (null for all). */
    List<SyncConflict> conflicts(String handlerId, String itemId) {
        lock.assertHeld();
        List<SyncConflict> out = new ArrayList<>();
        for (HandlerSlot slot : registry.sorted()) {
            if (handlerId == null || handlerId.equals(slot.id)) {
                for (SyncConflict c : slot.conflicts) {
                    if (itemId == null || itemId.equals(c.itemId())) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }

    /** Results of the store's history that match (C38); checks the filter, reads without the lock. */
    List<SyncResult> history(HistoryFilter filter) {
        lock.assertNotHeld();
        if (filter == null) {
            throw new SyncArgumentException("filter", "must not be null; use HistoryFilter.ALL");
        }
        Args.optionalId("filter.handlerId", filter.handlerId());
        if (filter.limit() < 0) {
            throw new SyncArgumentException("filter.limit", "must not be negative, was " + filter.limit());
        }
        if (filter.finishedFrom() != null && filter.finishedTo() != null
                && filter.finishedTo().isBefore(filter.finishedFrom())) {
            throw new SyncArgumentException("filter.finishedTo", "must not be before filter.finishedFrom");
        }
        return store.history(filter);
    }
}
