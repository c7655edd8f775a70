package dev.synccenter.impl.store.sql;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The few things SQLite and PostgreSQL do differently; every other statement is the same SQL.
 * The schema scripts differ too, one folder per dialect.
 */
public enum Dialect {

    SQLITE("SQLite", "sqlite") {
        @Override
        void configure(Connection c, boolean writer, StoreSettings settings) throws SQLException {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout = " + settings.busyTimeout().toMillis());
                if (!writer) {
                    st.execute("PRAGMA query_only = 1");
                    return;
                }
                // WAL: readers never block the writer, and a commit is one append (kill -9 safe).
                try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                    String mode = rs.next() ? rs.getString(1) : null;
                    if (!"wal".equalsIgnoreCase(mode)) {
                        throw new SQLException("SQLite would not switch to WAL mode (journal_mode is " + mode + ")");
                    }
                }
                st.execute("PRAGMA synchronous = "
                        + (settings.durability() == Durability.POWER_LOSS ? "FULL" : "NORMAL"));
            }
        }

        /** BEGIN IMMEDIATE takes the write lock now, so no transaction fails later upgrading to it. */
        @Override
        void begin(Connection c) throws SQLException {
            execute(c, "BEGIN IMMEDIATE");
        }

        @Override
        void commit(Connection c) throws SQLException {
            execute(c, "COMMIT");
        }

        @Override
        void rollback(Connection c) throws SQLException {
            execute(c, "ROLLBACK");
        }

        @Override
        void lockForMigration(Connection c) {
            // BEGIN IMMEDIATE already holds the database's one write lock.
        }

        /** In process a statement per row costs no round trip: one batch. */
        @Override
        void deleteRequests(PreparedConnection c, String table, List<Long> requestIds) throws SQLException {
            Batch.run(c.prepare("DELETE FROM " + table + " WHERE request_id = ?"), requestIds,
                    (ps, id) -> ps.setLong(1, id), null);
        }

        /** SQLITE_CONSTRAINT and its extended codes (primary key, unique, not null). */
        @Override
        boolean isRefusal(SQLException e) {
            return (e.getErrorCode() & 0xff) == 19;
        }
    },

    POSTGRESQL("PostgreSQL", "postgresql") {
        @Override
        void configure(Connection c, boolean writer, StoreSettings settings) throws SQLException {
            if (writer) {
                // An acknowledged change is on disk, whatever the server's default (C36).
                execute(c, "SET synchronous_commit = on");
                // The writer looks every row up by its key. The request tables stay small but churn
                // (rows inserted and deleted all the time), so the planner would read them whole for
                // "= ANY (...)" and walk every dead row: the indexes are always the better way here.
                execute(c, "SET enable_seqscan = off");
            }
            c.setAutoCommit(!writer);
        }

        @Override
        void begin(Connection c) {
            // Without autocommit, the first statement opens the transaction.
        }

        @Override
        void commit(Connection c) throws SQLException {
            c.commit();
        }

        @Override
        void rollback(Connection c) throws SQLException {
            c.rollback();
        }

        /** One migration at a time per schema, across every node; released at commit or rollback. */
        @Override
        void lockForMigration(Connection c) throws SQLException {
            execute(c, "SELECT pg_advisory_xact_lock(hashtext('sync-center:' || current_schema()))");
        }

        /**
         * The driver sends a batch of INSERTs as multi-row INSERTs (a group's rows in a few
         * statements, not one execution per row), unless the URL says otherwise.
         */
        @Override
        public Map<String, String> driverProperties(String url) {
            return url.contains(REWRITE_BATCHED_INSERTS) ? Map.of() : Map.of(REWRITE_BATCHED_INSERTS, "true");
        }

        /** One statement for a whole group: the server runs one plan, not one per request. */
        @Override
        void deleteRequests(PreparedConnection c, String table, List<Long> requestIds) throws SQLException {
            PreparedStatement ps = c.prepare("DELETE FROM " + table + " WHERE request_id = ANY (?)");
            Array ids = c.connection().createArrayOf("bigint", requestIds.toArray());
            try {
                ps.setArray(1, ids);
                ps.executeUpdate();
            } finally {
                ids.free();
            }
        }

        /** SQLSTATE class 23: integrity constraint violation. */
        @Override
        boolean isRefusal(SQLException e) {
            return e.getSQLState() != null && e.getSQLState().startsWith("23");
        }
    };

    private static final String REWRITE_BATCHED_INSERTS = "reWriteBatchedInserts";

    private final String title;
    private final String folder;

    Dialect(String title, String folder) {
        this.title = title;
        this.folder = folder;
    }

    /** The dialect of a JDBC URL. */
    public static Dialect forUrl(String url) {
        if (url != null && url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("The store works with SQLite (jdbc:sqlite:...) and PostgreSQL "
                + "(jdbc:postgresql:...), not with '" + url + "'");
    }

    /** "SQLite" or "PostgreSQL", for messages. */
    public String title() {
        return title;
    }

    /** The folder of this dialect's schema scripts. */
    String folder() {
        return folder;
    }

    /** Sets a new connection up as the store's one writer or as a reader. */
    abstract void configure(Connection c, boolean writer, StoreSettings settings) throws SQLException;

    abstract void begin(Connection c) throws SQLException;

    abstract void commit(Connection c) throws SQLException;

    abstract void rollback(Connection c) throws SQLException;

    /** Inside the migration's transaction: keeps other processes from migrating at the same time. */
    abstract void lockForMigration(Connection c) throws SQLException;

    /** Deletes the rows of these requests from a table whose rows belong to requests ({@code request_id}). */
    abstract void deleteRequests(PreparedConnection c, String table, List<Long> requestIds) throws SQLException;

    /**
     * Properties a data source for this dialect is created with, besides the URL and the
     * credentials, for the store's way of writing; none that the URL sets itself.
     */
    public Map<String, String> driverProperties(String url) {
        return Map.of();
    }

    /** Whether an error refuses the statement (a constraint) rather than says the database failed. */
    abstract boolean isRefusal(SQLException e);

    void rollbackQuietly(Connection c) {
        try {
            rollback(c);
        } catch (SQLException | RuntimeException e) {
            // Nothing to roll back, or the connection is gone: either way nothing was committed.
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
