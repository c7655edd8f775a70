package dev.synccenter.security;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.synccenter.control.security.CredentialAdmin;
import dev.synccenter.control.security.Role;

/**
 * What the credential file holds, as an immutable value: users with a password hash and API
 * tokens with a token hash, each with a role and the time it was made. Changes make a new value,
 * which is written to the file before it replaces the old one (CredentialKeeper).
 */
record Credentials(Map<String, User> users, Map<String, Token> tokens) {

    /** Token and user names: short, and safe as keys of a properties file and in a log line. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1," + CredentialAdmin.MAX_NAME_LENGTH + "}");

    record User(String name, Role role, String passwordHash, Instant created) {
        User {
            Objects.requireNonNull(passwordHash, "passwordHash");
        }
    }

    record Token(String name, Role role, String hash, Instant created) {
        Token {
            Objects.requireNonNull(hash, "hash");
        }
    }

    static final Credentials NONE = new Credentials(Map.of(), Map.of());

    Credentials {
        users = Collections.unmodifiableMap(new TreeMap<>(users));
        tokens = Collections.unmodifiableMap(new TreeMap<>(tokens));
    }

    Credentials withUser(User user) {
        Map<String, User> copy = new TreeMap<>(users);
        copy.put(user.name(), user);
        return new Credentials(copy, tokens);
    }

    Credentials withToken(Token token) {
        Map<String, Token> copy = new TreeMap<>(tokens);
        copy.put(token.name(), token);
        return new Credentials(users, copy);
    }

    Credentials withoutToken(String name) {
        Map<String, Token> copy = new TreeMap<>(tokens);
        copy.remove(name);
        return new Credentials(users, copy);
    }

    /** Hides the hashes, which are not secrets but have no business in a log either. */
    @Override
    public String toString() {
        return "Credentials[users=" + users.keySet() + ", tokens=" + tokens.keySet() + "]";
    }
}
