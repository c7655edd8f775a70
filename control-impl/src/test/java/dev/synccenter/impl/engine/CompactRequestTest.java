package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestKind;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.SyncSuspendedException;

/**
 * The compact forms that keep a queued request small (C41): the item table, the queue entry, the
 * open-request table, shared flags and the handle made on demand. Each must behave exactly like
 * the maps and futures it replaced.
 */
class CompactRequestTest {

    private static final Instant T0 = Instant.parse("2026-12-02T01:00:00.123456789Z");

    private static Request request(long id) {
        return new Request(id, "h", RequestKind.ITEM_SYNC, Set.of(), null, null, T0);
    }

    @Test
    void c41_theItemTableKeepsOrderStatusesAndRefusesDuplicatesWithOneItemOrThousands() {
        for (int count : new int[] {1, 2, 8, 9, 3_000}) {
            Request r = request(1);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add("item-" + i);
                r.expect("item-" + i);
                r.expect("item-" + i); // a second time changes nothing
            }
            assertThat(r.itemIds()).as("%d items", count).containsExactlyElementsOf(ids);
            assertThat(r.pending).isEqualTo(count);
            String last = "item-" + (count - 1);
            assertThat(r.finish(last, ProgressStatus.SUCCEEDED, 0, 0)).isTrue();
            assertThat(r.finish(last, ProgressStatus.FAILED, 1, 0)).as("the first outcome stays (C17)").isFalse();
            assertThat(r.status(last)).isEqualTo(ProgressStatus.SUCCEEDED);
            assertThat(r.status("item-0")).isEqualTo(count == 1 ? ProgressStatus.SUCCEEDED : ProgressStatus.PENDING);
            assertThat(r.status("absent")).isNull();
            assertThat(r.hasItem("absent")).isFalse();
            assertThat(r.itemStatuses().keySet()).containsExactlyElementsOf(ids);
            assertThat(r.pending).isEqualTo(count - 1);
        }
        assertThatThrownBy(() -> request(1).itemAt(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void c41_aRequestKeepsItsAcceptanceTimeToTheNanosecondAndSharesItsFlags() {
        Request a = new Request(1, "h", RequestKind.ITEM_SYNC, Set.of(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING), null,
                null, T0);
        Request b = new Request(2, "h", RequestKind.ITEM_SYNC,
                new java.util.HashSet<>(List.of(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING)), null, null, T0);
        assertThat(a.acceptedAt()).isEqualTo(T0);
        assertThat(a.flags).isSameAs(b.flags).containsExactly(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING);
        assertThat(request(3).flags).isEmpty();
        assertThat(a.startedAt()).isNull();
        assertThat(a.servedBy()).isNull();
    }

    @Test
    void c17_theHandleCompletesWhetherTheCallerAsksBeforeOrAfterTheResultIsDelivered() throws Exception {
        Request early = request(1);
        CompletableFuture<SyncResult> asked = early.result().toCompletableFuture();
        SyncResult result = new SyncResult(1, "h", ProgressStatus.SUCCEEDED, 0, 0, java.util.Map.of(), null);
        early.deliver(result);
        assertThat(asked.get(10, TimeUnit.SECONDS)).isSameAs(result);

        Request late = request(2);
        late.deliver(result);
        assertThat(late.result().toCompletableFuture().get(10, TimeUnit.SECONDS)).isSameAs(result);
        assertThat(late.result().toCompletableFuture().get(10, TimeUnit.SECONDS)).as("asked twice").isSameAs(result);

        Request suspended = request(3);
        suspended.deliverFailure(new SyncSuspendedException(3));
        assertThatThrownBy(() -> suspended.result().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SyncSuspendedException.class);
    }

    @Test
    void c17_aHandleAskedForWhileItsResultIsDeliveredNeverMissesIt() throws Exception {
        SyncResult result = new SyncResult(1, "h", ProgressStatus.SUCCEEDED, 0, 0, java.util.Map.of(), null);
        for (int round = 0; round < 2_000; round++) {
            Request r = request(round + 1);
            CyclicBarrier both = new CyclicBarrier(2);
            Thread deliverer = new Thread(() -> {
                await(both);
                r.deliver(result);
            });
            deliverer.start();
            await(both);
            CompletableFuture<SyncResult> handle = r.result().toCompletableFuture();
            deliverer.join();
            assertThat(handle.get(10, TimeUnit.SECONDS)).as("round %d", round).isSameAs(result);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void c41_aQueueEntryOfOneItemGrowsIntoATableForASecondItemOrAnotherRequest() {
        Request primary = request(1);
        Request other = request(2);
        QueueEntry entry = new QueueEntry(primary, false);
        assertThat(entry.isEmpty()).isTrue();
        entry.add("a", primary);
        assertThat(entry.items()).containsOnlyKeys("a");
        assertThat(entry.items().get("a")).containsExactly(primary);
        entry.add("a", other);
        entry.add("b", primary);
        assertThat(entry.items().keySet()).containsExactly("a", "b");
        assertThat(entry.items().get("a")).containsExactly(primary, other);
        assertThat(entry.take("a")).containsExactly(primary, other);
        assertThat(entry.take("a")).isNull();
        assertThat(entry.itemCount()).isEqualTo(1);

        QueueEntry single = new QueueEntry(primary, false);
        single.add("x", primary);
        assertThat(single.take("y")).isNull();
        assertThat(single.take("x")).containsExactly(primary);
        assertThat(single.isEmpty()).isTrue();
        assertThat(new QueueEntry(primary, true).isEmpty()).as("a handler sync decides its items later (C8)").isFalse();

        QueueEntry rerun = new QueueEntry(primary, false);
        rerun.add("z", other); // another request's item first (C27): a table at once
        assertThat(rerun.items().get("z")).containsExactly(other);
        assertThat(rerun.requestIds()).as("the requests that wait for a rerun's items, not its primary (C27)")
                .containsExactly(other.id);
        rerun.add("y", primary);
        assertThat(rerun.requestIds()).containsExactly(other.id, primary.id);
    }

    @Test
    void c41_theOpenTableFindsRemovesAndListsInIdOrderWhateverTheOrderTheyOpenedIn() {
        OpenRequests open = new OpenRequests();
        List<Long> expected = new ArrayList<>();
        for (long id = 1; id <= 1_000; id++) {
            open.put(request(id));
            expected.add(id);
        }
        open.put(request(5_000));
        open.put(request(1_500)); // opened out of ID order
        expected.add(1_500L);
        expected.add(5_000L);
        for (long id = 2; id <= 1_000; id += 2) {
            assertThat(open.remove(id)).extracting(r -> r.id).isEqualTo(id);
            expected.remove(id);
        }
        assertThat(open.remove(2)).as("removed already").isNull();
        assertThat(open.remove(999_999)).isNull();
        assertThat(open.get(3).id).isEqualTo(3);
        assertThat(open.get(4)).isNull();
        assertThat(open.size()).isEqualTo(expected.size());
        List<Long> listed = new ArrayList<>();
        open.forEach(r -> listed.add(r.id));
        assertThat(listed).containsExactlyElementsOf(expected);
        open.put(request(4)); // back in a hole
        assertThat(open.get(4).id).isEqualTo(4);
        assertThatThrownBy(() -> open.forEach(r -> open.remove(r.id)))
                .isInstanceOf(ConcurrentModificationException.class);
        open.clear();
        assertThat(open.isEmpty()).isTrue();
        assertThat(open.iterator().hasNext()).isFalse();
    }
}
