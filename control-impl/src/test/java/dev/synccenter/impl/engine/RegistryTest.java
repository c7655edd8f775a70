package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.EventFilter;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.HandlerAvailability;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestPhase;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;

class RegistryTest extends EngineFixture {

    private static HandlerRef ref(long serviceId, int ranking, String handlerId, TestHandler handler) {
        return new HandlerRef(serviceId, ranking, handlerId, "test.bundle 1.0.0", handler);
    }

    // C3
    @Test
    void c3_higherRankingServesThenLowerServiceIdAndTheOtherStandsBy() {
        TestHandler low = new TestHandler("a");
        TestHandler high = new TestHandler("a");
        TestHandler older = new TestHandler("a");
        engine.handlerAdded(ref(11, 0, "h", low));
        engine.handlerAdded(ref(12, 5, "h", high));
        engine.handlerAdded(ref(13, 5, "h", older)); // same ranking, higher service ID: stands by
        await().atMost(WAIT).until(() -> servedBy("h", 12));
        assertThat(engine.handler("h").orElseThrow().standbys()).isEqualTo(2);
        resultOf(start("h", "a"));
        assertThat(high.calls).hasSize(1);
        assertThat(low.calls).isEmpty();
        assertThat(older.calls).isEmpty();
    }

    // C4
    @Test
    void c4_aServiceWithAMissingOrInvalidIdIsIgnored() {
        engine.handlerAdded(ref(21, 0, null, new TestHandler("a")));
        engine.handlerAdded(ref(22, 0, "x".repeat(64), new TestHandler("a")));
        engine.handlerAdded(ref(23, 0, " padded", new TestHandler("a")));
        engine.handlerModified(ref(22, 0, "y".repeat(64), new TestHandler("a")));
        engine.handlerRemoved(ref(21, 0, null, new TestHandler("a")));
        register("ok", new TestHandler("a"));
        assertThat(engine.handlers()).extracting(h -> h.id()).containsExactly("ok");
    }

    // C24
    @Test
    void c24_aServiceThatAppearsIsUsableAtOnceEvenBeforeItsMetadataIsRead() {
        TestHandler handler = new TestHandler("a");
        engine.handlerAdded(ref(31, 0, "h", handler));
        SyncRequest request = start("h", "a"); // accepted at once; it runs once the metadata is read
        assertThat(resultOf(request).status()).isEqualTo(ProgressStatus.SUCCEEDED);
    }

    // C24
    @Test
    void c24_aChangeOfRankingTakesEffectAtOnce() {
        TestHandler first = new TestHandler("a");
        TestHandler second = new TestHandler("a");
        engine.handlerAdded(ref(41, 10, "h", first));
        engine.handlerAdded(ref(42, 0, "h", second));
        await().atMost(WAIT).until(() -> servedBy("h", 41));
        engine.handlerModified(ref(42, 20, "h", second));
        await().atMost(WAIT).until(() -> servedBy("h", 42));
        resultOf(start("h", "a"));
        assertThat(second.calls).hasSize(1);
        assertThat(first.calls).isEmpty();
    }

    // C24
    @Test
    void c24_aChangeOfHandlerIdMovesTheService() {
        TestHandler handler = new TestHandler("a");
        engine.handlerAdded(ref(51, 0, "old", handler));
        await().atMost(WAIT).until(() -> servedBy("old", 51));
        engine.handlerModified(ref(51, 0, "new", handler));
        await().atMost(WAIT).until(() -> servedBy("new", 51));
        assertThat(engine.handler("old").orElseThrow().availability()).isEqualTo(HandlerAvailability.PARKED);
        assertThat(resultOf(start("new", "a")).status()).isEqualTo(ProgressStatus.SUCCEEDED);
    }

    // C25
    @Test
    void c25_whenTheServingServiceGoesAwayTheStandbyServes() {
        TestHandler first = new TestHandler("a");
        TestHandler standby = new TestHandler("a");
        HandlerRef one = ref(61, 1, "h", first);
        engine.handlerAdded(one);
        engine.handlerAdded(ref(62, 0, "h", standby));
        await().atMost(WAIT).until(() -> servedBy("h", 61));
        engine.handlerRemoved(one);
        await().atMost(WAIT).until(() -> servedBy("h", 62));
        resultOf(start("h", "a"));
        assertThat(standby.calls).hasSize(1);
    }

