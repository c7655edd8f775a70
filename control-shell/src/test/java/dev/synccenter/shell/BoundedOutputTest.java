package dev.synccenter.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class BoundedOutputTest {

    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();

    // C50: output is bounded; the last lines go past the bound, on a line of their own
    @Test
    void c50_writesUpToTheBoundThenThrowsAndTheSealedTailStillGetsThrough() throws Exception {
        BoundedOutput output = new BoundedOutput(raw, 10);
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        out.print("12345");
        assertThatThrownBy(() -> out.print("6789012345")).isInstanceOf(BoundedOutput.CutException.class);
        assertThat(output.cut()).isTrue();
        assertThat(output.written()).isEqualTo(10);
        assertThat(output.seal("exit: 2\n")).isTrue();
        assertThat(raw.toString(StandardCharsets.UTF_8)).isEqualTo("1234567890\nexit: 2\n");
        assertThat(output.seal("again\n")).as("sealed once").isFalse();
        assertThatThrownBy(() -> out.print("x")).isInstanceOf(BoundedOutput.CutException.class);
        assertThat(raw.toString(StandardCharsets.UTF_8)).isEqualTo("1234567890\nexit: 2\n");
    }

    @Test
    void c50_withinTheBoundNothingIsCutAndTheTailFollowsTheLastLine() throws Exception {
        BoundedOutput output = new BoundedOutput(raw, 100);
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        out.println("42");
        output.seal("exit: 0\n");
        assertThat(output.cut()).isFalse();
        assertThat(raw.toString(StandardCharsets.UTF_8)).isEqualTo("42\nexit: 0\n");
    }
}
