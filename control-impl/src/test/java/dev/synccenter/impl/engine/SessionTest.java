package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.EventFilter;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.handler.CancelRequest;
import dev.synccenter.handler.PendingItems;
import dev.synccenter.handler.SyncItem;

class SessionTest extends EngineFixture {

    // C12
    @Test
    void c12_synchronizeRunsOnANamedPlatformWorkerWithTheRequestId() {
        AtomicReference<String> threadName = new AtomicReference<>();
        TestHandler handler = new TestHandler("a").body((ids, cb, ctx, req) -> threadName.set(Thread.currentThread().getName()));
        register("h", handler);
        SyncRequest request = start("h", "a");
        resultOf(request);
        assertThat(threadName.get()).contains("sync-session").contains("h");
        assertThat(handler.calls.get(0).requestId()).isEqualTo(request.id());
    }

    // C13
    @Test
    void c13_progressIsVisibleInTheRequestWhileItRuns() throws Exception {
        Gate gate = new Gate();
        register("h", new TestHandler("a", "b").body((ids, cb, ctx, req) -> {
            cb.reportProgress("a", "copying 3 of 10", ProgressStatus.UPDATING, 3, 10);
            cb.setHandlerProgressText("busy");
            gate.pass();
        }));
        SyncRequest request = start("h", "a", "b");
        gate.awaitEntered(1);
        RequestSnapshot snapshot = engine.request(request.id()).orElseThrow();
        assertThat(snapshot.items()).satisfiesExactly(a -> {
            assertThat(a.status()).isEqualTo(ProgressStatus.UPDATING);
            assertThat(a.text()).isEqualTo("copying 3 of 10");
            assertThat(a.fraction()).isEqualTo(0.3);
        }, b -> assertThat(b.status()).isEqualTo(ProgressStatus.PENDING));
        gate.open();
        assertThat(resultOf(request).status()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(engine.request(request.id()).orElseThrow().result()).isNotNull();
    }

    // C13
    @Test
    void c13_eventsGetAnIdAndKeepEveryField() {
        AtomicReference<UUID> id = new AtomicReference<>();
        register("h", new TestHandler("a").body((ids, cb, ctx, req) -> id.set(cb.reportEvent("a", EventLevel.WARNING,
                "Slow", "The server is slow", "Details", "https://example.invalid/x", "ctx-1"))));
        SyncRequest request = start("h", "a");
        SyncResult result = resultOf(request);
        assertThat(result.errorCount()).as("warnings are not errors").isZero();
        SyncEvent event = engine.events(EventFilter.ALL.handler("h")).get(0);
        assertThat(event.id()).isEqualTo(id.get());
        assertThat(event).extracting(SyncEvent::itemId, SyncEvent::level, SyncEvent::name, SyncEvent::description,
                SyncEvent::linkText, SyncEvent::linkReference, SyncEvent::context, SyncEvent::requestId)
                .containsExactly("a", EventLevel.WARNING, "Slow", "The server is slow", "Details",
                        "https://example.invalid/x", "ctx-1", request.id());
    }

    // C13
    @Test
    void c13_canContinueIsAboutTheWholeSessionForNullAndRefusesForeignItems() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        register("h", new TestHandler("a", "b").body((ids, cb, ctx, req) -> {
            seen.add(cb.canContinue());
            seen.add(cb.canContinue(""));
            seen.add(cb.canContinue("a"));
            try {
                cb.canContinue("b");
            } catch (IllegalArgumentException e) {
                seen.add("b refused");
            }
        }));
        resultOf(start("h", "a"));
        assertThat(seen).containsExactly(true, true, true, "b refused");
    }

    // C13
    @Test
    void c13_theHandlerSeesWhatIsQueuedBehindItAndCanAddItToTheSession_c16() throws Exception {
        Gate gate = new Gate();
        AtomicReference<PendingItems> pending = new AtomicReference<>();
        List<String> refused = new CopyOnWriteArrayList<>();
        TestHandler handler = new TestHandler("a", "b", "c").body((ids, cb, ctx, req) -> {
            if (ids.equals(List.of("a"))) {
                gate.pass();
                pending.set(cb.queryForAdditionalItems());
                cb.addItemToSession("b");
                try {
                    cb.addItemToSession("a");
                } catch (IllegalArgumentException e) {
                    refused.add(e.getMessage());
                }
                cb.reportProgress("b", "", ProgressStatus.FAILED, 0, 0);
            }
        });
        register("h", handler);
        SyncRequest first = start("h", "a");
        gate.awaitEntered(1);
        Object context = "second's context";
        SyncRequest second = engine.startItemSync("h", List.of("b", "c"), context, Set.of(), results);
        gate.open();
        resultOf(first);
        SyncResult secondResult = resultOf(second);
        assertThat(pending.get().itemIds()).containsExactly("b", "c");
        assertThat(pending.get().contexts()).containsExactly(context);
        assertThat(refused).singleElement().asString().contains("already in this session");
        // C16: b was taken out of the queued request, whose result takes b's outcome from the first session.
        assertThat(secondResult.items()).containsEntry("b", ProgressStatus.FAILED).containsEntry("c", ProgressStatus.SUCCEEDED);
        assertThat(handler.calls).hasSize(2);
        assertThat(handler.calls.get(1).itemIds()).containsExactly("c");
        assertThat(resultOf(first).items()).containsOnlyKeys("a");
    }

