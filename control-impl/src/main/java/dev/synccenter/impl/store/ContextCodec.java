package dev.synccenter.impl.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Turns a request's context into text a person can read with SQL tools, and back (C36).
 *
 * <p>A context is storable when it is null, a String, a Boolean, an Integer, Long, Short, Byte,
 * Double, Float, BigInteger or BigDecimal, a byte[], or a List or String-keyed Map of these. The
 * text is JSON. Where JSON alone would lose the Java type, a one-key object tags the value:
 * strings, booleans, null, Integers and finite Doubles are plain JSON ({@code 42} is an Integer,
 * {@code 42.0} a Double); {@code {"$long":42}}, {@code {"$short":1}}, {@code {"$byte":1}},
 * {@code {"$float":1.5}}, {@code {"$bigint":"1"}}, {@code {"$decimal":"1.50"}} (a string, to keep
 * the scale), {@code {"$double":"NaN"}} and {@code {"$bytes":"<base64>"}} the others. A map key that
 * begins with {@code $} is written with one more {@code $}, so no map is taken for a tag. Decoding
 * gives values equal to the encoded ones (byte arrays equal by content), lists and maps
 * unmodifiable, maps in their original order.
 *
 * <p>Anything else is not storable, and neither is a context nested deeper than
 * {@value #MAX_DEPTH} levels (which also stops cycles) or larger than the codec's size bound:
 * the request is then volatile, and the reason says why.
 */
public final class ContextCodec {

    /** The default bound on a stored context: 64 KiB of UTF-8. */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;
    /** How deep lists and maps may nest. */
    public static final int MAX_DEPTH = 64;

    private final int maxBytes;

    /** @param maxBytes the largest stored context, in bytes of UTF-8 */
    public ContextCodec(int maxBytes) {
        if (maxBytes < 4) {
            throw new IllegalArgumentException("maxBytes must hold at least \"null\", was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The outcome of {@link #encode}. */
    public sealed interface Encoded {
        /** The context can be stored as {@code text}. */
        record Storable(String text) implements Encoded {
        }

        /** The context cannot be stored; the request is volatile (C36). */
        record NotStorable(String reason) implements Encoded {
        }
    }

    public Encoded encode(Object context) {
        StringBuilder out = new StringBuilder();
        try {
            write(context, out, "context", 0);
        } catch (NotStorableException e) {
            return new Encoded.NotStorable(e.getMessage());
        }
        int bytes = utf8Length(out);
        if (bytes > maxBytes) {
            return new Encoded.NotStorable("the context takes " + bytes + " bytes when stored, more than the "
                    + maxBytes + " the store keeps");
        }
        return new Encoded.Storable(out.toString());
    }

    /**
     * The value some text encodes.
     *
     * @throws IllegalArgumentException when the text is not what {@link #encode} writes
     */
    public Object decode(String text) {
        return new ContextReader(text).readAll();
    }

    private void write(Object v, StringBuilder out, String path, int depth) {
        if (out.length() > maxBytes) {
            // A char is at least one byte: stop early instead of encoding a huge context in full.
            throw new NotStorableException("the context takes more than " + maxBytes + " bytes when stored");
        }
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            string(s, out);
        } else if (v instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (v instanceof Integer i) {
            out.append(i.intValue());
        } else if (v instanceof Double d) {
            if (Double.isFinite(d)) {
                out.append(d.doubleValue()); // always with '.' or 'E': decodes as a Double
            } else {
                tag("$double", out).append('"').append(d.doubleValue()).append("\"}");
            }
        } else if (v instanceof Long l) {
            tag("$long", out).append(l.longValue()).append('}');
        } else if (v instanceof Short s) {
            tag("$short", out).append(s.shortValue()).append('}');
        } else if (v instanceof Byte b) {
            tag("$byte", out).append(b.byteValue()).append('}');
        } else if (v instanceof Float f) {
            tag("$float", out);
            if (Float.isFinite(f)) {
                out.append(f.floatValue()).append('}');
            } else {
                out.append('"').append(f.floatValue()).append("\"}");
            }
        } else if (v instanceof BigInteger b) {
            tag("$bigint", out).append('"').append(b).append("\"}");
        } else if (v instanceof BigDecimal b) {
            tag("$decimal", out).append('"').append(b).append("\"}");
        } else if (v instanceof byte[] bytes) {
            tag("$bytes", out).append('"').append(Base64.getEncoder().encodeToString(bytes)).append("\"}");
        } else if (v instanceof List<?> list) {
            nested(path, depth);
            out.append('[');
            int i = 0;
            for (Object e : list) {
                if (i > 0) {
                    out.append(',');
                }
                write(e, out, path + "[" + i++ + "]", depth + 1);
            }
            out.append(']');
        } else if (v instanceof Map<?, ?> map) {
            nested(path, depth);
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new NotStorableException("a map key at " + path + " is "
                            + (e.getKey() == null ? "null" : "a " + e.getKey().getClass().getName())
                            + ", not a string");
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(key.startsWith("$") ? "$" + key : key, out);
                out.append(':');
                write(e.getValue(), out, path + "." + key, depth + 1);
            }
            out.append('}');
        } else {
            throw new NotStorableException("a " + v.getClass().getName() + " at " + path + " is not storable: "
                    + "only null, strings, booleans, numbers (Integer, Long, Short, Byte, Double, Float, "
                    + "BigInteger, BigDecimal), byte arrays, and lists and string-keyed maps of these are");
        }
    }

    private static void nested(String path, int depth) {
        if (depth >= MAX_DEPTH) {
            throw new NotStorableException("the context nests deeper than " + MAX_DEPTH + " levels at " + path
                    + " (or contains itself)");
        }
    }

    private static StringBuilder tag(String tag, StringBuilder out) {
        return out.append("{\"").append(tag).append("\":");
    }

    /** A JSON string; unpaired surrogates are escaped too, since UTF-8 cannot carry them. */
    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (paired) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static int utf8Length(CharSequence s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4; // the pair; only paired surrogates are written unescaped
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static final class NotStorableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotStorableException(String message) {
            super(message, null, false, false);
        }
    }
}
