package dev.synccenter.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A usage line is the grammar of the command's arguments: help and parsing cannot drift apart. */
class UsageTest {

    @Test
    void requiredRepeatedAndOptionalArguments() {
        Usage start = new Usage("start <handler> <item>... [--ignore-if-syncing]");
        assertThat(start.name()).isEqualTo("start");
        Invocation in = start.parse(List.of("demo", "a", "--ignore-if-syncing", "b", "c"));
        assertThat(in.args(1)).containsExactly("a", "b", "c");
        assertThat(in.flag("ignore-if-syncing")).isTrue();
        assertThatThrownBy(() -> start.parse(List.of("demo"))).hasMessage(
                "start: missing argument <item>; usage: start <handler> <item>... [--ignore-if-syncing]");
        assertThatThrownBy(() -> start.parse(List.of("demo", "a", "--ignore-if-syncing=yes")))
                .hasMessageStartingWith("start: option --ignore-if-syncing takes no value");

        Usage conflicts = new Usage("conflicts [handler [item]]");
        assertThat(conflicts.parse(List.of()).size()).isZero();
        assertThat(conflicts.parse(List.of("h", "i")).size()).isEqualTo(2);
        assertThatThrownBy(() -> conflicts.parse(List.of("h", "i", "j")))
                .hasMessageStartingWith("conflicts: unexpected argument 'j'");
    }

    @Test
    void optionsWithAndWithoutValues() {
        Usage events = new Usage("events [--handler h] [--level INFORMATION|WARNING|ERROR] [--limit n] [--all]");
        Invocation in = events.parse(List.of("--handler=demo", "--limit", "5", "--all"));
        assertThat(in.option("handler")).isEqualTo("demo");
        assertThat(in.option("limit")).isEqualTo("5");
        assertThat(in.flag("all")).isTrue();
        assertThat(in.option("level")).isNull();
        assertThatThrownBy(() -> events.parse(List.of("--level"))).hasMessageStartingWith(
                "events: option --level needs a value");
        assertThatThrownBy(() -> events.parse(List.of("stray"))).hasMessageStartingWith(
                "events: unexpected argument 'stray'");
        assertThatThrownBy(() -> new Usage("help").parse(List.of("--x"))).hasMessage(
                "help: unknown option --x; usage: help");
    }
}
