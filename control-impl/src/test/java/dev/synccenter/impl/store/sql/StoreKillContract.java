package dev.synccenter.impl.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.impl.store.ItemState;
import dev.synccenter.impl.store.StoredItem;
import dev.synccenter.impl.store.StoredRequest;

/**
 * C36 for real: a child JVM writes through the store and prints each acknowledged change; the test
 * kills it with SIGKILL at a random moment, reopens the store, and finds every acknowledged change.
 * Three kills on the same database; the seed is in every failure message
 * ({@code -Dstore.kill.seed=...} repeats a run).
 */
abstract class StoreKillContract {

    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final String EOF = "\u0000EOF";

    @TempDir
    Path dir;
    protected String url;

    /** The kind of database each test gets a fresh one of. */
    protected abstract TestDatabase database();

    @BeforeEach
    void createDatabase() throws Exception {
        url = database().create();
    }

    @AfterEach
    void drop() throws Exception {
        database().drop(url);
    }

    @Test
    void c36_everyAcknowledgedChangeSurvivesKill9() throws Exception {
        long seed = Long.getLong("store.kill.seed", System.nanoTime());
        Random random = new Random(seed);
        Set<Long> accepted = new HashSet<>();
        Set<Long> started = new HashSet<>();
        Set<Long> finished = new HashSet<>();
        long reservedEnd = 0;
        for (int round = 1; round <= 3; round++) {
            String what = "seed " + seed + ", kill " + round;
            int killAfter = 50 + random.nextInt(1500);
            Path errors = dir.resolve("child-" + round + ".err");
            Process child = new ProcessBuilder(javaCommand(), "-cp", classPath(), KillChild.class.getName(), url)
                    .redirectError(errors.toFile()).start();
            BlockingQueue<String> lines = linesOf(child);
            int acks = 0;
            boolean killed = false;
            long deadline = System.nanoTime() + WAIT_NANOS;
            for (String line; !(line = next(lines, deadline, what, errors)).equals(EOF);) {
                assertThat(line).as("%s: the child's line (stderr: %s)", what, read(errors)).doesNotStartWith("ERR");
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "RESERVED" -> reservedEnd = Math.max(reservedEnd, Long.parseLong(f[2]));
                    case "ACK" -> acks += accepted.add(Long.parseLong(f[1])) ? 1 : 0;
                    case "RUN" -> started.add(Long.parseLong(f[1]));
                    case "FIN" -> finished.add(Long.parseLong(f[1]));
                    default -> throw new AssertionError(what + ": unexpected line " + line);
                }
                if (!killed && acks >= killAfter) {
                    // SIGKILL: no shutdown hook, no close, no flush. Through the handle, since
                    // Process.destroyForcibly() also closes our end of the pipe, losing lines in it.
                    child.toHandle().destroyForcibly();
                    killed = true;
                }
                // Lines printed before the kill are still read: each is an acknowledged change.
            }
            assertThat(killed).as("%s: the child ended by itself (stderr: %s)", what, read(errors)).isTrue();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("%s: the child ended", what).isTrue();
            assertThat(child.exitValue()).as("%s: killed by SIGKILL", what).isEqualTo(137);

            try (SqlStore store = SqlStore.open(new TestDataSource(url), StoreSettings.forUrl(url))) {
                assertAllThere(store, accepted, started, finished, what);
                assertThat(store.reserveRequestIds(1)).as("%s: a new ID after every reserved one", what)
                        .isGreaterThanOrEqualTo(reservedEnd);
            }
        }
        assertThat(accepted).as("seed %s", seed).hasSizeGreaterThanOrEqualTo(150);
    }

    private static void assertAllThere(SqlStore store, Set<Long> accepted, Set<Long> started, Set<Long> finished,
            String what) {
        Map<Long, StoredRequest> unfinished = new HashMap<>();
        for (StoredRequest r : store.unfinished()) {
            unfinished.put(r.requestId(), r);
        }
        for (long id : accepted) {
            assertThat(unfinished.containsKey(id) || store.result(id).isPresent())
                    .as("%s: acknowledged request %s is in the store", what, id).isTrue();
        }
        for (long id : finished) {
            assertThat(store.result(id)).as("%s: the acknowledged result of %s", what, id).isPresent()
                    .get().extracting(r -> r.status()).isEqualTo(ProgressStatus.SUCCEEDED);
            assertThat(unfinished).as("%s: finished request %s is not unfinished", what, id).doesNotContainKey(id);
        }
        for (long id : started) {
            List<StoredItem> items = unfinished.get(id).items();
            assertThat(items.get(0)).as("%s: started item a of %s", what, id)
                    .isEqualTo(new StoredItem("a", ItemState.RUNNING, null, 1, 0, 0, SyncStoreContract.T0, null));
            assertThat(items.get(1).state()).isEqualTo(ItemState.PENDING);
        }
    }

    private static BlockingQueue<String> linesOf(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("ERR reading the child's output: " + e);
            } finally {
                lines.add(EOF);
            }
        }, "kill-test-reader");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String next(BlockingQueue<String> lines, long deadline, String what, Path errors)
            throws InterruptedException {
        String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line == null) {
            throw new AssertionError(what + ": no output from the child within 60 s; stderr: " + read(errors));
        }
        return line;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String javaCommand() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    /** The test class path (under Surefire a jar whose manifest lists it, which works as well). */
    private static String classPath() {
        return System.getProperty("java.class.path");
    }
}
