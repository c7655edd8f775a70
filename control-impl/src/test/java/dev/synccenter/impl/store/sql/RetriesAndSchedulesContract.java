package dev.synccenter.impl.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.EventLevel;
import dev.synccenter.control.HistoryFilter;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.ScheduleSnapshot.Origin;
import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.audit.AuditEntry;
import dev.synccenter.impl.store.ItemState;
import dev.synccenter.impl.store.StateKey;
import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.StoreChange.BackoffCleared;
import dev.synccenter.impl.store.StoreChange.BackoffSet;
import dev.synccenter.impl.store.StoreChange.ItemDeferred;
import dev.synccenter.impl.store.StoreChange.ItemFinished;
import dev.synccenter.impl.store.StoreChange.ItemStarted;
import dev.synccenter.impl.store.StoreChange.RequestFinished;
import dev.synccenter.impl.store.StoreChange.ScheduleRemoved;
import dev.synccenter.impl.store.StoreChange.ScheduleSaved;
import dev.synccenter.impl.store.StoredBackoff;
import dev.synccenter.impl.store.StoredItem;
import dev.synccenter.impl.store.StoredRequest;
import dev.synccenter.impl.store.StoredSchedule;

/**
 * The store contract continued for retries and schedules (C43, C44): waiting items, backoff rows,
 * schedule rows and attempts in results, the same against every database. SqliteStoreTest and
 * PostgresqlStoreTest run these with the tests of {@link SyncStoreContract}; a file of its own so
 * that neither grows past reading. Last, a database of schema version 2 migrated to version 3.
 */
abstract class RetriesAndSchedulesContract extends SyncStoreContract {

    static final Instant LATER = T0.plusSeconds(30);

    static StoredItem item(SqlStore store, long requestId, String itemId) {
        StoredRequest request = store.unfinished().stream().filter(r -> r.requestId() == requestId).findFirst()
                .orElseThrow();
        return request.items().stream().filter(i -> i.itemId().equals(itemId)).findFirst().orElseThrow();
    }

    static BackoffSet backoff(String handler, String item, int failures) {
        return new BackoffSet(new StoredBackoff(handler, item, failures, Duration.ofMillis(30_000L * failures + 7),
                LATER.plusSeconds(failures), "busy " + failures), T0);
    }

    static StoredSchedule schedule(String id) {
        return new StoredSchedule(ScheduleSpec.every(id, "h", List.of(), Duration.ofMinutes(5)), Origin.CONTROL,
                LATER, null, 0, false);
    }

    // ---- C43: items waiting for their next attempt

    @Test
    void c43_aDeferredItemWaitsWithItsRetryTimeAndReasonAcrossARestart() {
        SqlStore store = open();
        stored(store.submit(itemSync(1, "h", "a", "b")));
        stored(store.submit(new ItemStarted(1, "a", 1, T0)));
        stored(store.submit(new ItemDeferred(1, "a", LATER, "server busy", T0.plusSeconds(1))));

        store = reopen(store);

        assertThat(store.unfinished()).hasSize(1);
        assertThat(store.unfinished().get(0).items()).containsExactly(
                new StoredItem("a", ItemState.WAITING, null, 1, 0, 0, T0, null, LATER, "server busy"),
                new StoredItem("b", ItemState.PENDING, null, 0, 0, 0, null, null));
    }

    @Test
    void c43_retryNowMovesTheRetryTimeAndTheNextAttemptRunsAndFinishesAsAnyOther() {
        SqlStore store = open();
        stored(store.submit(itemSync(1, "h", "a")));
        stored(store.submit(new ItemStarted(1, "a", 1, T0)));
        stored(store.submit(new ItemDeferred(1, "a", LATER, "busy", T0)));

        stored(store.submit(new ItemDeferred(1, "a", T0.plusSeconds(2), "busy", T0.plusSeconds(2)))); // retry now
        assertThat(item(store, 1, "a").retryAt()).isEqualTo(T0.plusSeconds(2));
        stored(store.submit(new ItemStarted(1, "a", 2, T0.plusSeconds(3))));

        store = reopen(store);
        assertThat(item(store, 1, "a"))
                .isEqualTo(new StoredItem("a", ItemState.RUNNING, null, 2, 0, 0, T0.plusSeconds(3), null));
        stored(store.submit(new ItemFinished(1, "a", ProgressStatus.SUCCEEDED, 0, 1, T0.plusSeconds(4))));
        assertThat(item(store, 1, "a")).isEqualTo(new StoredItem("a", ItemState.FINAL, ProgressStatus.SUCCEEDED, 2,
                0, 1, T0.plusSeconds(3), T0.plusSeconds(4)));
    }

