package dev.synccenter.impl.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import dev.synccenter.impl.metadata.ItemMetadata;

/** One run of a handler's synchronize over some items (C12). Guarded by the engine's lock. */
final class Session {

    final long id;
    final HandlerSlot slot;
    final HandlerRef ref;
    final Request primary;
    final Map<String, SessionItem> items = new LinkedHashMap<>();
    /** The item IDs passed to synchronize. */
    final List<String> initialItems;
    final Map<String, ItemMetadata> proposed = new HashMap<>();

    boolean cancelAll;
    String cancelReason;
    /** The handler's service went away: unfinished items are synced again (C27). */
    boolean handlerGone;
    /** The engine stops: unfinished items stay unfinished, for the next start (C35, C37). */
    boolean suspended;
    /**
     * True once the session's items have their outcomes: it returned, or it was abandoned (C22).
     * Written under the engine's lock; volatile so that the session thread can look without it.
     */
    volatile boolean ended;
    /** Whether the handler declared a conflict store when the session started (its metadata is immutable). */
    boolean conflictStore;
    String progressText = "";
    int sessionErrors;
    /** Events the handler reported in this session, against the bound events.per.session (C41). */
    int eventsReported;
    volatile Thread thread;
    ScheduledFuture<?> graceTimer;
    ScheduledFuture<?> timeoutTimer;

    Session(long id, HandlerSlot slot, HandlerRef ref, Request primary, List<String> initialItems) {
        this.id = id;
        this.slot = slot;
        this.ref = ref;
        this.primary = primary;
        this.initialItems = List.copyOf(initialItems);
    }

    /** Every request that takes an outcome from this session. */
    Set<Request> subscribers() {
        Set<Request> all = new LinkedHashSet<>();
        for (SessionItem si : items.values()) {
            all.addAll(si.subscribers);
        }
        return all;
    }

    @Override
    public String toString() {
        return "session " + id + " of " + slot.id;
    }
}
