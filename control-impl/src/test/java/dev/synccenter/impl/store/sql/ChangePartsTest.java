package dev.synccenter.impl.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.ScheduleSnapshot.Origin;
import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.StoreChange.BackoffCleared;
import dev.synccenter.impl.store.StoreChange.BackoffSet;
import dev.synccenter.impl.store.StoreChange.ItemDeferred;
import dev.synccenter.impl.store.StoreChange.ItemFinished;
import dev.synccenter.impl.store.StoreChange.ItemStarted;
import dev.synccenter.impl.store.StoreChange.ScheduleRemoved;
import dev.synccenter.impl.store.StoreChange.ScheduleSaved;
import dev.synccenter.impl.store.StoredBackoff;
import dev.synccenter.impl.store.StoredSchedule;

/** Where a group is cut so that applying it by kind keeps each row's order (C43, C44). */
class ChangePartsTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    /** The writer's order of these kinds. */
    static final List<Class<?>> KINDS = List.of(ItemStarted.class, ItemDeferred.class, ItemFinished.class,
            BackoffSet.class, BackoffCleared.class, ScheduleSaved.class, ScheduleRemoved.class);

    static List<Integer> sizes(StoreChange... group) {
        return ChangeParts.split(List.of(group), c -> KINDS.indexOf(c.getClass())).stream().map(List::size).toList();
    }

    static ItemStarted started(String item, int attempt) {
        return new ItemStarted(1, item, attempt, T);
    }

    static ItemDeferred deferred(String item) {
        return new ItemDeferred(1, item, T, "busy", T);
    }

    static ItemFinished finished(String item) {
        return new ItemFinished(1, item, ProgressStatus.SUCCEEDED, 0, 0, T);
    }

    @Test
    void aGroupWhoseRowsSeeTheirChangesInKindOrderIsOnePart() {
        assertThat(sizes(started("a", 1), started("b", 1), deferred("a"), finished("b"), deferred("a"),
                started("c", 1), finished("c"))).containsExactly(7);
        assertThat(sizes(started("a", 1), started("a", 2), finished("a"))).containsExactly(3);
    }

    @Test
    void c43_anItemStartedAgainAfterItWasDeferredOrFinishedBeginsANewPart() {
        assertThat(sizes(started("a", 1), deferred("a"), started("b", 1), started("a", 2), deferred("a"),
                started("a", 3))).containsExactly(3, 2, 1);
        assertThat(sizes(started("a", 1), finished("a"), started("a", 2))).containsExactly(2, 1);
        assertThat(sizes(new ItemStarted(1, "a", 1, T), deferred("a"), new ItemStarted(2, "a", 1, T)))
                .as("another request's item is another row").containsExactly(3);
    }

    @Test
    void c43_c44_aBackoffOrScheduleSetAgainAfterItWasRemovedBeginsANewPart() {
        BackoffSet set = new BackoffSet(new StoredBackoff("h", "a", 1, Duration.ofSeconds(30), T, "busy"), T);
        ScheduleSaved saved = new ScheduleSaved(new StoredSchedule(ScheduleSpec.every("s", "h", List.of(),
                Duration.ofMinutes(1)), Origin.CONTROL, T, null, 0, false));
        assertThat(sizes(set, new BackoffCleared("h", "a"), set, new BackoffCleared("h", "b"), set))
                .containsExactly(2, 3);
        assertThat(sizes(saved, new ScheduleRemoved("s"), saved, new ScheduleRemoved("other"), saved))
                .containsExactly(2, 3);
    }
}
