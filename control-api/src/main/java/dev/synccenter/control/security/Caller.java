package dev.synccenter.control.security;

import java.util.Objects;

/**
 * A caller the {@link Authenticator} recognised.
 *
 * @param name  the credential's name (a user, or the name a token was made with); recorded in the audit trail (C51)
 * @param role  what the caller may do (C49)
 * @param means how the caller proved it: {@code "token"}, {@code "password"} or {@code "session"}
 */
public record Caller(String name, Role role, String means) {

    public Caller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(means, "means");
    }

    public boolean may(Role needed) {
        return role.includes(needed);
    }
}
