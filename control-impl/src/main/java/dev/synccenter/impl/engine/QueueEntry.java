package dev.synccenter.impl.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A unit of a handler's queue: the items one session will sync, each with the requests that take
 * their outcome from it. Usually one request's items; after a handler went away mid-session, the
 * unfinished items of that session (C27).
 */
final class QueueEntry {

    /** The request whose ID and context the session gets (C12). */
    final Request primary;
    /** A handler sync: the items are the handler's enabled items when the session starts (C8). */
    final boolean allItems;
    /** Usually one item or a few: a small table keeps a queued entry small (C41). */
    final Map<String, List<Request>> items = new LinkedHashMap<>(2);
    /** For a handler sync: items stopped while it was queued, canceled when it starts; null until one is. */
    private Set<String> excluded;

    QueueEntry(Request primary, boolean allItems) {
        this.primary = primary;
        this.allItems = allItems;
    }

    void add(String itemId, Request subscriber) {
        items.computeIfAbsent(itemId, k -> new ArrayList<>(1)).add(subscriber);
    }

    /** Takes an item out: the requests that waited for it, or null if it was not in this work. */
    List<Request> take(String itemId) {
        return items.remove(itemId);
    }

    void exclude(String itemId) {
        if (excluded == null) {
            excluded = new HashSet<>();
        }
        excluded.add(itemId);
    }

    boolean isExcluded(String itemId) {
        return excluded != null && excluded.contains(itemId);
    }

    boolean isEmpty() {
        return !allItems && items.isEmpty();
    }
}
