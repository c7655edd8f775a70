package dev.synccenter.impl.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
    /** How the last attempt ended, FAILED or DISCONNECTED: what "give up" ends the waiting requests with. */
    ProgressStatus lastStatus = ProgressStatus.FAILED;
    /** Requests whose next attempt of the item waits, in the order they started waiting. */
    final List<Request> waiting = new ArrayList<>(2);
    /** The planned end of the backoff, while requests wait. */
    Timetable.Entry due;
    /** It fell due while its handler or item could not sync: it runs when they can (C45). */
    boolean held;

    Backoff(HandlerSlot slot, String itemId, Instant retryAt) {
        this.slot = slot;
        this.itemId = itemId;
        this.retryAt = retryAt;
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