    @Test
    void c43_aWaitingItemCanBeGivenUpAndAPendingOneCanWaitButAFinalOrUnknownOneCannot() {
        SqlStore store = open();
        stored(store.submit(itemSync(1, "h", "a", "b")));
        stored(store.submit(new ItemStarted(1, "a", 1, T0)));
        stored(store.submit(new ItemDeferred(1, "a", LATER, "busy", T0)));
        stored(store.submit(new ItemFinished(1, "a", ProgressStatus.FAILED, 1, 0, T0.plusSeconds(1)))); // give up
        stored(store.submit(new ItemDeferred(1, "b", LATER, "", T0)));

        assertThat(refused(store.submit(new ItemDeferred(1, "a", LATER, "busy", T0))))
                .hasMessageContaining(store.name()).hasMessageContaining("cannot defer item 'a' of request 1");
        assertThat(refused(store.submit(new ItemDeferred(1, "zzz", LATER, "busy", T0)))).hasMessageContaining("'zzz'");
        assertThat(refused(store.submit(new ItemDeferred(9, "a", LATER, "busy", T0)))).hasMessageContaining("request 9");

        assertThat(reopen(store).unfinished().get(0).items()).containsExactly(
                new StoredItem("a", ItemState.FINAL, ProgressStatus.FAILED, 1, 1, 0, T0, T0.plusSeconds(1)),
                new StoredItem("b", ItemState.WAITING, null, 0, 0, 0, null, null, LATER, ""));
    }

    @Test
    void c43_theAttemptsOfAResultRoundTripInRequestOrderAndAResultWithoutThemHasNone() {
        SqlStore store = open();
        Map<String, Integer> attempts = new LinkedHashMap<>();
        attempts.put("b", 3);
        attempts.put("a", 1);
        SyncResult withAttempts = withAttempts(result(1, "h", ProgressStatus.FAILED, T0), attempts);
        SyncResult without = result(2, "h", ProgressStatus.SUCCEEDED, T0.plusSeconds(1));
        stored(store.submit(new RequestFinished(withAttempts)));
        stored(store.submit(new RequestFinished(without)));

        store = reopen(store);

        assertThat(store.result(1)).contains(withAttempts);
        assertThat(store.result(1).get().attempts().keySet()).containsExactly("b", "a");
        assertThat(store.result(2).get().attempts()).isEmpty();
        assertThat(store.history(HistoryFilter.ALL)).containsExactly(without, withAttempts);
    }

    static SyncResult withAttempts(SyncResult r, Map<String, Integer> attempts) {
        return new SyncResult(r.requestId(), r.handlerId(), r.status(), r.errorCount(), r.conflictCount(), r.items(),
                r.reason(), r.acceptedAt(), r.startedAt(), r.finishedAt(), r.servedBy(), attempts);
    }

    // ---- C43: backoff

    @Test
    void c43_backoffRowsRoundTripByHandlerAndItemAreReplacedAndCleared() {
        SqlStore store = open();
        stored(store.submit(backoff("h", "b", 1)));
        stored(store.submit(backoff("h", "a", 1)));
        stored(store.submit(backoff("g", "z", 1)));
        stored(store.submit(backoff("h", "a", 2)));

        store = reopen(store);

        assertThat(store.backoffs()).containsExactly(backoff("g", "z", 1).backoff(), backoff("h", "a", 2).backoff(),
                backoff("h", "b", 1).backoff());
        assertThat(store.backoffs().get(1).delay()).isEqualTo(Duration.ofMillis(60_007));
        stored(store.submit(new BackoffCleared("h", "a")));
        assertThat(reopen(store).backoffs()).extracting(StoredBackoff::itemId).containsExactly("z", "b");
    }

