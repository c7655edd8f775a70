package dev.synccenter.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request's JSON body: read up to a bound (413 past it), a JSON object or nothing at all, and its
 * fields checked by name (an unknown field is a 400 that names it) and by type.
 */
final class Body {

    private final ObjectNode fields;

    Body(ObjectNode fields, Set<String> allowed) {
        this.fields = fields;
        for (Iterator<String> names = fields.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badArgument(Text.clean(name), allowed.isEmpty() ? "this call takes no body fields"
                        : "unknown field; known: " + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    /**
     * Reads a body: empty means {@code {}}; anything else must be declared {@code application/json}
     * (415 otherwise, which also keeps HTML forms from other sites out, C51) and be one JSON object.
     */
    static ObjectNode read(InputStream in, String contentType, int maxBytes) throws IOException {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new ApiException(413, "body: larger than " + maxBytes + " bytes", "body", null);
        }
        if (bytes.length == 0) {
            return Json.object();
        }
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip();
        if (!type.equalsIgnoreCase("application/json")) {
            throw new ApiException(415, "body: must be application/json, was '" + Text.clean(contentType) + "'",
                    "body", null);
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badArgument("body", "is not JSON: " + Text.clean(e.getOriginalMessage()));
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.badArgument("body", "must be a JSON object");
        }
        return object;
    }

    boolean has(String field) {
        return fields.has(field) && !fields.get(field).isNull();
    }

    /** A list of strings, named element by element in errors ({@code items[2]}); null when absent. */
    List<String> strings(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode node = fields.get(field);
        if (!node.isArray()) {
            throw ApiException.badArgument(field, "must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw ApiException.badArgument(field + "[" + i + "]", "must be a string");
            }
            values.add(node.get(i).asText());
        }
        return values;
    }

    String string(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode node = fields.get(field);
        if (!node.isTextual()) {
            throw ApiException.badArgument(field, "must be a string");
        }
        return node.asText();
    }

    /** A set of flags by name; {@code fallback} when absent. */
    <E extends Enum<E>> Set<E> flags(String field, Class<E> type, Set<E> fallback) {
        List<String> names = strings(field);
        if (names == null) {
            return fallback;
        }
        Set<E> flags = EnumSet.noneOf(type);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            E flag = null;
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(name)) {
                    flag = e;
                }
            }
            if (flag == null) {
                throw ApiException.badArgument(field + "[" + i + "]", "must be one of " + List.of(
                        type.getEnumConstants()) + ", was '" + Text.clean(name) + "'");
            }
            flags.add(flag);
        }
        return flags;
    }
}
