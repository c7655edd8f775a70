package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.RequestKind;
import dev.synccenter.control.ScheduleSnapshot;
import dev.synccenter.control.ScheduleSnapshot.Origin;
import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncControlFlag;

/**
 * Schedules (C44) and what holds them (C45), on a clock the test moves. On a real SQLite file
 * here, on PostgreSQL in {@link PostgresScheduleTest}.
 */
class ScheduleTest extends EngineFixture {

    static final Instant START = Instant.parse("2026-12-05T07:00:00Z"); // a Saturday
    final TestClock clock = new TestClock(START);

    @Override
    java.time.Clock clock() {
        return clock;
    }

    private void advance(Duration by) {
        clock.advance(by);
        engine.clockMoved();
    }

    private ScheduleSnapshot schedule(String id) {
        return engine.schedule(id).orElseThrow(() -> new AssertionError("no schedule " + id));
    }

    // C44
    @Test
    void c44_anIntervalScheduleSyncsEveryIntervalWithIgnoreIfAlreadySyncing() {
        TestHandler h = new TestHandler("a", "b");
        register("h", h);
        ScheduleSnapshot put = engine.putSchedule(ScheduleSpec.every("every-minute", "h", List.of("a"),
                Duration.ofMinutes(1)));
        assertThat(put.origin()).isEqualTo(Origin.CONTROL);
        assertThat(put.nextRunAt()).isEqualTo(START.plusSeconds(60));
        assertThat(put.lastRunAt()).isNull();
        advance(Duration.ofSeconds(59));
        assertThat(h.calls).isEmpty();
        advance(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> h.calls.size() == 1);
        assertThat(h.calls.get(0).itemIds()).containsExactly("a");
        await().atMost(WAIT).until(() -> schedule("every-minute").runs() == 1);
        ScheduleSnapshot after = schedule("every-minute");
        assertThat(after.lastRunAt()).isEqualTo(START.plusSeconds(60));
        assertThat(after.nextRunAt()).isEqualTo(START.plusSeconds(120));
        assertThat(after.lastRequestId()).isEqualTo(h.calls.get(0).requestId());
        long requestId = after.lastRequestId();
        await().atMost(WAIT).until(() -> engine.request(requestId).orElseThrow().result() != null);
        assertThat(engine.metrics().schedules()).isEqualTo(1);
        assertThat(engine.metrics().scheduleLatenessSeconds().count()).isEqualTo(1);
        assertThat(engine.metrics().scheduleLatenessSeconds().sum()).isZero(); // the clock stood still
        assertThat(engine.request(requestId).orElseThrow().flags())
                .containsExactly(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING);
    }

    // C44
    @Test
    void c44_aCronScheduleRunsAtItsTimesInItsZone() {
        TestHandler h = new TestHandler("a");
        register("h", h);
        ScheduleSnapshot put = engine.putSchedule(ScheduleSpec.cron("weekdays", "h", List.of(),
                "0 0 9 ? * MON-FRI", ZoneId.of("Europe/Paris")));
        // Saturday 08:00 in Paris: the next weekday 09:00 is Monday, 08:00 UTC in winter
        assertThat(put.nextRunAt()).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
        advance(Duration.between(START, Instant.parse("2026-12-07T08:00:00Z")));
        await().atMost(WAIT).until(() -> h.calls.size() == 1);
        long requestId = h.calls.get(0).requestId();
        assertThat(engine.request(requestId).orElseThrow().kind()).isEqualTo(RequestKind.HANDLER_SYNC);
        await().atMost(WAIT).until(() -> schedule("weekdays").runs() == 1);
        assertThat(schedule("weekdays").nextRunAt()).isEqualTo(Instant.parse("2026-12-08T08:00:00Z"));
    }

    // C44
    @Test
    void c44_aRunDueWhileThePreviousIsOpenIsCoalescedIntoIt() throws InterruptedException {
        Gate gate = new Gate();
        TestHandler h = new TestHandler("a").body((ids, cb, ctx, req) -> gate.passUnlessCancelled(cb));
        register("h", h);
        engine.putSchedule(ScheduleSpec.every("s", "h", List.of("a"), Duration.ofMinutes(1)));
        advance(Duration.ofMinutes(1));
        gate.awaitEntered(1);
        advance(Duration.ofMinutes(1));
        await().atMost(WAIT).until(() -> schedule("s").coalesced() == 1);
        advance(Duration.ofMinutes(1));
        await().atMost(WAIT).until(() -> schedule("s").coalesced() == 2);
        assertThat(engine.requests()).hasSize(1); // no stacking
        gate.open();
        long first = schedule("s").lastRequestId();
        await().atMost(WAIT).until(() -> engine.request(first).orElseThrow().result() != null);
        advance(Duration.ofMinutes(1));
        await().atMost(WAIT).until(() -> h.calls.size() == 2);
        await().atMost(WAIT).until(() -> schedule("s").runs() == 2);
    }

