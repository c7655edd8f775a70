package dev.synccenter.shell;

import static dev.synccenter.shell.EngineOnAClock.HANDLER;
import static dev.synccenter.shell.EngineOnAClock.START;
import static dev.synccenter.shell.EngineOnAClock.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.synccenter.control.RequestPhase;
import dev.synccenter.control.SyncArgumentException;

/**
 * The commands of retries with backoff (C43) on the real engine: {@code backoffs}, {@code retry},
 * {@code giveup}, and what {@code requests}, {@code request} and {@code wait} show of a request
 * that waits for a retry and of the attempts its result took.
 */
class BackoffCommandsTest {

    @TempDir
    static Path dir;
    final EngineOnAClock platform = new EngineOnAClock(dir);
    /** When the first backoff of an item that failed at the start ends: 30 s, no jitter. */
    final String firstRetry = Formats.iso(START.plusSeconds(30));

    @AfterEach
    void close() {
        platform.close();
    }

    private String run(String command, String... args) throws InterruptedException {
        return platform.run(command, args);
    }

    /** Starts a sync of alpha, which fails transiently once: the request then waits for its retry. */
    private long waitingRequest() throws InterruptedException {
        platform.failNext("alpha", 1);
        long id = Long.parseLong(run("start", HANDLER, "alpha").strip());
        await().atMost(WAIT).until(() -> platform.engine.request(id).orElseThrow().phase() == RequestPhase.WAITING);
        return id;
    }

    // C43
    @Test
    void c43_backoffsListsEachItemInBackoffWithItsDelayRetryTimeWaitingRequestsAndReason() throws Exception {
        assertThat(run("backoffs")).isEqualTo("no item is in backoff\n");
        long id = waitingRequest();
        List<String> lines = run("backoffs").lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches(
                "HANDLER\\s+ITEM\\s+FAILURES\\s+DELAY\\s+RETRY AT\\s+WAITING REQUESTS\\s+REASON");
        assertThat(lines.get(1)).matches(
                "demo\\s+alpha\\s+1\\s+30s\\s+" + firstRetry + "\\s+" + id + "\\s+server busy");
    }

    // C43
    @Test
    void c43_requestsAndRequestShowTheWaitingPhaseAndEachWaitingItemsRetryTime() throws Exception {
        long id = waitingRequest();
        assertThat(run("requests")).containsPattern("RETRY AT\\s+TEXT\n" + id
                + "\\s+demo\\s+ITEM_SYNC\\s+WAITING\\s+\\S+\\s+alpha\\s+WAITING\\s+-\\s+" + firstRetry + "\\s+-\n");
        assertThat(run("requests", "--state", "waiting")).contains(id + " ");

        String shown = run("request", String.valueOf(id));
        assertThat(shown).containsPattern("(?m)^phase\\s+WAITING$")
                .containsPattern("(?m)^ITEM\\s+STATUS\\s+PROGRESS\\s+ATTEMPTS\\s+TEXT$")
                .containsPattern("(?m)^alpha\\s+WAITING\\s+-\\s+1\\s+-$")
                .containsPattern("(?m)^WAITING\\s+RETRY AT\\s+REASON\\nalpha\\s+" + firstRetry + "\\s+server busy$");
        assertThatThrownBy(() -> run("wait", String.valueOf(id), "0")).isInstanceOf(WaitTimeoutException.class)
                .hasMessage("wait: request " + id + " is still WAITING after 0 s");
    }

