package dev.synccenter.security;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Every random secret of the platform: API tokens, passwords, session IDs and salts, from one
 * {@link SecureRandom}, as URL-safe Base64 without padding (so a secret can go into a header, a
 * cookie, a properties file or a shell variable without quoting).
 */
final class Secrets {

    /** Marks our tokens, so that secret scanners and people recognise one in a paste. */
    static final String TOKEN_PREFIX = "sct_";
    /** 256 bits: guessing is out of reach, so tokens can be checked with a fast hash (TokenHash). */
    static final int TOKEN_BYTES = 32;
    /** 192 bits, above the 128 the brief asks: a generated password is as strong as a key. */
    static final int PASSWORD_BYTES = 24;
    static final int SESSION_BYTES = 32;

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    Secrets(SecureRandom random) {
        this.random = random;
    }

    String token() {
        return TOKEN_PREFIX + URL.encodeToString(bytes(TOKEN_BYTES));
    }

    String password() {
        return URL.encodeToString(bytes(PASSWORD_BYTES));
    }

    String sessionId() {
        return URL.encodeToString(bytes(SESSION_BYTES));
    }

    byte[] bytes(int count) {
        byte[] b = new byte[count];
        random.nextBytes(b);
        return b;
    }
}