    @Test
    void c43_clearingABackoffThatIsNotThereIsAccepted() {
        SqlStore store = open();
        stored(store.submit(backoff("h", "a", 1)));
        stored(store.submit(new BackoffCleared("h", "a")));

        stored(store.submit(new BackoffCleared("h", "a")));
        stored(store.submit(new BackoffCleared("nobody", "nothing")));

        assertThat(store.backoffs()).isEmpty();
        assertThat(store.health().ok()).isTrue();
    }

    // ---- C44: schedules

    @Test
    void c44_schedulesRoundTripWholeInIdOrderAndASavedOneReplacesTheRow() {
        SqlStore store = open();
        StoredSchedule interval = new StoredSchedule(ScheduleSpec.every("nightly", "photos", List.of("2024", "2023"),
                Duration.ofMinutes(15)), Origin.CONTROL, T0.plusSeconds(900), null, 0, false);
        StoredSchedule cron = new StoredSchedule(ScheduleSpec.cron("hourly", "mail", List.of(), "0 0 * ? * *",
                ZoneId.of("Europe/Paris")), Origin.CONFIGURATION, T0.plusSeconds(3600), T0, 42, true);
        StoredSchedule utc = new StoredSchedule(ScheduleSpec.cron("a-utc", "mail", List.of(), "0 0/5 * ? * *", null),
                Origin.CONTROL, LATER, LATER.minusSeconds(300), 7, false);
        for (StoredSchedule s : List.of(interval, cron, utc)) {
            stored(store.submit(new ScheduleSaved(s)));
        }

        store = reopen(store);
        assertThat(store.schedules()).containsExactly(utc, cron, interval);
        assertThat(store.schedules().get(0).spec().zone()).isNull(); // UTC stays "no zone"

        StoredSchedule replaced = new StoredSchedule(ScheduleSpec.every("hourly", "mail", List.of("inbox"),
                Duration.ofHours(1)), Origin.CONTROL, T0.plusSeconds(7200), T0.plusSeconds(3600), 43, false);
        stored(store.submit(new ScheduleSaved(replaced)));
        assertThat(reopen(store).schedules()).containsExactly(utc, replaced, interval);
    }

    @Test
    void c44_removingASchedulesDeletesItsRowAndRemovingOneThatIsNotThereIsAccepted() {
        SqlStore store = open();
        stored(store.submit(new ScheduleSaved(schedule("one"))));
        stored(store.submit(new ScheduleSaved(schedule("two"))));

        stored(store.submit(new ScheduleRemoved("one")));
        stored(store.submit(new ScheduleRemoved("one")));
        stored(store.submit(new ScheduleRemoved("never-was")));

        assertThat(reopen(store).schedules()).containsExactly(schedule("two"));
        assertThat(store.health().ok()).isTrue();
    }

    // ---- the writer: every new kind in one group, and a refusal among them

