package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

import dev.synccenter.distribution.Distribution.Answer;
import dev.synccenter.testsupport.Poll;

/**
 * Runs the real distribution (target/sync-center, copied to target/it-work) as a separate process
 * and drives it from the outside: through the command endpoint, bin/sync, handlers/ and SIGTERM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributionIT {

    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final String DEMO_BSN = "dev.synccenter.sample.demo";
    /** Short sessions, no random failures: every request should end SUCCEEDED. */
    private static final String DEMO_CFG = "steps=2\nstep.millis=5\nfailure.rate=0\nbehaviour=normal\n";
    private static final Pattern RESULTS_DELIVERED = Pattern.compile("(?m)^results delivered\\s+(\\d+)$");
    private static final Pattern RESULT = Pattern.compile("(?m)^result\\s+(\\w+)$");

    private final Path template = Path.of(System.getProperty("dist.dir", "target/sync-center"));
    private final Path jars = Path.of(System.getProperty("it.jars.dir", "target/it-jars"));
    private final Path work = Path.of(System.getProperty("it.work.dir", "target/it-work"));

    private Distribution dist;

    @BeforeAll
    void startDistribution() throws IOException {
        dist = Distribution.start(template, work.resolve("main"), Map.of("dev.synccenter.sample.demo.cfg", DEMO_CFG));
        dist.awaitReady(STARTUP);
    }

    @AfterAll
    void stopDistribution() {
        if (dist != null) {
            dist.close(); // runs even when startDistribution or a test failed
        }
    }

    @Test
    @Order(1)
    void badInputAnswersOneLineAndStatusOne() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("sync:start nosuch alpha", "handlerId: no handler 'nosuch' is registered or parked");
        cases.put("sync:start demo ''", "itemIds[0]: must not be empty (C1)");
        cases.put("sync:start demo ' alpha'", "itemIds[0]: must not have leading or trailing white space (C1)");
        cases.put("sync:start demo " + "x".repeat(64), "itemIds[0]: must be at most 63 characters");
        cases.put("sync:start demo alpha alpha", "itemIds[1]: names item 'alpha' twice (C7)");
        cases.put("sync:start demo alpha --bogus", "unknown option --bogus");
        cases.put("sync:start-handler demo --ignore", "unknown option --ignore");
        cases.put("sync:start demo", "missing argument <item>");
        cases.put("sync:start", "missing argument <handler>");
        cases.put("sync:stop-handler", "missing argument <handler>");
        cases.put("sync:items nosuch", "no handler 'nosuch' is registered or parked");
        cases.put("sync:enable nosuch", "no handler 'nosuch' is registered or parked");
        cases.put("sync:request abc", "<id> must be a whole number, was 'abc'");
        cases.put("sync:request 0", "<id> must be at least 1, was 0");
        cases.put("sync:wait", "missing argument <id>");
        cases.put("sync:events --level LOUD", "--level must be INFORMATION, WARNING or ERROR");
        cases.put("sync:events --limit", "option --limit needs a value");
        cases.put("sync:nosuch", "unknown command 'nosuch'; try: help");
        cases.put("sync:start demo 'alpha", "the command line has a ' quote that is not closed");
        cases.put("felix:start demo", "only sync: commands run here, 'felix:start' is not one");
        cases.put("requests --state DONE", "--state must be QUEUED, PARKED, WAITING or RUNNING");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Answer answer = dist.command(c.getKey());
            assertThat(answer.status()).as("status of %s: %s", c.getKey(), answer).isEqualTo(1);
            assertThat(answer.lines()).as("answer to %s", c.getKey()).hasSize(1);
            assertThat(answer.lines().get(0)).as("answer to %s", c.getKey())
                    .startsWith("error: ").contains(c.getValue()).doesNotContain("Exception");
        }
        // C1, C7: nothing was queued by any of them
        assertThat(dist.ok("sync:requests").text()).isEqualTo("no request is queued, parked, waiting or running");
        assertThat(dist.logText()).doesNotContain("\tat dev.synccenter.shell");

        // The same through the client script, which exits with the status.
        Answer refused = dist.client("start", "nosuch", "alpha");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.lines()).containsExactly("error: handlerId: no handler 'nosuch' is registered or parked");
        Answer otherScope = dist.client("felix:lb");
        assertThat(otherScope.status()).isEqualTo(1);
        assertThat(otherScope.lines()).containsExactly(
                "error: only sync: commands run here, 'felix:lb' is not one; try: help");
        Answer handlers = dist.client("handlers");
        assertThat(handlers.status()).isZero();
        assertThat(handlers.lines().get(0)).startsWith("ID  ").contains("AVAILABILITY");

        Path script = Files.writeString(work.resolve("script.sync"),
                "# a comment\n\nhandlers\nsync:start demo alpha\nstart demo ''\nhandlers\n");
        Answer scripted = dist.client("-f", script.toString());
        assertThat(scripted.status()).as("%s", scripted).isEqualTo(1); // stops at the bad third line
        assertThat(scripted.lines()).last().isEqualTo("error: itemIds[0]: must not be empty (C1)");
        long id = Long.parseLong(scripted.lines().get(scripted.lines().size() - 2).trim());
        assertThat(dist.ok("sync:wait " + id + " 30").text()).contains("DONE SUCCEEDED");
    }

    /** Issue: engine warnings raised while a command ran went to its caller, none to the log. */
    @Test
    @Order(2)
    void logLinesRaisedByACommandGoToTheLogAndNotToItsCaller() throws Exception {
        // The demo handler throws from synchronize: the engine logs an error on the session thread that
        // the start command made run (C15). That line belongs in the log, not in the command's output.
        Path config = dist.home.resolve("etc/dev.synccenter.sample.demo.cfg");
        String before = Files.readString(config);
        // Retries off for the demo handler (its service property, C43): the exception fails the item at once.
        Files.writeString(config, before + "\nbehaviour=throw\nsync.retry.max.attempts=1\n");
        try {
            // A request started before the new configuration reached the engine waits for a retry: the
            // next one, once it has, fails at once.
            Answer started = Poll.until("the demo handler to throw", Duration.ofSeconds(45), () -> {
                Answer a = dist.client("start", "demo", "alpha");
                Answer waited = dist.client("wait", a.lines().get(0).trim(), "5");
                return new Answer(waited.status(), List.of(String.join("\n", a.lines()), waited.text()));
            }, a -> a.text().contains("FAILED"));
            Poll.until("the engine's error in the log", Duration.ofSeconds(10), dist::logText,
                    log -> log.contains("threw from synchronize"));
            assertThat(started.text()).as("what the commands printed").doesNotContain("threw from synchronize")
                    .doesNotContain("IllegalStateException");
        } finally {
            Files.writeString(config, before);
            dist.client("giveup", "demo", "alpha"); // a request that waits for a retry ends now (C43)
            Poll.until("the demo handler to sync again", Duration.ofSeconds(20), () -> dist.client("wait",
                    dist.client("start", "demo", "alpha").lines().get(0).trim(), "20").text(),
                    text -> text.contains("SUCCEEDED"));
        }
    }

    /** C40: the store is there from the first start, embedded: SQLite in control-impl's data area. */
    @Test
    @Order(2)
    void theEmbeddedStoreOpensInControlImplsDataAreaWithNothingToSetUp() throws Exception {
        Pattern opened = Pattern.compile(
                "SQLite store jdbc:sqlite:(\\S+) is open and published as the SyncStore service");
        String log = Poll.until("the store to open", Duration.ofSeconds(15), dist::logText,
                text -> opened.matcher(text).find());
        Matcher m = opened.matcher(log);
        assertThat(m.find()).isTrue();
        Path file = Path.of(m.group(1));
        assertThat(file).isRegularFile();
        assertThat(file.getFileName()).hasToString("sync-center.db");
        assertThat(file.getParent().getFileName()).hasToString("data");
        assertThat(file.getParent().getParent().getParent().toRealPath())
                .isEqualTo(dist.home.resolve("felix-cache").toRealPath());
        assertThat(log).doesNotContain("Cannot open the store").doesNotContain("No DataSourceFactory service");
    }

    @Test
    @Order(2)
    void aJarThatIsNotABundleIsLoggedAndChangesNothing() throws Exception {
        Path jar = work.resolve("not-a-bundle.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("no manifest here".getBytes());
            zip.closeEntry();
        }
        String handlersBefore = dist.ok("sync:handlers").text();
        dist.dropHandler(jar, "not-a-bundle.jar");
        try {
            Poll.until("a warning about not-a-bundle.jar in the log", Duration.ofSeconds(15), dist::logText,
                    log -> log.contains("not-a-bundle.jar is not an OSGi bundle"));
            assertThat(dist.ok("sync:handlers").text()).isEqualTo(handlersBefore);
            long id = Long.parseLong(dist.ok("sync:start demo alpha beta").lines().get(0).trim());
            assertThat(dist.ok("sync:wait " + id + " 30").text()).contains("DONE SUCCEEDED");
        } finally {
            Files.deleteIfExists(dist.home.resolve("handlers/not-a-bundle.jar"));
        }
    }

    @Test
    @Order(2)
    void aBundleThatDoesNotResolveIsLoggedAndChangesNothing() throws Exception {
        Path jar = work.resolve("unresolvable.jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        java.util.jar.Attributes main = manifest.getMainAttributes();
        main.put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "test.unresolvable");
        main.putValue("Import-Package", "does.not.exist.anywhere");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("a bundle whose import nobody exports".getBytes());
            out.closeEntry();
        }
        String handlersBefore = dist.ok("sync:handlers").text();
        dist.dropHandler(jar, "unresolvable.jar");
        try {
            Poll.until("the resolution failure of unresolvable.jar in the log", Duration.ofSeconds(15), dist::logText,
                    log -> log.contains("does.not.exist.anywhere"));
            assertThat(dist.ok("sync:handlers").text()).isEqualTo(handlersBefore);
            long id = Long.parseLong(dist.ok("sync:start demo alpha beta").lines().get(0).trim());
            assertThat(dist.ok("sync:wait " + id + " 30").text()).contains("DONE SUCCEEDED");
        } finally {
            Files.deleteIfExists(dist.home.resolve("handlers/unresolvable.jar"));
        }
    }

    /** C17, C26, C27, C28: requests stream in while the handler's jar is replaced again and again. */
    @Test
    @Order(3)
    void replacingTheHandlerJarWhileRequestsStreamInLosesNoRequest() throws Exception {
        Path v1 = jars.resolve("demo-handler-v1.jar");
        Path v2 = jars.resolve("demo-handler-v2.jar");
        List<Long> accepted = Collections.synchronizedList(new ArrayList<>());
        List<Long> afterFinalSwap = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<String> afterFinalTexts = new ArrayList<>();
        AtomicBoolean finalSwapServing = new AtomicBoolean();
        AtomicInteger sent = new AtomicInteger();
        String[] itemSets = {"alpha", "beta", "gamma", "alpha beta", "gamma", "beta gamma"};

        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
        try {
            feeder.scheduleWithFixedDelay(() -> {
                boolean afterFinal = finalSwapServing.get();
                String line = "sync:start demo " + itemSets[sent.getAndIncrement() % itemSets.length];
                try {
                    Answer answer = dist.command(line);
                    if (answer.status() != 0) {
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

            Path[] swaps = {v2, v1, v2, v1, v2};
            for (Path jar : swaps) {
                String version = jar == v2 ? "2.0.0" : "1.0.0";
                int before = accepted.size();
                Poll.until("requests to stream in before the swap to " + version, Duration.ofSeconds(10),
                        accepted::size, n -> n >= before + 5);
                dist.dropHandler(jar, "demo-handler.jar");
                Poll.until("the demo handler to serve from " + DEMO_BSN + " " + version, Duration.ofSeconds(30),
                        () -> demoLine(dist.ok("sync:handlers").text()),
                        line -> line.contains("SERVING") && line.contains(DEMO_BSN + " " + version));
            }
            finalSwapServing.set(true);
            // Watch requests accepted after the final swap while they run: their progress text shows
            // the handler version that syncs them (a finished item's text is not kept).
            Poll.until("a request accepted after the final swap to show its progress text",
                    Duration.ofSeconds(15), () -> {
                        List<Long> after;
                        synchronized (afterFinalSwap) {
                            after = List.copyOf(afterFinalSwap);
                        }
                        requestRows(dist.ok("sync:requests").text()).stream()
                                .filter(row -> after.contains(row.id()) && !row.text().equals("-"))
                                .forEach(row -> afterFinalTexts.add(row.id() + " " + row.item() + ": " + row.text()));
                        return List.copyOf(afterFinalTexts);
                    }, texts -> !texts.isEmpty());
            Poll.until("10 requests accepted after the final swap", Duration.ofSeconds(10),
                    afterFinalSwap::size, n -> n >= 10);
        } finally {
            feeder.shutdownNow();
            assertThat(feeder.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(failures).as("start calls that were not accepted").isEmpty();
        List<Long> ids;
        synchronized (accepted) {
            ids = List.copyOf(accepted);
        }
        assertThat(new HashSet<>(ids)).as("request IDs are unique").hasSize(ids.size());

        // C17: every accepted request ends with exactly one result; none is lost.
        Map<String, Integer> outcomes = new TreeMap<>();
        for (long id : ids) {
            Answer waited = dist.command("sync:wait " + id + " 60");
            assertThat(waited.status()).as("sync:wait %s: %s", id, waited).isZero();
            assertThat(waited.text()).startsWith("request " + id + " DONE ");
            Answer shown = Poll.until("the shell to have seen the result of request " + id, Duration.ofSeconds(10),
                    () -> dist.ok("sync:request " + id), a -> delivered(a) >= 1);
            assertThat(delivered(shown)).as("results delivered for request %s:\n%s", id, shown.text()).isEqualTo(1);
            outcomes.merge(group(RESULT, shown.text()), 1, Integer::sum);
        }
        long reruns = dist.logText().lines().filter(l -> l.contains("will sync again on the next service")).count();
        System.out.printf("hot swap: %d requests, outcomes %s, %d after the final swap, %d interrupted sessions"
                + " re-run (C27)%n", ids.size(), outcomes, afterFinalSwap.size(), reruns);

        // The requests accepted after the final swap ran on version 2, and succeeded.
        System.out.printf("progress seen after the final swap: %s%n", afterFinalTexts);
        assertThat(afterFinalTexts).allSatisfy(text -> assertThat(text).containsPattern(V2_MARK)
                .doesNotContainPattern(V1_MARK));
        for (long id : List.copyOf(afterFinalSwap)) {
            Answer shown = dist.ok("sync:request " + id);
            assertThat(group(RESULT, shown.text())).as("request %s:\n%s", id, shown.text()).isEqualTo("SUCCEEDED");
            // The result says which bundle served it, and when it finished.
            assertThat(shown.text()).as("request %s", id)
                    .containsPattern("(?m)^served by\\s+dev\\.synccenter\\.sample\\.demo 2\\.0\\.0$")
                    .containsPattern("(?m)^finished\\s+\\d{4}-");
        }
        assertThat(demoLine(dist.ok("sync:handlers").text())).as("the handler's comment").containsPattern(V2_MARK);

        // A second look: still exactly one result for each, after everything settled.
        for (long id : ids) {
            assertThat(delivered(dist.ok("sync:request " + id))).as("request %s", id).isEqualTo(1);
        }
    }

    /** C26: a removed jar uninstalls the handler; its requests wait, parked, for the next one. */
    @Test
    @Order(4)
    void removingTheHandlerJarParksRequestsUntilAJarComesBack() throws Exception {
        Files.delete(dist.home.resolve("handlers/demo-handler.jar"));
        Poll.until("the demo handler to be parked", Duration.ofSeconds(30),
                () -> demoLine(dist.ok("sync:handlers").text()), line -> line.contains("PARKED"));
        long id = Long.parseLong(dist.ok("sync:start demo gamma").lines().get(0).trim());
        assertThat(dist.ok("sync:request " + id).text()).containsPattern("(?m)^phase\\s+PARKED$");

        dist.dropHandler(jars.resolve("demo-handler-v1.jar"), "demo-handler.jar");
        assertThat(dist.ok("sync:wait " + id + " 30").text()).startsWith("request " + id + " DONE SUCCEEDED");
        assertThat(demoLine(dist.ok("sync:handlers").text())).contains("SERVING").contains(DEMO_BSN + " 1.0.0");
    }

    @Test
    @Order(5)
    void sigtermStopsTheDistributionCleanlyWithStatus143() throws Exception {
        try (Distribution other = Distribution.start(template, work.resolve("sigterm"),
                Map.of("dev.synccenter.sample.demo.cfg", DEMO_CFG))) {
            other.awaitReady(STARTUP);
            other.ok("sync:start demo alpha beta gamma");
            int status = other.terminate(Duration.ofSeconds(30));
            assertThat(status).as("exit status after SIGTERM; console:\n%s", other.consoleText()).isEqualTo(143);
            // The framework stopped its components: the shell closed its endpoint on the way out. The
            // log is written by tee processes that may finish a moment after the JVM: poll for it.
            String closed = "Command endpoint on 127.0.0.1:" + other.port + " closed";
            Poll.until("the log to show that the endpoint closed", Duration.ofSeconds(10), other::logText,
                    log -> log.contains(closed));
        }
    }

    /** Issue: a truncated jar over a running handler's jar uninstalled it without a word on why. */
    @Test
    @Order(6)
    void aTruncatedJarOverTheHandlerJarIsExplainedInTheLog() throws Exception {
        Path v1 = jars.resolve("demo-handler-v1.jar");
        byte[] bytes = Files.readAllBytes(v1);
        Path truncated = Files.write(work.resolve("demo-handler-truncated.jar"),
                java.util.Arrays.copyOf(bytes, bytes.length / 2));
        dist.dropHandler(truncated, "demo-handler.jar");
        Path jar = dist.home.resolve("handlers/demo-handler.jar");
        Poll.until("the log to explain why the demo handler's bundle went away", Duration.ofSeconds(15),
                dist::logText, log -> log.contains(jar + " is not a readable jar ("));
        assertThat(dist.logText()).contains("so FileInstall uninstalled bundle").contains("then mv it into place");
        Poll.until("the demo handler to be parked", Duration.ofSeconds(15),
                () -> demoLine(dist.ok("sync:handlers").text()), line -> line.contains("PARKED"));

        dist.dropHandler(v1, "demo-handler.jar");
        Poll.until("the demo handler to serve again", Duration.ofSeconds(30),
                () -> demoLine(dist.ok("sync:handlers").text()), line -> line.contains("SERVING"));
        long id = Long.parseLong(dist.ok("sync:start demo alpha").lines().get(0).trim());
        assertThat(dist.ok("sync:wait " + id + " 30").text()).contains("DONE SUCCEEDED");
    }

    /**
     * Issue: pool.size=abc kept the engine from ever starting, and bin/sync start fell through to
     * felix:start. Also: bin/sync --wait-ready waits out the platform's start.
     */
    @Test
    @Order(7)
    void aBadEngineValueIsLoggedWithKeyAndFileAndTheEngineRunsAndTakesTheFixedValue() throws Exception {
        try (Distribution other = Distribution.start(template, work.resolve("bad-config"),
                Map.of("dev.synccenter.sample.demo.cfg", DEMO_CFG, "dev.synccenter.engine.cfg", "pool.size=abc\n"))) {
            Answer ready = other.client("--wait-ready", "30", "handlers");
            assertThat(ready.status()).as("%s; log:%n%s", ready, other.logText()).isZero();
            assertThat(ready.lines().get(0)).startsWith("ID  ");
            other.awaitReady(STARTUP);
            Answer started = other.client("start", "demo", "alpha");
            assertThat(started.status()).as("%s", started).isZero();
            assertThat(other.ok("sync:wait " + started.text().trim() + " 30").text()).contains("DONE SUCCEEDED");

            Path cfg = other.home.resolve("etc/dev.synccenter.engine.cfg");
            String warning = "Configuration pool.size=abc in " + cfg + " is not a whole number; using the default 4";
            assertThat(other.logText()).contains(warning);
            assertThat(other.logText().split(Pattern.quote(warning), -1)).as("logged once").hasSize(2);

            Files.writeString(cfg, "pool.size=2\n");
            Poll.until("the engine to take pool.size=2", Duration.ofSeconds(30), other::logText,
                    log -> log.contains("Engine settings from " + cfg + ": EngineSettings[poolSize=2,"));
            assertThat(other.client("handlers").status()).isZero();
        }
    }

    /** Issue: with the sync: commands missing, bin/sync start demo alpha ran felix:start and exited 0. */
    @Test
    @Order(7)
    void withoutTheControlServiceBinSyncSaysNotReadyAndRunsNothingElse() throws Exception {
        try (Distribution other = Distribution.start(template, work.resolve("no-engine"), Map.of(),
                "bundle/control-impl.jar")) {
            // 3: no endpoint yet; 5: no token yet (the first start writes it a moment after it starts)
            Answer start = Poll.until("the endpoint to answer", STARTUP, () -> other.client("start", "demo", "alpha"),
                    a -> a.status() != 3 && a.status() != 5);
            assertThat(start.status()).as("%s", start).isEqualTo(4);
            assertThat(start.lines()).containsExactly("error: the sync commands are not available: the control"
                    + " service is not running (yet); see the platform's log");
            Answer waited = other.client("--wait-ready", "1", "start", "demo", "alpha");
            assertThat(waited.status()).isEqualTo(4);
            assertThat(waited.text()).startsWith("sync: the platform was not ready within 1 s: error: the sync"
                    + " commands are not available");
        }
    }

    @Test
    @Order(7)
    void waitReadyGivesUpAtItsDeadlineWithAReason() throws Exception {
        Answer notThere = dist.client("-p", String.valueOf(Distribution.freePort()), "--wait-ready", "1", "handlers");
        assertThat(notThere.status()).isEqualTo(3);
        assertThat(notThere.text()).contains("sync: the platform was not ready within 1 s: "
                + "sync: cannot connect to 127.0.0.1:");
        Answer badSeconds = dist.client("--wait-ready", "soon", "handlers");
        assertThat(badSeconds.status()).isEqualTo(64);
        assertThat(badSeconds.lines()).containsExactly(
                "sync: --wait-ready needs a whole number of seconds from 0 to 86400, was 'soon'");
    }

    /** How each version of the demo handler shows itself in progress text and comment. */
    private static final Pattern V2_MARK = Pattern.compile("(?i)\\bv2\\b|\\b2\\.0\\.0\\b");
    private static final Pattern V1_MARK = Pattern.compile("(?i)\\bv1\\b|\\b1\\.0\\.0\\b");

    /** One item row of the {@code sync:requests} table. */
    record Row(long id, String item, String text) {
    }

    /** The item rows of a {@code sync:requests} table; continuation rows belong to the request above. */
    static List<Row> requestRows(String table) {
        List<String> lines = table.lines().toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("REQUEST")) {
            return List.of();
        }
        String header = lines.get(0);
        int itemColumn = header.indexOf("ITEM");
        int textColumn = header.indexOf("TEXT");
        List<Row> rows = new ArrayList<>();
        long id = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("…")) {
                continue; // "… N more not shown": more than the limit are open
            }
            if (!line.startsWith(" ")) {
                id = Long.parseLong(line.split("\\s+")[0]);
            }
            String item = line.length() > itemColumn ? line.substring(itemColumn).split("\\s+")[0] : "-";
            String text = line.length() > textColumn ? line.substring(textColumn).trim() : "-";
            rows.add(new Row(id, item, text));
        }
        return rows;
    }

    private static String demoLine(String handlers) {
        return handlers.lines().filter(l -> l.startsWith("demo ")).findFirst().orElse("(no demo line in)\n" + handlers);
    }

    private static int delivered(Answer request) {
        String count = group(RESULTS_DELIVERED, request.text());
        return count == null ? 0 : Integer.parseInt(count);
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