    // C44, C37
    @Test
    void c44_afterDowntimeAMissedScheduleRunsOnceNotOncePerMissedSlot() {
        register("h", new TestHandler("a"));
        engine.putSchedule(ScheduleSpec.every("s", "h", List.of("a"), Duration.ofMinutes(1)));
        engine.close();
        clock.advance(Duration.ofMinutes(10).plusSeconds(30)); // ten slots pass while the platform is down
        restart();
        TestHandler after = new TestHandler("a");
        register("h", after);
        await().atMost(WAIT).until(() -> after.calls.size() == 1);
        await().atMost(WAIT).until(() -> schedule("s").runs() == 1);
        ScheduleSnapshot s = schedule("s");
        assertThat(s.nextRunAt()).isEqualTo(START.plus(Duration.ofMinutes(11))); // the next slot, not a pile
        long requestId = s.lastRequestId();
        await().atMost(WAIT).until(() -> engine.request(requestId).map(r -> r.result() != null).orElse(false));
        assertThat(after.calls).hasSize(1);
    }

    // C44
    @Test
    void c44_schedulesAreDurableAndRemovedOnesStayRemoved() {
        register("h", new TestHandler("a"));
        engine.putSchedule(ScheduleSpec.every("keep", "h", List.of(), Duration.ofHours(1)));
        engine.putSchedule(ScheduleSpec.every("drop", "h", List.of(), Duration.ofHours(1)));
        assertThat(engine.removeSchedule("drop")).isTrue();
        assertThat(engine.removeSchedule("drop")).isFalse();
        restart();
        assertThat(engine.schedules()).extracting(x -> x.spec().id()).containsExactly("keep");
        assertThat(schedule("keep").nextRunAt()).isEqualTo(START.plus(Duration.ofHours(1)));
    }

    // C44
    @Test
    void c44_aBadSpecIsRefusedNamingTheFieldAndChangesNothing() {
        register("h", new TestHandler("a"));
        assertThatThrownBy(() -> engine.putSchedule(ScheduleSpec.cron("s", "h", List.of(), "every day", null)))
                .isInstanceOf(SyncArgumentException.class).hasMessageContaining("spec.cron");
        assertThatThrownBy(() -> engine.putSchedule(ScheduleSpec.cron("s", "h", List.of(), "0 3 * * *", null)))
                .isInstanceOf(SyncArgumentException.class).hasMessageContaining("Quartz's begin with seconds");
        assertThatThrownBy(() -> engine.putSchedule(ScheduleSpec.every("s", "h", List.of(), Duration.ofMillis(10))))
                .isInstanceOf(SyncArgumentException.class).hasMessageContaining("spec.every");
        assertThatThrownBy(() -> engine.putSchedule(new ScheduleSpec("s", "h", List.of(), Duration.ofMinutes(1),
                "0 * * * * ?", null))).isInstanceOf(SyncArgumentException.class).hasMessageContaining("spec.every");
        assertThatThrownBy(() -> engine.putSchedule(ScheduleSpec.every("x".repeat(64), "h", List.of(), Duration.ofMinutes(1))))
                .isInstanceOf(SyncArgumentException.class).hasMessageContaining("spec.id");
        assertThatThrownBy(() -> engine.putSchedule(null)).isInstanceOf(SyncArgumentException.class)
                .hasMessageContaining("spec");
        assertThat(engine.schedules()).isEmpty();
    }

    // C44
    @Test
    void c44_aConfiguredScheduleIsChangedOnlyByItsConfigurationAndKeepsItsTimesAcrossARestart() {
        register("h", new TestHandler("a"));
        ScheduleSpec spec = ScheduleSpec.every("nightly", "h", List.of(), Duration.ofHours(24));
        engine.putConfiguredSchedule(spec);
        assertThatThrownBy(() -> engine.putSchedule(spec)).isInstanceOf(SyncArgumentException.class)
                .hasMessageContaining("configuration");
        assertThatThrownBy(() -> engine.removeSchedule("nightly")).isInstanceOf(SyncArgumentException.class);
        restart();
        assertThat(engine.schedules()).isEmpty(); // dormant until its configuration is read again
        clock.advance(Duration.ofHours(1));
        ScheduleSnapshot again = engine.putConfiguredSchedule(spec);
        assertThat(again.nextRunAt()).isEqualTo(START.plus(Duration.ofHours(24)));
        engine.removeConfiguredSchedule("nightly");
        assertThat(engine.schedules()).isEmpty();
    }

    // C45
    @Test
    void c45_aRunDueWhileTheHandlerIsDisabledIsHeldAndRunsOnceWhenEnabled() {
        TestHandler h = new TestHandler("a");
        register("h", h);
        engine.putSchedule(ScheduleSpec.every("s", "h", List.of("a"), Duration.ofMinutes(1)));
        engine.enableHandler(false, "h", Set.of(ControlFlag.WAIT));
        advance(Duration.ofMinutes(5));
        await().atMost(WAIT).until(() -> schedule("s").held());
        assertThat(h.calls).isEmpty();
        engine.enableHandler(true, "h", Set.of(ControlFlag.WAIT));
        await().atMost(WAIT).until(() -> h.calls.size() == 1);
        await().atMost(WAIT).until(() -> !schedule("s").held() && schedule("s").runs() == 1);
        assertThat(h.calls).hasSize(1);
    }

    // C45
    @Test
    void c45_aRunDueWhileTheHandlerIsNotServedIsHeldUntilItIs() {
        engine.putSchedule(ScheduleSpec.every("s", "later", List.of(), Duration.ofMinutes(1)));
        advance(Duration.ofMinutes(1));
        await().atMost(WAIT).until(() -> schedule("s").held());
        TestHandler h = new TestHandler("a");
        register("later", h);
        await().atMost(WAIT).until(() -> h.calls.size() == 1);
    }
}
