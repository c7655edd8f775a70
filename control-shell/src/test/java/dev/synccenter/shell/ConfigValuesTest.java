package dev.synccenter.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The endpoint's configuration, read key by key: a bad value costs that value only. */
class ConfigValuesTest {

    private static final String FILE = "file:/opt/sync-center/etc/dev.synccenter.shell.remote.cfg";

    @Test
    void goodValuesAreTakenFromStringsAndNumbers() {
        ConfigValues values = new ConfigValues(Map.of("port", " 9000 ", "max.connections", 3), RemoteEndpoint.PID);
        assertThat(values.number("port", 0, 65_535, 7654)).isEqualTo(9000);
        assertThat(values.number("max.connections", 1, 256, 8)).isEqualTo(3);
        assertThat(values.number("read.timeout.ms", 1, 600_000, 10_000)).as("absent").isEqualTo(10_000);
    }

    @Test
    void aValueThatIsNotANumberOrOutOfRangeGivesTheDefault() {
        ConfigValues values = new ConfigValues(Map.of("port", "abc", "max.connections", "0",
                "read.timeout.ms", 1.5, ConfigValues.FILE_PROPERTY, FILE), RemoteEndpoint.PID);
        assertThat(values.number("port", 0, 65_535, 7654)).isEqualTo(7654);
        assertThat(values.number("max.connections", 1, 256, 8)).isEqualTo(8);
        assertThat(values.number("read.timeout.ms", 1, 600_000, 10_000)).isEqualTo(10_000);
    }

    @Test
    void theSourceIsTheFileOrElseThePid() {
        assertThat(new ConfigValues(Map.of(ConfigValues.FILE_PROPERTY, FILE), "x").source())
                .isEqualTo("/opt/sync-center/etc/dev.synccenter.shell.remote.cfg");
        assertThat(new ConfigValues(Map.of(), RemoteEndpoint.PID).source())
                .isEqualTo("configuration dev.synccenter.shell.remote");
    }
}
