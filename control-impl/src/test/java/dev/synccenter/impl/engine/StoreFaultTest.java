package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestKind;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRefusedException.Reason;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.SyncSuspendedException;
import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.StoreException;

/**
 * The engine and its store on bad days, each case found by a review of the engine on the store and
 * kept here as a regression test (C17, C35, C36, C37, C40, C41).
 */
class StoreFaultTest extends EngineFixture {

    private final Gate gate = new Gate();

    @AfterEach
    void openGate() {
        gate.open();
    }

    private static Throwable failureOf(SyncRequest r) {
        return r.result().toCompletableFuture().handle((ok, t) -> t instanceof CompletionException c ? c.getCause() : t)
                .join();
    }

    // C17, C38: a result committed whose acknowledgement was lost is refused when sent again, and told
    @Test
    void c17_aResultWhoseAcknowledgementWasLostIsStillDeliveredOnce() {
        engine.close();
        DelegatingStore lossy = new DelegatingStore(store);
        AtomicBoolean once = new AtomicBoolean();
        lossy.answer = c -> c instanceof StoreChange.RequestFinished && once.compareAndSet(false, true)
                ? lossy.real.submit(c).thenCompose(v -> CompletableFuture.<Void>failedFuture(
                        new StoreException("the connection broke during COMMIT")))
                : null;
        engine = new SyncEngine(settings(), lossy);
        register("h", new TestHandler("a"));
        SyncRequest r = start("h", "a");
        assertExactlyOneResult(r);
        assertThat(store.result(r.id())).map(SyncResult::status).contains(ProgressStatus.SUCCEEDED);
    }

    // C36, C41: a context that cannot even be read makes the request volatile, and costs no place in the bound
    @Test
    void c36_aContextThatThrowsWhenReadIsNotStorableAndTheBoundHoldsNoPlaceForIt() {
        engine.configure(settings().withMaxOpenRequests(2));
        register("h", new TestHandler("a"));
        List<String> unreadable = new ArrayList<>(List.of("x")) {
            @Override
            public Iterator<String> iterator() {
                throw new ConcurrentModificationException("the caller changes it meanwhile");
            }
        };
        for (int i = 0; i < 3; i++) {
            assertExactlyOneResult(engine.startItemSync("h", List.of("a"), unreadable, Set.of(), results));
        }
        assertThat(resultOf(start("h", "a")).status()).isEqualTo(ProgressStatus.SUCCEEDED);
    }

    // C40: a store that fails when request IDs run out refuses the start call with STORE_FAILED
    @Test
    void c40_aFailingStoreAtIdReservationRefusesWithStoreFailed() {
        FailingDataSource disk = restartOnAFailingDisk();
        register("h", new TestHandler("a"));
        disk.failing(true); // before the first start: no ID is reserved yet
        assertThatThrownBy(() -> start("h", "a")).isInstanceOf(SyncRefusedException.class)
                .hasMessageContaining("C40").extracting(e -> ((SyncRefusedException) e).reason())
                .isEqualTo(Reason.STORE_FAILED);
        disk.failing(false);
        await().atMost(WAIT).until(() -> store.health().ok());
        assertThat(resultOf(start("h", "a")).status()).isEqualTo(ProgressStatus.SUCCEEDED);
    }

    // C35, C37: a handler that answers the shutdown's cancel with CANCELED is suspended, not cancelled
    @Test
    void c35_aHandlerThatReportsCanceledAtShutdownIsSuspendedAndRunsAgain() throws InterruptedException {
        register("h", new TestHandler("a").body((ids, cb, ctx, req) -> {
            if (!gate.passUnlessCancelled(cb)) {
                cb.reportProgress("a", "canceled", ProgressStatus.CANCELED, 0, 0);
            }
        }));
        SyncRequest x = engine.startItemSync("h", List.of("a"), null, Set.of(), results);
        gate.awaitEntered(1);
        restart();
        assertThat(failureOf(x)).isInstanceOf(SyncSuspendedException.class);
        TestHandler second = new TestHandler("a");
        register("h", second);
        await().atMost(WAIT).until(() -> store.result(x.id()).isPresent());
        assertThat(store.result(x.id()).orElseThrow().status()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(second.calls).hasSize(1);
    }

    // C21, C35: a stop made before the shutdown stands: the item ends CANCELED and does not run again
    @Test
    void c21_aStopBeforeAShutdownStandsAndTheItemDoesNotRunAgain() throws InterruptedException {
        register("h", new TestHandler("a").body((ids, cb, ctx, req) -> gate.pass())); // ignores the cancel
        SyncRequest x = engine.startItemSync("h", List.of("a"), null, Set.of(), results);
        gate.awaitEntered(1);
        engine.stopHandlerSync("h");
        engine.close(); // abandons the session after the grace: its item was stopped
        assertThat(store.result(x.id())).map(SyncResult::status).contains(ProgressStatus.CANCELED);
        engine = new SyncEngine(settings(), store);
        TestHandler second = new TestHandler("a");
        register("h", second);
        assertThat(store.unfinished()).isEmpty();
        assertThat(second.calls).isEmpty();
    }

    // C35: close() on an interrupted thread still completes every handle
    @Test
    void c35_closeOnAnInterruptedThreadStillCompletesEveryHandle() throws InterruptedException {
        register("h", new TestHandler("a", "b").body((ids, cb, ctx, req) -> gate.passUnlessCancelled(cb)));
        SyncRequest a = engine.startItemSync("h", List.of("a"), null, Set.of(), null);
        gate.awaitEntered(1);
        SyncRequest b = engine.startItemSync("h", List.of("b"), null, Set.of(), null);
        Thread.currentThread().interrupt();
        try {
            engine.close();
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(failureOf(a)).isInstanceOf(SyncSuspendedException.class);
        assertThat(failureOf(b)).isInstanceOf(SyncSuspendedException.class);
    }

    // C18, C37: a handler sync stored as decided with no items (an earlier version's crash) is decided again
    @Test
    void c37_aHandlerSyncStoredWithoutItemsIsDecidedAgainNotTakenForSucceeded() {
        engine.close();
        long id = store.reserveRequestIds(1);
        store.submit(new StoreChange.RequestAccepted(id, "h", RequestKind.HANDLER_SYNC, Set.of(), null, false,
                Instant.now(), List.of())).join();
        store.submit(new StoreChange.ItemsResolved(id, List.of())).join();
        engine = new SyncEngine(settings(), store);
        TestHandler handler = new TestHandler("a", "b");
        register("h", handler);
        await().atMost(WAIT).until(() -> store.result(id).isPresent());
        assertThat(handler.calls).as("its items were synced").hasSize(1);
        assertThat(store.result(id).orElseThrow().items()).containsKeys("a", "b");
    }
}
