package dev.synccenter.http;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.synccenter.control.SyncIds;

/**
 * The query parameters of one call, checked: a parameter the route does not know, or one given
 * twice, is a 400 that names it, as is a value of the wrong form. Absent parameters give the
 * caller's default.
 */
final class Query {

    private final Map<String, String[]> params;

    Query(Map<String, String[]> params, Set<String> allowed) {
        this.params = params;
        for (Map.Entry<String, String[]> e : params.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw ApiException.badArgument(Text.clean(e.getKey()), allowed.isEmpty()
                        ? "this resource takes no query parameters"
                        : "unknown query parameter; known: " + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
            if (e.getValue().length != 1) {
                throw ApiException.badArgument(e.getKey(), "given " + e.getValue().length + " times, at most once");
            }
        }
    }

    String raw(String name) {
        String[] v = params.get(name);
        return v == null ? null : v[0];
    }

    /** A handler or item ID (C1), or null when absent. */
    String id(String name) {
        String v = raw(name);
        if (v == null) {
            return null;
        }
        String problem = SyncIds.problem(v);
        if (problem != null) {
            throw ApiException.badArgument(name, problem);
        }
        return v;
    }

    int integer(String name, int min, int max, int fallback) {
        String v = raw(name);
        return v == null ? fallback : integer(name, v, min, max);
    }

    static int integer(String name, String v, int min, int max) {
        long n;
        try {
            n = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badArgument(name, "must be a whole number, was '" + Text.clean(v) + "'");
        }
        if (n < min || n > max) {
            throw ApiException.badArgument(name, "must be " + min + " to " + max + ", was " + n);
        }
        return (int) n;
    }

    /** An ISO-8601 instant such as 2026-12-01T10:00:00Z, or null when absent. */
    Instant instant(String name) {
        String v = raw(name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badArgument(name, "must be an ISO-8601 instant such as 2026-12-01T10:00:00Z, was '"
                    + Text.clean(v) + "'");
        }
    }

    /** One or more of {@code allowed}, comma-separated, case-insensitive; {@code fallback} when absent. */
    <E extends Enum<E>> Set<E> enums(String name, Class<E> type, Set<E> allowed, Set<E> fallback) {
        String v = raw(name);
        if (v == null) {
            return fallback;
        }
        Set<E> values = EnumSet.noneOf(type);
        for (String part : v.split(",", -1)) {
            String p = part.strip().toUpperCase(Locale.ROOT);
            E match = allowed.stream().filter(e -> e.name().equals(p)).findFirst().orElseThrow(() ->
                    ApiException.badArgument(name, "must be one of " + allowed.stream().map(Enum::name)
                            .collect(Collectors.joining(", ")) + " (or several, comma-separated), was '"
                            + Text.clean(v) + "'"));
            values.add(match);
        }
        return values;
    }

    /** Exactly one of {@code allowed}, or null when absent. */
    <E extends Enum<E>> E oneOf(String name, Class<E> type, Set<E> allowed) {
        Set<E> values = enums(name, type, allowed, null);
        if (values == null) {
            return null;
        }
        if (values.size() != 1) {
            throw ApiException.badArgument(name, "must be exactly one value, was '" + Text.clean(raw(name)) + "'");
        }
        return values.iterator().next();
    }
}
