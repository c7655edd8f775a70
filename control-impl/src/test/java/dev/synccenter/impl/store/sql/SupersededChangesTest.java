package dev.synccenter.impl.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncResult;
import dev.synccenter.impl.store.StateKey;
import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.StoreChange.ItemDeferred;
import dev.synccenter.impl.store.StoreChange.ItemFinished;
import dev.synccenter.impl.store.StoreChange.ItemStarted;
import dev.synccenter.impl.store.StoreChange.ItemsResolved;
import dev.synccenter.impl.store.StoreChange.RequestFinished;
import dev.synccenter.impl.store.StoreChange.StateChanged;

/** Which changes of a group a result in the same group makes void (C17, C37). */
class SupersededChangesTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    static RequestFinished result(long requestId) {
        return new RequestFinished(new SyncResult(requestId, "h", ProgressStatus.SUCCEEDED, 0, 0,
                Map.of("a", ProgressStatus.SUCCEEDED), null, T, T, T, "b 1.0.0"));
    }

    @Test
    void aGroupWithoutAResultIsLeftAsItIs() {
        List<StoreChange> group = List.of(new ItemStarted(1, "a", 1, T),
                new ItemFinished(1, "a", ProgressStatus.SUCCEEDED, 0, 0, T));

        assertThat(SupersededChanges.without(group)).isSameAs(group);
    }

    @Test
    void theItemChangesOfARequestBeforeItsResultAreLeftOutAndEveryOtherChangeStaysInOrder() {
        StoreChange otherStarted = new ItemStarted(2, "a", 1, T);
        StoreChange state = new StateChanged(StateKey.handlerEnabled("h"), false);
        List<StoreChange> group = List.of(new ItemStarted(1, "a", 1, T), otherStarted,
                new ItemDeferred(1, "b", T, "busy", T), new ItemsResolved(1, List.of("c")), state,
                new ItemFinished(1, "a", ProgressStatus.SUCCEEDED, 0, 0, T), result(1));

        assertThat(SupersededChanges.without(group)).containsExactly(otherStarted, state, result(1));
    }

    @Test
    void aChangeAfterTheResultStaysSoThatTheStoreStillRefusesIt() {
        StoreChange late = new ItemStarted(1, "a", 2, T);
        List<StoreChange> group = List.of(new ItemStarted(1, "a", 1, T), result(1), late, result(3));

        assertThat(SupersededChanges.without(group)).containsExactly(result(1), late, result(3));
    }

    @Test
    void aGroupWhoseResultsHaveNoEarlierItemChangesIsLeftAsItIs() {
        List<StoreChange> group = List.of(new ItemStarted(2, "a", 1, T), result(1), result(3));

        assertThat(SupersededChanges.without(group)).isSameAs(group);
    }
}
