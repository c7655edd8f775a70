package dev.synccenter.impl.store.sql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.impl.store.StoreException;

/**
 * Brings a database's schema to the version this code knows: the versioned scripts of the
 * dialect's folder ({@code sql/<dialect>/V<n>__<what>.sql}, resources beside this class), applied in
 * one transaction under a lock (SQLite {@code BEGIN IMMEDIATE}, PostgreSQL an advisory lock), and
 * recorded in {@code schema_version}. Flyway's model without Flyway, which is not a bundle.
 */
final class Migrations {

    /** The scripts, in order: the n-th brings the schema to version n. Each dialect has each one. */
    static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__audit.sql", "V3__retries_and_schedules.sql");

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    static int latest() {
        return SCRIPTS.size();
    }

    /**
     * Migrates, or checks that nothing is to do.
     *
     * @throws StoreException when the schema is newer than this code: a clear error, not a retry
     * @throws SQLException when the database fails
     */
    static void run(Connection c, Dialect dialect, String storeName, Instant now) throws SQLException {
        dialect.begin(c);
        boolean committed = false;
        try {
            dialect.lockForMigration(c);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                        + "script TEXT NOT NULL, applied_at_us BIGINT NOT NULL)");
            }
            int current = current(c);
            if (current > latest()) {
                throw new StoreException(storeName + ": its schema is at version " + current
                        + ", newer than the version " + latest() + " this Sync Center knows; use the Sync Center "
                        + "that wrote it, or another database");
            }
            for (int v = current + 1; v <= latest(); v++) {
                String script = SCRIPTS.get(v - 1);
                for (String sql : statements(script(dialect, script))) {
                    try (Statement st = c.createStatement()) {
                        st.execute(sql);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_version (version, script, applied_at_us) VALUES (?, ?, ?)")) {
                    ps.setInt(1, v);
                    ps.setString(2, script);
                    ps.setLong(3, Rows.micros(now));
                    ps.executeUpdate();
                }
                LOG.info("{}: schema migrated to version {} ({})", storeName, v, script);
            }
            dialect.commit(c);
            committed = true;
        } finally {
            if (!committed) {
                dialect.rollbackQuietly(c);
            }
        }
    }

    private static int current(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static String script(Dialect dialect, String name) {
        String path = dialect.folder() + "/" + name;
        try (InputStream in = Migrations.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("The schema script " + path + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the schema script " + path, e);
        }
    }

    /** The statements of a script: "--" comments dropped, split at ";". Our scripts quote no ";". */
    static List<String> statements(String script) {
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            int comment = line.indexOf("--");
            sql.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
        }
        List<String> out = new ArrayList<>();
        for (String s : sql.toString().split(";")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