    @Test
    void c43_c44_aGroupMixingEveryKindEndsAsIfEachChangeWasWrittenAloneInOrder() {
        SqlStore store = open();
        stored(store.submit(itemSync(1, "h", "a", "b")));
        stored(store.submit(new ScheduleSaved(schedule("old"))));
        stored(store.submit(itemSync(2, "h", "a")));
        Map<String, Integer> attempts = Map.of("b", 1);
        List<StoreChange> changes = List.of(new ItemStarted(1, "a", 1, T0), backoff("h", "a", 1),
                new ItemDeferred(1, "a", LATER, "busy", T0), new ScheduleRemoved("old"),
                new ItemStarted(1, "a", 2, T0.plusSeconds(1)), // by kind it would come before the deferral
                new BackoffCleared("h", "a"), new ItemStarted(1, "b", 1, T0), backoff("h", "a", 2), // set again
                new ScheduleSaved(schedule("new")), new ScheduleRemoved("new"), new ScheduleSaved(schedule("new")),
                new ItemDeferred(1, "b", LATER, "offline", T0), new ScheduleRemoved("absent"),
                new BackoffCleared("h", "absent"), new StoreChange.EventReported(event("h", "a", EventLevel.WARNING,
                        T0)), new StoreChange.StateChanged(StateKey.itemEnabled("h", "b"), false),
                new StoreChange.AuditRecorded(new AuditEntry(T0, "op", "OPERATOR", "http", "::1", "retry", "h/a")),
                itemSync(3, "h", "c"), new RequestFinished(withAttempts(result(2, "h", ProgressStatus.SUCCEEDED,
                        T0), attempts)));

        submitInOneGroup(store, changes).forEach(SyncStoreContract::stored);
        assertThat(store.stats().largestBatch()).as("the changes but the acceptance were written as one group")
                .isGreaterThanOrEqualTo(changes.size() - 1);
        assertThat(item(store, 1, "a"))
                .isEqualTo(new StoredItem("a", ItemState.RUNNING, null, 2, 0, 0, T0.plusSeconds(1), null));
        assertThat(item(store, 1, "b"))
                .isEqualTo(new StoredItem("b", ItemState.WAITING, null, 1, 0, 0, T0, null, LATER, "offline"));
        assertThat(store.backoffs()).containsExactly(backoff("h", "a", 2).backoff());
        assertThat(store.schedules()).containsExactly(schedule("new"));
        assertThat(store.unfinished()).extracting(StoredRequest::requestId).containsExactly(1L, 3L);
        assertThat(store.result(2).get().attempts()).isEqualTo(attempts);
        assertThat(store.states()).containsEntry(StateKey.itemEnabled("h", "b"), false);
        assertThat(store.audit(10)).hasSize(1);
    }

    /** The same row written several times in one group: PostgreSQL's driver sends a batch as one multi-row INSERT. */
    @Test
    void c29_c43_c44_aRowWrittenSeveralTimesInOneGroupEndsWithTheLastWrite() {
        SqlStore store = open();
        StoredSchedule changed = new StoredSchedule(ScheduleSpec.every("s", "h", List.of("a"), Duration.ofMinutes(1)),
                Origin.CONTROL, LATER.plusSeconds(60), LATER, 7, true);
        List<StoreChange> changes = List.of(backoff("h", "a", 1), new ScheduleSaved(schedule("s")),
                new StoreChange.StateChanged(StateKey.itemEnabled("h", "a"), false), backoff("h", "b", 1),
                backoff("h", "a", 2), new StoreChange.StateChanged(StateKey.itemEnabled("h", "a"), true),
                new ScheduleSaved(changed), backoff("h", "a", 3),
                new StoreChange.StateChanged(StateKey.itemEnabled("h", "a"), false));

        submitInOneGroup(store, changes).forEach(SyncStoreContract::stored);
        assertThat(store.stats().largestBatch()).as("written as one group").isGreaterThanOrEqualTo(changes.size());
        assertThat(store.backoffs()).containsExactlyInAnyOrder(backoff("h", "a", 3).backoff(),
                backoff("h", "b", 1).backoff());
        assertThat(store.schedules()).containsExactly(changed);
        assertThat(store.states()).containsEntry(StateKey.itemEnabled("h", "a"), false);
        assertThat(store.health().ok()).isTrue();
    }

