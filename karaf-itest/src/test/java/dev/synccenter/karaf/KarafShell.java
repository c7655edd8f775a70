package dev.synccenter.karaf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * Karaf's ssh shell, as an operator reaches it: one authenticated ssh session per command line,
 * run in an exec channel (what {@code bin/client "<command>"} does), answered with its output and
 * exit status. Karaf ends the whole ssh session when an exec command ends, hence a session each.
 * Safe for several threads.
 */
final class KarafShell implements AutoCloseable {

    /** One command's answer: exit status, standard output and standard error, without carriage returns. */
    record Answer(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "status " + status + ", out:\n" + out + (err.isEmpty() ? "" : "\nerr:\n" + err);
        }
    }

    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[;\\d]*m");

    private final SshClient client;
    private final int port;
    private final String user;
    private final String password;

    private KarafShell(SshClient client, int port, String user, String password) {
        this.client = client;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /**
     * Logs in once with a password, to see that Karaf's ssh server lets the user in. The host key is
     * the one this Karaf made at its first start, minutes ago, so it is accepted as it comes.
     */
    static KarafShell login(int port, String user, String password) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        KarafShell shell = new KarafShell(client, port, user, password);
        try {
            shell.session().close();
            return shell;
        } catch (IOException | RuntimeException e) {
            client.stop();
            throw e;
        }
    }

    private ClientSession session() throws IOException {
        ClientSession session = client.connect(user, "127.0.0.1", port).verify(Duration.ofSeconds(10)).getSession();
        try {
            session.addPasswordIdentity(password);
            session.auth().verify(Duration.ofSeconds(15));
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Runs one command line in a new shell session of Karaf's; waits at most {@code timeout}. */
    Answer run(String command, Duration timeout) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ClientSession session = session(); ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(Duration.ofSeconds(10));
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            if (!events.contains(ClientChannelEvent.CLOSED)) {
                throw new IOException("'" + command + "' did not end within " + timeout + "; output so far:\n" + out);
            }
            Integer status = channel.getExitStatus();
            return new Answer(status == null ? -1 : status, text(out), text(err));
        }
    }

    Answer run(String command) throws IOException {
        return run(command, Duration.ofSeconds(60));
    }

    /** Runs a command that must succeed (status 0; Karaf writes its errors to standard output too). */
    Answer ok(String command) throws IOException {
        Answer answer = run(command);
        if (answer.status() != 0) {
            throw new AssertionError("'" + command + "' failed: " + answer);
        }
        return answer;
    }

    private static String text(ByteArrayOutputStream bytes) {
        // Karaf colours its error lines; the tests read plain text.
        return ANSI_ESCAPE.matcher(bytes.toString(StandardCharsets.UTF_8).replace("\r", "")).replaceAll("");
    }

    @Override
    public void close() {
        client.stop();
    }
}
