package dev.synccenter.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.synccenter.handler.SyncCallback;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncItem;
import dev.synccenter.impl.engine.EngineSettings;
import dev.synccenter.impl.engine.HandlerRef;
import dev.synccenter.impl.engine.SyncEngine;
import dev.synccenter.impl.store.sql.SqlStore;

/**
 * Every shell command with bad input, against the real engine: each gets one line and a non-zero
 * status, and nothing is queued (C1, C7). Keeps docs/SHELL-BAD-INPUT.md equal to what the shell
 * answers; regenerate it with {@code -Dbadinput.write=true}.
 */
class ShellBadInputTableTest {

    static final Path DOC = Path.of("..", "docs", "SHELL-BAD-INPUT.md");
    static final String LONG = "x".repeat(64);

    /** The engine runs on a real store: a SQLite file in the test's own folder. */
    @TempDir
    static Path dir;
    final SqlStore store = SqlStore.open("jdbc:sqlite:" + dir.resolve(UUID.randomUUID() + ".db"));
    final SyncEngine engine = new SyncEngine(EngineSettings.defaults(), store);

    @AfterEach
    void close() {
        engine.close();
        store.close();
    }

    /** Command and its arguments, as Gogo hands them over (already split). */
    static final List<List<String>> CASES = List.of(
            List.of("start"), List.of("start", "h"), List.of("start", "nobody", "a"), List.of("start", "h", "zzz"),
            List.of("start", "h", LONG), List.of("start", LONG, "a"), List.of("start", "h", "a", "a"),
            List.of("start", "h", " a"), List.of("start", "h", "a", "--bogus"), List.of("start-handler"),
            List.of("start-handler", "nobody"), List.of("start-handler", "h", "extra"),
            List.of("start-all", "extra"), List.of("stop"), List.of("stop", "h"), List.of("stop", "h", "zzz"),
            List.of("stop-handler", "nobody"), List.of("stop-all", "x"), List.of("enable"),
            List.of("enable", "nobody"), List.of("enable", "h", "zzz"), List.of("disable", "h", "a", "b"),
            List.of("activate"), List.of("deactivate", "nobody"), List.of("update", "nobody"),
            List.of("items"), List.of("items", "nobody"), List.of("request"), List.of("request", "abc"),
            List.of("request", "0"), List.of("request", "999"), List.of("follow", "-1"), List.of("wait"),
            List.of("wait", "1", "soon"), List.of("events", "--level", "LOUD"), List.of("events", "--limit", "-3"),
            List.of("events", "--handler", LONG), List.of("events", "stray"), List.of("requests", "--state", "DONE"),
            List.of("requests", "--limit", "0"), List.of("requests", "--handler", LONG),
            List.of("requests", "--handler", ""), List.of("conflicts", LONG), List.of("conflicts", "h", "a", "b"),
            List.of("resolve"), List.of("resolve", "h"), List.of("resolve", "h", "c1"),
            List.of("resolve", "h", "c1", "--keep-recent", "--remove"), List.of("resolve", "h", "c1", "--keep", "first"),
            List.of("resolve", "h", "c1", "--keep", "-1"), List.of("resolve", "h", "c1", "--keep", "0="),
            List.of("resolve", "h", "c1", "--keep-other"), List.of("resolve", "h", "c1", "--keep-other", " "),
            List.of("resolve", "h", "c1", "c1", "--remove"), List.of("resolve", "h", "", "--remove"),
            List.of("resolve", "nobody", "c1", "--keep-recent"), List.of("resolve", "h", "c1", "--keep-recent"),
            List.of("resolve", "h", "c1", "--all"), List.of("resolve", LONG, "c1", "--remove"),
            List.of("history", "--state", "PENDING"), List.of("history", "--last", "yesterday"),
            List.of("history", "--last", "0m"), List.of("history", "--limit", "0"), List.of("history", "--handler", LONG),
            List.of("backoffs", "h"), List.of("retry", "h"), List.of("retry", "nobody", "a"),
            List.of("retry", "h", "a"), List.of("giveup", "h", LONG), List.of("schedules", "a", "b"),
            List.of("schedules", "nosuch"), List.of("schedule", "s", "h"),
            List.of("schedule", "s", "h", "--every", "1h", "--cron", "0 0 3 * * ?"),
            List.of("schedule", "s", "h", "--every", "15 minutes"), List.of("schedule", "s", "h", "--every", "0s"),
            List.of("schedule", "s", "h", "--every", "1h", "--zone", "UTC"),
            List.of("schedule", "s", "h", "--cron", "0 0 3 * *"),
            List.of("schedule", "s", "h", "--cron", "0 0 3 * * ?", "--zone", "Mars/Olympus"),
            List.of("schedule", LONG, "h", "--every", "1h"), List.of("schedule", "s", "h", "a", "a", "--every", "1h"),
            List.of("unschedule"), List.of("unschedule", "nosuch"),
            List.of("load", "h"), List.of("load", "h", "many", "a"), List.of("load", "h", "0", "a"),
            List.of("load", "h", "5", "a", "--in-flight", "0"), List.of("vm", "--fast"),
            List.of("no-such-command"));