    // C13
    @Test
    void c13_aProposedItemIsListedOnlyAfterItIsCommitted() {
        List<String> refused = new CopyOnWriteArrayList<>();
        register("h", new TestHandler("a").body((ids, cb, ctx, req) -> {
            if (!ids.contains("a")) {
                return; // the later sync of the committed item
            }
            cb.proposeItem(SyncItem.of("found", "Found during sync"));
            try {
                cb.proposeItem(SyncItem.of("a", "dup"));
            } catch (IllegalArgumentException e) {
                refused.add("dup");
            }
            try {
                cb.commitItem("never-proposed");
            } catch (IllegalArgumentException e) {
                refused.add("unproposed");
            }
            refused.add(engine.handler("h").orElseThrow().items().size() + " before");
            cb.commitItem("found");
            cb.reportManualSync();
        }));
        resultOf(start("h", "a"));
        assertThat(refused).containsExactly("dup", "unproposed", "1 before");
        assertThat(engine.handler("h").orElseThrow().items()).extracting(i -> i.id()).containsExactly("a", "found");
        assertThat(resultOf(start("h", "found")).status()).isEqualTo(ProgressStatus.SUCCEEDED);
    }

    // C14
    @Test
    void c14_afterAFinalStatusOnlyFailedIsAcceptedAndAnythingElseFailsTheItem() {
        List<String> answers = new CopyOnWriteArrayList<>();
        register("h", new TestHandler("a", "b", "c").body((ids, cb, ctx, req) -> {
            cb.reportProgress("a", "", ProgressStatus.UPDATING_INDETERMINATE, 0, 0);
            cb.reportProgress("a", "", ProgressStatus.SUCCEEDED, 0, 0);
            try {
                cb.reportProgress("a", "", ProgressStatus.UPDATING, 1, 2);
            } catch (IllegalStateException e) {
                answers.add("a refused");
            }
            cb.reportProgress("b", "", ProgressStatus.SUCCEEDED, 0, 0);
            cb.reportProgress("b", "", ProgressStatus.FAILED, 0, 0); // allowed
            cb.reportProgress("c", "", ProgressStatus.CANCELED, 0, 0);
            try {
                cb.reportProgress("c", "", ProgressStatus.SUCCEEDED, 0, 0);
            } catch (IllegalStateException e) {
                answers.add("c refused");
            }
            try {
                cb.reportProgress("zzz", "", ProgressStatus.UPDATING, 0, 0);
            } catch (IllegalArgumentException e) {
                answers.add("zzz refused");
            }
            try {
                cb.reportProgress("a", "", ProgressStatus.SKIPPED, 0, 0);
            } catch (IllegalArgumentException e) {
                answers.add("SKIPPED refused");
            }
        }));
        SyncResult result = resultOf(start("h", "a", "b", "c"));
        assertThat(answers).containsExactly("a refused", "c refused", "zzz refused", "SKIPPED refused");
        assertThat(result.items()).containsExactly(Map.entry("a", ProgressStatus.FAILED),
                Map.entry("b", ProgressStatus.FAILED), Map.entry("c", ProgressStatus.FAILED));
        assertThat(result.errorCount()).as("every failed item has an error event (C18)").isEqualTo(3);
        assertThat(engine.events(EventFilter.ALL.item("a")).get(0).description()).contains("illegal progress transition");
    }

    // C14
    @Test
    void c14_disconnectedIsAFinalStatus() {
        register("h", new TestHandler("a").body((ids, cb, ctx, req) -> cb.reportProgress("a", "", ProgressStatus.DISCONNECTED, 0, 0)));
        SyncResult result = resultOf(start("h", "a"));
        assertThat(result.status()).isEqualTo(ProgressStatus.DISCONNECTED);
    }

    // C15
    @Test
    void c15_itemsWithoutAFinalStatusSucceedWhenSynchronizeReturns() {
        register("h", new TestHandler("a", "b").body((ids, cb, ctx, req) -> cb.reportProgress("a", "", ProgressStatus.UPDATING, 1, 3)));
        assertThat(resultOf(start("h", "a", "b")).items()).containsOnly(Map.entry("a", ProgressStatus.SUCCEEDED),
                Map.entry("b", ProgressStatus.SUCCEEDED));
    }

