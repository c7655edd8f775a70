package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.EventLevel;
import dev.synccenter.control.HandlerCapability;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncConflict;
import dev.synccenter.control.SyncListener;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;

class ResultTest extends EngineFixture {

    // C18
    @Test
    void c18_aggregateFollowsTheOrderFailedCanceledDisconnectedSucceeded() {
        var S = ProgressStatus.SUCCEEDED;
        var F = ProgressStatus.FAILED;
        var C = ProgressStatus.CANCELED;
        var D = ProgressStatus.DISCONNECTED;
        var K = ProgressStatus.SKIPPED;
        assertThat(SyncResult.aggregate(List.of(S, C, F, D))).isEqualTo(F);
        assertThat(SyncResult.aggregate(List.of(S, D, C))).isEqualTo(C);
        assertThat(SyncResult.aggregate(List.of(S, D, K))).isEqualTo(D);
        assertThat(SyncResult.aggregate(List.of(S, K))).isEqualTo(S);
        assertThat(SyncResult.aggregate(List.of(K, K))).isEqualTo(K);
        assertThat(SyncResult.aggregate(List.of())).isEqualTo(S);
    }

    // C18
    @Test
    void c18_resultCountsErrorEventsAndConflictsAndGivesEachItemsStatus() {
        TestHandler handler = new TestHandler("a", "b", "c").body((ids, cb, ctx, req) -> {
            cb.reportEvent("a", EventLevel.ERROR, "Bad", "first");
            cb.reportEvent("a", EventLevel.ERROR, "Bad", "second");
            cb.reportEvent(null, EventLevel.ERROR, "Handler", "about the handler");
            cb.reportEvent("b", EventLevel.INFORMATION, "Fine", "");
            cb.reportProgress("a", "", ProgressStatus.FAILED, 0, 0);
            cb.reportProgress("c", "", ProgressStatus.CANCELED, 0, 0);
        });
        handler.capabilities = Set.of(HandlerCapability.CONFLICT_STORE);
        handler.conflicts = List.of(new SyncConflict("k1", null, "b", "Edited twice", "both sides changed"),
                new SyncConflict("k2", null, "zzz", "Other", "not in this request"));
        register("h", handler);
        SyncResult result = resultOf(start("h", "a", "b", "c"));
        assertThat(result.status()).isEqualTo(ProgressStatus.FAILED);
        assertThat(result.errorCount()).isEqualTo(3);
        assertThat(result.conflictCount()).isEqualTo(1);
        assertThat(result.items()).containsEntry("a", ProgressStatus.FAILED).containsEntry("b", ProgressStatus.SUCCEEDED)
                .containsEntry("c", ProgressStatus.CANCELED);
        assertThat(engine.conflicts("h", null)).extracting(SyncConflict::handlerId).containsOnly("h");
    }

    // C17
    @Test
    void c17_eachOfManyConcurrentRequestsGetsExactlyOneResult() throws Exception {
        register("h", new TestHandler("a", "b", "c"));
        register("g", new TestHandler("a", "b", "c"));
        List<SyncRequest> requests = new CopyOnWriteArrayList<>();
        Thread[] callers = new Thread[4];
        for (int t = 0; t < callers.length; t++) {
            int n = t;
            callers[t] = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    requests.add(i % 3 == 0 ? startIgnoring(n % 2 == 0 ? "h" : "g", "a", "b")
                            : start(n % 2 == 0 ? "h" : "g", i % 2 == 0 ? "c" : "a"));
                }
            });
            callers[t].start();
        }
        for (Thread t : callers) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(requests).hasSize(800);
        requests.forEach(this::assertExactlyOneResult);
        assertThat(engine.requests()).isEmpty();
    }

    // C19
    @Test
    void c19_aResultListenerThatThrowsOrBlocksHoldsUpNothingElse() throws Exception {
        register("h", new TestHandler("a"));
        CountDownLatch release = new CountDownLatch(1);
        try {
            SyncRequest blocked = engine.startItemSync("h", List.of("a"), null, Set.of(), r -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            SyncRequest throwing = engine.startItemSync("h", List.of("a"), null, Set.of(), r -> {
                throw new IllegalStateException("listener bug");
            });
            SyncRequest fine = start("h", "a");
            assertExactlyOneResult(fine);
            assertThat(resultOf(blocked).status()).isEqualTo(ProgressStatus.SUCCEEDED);
            assertThat(resultOf(throwing).status()).isEqualTo(ProgressStatus.SUCCEEDED);
        } finally {
            release.countDown();
        }
    }

    // C19
    @Test
    void c19_aWhiteboardListenerThatBlocksHoldsUpOnlyItself() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Long> told = new CopyOnWriteArrayList<>();
        engine.listenerAdded(new SyncListener() {
            @Override
            public void requestFinished(SyncResult result) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        engine.listenerAdded(new SyncListener() {
            @Override
            public void requestAccepted(dev.synccenter.control.RequestSnapshot request) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void requestFinished(SyncResult result) {
                told.add(result.requestId());
            }
        });
        try {
            register("h", new TestHandler("a"));
            SyncRequest one = start("h", "a");
            SyncRequest two = start("h", "a");
            await().atMost(WAIT).until(() -> told.size() == 2);
            assertThat(told).containsExactly(one.id(), two.id());
        } finally {
            release.countDown();
        }
    }

    // C33
    @Test
    void c33_conflictsAreReadOnlyFromHandlersThatDeclareAConflictStore() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        TestHandler handler = new TestHandler("a") {
            @Override
            public List<SyncConflict> conflicts() {
                reads.incrementAndGet();
                return List.of(new SyncConflict("k", null, "a", "n", "d"));
            }
        };
        register("h", handler);
        engine.updateConflicts("h", null, Set.of(dev.synccenter.control.ControlFlag.WAIT));
        assertThat(resultOf(start("h", "a")).conflictCount()).isZero();
        assertThat(reads.get()).isZero();
        assertThat(engine.conflicts("h", null)).isEmpty();
    }

    // C19
    @Test
    void c19_aBlockingDependentOfTheHandleDoesNotHoldUpTheListener() throws Exception {
        Gate gate = new Gate();
        register("h", new TestHandler("a").body((ids, cb, ctx, req) -> gate.pass()));
        CountDownLatch release = new CountDownLatch(1);
        try {
            SyncRequest request = start("h", "a");
            request.result().thenAccept(r -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            gate.open();
            await().atMost(WAIT).until(() -> results.perRequest.containsKey(request.id()));
        } finally {
            release.countDown();
        }
    }
}