    @Test
    void c1_c7_everyBadShellInputGetsOneLineAndANonZeroStatusAndChangesNothing() throws Exception {
        engine.handlerAdded(new HandlerRef(1, 0, "h", "test 1", new SyncHandler() {
            public String name() {
                return "Test handler";
            }

            public List<SyncItem> items() {
                return List.of(SyncItem.of("a", "A"), SyncItem.of("b", "B"));
            }

            public void synchronize(List<String> ids, SyncCallback cb, Object ctx, long req) {
            }
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.handler("h").isPresent());
        SyncCommands commands = new SyncCommands(engine, id -> 0, Duration.ofMillis(1));
        StringBuilder doc = new StringBuilder();
        doc.append("# Shell: bad input and what it gets\n\n")
                .append("Generated by `control-shell/src/test/java/dev/synccenter/shell/ShellBadInputTableTest.java`")
                .append(" against the real engine, which knows one handler `h` with items `a` and `b`; the test")
                .append(" fails when this file differs from what the shell answers. Every case prints one line and")
                .append(" ends with a non-zero status (1: refused or bad input; `bin/sync` exits with it), and")
                .append(" nothing is queued. `xxx…` stands for an ID of 64 characters. For the control service's own")
                .append(" arguments see [BAD-INPUT.md](BAD-INPUT.md).\n\n")
                .append("| Command line | Status | Message |\n|---|---|---|\n");
        for (List<String> c : CASES) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            String message;
            int status;
            try {
                commands.execute(c.get(0), c.subList(1, c.size()), new PrintStream(bytes, true, StandardCharsets.UTF_8));
                message = "(accepted: a bug)";
                status = ExitStatus.OK;
            } catch (RuntimeException e) {
                message = ExitStatus.message(e);
                status = ExitStatus.of(e);
            }
            assertThat(message).as("%s answers one line", c).doesNotContain("\n");
            assertThat(status).as("%s: %s", c, message).isNotEqualTo(ExitStatus.OK);
            // Quoted as at the endpoint where an argument is empty or has spaces ('' and '0 0 3 * * ?').
            String line = "sync:" + String.join(" ", c.stream().map(a -> a.isEmpty() || a.contains(" ") ? "'" + a + "'"
                    : a).toList())
                    .replace(LONG, "xxx…");
            doc.append("| `").append(line.replace("|", "\\|")).append("` | ").append(status).append(" | ")
                    .append(message.replace(LONG, "xxx…").replace("|", "\\|")).append(" |\n");
        }
        assertThat(engine.requests()).as("nothing queued").isEmpty();
        assertThat(engine.schedules()).as("nothing scheduled").isEmpty();
        String expected = doc.toString();
        if (Boolean.getBoolean("badinput.write")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/SHELL-BAD-INPUT.md is stale: regenerate it with -Dbadinput.write=true").isEqualTo(expected);
    }

}