    // C43
    @Test
    void c43_retryRunsTheWaitingRequestAtOnceAndItsResultShowsTheAttempts() throws Exception {
        long id = waitingRequest();
        assertThat(run("retry", HANDLER, "alpha")).isEqualTo("item alpha of handler demo: backoff ended; the"
                + " requests that waited for it run as soon as it can sync\n");
        String done = run("wait", String.valueOf(id), "10");
        assertThat(done).as("the failed attempt's error counts in the one result (C18)").isEqualTo("request " + id
                + " DONE SUCCEEDED (errors 1, conflicts 0): alpha SUCCEEDED (2 attempts)\n");
        assertThat(run("request", String.valueOf(id))).containsPattern("(?m)^alpha\\s+SUCCEEDED\\s+\\S+\\s+2\\s+\\S+$")
                .doesNotContain("RETRY AT");
        assertThat(run("backoffs")).isEqualTo("no item is in backoff\n");
    }

    // C43
    @Test
    void c43_giveupEndsTheWaitingRequestWithTheItemFailedAfterItsAttempts() throws Exception {
        long id = waitingRequest();
        assertThat(run("giveup", HANDLER, "alpha")).isEqualTo("item alpha of handler demo: given up; the requests"
                + " that waited for it end it FAILED\n");
        assertThat(run("wait", String.valueOf(id), "10")).startsWith("request " + id + " DONE FAILED (errors ")
                .contains("given up by an operator after 1 transient failure(s); the last: server busy")
                .endsWith("alpha FAILED\n");
        assertThat(run("request", String.valueOf(id))).containsPattern("(?m)^alpha\\s+FAILED\\s+\\S+\\s+1\\s+\\S+$");
        assertThat(run("backoffs")).isEqualTo("no item is in backoff\n");
    }

    // C43
    @Test
    void c43_theBackoffEndsByItselfWhenTheClockReachesItsRetryTime() throws Exception {
        long id = waitingRequest();
        platform.advance(java.time.Duration.ofSeconds(30));
        assertThat(run("wait", String.valueOf(id), "10")).endsWith("alpha SUCCEEDED (2 attempts)\n");
    }

    // C43
    @Test
    void c43_badArgumentsAreNamedAndChangeNothing() throws Exception {
        waitingRequest();
        assertThatThrownBy(() -> run("retry", HANDLER)).isInstanceOf(UsageException.class)
                .hasMessage("retry: missing argument <item>; usage: retry <handler> <item>");
        assertThatThrownBy(() -> run("giveup")).hasMessage("giveup: missing argument <handler>; usage: giveup"
                + " <handler> <item>");
        assertThatThrownBy(() -> run("backoffs", "demo")).hasMessage("backoffs: unexpected argument 'demo'; usage:"
                + " backoffs");
        assertThatThrownBy(() -> run("retry", HANDLER, "beta")).isInstanceOf(SyncArgumentException.class)
                .hasMessage("itemId: item 'beta' of handler 'demo' is not in backoff");
        assertThatThrownBy(() -> run("giveup", "nobody", "alpha")).isInstanceOf(SyncArgumentException.class)
                .hasMessage("handlerId: no handler 'nobody' is registered or parked");
        assertThatThrownBy(() -> run("retry", HANDLER, "x".repeat(64))).isInstanceOf(SyncArgumentException.class)
                .hasMessageStartingWith("itemId: must be at most 63 characters");
        assertThat(platform.engine.backoffs()).singleElement().satisfies(b -> assertThat(b.failures()).isEqualTo(1));
    }

    @Test
    void helpShowsTheBackoffCommands() throws Exception {
        assertThat(run("help").lines()).anySatisfy(l -> assertThat(l).startsWith("sync:backoffs "))
                .anySatisfy(l -> assertThat(l).startsWith("sync:retry "))
                .anySatisfy(l -> assertThat(l).startsWith("sync:giveup "));
        assertThat(run("help", "retry").lines()).first().isEqualTo("usage: sync:retry <handler> <item>");
        assertThat(run("help", "sync:giveup").lines()).first().isEqualTo("usage: sync:giveup <handler> <item>");
        assertThat(run("help", "requests").lines()).first().isEqualTo(
                "usage: sync:requests [--handler h] [--state QUEUED|PARKED|WAITING|RUNNING] [--limit n]");
    }
}
