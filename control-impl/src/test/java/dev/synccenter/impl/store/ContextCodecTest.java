package dev.synccenter.impl.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.synccenter.impl.store.ContextCodec.Encoded;

/** C36: which contexts the store keeps, as readable text, and that they come back equal. */
class ContextCodecTest {

    private final ContextCodec codec = new ContextCodec(ContextCodec.DEFAULT_MAX_BYTES);

    private String text(Object context) {
        Encoded e = codec.encode(context);
        assertThat(e).as("encoding %s", context).isInstanceOf(Encoded.Storable.class);
        return ((Encoded.Storable) e).text();
    }

    private Object roundTrip(Object context) {
        return codec.decode(text(context));
    }

    private String notStorable(Object context) {
        Encoded e = codec.encode(context);
        assertThat(e).as("encoding %s", context).isInstanceOf(Encoded.NotStorable.class);
        return ((Encoded.NotStorable) e).reason();
    }

    @Test
    void c36_scalarsComeBackEqualAndWithTheirType() {
        List<Object> values = Arrays.asList(null, "", "text", "ünïcödé ✓ 😀", "quote \" backslash \\ tab \t nl \n",
                "\u0000\u001f", "lone \ud800 surrogate", Boolean.TRUE, false, 0, -7, Integer.MAX_VALUE,
                Integer.MIN_VALUE, 7L, Long.MIN_VALUE, (short) 3, (byte) -2, 1.5, -0.0, 1e300, Double.MIN_VALUE,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2.5f, Float.NaN,
                new BigInteger("123456789012345678901234567890"), new BigDecimal("1.50"), new BigDecimal("-1E+3"));
        for (Object v : values) {
            Object back = roundTrip(v);
            assertThat(back).as("round trip of %s", v).isEqualTo(v);
            if (v != null) {
                assertThat(back).as("type of %s", v).isInstanceOf(v.getClass());
            }
        }
    }

    @Test
    void c36_theTextIsJsonAPersonCanRead() {
        assertThat(text(null)).isEqualTo("null");
        assertThat(text(Map.of("album", "2024"))).isEqualTo("{\"album\":\"2024\"}");
        assertThat(text(List.of(1, 2.0, true))).isEqualTo("[1,2.0,true]");
        assertThat(text(5L)).isEqualTo("{\"$long\":5}");
        assertThat(text(new BigDecimal("1.50"))).isEqualTo("{\"$decimal\":\"1.50\"}");
        assertThat(text(new byte[] {1, 2, 3})).isEqualTo("{\"$bytes\":\"AQID\"}");
        assertThat(text("✓")).isEqualTo("\"✓\"");
    }

    @Test
    void c36_byteArraysComeBackByContent() {
        byte[] bytes = {0, 1, -1, 127, -128};
        assertThat((byte[]) roundTrip(bytes)).containsExactly(bytes);
        assertThat((byte[]) roundTrip(new byte[0])).isEmpty();
    }

    @Test
    void c36_mapKeysThatLookLikeTypeTagsStayKeys() {
        Map<String, Object> tricky = new LinkedHashMap<>();
        tricky.put("$long", "not a long");
        tricky.put("$$x", 1);
        tricky.put("$", 2);
        assertThat(roundTrip(tricky)).isEqualTo(tricky);
        assertThat(roundTrip(Map.of("$long", 5))).isEqualTo(Map.of("$long", 5));
        assertThat(roundTrip(Map.of())).isEqualTo(Map.of());
        assertThat(roundTrip(List.of())).isEqualTo(List.of());
    }

    @Test
    void c36_aDeepNestedContextComesBackEqualInOrder() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("zeta", 1);
        root.put("alpha", Arrays.asList(1L, null, "x", List.of(Map.of("k", (short) 4)), 2.5f));
        root.put("nested", Map.of("deeper", Map.of("deepest", List.of(true, new BigInteger("-1")))));
        Object deep = "bottom";
        for (int i = 0; i < ContextCodec.MAX_DEPTH - 2; i++) {
            deep = i % 2 == 0 ? List.of(deep) : Map.of("level" + i, deep);
        }
        root.put("deep", deep);

        Object back = roundTrip(root);

        assertThat(back).isEqualTo(root);
        assertThat(new ArrayList<Object>(((Map<?, ?>) back).keySet())).containsExactly("zeta", "alpha", "nested", "deep");
    }

    @Test
    void c36_decodedListsAndMapsCannotBeChanged() {
        Object back = roundTrip(Map.of("list", List.of(1)));
        assertThatThrownBy(() -> ((Map<String, Object>) back).put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<Object>) ((Map<?, ?>) back).get("list")).add(2))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void c36_otherTypesAreNotStorableAndTheReasonSaysWhereAndWhy() {
        assertThat(notStorable(new Object())).contains("java.lang.Object at context is not storable");
        assertThat(notStorable(Map.of("a", List.of(1, Set.of(2)))))
                .contains("at context.a[1]").contains("not storable");
        assertThat(notStorable(new int[] {1})).contains("[I");
        assertThat(notStorable(new java.util.concurrent.atomic.AtomicInteger(1))).contains("AtomicInteger");
        assertThat(notStorable('c')).contains("java.lang.Character");
        Map<Object, Object> intKey = new HashMap<>();
        intKey.put(1, "one");
        assertThat(notStorable(intKey)).contains("map key at context is a java.lang.Integer, not a string");
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, "x");
        assertThat(notStorable(nullKey)).contains("map key at context is null");
    }

    @Test
    void c36_aContextThatContainsItselfOrNestsTooDeepIsNotStorable() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThat(notStorable(cycle)).contains("nests deeper than " + ContextCodec.MAX_DEPTH);
        Object deep = "x";
        for (int i = 0; i <= ContextCodec.MAX_DEPTH; i++) {
            deep = List.of(deep);
        }
        assertThat(notStorable(deep)).contains("nests deeper");
    }

    @Test
    void c41_aContextLargerThanTheBoundIsNotStorableAndSaysTheBound() {
        ContextCodec small = new ContextCodec(100);
        assertThat(small.encode("x".repeat(98))).isInstanceOf(Encoded.Storable.class); // 98 + 2 quotes
        assertThat(((Encoded.NotStorable) small.encode("x".repeat(99))).reason())
                .isEqualTo("the context takes 101 bytes when stored, more than the 100 the store keeps");
        // Counted in bytes of UTF-8, not in chars: 34 three-byte chars are 102 bytes + 2 quotes.
        assertThat(small.encode("✓".repeat(34))).isInstanceOf(Encoded.NotStorable.class);
        // A huge context is refused without being encoded in full.
        List<String> huge = java.util.Collections.nCopies(1_000_000, "0123456789");
        assertThat(((Encoded.NotStorable) codec.encode(huge)).reason()).contains("more than 65536 bytes");
    }

    @Test
    void malformedTextIsRefusedWithWhereItWentWrong() {
        for (String bad : List.of("", "{", "[1,", "tru", "{\"$long\":\"x\"}", "{\"$nope\":1}", "1 2",
                "{\"a\":1,\"$long\":2}", "99999999999", "\"\\q\"")) {
            assertThatThrownBy(() -> codec.decode(bad)).as("decoding %s", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Not a stored context");
        }
    }
}
