package dev.synccenter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.synccenter.control.security.Caller;
import dev.synccenter.control.security.IssuedToken;
import dev.synccenter.control.security.Role;
import dev.synccenter.control.security.TokenInfo;

/** The security service on real files in a temporary folder. */
class SecurityComponentTest {

    @TempDir
    Path home;
    private final TestClock clock = new TestClock();

    private SecurityComponent start(int iterations) throws IOException {
        return new SecurityComponent(SecuritySettings.from(Map.of(), home.toString(), () -> {
            throw new AssertionError("the data area is used only without sync.center.home");
        }), clock, iterations);
    }

    private Path dir() {
        return home.resolve("etc/security");
    }

    private Properties secretFile() throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(dir().resolve("operator.token"))) {
            p.load(in);
        }
        return p;
    }

    // C48: no default password; the first start makes one, stores it hashed, and says where it is
    @Test
    void c48_theFirstStartMakesTheOperatorCredentialStoredHashedInPrivateFiles() throws Exception {
        SecurityComponent security = start(PasswordHash.ITERATIONS);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir()))).isEqualTo("rwx------");
        Path credentials = dir().resolve("credentials.properties");
        Path clear = dir().resolve("operator.token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(clear))).isEqualTo("rw-------");

        Properties secrets = secretFile();
        String password = secrets.getProperty("password");
        String token = secrets.getProperty("token");
        assertThat(secrets.getProperty("user")).isEqualTo("operator");
        assertThat(password).hasSizeGreaterThanOrEqualTo(22); // >= 128 bits of URL-safe Base64
        assertThat(token).startsWith("sct_");
        String stored = Files.readString(credentials);
        assertThat(stored).doesNotContain(password).doesNotContain(token).doesNotContain(token.substring(4))
                .contains("user.operator.password=pbkdf2-sha256$210000$").contains("token.operator.hash=sha256$");
        try (var listing = Files.list(dir())) {
            assertThat(listing.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("credentials.properties", "operator.token");
        }

        assertThat(security.token(token)).contains(new Caller("operator", Role.OPERATOR, "token"));
        assertThat(security.password("operator", password)).contains(new Caller("operator", Role.OPERATOR, "password"));
        assertThat(security.authorization("Bearer " + token)).isPresent();
        assertThat(security.authorization("Basic " + Base64.getEncoder().encodeToString(
                ("operator:" + password).getBytes(StandardCharsets.UTF_8)))).isPresent();
        assertThat(security.token(token + "x")).isEmpty();
        assertThat(security.token("")).isEmpty();
        assertThat(security.token(null)).isEmpty();
        assertThat(security.token("x".repeat(100_000))).isEmpty();
        assertThat(security.authorization("Bearer")).isEmpty();
        assertThat(security.authorization("Basic !!!")).isEmpty();
        assertThat(security.authorization("Digest abc")).isEmpty();

        // A second start reads the same credential and makes none.
        SecurityComponent again = start(1000);
        assertThat(again.token(token)).isPresent();
        assertThat(secretFile().getProperty("token")).isEqualTo(token);
    }

    // C48, C49: tokens have a name and a role, are shown once, listed without secrets, and revoked
    @Test
    void c49_tokensAreMadeWithARoleListedWithoutSecretsAndRevoked() throws Exception {
        SecurityComponent security = start(1000);
        IssuedToken viewer = security.createToken("dashboard", Role.VIEWER);
        assertThat(viewer.toString()).doesNotContain(viewer.secret());
        assertThat(security.token(viewer.secret())).contains(new Caller("dashboard", Role.VIEWER, "token"));
        assertThat(security.tokens()).extracting(TokenInfo::name, TokenInfo::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("dashboard", Role.VIEWER),
                org.assertj.core.groups.Tuple.tuple("operator", Role.OPERATOR));
        assertThat(Files.readString(dir().resolve("credentials.properties"))).doesNotContain(viewer.secret());

        assertThat(start(1000).token(viewer.secret())).as("kept across a restart").isPresent();

        security.revokeToken("dashboard");
        assertThat(security.token(viewer.secret())).isEmpty();
        assertThat(start(1000).token(viewer.secret())).as("revoked across a restart").isEmpty();
    }

    @Test
    void c48_badArgumentsAreRefusedNamingTheArgumentAndChangeNothing() throws Exception {
        SecurityComponent security = start(1000);
        String before = Files.readString(dir().resolve("credentials.properties"));
        assertThatThrownBy(() -> security.createToken("bad name", Role.VIEWER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("name: must be 1 to 63");
        assertThatThrownBy(() -> security.createToken("x".repeat(64), Role.VIEWER))
                .hasMessageStartingWith("name: must be 1 to 63");
        assertThatThrownBy(() -> security.createToken("ok", null)).hasMessageStartingWith("role: ");
        assertThatThrownBy(() -> security.createToken("operator", Role.VIEWER))
                .hasMessage("name: a token named 'operator' exists already; revoke it first or choose another name");
        assertThatThrownBy(() -> security.revokeToken("nosuch")).hasMessage("name: no token is named 'nosuch'");
        assertThatThrownBy(() -> security.resetPassword("nosuch")).hasMessage("user: no user is named 'nosuch'");
        assertThatThrownBy(() -> security.resetPassword(null)).hasMessageStartingWith("user: must be");
        assertThat(Files.readString(dir().resolve("credentials.properties"))).isEqualTo(before);
        assertThat(security.tokens()).hasSize(1);
    }

    @Test
    void c48_aFailedWriteChangesNothing() throws Exception {
        SecurityComponent security = start(1000);
        Path credentials = dir().resolve("credentials.properties");
        // The file's place is taken by a folder that is not empty: the move over it fails.
        Files.delete(credentials);
        Files.createDirectories(credentials.resolve("in-the-way"));
        assertThatThrownBy(() -> security.createToken("ci", Role.OPERATOR)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not be written to " + credentials + ", so nothing changed");
        assertThat(security.tokens()).extracting(TokenInfo::name).containsExactly("operator");
    }

    // C48: the password is reset to a new random one, and the clear copy follows
    @Test
    void c48_aPasswordResetGivesANewRandomPasswordAndUpdatesTheClearCopy() throws Exception {
        SecurityComponent security = start(1000);
        String old = secretFile().getProperty("password");
        String token = secretFile().getProperty("token");
        String fresh = security.resetPassword("operator");
        assertThat(fresh).isNotEqualTo(old);
        assertThat(security.password("operator", old)).isEmpty();
        assertThat(security.password("operator", fresh)).isPresent();
        assertThat(secretFile().getProperty("password")).isEqualTo(fresh);
        assertThat(secretFile().getProperty("token")).isEqualTo(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir().resolve("operator.token"))))
                .isEqualTo("rw-------");
    }

    // C48: a reset is what an operator does when a password may have leaked, so the sessions opened
    // with it end too (a stolen session cookie would otherwise last session.max.minutes more)
    @Test
    void c48_aPasswordResetEndsTheUsersSessions() throws Exception {
        SecurityComponent security = start(1000);
        Caller operator = security.password("operator", secretFile().getProperty("password")).orElseThrow();
        String session = security.openSession(operator);
        String other = security.openSession(new Caller("someone-else", Role.VIEWER, "password"));
        security.resetPassword("operator");
        assertThat(security.session(session)).isEmpty();
        assertThat(security.session(other)).as("another user's session").isPresent();
    }

    // C48: throttled per user; while locked even the right password is refused
    @Test
    void c48_failedLoginsLockTheUserForAWhileEvenForTheRightPassword() throws Exception {
        SecurityComponent security = start(1000);
        String password = secretFile().getProperty("password");
        for (int i = 0; i < 4; i++) {
            assertThat(security.password("operator", "guess-" + i)).isEmpty();
        }
        assertThat(security.password("operator", password)).as("locked for 1 s").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(security.password("operator", password)).isPresent();
        assertThat(security.password("nosuch", password)).isEmpty();
    }

    // C48: permissions found open are logged and narrowed at start
    @Test
    void c48_filesOpenToOthersAreNarrowedAtStart() throws Exception {
        start(1000);
        Path clear = dir().resolve("operator.token");
        Files.setPosixFilePermissions(clear, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        start(1000);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(clear))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir()))).isEqualTo("rwx------");
    }

    // C48: a damaged credential file is never replaced by a new credential; nobody is accepted
    @Test
    void c48_aDamagedCredentialFileFailsTheStartNamingFileAndKeyAndIsKept() throws Exception {
        start(1000);
        Path credentials = dir().resolve("credentials.properties");
        String damaged = Files.readString(credentials).replace("role=OPERATOR", "role=ADMIN");
        Files.writeString(credentials, damaged);
        assertThatThrownBy(() -> start(1000)).isInstanceOf(IOException.class)
                .hasMessage(credentials + ": token.operator.role is 'ADMIN', not VIEWER or OPERATOR");
        assertThat(Files.readString(credentials)).isEqualTo(damaged);
        Files.writeString(credentials, damaged.replace("role=ADMIN", "role=OPERATOR").replace("hash=sha256$", "hash=md5$"));
        assertThatThrownBy(() -> start(1000)).hasMessageEndingWith("token.operator.hash is not a hash this platform writes");
    }

    @Test
    void c48_sessionsAreOpenedForACallerAndClosed() throws Exception {
        SecurityComponent security = start(1000);
        Caller caller = new Caller("operator", Role.OPERATOR, "password");
        String id = security.openSession(caller);
        assertThat(security.session(id)).contains(caller);
        security.closeSession(id);
        assertThat(security.session(id)).isEmpty();
        assertThatThrownBy(() -> security.openSession(null)).hasMessage("caller: must not be null");
    }

    @Test
    void badConfigurationValuesAreDefaulted() {
        SecuritySettings s = SecuritySettings.from(Map.of("session.idle.minutes", "abc", "session.max.count", "0",
                "credentials.dir", home.resolve("elsewhere").toString()), null, () -> home.resolve("data"));
        assertThat(s.sessionIdle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.sessionMaxCount()).isEqualTo(1000);
        assertThat(s.credentialsDir()).isEqualTo(home.resolve("elsewhere"));
        assertThat(SecuritySettings.from(Map.of(), null, () -> home.resolve("data")).credentialsDir())
                .isEqualTo(home.resolve("data"));
    }
}
