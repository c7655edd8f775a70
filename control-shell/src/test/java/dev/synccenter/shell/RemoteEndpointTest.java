package dev.synccenter.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.synccenter.control.HandlerAvailability;
import dev.synccenter.control.HandlerSnapshot;
import dev.synccenter.control.HandlerType;

/** The endpoint's protocol, against the real commands on a fake control service. */
class RemoteEndpointTest {

    private final FakeControl control = new FakeControl();
    private final int port = freePort();
    private final RemoteEndpoint endpoint = new RemoteEndpoint(Map.of("port", String.valueOf(port)));

    RemoteEndpointTest() {
        control.handlers.add(new HandlerSnapshot("demo", "Demo handler", HandlerType.APPLICATION, "", "", null, true,
                true, true, Set.of(), Set.of(), List.of(), HandlerAvailability.SERVING, "demo 1.0.0", 0, 0, 0, 0));
        endpoint.commands = new SyncCommands(control, id -> 0, Duration.ofMillis(1)); // what DS injects
    }

    @AfterEach
    void close() {
        endpoint.deactivate();
    }

    @Test
    void answersEndWithTheExitStatus() throws Exception {
        assertThat(ask("sync:start demo alpha")).containsExactly("42", "exit: 0");
        assertThat(ask("start demo 'my item' \"say \\\"hi\\\"\"")).containsExactly("43", "exit: 0");
        assertThat(control.calls).containsExactly("startItemSync demo [alpha] []",
                "startItemSync demo [my item, say \"hi\"] []");
        assertThat(ask("start nosuch alpha")).containsExactly(
                "error: handlerId: no handler 'nosuch' is registered or parked", "exit: 1");
        control.fault = new IllegalStateException("it broke");
        assertThat(ask("stop-all")).containsExactly("error: it broke", "exit: 2");
    }

    @Test
    void badLinesAreRefusedWithOneLine() throws Exception {
        assertThat(ask("   ")).containsExactly("error: empty command line; try: help", "exit: 1");
        assertThat(ask("start demo 'alpha")).containsExactly(
                "error: the command line has a ' quote that is not closed", "exit: 1");
        assertThat(ask("nosuch")).containsExactly("error: unknown command 'nosuch'; try: help", "exit: 1");
        assertThat(control.calls).isEmpty();
    }

    /** Issue: with sync:start missing, "start demo alpha" reached Gogo's felix:start and exited 0. */
    @Test
    void onlySyncCommandsRunAndNothingFallsThroughToAnotherScope() throws Exception {
        assertThat(ask("felix:start demo")).containsExactly(
                "error: only sync: commands run here, 'felix:start' is not one; try: help", "exit: 1");
        endpoint.commands = null; // the control service went away: DS unbinds the commands
        assertThat(ask("start demo alpha")).containsExactly("error: " + RemoteEndpoint.NOT_READY,
                "exit: " + ExitStatus.NOT_READY);
        assertThat(ask("felix:lb")).last().isEqualTo("exit: 1");
        assertThat(control.calls).isEmpty();
    }

    @Test
    void closesItsPortWhenDeactivatedAndPortZeroTurnsItOff() throws Exception {
        endpoint.deactivate();
        try (Socket refused = new Socket()) {
            assertThat(connects(refused, port)).as("closed after deactivate").isFalse();
        }
        new RemoteEndpoint(Map.of("port", 0)).deactivate(); // nothing to close, nothing thrown
    }

    private List<String> ask(String line) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                lines.add(l);
            }
            return lines;
        }
    }

    private static boolean connects(Socket socket, int port) {
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
