package dev.synccenter.impl.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.synccenter.control.ProgressStatus;

/**
 * The items of a request and each one's status, in request order.
 *
 * <p>A base class of {@link Request} rather than a map in a field, because it is most of what a
 * queued request weighs (C41): the first item lives in two fields of the request itself, further
 * ones in two arrays, and an index is built only for requests of more than {@value #INDEX_FROM}
 * items (handler syncs of thousands), so that lookups stay constant-time there. A hash map per
 * request cost about 160 bytes for one item.
 *
 * <p>Guarded by the engine's lock, like the request.
 */
abstract class ItemTable {

    private static final int INDEX_FROM = 8;

    private String firstId;
    private ProgressStatus firstStatus;
    /** Items from the second on; null while there is at most one. */
    private String[] moreIds;
    private ProgressStatus[] moreStatuses;
    private int size;
    /** Position of each item, once there are more than {@value #INDEX_FROM}. */
    private HashMap<String, Integer> index;

    final int itemCount() {
        return size;
    }

    final boolean noItems() {
        return size == 0;
    }

    final String itemAt(int position) {
        check(position);
        return position == 0 ? firstId : moreIds[position - 1];
    }

    final ProgressStatus statusAt(int position) {
        check(position);
        return position == 0 ? firstStatus : moreStatuses[position - 1];
    }

    final boolean hasItem(String itemId) {
        return positionOf(itemId) >= 0;
    }

    /** The item's status, or null if the request has no such item. */
    final ProgressStatus status(String itemId) {
        int position = positionOf(itemId);
        return position < 0 ? null : statusAt(position);
    }

    /** Adds the item at the end; false (and nothing changes) if the request has it already. */
    final boolean addItem(String itemId, ProgressStatus status) {
        if (hasItem(itemId)) {
            return false;
        }
        if (size == 0) {
            firstId = itemId;
            firstStatus = status;
        } else {
            int slot = size - 1;
            if (moreIds == null) {
                moreIds = new String[1];
                moreStatuses = new ProgressStatus[1];
            } else if (slot == moreIds.length) {
                int capacity = moreIds.length + (moreIds.length >> 1) + 1;
                moreIds = Arrays.copyOf(moreIds, capacity);
                moreStatuses = Arrays.copyOf(moreStatuses, capacity);
            }
            moreIds[slot] = itemId;
            moreStatuses[slot] = status;
        }
        size++;
        if (index != null) {
            index.put(itemId, size - 1);
        } else if (size > INDEX_FROM) {
            index = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                index.put(itemAt(i), i);
            }
        }
        return true;
    }

    /** Sets the status of an item the request has. */
    final void setStatus(String itemId, ProgressStatus status) {
        int position = positionOf(itemId);
        if (position < 0) {
            throw new IllegalArgumentException("no item " + itemId + " in " + this);
        }
        if (position == 0) {
            firstStatus = status;
        } else {
            moreStatuses[position - 1] = status;
        }
    }

    /** The item IDs, in request order: a copy. */
    final List<String> itemIds() {
        List<String> ids = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ids.add(itemAt(i));
        }
        return ids;
    }

    final List<ProgressStatus> statuses() {
        List<ProgressStatus> statuses = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            statuses.add(statusAt(i));
        }
        return statuses;
    }

    /** Each item's status, in request order: a copy, for results and snapshots. */
    final Map<String, ProgressStatus> itemStatuses() {
        Map<String, ProgressStatus> copy = new LinkedHashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            copy.put(itemAt(i), statusAt(i));
        }
        return copy;
    }

    private int positionOf(String itemId) {
        if (index != null) {
            Integer position = index.get(itemId);
            return position == null ? -1 : position;
        }
        for (int i = 0; i < size; i++) {
            if (itemAt(i).equals(itemId)) {
                return i;
            }
        }
        return -1;
    }

    private void check(int position) {
        if (position < 0 || position >= size) {
            throw new IndexOutOfBoundsException("item position " + position + " of " + size);
        }
    }
}
