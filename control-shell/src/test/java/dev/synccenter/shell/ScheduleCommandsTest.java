package dev.synccenter.shell;

import static dev.synccenter.shell.EngineOnAClock.HANDLER;
import static dev.synccenter.shell.EngineOnAClock.START;
import static dev.synccenter.shell.EngineOnAClock.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.synccenter.control.ScheduleSnapshot;
import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.SyncArgumentException;

/**
 * The commands of schedules (C44) on the real engine: {@code schedule} creates or replaces one and
 * shows it, {@code schedules} lists them (or shows one), {@code unschedule} removes one; a bad
 * argument is named as the person typed it.
 */
class ScheduleCommandsTest {

    static final String USAGE = "usage: schedule <id> <handler> [item...] [--every 30s|15m|1h30m|1d|PT15M] [--cron"
            + " expr] [--zone zone]";

    @TempDir
    static Path dir;
    final EngineOnAClock platform = new EngineOnAClock(dir);

    @AfterEach
    void close() {
        platform.close();
    }

    private String run(String command, String... args) throws InterruptedException {
        return platform.run(command, args);
    }

    private ScheduleSnapshot schedule(String id) {
        return platform.engine.schedule(id).orElseThrow(() -> new AssertionError("no schedule " + id));
    }

    // C44
    @Test
    void c44_scheduleCreatesAScheduleAndShowsItAsStored() throws Exception {
        String shown = run("schedule", "quarter", HANDLER, "alpha", "beta", "--every", "15m");
        assertThat(shown.lines()).containsExactly(
                "SCHEDULE      quarter",
                "origin        CONTROL",
                "handler       demo",
                "items         alpha,beta",
                "when          every 15m",
                "next run      " + Formats.iso(START.plus(Duration.ofMinutes(15))),
                "last run      -",
                "last request  -",
                "held          no",
                "runs          0",
                "coalesced     0");
        assertThat(schedule("quarter").spec()).isEqualTo(ScheduleSpec.every("quarter", HANDLER,
                List.of("alpha", "beta"), Duration.ofMinutes(15)));
    }

    // C44
    @Test
    void c44_everyTakesTheShortAndTheIsoFormAndACronItsZone() throws Exception {
        Map<String, Duration> forms = Map.of("30s", Duration.ofSeconds(30), "1h30m", Duration.ofMinutes(90),
                "1d", Duration.ofDays(1), "PT15M", Duration.ofMinutes(15), "pt2h", Duration.ofHours(2));
        for (Map.Entry<String, Duration> form : forms.entrySet()) {
            run("schedule", "s", HANDLER, "--every", form.getKey());
            assertThat(schedule("s").spec().every()).as(form.getKey()).isEqualTo(form.getValue());
        }
        assertThat(run("schedule", "nightly", HANDLER, "--cron", "0 0 3 * * ?", "--zone", "Europe/Paris"))
                .containsPattern("(?m)^items\\s+\\(handler\\)$")
                .containsPattern("(?m)^when\\s+cron 0 0 3 \\* \\* \\? in Europe/Paris$")
                .containsPattern("(?m)^next run\\s+" + Formats.iso(Instant.parse("2026-12-06T02:00:00Z")) + "$");
        assertThat(run("schedule", "utc", HANDLER, "--cron=0 0 3 * * ?"))
                .containsPattern("(?m)^when\\s+cron .* in UTC$");
    }

    // C44
    @Test
    void c44_schedulesListsEveryScheduleWithItsRunsAndLastRequest() throws Exception {
        assertThat(run("schedules")).isEqualTo("no schedules\n");
        run("schedule", "minutely", HANDLER, "alpha", "--every", "1m");
        run("schedule", "nightly", HANDLER, "--cron", "0 0 3 * * ?");
        platform.advance(Duration.ofMinutes(1));
        await().atMost(WAIT).until(() -> schedule("minutely").runs() == 1);
        long request = schedule("minutely").lastRequestId();

        List<String> lines = run("schedules").lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("ID\\s+ORIGIN\\s+HANDLER\\s+ITEMS\\s+WHEN\\s+NEXT RUN\\s+LAST RUN\\s+"
                + "LAST REQUEST\\s+HELD\\s+RUNS\\s+COALESCED");
        assertThat(lines.get(1)).matches("minutely\\s+CONTROL\\s+demo\\s+alpha\\s+every 1m\\s+"
                + Formats.iso(START.plus(Duration.ofMinutes(2))) + "\\s+"
                + Formats.iso(START.plus(Duration.ofMinutes(1)))
                + "\\s+" + request + "\\s+no\\s+1\\s+0");
        assertThat(lines.get(2)).matches("nightly\\s+CONTROL\\s+demo\\s+\\(handler\\)\\s+"
                + "cron 0 0 3 \\* \\* \\? in UTC\\s+"
                + Formats.iso(Instant.parse("2026-12-06T03:00:00Z")) + "\\s+-\\s+-\\s+no\\s+0\\s+0");
        assertThat(run("schedules", "minutely")).startsWith("SCHEDULE      minutely\n")
                .containsPattern("(?m)^last request\\s+" + request + "$").containsPattern("(?m)^runs\\s+1$");
        await().atMost(WAIT).until(() -> platform.engine.request(request).orElseThrow().result() != null);
    }

