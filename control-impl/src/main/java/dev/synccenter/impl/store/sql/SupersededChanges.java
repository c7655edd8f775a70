package dev.synccenter.impl.store.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.StoreChange.RequestFinished;

/**
 * Leaves out of a group the changes that a later change of the same group makes void: a request
 * whose result is in the group leaves the unfinished requests in that transaction (its rows are
 * deleted), so its items' earlier changes there (started, deferred, finished, items resolved) would
 * be written only to be deleted before anyone could read them. Under load a fast session's item
 * changes and its result usually meet in one group: this takes two of a one-item request's seven
 * row writes away. The changes left out are acknowledged with the group, as they are stored in
 * effect: what they would have said is in the result.
 *
 * <p>What the store refuses stays refused: a result sent again fails on the history's primary key,
 * and the writer then retries the group's changes one by one, unchanged.
 */
final class SupersededChanges {

    private SupersededChanges() {
    }

    /** The group without its void changes; the group itself when it has none (the usual case without load). */
    static List<StoreChange> without(List<StoreChange> group) {
        // Backwards, so that a change is left out only when its request's result comes after it.
        Set<Long> finishedLater = null;
        boolean[] left = null;
        int count = 0;
        for (int i = group.size() - 1; i >= 0; i--) {
            StoreChange change = group.get(i);
            if (change instanceof RequestFinished f) {
                if (finishedLater == null) {
                    finishedLater = new HashSet<>();
                }
                finishedLater.add(f.result().requestId());
            } else if (finishedLater != null) {
                long requestId = StoreChange.requestOf(change); // an item change or items decided
                if (requestId > 0 && !(change instanceof StoreChange.RequestAccepted)
                        && finishedLater.contains(requestId)) {
                    if (left == null) {
                        left = new boolean[group.size()];
                    }
                    left[i] = true;
                    count++;
                }
            }
        }
        if (count == 0) {
            return group;
        }
        List<StoreChange> kept = new ArrayList<>(group.size() - count);
        for (int i = 0; i < group.size(); i++) {
            if (!left[i]) {
                kept.add(group.get(i));
            }
        }
        return kept;
    }
}
