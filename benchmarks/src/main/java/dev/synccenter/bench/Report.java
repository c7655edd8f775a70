package dev.synccenter.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * What a harness measured: printed, and appended as {@code key<TAB>value<TAB>unit} lines to the file
 * named by the system property {@code bench.results}, which {@link Summary} reads.
 */
public final class Report {

    private Report() {
    }

    public static void figure(String key, double value, String unit) {
        String line = String.format(Locale.ROOT, "%s\t%.3f\t%s", key, value, unit);
        System.out.println("RESULT " + line);
        String file = System.getProperty("bench.results");
        if (file != null && !file.isBlank()) {
            try {
                Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** p50, p99, p99.9 and max of a histogram of nanoseconds, reported in microseconds. */
    public static void percentiles(String key, Histogram h) {
        figure(key + ".p50", h.getValueAtPercentile(50) / 1e3, "us");
        figure(key + ".p99", h.getValueAtPercentile(99) / 1e3, "us");
        figure(key + ".p99.9", h.getValueAtPercentile(99.9) / 1e3, "us");
        figure(key + ".max", h.getMaxValue() / 1e3, "us");
        figure(key + ".count", h.getTotalCount(), "samples");
    }

    /** Reads a numeric option {@code --name=value} from the arguments, or the default. */
    public static double option(String[] args, String name, double fallback) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return Double.parseDouble(a.substring(name.length() + 3));
            }
        }
        return fallback;
    }

    public static String option(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}
