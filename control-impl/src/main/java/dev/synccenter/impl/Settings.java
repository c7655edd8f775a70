package dev.synccenter.impl;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.impl.engine.EngineSettings;

/**
 * Turns the engine's raw configuration properties into checked engine settings. The component
 * converts them here rather than through its typed configuration ({@link EngineConfig}, kept for
 * the metatype documentation): DS fails the component's activation when it cannot convert a value
 * such as {@code pool.size=abc}, and a bad value must never take the engine away. A value that is
 * not a whole number, or is out of range, is logged with its key and the file it came from, and
 * its default is used.
 */
final class Settings {

    /** The property in which FileInstall names the .cfg file a configuration came from. */
    static final String FILE_PROPERTY = "felix.fileinstall.filename";

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    private final Map<String, ?> properties;
    private final Consumer<String> warn;

    private Settings(Map<String, ?> properties, Consumer<String> warn) {
        this.properties = properties;
        this.warn = warn;
    }

    static EngineSettings from(Map<String, ?> properties) {
        return from(properties, LOG::warn);
    }

    /** @param warn receives one line per bad value */
    static EngineSettings from(Map<String, ?> properties, Consumer<String> warn) {
        Settings s = new Settings(properties, warn);
        EngineSettings d = EngineSettings.defaults();
        return new EngineSettings(
                (int) s.number("pool.size", 1, 1024, d.poolSize()),
                (int) s.number("concurrent.sessions", 1, 1024, d.concurrentSessions()),
                s.millis("cancel.grace.ms", 1, 3_600_000, d.cancelGrace()),
                s.millis("park.timeout.ms", 1, 86_400_000, d.parkTimeout()),
                s.millis("session.timeout.ms", 0, Long.MAX_VALUE / 2, d.sessionTimeout()),
                s.millis("handler.call.timeout.ms", 1, 600_000, d.callTimeout()),
                (int) s.number("event.retention.count", 1, 10_000_000, d.eventRetentionCount()),
                Duration.ofMinutes(s.number("event.retention.minutes", 1, 525_600,
                        d.eventRetentionAge().toMinutes())),
                (int) s.number("request.history", 0, 1_000_000, d.requestHistory()),
                (int) s.number("queue.max", 1, 100_000_000, d.maxOpenRequests()),
                (int) s.number("event.retention.per.handler", 1, 10_000_000, d.eventRetentionPerHandler()),
                (int) s.number("events.per.session", 1, 10_000_000, d.eventsPerSession()));
    }

    /** Where the configuration came from, for log lines: its file, or its PID when it has none. */
    static String source(Map<String, ?> properties) {
        Object file = properties.get(FILE_PROPERTY);
        if (file == null) {
            return "configuration " + SyncCenterComponent.PID;
        }
        String text = file.toString();
        try {
            return text.startsWith("file:") ? Path.of(URI.create(text)).toString() : text;
        } catch (RuntimeException notAFileUri) {
            return text;
        }
    }

    private Duration millis(String key, long min, long max, Duration fallback) {
        return Duration.ofMillis(number(key, min, max, fallback.toMillis()));
    }

    private long number(String key, long min, long max, long fallback) {
        Object raw = properties.get(key);
        if (raw == null) {
            return fallback;
        }
        Long value = wholeNumber(raw);
        String problem = value == null ? "is not a whole number"
                : value < min || value > max ? "is out of range " + min + " to " + max : null;
        if (problem == null) {
            return value;
        }
        warn.accept("Configuration " + key + "=" + raw + " in " + source(properties) + " " + problem
                + "; using the default " + fallback);
        return fallback;
    }

    /** The value as a whole number, or null: .cfg files give strings, typed values give numbers. */
    static Long wholeNumber(Object raw) {
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof String text) {
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
