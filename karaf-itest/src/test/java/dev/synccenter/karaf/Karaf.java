package dev.synccenter.karaf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apache Karaf, run as its own process from a copy of the unpacked tar.gz: its ports chosen
 * free (ssh, RMI registry and server, Felix HTTP), a user of its own with a random password (Karaf
 * ships none enabled), and Maven resolution offline from the test's repository folder only, so that
 * nothing comes from the network or from ~/.m2.
 */
final class Karaf implements AutoCloseable {

    final Path home;
    final String user = "it-operator";
    final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    final int sshPort;
    final int httpPort;
    private final int rmiRegistryPort;
    private final int rmiServerPort;
    private Process process;

    private Karaf(Path home) throws IOException {
        this.home = home;
        int[] ports = freePorts(4);
        sshPort = ports[0];
        httpPort = ports[1];
        rmiRegistryPort = ports[2];
        rmiServerPort = ports[3];
    }

    /**
     * Copies the unpacked Karaf into {@code home} (emptied first) and configures it.
     *
     * @param repository a Maven repository folder (repository layout) with the bundles Karaf's own
     *                   system/ lacks
     * @param etc        more files for etc/, name to content
     */
    static Karaf prepare(Path unpacked, Path home, Path repository, Map<String, String> etc) throws IOException {
        deleteTree(home);
        Files.createDirectories(home.getParent());
        copyTree(unpacked, home);
        try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
            scripts.forEach(script -> script.toFile().setExecutable(true, true));
        }
        Karaf karaf = new Karaf(home);
        karaf.configure(repository, etc);
        return karaf;
    }

    private void configure(Path repository, Map<String, String> etc) throws IOException {
        Path dir = home.resolve("etc");
        Files.writeString(dir.resolve("users.properties"), user + " = " + password + ",_g_:admingroup\n"
                + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n");
        replaceKeys(dir.resolve("org.apache.karaf.shell.cfg"), Map.of("sshPort", "" + sshPort, "sshHost", "127.0.0.1"));
        replaceKeys(dir.resolve("org.apache.karaf.management.cfg"),
                Map.of("rmiRegistryPort", "" + rmiRegistryPort, "rmiServerPort", "" + rmiServerPort));
        // Karaf's own system/ and the test's repository; no remote repository, offline, and a local
        // repository inside this Karaf (never ~/.m2).
        Files.writeString(dir.resolve("org.ops4j.pax.url.mvn.cfg"), String.join("\n",
                "org.ops4j.pax.url.mvn.certificateCheck=true",
                "org.ops4j.pax.url.mvn.useFallbackRepositories=false",
                "org.ops4j.pax.url.mvn.offline=true",
                "org.ops4j.pax.url.mvn.localRepository=" + home.resolve("data/m2"),
                "org.ops4j.pax.url.mvn.defaultRepositories=${karaf.home.uri}${karaf.default.repository}"
                        + "@id=system.repository@snapshots, "
                        + repository.toUri() + "@id=synccenter-it@snapshots",
                "org.ops4j.pax.url.mvn.repositories=",
                ""));
        // Karaf's scr feature adds its JMX and bundle:list add-ons when the management and bundle
        // features are there (they are); Maven cannot give this test those two jars (their parent pom
        // is not served), so they are left out. A Karaf with network fetches them from Central.
        Files.writeString(dir.resolve("org.apache.karaf.features.xml"), String.join("\n",
                "<featuresProcessing xmlns=\"http://karaf.apache.org/xmlns/features-processing/v1.0.0\">",
                "  <blacklistedBundles>",
                "    <bundle>mvn:org.apache.karaf.scr/org.apache.karaf.scr.management/4.4.10</bundle>",
                "    <bundle>mvn:org.apache.karaf.scr/org.apache.karaf.scr.state/4.4.10</bundle>",
                "  </blacklistedBundles>",
                "</featuresProcessing>",
                ""));
        Files.writeString(dir.resolve("org.apache.felix.http.cfg"), "org.apache.felix.http.host=127.0.0.1\n"
                + "org.osgi.service.http.port=" + httpPort + "\norg.apache.felix.http.enable=true\n");
        for (Map.Entry<String, String> file : etc.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
    }

    /** Starts {@code bin/karaf server} (no console), its output into {@code console.log}. */
    void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("console.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::kill));
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Karaf's log (pax-logging's rolling file). */
    String log() throws IOException {
        Path log = home.resolve("data/log/karaf.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Copies a jar into deploy/ atomically: written beside it first, then moved in by rename. */
    void deploy(Path jar, String name) throws IOException {
        Path staging = Files.createDirectories(home.resolve("staging"));
        Path temp = Files.createTempFile(staging, name, ".part");
        Files.copy(jar, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, home.resolve("deploy").resolve(name), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** SIGTERM (Karaf stops its framework), then, if it is still there, the whole process tree by force. */
    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
        for (ProcessHandle child : tree) {
            child.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> child).join();
        }
    }

    private void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static void replaceKeys(Path file, Map<String, String> values) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().map(line -> {
            for (Map.Entry<String, String> value : values.entrySet()) {
                if (line.matches("\\s*" + value.getKey() + "\\s*=.*")) {
                    return value.getKey() + " = " + value.getValue();
                }
            }
            return line;
        }).toList();
        for (String key : values.keySet()) {
            if (lines.stream().noneMatch(l -> l.startsWith(key + " = "))) {
                throw new IllegalStateException(file + " has no line for " + key + " to replace");
            }
        }
        Files.write(file, lines);
    }

    private static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(path -> {
                try {
                    Files.copy(path, to.resolve(from.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** How long a command may take at most; Karaf's first start and feature installs are the slow ones. */
    static final Duration FIRST_START = Duration.ofSeconds(120);
}
