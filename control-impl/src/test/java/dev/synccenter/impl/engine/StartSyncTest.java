package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.EventFilter;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.HandlerCapability;
import dev.synccenter.control.HandlerPolicy;
import dev.synccenter.control.ItemPolicy;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestPhase;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.handler.SyncItem;

class StartSyncTest extends EngineFixture {

    // C5
    @Test
    void c5_listenerAndHandleCarryTheSameResultAndTheContextReachesTheHandler() {
        TestHandler handler = new TestHandler("a", "b");
        register("h", handler);
        Object context = new Object();
        SyncRequest request = engine.startItemSync("h", List.of("b", "a"), context, Set.of(), results);

        SyncResult result = resultOf(request);
        assertExactlyOneResult(request);
        assertThat(results.of(request.id())).isEqualTo(result);
        assertThat(result.status()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(result.items()).containsExactly(Map.entry("b", ProgressStatus.SUCCEEDED),
                Map.entry("a", ProgressStatus.SUCCEEDED));
        assertThat(handler.calls).singleElement().satisfies(call -> {
            assertThat(call.itemIds()).containsExactly("b", "a");
            assertThat(call.context()).isSameAs(context);
            assertThat(call.requestId()).isEqualTo(request.id());
        });
    }

    // C5
    @Test
    void c5_theListenerIsOptional() {
        register("h", new TestHandler("a"));
        SyncRequest request = engine.startItemSync("h", List.of("a"), null, Set.of(), null);
        assertThat(resultOf(request).status()).isEqualTo(ProgressStatus.SUCCEEDED);
    }

    // C5
    @Test
    void c5_theHandleCannotBeCompletedByTheCaller() {
        Gate gate = new Gate();
        register("h", new TestHandler("a").body((ids, cb, ctx, req) -> gate.pass()));
        SyncRequest request = start("h", "a");
        assertThatCode(() -> request.result().toCompletableFuture().complete(null)).doesNotThrowAnyException();
        assertThat(isDone(request)).as("completing a copy does not complete the request").isFalse();
        gate.open();
        assertThat(resultOf(request).status()).isEqualTo(ProgressStatus.SUCCEEDED);
    }

    // C6
    @Test
    void c6_startReturnsWhenQueuedAndHandlerCodeNeverRunsOnTheCallersThread() throws Exception {
        Gate gate = new Gate();
        TestHandler handler = new TestHandler("a").body((ids, cb, ctx, req) -> gate.pass());
        register("h", handler);
        SyncRequest request = start("h", "a"); // returns although the handler is held at the gate
        gate.awaitEntered(1);
        assertThat(isDone(request)).isFalse();
        assertThat(handler.calls.get(0).thread()).isNotSameAs(Thread.currentThread());
        gate.open();
        assertExactlyOneResult(request);
    }

    // C7
    @Test
    void c7_inactiveDisabledAndPolicyPreventedHandlersRefuseStartsAndQueueNothing() {
        TestHandler handler = new TestHandler("a");
        register("h", handler);
        engine.activateHandler(false, "h", Set.of(ControlFlag.WAIT));
        assertThatThrownBy(() -> start("h", "a")).isInstanceOf(SyncRefusedException.class)
                .hasMessageContaining("inactive");
        engine.activateHandler(true, "h", Set.of(ControlFlag.WAIT));
        engine.enableHandler(false, "h", Set.of(ControlFlag.WAIT));
        assertThatThrownBy(() -> start("h", "a")).isInstanceOf(SyncRefusedException.class)
                .hasMessageContaining("disabled");
        engine.enableHandler(true, "h", Set.of(ControlFlag.WAIT));
        handler.policies = Set.of(HandlerPolicy.PREVENT_START_SYNC);
        engine.updateHandler("h", Set.of(ControlFlag.WAIT));
        assertThatThrownBy(() -> start("h", "a")).isInstanceOf(SyncRefusedException.class)
                .extracting(e -> ((SyncRefusedException) e).reason()).isEqualTo(SyncRefusedException.Reason.POLICY);
        assertThatThrownBy(() -> engine.startHandlerSync("h", null, Set.of(), null))
                .isInstanceOf(SyncRefusedException.class);
        assertThat(engine.requests()).isEmpty();
        assertThat(handler.calls).isEmpty();
        assertThat(results.all).isEmpty();
    }

    // C7
    @Test
    void c7_anItemPolicyThatPreventsStartingRefusesTheWholeCall() {
        TestHandler handler = new TestHandler();
        handler.items = List.of(SyncItem.of("a", "A"), TestHandler.item("locked", ItemPolicy.PREVENT_START_SYNC));
        register("h", handler);
        assertThatThrownBy(() -> start("h", "a", "locked")).isInstanceOf(SyncRefusedException.class)
                .hasMessageContaining("locked");
        assertThat(engine.requests()).isEmpty();
    }

    // C8
    @Test
    void c8_handlerSyncTakesTheEnabledItemsTheHandlerHasWhenItsSessionStarts() {
        Gate gate = new Gate();
        TestHandler busy = new TestHandler("a", "b", "c");
        busy.body((ids, cb, ctx, req) -> {
            if (ids.contains("a") && ids.size() == 1) {
                gate.pass();
            }
        });
        register("h", busy);
        SyncRequest first = start("h", "a");
        SyncRequest all = engine.startHandlerSync("h", null, Set.of(), results);
        // While it waits: one item disappears, one appears, one is disabled.
        busy.items = List.of(SyncItem.of("a", "A"), SyncItem.of("c", "C"), SyncItem.of("d", "D"));
        engine.updateHandler("h", Set.of(ControlFlag.WAIT));
        engine.enableItem(false, "h", "c", Set.of(ControlFlag.WAIT));
        gate.open();
        assertThat(resultOf(first).status()).isEqualTo(ProgressStatus.SUCCEEDED);
        SyncResult result = resultOf(all);
        // b is gone; c was disabled while the request was queued, which takes it out as CANCELED (C29, C20).
        assertThat(result.items()).containsExactly(Map.entry("a", ProgressStatus.SUCCEEDED),
                Map.entry("c", ProgressStatus.CANCELED), Map.entry("d", ProgressStatus.SUCCEEDED));
        assertThat(busy.calls.get(1).itemIds()).containsExactly("a", "d");
    }

    // C8
    @Test
    void c8_syncAllStartsOneHandlerSyncPerActiveEnabledAllowedHandler() {
        TestHandler one = new TestHandler("a");
        TestHandler two = new TestHandler("b");
        TestHandler off = new TestHandler("c");
        TestHandler prevented = new TestHandler("d");
        prevented.policies = HandlerPolicy.BACKGROUND_SYNC_ONLY;
        register("one", one);
        register("two", two);
        register("off", off);
        register("prevented", prevented);
        engine.enableHandler(false, "off", Set.of(ControlFlag.WAIT));

        List<SyncRequest> started = engine.startSyncAll();

        assertThat(started).extracting(SyncRequest::handlerId).containsExactly("one", "two");
        started.forEach(r -> assertThat(resultOf(r).status()).isEqualTo(ProgressStatus.SUCCEEDED));
        assertThat(off.calls).isEmpty();
        assertThat(prevented.calls).isEmpty();
    }

    // C9
    @Test
    void c9_oneSessionAtATimePerHandlerInAcceptanceOrder() throws Exception {
        Gate gate = new Gate();
        List<Long> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        TestHandler handler = new TestHandler("a", "b", "c").body((ids, cb, ctx, req) -> {
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            order.add(req);
            gate.pass();
            inside.decrementAndGet();
        });
        register("h", handler);
        List<SyncRequest> requests = new ArrayList<>();
        for (String item : List.of("a", "b", "c", "a", "b")) {
            requests.add(start("h", item));
        }
        gate.awaitEntered(1);
        assertThat(engine.requests()).extracting(r -> r.phase()).containsExactly(RequestPhase.RUNNING,
                RequestPhase.QUEUED, RequestPhase.QUEUED, RequestPhase.QUEUED, RequestPhase.QUEUED);
        gate.open();
        requests.forEach(this::assertExactlyOneResult);
        assertThat(order).containsExactlyElementsOf(requests.stream().map(SyncRequest::id).toList());
        assertThat(maxInside.get()).isEqualTo(1);
    }

    // C9
    @Test
    void c9_aHandlerThatSupportsConcurrentSessionsRunsSeveralUpToTheLimit() throws Exception {
        engine.configure(engine.settings().withConcurrentSessions(2));
        Gate gate = new Gate();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        TestHandler handler = new TestHandler("a", "b", "c").body((ids, cb, ctx, req) -> {
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            gate.pass();
            inside.decrementAndGet();
        });
        handler.capabilities = Set.of(HandlerCapability.SUPPORTS_CONCURRENT_SESSIONS);
        register("h", handler);
        List<SyncRequest> requests = List.of(start("h", "a"), start("h", "b"), start("h", "c"));
        gate.awaitEntered(2);
        assertThat(engine.handler("h").orElseThrow().running()).isEqualTo(2);
        assertThat(engine.handler("h").orElseThrow().queued()).isEqualTo(1);
        gate.open();
        requests.forEach(this::assertExactlyOneResult);
        assertThat(maxInside.get()).isEqualTo(2);
    }

    // C9
    @Test
    void c9_differentHandlersRunInParallelUpToThePoolSize() throws Exception {
        engine.configure(engine.settings().withPoolSize(2));
        Gate gate = new Gate();
        List<TestHandler> handlers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestHandler h = new TestHandler("a").body((ids, cb, ctx, req) -> gate.pass());
            handlers.add(h);
            register("h" + i, h);
        }
        List<SyncRequest> requests = List.of(start("h0", "a"), start("h1", "a"), start("h2", "a"));
        gate.awaitEntered(2);
        assertThat(engine.liveSessions()).isEqualTo(2);
        assertThat(engine.requests()).filteredOn(r -> r.phase() == RequestPhase.QUEUED).hasSize(1);
        gate.open();
        requests.forEach(this::assertExactlyOneResult);
        assertThat(handlers).allSatisfy(h -> assertThat(h.calls).hasSize(1));
    }