    // C15
    @Test
    void c15_whenSynchronizeThrowsUnfinishedItemsFailAndTheExceptionBecomesAnErrorEvent() {
        register("h", new TestHandler("a", "b").body((ids, cb, ctx, req) -> {
            cb.reportProgress("a", "", ProgressStatus.SUCCEEDED, 0, 0);
            throw new java.io.IOException("disk full");
        }));
        SyncRequest request = start("h", "a", "b");
        SyncResult result = resultOf(request);
        assertThat(result.items()).containsOnly(Map.entry("a", ProgressStatus.SUCCEEDED), Map.entry("b", ProgressStatus.FAILED));
        assertThat(result.status()).isEqualTo(ProgressStatus.FAILED);
        assertThat(result.errorCount()).isEqualTo(1);
        assertThat(engine.events(EventFilter.ALL.atLeast(EventLevel.ERROR)))
                .singleElement().satisfies(e -> assertThat(e.description()).contains("disk full"));
    }

    // C15
    @Test
    void c15_evenAnErrorThrownBySynchronizeIsContained() {
        register("h", new TestHandler("a").body((ids, cb, ctx, req) -> {
            throw new StackOverflowError("deep");
        }));
        assertThat(resultOf(start("h", "a")).status()).isEqualTo(ProgressStatus.FAILED);
        assertThat(resultOf(start("h", "a")).status()).as("the platform still works").isEqualTo(ProgressStatus.FAILED);
    }

    // C13
    @Test
    void c13_callbackCallsAfterSynchronizeReturnedAreIgnored() {
        AtomicReference<dev.synccenter.handler.SyncCallback> kept = new AtomicReference<>();
        register("h", new TestHandler("a").body((ids, cb, ctx, req) -> kept.set(cb)));
        SyncRequest request = start("h", "a");
        resultOf(request);
        assertThat(kept.get().reportProgress("a", "", ProgressStatus.FAILED, 0, 0)).isEqualTo(CancelRequest.CANCEL_ALL);
        assertThat(kept.get().canContinue()).isFalse();
        kept.get().reportEvent("a", EventLevel.ERROR, "late", "ignored");
        assertThat(engine.events(EventFilter.ALL.handler("h"))).isEmpty();
        assertThat(resultOf(request).status()).isEqualTo(ProgressStatus.SUCCEEDED);
    }

    // C12
    @Test
    void c12_aHandlerMayCallTheControlServiceFromInsideSynchronize() {
        // The seed's own example: a handler starting a sync of its own item with IGNORE_IF_ALREADY_SYNCING.
        AtomicReference<SyncRequest> inner = new AtomicReference<>();
        register("h", new TestHandler("a", "b").body((ids, cb, ctx, req) -> {
            if (ids.contains("a")) {
                inner.set(engine.startItemSync("h", List.of("a", "b"), null,
                        Set.of(dev.synccenter.control.SyncControlFlag.IGNORE_IF_ALREADY_SYNCING), results));
                engine.updateHandler("h", Set.of(dev.synccenter.control.ControlFlag.WAIT));
                engine.requests();
            }
        }));
        SyncRequest outer = start("h", "a");
        assertThat(resultOf(outer).status()).isEqualTo(ProgressStatus.SUCCEEDED);
        await().atMost(WAIT).until(() -> inner.get() != null);
        SyncResult innerResult = resultOf(inner.get());
        assertThat(innerResult.items()).containsOnly(Map.entry("a", ProgressStatus.SUCCEEDED), Map.entry("b", ProgressStatus.SUCCEEDED));
    }

    // C13, C24
    @Test
    void c13_c24_aCommitStillCountsAfterTheServicesPropertiesChangedMidSession() throws Exception {
        Gate gate = new Gate();
        TestHandler handler = new TestHandler("a").body((ids, cb, ctx, req) -> {
            cb.proposeItem(SyncItem.of("found", "Found"));
            gate.pass();
            cb.commitItem("found");
        });
        HandlerRef ref = register("h", handler);
        SyncRequest request = start("h", "a");
        gate.awaitEntered(1);
        engine.handlerModified(new HandlerRef(ref.serviceId(), 7, "h", ref.bundle(), handler)); // new ranking
        gate.open();
        resultOf(request);
        assertThat(engine.handler("h").orElseThrow().items()).extracting(i -> i.id()).containsExactly("a", "found");
    }

    // C13
    @Test
    void c13_aFinishedItemKeepsItsLastProgressTextInTheRequest() {
        register("h", new TestHandler("a").body((ids, cb, ctx, req) -> {
            cb.reportProgress("a", "copied 10 files", ProgressStatus.UPDATING, 10, 10);
            cb.reportProgress("a", "all done", ProgressStatus.SUCCEEDED, 10, 10);
        }));
        SyncRequest request = start("h", "a");
        resultOf(request);
        assertThat(engine.request(request.id()).orElseThrow().items()).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(ProgressStatus.SUCCEEDED);
            assertThat(p.text()).isEqualTo("all done");
            assertThat(p.step()).isEqualTo(10);
        });
    }
}
