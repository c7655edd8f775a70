package dev.synccenter.distribution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.synccenter.testsupport.Poll;

/**
 * One running copy of the distribution, started with {@code bin/sync-center} as a separate process
 * from its own folder (a copy of target/sync-center), with its command endpoint on a free port and
 * short FileInstall poll intervals. {@link #close()} always ends the process.
 */
final class Distribution implements AutoCloseable {

    /** The answer to one command line: its output lines and its exit status. */
    record Answer(int status, List<String> lines) {
        String text() {
            return String.join("\n", lines);
        }

        @Override
        public String toString() {
            return "exit " + status + ": " + text();
        }
    }

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    /** Where control-security writes the first-start operator secrets in clear (C48). */
    static final String OPERATOR_TOKEN_FILE = "etc/security/operator.token";
    /** The demo handler's configuration file in etc/. */
    static final String DEMO_CFG = "dev.synccenter.sample.demo.cfg";
    /** In the text of an {@code etc} file given to {@link #start}: the endpoint's port, chosen at start. */
    static final String PORT = "${port}";

    final Path home;
    final int port;
    /** The HTTP API's port (org.osgi.service.http.port), free when the distribution started. */
    final int httpPort;
    private final Path console;
    /** Whether it runs with --console on a pseudo-terminal ({@link #startConsole}). */
    private final boolean terminal;
    private Process process;
    private Thread reaper;
    private String token;

    private Distribution(Path home, int port, int httpPort, boolean terminal) {
        this.home = home;
        this.port = port;
        this.httpPort = httpPort;
        this.console = home.resolve("console.out");
        this.terminal = terminal;
    }

    /**
     * Copies the distribution to {@code home}, applies the
     * test settings and {@code etc} (file name to content, added to etc/; {@link #PORT} in a content
     * stands for the endpoint's port), leaves out the files
     * {@code without} (paths in the distribution), and starts it.
     */
    static Distribution start(Path template, Path home, Map<String, String> etc, String... without)
            throws IOException {
        return start(template, home, etc, Map.of(), without);
    }

    /**
     * As {@link #start(Path, Path, Map, String...)}, with framework properties added at the end of
     * conf/config.properties, where they override the distribution's own.
     */
    static Distribution start(Path template, Path home, Map<String, String> etc, Map<String, String> framework,
            String... without) throws IOException {
        return start(template, home, etc, framework, false, without);
    }

    /**
     * As {@link #start(Path, Path, Map, String...)} with no etc files, but {@code bin/sync-center
     * --console} on a pseudo-terminal of 160 by 50 that util-linux's {@code script} makes: what the
     * console writes (escape sequences included) goes to {@link #consoleText()}, and what is
     * written to {@code process().getOutputStream()} is typed on its keyboard.
     */
    static Distribution startConsole(Path template, Path home) throws IOException {
        return start(template, home, Map.of(), Map.of(), true);
    }

    private static Distribution start(Path template, Path home, Map<String, String> etc,
            Map<String, String> framework, boolean terminal, String... without) throws IOException {
        copyTree(template, home);
        for (String file : without) {
            Files.delete(home.resolve(file));
        }
        int port = freePort();
        int httpPort = freePort();
        Distribution d = new Distribution(home, port, httpPort, terminal);
        d.replace("etc/dev.synccenter.shell.remote.cfg", "port=7654", "port=" + port);
        d.replace("conf/config.properties", "org.osgi.service.http.port=7655", "org.osgi.service.http.port=" + httpPort);
        d.replace("etc/org.apache.felix.fileinstall-handlers.cfg", "felix.fileinstall.poll=1000",
                "felix.fileinstall.poll=100");
        d.replace("conf/config.properties", "felix.fileinstall.poll=1000", "felix.fileinstall.poll=200");
        if (!etc.containsKey(DEMO_CFG)) {
            // The shipped pace (5 s an item) is for people watching; tests that bring no demo
            // configuration of their own run at the handler's defaults, as they always did.
            Files.writeString(home.resolve("etc").resolve(DEMO_CFG), "steps=5\nstep.millis=20\n");
        }
        for (Map.Entry<String, String> file : etc.entrySet()) {
            Files.writeString(home.resolve("etc").resolve(file.getKey()),
                    file.getValue().replace(PORT, String.valueOf(port)));
        }
        StringBuilder props = new StringBuilder("\n# added by the test\n");
        framework.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        Files.writeString(home.resolve("conf/config.properties"), props, java.nio.file.StandardOpenOption.APPEND);
        d.launch();
        return d;
    }

