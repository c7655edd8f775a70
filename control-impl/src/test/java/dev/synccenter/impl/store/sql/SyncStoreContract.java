package dev.synccenter.impl.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.synccenter.control.EventFilter;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestKind;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.audit.AuditEntry;
import dev.synccenter.impl.store.ContextCodec;
import dev.synccenter.control.HistoryFilter;
import dev.synccenter.impl.store.ItemState;
import dev.synccenter.impl.store.Pruned;
import dev.synccenter.impl.store.Retention;
import dev.synccenter.impl.store.StateKey;
import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.StoreChange.ItemFinished;
import dev.synccenter.impl.store.StoreChange.ItemStarted;
import dev.synccenter.impl.store.StoreChange.ItemsResolved;
import dev.synccenter.impl.store.StoreChange.RequestAccepted;
import dev.synccenter.impl.store.StoreChange.RequestFinished;
import dev.synccenter.impl.store.StoreException;
import dev.synccenter.impl.store.StoredItem;
import dev.synccenter.impl.store.StoredRequest;

/**
 * The store's behaviour, the same against every database: each subclass gives a fresh real
 * database per test (a SQLite file, a PostgreSQL schema) and runs every test here (C36 to C41).
 */
abstract class SyncStoreContract {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456Z");

    protected String url;
    protected TestDataSource dataSource;
    private final List<SqlStore> stores = new ArrayList<>();

    /** The kind of database each test gets a fresh one of. */
    protected abstract TestDatabase database();

    @BeforeEach
    void createDatabase() throws Exception {
        url = database().create();
        dataSource = new TestDataSource(url);
    }

    @AfterEach
    void closeAndDrop() throws Exception {
        dataSource.openGate();
        dataSource.failing(false);
        stores.forEach(SqlStore::close);
        database().drop(url);
    }

    protected StoreSettings settings() {
        return StoreSettings.forUrl(url).withRetryInterval(Duration.ofMillis(50));
    }

    protected SqlStore open() {
        return open(settings());
    }

    protected SqlStore open(StoreSettings s) {
        SqlStore store = SqlStore.open(dataSource, s);
        stores.add(store);
        return store;
    }

    protected SqlStore reopen(SqlStore store) {
        store.close();
        return open();
    }

