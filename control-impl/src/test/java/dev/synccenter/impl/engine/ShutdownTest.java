package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestPhase;
import dev.synccenter.control.SyncListener;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.SyncSuspendedException;

/** C35 (amended) and C37: a stop suspends what is unfinished, and the next start resumes it. */
class ShutdownTest extends EngineFixture {

    // C35, C37, C38
    @Test
    void c35_stoppingSuspendsWhatIsUnfinishedAndTheNextStartResumesIt() throws Exception {
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
            List<SyncRequest> all = List.of(polite, stubbornRequest, queued, parked);

            engine.close();

            // C35: every handle is complete when close returns, with a "suspended" error naming its request.
            for (SyncRequest r : all) {
                assertThat(isDone(r)).as("handle of %d", r.id()).isTrue();
                assertThatThrownBy(() -> r.result().toCompletableFuture().join()).isInstanceOf(CompletionException.class)
                        .cause().isInstanceOf(SyncSuspendedException.class).hasMessageContaining("request " + r.id())
                        .extracting(e -> ((SyncSuspendedException) e).requestId()).isEqualTo(r.id());
            }
            assertThat(results.perRequest).as("result listeners are not called for suspended requests").isEmpty();
            assertThatThrownBy(() -> start("polite", "a")).isInstanceOf(SyncRefusedException.class)
                    .hasMessageContaining("C35");

            // C37: the next start resumes them all, on the handlers as they are now; C38: whiteboard listeners hear.
            Map<Long, List<SyncResult>> heard = restartHearingResults();
            assertThat(engine.request(queued.id()).orElseThrow().phase()).as("waits for its handler")
                    .isEqualTo(RequestPhase.PARKED);
            for (String h : List.of("polite", "stubborn", "gone")) {
                register(h, new TestHandler("a"));
            }
            await().atMost(WAIT).until(() -> all.stream().allMatch(r -> heard.containsKey(r.id())));
            for (SyncRequest r : all) {
                assertThat(heard.get(r.id())).as("results of %d", r.id()).hasSize(1);
                assertThat(heard.get(r.id()).get(0).status()).isEqualTo(ProgressStatus.SUCCEEDED);
                assertThat(engine.request(r.id()).orElseThrow().result().status()).isEqualTo(ProgressStatus.SUCCEEDED);
            }
        } finally {
            gate.open();
            stubborn.open();
        }
    }

    // C27, C35, C37: a framework stop stops handler bundles before the engine's bundle, so a session
    // whose service went away may still be running when the engine stops.
    @Test
    void c35_aSessionWhoseServiceWentAwayAndThatEndsAfterTheStopBeganLeavesItsItemsForTheNextStart()
            throws Exception {
        Gate gate = new Gate();
        try {
            HandlerRef departing = register("h", new TestHandler("a").body((ids, cb, ctx, req) -> gate.pass()));
            SyncRequest running = start("h", "a");
            gate.awaitEntered(1);
            engine.handlerRemoved(departing); // C27: cancel all; its unfinished item would run again
            CompletableFuture<Void> closing = CompletableFuture.runAsync(engine::close);
            await().atMost(WAIT).ignoreExceptionsMatching(e -> !(e instanceof SyncRefusedException))
                    .until(() -> refused(() -> start("h", "a")));

            gate.open(); // the session returns after the stop began, its item unfinished
            closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThatThrownBy(() -> running.result().toCompletableFuture().join())
                    .as("not CANCELED: nobody cancelled it").cause().isInstanceOf(SyncSuspendedException.class);
            Map<Long, List<SyncResult>> heard = restartHearingResults();
            register("h", new TestHandler("a"));
            await().atMost(WAIT).until(() -> heard.containsKey(running.id()));
            assertThat(heard.get(running.id())).hasSize(1);
            assertThat(heard.get(running.id()).get(0).status()).isEqualTo(ProgressStatus.SUCCEEDED);
        } finally {
            gate.open();
        }
    }

    /** A new engine on the same store, with a whiteboard listener that collects results by request ID (C38). */
    private Map<Long, List<SyncResult>> restartHearingResults() {
        Map<Long, List<SyncResult>> heard = new ConcurrentHashMap<>();
        engine = new SyncEngine(settings(), store);
        engine.listenerAdded(new SyncListener() {
            @Override
            public void requestFinished(SyncResult result) {
                heard.computeIfAbsent(result.requestId(), id -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(result);
            }
        });
        return heard;
    }

    private static boolean refused(Runnable start) {
        try {
            start.run();
            return false;
        } catch (SyncRefusedException e) {
            return true;
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
    void c35_everyHandleIsCompleteBeforeCloseReturnsEvenInABurstWithATinyGrace() throws Exception {
        engine.close();
        engine = new SyncEngine(settings().withCancelGrace(java.time.Duration.ofMillis(1)), store);
        Gate gate = new Gate();
        try {
            register("h", new TestHandler("a").body((ids, cb, ctx, req) -> gate.passUnlessCancelled(cb)));
            List<SyncRequest> requests = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                requests.add(start("h", "a"));
            }
            gate.awaitEntered(1);

            engine.close();

            assertThat(requests).allSatisfy(r -> assertThat(isDone(r)).as("handle of %d", r.id()).isTrue());
            assertThat(results.perRequest).allSatisfy((id, calls) -> assertThat(calls).isEqualTo(1));
        } finally {
            gate.open();
        }
    }
}