    @Test
    void c43_aRefusedChangeFailsAloneAndItsGroupsItemsEndInTheOrderTheyWereWritten() {
        SqlStore store = open();
        stored(store.submit(itemSync(1, "h", "a", "b")));
        stored(store.submit(new RequestFinished(result(9, "h", ProgressStatus.SUCCEEDED, T0))));
        List<CompletableFuture<Void>> group = submitInOneGroup(store, List.of(new ItemStarted(1, "a", 1, T0),
                new ItemDeferred(1, "a", LATER, "busy", T0), new RequestFinished(result(9, "h", ProgressStatus.FAILED, T0)),
                new ItemStarted(1, "a", 2, T0.plusSeconds(1)), new ItemStarted(1, "b", 1, T0),
                new ItemFinished(1, "b", ProgressStatus.SUCCEEDED, 0, 0, T0),
                new ItemStarted(1, "b", 2, T0))); // final already: refused
        CompletableFuture<Void> bad = group.get(2);
        CompletableFuture<Void> lateB = group.get(6);

        List.of(0, 1, 3, 4, 5).forEach(i -> stored(group.get(i)));
        assertThat(refused(bad)).hasMessageContaining("RequestFinished of request 9");
        assertThat(refused(lateB)).hasMessageContaining("cannot start item 'b' of request 1");
        assertThat(item(store, 1, "a"))
                .isEqualTo(new StoredItem("a", ItemState.RUNNING, null, 2, 0, 0, T0.plusSeconds(1), null));
        assertThat(item(store, 1, "b").state()).isEqualTo(ItemState.FINAL);
        assertThat(store.health().ok()).isTrue();
    }

    // ---- migrations: a database of version 2 keeps what it held

    @Test
    void c43_c44_aVersion2DatabaseMigratesToVersion3AndKeepsItsRows() throws Exception {
        long t0 = Rows.micros(T0);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, script TEXT NOT NULL, "
                    + "applied_at_us BIGINT NOT NULL)");
            for (int v = 1; v <= 2; v++) {
                String script = Migrations.SCRIPTS.get(v - 1);
                for (String sql : Migrations.statements(Migrations.script(Dialect.forUrl(url), script))) {
                    st.execute(sql);
                }
                insert(c, "schema_version (version, script, applied_at_us)", v, script, 0L);
            }
            insert(c, "requests (request_id, handler_id, kind, flags, volatile_context, accepted_at_us, resolved)", 7L,
                    "h", "ITEM_SYNC", "", false, t0, true);
            insert(c, "request_items (request_id, item_id, position, status, attempts, started_at_us)", 7L, "a", 0,
                    "RUNNING", 1, t0);
            insert(c, "results (request_id, handler_id, status, error_count, conflict_count, items, accepted_at_us, "
                    + "started_at_us, finished_at_us, served_by)", 6L, "h", "SUCCEEDED", 0, 0, "{\"a\":\"SUCCEEDED\"}",
                    t0, t0, t0, "demo 1.0.0");
            insert(c, "states (handler_id, item_id, name, value, changed_at_us)", "h", "", "HANDLER_ENABLED", false, t0);
            insert(c, "schedules (schedule_id, handler_id, interval_ms, next_run_at_us)", "old", "h", 60_000L, t0);
        }

        SqlStore store = open();

        assertThat(store.unfinished()).hasSize(1);
        assertThat(store.unfinished().get(0).items())
                .containsExactly(new StoredItem("a", ItemState.RUNNING, null, 1, 0, 0, T0, null));
        assertThat(store.result(6)).contains(new SyncResult(6, "h", ProgressStatus.SUCCEEDED, 0, 0,
                Map.of("a", ProgressStatus.SUCCEEDED), null, T0, T0, T0, "demo 1.0.0"));
        assertThat(store.states()).containsEntry(StateKey.handlerEnabled("h"), false);
        assertThat(store.schedules()).containsExactly(new StoredSchedule(new ScheduleSpec("old", "h", List.of(),
                Duration.ofMinutes(1), null, null), Origin.CONTROL, T0, null, 0, false));
        assertThat(store.backoffs()).isEmpty();
        stored(store.submit(backoff("h", "a", 1)));
        stored(store.submit(new RequestFinished(withAttempts(result(7, "h", ProgressStatus.SUCCEEDED, T0),
                Map.of("a", 2)))));
        assertThat(store.result(7).get().attempts()).containsExactly(Map.entry("a", 2));
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*), MAX(version) FROM schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
            assertThat(rs.getInt(2)).isEqualTo(3);
        }
    }

    /** An INSERT of one row with its values, as a version 2 store wrote it. */
    private static void insert(Connection c, String tableAndColumns, Object... values) throws SQLException {
        String marks = String.join(", ", Collections.nCopies(values.length, "?"));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tableAndColumns + " VALUES (" + marks + ")")) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }
}
