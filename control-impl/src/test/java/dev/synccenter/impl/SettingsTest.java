package dev.synccenter.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.synccenter.config.RawConfig;
import dev.synccenter.impl.engine.EngineSettings;

/** The engine's configuration, converted key by key: a bad value costs that value only. */
class SettingsTest {

    private static final String FILE = "file:/opt/sync-center/etc/dev.synccenter.engine.cfg";

    private final List<String> warnings = new ArrayList<>();

    private EngineSettings from(Map<String, Object> properties) {
        return Settings.from(properties, warnings::add);
    }

    @Test
    void noPropertiesGiveTheDefaultsSilently() {
        assertThat(from(Map.of())).isEqualTo(EngineSettings.defaults());
        assertThat(warnings).isEmpty();
    }

    @Test
    void stringsFromCfgFilesAndTypedNumbersAreBothTaken() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("pool.size", " 7 ");
        properties.put("concurrent.sessions", 3);
        properties.put("park.timeout.ms", 1_500L);
        properties.put("event.retention.minutes", "90");
        EngineSettings s = from(properties);
        assertThat(s.poolSize()).isEqualTo(7);
        assertThat(s.concurrentSessions()).isEqualTo(3);
        assertThat(s.parkTimeout()).isEqualTo(Duration.ofMillis(1_500));
        assertThat(s.eventRetentionAge()).isEqualTo(Duration.ofMinutes(90));
        assertThat(warnings).isEmpty();
    }

    @Test
    void aValueThatIsNotANumberIsLoggedOnceWithKeyAndFileAndDefaulted() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("pool.size", "abc");
        properties.put("request.history", "12");
        properties.put("cancel.grace.ms", 2.5);
        properties.put(RawConfig.FILE_PROPERTY, FILE);
        EngineSettings s = from(properties);
        assertThat(s.poolSize()).isEqualTo(EngineSettings.defaults().poolSize());
        assertThat(s.cancelGrace()).isEqualTo(EngineSettings.defaults().cancelGrace());
        assertThat(s.requestHistory()).as("the good value next to the bad one").isEqualTo(12);
        assertThat(warnings).containsExactlyInAnyOrder(
                "Configuration pool.size=abc in /opt/sync-center/etc/dev.synccenter.engine.cfg is not a whole"
                        + " number; using the default 4",
                "Configuration cancel.grace.ms=2.5 in /opt/sync-center/etc/dev.synccenter.engine.cfg is not a"
                        + " whole number; using the default 5000");
    }

    @Test
    void aValueOutOfRangeIsLoggedAndDefaulted() {
        EngineSettings s = from(Map.of("concurrent.sessions", "0", "session.timeout.ms", "0"));
        assertThat(s.concurrentSessions()).isEqualTo(4);
        assertThat(s.sessionTimeout()).as("0 is in range: no limit").isEqualTo(Duration.ZERO);
        assertThat(warnings).containsExactly("Configuration concurrent.sessions=0 in configuration"
                + " dev.synccenter.engine is out of range 1 to 1024; using the default 4");
    }

    @Test
    void theSourceWithoutAFileIsTheEnginesPid() {
        assertThat(Settings.source(Map.of())).isEqualTo("configuration dev.synccenter.engine");
    }
}
