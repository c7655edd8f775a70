package dev.synccenter.security;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a component's raw configuration properties. A component that let DS convert its typed
 * configuration would fail to activate on a value such as {@code session.idle.minutes=abc}; read
 * here, a value that is not a whole number, or is out of range, is logged once with its key and
 * the file it came from, and its default is used. (The same rules as control-shell's class of the
 * same name; each bundle keeps its own copy because neither exports anything.)
 */
final class ConfigValues {

    /** The property in which FileInstall names the .cfg file a configuration came from. */
    static final String FILE_PROPERTY = "felix.fileinstall.filename";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigValues.class);

    private final Map<String, ?> properties;
    private final String pid;

    ConfigValues(Map<String, ?> properties, String pid) {
        this.properties = properties;
        this.pid = pid;
    }

    int number(String key, int min, int max, int fallback) {
        Object raw = properties.get(key);
        if (raw == null) {
            return fallback;
        }
        long value;
        try {
            value = raw instanceof Integer || raw instanceof Long ? ((Number) raw).longValue()
                    : Long.parseLong(raw.toString().strip());
        } catch (NumberFormatException e) {
            LOG.warn("Configuration {}={} in {} is not a whole number; using the default {}", key, raw, source(),
                    fallback);
            return fallback;
        }
        if (value < min || value > max) {
            LOG.warn("Configuration {}={} in {} is out of range {} to {}; using the default {}", key, raw, source(),
                    min, max, fallback);
            return fallback;
        }
        return (int) value;
    }

    /** A text value, stripped; {@code fallback} when it is missing or blank. */
    String text(String key, String fallback) {
        Object raw = properties.get(key);
        return raw == null || raw.toString().isBlank() ? fallback : raw.toString().strip();
    }

    /** The file the configuration came from, or its PID when it has none. */
    String source() {
        Object file = properties.get(FILE_PROPERTY);
        if (file == null) {
            return "configuration " + pid;
        }
        try {
            return Path.of(URI.create(file.toString())).toString();
        } catch (RuntimeException notAFileUri) {
            return file.toString();
        }
    }
}
