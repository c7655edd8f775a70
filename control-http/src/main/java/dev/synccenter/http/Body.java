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
 * fields checked by name (an unknown field is a 400 that names it) and by type. An object inside it
 * is a body of its own whose fields are named by their path ({@code choice.kept[0].index}).
 */
final class Body {

    private final ObjectNode fields;
    /** How the fields' names start in errors: empty at the top, {@code choice.} in the object choice. */
    private final String prefix;

    Body(ObjectNode fields, Set<String> allowed) {
        this(fields, allowed, "");
    }

    private Body(ObjectNode fields, Set<String> allowed, String prefix) {
        this.fields = fields;
        this.prefix = prefix;
        for (Iterator<String> names = fields.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badArgument(Text.clean(prefix + name), allowed.isEmpty()
                        ? "this call takes no body fields"
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

    /** The field's name as errors give it: with the path of the object it is in. */
    String name(String field) {
        return prefix + field;
    }

    /** An object field as a body of its own, with the fields it may have; null when absent. */
    Body object(String field, Set<String> allowed) {
        if (!has(field)) {
            return null;
        }
        if (!(fields.get(field) instanceof ObjectNode object)) {
            throw ApiException.badArgument(name(field), "must be an object");
        }
        return new Body(object, allowed, name(field) + ".");
    }

    /** An array of objects, each a body of its own named {@code field[i].}; null when absent. */
    List<Body> objects(String field, Set<String> allowed) {
        if (!has(field)) {
            return null;
        }
        JsonNode node = fields.get(field);
        if (!node.isArray()) {
            throw ApiException.badArgument(name(field), "must be an array of objects");
        }
        List<Body> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!(node.get(i) instanceof ObjectNode object)) {
                throw ApiException.badArgument(name(field) + "[" + i + "]", "must be an object");
            }
            values.add(new Body(object, allowed, name(field) + "[" + i + "]."));
        }
        return values;
    }

    /** A whole number from {@code min} to {@code max}; null when absent. */
    Integer integer(String field, int min, int max) {
        if (!has(field)) {
            return null;
        }
        JsonNode node = fields.get(field);
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw ApiException.badArgument(name(field), "must be a whole number");
        }
        int n = node.asInt();
        if (n < min || n > max) {
            throw ApiException.badArgument(name(field), "must be from " + min + " to " + max + ", was " + n);
        }
        return n;
    }

    /** true or false; {@code fallback} when absent. */
    boolean bool(String field, boolean fallback) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode node = fields.get(field);
        if (!node.isBoolean()) {
            throw ApiException.badArgument(name(field), "must be true or false");
        }
        return node.asBoolean();
    }

    /** A list of strings, named element by element in errors ({@code items[2]}); null when absent. */
    List<String> strings(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode node = fields.get(field);
        if (!node.isArray()) {
            throw ApiException.badArgument(name(field), "must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw ApiException.badArgument(name(field) + "[" + i + "]", "must be a string");
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
            throw ApiException.badArgument(name(field), "must be a string");
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
                throw ApiException.badArgument(name(field) + "[" + i + "]", "must be one of " + List.of(
                        type.getEnumConstants()) + ", was '" + Text.clean(name) + "'");
            }
            flags.add(flag);
        }
        return flags;
    }
}
