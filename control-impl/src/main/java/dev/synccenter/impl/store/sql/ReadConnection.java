package dev.synccenter.impl.store.sql;

import java.sql.SQLException;

import javax.sql.DataSource;

import dev.synccenter.impl.store.StoreException;

/**
 * The store's reader: one connection beside the writer's (in WAL mode SQLite readers never wait for
 * the writer), opened when first needed and dropped after an error, so that the next read opens a
 * fresh one. Reads take turns on it.
 */
final class ReadConnection implements AutoCloseable {

    private final String storeName;
    private final DataSource dataSource;
    private final Dialect dialect;
    private final StoreSettings settings;
    // @GuardedBy("this")
    private PreparedConnection connection;
    // @GuardedBy("this")
    private boolean closed;

    ReadConnection(String storeName, DataSource dataSource, Dialect dialect, StoreSettings settings) {
        this.storeName = storeName;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.settings = settings;
    }

    synchronized <T> T read(String what, SqlWork<T> work) {
        if (closed) {
            throw new StoreException(storeName + " is closed: cannot read " + what);
        }
        boolean reused = connection != null;
        try {
            return work.apply(connection());
        } catch (SQLException | RuntimeException e) {
            drop();
            if (!reused) {
                throw failed(what, e);
            }
        }
        // A connection that worked before may have gone stale (the database restarted): reads are
        // safe to repeat, so one more try on a fresh connection before the caller hears of it.
        try {
            return work.apply(connection());
        } catch (SQLException | RuntimeException e) {
            drop();
            throw failed(what, e);
        }
    }

    private PreparedConnection connection() throws SQLException {
        if (connection == null) {
            PreparedConnection c = new PreparedConnection(dataSource.getConnection());
            try {
                dialect.configure(c.connection(), false, settings);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    private StoreException failed(String what, Exception e) {
        return new StoreException(storeName + ": reading " + what + " failed: " + e.getMessage(), e);
    }

    private void drop() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        drop();
    }
}
