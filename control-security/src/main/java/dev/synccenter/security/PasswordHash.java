package dev.synccenter.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.spec.KeySpec;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Passwords as salted slow hashes: PBKDF2 with HMAC-SHA256 from the JDK, a 16-byte random salt,
 * a 256-bit key, and {@value #ITERATIONS} iterations (OWASP's figure for PBKDF2-HMAC-SHA256 in
 * 2023). People choose passwords that can be guessed; the iterations make each guess against a
 * stolen file cost about as much as a login. Stored as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<key>}, so that the count can be raised later without
 * invalidating the hashes that exist.
 */
final class PasswordHash {

    static final String SCHEME = "pbkdf2-sha256";
    static final int ITERATIONS = 210_000;
    /** A file with a larger count is refused rather than letting one login take minutes. */
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final Secrets secrets;
    private final int iterations;

    PasswordHash(Secrets secrets) {
        this(secrets, ITERATIONS);
    }

    /** With another count: for tests only, which would otherwise spend most of their time hashing. */
    PasswordHash(Secrets secrets, int iterations) {
        this.secrets = secrets;
        this.iterations = iterations;
    }

    String hash(String password) {
        byte[] salt = secrets.bytes(SALT_BYTES);
        return SCHEME + "$" + iterations + "$" + ENCODE.encodeToString(salt) + "$"
                + ENCODE.encodeToString(derive(password, salt, iterations));
    }

    /** Whether the password matches the stored hash; false for a malformed hash, never an exception. */
    boolean matches(String stored, String password) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME) || password == null) {
            return false;
        }
        try {
            int count = Integer.parseInt(parts[1]);
            if (count < 1 || count > MAX_ITERATIONS) {
                return false;
            }
            byte[] expected = DECODE.decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, DECODE.decode(parts[2]), count));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** Whether a stored text is a hash this class can check (for the credential file's checks). */
    static boolean wellFormed(String stored) {
        String[] parts = stored.split("\\$", -1);
        return parts.length == 4 && parts[0].equals(SCHEME) && parts[1].matches("[0-9]{1,8}")
                && parts[2].matches("[A-Za-z0-9_-]+") && parts[3].matches("[A-Za-z0-9_-]+");
    }

    private static byte[] derive(String password, byte[] salt, int count) {
        char[] chars = password.toCharArray();
        KeySpec spec = new PBEKeySpec(chars, salt, count, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // Every Java 17 runtime has it; without it no password can be checked at all.
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this Java runtime", e);
        } finally {
            Arrays.fill(chars, '\0');
            ((PBEKeySpec) spec).clearPassword();
        }
    }
}
