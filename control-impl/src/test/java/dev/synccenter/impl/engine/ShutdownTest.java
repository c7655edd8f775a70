package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;

class ShutdownTest extends EngineFixture {

    // C35
    @Test
    void c35_stoppingCancelsRunningSessionsCompletesQueuedRequestsAndDeliversEveryResultFirst() throws Exception {
        Gate gate = new Gate();
        Gate stubborn = new Gate();
        try {
            register("polite", new TestHandler("a").body((ids, cb, ctx, req) -> gate.passUnlessCancelled(cb)));
            register("stubborn", new TestHandler("a").body((ids, cb, ctx, req) -> stubborn.pass()));
            HandlerRef gone = register("gone", new TestHandler("a"));
            engine.handlerRemoved(gone);
            SyncRequest polite = start("polite", "a");
            SyncRequest stubbornRequest = start("stubborn", "a");
            gate.awaitEntered(1);
            stubborn.awaitEntered(1);
            SyncRequest queued = start("polite", "a");
            SyncRequest parked = start("gone", "a");

            engine.close();

            List<SyncRequest> all = List.of(polite, stubbornRequest, queued, parked);
            assertThat(all).allSatisfy(r -> assertThat(isDone(r)).as("result of %d before close returned", r.id()).isTrue());
            assertThat(all).extracting(r -> resultOf(r).status()).containsOnly(ProgressStatus.CANCELED);
            assertThat(results.perRequest).containsOnlyKeys(all.stream().map(SyncRequest::id).toList());
            assertThat(resultOf(parked).reason()).isEqualTo("platform shutting down");
            assertThatThrownBy(() -> start("polite", "a")).isInstanceOf(SyncRefusedException.class)
                    .hasMessageContaining("C35");
        } finally {
            gate.open();
            stubborn.open();
        }
    }

    // C35
    @Test
    void c35_closeIsIdempotent() {
        register("h", new TestHandler("a"));
        SyncResult result = resultOf(engine.startItemSync("h", List.of("a"), null, Set.of(), results));
        engine.close();
        engine.close();
        assertThat(result.status()).isEqualTo(ProgressStatus.SUCCEEDED);
    }

    // C35
    @Test
    void c35_aBurstOfResultsAtShutdownIsHandedOverBeforeCloseReturnsEvenWithATinyGrace() throws Exception {
        engine.close();
        engine = new SyncEngine(settings().withCancelGrace(java.time.Duration.ofMillis(1)),
                dev.synccenter.impl.state.StateStore.inMemory());
        Gate gate = new Gate();
        try {
            register("h", new TestHandler("a").body((ids, cb, ctx, req) -> gate.passUnlessCancelled(cb)));
            List<SyncRequest> requests = new java.util.ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                requests.add(start("h", "a"));
            }
            gate.awaitEntered(1);

            engine.close();

            assertThat(requests).allSatisfy(r -> assertThat(isDone(r)).as("handle of %d", r.id()).isTrue());
            assertThat(results.perRequest).hasSize(2000).allSatisfy((id, calls) -> assertThat(calls).isEqualTo(1));
        } finally {
            gate.open();
        }
    }
}
