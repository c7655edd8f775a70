package dev.synccenter.impl.store.sql;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server the tests run against: {@code SYNCCENTER_TEST_PG_URL}, which
 * scripts/test.sh sets after starting a throwaway cluster. Each test gets a schema of its own, so
 * test classes never see each other's tables. Without the variable the tests fail: no store test
 * is skipped silently.
 */
public final class TestPostgres {

    static final String VARIABLE = "SYNCCENTER_TEST_PG_URL";
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private TestPostgres() {
    }

    static String baseUrl() {
        String url = System.getenv(VARIABLE);
        if (url == null || url.isBlank()) {
            fail(VARIABLE + " is not set. The store's PostgreSQL tests need a server: run them with "
                    + "scripts/test.sh, which starts a throwaway PostgreSQL cluster and sets it (for example "
                    + "scripts/test.sh -pl control-impl -am).");
        }
        return url;
    }

    /** Creates a fresh schema and answers a URL whose connections work in it. */
    public static String freshSchemaUrl(String prefix) throws SQLException {
        String schema = (prefix + "_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet()).toLowerCase();
        execute("CREATE SCHEMA " + schema);
        String base = baseUrl();
        // The application name lets a test find (and end) its own connections on the server.
        return base + (base.contains("?") ? "&" : "?") + "ApplicationName=" + schema + "&currentSchema=" + schema;
    }

    public static void dropSchemaOf(String url) throws SQLException {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** Ends every server connection of the test's URL, as a server restart would. */
    static int terminateConnectionsOf(String url) throws SQLException {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(baseUrl());
                java.sql.PreparedStatement ps = c.prepareStatement("SELECT COUNT(pg_terminate_backend(pid)) "
                        + "FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, schema);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The URL with the port of the server replaced by one nobody listens on. */
    static String nobodyListens(String url) throws java.io.IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return url.replaceFirst("//([^/:]+):\\d+/", "//$1:" + port + "/");
    }

    static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(baseUrl()); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