    /** Starts the process again in the same home, on the same port: a restart after a stop or a kill. */
    Distribution relaunch() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the distribution still runs");
        }
        Runtime.getRuntime().removeShutdownHook(reaper);
        launch();
        return this;
    }

    /** SIGKILL, as a crash: no shutdown hook, no deactivation, nothing flushed (C36, C37). */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly(); // SIGKILL on Linux
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the process did not end within 30 s of SIGKILL");
        }
    }

    private void launch() throws IOException {
        // Under a user's usual umask (022), so that the modes of what the platform writes are those users get.
        String script = home.resolve("bin/sync-center").toString();
        ProcessBuilder builder = terminal
                ? new ProcessBuilder("script", "-qfec", "stty cols 160 rows 50 && umask 022 && exec '" + script
                        + "' --console", "/dev/null")
                : new ProcessBuilder("/bin/sh", "-c", "umask 022 && exec \"$0\"", script);
        builder.directory(home.getParent().toFile()) // any working directory will do
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
        builder.environment().put("JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        builder.environment().put("TERM", "xterm"); // the same terminal type wherever the test runs
        builder.environment().put("SHELL", "/bin/sh"); // what script runs its command with
        process = builder.start();
        // Even if the test JVM ends early (a failsafe timeout, Ctrl-C), the distribution goes with it.
        reaper = new Thread(process::destroyForcibly, "reap " + home.getFileName());
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Waits until the endpoint answers and the demo handler serves; fails early if the process died. */
    Distribution awaitReady(Duration timeout) {
        Poll.until("the distribution to serve the demo handler", timeout, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the process ended with " + process.exitValue() + ":\n"
                        + consoleText());
            }
            return command("sync:handlers");
        }, a -> a.status() == 0 && a.text().contains("SERVING") && a.text().contains("demo"));
        // Operator commands run once the audit trail records them (C51); it comes up beside the engine.
        Poll.until("the audit trail to record operator commands", timeout, () -> command("sync:audit --limit 1"),
                a -> a.status() == 0);
        return this;
    }

    /**
     * The operator's API token, from the file the platform writes at its first start (C48); an
     * IOException until it is there.
     */
    String operatorToken() throws IOException {
        if (token == null) {
            String t = operatorSecrets().get("token");
            if (t == null || t.isEmpty()) {
                throw new IOException(home.resolve(OPERATOR_TOKEN_FILE) + " has no token= line");
            }
            token = t;
        }
        return token;
    }

    /**
     * The first-start secrets in clear ({@code user}, {@code password}, {@code token}), read afresh
     * from {@link #OPERATOR_TOKEN_FILE} each time (a password reset rewrites it); an IOException
     * until the file is there. Its lines are {@code key=value}, comments start with #.
     */
    Map<String, String> operatorSecrets() throws IOException {
        Map<String, String> secrets = new HashMap<>();
        for (String line : Files.readAllLines(home.resolve(OPERATOR_TOKEN_FILE))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                secrets.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return secrets;
    }

    /** Runs one command line through the command endpoint, as the operator. */
    Answer command(String line) throws IOException {
        return raw("token " + operatorToken() + "\n" + line + "\n");
    }

    /** Sends exactly {@code text} to the command endpoint and reads the answer up to its exit status. */
    Answer raw(String text) throws IOException {
        String line = text.lines().reduce((a, b) -> b).orElse("");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout((int) COMMAND_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.shutdownOutput(); // all it will send: the endpoint need not wait for more
            List<String> lines = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    lines.add(l);
                }
            }
            if (lines.isEmpty() || !lines.get(lines.size() - 1).startsWith("exit: ")) {
                throw new IOException("no exit status in the answer to '" + line + "': " + lines);
            }
            int status = Integer.parseInt(lines.remove(lines.size() - 1).substring("exit: ".length()));
            return new Answer(status, lines);
        }
    }

    /** Like {@link #command(String)}, and fails unless the status is 0. */
    Answer ok(String line) throws IOException {
        Answer answer = command(line);
        if (answer.status() != 0) {
            throw new AssertionError("'" + line + "' failed: " + answer);
        }
        return answer;
    }

    /** Runs bin/sync with the arguments; returns its output and exit status. */
    Answer client(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/sync").toString(), "-p",
                String.valueOf(port)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/sync did not end: " + out);
        }
        List<String> lines = out.isEmpty() ? List.of() : List.of(out.split("\n"));
        return new Answer(p.exitValue(), lines);
    }

    /** The distribution's folder. */
    Path home() {
        return home;
    }

    Process process() {
        return process;
    }

    String consoleText() {
        try {
            return Files.exists(console) ? Files.readString(console) : "";
        } catch (IOException e) {
            return "(console unreadable: " + e + ")";
        }
    }

    String logText() throws IOException {
        Path log = home.resolve("logs/sync-center.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Puts a jar into handlers/ atomically: written beside handlers/, then moved (toolchain trap 12). */
    void dropHandler(Path jar, String name) throws IOException {
        Path staging = Files.createDirectories(home.resolve("staging"));
        Path temp = Files.createTempFile(staging, name, ".part");
        Files.copy(jar, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, home.resolve("handlers").resolve(name), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Sends SIGTERM and waits for the process to end; returns its exit status. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the process did not end within " + timeout + " of SIGTERM:\n"
                    + consoleText());
        }
        return process.exitValue();
    }

    /** Ends the process whatever state it is in. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    void replace(String file, String from, String to) throws IOException {
        Path path = home.resolve(file);
        String text = Files.readString(path);
        if (!text.contains(from)) {
            throw new IllegalStateException(file + " has no '" + from + "'");
        }
        Files.writeString(path, text.replace(from, to));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            deleteTree(to);
        }
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(dir);
                if (rel.toString().equals("etc/security")) {
                    return FileVisitResult.SKIP_SUBTREE; // its credentials: each copy makes its own
                }
                if (rel.toString().equals("felix-cache") || rel.toString().equals("logs")) {
                    Files.createDirectories(to.resolve(rel));
                    return FileVisitResult.SKIP_SUBTREE; // left behind by someone running target/sync-center
                }
                Files.createDirectories(to.resolve(rel));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
