package dev.synccenter.impl.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.synccenter.control.SyncArgumentException;

class ArgsTest {

    // C1
    @Test
    void c1_idsAreOneTo63CharactersWithoutControlCharactersOrOuterWhiteSpace() {
        assertThat(Args.idProblem("a")).isNull();
        assertThat(Args.idProblem("x".repeat(63))).isNull();
        assertThat(Args.idProblem("with inner space")).isNull();
        assertThat(Args.idProblem(null)).contains("null");
        assertThat(Args.idProblem("")).contains("empty");
        assertThat(Args.idProblem("x".repeat(64))).contains("at most 63").contains("was 64");
        assertThat(Args.idProblem("a\u0007b")).contains("control").contains("U+0007");
        assertThat(Args.idProblem(" a")).contains("white space");
        assertThat(Args.idProblem("a\t")).contains("control");
        assertThat(Args.idProblem("a ")).contains("white space");
    }

    // C1
    @ParameterizedTest
    @ValueSource(strings = {"\u00A0", "\u2007", "\u202F", "\u3000", "\u2003", "\u1680"})
    void c1_everyUnicodeSpaceCountsAsOuterWhiteSpace(String space) {
        assertThat(Args.idProblem(space + "a")).contains("white space");
        assertThat(Args.idProblem("a" + space)).contains("white space");
        assertThat(Args.idProblem("a" + space + "b")).isNull(); // inside an ID, a space is fine
    }

    // C1
    @Test
    void c1_idsAreComparedExactly() {
        assertThat(Args.itemIds("itemIds", List.of("A", "a"))).containsExactly("A", "a");
    }

    // C1
    @Test
    void c1_badIdNamesTheArgumentAndTheRule() {
        assertThatThrownBy(() -> Args.id("handlerId", "x".repeat(64)))
                .isInstanceOf(SyncArgumentException.class)
                .hasMessageStartingWith("handlerId: ").hasMessageContaining("(C1)")
                .extracting(e -> ((SyncArgumentException) e).argument()).isEqualTo("handlerId");
    }

    // C7
    @Test
    void c7_itemListMustBeNonEmptyWithoutDuplicates() {
        assertThatThrownBy(() -> Args.itemIds("itemIds", null)).hasMessageStartingWith("itemIds: ");
        assertThatThrownBy(() -> Args.itemIds("itemIds", List.of())).hasMessageStartingWith("itemIds: ");
        assertThatThrownBy(() -> Args.itemIds("itemIds", Arrays.asList("a", null)))
                .hasMessageStartingWith("itemIds[1]: ");
        assertThatThrownBy(() -> Args.itemIds("itemIds", List.of("a", "b", "a")))
                .hasMessageStartingWith("itemIds[2]: ").hasMessageContaining("twice");
    }

    // C2
    @Test
    void c2_displayTextIsCutNeverRefused() {
        assertThat(Args.cut("x".repeat(300), 127)).hasSize(127);
        assertThat(Args.cut("short", 127)).isEqualTo("short");
        assertThat(Args.cut(null, 127)).isEmpty();
        String pair = "\uD83D\uDE00"; // one code point, two chars: never split
        assertThat(Args.cut("x".repeat(126) + pair, 127)).isEqualTo("x".repeat(126));
    }
}
