package dev.synccenter.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * API tokens as salted SHA-256 hashes, stored as {@code sha256$<salt>$<digest>}.
 *
 * <p>Why not PBKDF2 as for passwords: a slow hash protects secrets that can be guessed. A token is
 * 256 random bits ({@link Secrets#TOKEN_BYTES}); even a stolen file leaves 2^256 candidates, which
 * no number of iterations makes harder or easier to search in practice. A fast hash keeps each
 * call cheap: every {@code bin/sync} command and every HTTP request presents a token, and 210,000
 * iterations would cost each of them a tenth of a second of CPU. The salt keeps two files with the
 * same token from showing it.
 */
final class TokenHash {

    static final String SCHEME = "sha256";
    private static final int SALT_BYTES = 16;
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final Secrets secrets;

    TokenHash(Secrets secrets) {
        this.secrets = secrets;
    }

    String hash(String token) {
        byte[] salt = secrets.bytes(SALT_BYTES);
        return SCHEME + "$" + ENCODE.encodeToString(salt) + "$" + ENCODE.encodeToString(digest(salt, token));
    }

    /** Whether the token matches the stored hash, compared in constant time; false if malformed. */
    boolean matches(String stored, String token) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$", -1);
        if (parts.length != 3 || !parts[0].equals(SCHEME) || token == null) {
            return false;
        }
        try {
            return MessageDigest.isEqual(DECODE.decode(parts[2]), digest(DECODE.decode(parts[1]), token));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    static boolean wellFormed(String stored) {
        return stored.matches(SCHEME + "\\$[A-Za-z0-9_-]+\\$[A-Za-z0-9_-]{43}");
    }

    private static byte[] digest(byte[] salt, String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }
}
