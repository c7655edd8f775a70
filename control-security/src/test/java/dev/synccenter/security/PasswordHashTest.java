package dev.synccenter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    private final Secrets secrets = new Secrets(new SecureRandom());

    // C48: stored hashed, salted, slow
    @Test
    void c48_passwordsAreSaltedPbkdf2WithAtLeast210000Iterations() {
        PasswordHash hash = new PasswordHash(secrets);
        String stored = hash.hash("correct horse");
        assertThat(stored).startsWith("pbkdf2-sha256$210000$").doesNotContain("correct horse");
        assertThat(PasswordHash.ITERATIONS).isGreaterThanOrEqualTo(210_000);
        assertThat(PasswordHash.wellFormed(stored)).isTrue();
        assertThat(hash.matches(stored, "correct horse")).isTrue();
        assertThat(hash.matches(stored, "correct horsE")).isFalse();
        assertThat(hash.hash("correct horse")).as("a new salt each time").isNotEqualTo(stored);
    }

    @Test
    void c48_aHashKeepsItsOwnIterationCountAndMalformedHashesMatchNothing() {
        String stored = new PasswordHash(secrets, 1000).hash("pw");
        assertThat(stored).startsWith("pbkdf2-sha256$1000$");
        assertThat(new PasswordHash(secrets).matches(stored, "pw")).as("checked with the stored count").isTrue();
        PasswordHash hash = new PasswordHash(secrets, 1000);
        assertThat(hash.matches(null, "pw")).isFalse();
        assertThat(hash.matches("", "pw")).isFalse();
        assertThat(hash.matches("pbkdf2-sha256$abc$AA$AA", "pw")).isFalse();
        assertThat(hash.matches("pbkdf2-sha256$999999999$AA$AA", "pw")).as("a count that would take minutes").isFalse();
        assertThat(hash.matches("pbkdf2-sha256$1000$!!$AA", "pw")).isFalse();
        assertThat(hash.matches(stored, null)).isFalse();
    }
}
