package dev.synccenter.http;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Offset paging of a list that is read newest first: {@code limit} and {@code offset} query
 * parameters, and the answer {@code {"entries": [...], "offset": o, "limit": l, "more": bool}}.
 * The control service reads a list to a count, so a page is read as the first
 * {@code offset + limit + 1} and cut; {@link #MAX_DEPTH} bounds how deep a page may start.
 */
final class Page {

    static final Set<String> PARAMS = Set.of("limit", "offset");
    static final int MAX_LIMIT = 1_000;
    /** The deepest offset: deeper pages would read ever more rows to throw most away. */
    static final int MAX_DEPTH = 10_000;

    final int limit;
    final int offset;

    Page(Query query, int defaultLimit) {
        this.limit = query.integer("limit", 1, MAX_LIMIT, defaultLimit);
        this.offset = query.integer("offset", 0, MAX_DEPTH, 0);
    }

    /** How many to read: this page and one more, to tell whether there is more. */
    int readCount() {
        return offset + limit + 1;
    }

    <T> ObjectNode of(List<T> read, Function<T, JsonNode> json) {
        ObjectNode o = Json.object();
        ArrayNode entries = o.putArray("entries");
        read.stream().skip(offset).limit(limit).map(json).forEach(entries::add);
        o.put("offset", offset);
        o.put("limit", limit);
        o.put("more", read.size() > offset + limit);
        return o;
    }

    /** A list read from {@code offset} on, at most {@code limit + 1} long (the one more tells whether there is more). */
    <T> ObjectNode fromOffset(List<T> read, Function<T, JsonNode> json) {
        ObjectNode o = Json.object();
        ArrayNode entries = o.putArray("entries");
        read.stream().limit(limit).map(json).forEach(entries::add);
        o.put("offset", offset);
        o.put("limit", limit);
        o.put("more", read.size() > limit);
        return o;
    }

    /** A whole list, unpaged. */
    static <T> ObjectNode all(List<T> values, Function<T, JsonNode> json) {
        ObjectNode o = Json.object();
        ArrayNode entries = o.putArray("entries");
        values.stream().map(json).forEach(entries::add);
        return o;
    }
}