    // C44, C45
    @Test
    void c45_aRunDueWhileTheHandlerIsDisabledShowsAsHeld() throws Exception {
        run("schedule", "minutely", HANDLER, "--every", "1m");
        run("disable", HANDLER);
        platform.advance(Duration.ofMinutes(1));
        await().atMost(WAIT).until(() -> schedule("minutely").held());
        assertThat(run("schedules")).containsPattern("minutely\\s+CONTROL\\s+.*\\s+yes\\s+0\\s+0\n");
    }

    // C44
    @Test
    void c44_scheduleReplacesAndUnscheduleRemoves() throws Exception {
        run("schedule", "s", HANDLER, "--every", "1h");
        assertThat(run("schedule", "s", HANDLER, "beta", "--every", "2h")).containsPattern("(?m)^items\\s+beta$")
                .containsPattern("(?m)^when\\s+every 2h$");
        assertThat(platform.engine.schedules()).hasSize(1);
        assertThat(run("unschedule", "s")).isEqualTo("schedule s removed\n");
        assertThat(platform.engine.schedules()).isEmpty();
        assertThatThrownBy(() -> run("unschedule", "s")).isInstanceOf(UsageException.class)
                .hasMessage("id: no schedule 's' is known; try: schedules");
        assertThatThrownBy(() -> run("schedules", "s")).isInstanceOf(UsageException.class)
                .hasMessage("id: no schedule 's' is known; try: schedules");
    }

    // C44
    @Test
    void c44_aScheduleFromAConfigurationIsListedButOnlyItsConfigurationChangesIt() throws Exception {
        platform.engine.putConfiguredSchedule(ScheduleSpec.every("hourly", HANDLER, List.of(), Duration.ofHours(1)));
        assertThat(run("schedules")).containsPattern("hourly\\s+CONFIGURATION\\s+demo\\s+\\(handler\\)\\s+every 1h");
        assertThatThrownBy(() -> run("schedule", "hourly", HANDLER, "--every", "5m")).isInstanceOf(UsageException.class)
                .hasMessage("schedule: <id> schedule 'hourly' comes from a configuration; change or remove its"
                        + " configuration instead; " + USAGE);
        assertThatThrownBy(() -> run("unschedule", "hourly")).isInstanceOf(SyncArgumentException.class)
                .hasMessage("scheduleId: schedule 'hourly' comes from a configuration; remove its configuration"
                        + " instead");
        assertThat(schedule("hourly").spec().every()).isEqualTo(Duration.ofHours(1));
    }

    // C44
    @Test
    void c44_badArgumentsAreNamedAsTypedAndChangeNothing() {
        Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("s", HANDLER), "give exactly one of --every and --cron");
        cases.put(List.of("s", HANDLER, "--every", "1h", "--cron", "0 0 3 * * ?"),
                "give exactly one of --every and --cron");
        cases.put(List.of("s", HANDLER, "--every", "15 minutes"), "--every '15 minutes' is not a duration: use a number"
                + " with s, m, h or d (30s, 15m, 1h30m, 1d) or ISO-8601 (PT15M)");
        cases.put(List.of("s", HANDLER, "--every", "P1Y"), "--every 'P1Y' is not an ISO-8601 duration (PT15M, P1D)");
        cases.put(List.of("s", HANDLER, "--every", "0s"), "--every must be at least PT1S, was PT0S");
        cases.put(List.of("s", HANDLER, "--every", "1h", "--zone", "UTC"),
                "--zone applies to --cron only: an interval runs alike in every zone");
        cases.put(List.of("s", HANDLER, "--cron", "0 0 3 * * ?", "--zone", "Mars/Olympus"),
                "--zone 'Mars/Olympus' is not a time zone (UTC, Europe/Paris, +02:00)");
        cases.put(List.of("s", HANDLER, "--cron", "0 0 25 * * ?"), "--cron '0 0 25 * * ?' is not a Quartz cron"
                + " expression: Hour values must be between 0 and 23");
        cases.put(List.of("x".repeat(64), HANDLER, "--every", "1h"), "<id> must be at most 63 characters, was 64");
        cases.put(List.of("s", " demo", "--every", "1h"), "<handler> must not have leading or trailing white space");
        cases.put(List.of("s", HANDLER, "alpha", "alpha", "--every", "1h"), "<item> names item 'alpha' twice");
        cases.put(List.of("s"), "missing argument <handler>");
        cases.put(List.of("s", HANDLER, "--every"), "option --every needs a value");
        cases.forEach((args, problem) -> assertThatThrownBy(() -> run("schedule", args.toArray(String[]::new)))
                .as("%s", args).isInstanceOf(UsageException.class).hasMessageStartingWith("schedule: " + problem)
                .hasMessageEndingWith(USAGE));
        assertThatThrownBy(() -> run("unschedule"))
                .hasMessage("unschedule: missing argument <id>; usage: unschedule <id>");
        assertThatThrownBy(() -> run("schedules", "a", "b")).hasMessage("schedules: unexpected argument 'b'; usage:"
                + " schedules [id]");
        assertThat(platform.engine.schedules()).isEmpty();
    }

    @Test
    void helpShowsTheScheduleCommands() throws Exception {
        assertThat(run("help", "schedules").lines()).first().isEqualTo("usage: sync:schedules [id]");
        assertThat(run("help", "schedule").lines()).first().isEqualTo("usage: sync:" + USAGE.substring("usage: ".length()));
        assertThat(run("help", "unschedule").lines()).first().isEqualTo("usage: sync:unschedule <id>");
    }
}