    // C10
    @Test
    void c10_withIgnoreIfAlreadySyncingAnItemSyncingNowIsNotSyncedAgainAndTakesThatOutcome() throws Exception {
        Gate gate = new Gate();
        TestHandler handler = new TestHandler("a", "b").body((ids, cb, ctx, req) -> {
            if (ids.contains("a")) {
                gate.pass();
                cb.reportProgress("a", "", ProgressStatus.FAILED, 0, 0);
            }
        });
        register("h", handler);
        SyncRequest running = start("h", "a");
        gate.awaitEntered(1);
        SyncRequest ignoring = startIgnoring("h", "a", "b");
        gate.open();
        assertThat(resultOf(running).status()).isEqualTo(ProgressStatus.FAILED);
        SyncResult result = resultOf(ignoring);
        assertThat(result.items()).containsEntry("a", ProgressStatus.FAILED).containsEntry("b", ProgressStatus.SUCCEEDED);
        assertThat(result.errorCount()).as("the running session's error for a counts here too (C18)").isEqualTo(1);
        assertThat(handler.calls).hasSize(2);
        assertThat(handler.calls.get(1).itemIds()).containsExactly("b");
    }

    // C10
    @Test
    void c10_withoutTheFlagEveryRequestedItemIsSyncedAgainEvenOneSyncingNow() throws Exception {
        Gate gate = new Gate();
        TestHandler handler = new TestHandler("a").body((ids, cb, ctx, req) -> gate.pass());
        register("h", handler);
        SyncRequest first = start("h", "a");
        gate.awaitEntered(1);
        SyncRequest second = start("h", "a");
        gate.open();
        assertExactlyOneResult(first);
        assertExactlyOneResult(second);
        assertThat(handler.calls).hasSize(2);
    }

