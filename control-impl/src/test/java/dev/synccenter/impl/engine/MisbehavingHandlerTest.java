package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.handler.SyncItem;

/** Handlers are untrusted code: whatever they do, the platform goes on and every request ends (C17). */
class MisbehavingHandlerTest extends EngineFixture {

    @Override
    EngineSettings settings() {
        return super.settings().withCallTimeout(Duration.ofMillis(300));
    }

    // C32
    @Test
    void c32_aHandlerWhoseGettersHangIsNotListedAndItsRequestsFail() {
        CountDownLatch never = new CountDownLatch(1);
        TestHandler hanging = new TestHandler("a") {
            @Override
            public List<SyncItem> items() {
                try {
                    never.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.items();
            }
        };
        engine.handlerAdded(new HandlerRef(801, 0, "hang", "test 1", hanging));
        SyncRequest request = start("hang", "a"); // accepted while its metadata is read (C24)
        assertThat(resultOf(request).status()).isEqualTo(ProgressStatus.FAILED);
        assertThat(resultOf(request).reason()).contains("not listed");
        assertThat(engine.handlers()).isEmpty();
        register("fine", new TestHandler("a"));
        assertThat(resultOf(start("fine", "a")).status()).isEqualTo(ProgressStatus.SUCCEEDED);
    }

    // C17
    @Test
    void c17_aHandlerWhoseEnableHangsDoesNotHangTheCaller() {
        CountDownLatch never = new CountDownLatch(1);
        TestHandler handler = new TestHandler("a") {
            @Override
            public void enable(boolean enable) {
                try {
                    never.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        register("h", handler);
        engine.enableHandler(false, "h", Set.of(ControlFlag.WAIT)); // returns after the call deadline
        assertThat(engine.handler("h").orElseThrow().enabled()).isFalse();
    }

    // C17
    @Test
    void c17_aHandlerThatStartsManySyncsOfItselfFromInsideSynchronizeStillEndsEveryRequest() {
        List<SyncRequest> inner = new java.util.concurrent.CopyOnWriteArrayList<>();
        register("h", new TestHandler("a", "b").body((ids, cb, ctx, req) -> {
            if (inner.size() < 50) {
                inner.add(engine.startItemSync("h", List.of("a"), null, Set.of(), results));
                inner.add(startIgnoring("h", "a", "b"));
                engine.stopItemSync("h", List.of("b"));
            }
        }));
        SyncRequest outer = start("h", "a", "b");
        resultOf(outer);
        await().atMost(WAIT).until(() -> inner.size() >= 50);
        await().atMost(WAIT).until(() -> engine.requests().isEmpty());
        inner.forEach(this::assertExactlyOneResult);
    }
}
