package dev.synccenter.impl.store.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.EventFilter;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.RequestKind;
import dev.synccenter.control.ScheduleSnapshot.Origin;
import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncEvent;
import dev.synccenter.control.SyncResult;
import dev.synccenter.control.audit.AuditEntry;
import dev.synccenter.control.HistoryFilter;
import dev.synccenter.impl.store.ItemState;
import dev.synccenter.impl.store.StateKey;
import dev.synccenter.impl.store.StoredBackoff;
import dev.synccenter.impl.store.StoredItem;
import dev.synccenter.impl.store.StoredRequest;
import dev.synccenter.impl.store.StoredSchedule;

/** The store's queries, each one statement (so one consistent snapshot) on the reader connection. */
final class SqlReads {

    private static final Logger LOG = LoggerFactory.getLogger(SqlReads.class);

    private static final String RESULT_COLUMNS = "request_id, handler_id, status, error_count, conflict_count, "
            + "items, reason, accepted_at_us, started_at_us, finished_at_us, served_by, attempts";

    private SqlReads() {
    }

    /** Requests without a result in ID order, each with its items in request order (C37). */
    static List<StoredRequest> unfinished(PreparedConnection c, long afterId, int limit) throws SQLException {
        PreparedStatement ps = c.prepare("SELECT r.request_id, r.handler_id, r.kind, r.flags, r.context, "
                + "r.volatile_context, r.accepted_at_us, r.resolved, i.item_id, i.status, i.attempts, i.errors, "
                + "i.conflicts, i.started_at_us, i.finished_at_us, i.next_attempt_at_us, i.last_error "
                + "FROM (SELECT * FROM requests WHERE request_id > ? "
                + "ORDER BY request_id LIMIT ?) r "
                + "LEFT JOIN request_items i ON i.request_id = r.request_id ORDER BY r.request_id, i.position");
        ps.setLong(1, afterId);
        ps.setInt(2, limit);
        List<StoredRequest> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            long current = 0;
            RequestRow head = null;
            List<StoredItem> items = new ArrayList<>();
            while (rs.next()) {
                long id = rs.getLong("request_id");
                if (id != current) {
                    if (head != null) {
                        out.add(head.request(items));
                    }
                    current = id;
                    head = RequestRow.read(rs);
                    items = new ArrayList<>();
                }
                String itemId = rs.getString("item_id");
                if (itemId != null) {
                    items.add(item(rs, itemId));
                }
            }
            if (head != null) {
                out.add(head.request(items));
            }
        }
        return out;
    }

    private static StoredItem item(ResultSet rs, String itemId) throws SQLException {
        String status = rs.getString("status");
        ItemState state = switch (status) {
            case ChangeWriter.PENDING -> ItemState.PENDING;
            case ChangeWriter.RUNNING -> ItemState.RUNNING;
            case ChangeWriter.WAITING -> ItemState.WAITING;
            default -> ItemState.FINAL;
        };
        boolean waiting = state == ItemState.WAITING; // the retry columns say something only then (C43)
        return new StoredItem(itemId, state, state == ItemState.FINAL ? ProgressStatus.valueOf(status) : null,
                rs.getInt("attempts"), rs.getInt("errors"), rs.getInt("conflicts"), Rows.instant(rs, "started_at_us"),
                Rows.instant(rs, "finished_at_us"), waiting ? Rows.instant(rs, "next_attempt_at_us") : null,
                waiting ? rs.getString("last_error") : null);
    }

    /** The request columns of a row of {@link #unfinished}. */
    private record RequestRow(long id, String handlerId, RequestKind kind, Set<SyncControlFlag> flags, Object context,
            boolean volatileContext, Instant acceptedAt, boolean resolved) {

        static RequestRow read(ResultSet rs) throws SQLException {
            long id = rs.getLong("request_id");
            String text = rs.getString("context");
            boolean isVolatile = rs.getBoolean("volatile_context");
            Object context = null;
            if (text != null) {
                try {
                    context = ChangeWriter.ITEMS.decode(text);
                } catch (IllegalArgumentException e) {
                    // Unreadable: the request cannot run as asked, like one whose context was never stored.
                    LOG.warn("The stored context of request {} cannot be read ({}); it resumes as volatile", id,
                            e.getMessage());
                    isVolatile = true;
                }
            }
            return new RequestRow(id, rs.getString("handler_id"), RequestKind.valueOf(rs.getString("kind")),
                    SqlReads.flags(rs.getString("flags")), context, isVolatile, Rows.instant(rs, "accepted_at_us"),
                    rs.getBoolean("resolved"));
        }

        StoredRequest request(List<StoredItem> items) {
            return new StoredRequest(id, handlerId, kind, flags, context, volatileContext, acceptedAt, resolved,
                    items);
        }
    }

    private static Set<SyncControlFlag> flags(String text) {
        Set<SyncControlFlag> flags = EnumSet.noneOf(SyncControlFlag.class);
        for (String name : text.split(",")) {
            if (!name.isEmpty()) {
                flags.add(SyncControlFlag.valueOf(name));
            }
        }
        return flags;
    }

    static Optional<SyncResult> result(PreparedConnection c, long requestId) throws SQLException {
        PreparedStatement ps = c.prepare("SELECT " + RESULT_COLUMNS + " FROM results WHERE request_id = ?");
        ps.setLong(1, requestId);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(result(rs)) : Optional.empty();
        }
    }

    /** A statement and its arguments. */
    record Query(String sql, List<Object> args) {
    }

    static List<SyncResult> history(PreparedConnection c, HistoryFilter q) throws SQLException {
        List<SyncResult> out = new ArrayList<>();
        try (ResultSet rs = run(c, historyQuery(q))) {
            while (rs.next()) {
                out.add(result(rs));
            }
        }
        return out;
    }

    /** Newest first; each filter has an index that also gives the order (C39: fast at the bound). */
    static Query historyQuery(HistoryFilter q) {
        StringBuilder sql = new StringBuilder("SELECT " + RESULT_COLUMNS + " FROM results WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.handlerId() != null) {
            sql.append(" AND handler_id = ?");
            args.add(q.handlerId());
        }
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status().name());
        }
        if (q.finishedFrom() != null) {
            sql.append(" AND finished_at_us >= ?");
            args.add(Rows.micros(q.finishedFrom()));
        }
        if (q.finishedTo() != null) {
            sql.append(" AND finished_at_us < ?");
            args.add(Rows.micros(q.finishedTo()));
        }
        sql.append(" ORDER BY finished_at_us DESC, request_id DESC");
        return limited(sql, args, q.limit());
    }

    private static SyncResult result(ResultSet rs) throws SQLException {
        Map<String, ProgressStatus> items = new LinkedHashMap<>();
        ((Map<?, ?>) ChangeWriter.ITEMS.decode(rs.getString("items")))
                .forEach((item, status) -> items.put((String) item, ProgressStatus.valueOf((String) status)));
        Map<String, Integer> attempts = new LinkedHashMap<>();
        String attemptsText = rs.getString("attempts"); // NULL in results stored before schema version 3
        if (attemptsText != null) {
            ((Map<?, ?>) ChangeWriter.ITEMS.decode(attemptsText))
                    .forEach((item, count) -> attempts.put((String) item, (Integer) count));
        }
        return new SyncResult(rs.getLong("request_id"), rs.getString("handler_id"),
                ProgressStatus.valueOf(rs.getString("status")), rs.getInt("error_count"), rs.getInt("conflict_count"),
                items, rs.getString("reason"), Rows.instant(rs, "accepted_at_us"), Rows.instant(rs, "started_at_us"),
                Rows.instant(rs, "finished_at_us"), rs.getString("served_by"), attempts);
    }

    static List<SyncEvent> events(PreparedConnection c, EventFilter f) throws SQLException {
        List<SyncEvent> out = new ArrayList<>();
        try (ResultSet rs = run(c, eventsQuery(f))) {
            while (rs.next()) {
                out.add(new SyncEvent(UUID.fromString(rs.getString("event_id")), Rows.instant(rs, "time_us"),
                        rs.getString("handler_id"), rs.getString("item_id"), EventLevel.valueOf(rs.getString("level")),
                        rs.getString("name"), rs.getString("description"), rs.getString("link_text"),
                        rs.getString("link_reference"), rs.getString("context"), rs.getLong("request_id"),
                        rs.getLong("session_id")));
            }
        }
        return out;
    }

    /** The newest audit entries first (C51). */
    static List<AuditEntry> audit(PreparedConnection c, int limit) throws SQLException {
        PreparedStatement ps = c.prepare("SELECT at_us, who, role, surface, from_addr, action, target FROM audit "
                + "ORDER BY seq DESC LIMIT ?");
        ps.setInt(1, limit);
        List<AuditEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new AuditEntry(Rows.instant(rs, "at_us"), rs.getString("who"), rs.getString("role"),
                        rs.getString("surface"), rs.getString("from_addr"), rs.getString("action"),
                        rs.getString("target")));
            }
        }
        return out;
    }

    /** Newest first, in the order they were stored. */
    static Query eventsQuery(EventFilter f) {
        StringBuilder sql = new StringBuilder("SELECT event_id, time_us, handler_id, item_id, level, name, "
                + "description, link_text, link_reference, context, request_id, session_id FROM events WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.handlerId() != null) {
            sql.append(" AND handler_id = ?");
            args.add(f.handlerId());
        }
        if (f.itemId() != null) {
            sql.append(" AND item_id = ?");
            args.add(f.itemId());
        }
        if (f.minimumLevel() != null) {
            // Enum names as literals: a handful of statement shapes, each prepared once.
            sql.append(Arrays.stream(EventLevel.values()).filter(l -> l.compareTo(f.minimumLevel()) >= 0)
                    .map(l -> "'" + l.name() + "'").collect(Collectors.joining(", ", " AND level IN (", ")")));
        }
        sql.append(" ORDER BY seq DESC");
        return limited(sql, args, f.limit());
    }

    private static Query limited(StringBuilder sql, List<Object> args, int limit) {
        if (limit > 0) {
            sql.append(" LIMIT ?");
            args.add(limit);
        }
        return new Query(sql.toString(), args);
    }

    /**
     * Every item in backoff (C43), ordered by handler and item as Java orders strings: sorted here,
     * not by the database, whose collation may differ (PostgreSQL's follows the locale).
     */
    static List<StoredBackoff> backoffs(PreparedConnection c) throws SQLException {
        PreparedStatement ps = c.prepare("SELECT handler_id, item_id, failures, delay_ms, retry_at_us, reason "
                + "FROM backoff");
        List<StoredBackoff> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredBackoff(rs.getString("handler_id"), rs.getString("item_id"), rs.getInt("failures"),
                        Duration.ofMillis(rs.getLong("delay_ms")), Rows.instant(rs, "retry_at_us"),
                        rs.getString("reason")));
            }
        }
        out.sort(Comparator.comparing(StoredBackoff::handlerId).thenComparing(StoredBackoff::itemId));
        return out;
    }

    /** Every schedule (C44), ordered by ID as Java orders strings (sorted here, as {@link #backoffs}). */
    static List<StoredSchedule> schedules(PreparedConnection c) throws SQLException {
        PreparedStatement ps = c.prepare("SELECT schedule_id, handler_id, item_ids, interval_ms, cron, zone, origin, "
                + "next_run_at_us, last_run_at_us, last_request_id, held FROM schedules");
        List<StoredSchedule> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String items = rs.getString("item_ids"); // NULL for a handler sync
                long interval = rs.getLong("interval_ms");
                Duration every = rs.wasNull() ? null : Duration.ofMillis(interval);
                String zone = rs.getString("zone"); // NULL for UTC, as the spec has it
                ScheduleSpec spec = new ScheduleSpec(rs.getString("schedule_id"), rs.getString("handler_id"),
                        items == null ? List.of() : ((List<?>) ChangeWriter.ITEMS.decode(items)).stream()
                                .map(String.class::cast).toList(),
                        every, rs.getString("cron"), zone == null ? null : ZoneId.of(zone));
                out.add(new StoredSchedule(spec, Origin.valueOf(rs.getString("origin")),
                        Rows.instant(rs, "next_run_at_us"), Rows.instant(rs, "last_run_at_us"),
                        rs.getLong("last_request_id"), rs.getBoolean("held")));
            }
        }
        out.sort(Comparator.comparing(s -> s.spec().id()));
        return out;
    }

    static Map<StateKey, Boolean> states(PreparedConnection c) throws SQLException {
        PreparedStatement ps = c.prepare("SELECT handler_id, item_id, name, value FROM states "
                + "ORDER BY handler_id, item_id, name");
        Map<StateKey, Boolean> out = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String item = rs.getString("item_id");
                out.put(new StateKey(rs.getString("handler_id"), item.isEmpty() ? null : item,
                        StateKey.Switch.valueOf(rs.getString("name"))), rs.getBoolean("value"));
            }
        }
        return out;
    }

    static ResultSet run(PreparedConnection c, Query q) throws SQLException {
        PreparedStatement ps = c.prepare(q.sql());
        bind(ps, q.args());
        return ps.executeQuery();
    }

    static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (a instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                ps.setString(i + 1, (String) a);
            }
        }
    }
}
