package dev.synccenter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Raw configuration, read key by key: a bad value costs that value only, and is reported once with
 * its key and file. (These were the tests of control-shell's and control-security's ConfigValues,
 * control-http's Settings and the source part of control-impl's Settings and StoreProperties.)
 */
class RawConfigTest {

    private static final String PID = "dev.synccenter.shell.remote";
    private static final String FILE = "file:/opt/sync-center/etc/dev.synccenter.shell.remote.cfg";
    private static final String IN_FILE = " in /opt/sync-center/etc/dev.synccenter.shell.remote.cfg ";

    private final List<String> warnings = new ArrayList<>();

    private RawConfig config(Map<String, ?> properties) {
        return new RawConfig(properties, PID, warnings::add);
    }

    private RawConfig fromFile(Object... keysAndValues) {
        Map<String, Object> properties = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        properties.put(RawConfig.FILE_PROPERTY, FILE);
        return config(properties);
    }

    @Test
    void goodNumbersAreTakenFromStringsAndTypedNumbersSilently() {
        RawConfig values = config(Map.of("port", " 9000 ", "max.connections", 3, "timeout.ms", 1_500L,
                "short", (short) 7, "byte", (byte) 2));
        assertThat(values.number("port", 0, 65_535, 7654)).isEqualTo(9000);
        assertThat(values.number("max.connections", 1, 256, 8)).isEqualTo(3);
        assertThat(values.wholeNumber("timeout.ms", 1, 86_400_000, 10_000)).isEqualTo(1_500L);
        assertThat(values.number("short", 1, 10, 1)).isEqualTo(7);
        assertThat(values.number("byte", 1, 10, 1)).isEqualTo(2);
        assertThat(values.number("read.timeout.ms", 1, 600_000, 10_000)).as("absent").isEqualTo(10_000);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aValueThatIsNotAWholeNumberIsReportedOnceWithKeyAndFileAndDefaulted() {
        RawConfig values = fromFile("port", "abc", "read.timeout.ms", 1.5, "max.pending", "12");
        assertThat(values.number("port", 0, 65_535, 7654)).isEqualTo(7654);
        assertThat(values.number("read.timeout.ms", 1, 600_000, 10_000)).isEqualTo(10_000);
        assertThat(values.number("max.pending", 1, 4096, 64)).as("the good value next to the bad ones").isEqualTo(12);
        assertThat(warnings).containsExactly(
                "Configuration port=abc" + IN_FILE + "is not a whole number; using the default 7654",
                "Configuration read.timeout.ms=1.5" + IN_FILE + "is not a whole number; using the default 10000");
    }

    @Test
    void aValueOutOfRangeIsReportedAndDefaultedAndTheBoundsAreInRange() {
        RawConfig values = config(Map.of("max.connections", "0", "session.timeout.ms", "0", "max.pending", "4096",
                "big", Long.toString(Integer.MAX_VALUE + 1L)));
        assertThat(values.number("max.connections", 1, 256, 8)).isEqualTo(8);
        assertThat(values.wholeNumber("session.timeout.ms", 0, Long.MAX_VALUE / 2, 60_000)).isZero();
        assertThat(values.number("max.pending", 1, 4096, 64)).isEqualTo(4096);
        assertThat(values.number("big", 1, Integer.MAX_VALUE, 5)).as("not cut to an int").isEqualTo(5);
        assertThat(warnings).containsExactly(
                "Configuration max.connections=0 in configuration dev.synccenter.shell.remote is out of range 1 to"
                        + " 256; using the default 8",
                "Configuration big=2147483648 in configuration dev.synccenter.shell.remote is out of range 1 to"
                        + " 2147483647; using the default 5");
    }

    @Test
    void aFlagIsTrueOrFalseInAnyCaseAndAnythingElseIsReportedAndDefaulted() {
        RawConfig values = fromFile("a", " TRUE ", "b", "false", "c", Boolean.TRUE, "d", "yes");
        assertThat(values.flag("a", false)).isTrue();
        assertThat(values.flag("b", true)).isFalse();
        assertThat(values.flag("c", false)).isTrue();
        assertThat(values.flag("d", false)).isFalse();
        assertThat(values.flag("absent", true)).isTrue();
        assertThat(warnings).containsExactly(
                "Configuration d=yes" + IN_FILE + "is neither true nor false; using the default false");
    }

    @Test
    void textIsStrippedAndBlankMeansTheDefault() {
        RawConfig values = config(Map.of("dir", "  /var/lib/sc ", "blank", "   "));
        assertThat(values.text("dir", null)).isEqualTo("/var/lib/sc");
        assertThat(values.text("blank", "x")).isEqualTo("x");
        assertThat(values.text("absent", null)).isNull();
        assertThat(warnings).isEmpty();
    }

    @Test
    void aListIsCommaSeparatedOrAnArrayWithBlanksDropped() {
        RawConfig values = config(Map.of("origins", " https://a.example , ,https://b.example,",
                "array", new String[] {" x ", "", "y"}));
        assertThat(values.list("origins")).containsExactly("https://a.example", "https://b.example");
        assertThat(values.list("array")).containsExactly("x", "y");
        assertThat(values.list("absent")).isEmpty();
    }

    @Test
    void theSourceIsTheFileFileInstallNamedOrElseThePid() {
        assertThat(config(Map.of(RawConfig.FILE_PROPERTY, FILE)).source())
                .isEqualTo("/opt/sync-center/etc/dev.synccenter.shell.remote.cfg");
        assertThat(config(Map.of()).source()).isEqualTo("configuration dev.synccenter.shell.remote");
        assertThat(RawConfig.source(Map.of(RawConfig.FILE_PROPERTY, FILE), "x"))
                .isEqualTo("/opt/sync-center/etc/dev.synccenter.shell.remote.cfg");
        assertThat(RawConfig.source(Map.of(), "dev.synccenter.store")).isEqualTo("configuration dev.synccenter.store");
        assertThat(config(Map.of(RawConfig.FILE_PROPERTY, "/etc/x.cfg")).source()).as("not a URI: as it is")
                .isEqualTo("/etc/x.cfg");
        assertThat(config(Map.of(RawConfig.FILE_PROPERTY, "file:relative.cfg")).source()).as("not a path URI")
                .isEqualTo("file:relative.cfg");
    }
}
