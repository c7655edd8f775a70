package dev.synccenter.distribution;

import static dev.synccenter.distribution.ConsoleTerminal.CTRL_C;
import static dev.synccenter.distribution.ConsoleTerminal.CTRL_D;
import static dev.synccenter.distribution.ConsoleTerminal.ENTER;
import static dev.synccenter.distribution.ConsoleTerminal.TAB;
import static dev.synccenter.distribution.ConsoleTerminal.UP;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.synccenter.testsupport.Poll;

/**
 * The console of the real distribution, {@code bin/sync-center --console} on a pseudo-terminal
 * (util-linux's {@code script}), typed at as a person would: {@code help} and {@code help
 * sync:start} describe the commands, Tab lists and completes handler and item IDs, Ctrl-C ends a
 * waiting command and not the platform, a refused command prints the line bin/sync prints, the Up
 * arrow recalls earlier lines, the history outlives a restart in data/console.history, and Ctrl-D
 * stops the platform.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleIT {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration ANSWER = Duration.ofSeconds(20);
    private static final String HISTORY = "data/console.history";
    private static final String DEMO_BUNDLE = "dev.synccenter.sample.demo";
    /** felix:start takes bundle IDs or locations: the bundle, found by its name, is started by a script. */
    private static final String START_DEMO = "each ($.context bundles) { if { ($it symbolicName) equals "
            + DEMO_BUNDLE + " } { $it start } }";

    private final Path template = Path.of(System.getProperty("dist.dir", "target/sync-center"));
    private final Path work = Path.of(System.getProperty("it.work.dir", "target/it-work"));

    private Distribution dist;
    private ConsoleTerminal console;

    @BeforeAll
    void startConsole() throws Exception {
        dist = Distribution.startConsole(template, work.resolve("console"));
        dist.awaitReady(STARTUP);
        console = new ConsoleTerminal(dist);
        awaitPrompt();
    }

    @AfterAll
    void stop() {
        if (dist != null) {
            dist.close();
        }
    }

    /** The profile's greeting, then the prompt: the shell reads the keyboard. */
    private void awaitPrompt() {
        console.await("the console's greeting and prompt",
                "Sync Center console: help lists the sync: commands(.|\\n)*g! ", STARTUP);
    }

    @Test
    void aPersonAtTheConsoleGetsHelpCompletionClearErrorsAndHistory() throws Exception {
        // help: every sync: command with its description, the same table bin/sync's help prints
        console.type("help" + ENTER);
        String help = console.answer("help's list", "gogo:help lists every command of this console", ANSWER);
        List<String> rows = dist.ok("help").lines();
        assertThat(rows).hasSizeGreaterThan(30).first().asString().matches("COMMAND +DESCRIPTION");
        assertThat(help.lines().toList()).containsSubsequence(rows);
        assertThat(help).containsPattern("(?m)^sync:start +sync some items of a handler; prints the request ID$");

        console.type("help sync:start" + ENTER);
        String start = console.answer("help sync:start", "(?m)^role: OPERATOR$", ANSWER);
        assertThat(start).contains("usage: sync:start <handler> <item>... [--ignore-if-syncing]\n"
                + "sync some items of a handler; prints the request ID\n");

        // Tab: the handler IDs, then a unique prefix completed, then that handler's item IDs
        console.type("sync:start ").type(TAB);
        console.await("Tab to list the handler IDs", "demo +folders", ANSWER);
        console.type("d" + TAB).type(TAB);
        console.await("Tab to list demo's items", "alpha +beta +gamma", ANSWER);
        console.type("alpha" + ENTER);
        console.answer("the request ID of the completed line", "(?m)^\\d+$", ANSWER);

        // Ctrl-C ends a command that waits, not the platform: a request parked while its handler's bundle
        // is stopped (a framework command, at the same console) is followed, Ctrl-C ends follow, and the
        // request runs once the bundle is back
        console.type("felix:stop " + DEMO_BUNDLE + ENTER);
        console.answer("the demo bundle to stop", "", ANSWER);
        console.type("sync:start demo beta" + ENTER);
        Matcher id = Pattern.compile("(?m)^(\\d+)$").matcher(console.answer("a parked request", "(?m)^\\d+$", ANSWER));
        assertThat(id.find()).isTrue();
        console.type("sync:follow " + id.group(1) + ENTER);
        console.await("follow to show the parked request", "request " + id.group(1) + " PARKED", ANSWER);
        console.type(CTRL_C);
        console.answer("Ctrl-C to end follow", "", ANSWER);
        console.type(START_DEMO + ENTER);
        console.answer("the demo bundle to start", "", ANSWER);
        console.type("sync:wait " + id.group(1) + " 60" + ENTER);
        console.answer("the parked request to run", "request " + id.group(1) + " DONE SUCCEEDED", ANSWER);

        // log: Gogo's log command reads the OSGi Log Service (Felix Log), which has the platform's
        // entries: FileInstall started the demo handler's jar from handlers/
        console.type("log 1000 info" + ENTER);
        assertThat(console.answer("the log's entries", "Started bundle: file:.*demo-handler\\.jar", ANSWER))
                .doesNotContain("unavailable");

        // a refused command: the one line bin/sync prints for it, no exception class
        Distribution.Answer byClient = dist.client("start", "nosuch", "x");
        assertThat(byClient.status()).isEqualTo(1);
        String refusal = byClient.lines().get(0);
        assertThat(refusal).isEqualTo("error: handlerId: no handler 'nosuch' is registered or parked");
        console.type("sync:start nosuch x" + ENTER);
        String refused = console.answer("the refusal", Pattern.quote(refusal), ANSWER);
        assertThat(refused).doesNotContain("Exception");
        console.type("sync:wait" + ENTER);
        assertThat(console.answer("bad input", "(?m)^error: .*$", ANSWER)).contains(
                "error: wait: missing argument <id>; usage: wait <id> [timeout-seconds]").doesNotContain("Exception");

        // Up, Up, Enter: the line before the last one runs again (JLine redraws only what changes, so
        // what it runs is the proof)
        console.type(UP).type(UP).type(ENTER);
        assertThat(console.answer("Up, Up, Enter to run the refused line again", Pattern.quote(refusal), ANSWER))
                .doesNotContain("error: wait");
        assertThat(console.screen()).doesNotContain("EndOfFile").doesNotContain("EOF");

        // the lines are in the history file (as time:line), which the next start reads
        Path history = dist.home.resolve(HISTORY);
        List<String> typed = List.of("help", "help sync:start", "sync:start demo alpha",
                "felix:stop " + DEMO_BUNDLE, "sync:start demo beta", "sync:follow " + id.group(1),
                START_DEMO, "sync:wait " + id.group(1) + " 60", "log 1000 info", "sync:start nosuch x", "sync:wait",
                "sync:start nosuch x");
        Poll.until("the history file to have the lines typed", ANSWER, () -> Files.readAllLines(history).stream()
                .map(line -> line.split(":", 2)[1]).toList(), typed::equals);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history)))
                .as("the history is its user's only, though the test started it under umask 022")
                .isEqualTo("rw-------");

        // Ctrl-D stops the platform
        console.type(CTRL_D);
        assertThat(dist.process().waitFor(60, TimeUnit.SECONDS)).as("the console ended the platform").isTrue();
        assertThat(console.sinceLastKeys()).contains("gosh: stopping framework");
        assertThat(dist.process().exitValue()).as("the exit status after Ctrl-D").isZero();

        dist.relaunch().awaitReady(STARTUP);
        awaitPrompt();
        console.type(UP).type(ENTER);
        console.answer("Up, Enter after a restart to run the last line before it", Pattern.quote(refusal), ANSWER);
    }
}
