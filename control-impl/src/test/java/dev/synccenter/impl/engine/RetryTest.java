package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.BackoffSnapshot;
import dev.synccenter.control.ControlFlag;
import dev.synccenter.control.HistoryFilter;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestPhase;
import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.handler.ItemFailure;

/**
 * Transient and permanent failures (C42), retries with backoff (C43) and what stops them (C45), on
 * a clock the test moves: no test waits for a real backoff. On a real SQLite file here, on
 * PostgreSQL in {@link PostgresRetryTest}.
 */
class RetryTest extends EngineFixture {

    static final Instant START = Instant.parse("2026-12-05T08:00:00Z");
    final TestClock clock = new TestClock(START);

    @Override
    java.time.Clock clock() {
        return clock;
    }

    /** 30 s doubling, no jitter (so the test knows each end), at most 3 attempts. */
    @Override
    EngineSettings settings() {
        return super.settings().withRetry(RetrySettings.DEFAULTS.withJitter(0).withMaxAttempts(3));
    }

    private void advance(Duration by) {
        clock.advance(by);
        engine.clockMoved();
    }

    /** A handler whose item fails with an exception the first {@code failures} times, then succeeds. */
    private static TestHandler throwingFirst(int failures, String... items) {
        AtomicInteger calls = new AtomicInteger();
        return new TestHandler(items).body((ids, cb, ctx, req) -> {
            if (calls.incrementAndGet() <= failures) {
                throw new java.io.IOException("network down");
            }
        });
    }

    private BackoffSnapshot backoff(String handlerId, String itemId) {
        return engine.backoffs().stream().filter(b -> b.handlerId().equals(handlerId) && b.itemId().equals(itemId))
                .findFirst().orElseThrow(() -> new AssertionError("no backoff for " + handlerId + "/" + itemId));
    }

    private void awaitWaiting(SyncRequest request) {
        await().atMost(WAIT).until(() -> engine.request(request.id()).orElseThrow().phase() == RequestPhase.WAITING);
    }

