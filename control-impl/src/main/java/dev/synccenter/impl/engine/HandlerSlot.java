package dev.synccenter.impl.engine;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;

import dev.synccenter.control.SyncConflict;
import dev.synccenter.handler.PendingItems;
import dev.synccenter.impl.metadata.HandlerMetadata;

/**
 * Everything the engine keeps for one handler ID: the services that declare it (C3), the cached
 * metadata (C31), the queue (C9) and the running sessions. Guarded by the engine's lock.
 */
final class HandlerSlot {

    final String id;
    final TreeSet<HandlerRef> services = new TreeSet<>(HandlerRef.SERVING_ORDER);
    /** The service that serves the ID, or null while parked (C26). */
    HandlerRef serving;
    /** Last metadata read, possibly from an earlier service; null before the first read. */
    HandlerMetadata metadata;
    /** Whether {@link #metadata} was read from {@link #serving}; sessions start only then. */
    boolean metadataCurrent;
    /** The service {@link #metadata} was read from: snapshots show it, so that they never mix two services. */
    HandlerRef metadataFrom;
    long loadsStarted;
    long loadPublished;
    final ArrayDeque<QueueEntry> queue = new ArrayDeque<>();
    final List<Session> sessions = new ArrayList<>();
    boolean inReady;
    ScheduledFuture<?> parkTimer;
    boolean parkExpired;
    Instant lastSyncTime;
    final Map<String, Instant> itemLastSync = new HashMap<>();
    List<SyncConflict> conflicts = List.of();
    String duplicateWarned;
    /** Items in backoff after transient failures, by item ID (C43). */
    final Map<String, Backoff> backoffs = new TreeMap<>();
    /** The bundle of the last service that served, shown while parked. */
    String lastBundle = "";

    HandlerSlot(String id) {
        this.id = id;
    }

    boolean parked() {
        return serving == null;
    }

    /** The running session in which the item is unfinished, if any (C10). */
    Session sessionSyncing(String itemId) {
        for (Session s : sessions) {
            SessionItem si = s.items.get(itemId);
            if (si != null && !s.ended && !si.status.isFinal()) {
                return s;
            }
        }
        return null;
    }

    /** Whether a session is syncing the item now, for snapshots. */
    boolean syncing(String itemId) {
        for (Session s : sessions) {
            SessionItem si = s.items.get(itemId);
            if (si != null && !si.status.isFinal()) {
                return true;
            }
        }
        return false;
    }

    /** How many of the handler's known conflicts concern the item (C18). */
    int conflictsOf(String itemId) {
        int n = 0;
        for (SyncConflict c : conflicts) {
            if (itemId.equals(c.itemId())) {
                n++;
            }
        }
        return n;
    }

    /** C13: what is queued behind a session of this slot: item IDs not in it, and the contexts of their requests. */
    PendingItems pendingBehind(Session session) {
        Set<String> ids = new LinkedHashSet<>();
        List<Object> contexts = new ArrayList<>();
        for (QueueEntry work : queue) {
            for (String itemId : work.items().keySet()) {
                if (!session.items.containsKey(itemId)) {
                    ids.add(itemId);
                }
            }
            if (work.primary.context != null && !contexts.contains(work.primary.context)) {
                contexts.add(work.primary.context);
            }
        }
        return new PendingItems(List.copyOf(ids), contexts);
    }
}