    static <T> T stored(CompletableFuture<T> f) {
        try {
            return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("not stored: " + e.getCause(), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            throw new AssertionError("no answer within " + WAIT, e);
        }
    }

    static StoreException refused(CompletableFuture<?> f) {
        try {
            f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(StoreException.class);
            return (StoreException) e.getCause();
        } catch (TimeoutException | InterruptedException e) {
            throw new AssertionError("no answer within " + WAIT, e);
        }
        return fail("stored, but should have been refused");
    }

    static RequestAccepted itemSync(long id, String handler, String... items) {
        return new RequestAccepted(id, handler, RequestKind.ITEM_SYNC, Set.of(), null, false, T0.plusSeconds(id),
                List.of(items));
    }

    static SyncResult result(long id, String handler, ProgressStatus status, Instant finished) {
        Map<String, ProgressStatus> items = new LinkedHashMap<>();
        items.put("b", status);
        items.put("a", ProgressStatus.SUCCEEDED);
        return new SyncResult(id, handler, status, 1, 2, items, status == ProgressStatus.FAILED ? "why" : null,
                T0, T0.plusMillis(5), finished, "dev.synccenter.sample.demo 1.0.0");
    }

    static SyncEvent event(String handler, String item, EventLevel level, Instant time) {
        return new SyncEvent(UUID.randomUUID(), time, handler, item, level, "name " + level, "what happened",
                "link", "ref://x", "{\"ctx\":1}", 7, 3);
    }

    // ---- C36: durable IDs and changes

    @Test
    void c36_requestIdsAreNeverHandedOutTwiceAcrossReopening() {
        SqlStore store = open();
        long first = store.reserveRequestIds(10);
        assertThat(first).isEqualTo(1);
        assertThat(store.reserveRequestIds(5)).isEqualTo(11);
        store = reopen(store);
        assertThat(store.reserveRequestIds(1)).isEqualTo(16);
        assertThatThrownBy(() -> open().reserveRequestIds(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void c36_anAcknowledgedRequestSurvivesClosingAndReopeningWithItsContextFlagsAndKind() {
        SqlStore store = open();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("folder", "/data/photos");
        context.put("limits", List.of(5L, 2.5, (short) 1));
        context.put("token", new byte[] {1, 2});
        String text = ((ContextCodec.Encoded.Storable) new ContextCodec(1024).encode(context)).text();
        stored(store.submit(new RequestAccepted(4, "photos", RequestKind.ITEM_SYNC,
                Set.of(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING), text, false, T0, List.of("2024", "2023"))));
        stored(store.submit(new RequestAccepted(5, "photos", RequestKind.HANDLER_SYNC, Set.of(), null, true,
                T0.plusSeconds(1), List.of())));

        store = reopen(store);

        List<StoredRequest> unfinished = store.unfinished();
        assertThat(unfinished).extracting(StoredRequest::requestId).containsExactly(4L, 5L);
        StoredRequest r = unfinished.get(0);
        assertThat(r.handlerId()).isEqualTo("photos");
        assertThat(r.kind()).isEqualTo(RequestKind.ITEM_SYNC);
        assertThat(r.flags()).containsExactly(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING);
        assertThat(r.acceptedAt()).isEqualTo(T0);
        assertThat(r.volatileContext()).isFalse();
        assertThat(r.resolved()).isTrue();
        Map<?, ?> back = (Map<?, ?>) r.context();
        assertThat(back.get("folder")).isEqualTo("/data/photos");
        assertThat(back.get("limits")).isEqualTo(List.of(5L, 2.5, (short) 1));
        assertThat((byte[]) back.get("token")).containsExactly(1, 2);
        assertThat(r.items()).extracting(StoredItem::itemId).containsExactly("2024", "2023");
        StoredRequest handlerSync = unfinished.get(1);
        assertThat(handlerSync.volatileContext()).isTrue();
        assertThat(handlerSync.context()).isNull();
        assertThat(handlerSync.kind()).isEqualTo(RequestKind.HANDLER_SYNC);
        assertThat(handlerSync.resolved()).isFalse();
        assertThat(handlerSync.items()).isEmpty();
    }

    // ---- C37: what recovery needs

    @Test
    void c37_unfinishedRequestsComeInIdOrderWithTheirItemsStatesAndAttempts() {
        SqlStore store = open();
        stored(store.submit(itemSync(2, "h", "a", "b", "c")));
        stored(store.submit(new RequestAccepted(1, "h", RequestKind.HANDLER_SYNC, Set.of(), null, false, T0,
                List.of())));
        stored(store.submit(itemSync(3, "g", "x")));
        for (StoreChange c : List.of(new ItemStarted(2, "a", 1, T0), new ItemStarted(2, "a", 2, T0.plusSeconds(9)),
                new ItemFinished(2, "b", ProgressStatus.FAILED, 1, 2, T0.plusSeconds(3)),
                new ItemStarted(2, "c", 1, T0), new ItemFinished(2, "c", ProgressStatus.SUCCEEDED, 0, 0, T0),
                new ItemsResolved(1, List.of("p", "q")), new ItemStarted(1, "p", 1, T0),
                new RequestFinished(result(3, "g", ProgressStatus.SUCCEEDED, T0)))) {
            stored(store.submit(c));
        }

        List<StoredRequest> unfinished = reopen(store).unfinished();

        assertThat(unfinished).extracting(StoredRequest::requestId).containsExactly(1L, 2L);
        assertThat(unfinished.get(0).resolved()).isTrue();
        assertThat(unfinished.get(0).items()).containsExactly(
                new StoredItem("p", ItemState.RUNNING, null, 1, 0, 0, T0, null),
                new StoredItem("q", ItemState.PENDING, null, 0, 0, 0, null, null));
        assertThat(unfinished.get(1).items()).containsExactly(
                new StoredItem("a", ItemState.RUNNING, null, 2, 0, 0, T0.plusSeconds(9), null),
                new StoredItem("b", ItemState.FINAL, ProgressStatus.FAILED, 0, 1, 2, null, T0.plusSeconds(3)),
                new StoredItem("c", ItemState.FINAL, ProgressStatus.SUCCEEDED, 1, 0, 0, T0, T0));
    }

    @Test
    void c37_c41_unfinishedRequestsArePagedByIdSoThatRecoveryNeverHoldsThemAllTwice() {
        SqlStore store = open();
        for (long id = 1; id <= 7; id++) {
            stored(store.submit(itemSync(id, "h", "a", "b")));
        }
        stored(store.submit(new RequestFinished(result(4, "h", ProgressStatus.SUCCEEDED, T0))));

        assertThat(store.unfinished(0, 3)).extracting(StoredRequest::requestId).containsExactly(1L, 2L, 3L);
        assertThat(store.unfinished(3, 3)).extracting(StoredRequest::requestId).containsExactly(5L, 6L, 7L);
        assertThat(store.unfinished(3, 3).get(0).items()).extracting(StoredItem::itemId).containsExactly("a", "b");
        assertThat(store.unfinished(7, 3)).isEmpty();
        assertThat(store.unfinished()).hasSize(6);
        assertThatThrownBy(() -> store.unfinished(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void c37_aFinalItemKeepsItsOutcomeAndChangesToWhatIsNotThereAreRefusedLoudly() {
        SqlStore store = open();
        stored(store.submit(itemSync(1, "h", "a", "b")));
        stored(store.submit(new ItemFinished(1, "a", ProgressStatus.CANCELED, 0, 0, T0)));

        assertThat(refused(store.submit(new ItemFinished(1, "a", ProgressStatus.SUCCEEDED, 0, 0, T0))))
                .hasMessageContaining(store.name()).hasMessageContaining("item 'a' of request 1");
        assertThat(refused(store.submit(new ItemStarted(1, "a", 2, T0)))).hasMessageContaining("no such unfinished");
        assertThat(refused(store.submit(new ItemStarted(1, "zzz", 1, T0)))).hasMessageContaining("'zzz'");
        assertThat(refused(store.submit(new ItemsResolved(9, List.of("x"))))).hasMessageContaining("request 9");
        assertThat(refused(store.submit(new ItemsResolved(1, List.of("c", "a"))))).hasMessageContaining("request 1");
        assertThat(store.unfinished().get(0).items()).extracting(StoredItem::itemId).containsExactly("a", "b");
        stored(store.submit(new RequestFinished(result(1, "h", ProgressStatus.CANCELED, T0))));
        assertThat(refused(store.submit(new ItemStarted(1, "b", 1, T0)))).hasMessageContaining("request 1");

        assertThat(store.unfinished()).isEmpty();
        assertThat(store.health().ok()).isTrue();
    }

    // ---- C17, C38: one result per request, the history

    /** Alone, and in a group with an item change of the request before it (which that result would make void). */
    @Test
    void c17_aSecondResultForARequestIsRefusedAndTheFirstStays() {
        SqlStore store = open();
        stored(store.submit(itemSync(1, "h", "a")));
        SyncResult first = result(1, "h", ProgressStatus.SUCCEEDED, T0);
        stored(store.submit(new RequestFinished(first)));

        StoreException e = refused(store.submit(new RequestFinished(result(1, "h", ProgressStatus.FAILED, T0))));
        stored(store.submit(itemSync(2, "h", "a")));
        List<CompletableFuture<Void>> group = submitInOneGroup(store, List.of(new ItemStarted(1, "a", 2, T0),
                new RequestFinished(result(1, "h", ProgressStatus.FAILED, T0)), new ItemStarted(2, "a", 1, T0)));

        assertThat(e).hasMessageContaining(store.name()).hasMessageContaining("refused RequestFinished of request 1");
        assertThat(refused(group.get(0))).hasMessageContaining("cannot start item 'a' of request 1");
        assertThat(refused(group.get(1))).hasMessageContaining("refused RequestFinished of request 1");
        stored(group.get(2));
        assertThat(store.result(1)).contains(first);
        assertThat(store.history(HistoryFilter.ALL)).containsExactly(first);
        assertThat(store.unfinished()).extracting(StoredRequest::requestId).containsExactly(2L);
        assertThat(store.health().ok()).isTrue();
    }

    /** Text a handler chose comes back exactly, whatever characters it holds (a store must not escape or cut it). */
    @Test
    void c36_c38_textWithTabsNewlinesBackslashesAndNullsRoundTripsExactly() {
        SqlStore store = open();
        String odd = "tab\there, line\nbreak, return\r, back\\slash \\N, \\t, quote ' \" and \u00e9\u4e2d\ud83d\ude00";
        String context = ((ContextCodec.Encoded.Storable) new ContextCodec(ContextCodec.DEFAULT_MAX_BYTES)
                .encode(Map.of("k", odd))).text();
        stored(store.submit(new RequestAccepted(1, "h", RequestKind.ITEM_SYNC, Set.of(), context, false, T0,
                List.of(odd))));
        Map<String, ProgressStatus> items = new LinkedHashMap<>();
        items.put(odd, ProgressStatus.FAILED);
        SyncResult r = new SyncResult(2, "h", ProgressStatus.FAILED, 1, 0, items, odd, null, null, T0, null);
        stored(store.submit(new RequestFinished(r)));

        assertThat(store.unfinished().get(0).items().get(0).itemId()).isEqualTo(odd);
        assertThat(store.unfinished().get(0).context()).isEqualTo(Map.of("k", odd));
        assertThat(store.result(2)).contains(r);
    }

    @Test
    void c38_historyByHandlerStatusAndTimeNewestFirstWithLimit() {
        SqlStore store = open();
        List<SyncResult> all = new ArrayList<>();
        for (long id = 1; id <= 10; id++) {
            SyncResult r = result(id, id % 2 == 0 ? "h2" : "h1",
                    id % 3 == 0 ? ProgressStatus.FAILED : ProgressStatus.SUCCEEDED, T0.plus(id, ChronoUnit.MINUTES));
            all.add(r);
            stored(store.submit(new RequestFinished(r)));
        }
        store = reopen(store);

        assertThat(ids(store.history(HistoryFilter.ALL))).containsExactly(10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(ids(store.history(HistoryFilter.ALL.handler("h1")))).containsExactly(9L, 7L, 5L, 3L, 1L);
        assertThat(ids(store.history(HistoryFilter.ALL.handler("h1").newest(2)))).containsExactly(9L, 7L);
        assertThat(ids(store.history(HistoryFilter.ALL.status(ProgressStatus.FAILED)))).containsExactly(9L, 6L, 3L);
        assertThat(ids(store.history(HistoryFilter.ALL.finishedBetween(T0.plus(3, ChronoUnit.MINUTES),
                T0.plus(7, ChronoUnit.MINUTES))))).containsExactly(6L, 5L, 4L, 3L);
        assertThat(ids(store.history(HistoryFilter.ALL.handler("h2").status(ProgressStatus.FAILED))))
                .containsExactly(6L);
        assertThat(store.history(HistoryFilter.ALL.handler("nobody"))).isEmpty();
        assertThat(store.result(4)).contains(all.get(3));
        assertThat(store.result(4).get().items().keySet()).containsExactly("b", "a");
        assertThat(store.result(99)).isEmpty();
    }

    private static List<Long> ids(List<SyncResult> results) {
        return results.stream().map(SyncResult::requestId).toList();
    }

    // ---- C33, C39: events, retention

    @Test
    void c33_eventsRoundTripNewestFirstByHandlerItemAndLevel() {
        SqlStore store = open();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<SyncEvent> events = List.of(event("h", "a", EventLevel.INFORMATION, now),
                event("h", null, EventLevel.ERROR, now), event("g", "a", EventLevel.WARNING, now),
                new SyncEvent(UUID.randomUUID(), now, "h", "b", EventLevel.WARNING, "n", null, null, null, null, 0, 0));
        for (SyncEvent e : events) {
            stored(store.submit(new StoreChange.EventReported(e)));
        }
        store = reopen(store);

        assertThat(store.events(EventFilter.ALL)).containsExactly(events.get(3), events.get(2), events.get(1),
                events.get(0));
        assertThat(store.events(EventFilter.ALL.handler("h"))).containsExactly(events.get(3), events.get(1),
                events.get(0));
        assertThat(store.events(EventFilter.ALL.handler("h").item("a"))).containsExactly(events.get(0));
        assertThat(store.events(EventFilter.ALL.item("a"))).containsExactly(events.get(2), events.get(0));
        assertThat(store.events(EventFilter.ALL.atLeast(EventLevel.WARNING))).containsExactly(events.get(3),
                events.get(2), events.get(1));
        assertThat(store.events(EventFilter.ALL.atLeast(EventLevel.ERROR))).containsExactly(events.get(1));
        assertThat(store.events(EventFilter.ALL.newest(2))).containsExactly(events.get(3), events.get(2));
        assertThat(refused(store.submit(new StoreChange.EventReported(events.get(0))))).hasMessageContaining(
                events.get(0).id().toString());
    }

    @Test
    void c39_resultsAndEventsArePrunedByAgeAndByCount() {
        SqlStore store = open();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant old = now.minus(2, ChronoUnit.HOURS);
        for (long id = 1; id <= 6; id++) { // 1 and 2 are old
            stored(store.submit(new RequestFinished(result(id, "h", ProgressStatus.SUCCEEDED,
                    id <= 2 ? old.plusSeconds(id) : now.plusSeconds(id)))));
        }
        List<SyncEvent> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // the first two are old
            events.add(event("h", "a", EventLevel.INFORMATION, i < 2 ? old : now));
            stored(store.submit(new StoreChange.EventReported(events.get(i))));
        }

        Pruned pruned = store.prune(new Retention(3, Duration.ofHours(1), 2, Duration.ofHours(1)));

        assertThat(pruned).isEqualTo(new Pruned(3, 4));
        assertThat(ids(store.history(HistoryFilter.ALL))).containsExactly(6L, 5L, 4L);
        assertThat(store.events(EventFilter.ALL)).containsExactly(events.get(5), events.get(4));
        assertThat(store.prune(new Retention(3, Duration.ofHours(1), 2, Duration.ofHours(1))))
                .isEqualTo(new Pruned(0, 0));
        assertThat(store.prune(new Retention(0, Duration.ofDays(1), 0, Duration.ofDays(1))))
                .isEqualTo(new Pruned(3, 2));
        assertThat(store.history(HistoryFilter.ALL)).isEmpty();
        assertThat(store.events(EventFilter.ALL)).isEmpty();
    }

    // C41
    @Test
    void c41_eachHandlerKeepsAtMostItsBoundOfEventsSoAChattyOneCannotPushOutTheOthers() {
        SqlStore store = open();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<SyncEvent> chatty = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            chatty.add(event("chatty", "a", EventLevel.INFORMATION, now.plusMillis(i)));
            stored(store.submit(new StoreChange.EventReported(chatty.get(i))));
        }
        SyncEvent quiet = event("quiet", "a", EventLevel.WARNING, now);
        stored(store.submit(new StoreChange.EventReported(quiet)));

        Pruned pruned = store.prune(new Retention(10, Duration.ofDays(1), 100, Duration.ofDays(1), 2));

        assertThat(pruned.events()).isEqualTo(3);
        assertThat(store.events(EventFilter.ALL.handler("chatty"))).containsExactly(chatty.get(4), chatty.get(3));
        assertThat(store.events(EventFilter.ALL.handler("quiet"))).containsExactly(quiet);
    }

    // ---- C29, C30: states

    @Test
    void c29_c30_statesRoundTripAndTheLastValueWins() {
        SqlStore store = open();
        stored(store.submit(new StoreChange.StateChanged(StateKey.handlerEnabled("h"), false)));
        stored(store.submit(new StoreChange.StateChanged(StateKey.handlerActive("h"), false)));
        stored(store.submit(new StoreChange.StateChanged(StateKey.itemEnabled("h", "a"), false)));
        stored(store.submit(new StoreChange.StateChanged(StateKey.itemEnabled("h", "b"), false)));
        stored(store.submit(new StoreChange.StateChanged(StateKey.itemEnabled("h", "a"), true)));

        assertThat(reopen(store).states()).containsExactly(Map.entry(StateKey.handlerActive("h"), false),
                Map.entry(StateKey.handlerEnabled("h"), false), Map.entry(StateKey.itemEnabled("h", "a"), true),
                Map.entry(StateKey.itemEnabled("h", "b"), false));
    }

    // ---- the writer: group commit, refusals, bounds, failures (C40, C41)

    @Test
    void groupCommitWritesManyConcurrentChangesInFewerTransactions() throws Exception {
        SqlStore store = open();
        int threads = 8;
        int each = 250;
        long first = store.reserveRequestIds(threads * each);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<CompletableFuture<Void>>>> submitted = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                long base = first + (long) t * each;
                submitted.add(pool.submit(() -> {
                    go.await();
                    List<CompletableFuture<Void>> futures = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        futures.add(store.submit(itemSync(base + i, "h", "a")));
                    }
                    return futures;
                }));
            }
            go.countDown();
            for (Future<List<CompletableFuture<Void>>> f : submitted) {
                f.get(WAIT.toSeconds(), TimeUnit.SECONDS).forEach(SyncStoreContract::stored);
            }
        } finally {
            pool.shutdownNow();
        }

        WriterStats stats = store.stats();
        assertThat(stats.changes()).isEqualTo(threads * each + 1L); // and the reservation
        assertThat(stats.commits()).as("commits for %s changes", stats.changes()).isLessThan(stats.changes());
        assertThat(stats.largestBatch()).isGreaterThan(1);
        assertThat(store.unfinished()).hasSize(threads * each);
    }

    @Test
    void withoutGroupCommitEachChangeIsItsOwnTransaction() {
        SqlStore store = open(settings().withMaxBatch(1));
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (long id = 1; id <= 50; id++) {
            futures.add(store.submit(itemSync(id, "h", "a")));
        }
        futures.forEach(SyncStoreContract::stored);
        assertThat(store.stats().commits()).isEqualTo(store.stats().changes()).isEqualTo(50);
    }

    @Test
    void aRefusedChangeFailsAloneAndTheOthersOfItsGroupAreStored() {
        SqlStore store = open();
        stored(store.submit(new RequestFinished(result(1, "h", ProgressStatus.SUCCEEDED, T0))));
        stored(store.submit(itemSync(10, "h", "a")));
        stored(store.submit(itemSync(11, "h", "a")));
        List<CompletableFuture<Void>> group = submitInOneGroup(store, List.of(new ItemStarted(10, "a", 1, T0),
                new RequestFinished(result(1, "h", ProgressStatus.FAILED, T0)), new ItemStarted(11, "a", 1, T0)));

        stored(group.get(0));
        stored(group.get(2));
        assertThat(refused(group.get(1))).hasMessageContaining("RequestFinished of request 1");
        assertThat(store.unfinished()).extracting(r -> r.items().get(0).state())
                .containsExactly(ItemState.RUNNING, ItemState.RUNNING);
        assertThat(store.health().ok()).isTrue();
    }

    @Test
    void c36_c37_aGroupOfEveryKindIsWrittenAsBatchesWithEachRequestsChangesInOrder() {
        SqlStore store = open();
        stored(store.submit(itemSync(1, "h", "a")));
        stored(store.submit(itemSync(20, "h", "a", "b")));
        // One request's whole life, an event, a state and an audit entry, interleaved with others.
        List<StoreChange> changes = List.of(new StoreChange.StateChanged(StateKey.handlerEnabled("h"), false),
                new ItemStarted(20, "a", 1, T0), new StoreChange.EventReported(event("h", "a", EventLevel.WARNING, T0)),
                new ItemFinished(20, "a", ProgressStatus.SUCCEEDED, 0, 0, T0), new ItemStarted(1, "a", 1, T0),
                new ItemFinished(20, "b", ProgressStatus.SKIPPED, 0, 0, T0),
                new RequestFinished(result(20, "h", ProgressStatus.SUCCEEDED, T0)), itemSync(21, "h", "c"),
                new StoreChange.AuditRecorded(new AuditEntry(T0, "op", "OPERATOR", "http", "::1", "stop", "h")),
                new StoreChange.StateChanged(StateKey.handlerEnabled("h"), true));

        submitInOneGroup(store, changes).forEach(SyncStoreContract::stored);
        assertThat(store.stats().largestBatch()).as("the changes but the acceptance were written as one group")
                .isGreaterThanOrEqualTo(changes.size() - 1);
        assertThat(store.unfinished()).extracting(StoredRequest::requestId).containsExactly(1L, 21L);
        assertThat(store.unfinished().get(0).items().get(0).state()).isEqualTo(ItemState.RUNNING);
        assertThat(store.result(20)).isPresent();
        assertThat(store.states()).containsEntry(StateKey.handlerEnabled("h"), true);
        assertThat(store.events(EventFilter.ALL)).hasSize(1);
        assertThat(store.audit(10)).hasSize(1);
    }

    @Test
    void c17_c37_aRequestsItemChangesAndItsResultInOneGroupLeaveOnlyTheResult() {
        SqlStore store = open();
        stored(store.submit(itemSync(20, "h", "a", "b")));
        stored(store.submit(itemSync(21, "h", "a")));
        List<CompletableFuture<Void>> group = submitInOneGroup(store, List.of(new ItemStarted(20, "a", 1, T0),
                new ItemStarted(21, "a", 1, T0), new ItemFinished(20, "a", ProgressStatus.SUCCEEDED, 0, 0, T0),
                new ItemsResolved(20, List.of()), new ItemFinished(20, "b", ProgressStatus.FAILED, 1, 0, T0),
                new RequestFinished(result(20, "h", ProgressStatus.FAILED, T0))));

        group.forEach(SyncStoreContract::stored);
        assertThat(store.result(20)).contains(result(20, "h", ProgressStatus.FAILED, T0));
        assertThat(store.unfinished()).extracting(StoredRequest::requestId).containsExactly(21L);
        assertThat(store.unfinished().get(0).items().get(0).state()).isEqualTo(ItemState.RUNNING);
        assertThat(store.health().ok()).isTrue();
    }

    @Test
    void c41_aFullQueueRefusesAtOnceAndSaysWhy() {
        SqlStore store = open(settings().withQueueCapacity(3));
        dataSource.closeGate();
        CompletableFuture<Void> writing = store.submit(itemSync(1, "h", "a"));
        awaitWriterAtGate();
        List<CompletableFuture<Void>> queued = List.of(store.submit(itemSync(2, "h", "a")),
                store.submit(itemSync(3, "h", "a")), store.submit(itemSync(4, "h", "a")));

        CompletableFuture<Void> refusedAtOnce = store.submit(itemSync(5, "h", "a"));

        assertThat(refusedAtOnce).isCompletedExceptionally();
        assertThat(refused(refusedAtOnce)).hasMessageContaining(store.name())
                .hasMessageContaining("store queue full (3 changes wait to be written, queue.capacity)")
                .hasMessageContaining("RequestAccepted of request 5 was not stored");
        dataSource.openGate();
        stored(writing);
        queued.forEach(SyncStoreContract::stored);
        assertThat(store.unfinished()).extracting(StoredRequest::requestId).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void c51_auditEntriesAreStoredInOrderAndListedNewestFirst() {
        SqlStore store = open();
        for (int i = 1; i <= 3; i++) {
            stored(store.submit(new StoreChange.AuditRecorded(new AuditEntry(T0.plusSeconds(i), "operator", "OPERATOR",
                    "http", "127.0.0.1:5000" + i, "POST /synccenter/api/handlers/demo/sync", "demo " + i))));
        }

        List<AuditEntry> recent = reopen(store).audit(2);

        assertThat(recent).containsExactly(
                new AuditEntry(T0.plusSeconds(3), "operator", "OPERATOR", "http", "127.0.0.1:50003",
                        "POST /synccenter/api/handlers/demo/sync", "demo 3"),
                new AuditEntry(T0.plusSeconds(2), "operator", "OPERATOR", "http", "127.0.0.1:50002",
                        "POST /synccenter/api/handlers/demo/sync", "demo 2"));
        assertThatThrownBy(() -> store.audit(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void c40_aFailingStoreRefusesAtOnceWithAClearErrorAndRecoversByItself() {
        SqlStore store = open();
        stored(store.submit(itemSync(1, "h", "a")));
        dataSource.failing(true);

        StoreException first = refused(store.submit(itemSync(2, "h", "a")));
        assertThat(first).hasMessageContaining(store.name()).hasMessageContaining("RequestAccepted of request 2")
                .hasMessageContaining("simulated failure");
        assertThat(store.health().ok()).isFalse();
        assertThat(store.health().reason()).contains("simulated failure");
        assertThat(store.health().failingSince()).isNotNull();
        CompletableFuture<Void> atOnce = store.submit(itemSync(3, "h", "a"));
        assertThat(atOnce).isCompletedExceptionally();
        assertThat(refused(atOnce)).hasMessageContaining(store.name()).hasMessageContaining("is failing since");
        assertThatThrownBy(() -> store.reserveRequestIds(1)).isInstanceOf(StoreException.class)
                .hasMessageContaining("is failing since");
        assertThatThrownBy(store::unfinished).isInstanceOf(StoreException.class)
                .hasMessageContaining("reading the unfinished requests after 0 failed");

        dataSource.failing(false);
        await().atMost(WAIT).until(() -> store.health().ok());

        stored(store.submit(itemSync(4, "h", "a")));
        assertThat(store.unfinished()).extracting(StoredRequest::requestId).containsExactly(1L, 4L);
        assertThat(store.stats().failedCommits()).isEqualTo(1);
    }

    @Test
    void closingWritesWhatWasQueuedAndThenRefuses() {
        SqlStore store = open();
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (long id = 1; id <= 200; id++) {
            futures.add(store.submit(itemSync(id, "h", "a")));
        }
        store.close();
        futures.forEach(SyncStoreContract::stored);
        assertThat(refused(store.submit(itemSync(201, "h", "a")))).hasMessageContaining("is closed");
        assertThat(open().unfinished()).hasSize(200);
    }

    // ---- migrations

    @Test
    void aSchemaNewerThanThisCodeIsAClearErrorAtOpening() throws Exception {
        open().close();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO schema_version (version, script, applied_at_us) "
                    + "VALUES (999, 'V999__future.sql', 0)");
        }
        assertThatThrownBy(this::open).isInstanceOf(StoreException.class)
                .hasMessageContaining("schema is at version 999, newer than the version " + Migrations.latest());
    }

    @Test
    void storesThatOpenTheSameNewDatabaseTogetherMigrateItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SqlStore>> opening = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                opening.add(pool.submit(() -> {
                    go.await();
                    return open();
                }));
            }
            go.countDown();
            for (Future<SqlStore> f : opening) {
                SqlStore store = f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                // A store whose first connection met another's lock (SQLite's switch to WAL can be
                // refused at once, busy timeout or not) is failing at first and connects by itself
                // (C40); every one of them comes up, and the schema is migrated once.
                await().atMost(WAIT).until(() -> store.health().ok());
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*), MAX(version) FROM schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(Migrations.latest());
            assertThat(rs.getInt(2)).isEqualTo(Migrations.latest());
        }
    }

    /**
     * Submits the changes while the writer is held inside the transaction of a state change (a
     * change every store writes with its main writer), so that they are written together as the
     * next group; answers their futures once the holder is stored. On PostgreSQL acceptances, and
     * the changes of requests whose acceptance waits with them, are written apart ({@link
     * StoreWriters}).
     */
    protected List<CompletableFuture<Void>> submitInOneGroup(SqlStore store, List<StoreChange> changes) {
        CountDownLatch gate = dataSource.closeGate();
        CompletableFuture<Void> holder = store.submit(new StoreChange.StateChanged(StateKey.handlerEnabled("holder"),
                true));
        awaitWriterAtGate();
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        changes.forEach(c -> futures.add(store.submit(c)));
        dataSource.openGate();
        stored(holder);
        assertThat(gate.getCount()).isZero();
        return futures;
    }

    /** Waits until the writer is held at the data source's gate, inside a transaction. */
    protected void awaitWriterAtGate() {
        try {
            assertThat(dataSource.atGate.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the writer reached the gate").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
