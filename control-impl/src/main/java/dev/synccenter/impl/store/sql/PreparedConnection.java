package dev.synccenter.impl.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A connection with its prepared statements, kept for as long as the connection lives: a group
 * commit runs the same few statements thousands of times, and parsing each once is most of the
 * gain on SQLite. Used by one thread at a time.
 */
final class PreparedConnection implements AutoCloseable {

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private long lastUsedNanos = System.nanoTime();

    PreparedConnection(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    void used() {
        lastUsedNanos = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    /** Closes the statements and the connection, ignoring errors: a failing connection is dropped. */
    @Override
    public void close() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException | RuntimeException e) {
                // dropped with the connection
            }
        }
        statements.clear();
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // already broken: that is why it is closed
        }
    }
}
