package dev.synccenter.impl.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.synccenter.control.BackoffSnapshot;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.impl.store.StoredBackoff;

/**
 * One item's backoff (C43), Android's per-endpoint backoff: transient failures in a row, the delay
 * the last one set, and the requests whose next attempt of the item waits for its end. Lives in
 * its {@link HandlerSlot} while it has failures or waiting requests. Guarded by the engine's lock.
 */
final class Backoff {

    final HandlerSlot slot;
    final String itemId;
    /** Transient failures in a row; 0 once a success or an operator cleared it while requests still wait. */
    int failures;
    Duration delay = Duration.ZERO;
    Instant retryAt;
    String reason = "";
    /** Requests whose next attempt of the item waits, in the order they started waiting. */
    final List<Request> waiting = new ArrayList<>(2);
    /**
     * The waiting requests whose own last attempt ended DISCONNECTED; the others' ended FAILED. Per
     * request, not per item: concurrent sessions of the item (C9) may end differently, and "give up"
     * ends each request as its own attempt ended, so that a FAILED item always has its error (C18).
     */
    private final Set<Request> disconnected = new HashSet<>(2);
    /** The planned end of the backoff, while requests wait. */
    Timetable.Entry due;
    /** It fell due while its handler or item could not sync: it runs when they can (C45). */
    boolean held;

    Backoff(HandlerSlot slot, String itemId, Instant retryAt) {
        this.slot = slot;
        this.itemId = itemId;
        this.retryAt = retryAt;
    }

    void addWaiting(Request r, ProgressStatus lastAttempt) {
        waiting.add(r);
        if (lastAttempt == ProgressStatus.DISCONNECTED) {
            disconnected.add(r);
        } else {
            disconnected.remove(r);
        }
    }

    void clearWaiting() {
        waiting.clear();
        disconnected.clear();
    }

    /** How a waiting request's last attempt ended: what "give up" ends its item with (C43). */
    ProgressStatus lastStatusOf(Request r) {
        return disconnected.contains(r) ? ProgressStatus.DISCONNECTED : ProgressStatus.FAILED;
    }

    /** Whether it is still worth keeping: failures to remember, or requests to wake. */
    boolean live() {
        return failures > 0 || !waiting.isEmpty();
    }

    StoredBackoff stored() {
        return new StoredBackoff(slot.id, itemId, failures, delay, retryAt, reason);
    }

    BackoffSnapshot snapshot() {
        List<Long> ids = new ArrayList<>(waiting.size());
        for (Request r : waiting) {
            ids.add(r.id);
        }
        ids.sort(null);
        return new BackoffSnapshot(slot.id, itemId, failures, delay, retryAt, reason, ids);
    }
}
