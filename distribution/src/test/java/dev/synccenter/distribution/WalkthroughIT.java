package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.synccenter.distribution.Distribution.Answer;
import dev.synccenter.testsupport.Poll;

/**
 * The README's walkthroughs, on the distribution as it ships (the demo handler at its shipped pace,
 * the example folder pair): what they promise is there to be seen. A user who follows a request
 * sees it move item by item, a hot swap meets a running request that still ends once, and after
 * the folder-sync demo the history and the events say what the sync did.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalkthroughIT {

    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Path template = Path.of(System.getProperty("dist.dir", "target/sync-center"));
    private final Path jars = Path.of(System.getProperty("it.jars.dir", "target/it-jars"));
    private final Path work = Path.of(System.getProperty("it.work.dir", "target/it-work"));

    private Distribution dist;

    @BeforeAll
    void startAsShipped() throws IOException {
        Path shippedDemo = template.resolve("etc").resolve(Distribution.DEMO_CFG);
        dist = Distribution.start(template, work.resolve("walkthrough"),
                Map.of(Distribution.DEMO_CFG, Files.readString(shippedDemo)));
        dist.awaitReady(STARTUP);
    }

    @AfterAll
    void stop() {
        if (dist != null) {
            dist.close();
        }
    }

    @Test
    void followingARequestOfTheShippedDemoShowsItsItemsStepByStep() throws Exception {
        long id = startedId(dist.client("start", "demo", "alpha"));

        Answer followed = dist.client("follow", String.valueOf(id));

        assertThat(followed.status()).isZero();
        List<String> steps = followed.lines().stream().filter(l -> l.contains("alpha")).distinct().toList();
        assertThat(steps).as("the lines 'bin/sync follow' printed: %s", followed.lines()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(followed.lines().get(followed.lines().size() - 1)).contains("SUCCEEDED");
    }

    /** C26, C27: the README's hot swap, done as it says, meets a running request that ends once. */
    @Test
    void theReadmesHotSwapMeetsARunningRequestThatStillEndsOnce() throws Exception {
        long id = startedId(dist.client("start", "demo", "alpha", "beta", "gamma"));
        Poll.until("request " + id + " to run", WAIT, () -> dist.ok("sync:request " + id).text(),
                text -> text.contains("RUNNING"));

        dist.dropHandler(jars.resolve("demo-handler-v2.jar"), "demo-handler.jar");

        Poll.until("the demo handler to serve as 2.0.0", WAIT, () -> dist.ok("sync:handlers").text(),
                text -> text.contains("Demo handler 2.0.0"));
        Answer waited = dist.client("wait", String.valueOf(id), "120");
        assertThat(waited.text()).contains("SUCCEEDED");
        String history = dist.ok("sync:history --handler demo --limit 1000").text();
        assertThat(history.lines().filter(l -> l.trim().startsWith(id + " "))).as(history).hasSize(1);
        assertThat(dist.ok("sync:request " + id).text()).as("served by the version it ended on").contains("2.0.0");
    }

    @Test
    void afterTheFolderSyncDemoTheHistoryAndTheEventsSayWhatTheSyncDid() throws Exception {
        Path source = dist.home().resolve("data/example-source");
        Files.createDirectories(source);
        Files.writeString(source.resolve("walkthrough.txt"), "put into the source folder");

        Poll.until("the file to be synced by itself", WAIT,
                () -> Files.exists(dist.home().resolve("data/example-target/walkthrough.txt")), copied -> copied);
        String events = Poll.until("the sync's information event", WAIT,
                () -> dist.ok("sync:events --handler folders").text(), text -> text.contains("walkthrough.txt"));
        assertThat(events).contains("Synced "); // with the README.txt the distribution ships there
        assertThat(dist.ok("sync:history --handler folders").text()).contains("SUCCEEDED");
    }

    private static long startedId(Answer started) {
        assertThat(started.status()).as(started.toString()).isZero();
        return Long.parseLong(started.lines().get(0).trim());
    }
}
