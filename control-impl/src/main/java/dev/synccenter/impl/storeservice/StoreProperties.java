package dev.synccenter.impl.storeservice;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.synccenter.config.RawConfig;
import dev.synccenter.impl.store.sql.StoreSettings;

/**
 * Turns the store's raw configuration properties into {@link StoreSettings}, key by key: DS would
 * fail the component's activation on a value its typed configuration cannot convert, and
 * {@link StoreSettings#fromProperties} refuses the whole configuration for one bad value, while a
 * bad value must cost that value only. Each value is checked alone by {@code StoreSettings} itself
 * (one place knows the ranges); a refused one is logged with its key and file and left out, so its
 * default is used. Also: the one place that makes log text safe ({@link #redact}).
 */
final class StoreProperties {

    static final String DRIVER = "osgi.jdbc.driver.class";

    private static final List<String> KEYS = List.of("url", "user", "password", DRIVER, "durability",
            "queue.capacity", "max.batch", "retry.interval.ms", "busy.timeout.ms", "call.timeout.ms", "node.id");

    private StoreProperties() {
    }

    /** @param warn receives one line per bad value */
    static StoreSettings from(Map<String, ?> properties, Consumer<String> warn) {
        Map<String, Object> good = new HashMap<>();
        for (String key : KEYS) {
            Object raw = properties.get(key);
            if (raw == null) {
                continue;
            }
            try {
                StoreSettings.fromProperties(Map.of(key, raw));
                good.put(key, raw);
            } catch (IllegalArgumentException e) {
                // Only numbers and durability are checked, so the value shown is never a password.
                warn.accept("Configuration " + key + "=" + raw + " in " + source(properties) + " is refused ("
                        + e.getMessage() + "); using the default " + defaultOf(key));
            }
        }
        // Without a driver class, a PostgreSQL URL means PostgreSQL's DataSourceFactory.
        Object url = good.get("url");
        if (isBlank(good.get(DRIVER)) && url != null && url.toString().strip().startsWith("jdbc:postgresql:")) {
            good.put(DRIVER, StoreSettings.POSTGRESQL_DRIVER);
        }
        return StoreSettings.fromProperties(good);
    }

    /** Where the configuration came from, for log lines: its file, or its PID when it has none. */
    static String source(Map<String, ?> properties) {
        return RawConfig.source(properties, StoreComponent.PID);
    }

    /**
     * Text for a log line without the password: a driver's message may quote the URL, whose query
     * can carry one ({@code ?password=...}), or the password itself.
     */
    static String redact(String text, StoreSettings settings) {
        if (text == null) {
            return null;
        }
        String url = settings.url();
        String safe = text;
        if (url != null && !url.equals(settings.safeUrl())) {
            safe = safe.replace(url, settings.safeUrl());
            for (String parameter : url.substring(url.indexOf('?') + 1).split("&")) {
                int eq = parameter.indexOf('=');
                String value = eq > 0 ? parameter.substring(eq + 1) : "";
                if (!value.isEmpty() && parameter.substring(0, eq).toLowerCase().contains("password")) {
                    safe = safe.replace(value, "****");
                }
            }
        }
        String password = settings.password();
        return password == null || password.isEmpty() ? safe : safe.replace(password, "****");
    }

    private static Object defaultOf(String key) {
        StoreSettings d = StoreSettings.defaults();
        return switch (key) {
            case "durability" -> d.durability().key();
            case "queue.capacity" -> d.queueCapacity();
            case "max.batch" -> d.maxBatch();
            case "retry.interval.ms" -> d.retryInterval().toMillis();
            case "busy.timeout.ms" -> d.busyTimeout().toMillis();
            case "call.timeout.ms" -> d.callTimeout().toMillis();
            default -> "";
        };
    }

    private static boolean isBlank(Object value) {
        return value == null || value.toString().isBlank();
    }
}
