package dev.synccenter.impl.store.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.synccenter.impl.store.Pruned;
import dev.synccenter.impl.store.Retention;

/** The store's own writes, beside the engine's changes: ID blocks, retention, the node's heartbeat. */
final class AdminWrites {

    private AdminWrites() {
    }

    /** Moves the request sequence on by {@code count} and answers where the block starts (C36). */
    static long reserveRequestIds(PreparedConnection c, int count) throws SQLException {
        PreparedStatement up = c.prepare("UPDATE id_sequence SET next_value = next_value + ? WHERE name = 'request'");
        up.setLong(1, count);
        if (up.executeUpdate() != 1) {
            throw new SQLException("the id_sequence table has no 'request' row");
        }
        // Read back inside the same transaction: the writer (and on PostgreSQL the row lock) makes it ours.
        PreparedStatement read = c.prepare("SELECT next_value FROM id_sequence WHERE name = 'request'");
        try (ResultSet rs = read.executeQuery()) {
            rs.next();
            return rs.getLong(1) - count;
        }
    }

    /** Deletes what is past the retention bounds (C39): first by age, then all but the newest. */
    static Pruned prune(PreparedConnection c, Retention r, Instant now) throws SQLException {
        int results = olderThan(c, "results", "finished_at_us", Rows.micros(now.minus(r.maxResultAge())));
        results += beyondCount(c, r.maxResults(), "DELETE FROM results WHERE (finished_at_us, request_id) < "
                + "(SELECT finished_at_us, request_id FROM results ORDER BY finished_at_us DESC, request_id DESC "
                + "LIMIT 1 OFFSET ?)", "DELETE FROM results");
        int events = olderThan(c, "events", "time_us", Rows.micros(now.minus(r.maxEventAge())));
        events += beyondCount(c, r.maxEvents(),
                "DELETE FROM events WHERE seq < (SELECT seq FROM events ORDER BY seq DESC LIMIT 1 OFFSET ?)",
                "DELETE FROM events");
        events += beyondPerHandler(c, r.maxEventsPerHandler());
        return new Pruned(results, events);
    }

    /** Keeps the newest {@code keep} events of each handler that has more (C41); reads its index only. */
    private static int beyondPerHandler(PreparedConnection c, int keep) throws SQLException {
        if (keep == Integer.MAX_VALUE) {
            return 0;
        }
        PreparedStatement over = c.prepare(
                "SELECT handler_id FROM events GROUP BY handler_id HAVING COUNT(*) > ?");
        over.setInt(1, keep);
        List<String> handlers = new ArrayList<>();
        try (ResultSet rs = over.executeQuery()) {
            while (rs.next()) {
                handlers.add(rs.getString(1));
            }
        }
        int deleted = 0;
        for (String handlerId : handlers) {
            PreparedStatement ps = keep == 0 ? c.prepare("DELETE FROM events WHERE handler_id = ?")
                    : c.prepare("DELETE FROM events WHERE handler_id = ? AND seq < (SELECT seq FROM events "
                            + "WHERE handler_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)");
            ps.setString(1, handlerId);
            if (keep > 0) {
                ps.setString(2, handlerId);
                ps.setInt(3, keep - 1);
            }
            deleted += ps.executeUpdate();
        }
        return deleted;
    }

    private static int olderThan(PreparedConnection c, String table, String column, long micros)
            throws SQLException {
        PreparedStatement ps = c.prepare("DELETE FROM " + table + " WHERE " + column + " < ?");
        ps.setLong(1, micros);
        return ps.executeUpdate();
    }

    /** Keeps the newest {@code keep}: the one at offset keep - 1 is the oldest that stays. */
    private static int beyondCount(PreparedConnection c, int keep, String deleteOlder, String deleteAll)
            throws SQLException {
        if (keep == 0) {
            return c.prepare(deleteAll).executeUpdate();
        }
        PreparedStatement ps = c.prepare(deleteOlder);
        ps.setInt(1, keep - 1);
        return ps.executeUpdate();
    }

    /**
     * Writes this node's row: a real write, so it tells a store that can only be read (a full disk,
     * a read-only file) from one that works.
     */
    static Void heartbeat(PreparedConnection c, String nodeId, Instant now) throws SQLException {
        PreparedStatement ps = c.prepare("INSERT INTO nodes (node_id, started_at_us, heartbeat_at_us) "
                + "VALUES (?, ?, ?) ON CONFLICT (node_id) DO UPDATE SET heartbeat_at_us = excluded.heartbeat_at_us");
        ps.setString(1, nodeId);
        ps.setLong(2, Rows.micros(now));
        ps.setLong(3, Rows.micros(now));
        ps.executeUpdate();
        return null;
    }
}
