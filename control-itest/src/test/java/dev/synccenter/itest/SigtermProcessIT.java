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

/**
 * C35, C37 and C38 on Equinox launched as its own process: Equinox's launcher ends the JVM on
 * SIGTERM without stopping the framework, and the framework-shutdown-hook bundle stops it, so that
 * the engine suspends what is unfinished (its handles complete with SyncSuspendedException) and
 * the next start of the same installation gives each of those requests exactly one result.
 */
public class EquinoxShutdownIT {

    private static final int REQUESTS = 6;
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private final Path home = Path.of("target", "equinox-it", getClass().getSimpleName());
    private Process equinox;

    @After
    public void killWhatIsLeft() {
        if (equinox != null && equinox.isAlive()) {
            equinox.destroyForcibly();
        }
    }

    // C35, C37, C38
    @Test
    public void c35_sigtermStopsEquinoxSoTheEngineSuspendsAndTheNextStartGivesEachRequestOneResult() throws Exception {
        EquinoxProcess installation = EquinoxProcess.create(home);
        equinox = installation.launch("run-1", REQUESTS);
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
        assertTrue("the hook stopped the framework:\n" + log, log.contains("The OSGi framework stopped in"));

        equinox = installation.launch("run-2", 0); // the same installation, the driver only listening
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
        System.out.printf("Equinox SIGTERM: %d requests, %d finished before it, %d suspended and resumed%n",
                accepted.size(), finished.size(), suspended.size());
    }

    /** SIGTERM (Process.destroy on Linux), then the process's exit, within the deadline. */
    private int terminate(EquinoxProcess installation, String run) throws Exception {
        equinox.destroy();
        if (!equinox.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("Equinox (" + run + ") still runs " + STARTUP + " after SIGTERM; its log:\n"
                    + Files.readString(installation.log(run)));
        }
        String log = Files.readString(installation.log(run));
        assertFalse("errors in the log of " + run + ":\n" + log, log.contains(" ERROR "));
        return equinox.exitValue();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
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
