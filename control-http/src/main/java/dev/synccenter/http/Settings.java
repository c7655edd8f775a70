package dev.synccenter.http;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the HTTP surface's raw configuration (PID {@value #PID}, usually {@code etc/dev.synccenter.http.cfg}).
 * DS would fail to activate a component on a value such as {@code max.body.bytes=abc}; read here, a
 * bad value is logged with its key and the file it came from, and its default is used.
 */
final class Settings {

    static final String PID = "dev.synccenter.http";
    /** The property in which FileInstall names the .cfg file a configuration came from. */
    static final String FILE_PROPERTY = "felix.fileinstall.filename";

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    private final Map<String, ?> properties;

    Settings(Map<String, ?> properties) {
        this.properties = properties;
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

    boolean flag(String key, boolean fallback) {
        Object raw = properties.get(key);
        if (raw == null) {
            return fallback;
        }
        String v = raw.toString().strip().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        LOG.warn("Configuration {}={} in {} is neither true nor false; using the default {}", key, raw, source(),
                fallback);
        return fallback;
    }

    /** A comma-separated list, blanks dropped; a String[] (from metatype) is taken as it is. */
    List<String> list(String key) {
        Object raw = properties.get(key);
        if (raw == null) {
            return List.of();
        }
        String[] parts = raw instanceof String[] a ? a : raw.toString().split(",");
        return Arrays.stream(parts).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The file the configuration came from, or its PID when it has none. */
    String source() {
        Object file = properties.get(FILE_PROPERTY);
        if (file == null) {
            return "configuration " + PID;
        }
        try {
            return Path.of(URI.create(file.toString())).toString();
        } catch (RuntimeException notAFileUri) {
            return file.toString();
        }
    }
}
