package dev.synccenter.handler;

import java.util.List;

/**
 * What {@link SyncCallback#queryForAdditionalItems()} answers: items of queued requests of the same
 * handler, and those requests' context objects ({@code QueryForAdditionalItems}'s two
 * enumerators).
 */
public record PendingItems(List<String> itemIds, List<Object> contexts) {

    public PendingItems {
        itemIds = List.copyOf(itemIds);
        contexts = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(contexts));
    }

    public boolean isEmpty() {
        return itemIds.isEmpty();
    }
}
