package dev.synccenter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TokenHashTest {

    private final Secrets secrets = new Secrets(new SecureRandom());
    private final TokenHash hash = new TokenHash(secrets);

    // C48: tokens are 256 random bits, URL-safe, stored as salted hashes
    @Test
    void c48_tokensAre256RandomBitsAndStoredAsSaltedSha256() {
        String token = secrets.token();
        assertThat(token).startsWith("sct_").matches("sct_[A-Za-z0-9_-]{43}"); // 43 chars = 256 bits
        String stored = hash.hash(token);
        assertThat(stored).startsWith("sha256$").doesNotContain(token.substring(4));
        assertThat(TokenHash.wellFormed(stored)).isTrue();
        assertThat(hash.matches(stored, token)).isTrue();
        assertThat(hash.matches(stored, token + "x")).isFalse();
        assertThat(hash.matches(stored, token.substring(0, token.length() - 1))).isFalse();
        assertThat(hash.hash(token)).as("salted").isNotEqualTo(stored);
        assertThat(hash.matches("sha256$!!$x", token)).isFalse();
        assertThat(hash.matches(null, token)).isFalse();
        assertThat(hash.matches(stored, null)).isFalse();
    }

    @Test
    void c48_secretsDoNotRepeatAndPasswordsHaveAtLeast128Bits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(secrets.token())).isTrue();
            assertThat(seen.add(secrets.sessionId())).isTrue();
        }
        String password = secrets.password();
        assertThat(password).matches("[A-Za-z0-9_-]+");
        assertThat(password.length() * 6).as("bits").isGreaterThanOrEqualTo(128);
    }
}
