package dev.synccenter.security;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.synccenter.control.security.Caller;
import dev.synccenter.control.security.IssuedToken;
import dev.synccenter.control.security.Role;
import dev.synccenter.control.security.TokenInfo;

/**
 * Holds the credentials: loads them from the credential file, makes the operator's at the first
 * start, checks presented secrets against them, and changes them. Each change is written to the
 * file first and takes effect only once written, so a failed write changes nothing. Changes take
 * one lock (they are rare); checks read an immutable snapshot without locking.
 */
final class CredentialKeeper {

    static final String OPERATOR = "operator";
    /** Longer than any secret we make: refused before hashing, so a huge value costs nothing. */
    private static final int MAX_SECRET_LENGTH = 256;
    private static final Logger LOG = LoggerFactory.getLogger(CredentialKeeper.class);

    private final PrivateFiles files;
    private final CredentialFile file;
    private final OperatorSecretFile secretFile;
    private final Secrets secrets;
    private final PasswordHash passwords;
    private final TokenHash tokens;
    private final Clock clock;
    /**
     * Checked against for an unknown user, so that a login takes as long whether the user exists or
     * not; made at the first such login rather than at every start (it costs a PBKDF2 hash).
     */
    private volatile String decoy;
    private final Object lock = new Object();
    private volatile Credentials current = Credentials.NONE;

    CredentialKeeper(Path dir, PrivateFiles files, Secrets secrets, PasswordHash passwords,
            Clock clock) {
        this.files = files;
        this.file = new CredentialFile(dir.resolve(CredentialFile.NAME), files);
        this.secretFile = new OperatorSecretFile(dir.resolve(OperatorSecretFile.NAME), files);
        this.secrets = secrets;
        this.passwords = passwords;
        this.tokens = new TokenHash(secrets);
        this.clock = clock;
    }

    Path credentialFile() {
        return file.path();
    }

    Path operatorSecretFile() {
        return secretFile.path();
    }

    /**
     * Loads the credential file; at the first start (no file) makes the operator credential and
     * writes the clear copy for the person who runs the platform. A file that cannot be read is an
     * IOException naming it and its bad key; the keeper then accepts nobody.
     */
    void open() throws IOException {
        synchronized (lock) {
            files.directory(file.path().getParent());
            files.check(file.path());
            files.check(secretFile.path());
            if (file.exists()) {
                current = file.read();
                LOG.info("Credentials from {}: users {}, tokens {}", file.path(), current.users().keySet(),
                        current.tokens().keySet());
                return;
            }
            String password = secrets.password();
            String token = secrets.token();
            Instant now = clock.instant();
            Credentials made = Credentials.NONE
                    .withUser(new Credentials.User(OPERATOR, Role.OPERATOR, passwords.hash(password), now))
                    .withToken(new Credentials.Token(OPERATOR, Role.OPERATOR, tokens.hash(token), now));
            // The clear copy first: a crash between the two writes leaves no credential file, and the
            // next start makes a new credential and overwrites the clear copy, rather than leaving
            // hashes nobody knows the secrets of.
            secretFile.write(OPERATOR, password, token);
            file.write(made);
            current = made;
            LOG.warn("First start: made the operator credential, user '{}' and an API token named '{}'. The password"
                    + " and the token are in {} (readable by this user only; bin/sync sends the token from there);"
                    + " only their hashes are kept, in {}", OPERATOR, OPERATOR, secretFile.path(), file.path());
        }
    }

    Optional<Caller> token(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > MAX_SECRET_LENGTH) {
            return Optional.empty();
        }
        Caller found = null;
        // Every token is checked, so that the time taken says nothing about which one matched.
        for (Credentials.Token t : current.tokens().values()) {
            if (tokens.matches(t.hash(), presented) && found == null) {
                found = new Caller(t.name(), t.role(), "token");
            }
        }
        return Optional.ofNullable(found);
    }

    Optional<Caller> password(String user, String password) {
        if (user == null || password == null || password.length() > MAX_SECRET_LENGTH) {
            return Optional.empty();
        }
        Credentials.User u = current.users().get(user);
        boolean matches = passwords.matches(u == null ? decoy() : u.passwordHash(), password);
        return matches && u != null ? Optional.of(new Caller(u.name(), u.role(), "password")) : Optional.empty();
    }

    private String decoy() {
        String d = decoy;
        if (d == null) {
            d = passwords.hash(secrets.password());
            decoy = d; // two threads may each make one: harmless
        }
        return d;
    }

    IssuedToken createToken(String name, Role role) {
        checkName("name", name);
        if (role == null) {
            throw new IllegalArgumentException("role: must be VIEWER or OPERATOR, was null");
        }
        synchronized (lock) {
            if (current.tokens().containsKey(name)) {
                throw new IllegalArgumentException("name: a token named '" + name
                        + "' exists already; revoke it first or choose another name");
            }
            String secret = secrets.token();
            Credentials.Token token = new Credentials.Token(name, role, tokens.hash(secret), clock.instant());
            store(current.withToken(token));
            LOG.info("API token '{}' ({}) made", name, role);
            return new IssuedToken(info(token), secret);
        }
    }

    List<TokenInfo> tokens() {
        return current.tokens().values().stream().map(CredentialKeeper::info).toList();
    }

    void revokeToken(String name) {
        checkName("name", name);
        synchronized (lock) {
            if (!current.tokens().containsKey(name)) {
                throw new IllegalArgumentException("name: no token is named '" + name + "'");
            }
            store(current.withoutToken(name));
            LOG.info("API token '{}' revoked", name);
        }
    }

    String resetPassword(String user) {
        checkName("user", user);
        synchronized (lock) {
            Credentials.User u = current.users().get(user);
            if (u == null) {
                throw new IllegalArgumentException("user: no user is named '" + user + "'");
            }
            String password = secrets.password();
            store(current.withUser(new Credentials.User(u.name(), u.role(), passwords.hash(password),
                    clock.instant())));
            try {
                if (secretFile.replacePassword(user, password)) {
                    LOG.info("Password of user '{}' reset; {} has the new one", user, secretFile.path());
                    return password;
                }
            } catch (IOException e) {
                LOG.error("Password of user '{}' reset, but {} still has the old one: {}", user, secretFile.path(),
                        e.toString());
                return password;
            }
            LOG.info("Password of user '{}' reset", user);
            return password;
        }
    }

    private void store(Credentials changed) {
        try {
            file.write(changed);
        } catch (IOException e) {
            throw new IllegalStateException("the credentials could not be written to " + file.path()
                    + ", so nothing changed: " + e.getMessage(), e);
        }
        current = changed;
    }

    private static TokenInfo info(Credentials.Token t) {
        return new TokenInfo(t.name(), t.role(), t.created());
    }

    private static void checkName(String argument, String name) {
        if (name == null || !Credentials.NAME.matcher(name).matches()) {
            String shown = name == null ? "null" : "'" + name.replaceAll("\\p{Cntrl}", "?")
                    .substring(0, Math.min(name.length(), 80)) + "'";
            throw new IllegalArgumentException(argument + ": must be 1 to 63 letters, digits, '.', '_' or '-', was "
                    + shown);
        }
    }
}
