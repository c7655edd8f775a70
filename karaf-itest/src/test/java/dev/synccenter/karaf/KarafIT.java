package dev.synccenter.karaf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.synccenter.karaf.KarafShell.Answer;
import dev.synccenter.testsupport.Poll;

/**
 * The platform in a real Apache Karaf 4.4, started as its own process: the feature repository is
 * added by its mvn: URL and the features installed (on Karaf's own SCR, Configuration Admin and
 * logging); the sync:* commands answer in Karaf's ssh shell; the demo handler is deployed through
 * deploy/ and replaced there, v1 and v2 in turn, while start calls stream in, and every accepted
 * request ends with exactly one result (C17, C26 to C28); a plain jar dropped into deploy/ is still
 * wrapped into a bundle by Karaf.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KarafIT {

    private static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");
    private static final String DEMO_BSN = "dev.synccenter.sample.demo";
    private static final String DEMO_CFG = "steps=2\nstep.millis=5\nfailure.rate=0\nbehaviour=normal\n";
    private static final Pattern RESULTS_DELIVERED = Pattern.compile("(?m)^results delivered\\s+(\\d+)$");
    private static final Pattern RESULT = Pattern.compile("(?m)^result\\s+(\\w+)$");
    private static final List<String> OUR_BUNDLES = List.of("control-api", "control-impl", "control-security",
            "control-shell", "control-http", "control-console", "dev.synccenter.sample.folders");

    private final Path unpacked = Path.of(System.getProperty("karaf.unpacked", "target/karaf/apache-karaf-4.4.10"));
    private final Path repository = Path.of(System.getProperty("karaf.repo.dir", "target/karaf-repo"));
    private final Path jars = Path.of(System.getProperty("it.jars.dir", "target/it-jars"));
    private final Path work = Path.of(System.getProperty("it.work.dir", "target/it-work"));

    private Karaf karaf;
    private KarafShell shell;

    @BeforeAll
    void startKarafAndInstallTheFeatures() throws Exception {
        karaf = Karaf.prepare(unpacked, work.resolve("karaf"), repository,
                Map.of("dev.synccenter.sample.demo.cfg", DEMO_CFG));
        long started = System.nanoTime();
        karaf.start();
        shell = Poll.until("Karaf's ssh shell on port " + karaf.sshPort, Karaf.FIRST_START, () -> {
            if (!karaf.isAlive()) {
                throw new AssertionError("Karaf ended; see " + karaf.home.resolve("console.log"));
            }
            return KarafShell.login(karaf.sshPort, karaf.user, karaf.password);
        }, s -> true);
        // Karaf may still be installing its boot features when ssh answers: retry until it takes the repository.
        String repo = "mvn:dev.synccenter/karaf-features/" + VERSION + "/xml/features";
        Poll.until("feature:repo-add " + repo, Karaf.FIRST_START, () -> shell.run("feature:repo-add " + repo),
                a -> a.status() == 0);
        Answer install = shell.run("feature:install sync-center sync-center-postgresql sync-center-console"
                + " sync-center-folder-sync", Karaf.FIRST_START);
        assertThat(install.status()).as("feature:install: %s", install).isZero();
        assertThat(install.out() + install.err()).as("feature:install: %s", install)
                .doesNotContainIgnoringCase("error");
        Poll.until("the control service to answer sync:handlers with the folder-sync handler", Duration.ofSeconds(60),
                () -> shell.run("sync:handlers"), a -> a.status() == 0 && a.out().contains("folders"));
        System.out.printf("MEASURED: Karaf started and the features installed in %d ms%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    @AfterAll
    void stopKaraf() throws Exception {
        try {
            if (shell != null) {
                shell.close();
            }
        } finally {
            if (karaf != null) {
                karaf.close();
            }
        }
    }

    /** The features run on Karaf's own SCR, Configuration Admin and logging; the endpoint of bin/sync is off. */
    @Test
    @Order(1)
    void theFeaturesRunOnKarafsOwnServices() throws Exception {
        String features = shell.ok("feature:list -i").out();
        for (String feature : List.of("sync-center ", "sync-center-engine", "sync-center-shell", "sync-center-api",
                "sync-center-postgresql", "sync-center-http", "sync-center-console", "sync-center-folder-sync",
                "scr ")) {
            assertThat(features).as("installed features").contains(feature);
        }
        String bundles = shell.ok("bundle:list -s -t 0").out();
        for (String bundle : OUR_BUNDLES) {
            assertThat(line(bundles, bundle)).as("bundle %s in\n%s", bundle, bundles).contains("Active");
        }
        assertThat(line(bundles, "org.postgresql.jdbc")).as("PostgreSQL's driver").contains("Active");
        // One SCR, one Configuration Admin, Karaf's logging: the features bring no framework services of their own.
        assertThat(count(bundles, "org.apache.felix.scr")).as("SCR bundles in\n%s", bundles).isEqualTo(1);
        assertThat(count(bundles, "org.apache.felix.configadmin")).isEqualTo(1);
        assertThat(count(bundles, "org.apache.felix.fileinstall")).isEqualTo(1);
        assertThat(bundles).doesNotContain("slf4j.simple").doesNotContain("slf4j.api");

        // Our log lines go to Karaf's log (pax-logging): the store opened in control-impl's data area.
        String log = karaf.log();
        assertThat(log).containsPattern("SQLite store jdbc:sqlite:" + Pattern.quote(karaf.home.toAbsolutePath()
                .normalize().toString()) + "/data/cache/bundle\\d+/data/sync-center.db is open");
        // bin/sync's endpoint is off in Karaf (the feature's default): Karaf's ssh shell is the way in.
        assertThat(log).contains("Command endpoint is off (port=0");
        assertThat(log).doesNotContain("Command endpoint listening");
    }

    /**
     * Karaf's own client script, logged in as the test's user, runs sync: commands. In batch mode
     * (commands on standard input): Karaf 4.4.10 ends the ssh session of a command given as an
     * argument before its client has read the end, which then prints "Closed" and exits with 1
     * (karaf-features/README.md).
     */
    @Test
    @Order(2)
    void binClientRunsSyncCommands() throws Exception {
        Process client = new ProcessBuilder(karaf.home.resolve("bin/client").toString(), "-a", "" + karaf.sshPort,
                "-h", "127.0.0.1", "-u", karaf.user, "-p", karaf.password, "-r", "10", "-b")
                .redirectErrorStream(true).start();
        client.getOutputStream().write("sync:handlers\n".getBytes());
        client.getOutputStream().close();
        String output = new String(client.getInputStream().readAllBytes());
        assertThat(client.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(client.exitValue()).as("bin/client: %s", output).isZero();
        assertThat(output).containsPattern("(?m)^folders\\s+Folder sync\\s+SERVING");
        assertThat(shell.run("sync:start no-such-handler x").status()).as("a refused start").isNotZero();
        // sync:help points at what works in Karaf's shell, not at the distribution console's gogo:help
        assertThat(shell.ok("sync:help").out()).contains("sync:help <command> shows a command's usage")
                .doesNotContain("gogo:help");
    }

    /** The HTTP API and the web console, on Felix HTTP in Karaf: authenticated with the platform's tokens. */
    @Test
    @Order(3)
    void theHttpApiAnswersWithTheTokensOfThePlatform() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI handlers = URI.create("http://127.0.0.1:" + karaf.httpPort + "/synccenter/api/handlers");
        HttpResponse<String> anonymous = Poll.until("the HTTP API on port " + karaf.httpPort, Duration.ofSeconds(60),
                () -> http.send(HttpRequest.newBuilder(handlers).build(), HttpResponse.BodyHandlers.ofString()),
                r -> r.statusCode() != 404);
        assertThat(anonymous.statusCode()).as("no credentials: %s", anonymous.body()).isEqualTo(401);

        String token = shell.ok("sync:token-create karaf-it-viewer --role VIEWER").lines().get(0).trim();
        HttpResponse<String> viewer = http.send(HttpRequest.newBuilder(handlers)
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(200);
        assertThat(viewer.body()).contains("\"folders\"");

        HttpResponse<String> console = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + karaf.httpPort + "/synccenter/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).containsIgnoringCase("<html");
    }

    /** C17, C26 to C28: the demo handler's jar in deploy/ is replaced again and again while requests stream in. */
    @Test
    @Order(4)
    void replacingTheHandlerJarInDeployWhileRequestsStreamInLosesNoRequest() throws Exception {
        Path v1 = jars.resolve("demo-handler-v1.jar");
        Path v2 = jars.resolve("demo-handler-v2.jar");
        karaf.deploy(v1, "demo-handler.jar");
        awaitDemo("1.0.0");

        List<Long> accepted = Collections.synchronizedList(new ArrayList<>());
        List<Long> afterFinalSwap = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean finalSwapServing = new AtomicBoolean();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        String[] itemSets = {"alpha", "beta gamma", "alpha beta gamma"};
        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
        try {
            feeder.scheduleWithFixedDelay(() -> {
                boolean afterFinal = finalSwapServing.get();
                String line = "sync:start demo " + itemSets[sent.getAndIncrement() % itemSets.length];
                try {
                    Answer answer = shell.run(line);
                    if (answer.status() != 0 || answer.lines().isEmpty()) {
                        failures.add(line + " -> " + answer);
                        return;
                    }
                    long id = Long.parseLong(answer.lines().get(0).trim());
                    accepted.add(id);
                    if (afterFinal) {
                        afterFinalSwap.add(id);
                    }
                } catch (IOException | RuntimeException e) {
                    failures.add(line + " -> " + e);
                }
            }, 0, 40, TimeUnit.MILLISECONDS);
            for (Path jar : new Path[] {v2, v1, v2}) {
                streamIn(accepted, 5);
                karaf.deploy(jar, "demo-handler.jar");
                awaitDemo(jar == v2 ? "2.0.0" : "1.0.0");
            }
            finalSwapServing.set(true);
            streamIn(afterFinalSwap, 5);
        } finally {
            // No interrupt: a start call in flight ends with its answer (an interrupted one may have
            // been accepted without the test learning its ID). The periodic task is not run again.
            feeder.shutdown();
            assertThat(feeder.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(failures).as("start calls that were not accepted").isEmpty();
        List<Long> ids;
        synchronized (accepted) {
            ids = List.copyOf(accepted);
        }
        assertThat(new HashSet<>(ids)).as("request IDs are unique").hasSize(ids.size());
        Map<String, Integer> outcomes = new TreeMap<>();
        for (long id : ids) {
            Answer waited = shell.run("sync:wait " + id + " 60", Duration.ofSeconds(90));
            assertThat(waited.status()).as("sync:wait %s: %s", id, waited).isZero();
            assertThat(waited.out()).startsWith("request " + id + " DONE ");
            Answer shown = Poll.until("the shell to have seen the result of request " + id, Duration.ofSeconds(10),
                    () -> shell.ok("sync:request " + id), a -> delivered(a) >= 1);
            assertThat(delivered(shown)).as("results delivered for request %s:\n%s", id, shown.out()).isEqualTo(1);
            outcomes.merge(group(RESULT, shown.out()), 1, Integer::sum);
        }
        // The history holds each of them exactly once.
        String history = shell.ok("sync:history --handler demo --limit " + (ids.size() + 100)).out();
        for (long id : ids) {
            assertThat(history.lines().filter(l -> l.startsWith(id + " ")).count()).as("history rows of %s", id)
                    .isEqualTo(1);
        }
        // C28: what was accepted once version 2 served ran on version 2.
        for (long id : List.copyOf(afterFinalSwap)) {
            String shown = shell.ok("sync:request " + id).out();
            assertThat(group(RESULT, shown)).as("request %s:\n%s", id, shown).isEqualTo("SUCCEEDED");
            assertThat(shown).as("request %s", id)
                    .containsPattern("(?m)^served by\\s+" + Pattern.quote(DEMO_BSN) + " 2\\.0\\.0$");
        }
        System.out.printf("MEASURED: hot swap in Karaf's deploy/: %d requests accepted, 0 lost, outcomes %s,"
                + " %d after the final swap on 2.0.0%n", ids.size(), outcomes, afterFinalSwap.size());
        assertThat(ids.size()).as("requests accepted during the swaps").isGreaterThanOrEqualTo(20);
        assertThat(outcomes.getOrDefault("SUCCEEDED", 0)).as("outcomes %s", outcomes).isPositive();
    }

    /** Karaf keeps wrapping plain jars dropped into deploy/: the shell's not-a-bundle warning leaves them alone. */
    @Test
    @Order(5)
    void aPlainJarInDeployIsStillWrappedIntoABundle() throws Exception {
        Path plain = Files.createTempFile(work, "plain-library", ".jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(plain))) {
            out.putNextEntry(new ZipEntry("example/plain/greeting.txt"));
            out.write("hello from a plain jar".getBytes());
            out.closeEntry();
        }
        karaf.deploy(plain, "plain-library.jar");
        String line = Poll.until("Karaf to wrap deploy/plain-library.jar into an active bundle", Duration.ofSeconds(30),
                () -> line(shell.ok("bundle:list -t 0 -l").out(), "plain-library.jar"), l -> l.contains("Active"));
        assertThat(line).contains("wrap:");
        assertThat(karaf.log()).doesNotContain("plain-library.jar is not an OSGi bundle");
    }

    /**
     * The command endpoint of bin/sync is off in Karaf by default (test 1); an operator who turns it
     * on gets the same endpoint as in the distribution, with the platform's own tokens.
     */
    @Test
    @Order(6)
    void theCommandEndpointTurnedOnAnswersWithThePlatformsTokensOnly() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Files.writeString(karaf.home.resolve("etc/dev.synccenter.shell.remote.cfg"), "port=" + port + "\n");
        Poll.until("the command endpoint to listen on " + port, Duration.ofSeconds(30), karaf::log,
                log -> log.contains("Command endpoint listening on 127.0.0.1:" + port));
        Matcher file = Pattern.compile("The password and the token are in (\\S+)").matcher(karaf.log());
        assertThat(file.find()).as("the log names the operator's token file").isTrue();
        Properties credential = new Properties();
        try (var in = Files.newInputStream(Path.of(file.group(1)))) {
            credential.load(in);
        }
        assertThat(endpoint(port, credential.getProperty("token"), "sync:handlers"))
                .containsPattern("(?m)^folders\\s+Folder sync\\s+SERVING").endsWith("exit: 0\n");
        assertThat(endpoint(port, "not-a-token", "sync:handlers")).doesNotContain("folders").endsWith("exit: 1\n");
    }

    /** One call of the endpoint's protocol (bin/sync's): a token line, a command line, the answer. */
    private static String endpoint(int port, String token, String command) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            String lines = "token " + token + "\n" + command + "\n";
            socket.getOutputStream().write(lines.getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void streamIn(List<Long> accepted, int more) {
        int before = accepted.size();
        Poll.until(more + " more requests to stream in", Duration.ofSeconds(30), accepted::size,
                n -> n >= before + more);
    }

    private void awaitDemo(String version) {
        Poll.until("the demo handler to serve from " + DEMO_BSN + " " + version, Duration.ofSeconds(60),
                () -> line(shell.ok("sync:handlers").out(), "demo "),
                l -> l.startsWith("demo ") && l.contains("SERVING") && l.contains(DEMO_BSN + " " + version));
    }

    private static String line(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).findFirst().orElse("(no line with " + containing + ")");
    }

    /** Rows of {@code bundle:list -s} whose symbolic name (the last column) is {@code name}. */
    private static long count(String bundleList, String name) {
        return bundleList.lines().filter(l -> l.endsWith("| " + name)).count();
    }

    private static int delivered(Answer request) {
        String count = group(RESULTS_DELIVERED, request.out());
        return count == null ? 0 : Integer.parseInt(count);
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
