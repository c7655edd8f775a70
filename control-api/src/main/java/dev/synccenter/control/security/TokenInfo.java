package dev.synccenter.control.security;

import java.time.Instant;
import java.util.Objects;

/**
 * An API token as it is listed: never its secret.
 *
 * @param name    the token's name, unique among tokens; the audit trail records it as the caller
 * @param role    what callers with the token may do
 * @param created when the token was made
 */
public record TokenInfo(String name, Role role, Instant created) {

    public TokenInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(created, "created");
    }
}
