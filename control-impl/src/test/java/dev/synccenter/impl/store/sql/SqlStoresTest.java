package dev.synccenter.impl.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import javax.sql.XADataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.jdbc.DataSourceFactory;

import dev.synccenter.impl.store.StoreException;

/** Opening the store from configuration, as OSGi will: pax-jdbc's property names, the default file. */
class SqlStoresTest {

    @TempDir
    Path dir;

    /** A DataSourceFactory like pax-jdbc-sqlite's: it remembers what it was given. */
    private static class Factory implements DataSourceFactory {
        final List<Properties> given = new ArrayList<>();

        @Override
        public DataSource createDataSource(Properties props) {
            given.add(props);
            return new TestDataSource(props.getProperty(JDBC_URL));
        }

        @Override
        public ConnectionPoolDataSource createConnectionPoolDataSource(Properties props) {
            throw new UnsupportedOperationException();
        }

        @Override
        public XADataSource createXADataSource(Properties props) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Driver createDriver(Properties props) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void withoutAUrlTheStoreIsTheSqliteFileInTheDataArea() {
        Factory factory = new Factory();
        Path area = dir.resolve("bundle-data");
        try (SqlStore store = SqlStores.open(factory, Map.of(), area)) {
            assertThat(store.health().ok()).isTrue();
            assertThat(store.name()).isEqualTo("SQLite store jdbc:sqlite:" + area.resolve("sync-center.db"));
        }
        assertThat(Files.isRegularFile(area.resolve(SqlStores.DEFAULT_SQLITE_FILE))).isTrue();
        // Only the URL: pax-jdbc-sqlite refuses properties its data source has no setter for.
        assertThat(factory.given).hasSize(1);
        assertThat(factory.given.get(0).stringPropertyNames()).containsExactly(DataSourceFactory.JDBC_URL);
    }

    @Test
    void theConnectionPropertiesHavePaxJdbcsNames() {
        Factory factory = new Factory();
        String url = "jdbc:sqlite:" + dir.resolve("x.db");
        SqlStores.open(factory, Map.of("url", url, "user", "u", "password", "secret", "durability", "power-loss"),
                null).close();
        Properties p = factory.given.get(0);
        assertThat(p.getProperty(DataSourceFactory.JDBC_URL)).isEqualTo(url);
        assertThat(p.getProperty(DataSourceFactory.JDBC_USER)).isEqualTo("u");
        assertThat(p.getProperty(DataSourceFactory.JDBC_PASSWORD)).isEqualTo("secret");
    }

    /** Group commits write a batch per kind of change: PostgreSQL's driver then sends each as one multi-row INSERT. */
    @Test
    void aPostgresqlDataSourceRewritesBatchedInsertsUnlessItsUrlSaysOtherwise() {
        Factory factory = new Factory();
        String url = "jdbc:postgresql://127.0.0.1:1/none";
        for (String u : List.of(url, url + "?reWriteBatchedInserts=false")) {
            SqlStores.open(factory, Map.of("url", u, "osgi.jdbc.driver.class", StoreSettings.POSTGRESQL_DRIVER), null)
                    .close();
        }
        assertThat(factory.given.get(0).getProperty("reWriteBatchedInserts")).isEqualTo("true");
        assertThat(factory.given.get(1).stringPropertyNames()).containsExactly(DataSourceFactory.JDBC_URL);
    }

    @Test
    void settingsComeFromPropertiesAndABadValueIsRefusedByName() {
        StoreSettings s = StoreSettings.fromProperties(Map.of("url", "jdbc:postgresql://db:5432/sc?password=x",
                "osgi.jdbc.driver.class", "org.postgresql.Driver", "durability", "power-loss", "queue.capacity", "50",
                "max.batch", 7, "retry.interval.ms", "250", "node.id", "node-2"));
        assertThat(s.durability()).isEqualTo(Durability.POWER_LOSS);
        assertThat(s.queueCapacity()).isEqualTo(50);
        assertThat(s.maxBatch()).isEqualTo(7);
        assertThat(s.retryInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.nodeId()).isEqualTo("node-2");
        assertThat(s.safeUrl()).isEqualTo("jdbc:postgresql://db:5432/sc").doesNotContain("password");
        assertThat(s.toString()).as("safe for logs").contains("jdbc:postgresql://db:5432/sc,")
                .doesNotContain("password=x");
        assertThat(StoreSettings.fromProperties(Map.of("password", "secret")).toString())
                .contains("password=****").doesNotContain("secret");
        assertThat(StoreSettings.fromProperties(Map.of())).isEqualTo(StoreSettings.defaults());

        assertThatThrownBy(() -> StoreSettings.fromProperties(Map.of("durability", "fsync")))
                .hasMessageContaining("durability must be process-crash or power-loss, was 'fsync'");
        assertThatThrownBy(() -> StoreSettings.fromProperties(Map.of("queue.capacity", "0")))
                .hasMessageContaining("queue.capacity must be 1 to");
        assertThatThrownBy(() -> StoreSettings.fromProperties(Map.of("max.batch", "many")))
                .hasMessageContaining("max.batch must be a whole number, was 'many'");
        assertThatThrownBy(() -> StoreSettings.forUrl("jdbc:h2:mem:x"))
                .hasMessageContaining("SQLite (jdbc:sqlite:...) and PostgreSQL");
    }

    @Test
    void aServerUrlIsRequiredForOtherDriversAndAFactoryThatFailsIsNamed() {
        assertThatThrownBy(() -> SqlStores.open(new Factory(),
                Map.of("osgi.jdbc.driver.class", "org.postgresql.Driver"), dir))
                .hasMessageContaining("url is required for the driver org.postgresql.Driver");
        DataSourceFactory failing = new Factory() {
            @Override
            public DataSource createDataSource(Properties props) {
                throw new IllegalArgumentException("no setter for property 'user'");
            }
        };
        assertThatThrownBy(() -> SqlStores.open(failing, Map.of("user", "u"), dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("Cannot create a data source for jdbc:sqlite:")
                .hasMessageContaining("no setter for property 'user'");
    }
}
