package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.HistoryFilter;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestPhase;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRefusedException.Reason;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.impl.store.StoredRequest;

/**
 * The engine on a real store, SQLite here and PostgreSQL in {@link PostgresDurabilityTest}: what is
 * accepted is stored, and a restart resumes it (C36 to C40).
 */
class DurabilityTest extends EngineFixture {

    private final Gate gate = new Gate();

    private TestHandler blocking(String... items) {
        return new TestHandler(items).body((ids, cb, ctx, req) -> gate.passUnlessCancelled(cb));
    }

    // C36
    @Test
    void c36_aRequestIsInTheStoreWhenItsStartCallReturns() throws InterruptedException {
        register("h", blocking("a", "b"));
        SyncRequest running = start("h", "a");
        gate.awaitEntered(1);
        SyncRequest queued = engine.startItemSync("h", List.of("b"), "ctx", Set.of(), results);
        List<StoredRequest> stored = store.unfinished();
        assertThat(stored).extracting(StoredRequest::requestId).containsExactly(running.id(), queued.id());
        assertThat(stored.get(1).context()).isEqualTo("ctx");
        gate.open();
        assertExactlyOneResult(running);
        assertExactlyOneResult(queued);
        await().atMost(WAIT).until(() -> store.unfinished().isEmpty());
        assertThat(store.result(queued.id())).map(SyncResult::status).contains(ProgressStatus.SUCCEEDED);
    }

    // C36
    @Test
    void c36_requestIdsAreNeverHandedOutAgainAfterARestart() {
        register("h", new TestHandler("a"));
        long before = resultOf(start("h", "a")).requestId();
        restart();
        register("h", new TestHandler("a"));
        long after = resultOf(start("h", "a")).requestId();
        assertThat(after).isGreaterThan(before);
    }

    // C37, C38
    @Test
    void c37_afterARestartRunningItemsRunAgainFirstAndFinalItemsKeepTheirOutcome() throws InterruptedException {
        TestHandler first = new TestHandler("a", "b", "c").body((ids, cb, ctx, req) -> {
            cb.reportProgress("a", "", ProgressStatus.SUCCEEDED, 1, 1);
            gate.passUnlessCancelled(cb);
        });
        register("h", first);
        SyncRequest x = start("h", "a", "b");
        gate.awaitEntered(1);
        SyncRequest y = start("h", "c");

        restart(); // a graceful stop suspends (C35); a crash leaves the same rows behind
        TestHandler second = new TestHandler("a", "b", "c");
        register("h", second);

        await().atMost(WAIT).until(() -> second.calls.size() == 2);
        assertThat(second.calls.get(0).itemIds()).as("the running item first").containsExactly("b");
        assertThat(second.calls.get(0).requestId()).as("the same request ID (C27)").isEqualTo(x.id());
        assertThat(second.calls.get(1).itemIds()).containsExactly("c");
        await().atMost(WAIT).until(() -> engine.request(y.id()).map(r -> r.phase() == RequestPhase.DONE).orElse(false));
        SyncResult xResult = engine.request(x.id()).orElseThrow().result();
        assertThat(xResult.items()).containsEntry("a", ProgressStatus.SUCCEEDED).containsEntry("b",
                ProgressStatus.SUCCEEDED);
        assertThat(first.calls).as("a ran once, in the first session only").hasSize(1);
    }

    // C38
    @Test
    void c38_theHistoryListsResultsByHandlerAndStatusNewestFirstAcrossARestart() {
        register("h", new TestHandler("a", "b").body((ids, cb, ctx, req) -> {
            if (ids.contains("b")) {
                throw new IllegalStateException("b fails");
            }
        }));
        register("g", new TestHandler("a"));
        long ok = resultOf(start("h", "a")).requestId();
        long failed = resultOf(start("h", "b")).requestId();
        long other = resultOf(start("g", "a")).requestId();
        restart();
        assertThat(engine.history(HistoryFilter.ALL)).extracting(SyncResult::requestId)
                .containsExactly(other, failed, ok);
        assertThat(engine.history(HistoryFilter.ALL.handler("h").status(ProgressStatus.FAILED)))
                .extracting(SyncResult::requestId).containsExactly(failed);
        assertThat(engine.history(HistoryFilter.ALL.newest(1))).extracting(SyncResult::requestId).containsExactly(other);
        assertThat(engine.request(ok).orElseThrow().result().status()).as("looked up by ID after a restart")
                .isEqualTo(ProgressStatus.SUCCEEDED);
    }

    // C36
    @Test
    void c36_aRequestWhoseContextCannotBeStoredIsVolatileAndFailsAfterARestartSayingWhy()
            throws InterruptedException {
        register("h", blocking("a", "b"));
        start("h", "a");
        gate.awaitEntered(1);
        SyncRequest volatileOne = engine.startItemSync("h", List.of("b"), new Object(), Set.of(), results);
        assertThat(store.unfinished()).filteredOn(r -> r.requestId() == volatileOne.id())
                .singleElement().extracting(StoredRequest::volatileContext).isEqualTo(true);
        restart();
        await().atMost(WAIT).until(() -> store.result(volatileOne.id()).isPresent());
        SyncResult result = store.result(volatileOne.id()).orElseThrow();
        assertThat(result.status()).isEqualTo(ProgressStatus.FAILED);
        assertThat(result.reason()).contains("could not be stored").contains("C36");
    }

    // C29, C40
    @Test
    void c40_aFailingStoreRefusesStartsAndStateChangesAtOnceAndTheEngineRecoversByItself() {
        FailingDataSource disk = restartOnAFailingDisk();
        register("h", new TestHandler("a"));
        resultOf(start("h", "a")); // the IDs for the next requests are reserved already

        disk.failing(true);
        assertThatThrownBy(() -> start("h", "a")).isInstanceOf(SyncRefusedException.class)
                .hasMessageContaining("C40").hasMessageContaining("disk I/O error")
                .extracting(e -> ((SyncRefusedException) e).reason()).isEqualTo(Reason.STORE_FAILED);
        assertThat(engine.requests()).as("nothing was accepted").isEmpty();
        assertThatThrownBy(() -> engine.enableHandler(false, "h", Set.of(ControlFlag.WAIT)))
                .isInstanceOf(SyncRefusedException.class).hasMessageContaining("nothing changed");
        assertThat(engine.handler("h").orElseThrow().enabled()).as("the refused change changed nothing").isTrue();

        disk.failing(false);
        await().atMost(WAIT).until(() -> store.health().ok());
        assertThat(resultOf(start("h", "a")).status()).isEqualTo(ProgressStatus.SUCCEEDED);
    }

    @AfterEach
    void openGate() {
        gate.open(); // runs before the fixture closes the engine
    }
}
