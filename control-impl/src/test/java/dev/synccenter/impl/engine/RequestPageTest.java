package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.RequestFilter;
import dev.synccenter.control.RequestPhase;
import dev.synccenter.control.RequestSnapshot;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncRequest;

/** C41: a page of the open requests costs the page, with the same order and phases as the full list. */
class RequestPageTest extends EngineFixture {

    private final Gate gate = new Gate();

    @Test
    void c41_aPageIsTheFullListFilteredSkippedAndCut() throws InterruptedException {
        register("h", new TestHandler("a", "b").body((ids, cb, ctx, req) -> gate.pass()));
        register("g", new TestHandler("x").body((ids, cb, ctx, req) -> gate.pass()));
        List<SyncRequest> started = new ArrayList<>();
        started.add(start("h", "a"));
        gate.awaitEntered(1);
        for (int i = 0; i < 30; i++) {
            started.add(start(i % 3 == 0 ? "g" : "h", i % 3 == 0 ? "x" : "b"));
        }
        List<RequestSnapshot> all = engine.requests();

        assertThat(engine.requests(new RequestFilter(null, Set.of(), 0, 10_000))).isEqualTo(all);
        assertThat(engine.requests(new RequestFilter(null, Set.of(), 5, 7))).isEqualTo(all.subList(5, 12));
        List<RequestSnapshot> ofH = all.stream().filter(r -> r.handlerId().equals("h")).toList();
        assertThat(engine.requests(new RequestFilter("h", Set.of(), 2, 3))).isEqualTo(ofH.subList(2, 5));
        List<RequestSnapshot> running = engine.requests(RequestFilter.FIRST_PAGE.phases(Set.of(RequestPhase.RUNNING)));
        assertThat(running).extracting(RequestSnapshot::phase).containsOnly(RequestPhase.RUNNING);
        assertThat(running).extracting(RequestSnapshot::id).contains(started.get(0).id());
        assertThat(engine.requests(RequestFilter.FIRST_PAGE.phases(Set.of(RequestPhase.QUEUED))))
                .hasSize((int) all.stream().filter(r -> r.phase() == RequestPhase.QUEUED).count());
        assertThat(engine.requests(new RequestFilter(null, Set.of(), 31, 5))).isEmpty();

        gate.open();
        started.forEach(this::assertExactlyOneResult);
        assertThat(engine.requests(RequestFilter.FIRST_PAGE)).isEmpty();
    }

    @Test
    void badFiltersAreRefusedNamingTheArgument() {
        assertThatThrownBy(() -> engine.requests((RequestFilter) null)).isInstanceOf(SyncArgumentException.class)
                .extracting(e -> ((SyncArgumentException) e).argument()).isEqualTo("filter");
        assertThatThrownBy(() -> new RequestFilter(null, Set.of(), -1, 5)).isInstanceOf(SyncArgumentException.class)
                .extracting(e -> ((SyncArgumentException) e).argument()).isEqualTo("offset");
        assertThatThrownBy(() -> new RequestFilter(null, Set.of(), 0, 0)).isInstanceOf(SyncArgumentException.class)
                .extracting(e -> ((SyncArgumentException) e).argument()).isEqualTo("limit");
        assertThatThrownBy(() -> new RequestFilter(null, null, 0, 10_001)).isInstanceOf(SyncArgumentException.class)
                .hasMessageContaining("10000");
    }
}
