package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.control.SyncRefusedException.Reason;
import dev.synccenter.control.SyncRequest;

/** C41: the engine holds a bounded number of open requests and refuses past it with a reason. */
class QueueBoundTest extends EngineFixture {

    private final Gate gate = new Gate();

    @Override
    EngineSettings settings() {
        return super.settings().withMaxOpenRequests(3);
    }

    // C41
    @Test
    void c41_theDefaultBoundIsTenMillionOrWhatFitsInHalfTheHeap() {
        int bound = EngineSettings.defaultMaxOpenRequests();
        long halfHeapAt200Bytes = Runtime.getRuntime().maxMemory() / 2 / 200;
        assertThat(bound).isBetween(10_000, 10_000_000);
        assertThat((long) bound).isEqualTo(Math.max(10_000, Math.min(10_000_000, halfHeapAt200Bytes)));
        assertThat(EngineSettings.defaults().maxOpenRequests()).isEqualTo(bound);
    }

    // C41
    @Test
    void c41_aStartPastTheBoundIsRefusedWithQueueFullAndChangesNothing() throws InterruptedException {
        register("h", new TestHandler("a", "b").body((ids, cb, ctx, req) -> gate.pass()));
        List<SyncRequest> open = List.of(start("h", "a"), start("h", "b"), start("h", "a"));
        gate.awaitEntered(1);
        assertThatThrownBy(() -> start("h", "b")).isInstanceOf(SyncRefusedException.class)
                .hasMessageContaining("queue.max").hasMessageContaining("C41")
                .extracting(e -> ((SyncRefusedException) e).reason()).isEqualTo(Reason.QUEUE_FULL);
        assertThatThrownBy(() -> engine.startSyncAll()).as("all or nothing")
                .extracting(e -> ((SyncRefusedException) e).reason()).isEqualTo(Reason.QUEUE_FULL);
        assertThat(engine.requests()).hasSize(3);
        gate.open();
        open.forEach(this::assertExactlyOneResult);
        assertExactlyOneResult(start("h", "b")); // room again
    }
}