    // C42, C43
    @Test
    void c42_anExceptionIsTransientAndTheItemRunsAgainWhenItsBackoffEnds() {
        TestHandler h = throwingFirst(1, "a");
        register("h", h);
        SyncRequest request = start("h", "a");
        awaitWaiting(request);
        BackoffSnapshot b = backoff("h", "a");
        assertThat(b.failures()).isEqualTo(1);
        assertThat(b.retryAt()).isEqualTo(START.plusSeconds(30));
        assertThat(b.waitingRequests()).containsExactly(request.id());
        assertThat(b.reason()).contains("network down");
        assertThat(engine.metrics().itemsInBackoff()).isEqualTo(1);
        assertThat(engine.metrics().waitingRetries()).isEqualTo(1);
        assertThat(engine.request(request.id()).orElseThrow().waiting()).singleElement()
                .satisfies(w -> assertThat(w.retryAt()).isEqualTo(START.plusSeconds(30)));

        advance(Duration.ofSeconds(29));
        assertThat(isDone(request)).isFalse();
        assertThat(h.calls).hasSize(1); // not before the end of the backoff

        advance(Duration.ofSeconds(1));
        SyncResult result = resultOf(request);
        assertThat(result.status()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(result.attempts()).containsExactly(Map.entry("a", 2));
        assertThat(h.calls).hasSize(2);
        assertThat(engine.backoffs()).isEmpty(); // a success clears it
        assertExactlyOneResult(request);
    }

    // C42
    @Test
    void c42_failedWithoutAWordIsPermanentAndEndsTheRequestAtOnce() {
        TestHandler h = new TestHandler("a").body((ids, cb, ctx, req) ->
                cb.reportProgress("a", "no", ProgressStatus.FAILED, 0, 0));
        register("h", h);
        SyncResult result = resultOf(start("h", "a"));
        assertThat(result.status()).isEqualTo(ProgressStatus.FAILED);
        assertThat(result.attempts()).containsExactly(Map.entry("a", 1));
        assertThat(engine.backoffs()).isEmpty();
    }

    // C42
    @Test
    void c42_aPermanentFailureIsNotRetriedAndATransientOneIs() {
        TestHandler h = new TestHandler("bad", "flaky").body((ids, cb, ctx, req) -> {
            if (ids.contains("bad")) {
                cb.reportFailure("bad", ItemFailure.permanent("credentials refused"));
            }
            if (ids.contains("flaky")) {
                cb.reportFailure("flaky", ItemFailure.transientFailure("server busy"));
            }
        });
        register("h", h);
        SyncRequest request = start("h", "bad", "flaky");
        awaitWaiting(request);
        assertThat(engine.request(request.id()).orElseThrow().items()).extracting(p -> p.status())
                .containsExactly(ProgressStatus.FAILED, ProgressStatus.PENDING);
        assertThat(engine.backoffs()).extracting(BackoffSnapshot::itemId).containsExactly("flaky");
        assertThat(backoff("h", "flaky").reason()).isEqualTo("server busy");
        advance(Duration.ofSeconds(30));
        await().atMost(WAIT).until(() -> backoff("h", "flaky").failures() == 2);
        advance(Duration.ofSeconds(60));
        SyncResult result = resultOf(request);
        assertThat(result.items()).containsExactly(Map.entry("bad", ProgressStatus.FAILED),
                Map.entry("flaky", ProgressStatus.FAILED));
        assertThat(result.attempts()).containsExactly(Map.entry("bad", 1), Map.entry("flaky", 3));
    }

    // C42
    @Test
    void c42_disconnectedIsTransient() {
        AtomicInteger calls = new AtomicInteger();
        TestHandler h = new TestHandler("a").body((ids, cb, ctx, req) -> cb.reportProgress("a", "",
                calls.incrementAndGet() == 1 ? ProgressStatus.DISCONNECTED : ProgressStatus.SUCCEEDED, 0, 0));
        register("h", h);
        SyncRequest request = start("h", "a");
        awaitWaiting(request);
        advance(Duration.ofSeconds(30));
        assertThat(resultOf(request).status()).isEqualTo(ProgressStatus.SUCCEEDED);
    }

    // C42
    @Test
    void c42_aRetryAfterLaterThanTheBackoffWins() {
        Instant notBefore = START.plus(Duration.ofMinutes(5));
        AtomicInteger calls = new AtomicInteger();
        TestHandler h = new TestHandler("a").body((ids, cb, ctx, req) -> {
            if (calls.incrementAndGet() == 1) {
                cb.reportFailure("a", ItemFailure.retryAfter("rate limited", notBefore));
            }
        });
        register("h", h);
        SyncRequest request = start("h", "a");
        awaitWaiting(request);
        assertThat(backoff("h", "a").retryAt()).isEqualTo(notBefore);
        advance(Duration.ofSeconds(30));
        assertThat(h.calls).hasSize(1);
        advance(Duration.ofMinutes(5));
        assertThat(resultOf(request).status()).isEqualTo(ProgressStatus.SUCCEEDED);
    }

    // C43
    @Test
    void c43_theBackoffDoublesAndTheOneResultComesAfterTheLastAttempt() {
        TestHandler h = throwingFirst(Integer.MAX_VALUE, "a");
        register("h", h);
        SyncRequest request = start("h", "a");
        awaitWaiting(request);
        assertThat(backoff("h", "a").delay()).isEqualTo(Duration.ofSeconds(30));
        advance(Duration.ofSeconds(30));
        await().atMost(WAIT).until(() -> backoff("h", "a").failures() == 2);
        assertThat(backoff("h", "a").delay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(isDone(request)).isFalse();
        advance(Duration.ofSeconds(60));
        SyncResult result = resultOf(request);
        assertThat(result.status()).isEqualTo(ProgressStatus.FAILED);
        assertThat(result.attempts()).containsExactly(Map.entry("a", 3));
        assertThat(result.errorCount()).isEqualTo(3); // one error event per failed attempt
        BackoffSnapshot after = backoff("h", "a");
        assertThat(after.failures()).isEqualTo(3);
        assertThat(after.waitingRequests()).isEmpty();
        assertExactlyOneResult(request);
    }

    // C43
    @Test
    void c43_theBackoffIsCappedAndAHandlerCanSayOtherwiseThroughItsSettings() {
        RetrySettings capped = new RetrySettings(Duration.ofSeconds(30), 10, Duration.ofSeconds(100), 0, 3);
        assertThat(capped.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(capped.delayAfter(2)).isEqualTo(Duration.ofSeconds(100));
        RetrySettings jittered = RetrySettings.DEFAULTS;
        for (int i = 0; i < 100; i++) {
            assertThat(jittered.delayAfter(1)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(33));
            assertThat(jittered.delayAfter(20)).isEqualTo(Duration.ofHours(1));
        }
    }

    // C43
    @Test
    void c43_aHandlerServiceCanSayHowItsItemsAreRetried() {
        TestHandler h = throwingFirst(Integer.MAX_VALUE, "a");
        HandlerRef ref = new HandlerRef(9_001, 0, "own", "test.bundle 1.0.0", h,
                new RetryOverrides(Duration.ofSeconds(5), null, null, null, 2));
        engine.handlerAdded(ref);
        await().atMost(WAIT).until(() -> servedBy("own", ref.serviceId()));
        SyncRequest request = start("own", "a");
        awaitWaiting(request);
        assertThat(backoff("own", "a").retryAt()).isEqualTo(START.plusSeconds(5));
        advance(Duration.ofSeconds(5));
        SyncResult result = resultOf(request);
        assertThat(result.status()).isEqualTo(ProgressStatus.FAILED);
        assertThat(result.attempts()).containsExactly(Map.entry("a", 2)); // its own maximum, not the engine's 3
    }

    // C43
    @Test
    void c43_retryNowRunsTheWaitingRequestsAtOnce() {
        TestHandler h = throwingFirst(1, "a");
        register("h", h);
        SyncRequest request = start("h", "a");
        awaitWaiting(request);
        engine.retryNow("h", "a");
        assertThat(resultOf(request).status()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(engine.backoffs()).isEmpty();
        assertThatThrownBy(() -> engine.retryNow("h", "a")).isInstanceOf(SyncArgumentException.class)
                .hasMessageContaining("itemId").hasMessageContaining("not in backoff");
    }

    // C43
    @Test
    void c43_giveUpEndsTheWaitingRequestsFailedWithTheirAttempts() {
        register("h", throwingFirst(Integer.MAX_VALUE, "a"));
        SyncRequest request = start("h", "a");
        awaitWaiting(request);
        engine.giveUp("h", "a");
        SyncResult result = resultOf(request);
        assertThat(result.status()).isEqualTo(ProgressStatus.FAILED);
        assertThat(result.attempts()).containsExactly(Map.entry("a", 1));
        assertThat(result.reason()).contains("given up by an operator");
        assertThat(engine.backoffs()).isEmpty();
    }

    // C18, C43: the storm (seed 30352320701062 under load) found a request whose item ended FAILED with no
    // error: two concurrent sessions of the item, one DISCONNECTED (no error event), then one FAILED
    @Test
    void c43_giveUpEndsEachWaitingRequestAsItsOwnLastAttemptEndedWhenConcurrentSessionsEndedDifferently()
            throws Exception {
        Gate disconnects = new Gate();
        Gate fails = new Gate();
        AtomicInteger calls = new AtomicInteger();
        TestHandler h = new TestHandler("a").body((ids, cb, ctx, req) -> {
            if (calls.incrementAndGet() == 1) {
                disconnects.pass();
                cb.reportProgress("a", "", ProgressStatus.DISCONNECTED, 0, 0);
            } else {
                fails.pass();
                throw new java.io.IOException("network down");
            }
        });
        h.capabilities = Set.of(dev.synccenter.control.HandlerCapability.SUPPORTS_CONCURRENT_SESSIONS);
        register("h", h);
        SyncRequest disconnected = start("h", "a");
        disconnects.awaitEntered(1);
        SyncRequest failed = start("h", "a"); // a session of its own beside the first (C9, C10)
        fails.awaitEntered(1);
        disconnects.open();
        awaitWaiting(disconnected);
        fails.open();
        awaitWaiting(failed);
        engine.giveUp("h", "a");
        SyncResult d = resultOf(disconnected);
        assertThat(d.items()).containsExactly(Map.entry("a", ProgressStatus.DISCONNECTED));
        assertThat(d.errorCount()).isZero();
        SyncResult f = resultOf(failed);
        assertThat(f.items()).containsExactly(Map.entry("a", ProgressStatus.FAILED));
        assertThat(f.errorCount()).isEqualTo(1);
    }

    // C43
    @Test
    void c43_aStartByHandIgnoresTheBackoffAndTakesTheWaitingRequestAlong() {
        TestHandler h = throwingFirst(1, "a");
        register("h", h);
        SyncRequest first = start("h", "a");
        awaitWaiting(first);
        SyncRequest byHand = start("h", "a");
        assertThat(resultOf(byHand).status()).isEqualTo(ProgressStatus.SUCCEEDED);
        SyncResult firstResult = resultOf(first);
        assertThat(firstResult.status()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(firstResult.attempts()).containsExactly(Map.entry("a", 2));
        assertThat(h.calls).hasSize(2); // the item was synced once for both
    }

    // C43, C16
    @Test
    void c43_aSessionThatAddsTheItemTakesTheWaitingRequestAlong() {
        AtomicInteger calls = new AtomicInteger();
        TestHandler h = new TestHandler("a", "b").body((ids, cb, ctx, req) -> {
            if (calls.incrementAndGet() == 1) {
                throw new java.io.IOException("network down"); // b fails for now
            }
            cb.addItemToSession("b"); // the second session, for a, takes b in too (C16)
        });
        register("h", h);
        SyncRequest waiting = start("h", "b");
        awaitWaiting(waiting);
        assertThat(resultOf(start("h", "a")).status()).isEqualTo(ProgressStatus.SUCCEEDED);
        SyncResult result = resultOf(waiting);
        assertThat(result.status()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(result.attempts()).containsExactly(Map.entry("b", 2));
        assertThat(h.calls).hasSize(2);
    }

    // C43, C20
    @Test
    void c43_aStopEndsAWaitingItemCanceled() {
        register("h", throwingFirst(Integer.MAX_VALUE, "a"));
        SyncRequest request = start("h", "a");
        awaitWaiting(request);
        engine.stopItemSync("h", List.of("a"));
        assertThat(resultOf(request).status()).isEqualTo(ProgressStatus.CANCELED);
    }

    // C43, C37
    @Test
    void c43_aRestartInTheMiddleOfABackoffNeitherForgetsItNorRetriesAtOnce() {
        register("h", throwingFirst(1, "a"));
        SyncRequest request = start("h", "a");
        awaitWaiting(request);
        advance(Duration.ofSeconds(10));
        restart();
        TestHandler after = new TestHandler("a");
        register("h", after);
        BackoffSnapshot b = backoff("h", "a");
        assertThat(b.retryAt()).isEqualTo(START.plusSeconds(30));
        assertThat(b.failures()).isEqualTo(1);
        assertThat(b.waitingRequests()).containsExactly(request.id());
        assertThat(after.calls).isEmpty();
        advance(Duration.ofSeconds(20));
        await().atMost(WAIT).until(() -> !engine.history(HistoryFilter.ALL).isEmpty());
        SyncResult result = engine.history(HistoryFilter.ALL).get(0);
        assertThat(result.requestId()).isEqualTo(request.id());
        assertThat(result.status()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(result.attempts()).containsExactly(Map.entry("a", 2));
        assertThat(after.calls).hasSize(1);
    }

    // C45
    @Test
    void c45_aDisabledHandlerIsNotRetriedAndResumesWhenEnabled() {
        TestHandler h = throwingFirst(1, "a");
        register("h", h);
        SyncRequest request = start("h", "a");
        awaitWaiting(request);
        engine.enableHandler(false, "h", Set.of(ControlFlag.WAIT));
        advance(Duration.ofMinutes(10));
        assertThat(h.calls).hasSize(1);
        assertThat(engine.request(request.id()).orElseThrow().phase()).isEqualTo(RequestPhase.WAITING); // not lost
        engine.enableHandler(true, "h", Set.of(ControlFlag.WAIT));
        assertThat(resultOf(request).status()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(h.calls).hasSize(2);
    }

    // C45
    @Test
    void c45_aDisabledItemIsNotRetriedAndResumesWhenEnabled() {
        TestHandler h = throwingFirst(1, "a");
        register("h", h);
        SyncRequest request = start("h", "a");
        awaitWaiting(request);
        engine.enableItem(false, "h", "a", Set.of(ControlFlag.WAIT));
        advance(Duration.ofMinutes(10));
        assertThat(h.calls).hasSize(1);
        engine.enableItem(true, "h", "a", Set.of(ControlFlag.WAIT));
        assertThat(resultOf(request).status()).isEqualTo(ProgressStatus.SUCCEEDED);
    }

    // C45, C26
    @Test
    void c45_whenTheParkTimeoutExpiresTheWaitingRequestsFailAsQueuedOnesDo() {
        engine.configure(engine.settings().withParkTimeout(Duration.ofMillis(200)));
        HandlerRef one = register("h", throwingFirst(1, "a"));
        SyncRequest request = start("h", "a");
        awaitWaiting(request);
        engine.handlerRemoved(one); // never comes back
        SyncResult result = resultOf(request);
        assertThat(result.status()).isEqualTo(ProgressStatus.FAILED);
        assertThat(result.reason()).isEqualTo("handler unavailable");
        assertThat(result.attempts()).containsExactly(Map.entry("a", 1));
        // The backoff itself is kept for when a service with that ID comes back.
        assertThat(backoff("h", "a").failures()).isEqualTo(1);
        assertThat(backoff("h", "a").waitingRequests()).isEmpty();
    }

    // C45, C26
    @Test
    void c45_aParkedHandlerKeepsItsBackoffAndRetriesWhenServedAgain() {
        HandlerRef one = register("h", throwingFirst(1, "a"));
        SyncRequest request = start("h", "a");
        awaitWaiting(request);
        engine.handlerRemoved(one);
        advance(Duration.ofMinutes(10));
        assertThat(isDone(request)).isFalse();
        TestHandler back = new TestHandler("a");
        register("h", back);
        assertThat(resultOf(request).status()).isEqualTo(ProgressStatus.SUCCEEDED);
        assertThat(back.calls).hasSize(1);
    }
}
