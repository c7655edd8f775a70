package dev.synccenter.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void splitsOnBlanksAndKeepsQuotedTextAsItIs() {
        assertThat(CommandLine.parse("  start\tdemo  alpha ")).isEqualTo(new CommandLine("start", List.of("demo", "alpha")));
        assertThat(CommandLine.parse("start demo 'my item' '' ' lead'").args())
                .containsExactly("demo", "my item", "", " lead");
        assertThat(CommandLine.parse("start demo \"a \\\"b\\\" \\\\ c\" x\\ y it's'").args())
                .as("double quotes with escapes, a backslash outside quotes, a quote inside a word")
                .containsExactly("demo", "a \"b\" \\ c", "x y", "its");
        assertThat(CommandLine.parse("start demo '$(felix:stop 0)'").args()).containsExactly("demo", "$(felix:stop 0)");
    }

    @Test
    void theSyncScopeMayBeLeftOutAndNoOtherIsAccepted() {
        assertThat(CommandLine.parse("sync:handlers").name()).isEqualTo("handlers");
        assertThat(CommandLine.parse("handlers").name()).isEqualTo("handlers");
        assertThatThrownBy(() -> CommandLine.parse("felix:start demo alpha")).isInstanceOf(UsageException.class)
                .hasMessage("only sync: commands run here, 'felix:start' is not one; try: help");
        assertThatThrownBy(() -> CommandLine.parse("gogo:exit")).isInstanceOf(UsageException.class);
    }

    @Test
    void anEmptyLineOrAnOpenQuoteIsRefused() {
        assertThatThrownBy(() -> CommandLine.parse(" \t")).hasMessage("empty command line; try: help");
        assertThatThrownBy(() -> CommandLine.parse("start demo \"alpha"))
                .hasMessage("the command line has a \" quote that is not closed");
    }
}
