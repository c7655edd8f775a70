package dev.synccenter.impl.schedule;

import static dev.synccenter.impl.schedule.ScheduleConfigReaderTest.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.component.ComponentConstants;

import dev.synccenter.control.ScheduleSnapshot;
import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.SyncArgumentException;

/**
 * C44: the component puts its configuration's schedule, replaces it when the file changes, and
 * removes it only when the configuration goes; bad values and refusals never escape it. Driven as
 * SCR would, without a framework.
 */
class ScheduleConfigurationTest {

    /** The engine's side, recording what it was told; {@link #refuse} makes the next put fail. */
    static final class Recorder implements ConfiguredSchedules {
        final List<String> calls = new ArrayList<>();
        RuntimeException refuse;

        @Override
        public ScheduleSnapshot put(ScheduleSpec spec) {
            calls.add("put " + spec.id() + " " + (spec.every() != null ? spec.every() : spec.cron()));
            RuntimeException e = refuse;
            refuse = null;
            if (e != null) {
                throw e;
            }
            return new ScheduleSnapshot(spec, ScheduleSnapshot.Origin.CONFIGURATION, Instant.EPOCH, null, 0,
                    false, 0, 0);
        }

        @Override
        public void remove(String scheduleId) {
            calls.add("remove " + scheduleId);
        }
    }

    final Recorder engine = new Recorder();
    final ScheduleOwners owners = new ScheduleOwners();

    /** Activates a component on a configuration, as SCR does. */
    ScheduleConfiguration activate(Map<String, Object> properties) {
        return new ScheduleConfiguration(engine, owners, properties);
    }

    /** From file {@code name}: syncs handler "folders" every hour, unless keyValues say otherwise. */
    static Map<String, Object> file(String name, String... keyValues) {
        List<String> all = new ArrayList<>(List.of("handler", "folders", "every", "1h"));
        all.addAll(List.of(keyValues)); // later keys win
        Map<String, Object> p = config(all.toArray(String[]::new));
        p.put("felix.fileinstall.filename", "file:/etc/dev.synccenter.schedule-" + name + ".cfg");
        return p;
    }

    @Test
    void putOnActivateReplaceOnModifyRemoveWhenTheConfigurationIsDeleted() {
        ScheduleConfiguration c = activate(file("a"));
        c.modified(file("a", "every", "30m"));
        c.deactivate(ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED);
        assertThat(engine.calls).containsExactly("put a PT1H", "put a PT30M", "remove a");
    }

    @Test
    void theScheduleOutlivesTheEngineGoingAwayAndTheBundleStopping() {
        for (int reason : new int[] {ComponentConstants.DEACTIVATION_REASON_REFERENCE,
                ComponentConstants.DEACTIVATION_REASON_BUNDLE_STOPPED}) {
            activate(file("a")).deactivate(reason);
        }
        assertThat(engine.calls).as("durable (C44): its last run is kept for after the restart")
                .containsExactly("put a PT1H", "put a PT1H");
    }

    @Test
    void aNewIdRemovesTheOldSchedule() {
        ScheduleConfiguration c = activate(file("a"));
        c.modified(file("a", "id", "b"));
        c.deactivate(ComponentConstants.DEACTIVATION_REASON_DISABLED);
        assertThat(engine.calls).containsExactly("put a PT1H", "remove a", "put b PT1H", "remove b");
    }

    @Test
    void aBadValueCreatesNothingAndABadModificationRemovesTheFormerSchedule() {
        Map<String, Object> bad = file("a", "every", "often");
        ScheduleConfiguration c = activate(bad);
        assertThat(engine.calls).isEmpty();
        c.modified(file("a"));
        c.modified(bad);
        c.deactivate(ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED);
        assertThat(engine.calls).containsExactly("put a PT1H", "remove a");
    }

    @Test
    void aRefusalByTheEngineDoesNotEscapeAndLeavesNoFormerSpecBehind() {
        ScheduleConfiguration c = activate(file("a"));
        engine.refuse = new SyncArgumentException("spec.every", "too often for this handler");
        c.modified(file("a"));
        c.deactivate(ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED);
        assertThat(engine.calls).containsExactly("put a PT1H", "put a PT1H", "remove a");
    }

    @Test
    void anEngineThatFailsDoesNotFailTheComponentAndDeletingTheFileStillRemoves() {
        engine.refuse = new UnsupportedOperationException("not yet");
        ScheduleConfiguration c = activate(file("a"));
        c.deactivate(ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED);
        assertThat(engine.calls).containsExactly("put a PT1H", "remove a");
    }

    @Test
    void twoConfigurationsWithOneIdDoNotTakeEachOthersSchedule() {
        Map<String, Object> second = file("b", "id", "a", "every", "5m");
        ScheduleConfiguration a = activate(file("a"));
        ScheduleConfiguration b = activate(second);
        b.deactivate(ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED);
        assertThat(engine.calls).as("the second is refused, and its deletion leaves the first's schedule")
                .containsExactly("put a PT1H");
        a.deactivate(ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED);
        ScheduleConfiguration again = activate(second);
        again.deactivate(ComponentConstants.DEACTIVATION_REASON_BUNDLE_STOPPED);
        assertThat(engine.calls).as("once the first is gone, the ID is free")
                .containsExactly("put a PT1H", "remove a", "put a PT5M");
    }
}
