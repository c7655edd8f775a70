package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.EventFilter;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.HandlerPolicy;
import dev.synccenter.control.ItemPolicy;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.handler.CancelRequest;
import dev.synccenter.handler.SyncItem;

class StopTest extends EngineFixture {

    // C20
    @Test
    void c20_stopItemTakesItOutOfQueuedRequestsAndAsksTheRunningSessionToCancelIt() throws Exception {
        Gate gate = new Gate();
        List<Object> seen = new CopyOnWriteArrayList<>();
        TestHandler handler = new TestHandler("a", "b").body((ids, cb, ctx, req) -> {
            if (ids.size() == 2) {
                gate.pass();
                seen.add(cb.canContinue("a"));
                seen.add(cb.canContinue("b"));
                seen.add(cb.canContinue());
                seen.add(cb.reportProgress("a", "", ProgressStatus.UPDATING, 1, 2));
                cb.reportProgress("a", "", ProgressStatus.CANCELED, 0, 0);
            }
        });
        register("h", handler);
        SyncRequest running = start("h", "a", "b");
        gate.awaitEntered(1);
        SyncRequest queued = start("h", "a", "b");
        SyncRequest onlyA = start("h", "a");
        engine.stopItemSync("h", List.of("a"));
        assertThat(resultOf(onlyA).status()).as("a queued request left with no items completes at once")
                .isEqualTo(ProgressStatus.CANCELED);
        gate.open();
        assertThat(resultOf(running).items()).containsExactly(Map.entry("a", ProgressStatus.CANCELED),
                Map.entry("b", ProgressStatus.SUCCEEDED));
        assertThat(resultOf(queued).items()).containsExactly(Map.entry("a", ProgressStatus.CANCELED),
                Map.entry("b", ProgressStatus.SUCCEEDED));
        assertThat(handler.calls.get(1).itemIds()).containsExactly("b");
        // Read after the result: synchronize had returned by then.
        assertThat(seen).containsExactly(false, true, true, CancelRequest.CANCEL_ITEM);
    }

    // C21
    @Test
    void c21_stopHandlerCompletesQueuedRequestsCanceledAndCancelsTheRunningSession() throws Exception {
        Gate gate = new Gate();
        List<Object> answers = new CopyOnWriteArrayList<>();
        register("h", new TestHandler("a", "b").body((ids, cb, ctx, req) -> {
            if (!gate.passUnlessCancelled(cb)) {
                answers.add(cb.reportProgress("a", "", ProgressStatus.UPDATING, 0, 1));
                answers.add(cb.setHandlerProgressText("stopping"));
            }
        }));
        SyncRequest running = start("h", "a");
        gate.awaitEntered(1);
        SyncRequest queued = start("h", "b");
        SyncRequest queuedAll = engine.startHandlerSync("h", null, Set.of(), results);
        engine.stopHandlerSync("h");
        assertThat(resultOf(queued).status()).isEqualTo(ProgressStatus.CANCELED);
        assertThat(resultOf(queuedAll).status()).as("a handler sync stopped before it had items").isEqualTo(ProgressStatus.CANCELED);
        assertThat(resultOf(running).status()).isEqualTo(ProgressStatus.CANCELED);
        assertThat(answers).containsExactly(CancelRequest.CANCEL_ALL, CancelRequest.CANCEL_ALL);
    }

    // C21
    @Test
    void c21_stopSyncAllStopsEveryHandler() throws Exception {
        Gate gate = new Gate();
        register("h", new TestHandler("a").body((ids, cb, ctx, req) -> gate.passUnlessCancelled(cb)));
        register("g", new TestHandler("a").body((ids, cb, ctx, req) -> gate.passUnlessCancelled(cb)));
        SyncRequest h = start("h", "a");
        SyncRequest g = start("g", "a");
        gate.awaitEntered(2);
        SyncRequest hQueued = start("h", "a");
        engine.stopSyncAll();
        assertThat(List.of(resultOf(h), resultOf(g), resultOf(hQueued))).extracting(SyncResult::status)
                .containsOnly(ProgressStatus.CANCELED);
    }

    // C22
    @Test
    void c22_aSessionThatIgnoresCancelIsAbandonedAfterTheGraceAndIsInterrupted() throws Exception {
        Gate gate = new Gate();
        AtomicBoolean interrupted = new AtomicBoolean();
        register("h", new TestHandler("a", "b").body((ids, cb, ctx, req) -> {
            cb.reportProgress("a", "", ProgressStatus.SUCCEEDED, 0, 0);
            try {
                gate.pass(); // ignores cancellation
            } catch (InterruptedException e) {
                interrupted.set(true);
                cb.reportProgress("b", "", ProgressStatus.FAILED, 0, 0); // ignored: abandoned
                throw e;
            }
        }));
        SyncRequest request = start("h", "a", "b");
        gate.awaitEntered(1);
        SyncRequest next = start("h", "a");
        engine.stopItemSync("h", List.of("b"));
        SyncResult result = resultOf(request);
        assertThat(result.items()).containsExactly(Map.entry("a", ProgressStatus.SUCCEEDED),
                Map.entry("b", ProgressStatus.CANCELED));
        await().atMost(WAIT).untilTrue(interrupted);
        assertThat(engine.events(EventFilter.ALL.handler("h").atLeast(EventLevel.WARNING)))
                .anySatisfy(e -> assertThat(e.name()).isEqualTo("Session abandoned"));
        gate.open();
        assertThat(resultOf(next).status()).as("the handler's queue moves on").isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(resultOf(request)).isEqualTo(result);
    }

    // C22
    @Test
    void c22_aSessionPastTheSessionTimeoutIsCancelledTheSameWay() throws Exception {
        engine.configure(engine.settings().withSessionTimeout(Duration.ofMillis(200)));
        register("h", new TestHandler("a").body((ids, cb, ctx, req) -> {
            while (cb.canContinue("a")) {
                Thread.onSpinWait();
            }
        }));
        SyncResult result = resultOf(start("h", "a"));
        assertThat(result.status()).isEqualTo(ProgressStatus.CANCELED);
    }

    // C23
    @Test
    void c23_stopsThatAPolicyForbidsAreRefused() throws Exception {
        Gate gate = new Gate();
        TestHandler handler = new TestHandler().body((ids, cb, ctx, req) -> gate.pass());
        handler.items = List.of(SyncItem.of("a", "A"), TestHandler.item("pinned", ItemPolicy.PREVENT_STOP_SYNC));
        register("h", handler);
        SyncRequest request = start("h", "pinned");
        gate.awaitEntered(1);
        assertThatThrownBy(() -> engine.stopItemSync("h", List.of("pinned"))).isInstanceOf(SyncRefusedException.class)
                .hasMessageContaining("C23");
        handler.policies = Set.of(HandlerPolicy.PREVENT_STOP_SYNC);
        engine.updateHandler("h", Set.of(dev.synccenter.control.ControlFlag.WAIT));
        assertThatThrownBy(() -> engine.stopHandlerSync("h")).isInstanceOf(SyncRefusedException.class);
        assertThatThrownBy(() -> engine.stopItemSync("h", List.of("a"))).isInstanceOf(SyncRefusedException.class);
        gate.open();
        assertThat(resultOf(request).status()).isEqualTo(ProgressStatus.SUCCEEDED);
    }
}