    // C10
    @Test
    void c10_theFlagIsEvaluatedWhenTheRequestIsAccepted() {
        TestHandler handler = new TestHandler("a");
        register("h", handler);
        SyncRequest done = start("h", "a");
        resultOf(done);
        SyncRequest later = startIgnoring("h", "a"); // nothing syncs a now: it is synced
        assertThat(resultOf(later).status()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(handler.calls).hasSize(2);
    }

    // C10
    @Test
    void c10_handlerSyncWithTheFlagSkipsOnlyTheItemsSyncingNow() throws Exception {
        Gate gate = new Gate();
        TestHandler handler = new TestHandler("a", "b", "c").body((ids, cb, ctx, req) -> {
            if (ids.equals(List.of("a"))) {
                gate.pass();
            }
        });
        register("h", handler);
        SyncRequest running = start("h", "a");
        gate.awaitEntered(1);
        SyncRequest all = engine.startHandlerSync("h", null,
                Set.of(dev.synccenter.control.SyncControlFlag.IGNORE_IF_ALREADY_SYNCING), results);
        gate.open();
        resultOf(running);
        assertThat(resultOf(all).items().keySet()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(handler.calls.get(1).itemIds()).containsExactly("b", "c");
    }

    // C11
    @Test
    void c11_disabledItemsAreSkippedAndUnknownItemsFailWithAnErrorEvent() throws Exception {
        Gate gate = new Gate();
        TestHandler handler = new TestHandler("a", "b", "c").body((ids, cb, ctx, req) -> {
            if (ids.equals(List.of("a"))) {
                gate.pass();
            }
        });
        register("h", handler);
        SyncRequest blocker = start("h", "a");
        gate.awaitEntered(1);
        SyncRequest request = start("h", "a", "b", "c");
        engine.enableItem(false, "h", "b", Set.of(ControlFlag.WAIT)); // removed from the queued request (C29)
        handler.items = List.of(SyncItem.of("a", "A"), SyncItem.of("b", "B"));
        engine.updateHandler("h", Set.of(ControlFlag.WAIT)); // c is gone by the time the session starts
        gate.open();
        resultOf(blocker);
        SyncResult result = resultOf(request);
        assertThat(result.items()).containsEntry("a", ProgressStatus.SUCCEEDED)
                .containsEntry("b", ProgressStatus.CANCELED).containsEntry("c", ProgressStatus.FAILED);
        assertThat(result.errorCount()).isEqualTo(1);
        assertThat(engine.events(EventFilter.ALL.handler("h").item("c").atLeast(EventLevel.ERROR))).hasSize(1);
        assertThat(handler.calls.get(1).itemIds()).containsExactly("a");
    }

    // C11
    @Test
    void c11_anItemDisabledBeforeTheRequestIsSkipped() {
        TestHandler handler = new TestHandler("a", "b");
        register("h", handler);
        engine.enableItem(false, "h", "b", Set.of(ControlFlag.WAIT));
        SyncRequest request = start("h", "a", "b");
        SyncResult result = resultOf(request);
        assertThat(result.items()).containsEntry("a", ProgressStatus.SUCCEEDED).containsEntry("b", ProgressStatus.SKIPPED);
        assertThat(handler.calls.get(0).itemIds()).containsExactly("a");
        SyncRequest onlySkipped = start("h", "b");
        assertThat(resultOf(onlySkipped).status()).isEqualTo(ProgressStatus.SKIPPED);
        await().atMost(WAIT).until(() -> handler.calls.size() == 1);
    }

    // C7, C8
    @Test
    void c7_c8_aHandlerSyncLeavesOutItemsWhosePolicyPreventsStarting() {
        TestHandler handler = new TestHandler();
        handler.items = List.of(SyncItem.of("a", "A"), TestHandler.item("locked", ItemPolicy.PREVENT_START_SYNC));
        register("h", handler);
        SyncResult result = resultOf(engine.startHandlerSync("h", null, Set.of(), results));
        assertThat(result.items()).containsOnlyKeys("a");
        assertThat(handler.calls.get(0).itemIds()).containsExactly("a");
    }
}
