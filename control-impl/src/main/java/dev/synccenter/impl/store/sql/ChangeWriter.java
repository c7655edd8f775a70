package dev.synccenter.impl.store.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.synccenter.control.RequestKind;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.audit.AuditEntry;
import dev.synccenter.impl.store.ContextCodec;
import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.StoreChange.AuditRecorded;
import dev.synccenter.impl.store.StoreChange.BackoffCleared;
import dev.synccenter.impl.store.StoreChange.BackoffSet;
import dev.synccenter.impl.store.StoreChange.EventReported;
import dev.synccenter.impl.store.StoreChange.ItemDeferred;
import dev.synccenter.impl.store.StoreChange.ItemFinished;
import dev.synccenter.impl.store.StoreChange.ItemStarted;
import dev.synccenter.impl.store.StoreChange.ItemsResolved;
import dev.synccenter.impl.store.StoreChange.RequestAccepted;
import dev.synccenter.impl.store.StoreChange.RequestFinished;
import dev.synccenter.impl.store.StoreChange.ScheduleRemoved;
import dev.synccenter.impl.store.StoreChange.ScheduleSaved;
import dev.synccenter.impl.store.StoreChange.StateChanged;

/**
 * The SQL of each {@link StoreChange}, run by the writer inside a group commit. A change that
 * does not fit what is stored (an item that is not there or already final, a second result) is
 * refused loudly, by a constraint or by {@link ChangeRefused}, never applied halfway or ignored.
 */
final class ChangeWriter {

    static final String PENDING = "PENDING";
    static final String RUNNING = "RUNNING";
    static final String WAITING = "WAITING";

    /** For the JSON columns (result items and attempts, a schedule's items): always storable, whatever their size. */
    static final ContextCodec ITEMS = new ContextCodec(Integer.MAX_VALUE);

    private static final String SET_STATE = upsert("states", "handler_id, item_id, name", "value, changed_at_us");
    private static final String NOT_WAITING = "next_attempt_at_us = NULL, last_error = NULL";
    private static final String UNFINISHED = "status IN ('" + PENDING + "', '" + RUNNING + "', '" + WAITING + "')";

    private final Clock clock;
    private final Dialect dialect;
    /** The kinds, in the order they are applied, each with how it writes its changes of a group. */
    private final List<Kind<?>> kinds;

    ChangeWriter(Clock clock, Dialect dialect) {
        this.clock = clock;
        this.dialect = dialect;
        this.kinds = List.of(new Kind<>(RequestAccepted.class, ChangeWriter::accepted),
                new Kind<>(ItemsResolved.class, ChangeWriter::resolved),
                new Kind<>(ItemStarted.class, ChangeWriter::started),
                new Kind<>(ItemDeferred.class, ChangeWriter::deferred),
                new Kind<>(ItemFinished.class, ChangeWriter::finished),
                new Kind<>(RequestFinished.class, this::results),
                new Kind<>(EventReported.class, ChangeWriter::events),
                new Kind<>(StateChanged.class, this::states),
                new Kind<>(BackoffSet.class, BackoffAndScheduleWrites::backoffSet),
                new Kind<>(BackoffCleared.class, BackoffAndScheduleWrites::backoffCleared),
                new Kind<>(ScheduleSaved.class, BackoffAndScheduleWrites::scheduleSaved),
                new Kind<>(ScheduleRemoved.class, BackoffAndScheduleWrites::scheduleRemoved),
                new Kind<>(AuditRecorded.class, ChangeWriter::audit));
    }

    /** Writes a group's changes of one kind, in their order. */
    @FunctionalInterface
    private interface Writes<T> {
        void write(List<T> changes, PreparedConnection c) throws SQLException;
    }

    private record Kind<T extends StoreChange>(Class<T> type, Writes<T> writes) {

        @SuppressWarnings("unchecked") // the group's changes of this kind are of its type
        void write(List<StoreChange> changes, PreparedConnection c) throws SQLException {
            if (!changes.isEmpty()) {
                writes.write((List<T>) changes, c);
            }
        }
    }

    void apply(StoreChange change, PreparedConnection c) throws SQLException {
        applyAll(List.of(change), c);
    }

    /**
     * Applies a group's changes: by kind, in the order of a request's life (accepted, items decided,
     * started, deferred, finished, result; then events, states, backoff, schedules, audit), each
     * kind as one batch per statement, so that a group costs a few round trips rather than one per
     * row. Changes of one kind keep their order. Reordering kinds is safe because a request's
     * changes arrive in that order anyway, and changes of different requests touch different rows;
     * where one row's changes do not (an item started again after it was deferred, C43), the group
     * is applied in parts ({@link ChangeParts}). Changes a result in the same group makes void are
     * left out ({@link SupersededChanges}).
     */
    void applyAll(List<StoreChange> group, PreparedConnection c) throws SQLException {
        for (List<StoreChange> part : ChangeParts.split(SupersededChanges.without(group), this::kind)) {
            List<List<StoreChange>> byKind = new ArrayList<>(kinds.size());
            for (int i = 0; i < kinds.size(); i++) {
                byKind.add(new ArrayList<>());
            }
            for (StoreChange change : part) {
                byKind.get(kind(change)).add(change);
            }
            for (int i = 0; i < kinds.size(); i++) {
                kinds.get(i).write(byKind.get(i), c);
            }
        }
    }

