package dev.synccenter.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;

import dev.synccenter.control.SyncArgumentException;

/** The endpoint's protocol, against a fake command processor: output, then "exit: <status>". */
class RemoteEndpointTest {

    /** A processor whose sessions print for "ok", refuse "bad" and fail on anything else. */
    private static CommandProcessor processor(List<String> scopes) {
        return new CommandProcessor() {
            @Override
            public CommandSession createSession(java.io.InputStream in, OutputStream out, OutputStream err) {
                PrintStream print = (PrintStream) out;
                return (CommandSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {CommandSession.class}, (proxy, method, args) -> {
                            switch (method.getName()) {
                                case "put" -> scopes.add(args[0] + "=" + args[1]);
                                case "execute" -> {
                                    String line = args[0].toString();
                                    if (line.equals("ok")) {
                                        print.println("hello");
                                        return null;
                                    }
                                    if (line.equals("bad")) {
                                        throw new SyncArgumentException("itemIds[0]", "must not be empty (C1)");
                                    }
                                    throw new IllegalStateException("it broke");
                                }
                                default -> {
                                    // close and the rest: nothing to do
                                }
                            }
                            return null;
                        });
            }

            @Override
            public CommandSession createSession(CommandSession parent) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static RemoteConfig config(int port) {
        return (RemoteConfig) Proxy.newProxyInstance(RemoteConfig.class.getClassLoader(),
                new Class<?>[] {RemoteConfig.class},
                (proxy, method, args) -> method.getName().equals("port") ? port : method.getDefaultValue());
    }

    @Test
    void answersEndWithTheExitStatus() throws Exception {
        List<String> scopes = new ArrayList<>();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        RemoteEndpoint endpoint = new RemoteEndpoint(processor(scopes), config(port));
        try {
            assertThat(ask(port, "ok")).containsExactly("hello", "exit: 0");
            assertThat(ask(port, "bad")).containsExactly("error: itemIds[0]: must not be empty (C1)", "exit: 1");
            assertThat(ask(port, "boom")).containsExactly("error: it broke", "exit: 2");
            assertThat(ask(port, "   ")).containsExactly("error: empty command line; try: help", "exit: 1");
            assertThat(scopes).contains("SCOPE=sync:*");
        } finally {
            endpoint.deactivate();
        }
        try (Socket refused = new Socket()) {
            assertThat(connects(refused, port)).as("closed after deactivate").isFalse();
        }
    }

    @Test
    void portZeroTurnsTheEndpointOff() {
        RemoteEndpoint endpoint = new RemoteEndpoint(processor(new ArrayList<>()), config(0));
        endpoint.deactivate(); // nothing to close, nothing thrown
    }

    private static List<String> ask(int port, String line) throws IOException {
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
            socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
