package dev.synccenter.security;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import dev.synccenter.control.security.Role;

/**
 * The credential file, {@code credentials.properties}: hashes only, never a secret, one line per
 * field, readable by the platform's user only. For example:
 *
 * <pre>
 * user.operator.role=OPERATOR
 * user.operator.password=pbkdf2-sha256$210000$...$...
 * user.operator.created=2026-12-02T10:00:00Z
 * token.ci.role=VIEWER
 * token.ci.hash=sha256$...$...
 * token.ci.created=2026-12-02T10:05:00Z
 * </pre>
 *
 * A file that cannot be read as a whole is an error naming the file and the first bad key: the
 * platform then accepts nobody rather than guess (and never overwrites it with a new credential).
 */
final class CredentialFile {

    static final String NAME = "credentials.properties";
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "user", Set.of("role", "password", "created"),
            "token", Set.of("role", "hash", "created"));

    private final Path file;
    private final PrivateFiles files;

    CredentialFile(Path file, PrivateFiles files) {
        this.file = file;
        this.files = files;
    }

    Path path() {
        return file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    Credentials read() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        Map<String, Credentials.User> users = new HashMap<>();
        Map<String, Credentials.Token> tokens = new HashMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            String[] parts = key.split("\\.");
            if (parts.length < 3) {
                throw bad(key, "is not <user|token>.<name>.<field>");
            }
            String kind = parts[0];
            String name = key.substring(kind.length() + 1, key.lastIndexOf('.'));
            String prefix = kind + "." + name + ".";
            String field = key.substring(key.lastIndexOf('.') + 1);
            if (!FIELDS.getOrDefault(kind, Set.of()).contains(field)) {
                throw bad(key, "is not one of user.<name>.{role,password,created} or token.<name>.{role,hash,created}");
            }
            if (!Credentials.NAME.matcher(name).matches()) {
                throw bad(key, "has a name that is not 1 to 63 letters, digits, '.', '_' or '-'");
            }
            if (kind.equals("user") && !users.containsKey(name)) {
                users.put(name, new Credentials.User(name, role(p, prefix + "role"),
                        text(p, prefix + "password", PasswordHash::wellFormed), created(p, prefix + "created")));
            } else if (kind.equals("token") && !tokens.containsKey(name)) {
                tokens.put(name, new Credentials.Token(name, role(p, prefix + "role"),
                        text(p, prefix + "hash", TokenHash::wellFormed), created(p, prefix + "created")));
            }
        }
        return new Credentials(users, tokens);
    }

    void write(Credentials credentials) throws IOException {
        StringBuilder text = new StringBuilder()
                .append("# Sync Center credentials (control-security): salted hashes only, never a secret.\n")
                .append("# Written whole by the platform on each change; change them with bin/sync token-create,\n")
                .append("# token-revoke and password-reset rather than by hand. Delete the folder and restart to start\n")
                .append("# afresh with a new operator credential.\n");
        for (Credentials.User u : credentials.users().values()) {
            String prefix = "user." + u.name() + ".";
            text.append(prefix).append("role=").append(u.role()).append('\n')
                    .append(prefix).append("password=").append(u.passwordHash()).append('\n')
                    .append(prefix).append("created=").append(u.created()).append('\n');
        }
        for (Credentials.Token t : credentials.tokens().values()) {
            String prefix = "token." + t.name() + ".";
            text.append(prefix).append("role=").append(t.role()).append('\n')
                    .append(prefix).append("hash=").append(t.hash()).append('\n')
                    .append(prefix).append("created=").append(t.created()).append('\n');
        }
        files.write(file, text.toString());
    }

    private Role role(Properties p, String key) throws IOException {
        String value = text(p, key, v -> true);
        try {
            return Role.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(key, "is '" + value + "', not VIEWER or OPERATOR");
        }
    }

    private Instant created(Properties p, String key) throws IOException {
        String value = text(p, key, v -> true);
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw bad(key, "is not a time such as 2026-12-02T10:00:00Z");
        }
    }

    private String text(Properties p, String key, Predicate<String> wellFormed) throws IOException {
        String value = p.getProperty(key);
        if (value == null) {
            throw bad(key, "is missing");
        }
        if (!wellFormed.test(value.strip())) {
            throw bad(key, "is not a hash this platform writes"); // the value itself is not shown
        }
        return value.strip();
    }

    private IOException bad(String key, String problem) {
        return new IOException(file + ": " + key + " " + problem);
    }
}
