package dev.synccenter.impl.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A unit of a handler's queue: the items one session will sync, each with the requests that take
 * their outcome from it. Usually one request's items; after a handler went away mid-session, the
 * unfinished items of that session (C27).
 *
 * <p>Most entries hold one item for one request: that case is two fields, and a table is made
 * only for a second item or another request, so that a million queued one-item requests do not
 * hold a million tables (C41).
 */
final class QueueEntry {

    /** The request whose ID and context the session gets (C12). */
    final Request primary;
    /** A handler sync: the items are the handler's enabled items when the session starts (C8). */
    final boolean allItems;
    /** The entry's one item while it has just one, for the primary request alone; null otherwise. */
    private String onlyItem;
    /** Every item with its requests, in order, once there is more than that; null before. */
    private Map<String, List<Request>> table;
    /** For a handler sync: items stopped while it was queued, canceled when it starts; null until one is. */
    private Set<String> excluded;

    QueueEntry(Request primary, boolean allItems) {
        this.primary = primary;
        this.allItems = allItems;
    }

    void add(String itemId, Request subscriber) {
        if (table == null && onlyItem == null && subscriber == primary) {
            onlyItem = itemId;
            return;
        }
        if (table == null) {
            table = new LinkedHashMap<>(4);
            if (onlyItem != null) {
                table.put(onlyItem, newList(primary));
                onlyItem = null;
            }
        }
        table.computeIfAbsent(itemId, k -> new ArrayList<>(1)).add(subscriber);
    }

    /** Takes an item out: the requests that waited for it, or null if it was not in this entry. */
    List<Request> take(String itemId) {
        if (table != null) {
            return table.remove(itemId);
        }
        if (onlyItem == null || !onlyItem.equals(itemId)) {
            return null;
        }
        onlyItem = null;
        return newList(primary);
    }

    /** Each item with the requests that wait for it, in order: a read-only view, to look at, not to keep. */
    Map<String, List<Request>> items() {
        if (table != null) {
            return Collections.unmodifiableMap(table);
        }
        return onlyItem == null ? Map.of() : Map.of(onlyItem, List.of(primary));
    }

    /** The IDs of the requests that wait for the entry's items, in order; the primary only if it waits for one. */
    Set<Long> requestIds() {
        Set<Long> ids = new LinkedHashSet<>();
        items().values().forEach(requests -> requests.forEach(r -> ids.add(r.id)));
        return ids;
    }

    int itemCount() {
        return table != null ? table.size() : onlyItem == null ? 0 : 1;
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
        return !allItems && itemCount() == 0;
    }

    private static List<Request> newList(Request first) {
        List<Request> list = new ArrayList<>(1);
        list.add(first);
        return list;
    }
}
