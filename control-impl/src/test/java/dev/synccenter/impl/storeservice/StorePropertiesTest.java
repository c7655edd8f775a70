package dev.synccenter.impl.storeservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.synccenter.config.RawConfig;
import dev.synccenter.impl.store.sql.Durability;
import dev.synccenter.impl.store.sql.StoreSettings;

/** The store's configuration, converted key by key: a bad value costs that value only. */
class StorePropertiesTest {

    private static final String FILE = "file:/opt/sync-center/etc/dev.synccenter.store.cfg";

    private final List<String> warnings = new ArrayList<>();

    private StoreSettings from(Map<String, Object> properties) {
        return StoreProperties.from(properties, warnings::add);
    }

    @Test
    void noPropertiesGiveTheEmbeddedDefaultsSilently() {
        assertThat(from(Map.of("service.pid", StoreComponent.PID))).isEqualTo(StoreSettings.defaults());
        assertThat(StoreSettings.defaults().driverClass()).isEqualTo("org.sqlite.JDBC");
        assertThat(warnings).isEmpty();
    }

    @Test
    void paxJdbcNamesAndTheStoresOwnAreTaken() {
        Map<String, Object> p = new HashMap<>();
        p.put("url", "jdbc:postgresql://db:5432/sc");
        p.put("user", "sc");
        p.put("password", "secret");
        p.put("osgi.jdbc.driver.class", "org.postgresql.Driver");
        p.put("durability", "power-loss");
        p.put("queue.capacity", " 50 ");
        p.put("max.batch", 7);
        p.put("retry.interval.ms", 250L);
        p.put("node.id", "node-2");
        StoreSettings s = from(p);
        assertThat(s.url()).isEqualTo("jdbc:postgresql://db:5432/sc");
        assertThat(s.user()).isEqualTo("sc");
        assertThat(s.password()).isEqualTo("secret");
        assertThat(s.driverClass()).isEqualTo("org.postgresql.Driver");
        assertThat(s.durability()).isEqualTo(Durability.POWER_LOSS);
        assertThat(s.queueCapacity()).isEqualTo(50);
        assertThat(s.maxBatch()).isEqualTo(7);
        assertThat(s.retryInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.nodeId()).isEqualTo("node-2");
        assertThat(warnings).isEmpty();
    }

    @Test
    void aPostgresqlUrlWithoutADriverClassMeansPostgresqlsFactory() {
        assertThat(from(Map.of("url", "jdbc:postgresql://db/sc")).driverClass()).isEqualTo("org.postgresql.Driver");
        assertThat(from(Map.of("url", "jdbc:sqlite:/tmp/x.db")).driverClass()).isEqualTo("org.sqlite.JDBC");
        assertThat(from(Map.of("url", "jdbc:postgresql://db/sc", "osgi.jdbc.driver.class", "com.example.Pg"))
                .driverClass()).as("a driver class given wins").isEqualTo("com.example.Pg");
    }

    @Test
    void aBadValueIsLoggedOnceWithKeyAndFileAndDefaulted() {
        Map<String, Object> p = new HashMap<>();
        p.put("durability", "fsync");
        p.put("queue.capacity", "lots");
        p.put("max.batch", "0");
        p.put("busy.timeout.ms", "100");
        p.put(RawConfig.FILE_PROPERTY, FILE);
        StoreSettings s = from(p);
        StoreSettings d = StoreSettings.defaults();
        assertThat(s.durability()).isEqualTo(d.durability());
        assertThat(s.queueCapacity()).isEqualTo(d.queueCapacity());
        assertThat(s.maxBatch()).isEqualTo(d.maxBatch());
        assertThat(s.busyTimeout()).as("the good value next to the bad ones").isEqualTo(Duration.ofMillis(100));
        String in = " in /opt/sync-center/etc/dev.synccenter.store.cfg is refused (";
        assertThat(warnings).containsExactlyInAnyOrder(
                "Configuration durability=fsync" + in + "durability must be process-crash or power-loss, was 'fsync');"
                        + " using the default process-crash",
                "Configuration queue.capacity=lots" + in + "queue.capacity must be a whole number, was 'lots');"
                        + " using the default 10000",
                "Configuration max.batch=0" + in + "max.batch must be 1 to 100000, was 0); using the default 1000");
    }

    @Test
    void theSourceWithoutAFileIsTheStoresPid() {
        assertThat(StoreProperties.source(Map.of())).isEqualTo("configuration dev.synccenter.store");
    }

    @Test
    void logTextNeverShowsThePasswordNorTheUrlsQuery() {
        StoreSettings s = StoreSettings.fromProperties(Map.of("url",
                "jdbc:postgresql://db:5432/sc?user=sc&password=hunter22&ssl=true", "password", "open-sesame"));
        String message = "cannot connect to jdbc:postgresql://db:5432/sc?user=sc&password=hunter22&ssl=true as sc "
                + "with open-sesame; hunter22 refused";
        assertThat(StoreProperties.redact(message, s))
                .isEqualTo("cannot connect to jdbc:postgresql://db:5432/sc as sc with ****; **** refused");
        assertThat(StoreProperties.redact("no secret here", StoreSettings.defaults())).isEqualTo("no secret here");
    }
}
