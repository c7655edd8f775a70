package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.SyncArgumentException;

/**
 * Keeps docs/BAD-INPUT.md equal to what the control service really answers to every case of
 * {@link BadInputTest#cases()} (C1, C7). After a deliberate change of a message, regenerate it with
 * {@code mvn test -pl control-impl -Dtest=BadInputTableTest -Dbadinput.write=true}.
 */
class BadInputTableTest extends EngineFixture {

    static final Path DOC = Path.of("..", "docs", "BAD-INPUT.md");

    // C1, C7
    @Test
    void c1_c7_theBadInputTableInTheDocsIsWhatTheServiceAnswers() throws IOException {
        register("h", new TestHandler("a", "b"));
        StringBuilder doc = new StringBuilder();
        doc.append("# Bad input: every argument, what was tried, what it gets\n\n")
                .append("Generated from `control-impl/src/test/java/dev/synccenter/impl/engine/BadInputTest.java`")
                .append(" and checked by `BadInputTableTest`, so it cannot drift from the code. The control")
                .append(" service knows one handler `h` with items `a` and `b`. Every call below is refused with")
                .append(" `SyncArgumentException` naming the argument, and afterwards nothing is queued, no result")
                .append(" is delivered and no state changed (C1, C7). The shell's commands have their own table:")
                .append(" [SHELL-BAD-INPUT.md](SHELL-BAD-INPUT.md).\n\n")
                .append("| Operation | Argument | Tried | Message |\n|---|---|---|---|\n");
        for (BadInputTest.Case c : BadInputTest.cases()) {
            String message;
            try {
                c.call().apply(engine);
                message = "(accepted: a bug)";
            } catch (SyncArgumentException e) {
                message = e.getMessage();
            }
            doc.append("| `").append(c.operation()).append("` | `").append(c.argument()).append("` | ")
                    .append(c.value()).append(" | ").append(message.replace("|", "\\|")).append(" |\n");
        }
        String expected = doc.toString();
        if (Boolean.getBoolean("badinput.write")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/BAD-INPUT.md is stale: regenerate it with -Dbadinput.write=true").isEqualTo(expected);
    }
}
