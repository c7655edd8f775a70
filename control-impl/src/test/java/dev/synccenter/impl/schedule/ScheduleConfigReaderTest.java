package dev.synccenter.impl.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.SyncArgumentException;

/** C44: a schedule's factory configuration read into a spec, or into lines that name key, value and file. */
class ScheduleConfigReaderTest {

    static final String FILE = "file:/opt/sync-center/etc/dev.synccenter.schedule-nightly.cfg";
    static final String PATH = "/opt/sync-center/etc/dev.synccenter.schedule-nightly.cfg";

    /** A configuration as FileInstall gives it: strings, the file, a generated PID. */
    static Map<String, Object> config(String... keyValues) {
        Map<String, Object> p = new HashMap<>();
        p.put("service.pid", "dev.synccenter.schedule.1f0e0c3a-7c2e-4d0b-9d55-3e1f0a2b4c5d");
        p.put("felix.fileinstall.filename", FILE);
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    static ScheduleSpec spec(Map<String, Object> properties) {
        ScheduleConfigReader.Reading reading = ScheduleConfigReader.read(properties);
        assertThat(reading.problems()).isEmpty();
        return reading.spec();
    }

    static List<String> problems(Map<String, Object> properties) {
        ScheduleConfigReader.Reading reading = ScheduleConfigReader.read(properties);
        assertThat(reading.ok()).isFalse();
        assertThat(reading.spec()).isNull();
        assertThat(reading.problems()).allSatisfy(p -> assertThat(p).contains(PATH)
                .endsWith("; the schedule is not created"));
        return reading.problems();
    }

    @Test
    void anIntervalScheduleOfAHandler() {
        ScheduleSpec spec = spec(config("handler", "folders", "every", "1h"));
        assertThat(spec).isEqualTo(ScheduleSpec.every("nightly", "folders", List.of(), Duration.ofHours(1)));
        assertThat(spec.syncsHandler()).isTrue();
    }

    @Test
    void aCronScheduleOfSomeItemsInAZone() {
        ScheduleSpec spec = spec(config("id", "office-hours", "handler", "folders", "items", " example , photos ",
                "cron", "0 0/15 9-17 ? * MON-FRI", "zone", "Europe/Paris"));
        assertThat(spec).isEqualTo(ScheduleSpec.cron("office-hours", "folders", List.of("example", "photos"),
                "0 0/15 9-17 ? * MON-FRI", ZoneId.of("Europe/Paris")));
    }

    @Test
    void itemsMayBeAnArrayAsMetatypeGivesThem() {
        Map<String, Object> p = config("handler", "folders", "every", "PT15M");
        p.put("items", new String[] {"example", " photos"});
        assertThat(spec(p).itemIds()).containsExactly("example", "photos");
    }

    @Test
    void withoutAZoneACronScheduleLeavesItToTheEngine() {
        assertThat(spec(config("handler", "folders", "cron", "0 0 3 * * ?")).zone()).as("null: UTC").isNull();
    }

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "15m, PT15M", "1h, PT1H", "1d, PT24H", "1h30m, PT1H30M", "2H 5M, PT2H5M",
            "PT15M, PT15M", "pt1h, PT1H", "P1D, PT24H", "P1DT12H, PT36H", "PT1S, PT1S", "PT2.5S, PT2.5S"})
    void durationsInShortAndIsoForm(String text, String expected) {
        assertThat(ScheduleConfigReader.duration(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"15", "15x", "m", "1h foo", "1.5h", "-5m", "PT", "P1Y", "fifteen minutes", "1h,30m"})
    void durationsThatAreNot(String text) {
        assertThatThrownBy(() -> ScheduleConfigReader.duration(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "PT0.5S", "PT-1M", "-PT1M"})
    void durationsUnderOneSecondAreRefused(String text) {
        assertThatThrownBy(() -> ScheduleConfigReader.duration(text)).hasMessage("is shorter than one second");
    }

    @Test
    void anUnparsableEveryNamesKeyValueAndFile() {
        assertThat(problems(config("handler", "folders", "every", "15 minutes"))).singleElement().asString()
                .startsWith("Configuration every=15 minutes in " + PATH + " is not a duration: use a number with");
    }

    @Test
    void aBadCronNamesKeyValueAndFileAndWhatQuartzSaid() {
        assertThat(problems(config("handler", "folders", "cron", "0 0 25 * * ?"))).singleElement().asString()
                .startsWith("Configuration cron=0 0 25 * * ? in " + PATH + " is not a Quartz cron expression: "
                        + "Hour values must be between 0 and 23");
    }

    @Test
    void aFiveFieldCronGetsAHintAboutSeconds() {
        assertThat(problems(config("handler", "folders", "cron", "0 3 * * *"))).singleElement().asString()
                .contains("cron=0 3 * * *").contains("it has 5 fields: Quartz's cron begins with the seconds");
    }

    @Test
    void aCronThatNeverFiresAgainIsBad() {
        assertThat(problems(config("handler", "folders", "cron", "0 0 0 1 1 ? 2001"))).singleElement().asString()
                .contains("cron=0 0 0 1 1 ? 2001 in " + PATH + " never fires again");
    }

    @Test
    void aBadZoneNamesKeyValueAndFile() {
        assertThat(problems(config("handler", "folders", "cron", "0 0 3 * * ?", "zone", "Mars/Olympus")))
                .singleElement().asString()
                .startsWith("Configuration zone=Mars/Olympus in " + PATH + " is not a time zone");
    }

    @Test
    void bothEveryAndCronIsBad() {
        assertThat(problems(config("handler", "folders", "every", "1h", "cron", "0 0 3 * * ?")))
                .containsExactly("Configuration every=1h and cron=0 0 3 * * ? in " + PATH
                        + ": give one of every and cron, not both; the schedule is not created");
    }

    @Test
    void neitherEveryNorCronIsBad() {
        assertThat(problems(config("handler", "folders", "every", "  "))).containsExactly("Configuration " + PATH
                + " has neither every nor cron: give one of them; the schedule is not created");
    }

    @Test
    void aMissingHandlerIsBadAndEveryProblemIsTold() {
        assertThat(problems(config("every", "soon", "zone", "nowhere")))
                .anySatisfy(p -> assertThat(p).startsWith("Configuration " + PATH + " has no handler"))
                .anySatisfy(p -> assertThat(p).startsWith("Configuration every=soon in"))
                .anySatisfy(p -> assertThat(p).startsWith("Configuration zone=nowhere in"))
                .hasSize(3);
    }

    @Test
    void badItemsAreNamed() {
        assertThat(problems(config("handler", "folders", "every", "1h", "items", "a,b,a")))
                .containsExactly("Configuration items=a,b,a in " + PATH + " names item 'a' twice; the schedule is"
                        + " not created");
        assertThat(problems(config("handler", "folders", "every", "1h", "items", "a," + "x".repeat(64))))
                .singleElement().asString().contains("which is not an item ID: it must be at most 63 characters");
    }

    @Test
    void aBadHandlerIdIsNamed() {
        assertThat(problems(config("handler", "fol\u0007ders", "every", "1h"))).singleElement().asString()
                .startsWith("Configuration handler=fol\u0007ders in " + PATH + " is not a handler ID: it must not"
                        + " contain control characters");
    }

    // ---- the schedule's ID

    @Test
    void theIdIsTheConfigurationsNameFromItsPid() {
        Map<String, Object> p = config("handler", "folders", "every", "1h");
        p.put("service.pid", "dev.synccenter.schedule~folders-hourly");
        assertThat(spec(p).id()).isEqualTo("folders-hourly");
    }

    @Test
    void theIdIsThePartOfTheFileNameAfterTheFirstDash() {
        Map<String, Object> p = config("handler", "folders", "every", "1h");
        p.put("felix.fileinstall.filename", "file:/opt/sync-center/etc/dev.synccenter.schedule-folders-hourly.cfg");
        assertThat(spec(p).id()).isEqualTo("folders-hourly");
        p.put("felix.fileinstall.filename", "/etc/sync/dev.synccenter.schedule-nightly.config");
        assertThat(spec(p).id()).isEqualTo("nightly");
    }

    @Test
    void withoutANameTheIdIsThePid() {
        Map<String, Object> p = config("handler", "folders", "every", "1h");
        p.remove("felix.fileinstall.filename");
        assertThat(spec(p).id()).isEqualTo("dev.synccenter.schedule.1f0e0c3a-7c2e-4d0b-9d55-3e1f0a2b4c5d");
    }

    @Test
    void anExplicitIdWins() {
        assertThat(spec(config("id", "mine", "handler", "folders", "every", "1h")).id()).isEqualTo("mine");
    }

    @Test
    void anInvalidIdIsNamedAndSoIsADerivedOne() {
        assertThat(problems(config("id", "my schedule", "handler", "folders", "every", "1h"))).singleElement()
                .asString().startsWith("Configuration id=my schedule in " + PATH + " is not a schedule ID: 1 to 63");
        Map<String, Object> p = config("handler", "folders", "every", "1h");
        p.put("felix.fileinstall.filename", "file:/etc/dev.synccenter.schedule-every%20hour.cfg");
        assertThat(ScheduleConfigReader.read(p).problems()).singleElement().asString()
                .contains("id=every%20hour").contains("(taken from the configuration's name)").contains("; set id");
    }

    @Test
    void withoutAFileTheLinesNameThePid() {
        Map<String, Object> p = config("handler", "folders", "every", "never");
        p.remove("felix.fileinstall.filename");
        p.put("service.pid", "dev.synccenter.schedule~nightly");
        assertThat(ScheduleConfigReader.read(p).problems()).singleElement().asString()
                .startsWith("Configuration every=never in configuration dev.synccenter.schedule~nightly is not");
    }

    @Test
    void aRefusalByTheEngineIsToldAsTheConfigurationsKeyAndValue() {
        Map<String, Object> p = config("handler", "folders", "cron", "0 0 3 * * ?");
        ScheduleSpec spec = spec(p);
        assertThat(ScheduleConfigReader.refused(p, spec, new SyncArgumentException("spec.cron", "too often")))
                .isEqualTo("Configuration cron=0 0 3 * * ? in " + PATH + " was refused: spec.cron: too often; the "
                        + "schedule is not created");
        assertThat(ScheduleConfigReader.refused(p, spec, new SyncArgumentException("spec.id", "taken")))
                .startsWith("Configuration id=nightly in " + PATH + " was refused: spec.id: taken");
        assertThat(ScheduleConfigReader.refused(p, spec, new SyncArgumentException("spec.itemIds[0]", "unknown")))
                .startsWith("Configuration items=(none) in");
        assertThat(ScheduleConfigReader.refused(p, spec, new SyncArgumentException("spec", "no")))
                .isEqualTo("Configuration " + PATH + " was refused: spec: no; the schedule is not created");
    }
}