    /** The position of a change's kind in the order kinds are applied. */
    private int kind(StoreChange change) {
        for (int i = 0; i < kinds.size(); i++) {
            if (kinds.get(i).type() == change.getClass()) {
                return i;
            }
        }
        throw new IllegalArgumentException("Unknown change " + change);
    }

    private static void accepted(List<RequestAccepted> accepted, PreparedConnection c) throws SQLException {
        Batch.run(c.prepare("INSERT INTO requests (request_id, handler_id, kind, flags, context, "
                + "volatile_context, accepted_at_us, resolved) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"), accepted, (ps, a) -> {
                    ps.setLong(1, a.requestId());
                    ps.setString(2, a.handlerId());
                    ps.setString(3, a.kind().name());
                    ps.setString(4, a.flags().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
                    ps.setString(5, a.context());
                    ps.setBoolean(6, a.volatileContext());
                    ps.setLong(7, Rows.micros(a.acceptedAt()));
                    ps.setBoolean(8, a.kind() == RequestKind.ITEM_SYNC); // a handler sync's items come later (C8)
                }, null);
        List<ItemRow> items = new ArrayList<>();
        for (RequestAccepted a : accepted) {
            for (int i = 0; i < a.itemIds().size(); i++) {
                items.add(new ItemRow(a.requestId(), a.itemIds().get(i), i));
            }
        }
        insertItems(c, items);
    }

    /** An item of a request at its position. */
    private record ItemRow(long requestId, String itemId, int position) {
    }

    private static void resolved(List<ItemsResolved> resolved, PreparedConnection c) throws SQLException {
        for (ItemsResolved r : resolved) {
            resolved(r, c);
        }
    }

    private static void resolved(ItemsResolved r, PreparedConnection c) throws SQLException {
        PreparedStatement ps = c.prepare("UPDATE requests SET resolved = ? WHERE request_id = ?");
        ps.setBoolean(1, true);
        ps.setLong(2, r.requestId());
        if (ps.executeUpdate() == 0) {
            throw new ChangeRefused("no unfinished request " + r.requestId() + " to resolve items for");
        }
        PreparedStatement last = c.prepare("SELECT COALESCE(MAX(position), -1) FROM request_items "
                + "WHERE request_id = ?");
        last.setLong(1, r.requestId());
        int next;
        try (ResultSet rs = last.executeQuery()) {
            rs.next();
            next = rs.getInt(1) + 1;
        }
        List<ItemRow> items = new ArrayList<>();
        for (String itemId : r.itemIds()) {
            items.add(new ItemRow(r.requestId(), itemId, next++));
        }
        insertItems(c, items);
    }

    private static void insertItems(PreparedConnection c, List<ItemRow> items) throws SQLException {
        Batch.run(c.prepare("INSERT INTO request_items (request_id, item_id, position, status) "
                + "VALUES (?, ?, ?, '" + PENDING + "')"), items, (ps, item) -> {
                    ps.setLong(1, item.requestId());
                    ps.setString(2, item.itemId());
                    ps.setInt(3, item.position());
                }, null);
    }

    /** A waiting item's retry columns are cleared: they say something only while it waits (C43). */
    private static void started(List<ItemStarted> started, PreparedConnection c) throws SQLException {
        Batch.run(c.prepare("UPDATE request_items SET status = '" + RUNNING + "', attempts = ?, started_at_us = ?, "
                + NOT_WAITING + " WHERE request_id = ? AND item_id = ? AND " + UNFINISHED), started, (ps, s) -> {
                    ps.setInt(1, s.attempt());
                    ps.setLong(2, Rows.micros(s.at()));
                    ps.setLong(3, s.requestId());
                    ps.setString(4, s.itemId());
                }, s -> notUnfinished("start", s.itemId(), s.requestId()));
    }

    /** Any unfinished item may wait: one that ran and failed, or one that waits again ("retry now"). */
    private static void deferred(List<ItemDeferred> deferred, PreparedConnection c) throws SQLException {
        Batch.run(c.prepare("UPDATE request_items SET status = '" + WAITING + "', next_attempt_at_us = ?, "
                + "last_error = ? WHERE request_id = ? AND item_id = ? AND " + UNFINISHED), deferred, (ps, d) -> {
                    ps.setLong(1, Rows.micros(d.retryAt()));
                    ps.setString(2, d.reason());
                    ps.setLong(3, d.requestId());
                    ps.setString(4, d.itemId());
                }, d -> notUnfinished("defer", d.itemId(), d.requestId()));
    }

    private static void finished(List<ItemFinished> finished, PreparedConnection c) throws SQLException {
        Batch.run(c.prepare("UPDATE request_items SET status = ?, errors = ?, conflicts = ?, finished_at_us = ?, "
                + NOT_WAITING + " WHERE request_id = ? AND item_id = ? AND " + UNFINISHED), finished, (ps, f) -> {
                    ps.setString(1, f.status().name());
                    ps.setInt(2, f.errors());
                    ps.setInt(3, f.conflicts());
                    ps.setLong(4, Rows.micros(f.at()));
                    ps.setLong(5, f.requestId());
                    ps.setString(6, f.itemId());
                }, f -> notUnfinished("finish", f.itemId(), f.requestId()));
    }

    private static ChangeRefused notUnfinished(String what, String itemId, long requestId) {
        return new ChangeRefused("cannot " + what + " item '" + itemId + "' of request " + requestId
                + ": the store has no such unfinished item (the request finished, or the item is final or "
                + "unknown)");
    }

    /** The results go to the history, and their requests leave the unfinished ones (C17, C37). */
    private void results(List<RequestFinished> finished, PreparedConnection c) throws SQLException {
        Batch.run(c.prepare("INSERT INTO results (request_id, handler_id, status, error_count, "
                + "conflict_count, items, reason, accepted_at_us, started_at_us, finished_at_us, served_by, attempts) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"), finished, (ps, f) -> {
                    SyncResult r = f.result();
                    ps.setLong(1, r.requestId());
                    ps.setString(2, r.handlerId());
                    ps.setString(3, r.status().name());
                    ps.setInt(4, r.errorCount());
                    ps.setInt(5, r.conflictCount());
                    Map<String, Object> items = new LinkedHashMap<>();
                    r.items().forEach((item, status) -> items.put(item, status.name()));
                    ps.setString(6, json(items));
                    ps.setString(7, r.reason());
                    Rows.setInstant(ps, 8, r.acceptedAt());
                    Rows.setInstant(ps, 9, r.startedAt());
                    Rows.setInstant(ps, 10, r.finishedAt());
                    ps.setString(11, r.servedBy());
                    // NULL when none is known, as in the rows stored before the column was there.
                    ps.setString(12, r.attempts().isEmpty() ? null : json(r.attempts()));
                }, null);
        List<Long> ids = finished.stream().map(f -> f.result().requestId()).toList();
        dialect.deleteRequests(c, "request_items", ids);
        dialect.deleteRequests(c, "requests", ids);
    }

    private static void events(List<EventReported> reported, PreparedConnection c) throws SQLException {
        Batch.run(c.prepare("INSERT INTO events (event_id, time_us, handler_id, item_id, level, "
                + "name, description, link_text, link_reference, context, request_id, session_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"), reported, (ps, r) -> {
                    SyncEvent e = r.event();
                    ps.setString(1, e.id().toString());
                    ps.setLong(2, Rows.micros(e.time()));
                    ps.setString(3, e.handlerId());
                    ps.setString(4, e.itemId());
                    ps.setString(5, e.level().name());
                    ps.setString(6, e.name());
                    ps.setString(7, e.description());
                    ps.setString(8, e.linkText());
                    ps.setString(9, e.linkReference());
                    ps.setString(10, e.context());
                    ps.setLong(11, e.requestId());
                    ps.setLong(12, e.sessionId());
                }, null);
    }

    private static void audit(List<AuditRecorded> recorded, PreparedConnection c) throws SQLException {
        Batch.run(c.prepare("INSERT INTO audit (at_us, who, role, surface, from_addr, action, target) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)"), recorded, (ps, r) -> {
                    AuditEntry e = r.entry();
                    ps.setLong(1, Rows.micros(e.at()));
                    ps.setString(2, e.who());
                    ps.setString(3, e.role());
                    ps.setString(4, e.surface());
                    ps.setString(5, e.from());
                    ps.setString(6, e.action());
                    ps.setString(7, e.target());
                }, null);
    }

    private void states(List<StateChanged> changed, PreparedConnection c) throws SQLException {
        long now = Rows.micros(clock.instant());
        Batch.run(c.prepare(SET_STATE), Batch.lastPerKey(changed, StateChanged::key), (ps, s) -> {
            ps.setString(1, s.key().handlerId());
            ps.setString(2, s.key().itemId() == null ? "" : s.key().itemId());
            ps.setString(3, s.key().what().name());
            ps.setBoolean(4, s.value());
            ps.setLong(5, now);
        }, null);
    }

    /** An INSERT that replaces the row with the same key instead (the same SQL in both dialects). */
    static String upsert(String table, String key, String others) {
        String columns = key + ", " + others;
        return "INSERT INTO " + table + " (" + columns + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.split(",").length, "?")) + ") ON CONFLICT (" + key
                + ") DO UPDATE SET " + Arrays.stream(others.split(",")).map(String::trim)
                        .map(col -> col + " = excluded." + col).collect(Collectors.joining(", "));
    }

    /** Maps and lists of strings and numbers as JSON: always storable, whatever their size. */
    static String json(Object value) {
        return ((ContextCodec.Encoded.Storable) ITEMS.encode(value)).text();
    }
}
