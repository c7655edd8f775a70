package dev.synccenter.impl.store.sql;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The store's typed configuration. The connection properties have pax-jdbc's names ({@code url},
 * {@code user}, {@code password}, {@code osgi.jdbc.driver.class}), so a Karaf user recognises them;
 * the rest are the store's own.
 *
 * @param url the JDBC URL; null for the default SQLite file in the bundle's data area
 * @param user the database user, or null
 * @param password the database password, or null; never shown in messages
 * @param driverClass the {@code osgi.jdbc.driver.class} of the DataSourceFactory to use
 * @param durability what an acknowledged change survives (SQLite; PostgreSQL always commits durably)
 * @param queueCapacity changes that may wait for the writer; past it submits are refused (C41)
 * @param maxBatch changes committed in one transaction at most
 * @param retryInterval how often a failing store tries the database again (C40)
 * @param busyTimeout how long SQLite waits for a lock another process holds
 * @param callTimeout how long the blocking calls (reserve IDs, prune, close) wait for the writer
 * @param nodeId this process's name in the store's nodes table
 */
public record StoreSettings(String url, String user, String password, String driverClass, Durability durability,
        int queueCapacity, int maxBatch, Duration retryInterval, Duration busyTimeout, Duration callTimeout,
        String nodeId) {

    public static final String SQLITE_DRIVER = "org.sqlite.JDBC";
    public static final String POSTGRESQL_DRIVER = "org.postgresql.Driver";

    public StoreSettings {
        Objects.requireNonNull(driverClass, "osgi.jdbc.driver.class");
        Objects.requireNonNull(durability, "durability");
        range("queue.capacity", queueCapacity, 1, 10_000_000);
        range("max.batch", maxBatch, 1, 100_000);
        positive("retry.interval.ms", retryInterval);
        positive("busy.timeout.ms", busyTimeout);
        positive("call.timeout.ms", callTimeout);
        Objects.requireNonNull(nodeId, "node.id");
    }

    public static StoreSettings defaults() {
        return new StoreSettings(null, null, null, SQLITE_DRIVER, Durability.PROCESS_CRASH, 10_000, 1_000,
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30), "local");
    }

    /** The settings for a JDBC URL; the driver follows from it. */
    public static StoreSettings forUrl(String url) {
        String driver = Dialect.forUrl(url) == Dialect.SQLITE ? SQLITE_DRIVER : POSTGRESQL_DRIVER;
        return defaults().withUrl(url).withDriverClass(driver);
    }

    /**
     * Settings from configuration properties; what is absent keeps its default.
     *
     * @throws IllegalArgumentException naming the property that has a bad value
     */
    public static StoreSettings fromProperties(Map<String, ?> p) {
        StoreSettings d = defaults();
        return new StoreSettings(text(p, "url", d.url), text(p, "user", d.user), text(p, "password", d.password),
                text(p, "osgi.jdbc.driver.class", d.driverClass),
                Durability.of(text(p, "durability", d.durability.key())),
                (int) number(p, "queue.capacity", d.queueCapacity), (int) number(p, "max.batch", d.maxBatch),
                Duration.ofMillis(number(p, "retry.interval.ms", d.retryInterval.toMillis())),
                Duration.ofMillis(number(p, "busy.timeout.ms", d.busyTimeout.toMillis())),
                Duration.ofMillis(number(p, "call.timeout.ms", d.callTimeout.toMillis())),
                text(p, "node.id", d.nodeId));
    }

    public StoreSettings withUrl(String value) {
        return new StoreSettings(value, user, password, driverClass, durability, queueCapacity, maxBatch,
                retryInterval, busyTimeout, callTimeout, nodeId);
    }

    public StoreSettings withDriverClass(String value) {
        return new StoreSettings(url, user, password, value, durability, queueCapacity, maxBatch, retryInterval,
                busyTimeout, callTimeout, nodeId);
    }

    public StoreSettings withDurability(Durability value) {
        return new StoreSettings(url, user, password, driverClass, value, queueCapacity, maxBatch, retryInterval,
                busyTimeout, callTimeout, nodeId);
    }

    public StoreSettings withQueueCapacity(int value) {
        return new StoreSettings(url, user, password, driverClass, durability, value, maxBatch, retryInterval,
                busyTimeout, callTimeout, nodeId);
    }

    public StoreSettings withMaxBatch(int value) {
        return new StoreSettings(url, user, password, driverClass, durability, queueCapacity, value, retryInterval,
                busyTimeout, callTimeout, nodeId);
    }

    public StoreSettings withRetryInterval(Duration value) {
        return new StoreSettings(url, user, password, driverClass, durability, queueCapacity, maxBatch, value,
                busyTimeout, callTimeout, nodeId);
    }

    /** Every setting but the password, and the URL without its query: safe for logs. */
    @Override
    public String toString() {
        return "StoreSettings[url=" + safeUrl() + ", user=" + user + ", password=" + (password == null ? null : "****")
                + ", driverClass=" + driverClass + ", durability=" + durability.key() + ", queueCapacity="
                + queueCapacity + ", maxBatch=" + maxBatch + ", retryInterval=" + retryInterval + ", busyTimeout="
                + busyTimeout + ", callTimeout=" + callTimeout + ", nodeId=" + nodeId + "]";
    }

    /** The URL without its query, which may carry a password: for messages and logs. */
    public String safeUrl() {
        if (url == null) {
            return "(no url)";
        }
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static String text(Map<String, ?> p, String key, String fallback) {
        Object v = p.get(key);
        return v == null || v.toString().isBlank() ? fallback : v.toString().trim();
    }

    private static long number(Map<String, ?> p, String key, long fallback) {
        Object v = p.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + v + "'");
        }
    }

    private static void range(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be " + min + " to " + max + ", was " + value);
        }
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be positive, was " + value);
        }
    }
}
