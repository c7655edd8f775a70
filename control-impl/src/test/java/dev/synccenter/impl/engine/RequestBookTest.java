package dev.synccenter.impl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestKind;
import dev.synccenter.control.SyncResult;
import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.sql.SqlStore;
import dev.synccenter.impl.notify.DeliveryQueue;
import dev.synccenter.impl.notify.Notifier;

/** The request book alone: IDs, the one place that sets a result (C17, C18), the bounded history. */
class RequestBookTest {

    private final EngineLock lock = new EngineLock();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private EngineSettings settings = EngineSettings.defaults().withRequestHistory(2);
    @TempDir
    static Path dir;
    private SqlStore store;
    private EngineThreads threads;
    private Journal journal;
    private RequestBook book;

    @BeforeEach
    void open() throws java.io.IOException {
        store = TestStores.sqlite(java.nio.file.Files.createTempDirectory(dir, "book"));
        threads = new EngineThreads(() -> Duration.ofSeconds(1));
        journal = new Journal(store, threads, Duration.ofMillis(100));
        book = new RequestBook(lock, () -> settings, new Reporter(lock, new Notifier(pool), journal,
                new Pruning(journal, threads, () -> settings), clock),
                new DeliveryQueue(pool), journal, clock);
    }
    private final List<SyncResult> heard = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        assertThat(journal.awaitQuiet(Duration.ofSeconds(10))).as("every change stored").isTrue();
        threads.shutdown(Duration.ofSeconds(1));
        store.close();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Accepts a request as a start call does: stored first (C36), then open. */
    private Request accept(String... items) {
        journal.ensureIds(1);
        Request r = lock.call(() -> book.accept("h", RequestKind.ITEM_SYNC, Set.of(), null, heard::add));
        journal.owned(new StoreChange.RequestAccepted(r.id, "h", RequestKind.ITEM_SYNC, Set.of(), null, false,
                r.acceptedAt(), List.of(items))).join();
        lock.run(() -> {
            book.open(r);
            for (String item : items) {
                r.expect(item);
            }
        });
        return r;
    }

    // C17
    @Test
    void c17_aRequestCompletesOnceWhenItsLastItemIsFinal() throws Exception {
        Request r = accept("a", "b");
        lock.run(() -> {
            book.finish(r, "a", ProgressStatus.SUCCEEDED, 0, 0);
            book.settle(r);
            assertThat(r.finalResult()).as("b is still pending").isNull();
            book.finish(r, "b", ProgressStatus.FAILED, 1, 0);
            book.settle(List.of(r, r));
            book.settle(r);
        });
        SyncResult result = r.result().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(ProgressStatus.FAILED); // C18
        assertThat(result.errorCount()).isEqualTo(1);
        assertThat(lock.call(book::anyOpen)).isFalse();
        assertThat(lock.call(() -> book.find(r.id))).isSameAs(r);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());
        assertThat(heard).containsExactly(result);
    }

    // C17
    @Test
    void c17_aSecondResultIsALoudFailureNeverASilentOverwrite() {
        Request r = accept("a");
        lock.run(() -> {
            book.finish(r, "a", ProgressStatus.SUCCEEDED, 0, 0);
            book.settle(r);
        });
        SyncResult first = r.finalResult();
        assertThatThrownBy(() -> r.recordResult(r.buildResult(clock.instant())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("second result");
        assertThat(r.finalResult()).isSameAs(first);
    }

    @Test
    void idsAreUniqueAndIncreasing() {
        long a = accept("x").id;
        long b = accept("x").id;
        assertThat(b).isGreaterThan(a);
    }

    @Test
    void resultsSayWhenTheRequestWasAcceptedStartedAndFinishedAndWhichBundleServedIt() {
        Request r = accept("a");
        HandlerSlot slot = new HandlerSlot("h");
        HandlerRef ref = new HandlerRef(1, 0, "h", "demo.handler 2.0.0", (dev.synccenter.handler.SyncHandler) null);
        Session session = new Session(1, slot, ref, r, List.of("a"));
        SessionItem item = new SessionItem("a");
        Instant started = clock.instant().plusSeconds(1);
        lock.run(() -> {
            r.subscribe(session, item, started);
            book.finish(r, "a", ProgressStatus.SUCCEEDED, 0, 0);
            book.settle(r);
        });
        SyncResult result = r.finalResult();
        assertThat(result.acceptedAt()).isEqualTo(clock.instant());
        assertThat(result.startedAt()).isEqualTo(started);
        assertThat(result.finishedAt()).isEqualTo(clock.instant());
        assertThat(result.servedBy()).isEqualTo("demo.handler 2.0.0");
    }

    @Test
    void theHistoryKeepsTheNewestFinishedRequestsUpToItsBound() {
        Request[] all = {accept("a"), accept("a"), accept("a")};
        lock.run(() -> {
            for (Request r : all) {
                book.finish(r, "a", ProgressStatus.SUCCEEDED, 0, 0);
                book.settle(r);
            }
        });
        assertThat(lock.call(() -> book.find(all[0].id))).as("dropped: the history holds 2").isNull();
        assertThat(lock.call(() -> book.find(all[2].id))).isSameAs(all[2]);
    }

    // C35
    @Test
    void c35_aForcedStopEndsEveryOpenRequestCanceledWithTheReason() {
        Request r = accept("a", "b");
        lock.run(() -> {
            book.finish(r, "a", ProgressStatus.SUCCEEDED, 0, 0);
            book.cancelAllOpen("platform shutting down");
        });
        SyncResult result = r.finalResult();
        assertThat(result.status()).isEqualTo(ProgressStatus.CANCELED);
        assertThat(result.items()).containsEntry("a", ProgressStatus.SUCCEEDED)
                .containsEntry("b", ProgressStatus.CANCELED);
        assertThat(result.reason()).isEqualTo("platform shutting down");
    }
}
