package dev.synccenter.impl.store.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.StoreChange.BackoffCleared;
import dev.synccenter.impl.store.StoreChange.BackoffSet;
import dev.synccenter.impl.store.StoreChange.ItemDeferred;
import dev.synccenter.impl.store.StoreChange.ItemFinished;
import dev.synccenter.impl.store.StoreChange.ItemStarted;
import dev.synccenter.impl.store.StoreChange.ScheduleRemoved;
import dev.synccenter.impl.store.StoreChange.ScheduleSaved;

/**
 * Cuts a group of changes where applying it by kind would reorder two changes of one row. The
 * writer applies a group kind after kind (every item started, then every item deferred, then every
 * item finished, ...), which is each row's own order as long as a row's changes come in the order
 * of their kinds. Mostly they do; but an item may be deferred and started again within one group (a
 * short backoff or "retry now", C43), a backoff cleared and set again, a schedule removed and saved
 * again. Before such a change the group is cut, and its parts are applied one after the other: each
 * row ends as if the changes had been applied one by one, in order. Usually a group is one part.
 */
final class ChangeParts {

    private ChangeParts() {
    }

    /**
     * The group in parts, in order.
     *
     * @param kind the position of a change's kind in the order the writer applies kinds
     */
    static List<List<StoreChange>> split(List<StoreChange> group, ToIntFunction<StoreChange> kind) {
        List<List<StoreChange>> parts = new ArrayList<>();
        Map<List<Object>, Integer> latest = new HashMap<>(); // a row's latest kind in the current part
        int from = 0;
        for (int i = 0; i < group.size(); i++) {
            StoreChange change = group.get(i);
            List<Object> row = row(change);
            if (row == null) {
                continue;
            }
            int k = kind.applyAsInt(change);
            Integer before = latest.get(row);
            if (before != null && k < before) {
                parts.add(group.subList(from, i));
                from = i;
                latest.clear();
            }
            latest.put(row, k);
        }
        parts.add(group.subList(from, group.size()));
        return parts;
    }

    /**
     * The row a change writes, for the kinds whose changes of one row may come in another order
     * than the kinds'; null for the others, whose rows see their changes in kind order (a request
     * is accepted, then resolved, then finished) or from one kind only (states, events, audit).
     */
    private static List<Object> row(StoreChange change) {
        if (change instanceof ItemStarted s) {
            return List.of("request_items", s.requestId(), s.itemId());
        } else if (change instanceof ItemDeferred d) {
            return List.of("request_items", d.requestId(), d.itemId());
        } else if (change instanceof ItemFinished f) {
            return List.of("request_items", f.requestId(), f.itemId());
        } else if (change instanceof BackoffSet b) {
            return List.of("backoff", b.backoff().handlerId(), b.backoff().itemId());
        } else if (change instanceof BackoffCleared b) {
            return List.of("backoff", b.handlerId(), b.itemId());
        } else if (change instanceof ScheduleSaved s) {
            return List.of("schedules", s.schedule().spec().id());
        } else if (change instanceof ScheduleRemoved r) {
            return List.of("schedules", r.scheduleId());
        }
        return null;
    }
}
