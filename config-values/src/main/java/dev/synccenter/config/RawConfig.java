package dev.synccenter.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads values from a component's raw configuration properties. A component that let DS convert
 * its typed configuration would fail to activate on a value such as {@code port=abc}, and one bad
 * value would take the whole component away; read here, a value that is not a whole number (or not
 * {@code true}/{@code false}), or is out of range, is reported once with its key and the file it
 * came from (FileInstall's {@value #FILE_PROPERTY} property), and its default is used.
 *
 * <p>Not a bundle: each bundle copies this package in privately (bnd {@code -conditionalpackage}),
 * so that the bundles, which export nothing, share the rules without sharing a package.
 */
public final class RawConfig {

    /** The property in which FileInstall names the .cfg file a configuration came from. */
    public static final String FILE_PROPERTY = "felix.fileinstall.filename";

    private final Map<String, ?> properties;
    private final String pid;
    private final Consumer<String> warn;

    /**
     * @param properties the component's raw properties, as DS gives them
     * @param pid        named in the reports when no file is known
     * @param warn       receives one line per bad value: the caller's logger, so that the line
     *                   comes from the component it concerns (and a test can read it)
     */
    public RawConfig(Map<String, ?> properties, String pid, Consumer<String> warn) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.pid = pid;
        this.warn = Objects.requireNonNull(warn, "warn");
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when it is absent or bad. */
    public int number(String key, int min, int max, int fallback) {
        return (int) wholeNumber(key, min, max, fallback);
    }

    /** As {@link #number}, for values that need a long (milliseconds, for example). */
    public long wholeNumber(String key, long min, long max, long fallback) {
        Object raw = properties.get(key);
        if (raw == null) {
            return fallback;
        }
        Long value = parse(raw);
        if (value == null) {
            report(key, raw, "is not a whole number", fallback);
            return fallback;
        }
        if (value < min || value > max) {
            report(key, raw, "is out of range " + min + " to " + max, fallback);
            return fallback;
        }
        return value;
    }

    /** {@code true} or {@code false}, in any case; {@code fallback} when it is absent or anything else. */
    public boolean flag(String key, boolean fallback) {
        Object raw = properties.get(key);
        if (raw == null) {
            return fallback;
        }
        String v = raw.toString().strip().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        report(key, raw, "is neither true nor false", fallback);
        return fallback;
    }

    /** A text value, stripped; {@code fallback} when it is missing or blank. */
    public String text(String key, String fallback) {
        Object raw = properties.get(key);
        return raw == null || raw.toString().isBlank() ? fallback : raw.toString().strip();
    }

    /**
     * A comma-separated list, each entry stripped, blanks dropped; a String[] (as metatype gives a
     * multi-valued property) is taken entry by entry. Empty when absent.
     */
    public List<String> list(String key) {
        Object raw = properties.get(key);
        if (raw == null) {
            return List.of();
        }
        String[] parts = raw instanceof String[] a ? a : raw.toString().split(",");
        return Arrays.stream(parts).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Where the configuration came from, for log lines: its file, or its PID when it has none. */
    public String source() {
        return source(properties, pid);
    }

    /** As {@link #source()}, for a component that only names its configuration in a log line. */
    public static String source(Map<String, ?> properties, String pid) {
        Object file = properties.get(FILE_PROPERTY);
        if (file == null) {
            return "configuration " + pid;
        }
        String text = file.toString();
        try {
            // FileInstall gives a file: URI; the path alone is what an operator looks for.
            return text.startsWith("file:") ? Path.of(URI.create(text)).toString() : text;
        } catch (RuntimeException notAFileUri) {
            return text;
        }
    }

    /**
     * A whole number as .cfg files give it (a string, stripped here) or typed configurations and
     * service properties do (an integral number); null when it is neither.
     */
    public static Long parse(Object raw) {
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        try {
            return Long.parseLong(raw.toString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void report(String key, Object raw, String problem, Object fallback) {
        warn.accept("Configuration " + key + "=" + raw + " in " + source() + " " + problem + "; using the default "
                + fallback);
    }
}
