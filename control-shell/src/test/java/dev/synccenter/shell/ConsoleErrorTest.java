package dev.synccenter.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What the Gogo console prints for a failed command (the exception's {@code toString()}) is the
 * line bin/sync prints for it: {@code error: } and the endpoint's one-line message.
 */
class ConsoleErrorTest {

    private final SyncCommands commands = new SyncCommands(new FakeControl(), id -> 0, Duration.ofMillis(1));
    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private RuntimeException failureOf(String command, String... args) {
        try {
            commands.execute(command, List.of(args), out);
        } catch (RuntimeException | InterruptedException e) {
            return e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        throw new AssertionError(command + " did not fail");
    }

    @Test
    void aRefusalBadInputAndAMissingServiceReadAsBinSyncsLine() {
        for (RuntimeException failure : List.of(failureOf("start", "nosuch", "x"), failureOf("wait"),
                failureOf("start", "demo", "x", "--bogus"), failureOf("token-list"))) {
            ConsoleError shown = new ConsoleError(failure);
            assertThat(shown.toString()).isEqualTo("error: " + ExitStatus.message(failure))
                    .doesNotContain("Exception").doesNotContain("\n");
            assertThat(shown).hasCause(failure);
        }
        assertThat(new ConsoleError(failureOf("wait")).toString())
                .isEqualTo("error: wait: missing argument <id>; usage: wait <id> [timeout-seconds]");
        assertThat(new ConsoleError(failureOf("token-list")).toString())
                .isEqualTo("error: the security service is not running (yet); see the platform's log");
    }

    @Test
    void aMessageWithLineBreaksStaysOneLine() {
        assertThat(new ConsoleError(new IllegalStateException("first\nsecond"))).hasToString("error: first second");
    }
}
