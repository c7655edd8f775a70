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
final class TestPostgres {

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
    static String freshSchemaUrl(String prefix) throws SQLException {
        String schema = (prefix + "_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet()).toLowerCase();
        execute("CREATE SCHEMA " + schema);
        String base = baseUrl();
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    static void dropSchemaOf(String url) throws SQLException {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(baseUrl()); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
