package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.EventFilter;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.Limits;
import dev.synccenter.control.SyncEvent;

/** C41: what a handler reports is bounded in size, and says so when it was cut. */
class EventBoundsTest extends EngineFixture {

    // C41
    @Test
    void c41_aMultiMegabyteEventIsCutAndSaysFromHowMuch() {
        String huge = "x".repeat(3_000_000);
        register("big", new TestHandler("a").body((ids, cb, ctx, req) -> cb.reportEvent("a", EventLevel.WARNING,
                "n".repeat(500), huge, "t".repeat(500), huge, huge)));
        assertExactlyOneResult(start("big", "a"));
        List<SyncEvent> events = engine.events(EventFilter.ALL.handler("big"));
        assertThat(events).hasSize(1);
        SyncEvent event = events.get(0);
        assertThat(event.name()).hasSize(Limits.MAX_NAME_LENGTH);
        assertThat(event.description()).hasSize(Limits.MAX_EVENT_TEXT_LENGTH)
                .endsWith("[cut from 3000000 characters]");
        assertThat(event.linkText()).hasSize(Limits.MAX_NAME_LENGTH);
        assertThat(event.linkReference()).hasSize(Limits.MAX_LINK_LENGTH);
        assertThat(event.context()).hasSize(Limits.MAX_EVENT_TEXT_LENGTH);
    }

    // C41
    @Test
    void c41_aSessionThatReportsPastItsBoundOfEventsIsRefusedAndTheRestIsNotKept() {
        engine.configure(settings().withEventsPerSession(3));
        java.util.List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
        register("flood", new TestHandler("a").body((ids, cb, ctx, req) -> {
            for (int i = 0; i < 5; i++) {
                try {
                    cb.reportEvent("a", EventLevel.INFORMATION, "e" + i, "");
                } catch (IllegalStateException e) {
                    refusals.add(e.getMessage());
                }
            }
        }));
        assertExactlyOneResult(start("flood", "a"));
        assertThat(engine.events(EventFilter.ALL.handler("flood"))).extracting(SyncEvent::name)
                .containsExactly("e2", "e1", "e0");
        assertThat(refusals).hasSize(2).allSatisfy(m -> assertThat(m).contains("events.per.session").contains("C41"));
    }

    // C41
    @Test
    void c41_eachHandlerKeepsAtMostItsBoundOfEvents() {
        engine.configure(settings().withEventRetentionPerHandler(2));
        register("chatty", new TestHandler("a").body((ids, cb, ctx, req) -> {
            for (int i = 0; i < 5; i++) {
                cb.reportEvent("a", EventLevel.INFORMATION, "c" + i, "");
            }
        }));
        register("quiet", new TestHandler("a").body((ids, cb, ctx, req) -> cb.reportEvent("a", EventLevel.WARNING,
                "q", "")));
        assertExactlyOneResult(start("quiet", "a"));
        assertExactlyOneResult(start("chatty", "a"));
        assertThat(engine.events(EventFilter.ALL)).extracting(SyncEvent::name).containsExactly("c4", "c3", "q");
    }

    // C41
    @Test
    void c41_anEventWithinTheBoundsIsKeptAsReported() {
        register("small", new TestHandler("a").body((ids, cb, ctx, req) -> cb.reportEvent("a", EventLevel.WARNING,
                "name", "description", "link", "https://example.test/a", "ctx")));
        assertExactlyOneResult(start("small", "a"));
        SyncEvent event = engine.events(EventFilter.ALL.handler("small")).get(0);
        assertThat(event.description()).isEqualTo("description");
        assertThat(event.linkReference()).isEqualTo("https://example.test/a");
        assertThat(event.context()).isEqualTo("ctx");
    }
}