    // C26
    @Test
    void c26_requestsWaitVisiblyForAHandlerThatWentAwayAndRunWhenItComesBack() {
        TestHandler v1 = new TestHandler("a");
        HandlerRef one = register("h", v1);
        engine.handlerRemoved(one);
        assertThat(engine.handler("h").orElseThrow().availability()).isEqualTo(HandlerAvailability.PARKED);
        SyncRequest first = start("h", "a");
        SyncRequest second = start("h", "a");
        assertThat(engine.requests()).extracting(r -> r.phase()).containsOnly(RequestPhase.PARKED);
        TestHandler v2 = new TestHandler("a");
        register("h", v2);
        assertThat(resultOf(first).status()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(resultOf(second).status()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(v2.calls).extracting(TestHandler.Call::requestId).containsExactly(first.id(), second.id());
        assertThat(v1.calls).isEmpty();
    }

    // C26
    @Test
    void c26_parkedRequestsFailWithHandlerUnavailableWhenTheParkTimeoutExpires() {
        engine.configure(engine.settings().withParkTimeout(Duration.ofMillis(200)));
        HandlerRef one = register("h", new TestHandler("a"));
        engine.handlerRemoved(one);
        SyncRequest parked = start("h", "a");
        SyncResult result = resultOf(parked);
        assertThat(result.status()).isEqualTo(ProgressStatus.FAILED);
        assertThat(result.reason()).isEqualTo("handler unavailable");
        assertThat(result.errorCount()).isEqualTo(1);
        assertThat(engine.events(EventFilter.ALL.handler("h").atLeast(EventLevel.ERROR))).hasSize(1);
        // Once expired, the ID is unknown again.
        await().atMost(WAIT).until(() -> engine.handler("h").isEmpty());
        assertThatThrownBy(() -> start("h", "a")).isInstanceOf(SyncArgumentException.class);
    }

    // C27
    @Test
    void c27_unfinishedItemsOfASessionWhoseHandlerWentAwayRunAgainFirstOnTheNextService() throws Exception {
        Gate gate = new Gate();
        TestHandler v1 = new TestHandler("a", "b", "c").body((ids, cb, ctx, req) -> {
            cb.reportProgress("a", "", ProgressStatus.SUCCEEDED, 0, 0);
            gate.passUnlessCancelled(cb);
        });
        HandlerRef one = register("h", v1);
        SyncRequest request = start("h", "a", "b", "c");
        gate.awaitEntered(1);
        SyncRequest queued = start("h", "c");
        engine.handlerRemoved(one); // the bundle is updated: the old service goes
        TestHandler v2 = new TestHandler("a", "b", "c");
        register("h", v2);
        SyncResult result = resultOf(request);
        assertThat(result.items()).containsOnly(Map.entry("a", ProgressStatus.SUCCEEDED),
                Map.entry("b", ProgressStatus.SUCCEEDED), Map.entry("c", ProgressStatus.SUCCEEDED));
        // The queued request's session may start after the first request's result is delivered.
        assertThat(resultOf(queued).status()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(v2.calls).extracting(TestHandler.Call::requestId).containsExactly(request.id(), queued.id());
        assertThat(v2.calls.get(0).itemIds()).containsExactly("b", "c");
        assertExactlyOneResult(request);
        assertExactlyOneResult(queued);
    }

    // C27
    @Test
    void c27_aHandlerThatIgnoresTheCancelIsAbandonedAndItsItemsStillRunAgain() throws Exception {
        Gate gate = new Gate();
        try {
            TestHandler v1 = new TestHandler("a").body((ids, cb, ctx, req) -> gate.pass());
            HandlerRef one = register("h", v1);
            SyncRequest request = start("h", "a");
            gate.awaitEntered(1);
            engine.handlerRemoved(one);
            TestHandler v2 = new TestHandler("a");
            register("h", v2);
            assertThat(resultOf(request).status()).isEqualTo(ProgressStatus.SUCCEEDED);
            assertThat(v2.calls).extracting(TestHandler.Call::requestId).containsExactly(request.id());
        } finally {
            gate.open();
        }
    }

    // C16, C27: the re-run of a session whose service went away gives the handler the session's request
    // ID again, even for an item that another request's session took over (the log names both requests)
    @Test
    void c27_anItemAddedFromAnotherRequestRunsAgainUnderTheRequestIdOfTheSessionThatTookIt() throws Exception {
        Gate queued = new Gate();
        Gate added = new Gate();
        TestHandler v1 = new TestHandler("a", "b").body((ids, cb, ctx, req) -> {
            cb.reportProgress("a", "", ProgressStatus.SUCCEEDED, 0, 0);
            queued.pass();
            cb.addItemToSession("b");
            added.passUnlessCancelled(cb);
        });
        HandlerRef one = register("h", v1);
        SyncRequest first = start("h", "a");
        queued.awaitEntered(1);
        SyncRequest second = start("h", "b");
        queued.open();
        added.awaitEntered(1);
        engine.handlerRemoved(one);
        TestHandler v2 = new TestHandler("a", "b");
        register("h", v2);
        assertThat(resultOf(first).items()).containsOnly(Map.entry("a", ProgressStatus.SUCCEEDED));
        assertThat(resultOf(second).items()).containsOnly(Map.entry("b", ProgressStatus.SUCCEEDED));
        assertThat(v2.calls).extracting(TestHandler.Call::requestId).containsExactly(first.id());
        assertThat(v2.calls.get(0).itemIds()).containsExactly("b");
        assertExactlyOneResult(first);
        assertExactlyOneResult(second);
    }

    // C28
    @Test
    void c28_replacingTheHandlerWhileRequestsStreamInLosesNoneAndDeliversNoSecondResult() throws Exception {
        engine.configure(engine.settings().withPoolSize(2));
        List<SyncRequest> accepted = new CopyOnWriteArrayList<>();
        ConcurrentMap<Long, Integer> runs = new ConcurrentHashMap<>();
        AtomicBoolean streaming = new AtomicBoolean(true);
        List<HandlerRef> services = new ArrayList<>();
        services.add(register("h", countingHandler(runs)));
        Thread producer = new Thread(() -> {
            int i = 0;
            while (streaming.get()) {
                accepted.add(i++ % 2 == 0 ? start("h", "a", "b") : startIgnoring("h", "b"));
            }
        });
        producer.start();
        try {
            for (int swap = 0; swap < 20; swap++) {
                // Requests come in between every two swaps, however slowly the producer runs.
                int beforeSwap = accepted.size();
                await().atMost(WAIT).until(() -> accepted.size() > beforeSwap);
                engine.handlerRemoved(services.get(services.size() - 1));
                services.add(register("h", countingHandler(runs)));
            }
        } finally {
            streaming.set(false);
            producer.join(WAIT.toMillis());
        }
        for (SyncRequest r : accepted) {
            assertExactlyOneResult(r);
            assertThat(resultOf(r).status()).isEqualTo(ProgressStatus.SUCCEEDED);
        }
        assertThat(engine.requests()).isEmpty();
    }

    private static TestHandler countingHandler(ConcurrentMap<Long, Integer> runs) {
        return new TestHandler("a", "b").body((ids, cb, ctx, req) -> {
            runs.merge(req, 1, Integer::sum);
            for (String id : ids) {
                if (!cb.canContinue(id)) {
                    return; // cancelled because the service goes away: the item runs again (C27)
                }
                cb.reportProgress(id, "", ProgressStatus.SUCCEEDED, 0, 0);
            }
        });
    }

    // C3
    @Test
    void c3_standbyDoesNotTakeOverRunningSessionsOfAServiceThatStays() throws Exception {
        Gate gate = new Gate();
        TestHandler first = new TestHandler("a").body((ids, cb, ctx, req) -> gate.pass());
        engine.handlerAdded(ref(71, 0, "h", first));
        await().atMost(WAIT).until(() -> servedBy("h", 71));
        SyncRequest running = start("h", "a");
        gate.awaitEntered(1);
        TestHandler better = new TestHandler("a");
        engine.handlerAdded(ref(72, 9, "h", better)); // a better one arrives; the old one stays registered
        await().atMost(WAIT).until(() -> servedBy("h", 72));
        SyncRequest next = start("h", "a");
        gate.open();
        assertThat(resultOf(running).status()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(resultOf(next).status()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(first.calls).hasSize(1);
        assertThat(better.calls).hasSize(1);
    }

    // C25
    @Test
    void c25_aSnapshotNeverMixesTwoServices() throws Exception {
        java.util.concurrent.CountDownLatch slowName = new java.util.concurrent.CountDownLatch(1);
        TestHandler first = new TestHandler("a");
        first.name = "First";
        TestHandler second = new TestHandler("a") {
            @Override
            public String name() {
                try {
                    slowName.await(10, java.util.concurrent.TimeUnit.SECONDS); // metadata not read yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "Second";
            }
        };
        HandlerRef one = register("h", first);
        engine.handlerAdded(ref(one.serviceId() + 1000, 9, "h", second));
        try {
            var shown = engine.handler("h").orElseThrow();
            assertThat(shown.name()).isEqualTo("First");
            assertThat(shown.serviceId()).as("the service the shown metadata came from").isEqualTo(one.serviceId());
        } finally {
            slowName.countDown();
        }
        await().atMost(WAIT).until(() -> servedBy("h", one.serviceId() + 1000));
        assertThat(engine.handler("h").orElseThrow().name()).isEqualTo("Second");
    }
}
