package dev.synccenter.control.security;

import java.util.Objects;

/**
 * A token just made, with its secret: the only time the secret is seen in clear.
 *
 * @param info   the token as {@link CredentialAdmin#tokens()} lists it
 * @param secret what a caller presents ({@code bin/sync --token-file}, {@code Authorization: Bearer})
 */
public record IssuedToken(TokenInfo info, String secret) {

    public IssuedToken {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(secret, "secret");
    }

    /** Without the secret, so that logging the record by mistake leaks nothing. */
    @Override
    public String toString() {
        return "IssuedToken[" + info + ", secret=(not shown)]";
    }
}
