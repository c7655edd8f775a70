package dev.synccenter.distribution;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;

/**
 * The same kill -9 test with the distribution's store on PostgreSQL (C40: the same behaviour): the
 * server of scripts/test.sh, a schema of its own. Fails, not skips, without the server.
 */
class PostgresDistributionKillIT extends DistributionKillIT {

    private static final String VARIABLE = "SYNCCENTER_TEST_PG_URL";
    private final String schema = "dist_kill_" + ProcessHandle.current().pid();

    @Override
    Map<String, String> storeConfig() throws Exception {
        String base = System.getenv(VARIABLE);
        if (base == null || base.isBlank()) {
            throw new AssertionError(VARIABLE + " is not set: run the tests with scripts/test.sh, which starts a "
                    + "throwaway PostgreSQL server for them");
        }
        execute(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        execute(base, "CREATE SCHEMA " + schema);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return Map.of("dev.synccenter.store.cfg", "url=" + url + "\nosgi.jdbc.driver.class=org.postgresql.Driver\n");
    }

    /** Stops the distribution first, then drops its schema. */
    @Override
    @AfterEach
    void stop() {
        super.stop();
        try {
            execute(System.getenv(VARIABLE), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (Exception e) {
            throw new IllegalStateException("could not drop schema " + schema, e);
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
