package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.HandlerCapability;
import dev.synccenter.control.RequestPhase;
import dev.synccenter.control.SyncRequest;

/**
 * The dispatcher's choices, seen through a real engine: handlers take turns, the pool and the
 * per-handler limits hold (C9), and a session thread runs the next session itself (C12).
 */
class DispatcherTest extends EngineFixture {

    private final Gate gate = new Gate();
    private final List<String> order = new CopyOnWriteArrayList<>();

    @Override
    EngineSettings settings() {
        return super.settings().withPoolSize(1).withConcurrentSessions(2);
    }

    private TestHandler recording(String handlerId, String blockedItem) {
        return new TestHandler("a", "b", "c", "x", "y").body((ids, cb, ctx, req) -> {
            order.add(handlerId + ":" + String.join(",", ids));
            if (ids.contains(blockedItem)) {
                gate.pass();
            }
        });
    }

    // C9
    @Test
    void c9_handlersTakeTurnsAndEachKeepsItsOrder() throws InterruptedException {
        TestHandler h1 = recording("h1", "a");
        register("h1", h1);
        register("h2", recording("h2", "none"));
        SyncRequest first = start("h1", "a");
        gate.awaitEntered(1);
        List<SyncRequest> queued = List.of(start("h1", "b"), start("h1", "c"), start("h2", "x"), start("h2", "y"));
        gate.open();
        queued.forEach(EngineFixture::resultOf);
        resultOf(first);
        // h1 was in the ready ring before h2, and goes back to its tail after each session.
        assertThat(order).containsExactly("h1:a", "h1:b", "h2:x", "h1:c", "h2:y");
    }

    // C12
    @Test
    void c12_theThreadThatEndsASessionRunsTheNextOne() throws InterruptedException {
        TestHandler h1 = recording("h1", "a");
        register("h1", h1);
        SyncRequest first = start("h1", "a");
        gate.awaitEntered(1);
        SyncRequest second = start("h1", "b");
        SyncRequest third = start("h1", "c");
        gate.open();
        resultOf(first);
        resultOf(second);
        resultOf(third);
        assertThat(h1.calls).hasSize(3);
        assertThat(h1.calls).extracting(TestHandler.Call::thread).containsOnly(h1.calls.get(0).thread());
    }

    // C9
    @Test
    void c9_thePoolSizeBoundsSessionsOfAllHandlers() throws InterruptedException {
        register("h1", recording("h1", "a"));
        register("h2", recording("h2", "x"));
        SyncRequest first = start("h1", "a");
        gate.awaitEntered(1);
        SyncRequest other = start("h2", "x");
        assertThat(engine.liveSessions()).isEqualTo(1);
        assertThat(engine.request(other.id()).orElseThrow().phase()).isEqualTo(RequestPhase.QUEUED);
        gate.open();
        resultOf(first);
        resultOf(other);
        assertThat(order).containsExactly("h1:a", "h2:x");
    }

    // C9
    @Test
    void c9_aConcurrentHandlerRunsUpToItsLimitAndNoMore() throws InterruptedException {
        engine.configure(settings().withPoolSize(4));
        TestHandler handler = new TestHandler("a", "b", "c").body((ids, cb, ctx, req) -> gate.pass());
        handler.capabilities = Set.of(HandlerCapability.SUPPORTS_CONCURRENT_SESSIONS);
        register("h", handler);
        List<SyncRequest> requests = List.of(start("h", "a"), start("h", "b"), start("h", "c"));
        gate.awaitEntered(2);
        assertThat(engine.liveSessions()).as("concurrentSessions is 2").isEqualTo(2);
        assertThat(engine.request(requests.get(2).id()).orElseThrow().phase()).isEqualTo(RequestPhase.QUEUED);
        gate.open();
        requests.forEach(EngineFixture::resultOf);
        assertThat(handler.calls).hasSize(3);
    }
}
