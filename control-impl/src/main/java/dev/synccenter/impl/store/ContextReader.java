package dev.synccenter.impl.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON that {@link ContextCodec} writes, type tags included. One use per text. */
final class ContextReader {

    private final String text;
    private int pos;

    ContextReader(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no text to decode");
        }
        this.text = text;
    }

    Object readAll() {
        Object value = value(0);
        skipSpace();
        if (pos != text.length()) {
            throw error("text after the value");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > ContextCodec.MAX_DEPTH + 1) {
            throw error("nested deeper than " + ContextCodec.MAX_DEPTH + " levels");
        }
        skipSpace();
        if (pos >= text.length()) {
            throw error("the text ends where a value should be");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '"':
                return string();
            case '[':
                return list(depth);
            case '{':
                return object(depth);
            case 't':
                return word("true", Boolean.TRUE);
            case 'f':
                return word("false", Boolean.FALSE);
            case 'n':
                return word("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    String number = numberToken();
                    try {
                        boolean fraction = number.indexOf('.') >= 0 || number.indexOf('e') >= 0
                                || number.indexOf('E') >= 0;
                        return fraction ? Double.valueOf(number) : (Object) Integer.valueOf(number);
                    } catch (NumberFormatException e) {
                        throw error("a bad number '" + number + "' (plain integers are Integers)");
                    }
                }
                throw error("unexpected '" + c + "'");
        }
    }

    private List<Object> list(int depth) {
        pos++; // [
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            list.add(value(depth + 1));
            skipSpace();
            char c = next();
            if (c == ']') {
                return Collections.unmodifiableList(list);
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    /** A map, or a tagged value: an object of one key that begins with a single '$'. */
    private Object object(int depth) {
        pos++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(map);
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a key");
            }
            String key = string();
            skipSpace();
            if (next() != ':') {
                throw error("expected ':'");
            }
            if (key.startsWith("$") && !key.startsWith("$$")) {
                if (!map.isEmpty()) {
                    throw error("a type tag inside a map");
                }
                Object tagged = tagged(key);
                skipSpace();
                if (next() != '}') {
                    throw error("a type tag with more than one key");
                }
                return tagged;
            }
            map.put(key.startsWith("$") ? key.substring(1) : key, value(depth + 1));
            skipSpace();
            char c = next();
            if (c == '}') {
                return Collections.unmodifiableMap(map);
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private Object tagged(String tag) {
        skipSpace();
        boolean quoted = peek() == '"';
        String v = quoted ? string() : numberToken();
        try {
            return switch (tag) {
                case "$long" -> Long.valueOf(v);
                case "$short" -> Short.valueOf(v);
                case "$byte" -> Byte.valueOf(v);
                case "$float" -> Float.valueOf(v);
                case "$double" -> Double.valueOf(v);
                case "$bigint" -> new BigInteger(v);
                case "$decimal" -> new BigDecimal(v);
                case "$bytes" -> Base64.getDecoder().decode(v);
                default -> throw error("unknown type tag " + tag);
            };
        } catch (IllegalArgumentException e) { // NumberFormatException too
            if (e instanceof DecodeException) {
                throw e;
            }
            throw error("bad value '" + v + "' for " + tag);
        }
    }

    private String string() {
        pos++; // "
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("a short \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException bad) {
                        throw error("a bad \\u escape");
                    }
                    pos += 4;
                }
                default -> throw error("a bad escape \\" + e);
            }
        }
    }

    private String numberToken() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a number");
        }
        return text.substring(start, pos);
    }

    private Object word(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected '" + text.charAt(pos) + "'");
        }
        pos += word.length();
        return value;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= text.length()) {
            throw error("the text ends too early");
        }
        return text.charAt(pos++);
    }

    private DecodeException error(String what) {
        return new DecodeException("Not a stored context (" + what + " at character " + pos + ")");
    }

    /** A text that is not what the codec writes. */
    private static final class DecodeException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        DecodeException(String message) {
            super(message);
        }
    }
}
