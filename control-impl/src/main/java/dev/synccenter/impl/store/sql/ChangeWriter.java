package dev.synccenter.impl.store.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
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
import dev.synccenter.impl.store.StoreChange.EventReported;
import dev.synccenter.impl.store.StoreChange.ItemFinished;
import dev.synccenter.impl.store.StoreChange.ItemStarted;
import dev.synccenter.impl.store.StoreChange.ItemsResolved;
import dev.synccenter.impl.store.StoreChange.RequestAccepted;
import dev.synccenter.impl.store.StoreChange.RequestFinished;
import dev.synccenter.impl.store.StoreChange.StateChanged;

/**
 * The SQL of each {@link StoreChange}, run by the writer inside a group commit. A change that
 * does not fit what is stored (an item that is not there or already final, a second result) is
 * refused loudly, by a constraint or by {@link ChangeRefused}, never applied halfway or ignored.
 */
final class ChangeWriter {

    static final String PENDING = "PENDING";
    static final String RUNNING = "RUNNING";

    /** Result items are a map of strings: always storable, whatever their size. */
    static final ContextCodec ITEMS = new ContextCodec(Integer.MAX_VALUE);

    private static final String UNFINISHED = "status IN ('" + PENDING + "', '" + RUNNING + "')";

    private final Clock clock;

    ChangeWriter(Clock clock) {
        this.clock = clock;
    }

    void apply(StoreChange change, PreparedConnection c) throws SQLException {
        applyAll(List.of(change), c);
    }

    /**
     * Applies a group's changes: by kind, in the order of a request's life (accepted, items decided,
     * started, finished, result; then events, states, audit), each kind as one batch per
     * statement, so that a group costs a few round trips rather than one per row. Changes of one
     * kind keep their order. Reordering kinds is safe because a request's changes arrive in that
     * order anyway, and changes of different requests touch different rows.
     */
    void applyAll(List<StoreChange> group, PreparedConnection c) throws SQLException {
        List<List<StoreChange>> byKind = new ArrayList<>(KINDS.size());
        for (int i = 0; i < KINDS.size(); i++) {
            byKind.add(new ArrayList<>());
        }
        for (StoreChange change : group) {
            int kind = KINDS.indexOf(change.getClass());
            if (kind < 0) {
                throw new IllegalArgumentException("Unknown change " + change);
            }
            byKind.get(kind).add(change);
        }
        accepted(cast(byKind.get(0)), c);
        for (ItemsResolved r : this.<ItemsResolved>cast(byKind.get(1))) {
            resolved(r, c);
        }
        started(cast(byKind.get(2)), c);
        finished(cast(byKind.get(3)), c);
        results(cast(byKind.get(4)), c);
        events(cast(byKind.get(5)), c);
        states(cast(byKind.get(6)), c);
        audit(cast(byKind.get(7)), c);
    }

    /** The kinds, in the order they are applied. */
    private static final List<Class<?>> KINDS = List.of(RequestAccepted.class, ItemsResolved.class,
            ItemStarted.class, ItemFinished.class, RequestFinished.class, EventReported.class, StateChanged.class,
            AuditRecorded.class);

    @SuppressWarnings("unchecked")
    private <T> List<T> cast(List<StoreChange> changes) {
        return (List<T>) changes;
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

    private static void started(List<ItemStarted> started, PreparedConnection c) throws SQLException {
        Batch.run(c.prepare("UPDATE request_items SET status = '" + RUNNING + "', attempts = ?, "
                + "started_at_us = ? WHERE request_id = ? AND item_id = ? AND " + UNFINISHED), started, (ps, s) -> {
                    ps.setInt(1, s.attempt());
                    ps.setLong(2, Rows.micros(s.at()));
                    ps.setLong(3, s.requestId());
                    ps.setString(4, s.itemId());
                }, s -> notUnfinished("start", s.itemId(), s.requestId()));
    }

    private static void finished(List<ItemFinished> finished, PreparedConnection c) throws SQLException {
        Batch.run(c.prepare("UPDATE request_items SET status = ?, errors = ?, conflicts = ?, "
                + "finished_at_us = ? WHERE request_id = ? AND item_id = ? AND " + UNFINISHED), finished, (ps, f) -> {
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
    private static void results(List<RequestFinished> finished, PreparedConnection c) throws SQLException {
        Batch.run(c.prepare("INSERT INTO results (request_id, handler_id, status, error_count, "
                + "conflict_count, items, reason, accepted_at_us, started_at_us, finished_at_us, served_by) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"), finished, (ps, f) -> {
                    SyncResult r = f.result();
                    ps.setLong(1, r.requestId());
                    ps.setString(2, r.handlerId());
                    ps.setString(3, r.status().name());
                    ps.setInt(4, r.errorCount());
                    ps.setInt(5, r.conflictCount());
                    Map<String, Object> items = new LinkedHashMap<>();
                    r.items().forEach((item, status) -> items.put(item, status.name()));
                    ps.setString(6, ((ContextCodec.Encoded.Storable) ITEMS.encode(items)).text());
                    ps.setString(7, r.reason());
                    Rows.setInstant(ps, 8, r.acceptedAt());
                    Rows.setInstant(ps, 9, r.startedAt());
                    Rows.setInstant(ps, 10, r.finishedAt());
                    ps.setString(11, r.servedBy());
                }, null);
        for (String table : List.of("request_items", "requests")) {
            Batch.run(c.prepare("DELETE FROM " + table + " WHERE request_id = ?"), finished,
                    (ps, f) -> ps.setLong(1, f.result().requestId()), null);
        }
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
        Batch.run(c.prepare("INSERT INTO states (handler_id, item_id, name, value, changed_at_us) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (handler_id, item_id, name) "
                + "DO UPDATE SET value = excluded.value, changed_at_us = excluded.changed_at_us"), changed, (ps, s) -> {
                    ps.setString(1, s.key().handlerId());
                    ps.setString(2, s.key().itemId() == null ? "" : s.key().itemId());
                    ps.setString(3, s.key().what().name());
                    ps.setBoolean(4, s.value());
                    ps.setLong(5, now);
                }, null);
    }
}
