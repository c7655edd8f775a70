package dev.synccenter.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Maven as a user runs it, in a child process, for {@link HandlerArchetypeIT}: with a settings
 * file whose active profile adds two file: repositories, the reactor's artifacts staged in
 * repository layout (target/it-repo) first and the outer build's local repository second (releases
 * only, for plugins and libraries), and a local repository of its own. So the child resolves
 * nothing from an mvn install, writes nothing into the outer local repository, and needs no network
 * when the outer build ran offline (then it runs with -o, and file: repositories stay allowed).
 */
final class ChildMaven {

    /** A finished run: its exit status and everything it printed. */
    record Run(int status, String output) {
    }

    private static final Duration LIMIT = Duration.ofMinutes(5);

    private final Path settings;
    private final Path localRepository;
    private final boolean offline;
    private final Path logs;

    private ChildMaven(Path settings, Path localRepository, boolean offline, Path logs) {
        this.settings = settings;
        this.localRepository = localRepository;
        this.offline = offline;
        this.logs = logs;
    }

    /**
     * Writes the settings file into {@code dir}, which also holds the child's local repository
     * ({@code dir/m2}) and its logs ({@code dir/logs}); removes what a previous run left there.
     */
    static ChildMaven in(Path dir, Path reactorRepo, Path outerRepo, boolean offline) throws IOException {
        Distribution.deleteTree(dir);
        Files.createDirectories(dir);
        if (!Files.isDirectory(reactorRepo.resolve("dev/synccenter/handler-archetype"))) {
            throw new IllegalStateException("it.repo.dir: " + reactorRepo + " holds no staged handler-archetype; "
                    + "run the distribution's build through pre-integration-test");
        }
        String repos = repository("repository", "synccenter-reactor", reactorRepo, true)
                + repository("repository", "outer-local", outerRepo, false);
        String pluginRepos = repository("pluginRepository", "synccenter-reactor", reactorRepo, true)
                + repository("pluginRepository", "outer-local", outerRepo, false);
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <profiles>
                    <profile>
                      <id>handler-archetype-it</id>
                      <repositories>
                %s      </repositories>
                      <pluginRepositories>
                %s      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles>
                    <activeProfile>handler-archetype-it</activeProfile>
                  </activeProfiles>
                </settings>
                """.formatted(repos, pluginRepos));
        return new ChildMaven(settings, dir.resolve("m2"), offline, Files.createDirectories(dir.resolve("logs")));
    }

    /** Runs {@code mvn} with the arguments in {@code dir}; its output also goes to {@code logs/<logName>.log}. */
    Run run(Path dir, String logName, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable(), "-B", "-s", settings.toString(),
                "-Dmaven.repo.local=" + localRepository));
        if (offline) {
            // As the outer build: no network. Resolver's offline mode blocks file: too unless told otherwise.
            command.addAll(List.of("-o", "-Daether.offline.protocols=file"));
        }
        command.addAll(List.of(args));
        Path log = logs.resolve(logName + ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not end within " + LIMIT + "; its output is in "
                    + log);
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The Maven that runs this build (maven.home), or mvn from the PATH. */
    private static String executable() {
        String home = System.getProperty("it.maven.home", "");
        Path mvn = Path.of(home, "bin", "mvn");
        return !home.isEmpty() && Files.isExecutable(mvn) ? mvn.toString() : "mvn";
    }

    private static String repository(String element, String id, Path dir, boolean snapshots) {
        String url = dir.toAbsolutePath().toUri().toString();
        // The outer repository's snapshots are never used: an old mvn install there must not stand in
        // for this build's artifacts. (The staged snapshots have no maven-metadata.xml, so the child
        // would keep a copy it resolved before whatever the update policy: in() starts it afresh.)
        String snapshotPolicy = snapshots ? "<enabled>true</enabled><updatePolicy>always</updatePolicy>"
                : "<enabled>false</enabled>";
        return """
                        <%1$s>
                          <id>%2$s</id>
                          <url>%3$s</url>
                          <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
                          <snapshots>%4$s<checksumPolicy>ignore</checksumPolicy></snapshots>
                        </%1$s>
                """.formatted(element, id, url, snapshotPolicy);
    }
}
