package dev.synccenter.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import dev.synccenter.itest.FrameworkProcess.Launcher;

/**
 * C35, C37 and C38 with the framework launched as its own process and stopped by SIGTERM, as an
 * operator or a service manager stops it. On Equinox, whose launcher ends the JVM without stopping
 * the framework, the framework-shutdown-hook bundle stops it; under Felix main, which stops it
 * itself, the same bundle's second stop changes nothing. Either way the engine suspends what is
 * unfinished (its handles complete with SyncSuspendedException before the JVM ends), and the next
 * start of the same installation gives each of those requests exactly one result.
 */
@RunWith(Parameterized.class)
public class SigtermProcessIT {

    private static final int REQUESTS = 8; // 0.4 s each: after the first result, seconds of work are left
    private static final Duration STARTUP = Duration.ofSeconds(60);

    @Parameters(name = "{0}")
    public static List<Launcher> launchers() {
        return List.of(Launcher.EQUINOX, Launcher.FELIX_MAIN);
    }

    private final Launcher launcher;
    private final Path home;
    private Process process;

    public SigtermProcessIT(Launcher launcher) {
        this.launcher = launcher;
        this.home = Path.of("target", "process-it", launcher.name().toLowerCase(java.util.Locale.ROOT));
    }

    @After
    public void killWhatIsLeft() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    // C35, C37, C38
    @Test
    public void c35_sigtermStopsTheFrameworkSoTheEngineSuspendsAndTheNextStartGivesEachRequestOneResult() throws Exception {
        FrameworkProcess installation = FrameworkProcess.create(launcher, home);
        process = installation.launch("run-1", REQUESTS);
        Path first = installation.driverFile("run-1");
        Poll.until("every request accepted and the first one finished (" + first + ")", STARTUP,
                () -> lines(first), l -> ids(l, "accepted").size() == REQUESTS && !ids(l, "result").isEmpty());

        assertEquals("exit status after SIGTERM", 143, terminate(installation, "run-1"));

        List<String> before = lines(first);
        Set<Long> accepted = ids(before, "accepted");
        Set<Long> suspended = ids(before, "suspended");
        Set<Long> finished = ids(before, "result");
        Set<Long> told = new TreeSet<>(finished);
        told.addAll(suspended);
        assertEquals("every handle completed before the JVM ended, with a result or suspended (C35): " + before,
                accepted, told);
        assertFalse("requests still unfinished at the SIGTERM: " + before, suspended.isEmpty());
        assertTrue(before.toString(), before.stream().noneMatch(l -> l.startsWith("failed") || l.startsWith("error")));
        String log = Files.readString(installation.log("run-1"));
        assertTrue("the hook saw the framework stop:\n" + log, log.contains("The OSGi framework stopped in"));

        process = installation.launch("run-2", 0); // the same installation, the driver only listening
        Path second = installation.driverFile("run-2");
        Poll.until("the suspended requests " + suspended + " to finish after the restart", STARTUP,
                () -> lines(second), l -> ids(l, "finished").containsAll(suspended));
        assertEquals("exit status after SIGTERM", 143, terminate(installation, "run-2"));
        assertTrue(Files.readString(installation.log("run-2")).contains("Resumed " + suspended.size()
                + " request(s) without a result from the store"));

        // Once each: the whiteboard's requestFinished over both runs, each request exactly once, SUCCEEDED (C38).
        Map<Long, Integer> results = new HashMap<>();
        Set<String> statuses = new HashSet<>();
        for (String line : concat(before, lines(second))) {
            String[] words = line.split(" ");
            if (words[0].equals("finished")) {
                results.merge(Long.parseLong(words[1]), 1, Integer::sum);
                statuses.add(words[2]);
            }
        }
        assertEquals("requestFinished calls per request over both runs",
                accepted.stream().collect(Collectors.toMap(id -> id, id -> 1)), results);
        assertEquals(Set.of("SUCCEEDED"), statuses);
        System.out.printf("%s, SIGTERM: %d requests, %d finished before it, %d suspended and resumed%n", launcher,
                accepted.size(), finished.size(), suspended.size());
    }

    /** SIGTERM (Process.destroy on Linux), then the process's exit, within the deadline. */
    private int terminate(FrameworkProcess installation, String run) throws Exception {
        process.destroy();
        if (!process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError(launcher + " (" + run + ") still runs " + STARTUP + " after SIGTERM; its log:\n"
                    + Files.readString(installation.log(run)));
        }
        String log = Files.readString(installation.log(run));
        assertFalse("errors in the log of " + run + ":\n" + log, log.contains(" ERROR "));
        return process.exitValue();
    }

    /** The driver's complete lines: one it is writing now is left for the next look. */
    private static List<String> lines(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file) : "";
            return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<Long> ids(List<String> lines, String fact) {
        return lines.stream().map(l -> l.split(" ")).filter(w -> w[0].equals(fact))
                .map(w -> Long.parseLong(w[1])).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
