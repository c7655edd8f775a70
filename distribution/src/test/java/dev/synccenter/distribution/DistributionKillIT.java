package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.synccenter.testsupport.Poll;

/**
 * kill -9 under load, for real (C36, C37): the distribution runs on its default store (SQLite in its
 * data area) while a client streams start calls at it; the process is killed with SIGKILL at seeded
 * moments, several times, and started again each time. Every request whose start call returned must
 * end with exactly one result in the history: none lost, none duplicated. The long version is
 * scripts/kill-soak.sh.
 */
class DistributionKillIT {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Pattern ROW = Pattern.compile("(?m)^(\\d+)\\s+demo\\s+(\\w+)\\s");

    final Path template = Path.of(System.getProperty("dist.dir", "target/sync-center"));
    private final Path work = Path.of(System.getProperty("it.work.dir", "target/it-work"));
    private final long seed = Long.getLong("kill.seed", 20261201L);
    private final int kills = Integer.getInteger("kill.count", 3);
    private Distribution dist;

    @AfterEach
    void stop() {
        if (dist != null) {
            dist.close();
        }
    }

    // C36, C37, C17
    @Test
    void c37_everyAcceptedRequestHasExactlyOneResultAfterRepeatedKillNine() throws Exception {
        Random random = new Random(seed);
        // Quick syncs, so that many finish, many wait in the queue and some run at each kill.
        Map<String, String> etc = new HashMap<>(Map.of("dev.synccenter.sample.demo.cfg", "steps=2\nstep.millis=5\n",
                "dev.synccenter.engine.cfg", "request.history=1000000\n"));
        etc.putAll(storeConfig());
        dist = Distribution.start(template, work.resolve(getClass().getSimpleName() + "-" + seed), etc);
        dist.awaitReady(STARTUP);
        Set<Long> accepted = new TreeSet<>();
        for (int round = 0; round < kills; round++) {
            accepted.addAll(feedUntilKilled(random));
            dist.relaunch().awaitReady(STARTUP);
        }
        accepted.addAll(feed(Duration.ofMillis(300)));
        assertThat(accepted).as("start calls that returned").hasSizeGreaterThan(kills * 10);

        Map<Long, Integer> history = Poll.until("every accepted request to have its result in the history",
                Duration.ofSeconds(120), this::history, h -> h.keySet().containsAll(accepted));
        for (long id : accepted) {
            assertThat(history.get(id)).as("results of request %d in the history", id).isEqualTo(1);
        }
        System.out.printf("kill -9: seed %d, %d kills, %d accepted requests, each with one result%n", seed, kills,
                accepted.size());
    }

    // C26, C35, C37
    @Test
    void c37_aRestartWithAHandlerBundleMissingParksItsRequestsUntilTheBundleReturns() throws Exception {
        // Slow syncs (5 steps of 200 ms), so that requests are still queued when the platform stops.
        Map<String, String> etc = new HashMap<>(Map.of("dev.synccenter.sample.demo.cfg", "steps=5\nstep.millis=200\n"));
        etc.putAll(storeConfig());
        dist = Distribution.start(template, work.resolve(getClass().getSimpleName() + "-missing"), etc);
        dist.awaitReady(STARTUP);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(Long.parseLong(dist.ok("sync:start demo alpha").lines().get(0).trim()));
        }
        assertThat(dist.terminate(Duration.ofSeconds(60))).as("exit status of a SIGTERM").isEqualTo(143);

        Path jar = dist.home.resolve("handlers/demo-handler.jar");
        Path aside = Files.move(jar, dist.home.resolve("demo-handler.jar.aside"));
        dist.relaunch();
        String parked = Poll.until("the demo handler to be parked with its requests", STARTUP,
                () -> dist.command("sync:requests --handler demo").text(),
                text -> ids.stream().allMatch(id -> Pattern.compile("(?m)^" + id + "\\s+demo\\s+ITEM_SYNC\\s+PARKED")
                        .matcher(text).find()));
        assertThat(parked).doesNotContain("RUNNING");

        dist.dropHandler(aside, "demo-handler.jar"); // the bundle returns: its parked requests run (C26)
        Map<Long, Integer> history = Poll.until("the parked requests to finish", Duration.ofSeconds(60),
                this::history, h -> h.keySet().containsAll(ids));
        for (long id : ids) {
            assertThat(history.get(id)).as("results of request %d", id).isEqualTo(1);
            assertThat(dist.ok("sync:request " + id).text()).containsPattern("(?m)^result\\s+SUCCEEDED$");
        }
    }

    /** The store's configuration file(s) in etc/: none here, so the default, SQLite in the data area. */
    Map<String, String> storeConfig() throws Exception {
        return Map.of();
    }

    /**
     * Streams start calls from two clients and kills the process once a seeded number of them were
     * accepted (the kill's moment, reproducible up to the machine's timing); answers what was accepted.
     */
    private Set<Long> feedUntilKilled(Random random) throws Exception {
        int killAfter = 20 + random.nextInt(300);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        AtomicBoolean go = new AtomicBoolean(true);
        Set<Long> accepted = ConcurrentHashMap.newKeySet();
        List<Future<?>> fed = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            fed.add(clients.submit(() -> {
                while (go.get()) {
                    startOne().ifPresent(accepted::add);
                }
            }));
        }
        Poll.until(killAfter + " requests accepted", Duration.ofSeconds(60), accepted::size, n -> n >= killAfter);
        dist.kill();
        go.set(false);
        for (Future<?> f : fed) {
            f.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();
        return new TreeSet<>(accepted);
    }

    private Set<Long> feed(Duration time) {
        Set<Long> accepted = new TreeSet<>();
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end) {
            startOne().ifPresent(accepted::add);
        }
        return accepted;
    }

    /** One start call; its request ID only if the call returned success (the process may die meanwhile). */
    private Optional<Long> startOne() {
        try {
            Distribution.Answer a = dist.command("sync:start demo alpha");
            return a.status() == 0 ? Optional.of(Long.parseLong(a.lines().get(0).trim()))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // killed meanwhile: not accepted as far as the caller knows
        }
    }

    /** How many results the history has for each request of the demo handler. */
    private Map<Long, Integer> history() throws IOException {
        String text = dist.ok("sync:history --handler demo --limit 1000000").text();
        Map<Long, Integer> counts = new HashMap<>();
        Matcher m = ROW.matcher(text);
        while (m.find()) {
            counts.merge(Long.parseLong(m.group(1)), 1, Integer::sum);
        }
        return counts;
    }
}
