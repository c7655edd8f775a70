package dev.synccenter.impl.store.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
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
        if (change instanceof RequestAccepted a) {
            accepted(a, c);
        } else if (change instanceof ItemsResolved r) {
            resolved(r, c);
        } else if (change instanceof ItemStarted s) {
            started(s, c);
        } else if (change instanceof ItemFinished f) {
            finished(f, c);
        } else if (change instanceof RequestFinished f) {
            finished(f.result(), c);
        } else if (change instanceof EventReported e) {
            event(e.event(), c);
        } else if (change instanceof StateChanged s) {
            state(s, c);
        } else if (change instanceof AuditRecorded a) {
            audit(a.entry(), c);
        } else {
            throw new IllegalArgumentException("Unknown change " + change);
        }
    }

    private static void accepted(RequestAccepted a, PreparedConnection c) throws SQLException {
        PreparedStatement ps = c.prepare("INSERT INTO requests (request_id, handler_id, kind, flags, context, "
                + "volatile_context, accepted_at_us, resolved) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        ps.setLong(1, a.requestId());
        ps.setString(2, a.handlerId());
        ps.setString(3, a.kind().name());
        ps.setString(4, a.flags().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        ps.setString(5, a.context());
        ps.setBoolean(6, a.volatileContext());
        ps.setLong(7, Rows.micros(a.acceptedAt()));
        ps.setBoolean(8, a.kind() == RequestKind.ITEM_SYNC); // a handler sync's items come later (C8)
        ps.executeUpdate();
        insertItems(c, a.requestId(), a.itemIds(), 0);
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
        insertItems(c, r.requestId(), r.itemIds(), next);
    }

    private static void insertItems(PreparedConnection c, long requestId, List<String> itemIds, int firstPosition)
            throws SQLException {
        PreparedStatement ps = c.prepare("INSERT INTO request_items (request_id, item_id, position, status) "
                + "VALUES (?, ?, ?, '" + PENDING + "')");
        int position = firstPosition;
        for (String itemId : itemIds) {
            ps.setLong(1, requestId);
            ps.setString(2, itemId);
            ps.setInt(3, position++);
            ps.executeUpdate();
        }
    }

    private static void started(ItemStarted s, PreparedConnection c) throws SQLException {
        PreparedStatement ps = c.prepare("UPDATE request_items SET status = '" + RUNNING + "', attempts = ?, "
                + "started_at_us = ? WHERE request_id = ? AND item_id = ? AND " + UNFINISHED);
        ps.setInt(1, s.attempt());
        ps.setLong(2, Rows.micros(s.at()));
        updateUnfinishedItem(ps, 3, s.requestId(), s.itemId(), "start");
    }

    private static void finished(ItemFinished f, PreparedConnection c) throws SQLException {
        PreparedStatement ps = c.prepare("UPDATE request_items SET status = ?, errors = ?, conflicts = ?, "
                + "finished_at_us = ? WHERE request_id = ? AND item_id = ? AND " + UNFINISHED);
        ps.setString(1, f.status().name());
        ps.setInt(2, f.errors());
        ps.setInt(3, f.conflicts());
        ps.setLong(4, Rows.micros(f.at()));
        updateUnfinishedItem(ps, 5, f.requestId(), f.itemId(), "finish");
    }

    /** Binds the item's key from {@code index} on and updates it; refused when it is not unfinished. */
    private static void updateUnfinishedItem(PreparedStatement ps, int index, long requestId, String itemId,
            String what) throws SQLException {
        ps.setLong(index, requestId);
        ps.setString(index + 1, itemId);
        if (ps.executeUpdate() == 0) {
            throw new ChangeRefused("cannot " + what + " item '" + itemId + "' of request " + requestId
                    + ": the store has no such unfinished item (the request finished, or the item is final or "
                    + "unknown)");
        }
    }

    /** The result goes to the history, and the request leaves the unfinished ones (C17, C37). */
    private static void finished(SyncResult r, PreparedConnection c) throws SQLException {
        PreparedStatement ps = c.prepare("INSERT INTO results (request_id, handler_id, status, error_count, "
                + "conflict_count, items, reason, accepted_at_us, started_at_us, finished_at_us, served_by) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
        ps.executeUpdate();
        for (String table : List.of("request_items", "requests")) {
            PreparedStatement delete = c.prepare("DELETE FROM " + table + " WHERE request_id = ?");
            delete.setLong(1, r.requestId());
            delete.executeUpdate();
        }
    }

    private static void event(SyncEvent e, PreparedConnection c) throws SQLException {
        PreparedStatement ps = c.prepare("INSERT INTO events (event_id, time_us, handler_id, item_id, level, "
                + "name, description, link_text, link_reference, context, request_id, session_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
        ps.executeUpdate();
    }

    private static void audit(AuditEntry e, PreparedConnection c) throws SQLException {
        PreparedStatement ps = c.prepare("INSERT INTO audit (at_us, who, role, surface, from_addr, action, target) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)");
        ps.setLong(1, Rows.micros(e.at()));
        ps.setString(2, e.who());
        ps.setString(3, e.role());
        ps.setString(4, e.surface());
        ps.setString(5, e.from());
        ps.setString(6, e.action());
        ps.setString(7, e.target());
        ps.executeUpdate();
    }

    private void state(StateChanged s, PreparedConnection c) throws SQLException {
        PreparedStatement ps = c.prepare("INSERT INTO states (handler_id, item_id, name, value, changed_at_us) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (handler_id, item_id, name) "
                + "DO UPDATE SET value = excluded.value, changed_at_us = excluded.changed_at_us");
        ps.setString(1, s.key().handlerId());
        ps.setString(2, s.key().itemId() == null ? "" : s.key().itemId());
        ps.setString(3, s.key().what().name());
        ps.setBoolean(4, s.value());
        ps.setLong(5, Rows.micros(clock.instant()));
        ps.executeUpdate();
    }
}
