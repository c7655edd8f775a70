package dev.synccenter.webconsole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.synccenter.control.audit.AuditEntry;
import dev.synccenter.control.audit.AuditTrail;
import dev.synccenter.control.audit.AuditUnavailableException;
import dev.synccenter.control.security.Role;
import dev.synccenter.security.SecurityComponent;

/** Who may use the web console, from where (C48 to C51), with the platform's real credential service. */
class ConsoleGateTest {

    private static final String OWN = "http://127.0.0.1:7655";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T03:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path dir;
    static SecurityComponent security;
    static String operatorToken;
    static String operatorPassword;
    static String viewerToken;

    private final List<AuditEntry> recorded = new CopyOnWriteArrayList<>();
    private volatile boolean auditFails;
    private final AuditTrail audit = new AuditTrail() {
        @Override
        public void record(AuditEntry entry) {
            if (auditFails) {
                throw new AuditUnavailableException("the store is down", null);
            }
            recorded.add(entry);
        }

        @Override
        public List<AuditEntry> recent(int limit) {
            return List.copyOf(recorded);
        }
    };

    @BeforeAll
    static void credentials() throws IOException {
        security = new SecurityComponent(dir, Map.of());
        Properties secrets = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("operator.token"))) {
            secrets.load(in);
        }
        operatorToken = secrets.getProperty("token");
        operatorPassword = secrets.getProperty("password");
        viewerToken = security.createToken("dashboard", Role.VIEWER).secret();
    }

    private ConsoleGate gate(boolean plainOnNonLoopback) {
        return new ConsoleGate(() -> security, () -> audit, plainOnNonLoopback, CLOCK);
    }

    private static Inbound get(String authorization) {
        return new Inbound("GET", "/system/console/bundles", authorization, null, null, OWN, false, true,
                "127.0.0.1:40000");
    }

    private static Inbound post(String authorization, String origin, String fetchSite) {
        return new Inbound("POST", "/system/console/bundles/42", authorization, origin, fetchSite, OWN, false, true,
                "127.0.0.1:40001");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void c48_theBuiltInAdminLoginAndNoCredentialsAreRefused() {
        ConsoleGate gate = gate(false);
        assertThat(gate.check(get(null)).status()).isEqualTo(401);
        assertThat(gate.check(get(basic("admin", "admin"))).status()).isEqualTo(401);
        assertThat(gate.check(get("Bearer sct_" + "A".repeat(43))).status()).isEqualTo(401);
    }

    @Test
    void c48_theOperatorsTokenOrPasswordLetsIn() {
        ConsoleGate gate = gate(false);
        assertThat(gate.check(get("Bearer " + operatorToken)).caller().name()).isEqualTo("operator");
        assertThat(gate.check(get(basic("operator", operatorPassword))).allowed()).isTrue();
    }

    @Test
    void c49_aViewerIsRefusedTheWholeConsole() {
        ConsoleGate.Verdict verdict = gate(false).check(get("Bearer " + viewerToken));
        assertThat(verdict.status()).isEqualTo(403);
        assertThat(verdict.reason()).contains("operator role");
    }

    @Test
    void c51_aCrossSitePostIsRefusedAndNotRecorded() {
        ConsoleGate gate = gate(false);
        String token = "Bearer " + operatorToken;
        assertThat(gate.check(post(token, "https://evil.example", null)).status()).isEqualTo(403);
        assertThat(gate.check(post(token, null, "cross-site")).status()).isEqualTo(403);
        assertThat(gate.check(post(token, OWN, "same-site")).status()).as("same site is not same origin")
                .isEqualTo(403);
        assertThat(recorded).isEmpty();
    }

    @Test
    void c51_aStateChangingCallIsRecordedBeforeItProceedsAndRefusedWhenItCannotBe() {
        ConsoleGate gate = gate(false);
        assertThat(gate.check(post("Bearer " + operatorToken, OWN, "same-origin")).allowed()).isTrue();
        assertThat(gate.check(post("Bearer " + operatorToken, null, null)).allowed()).as("a script, not a browser")
                .isTrue();
        assertThat(recorded).hasSize(2);
        assertThat(recorded.get(0)).isEqualTo(new AuditEntry(CLOCK.instant(), "operator", "OPERATOR", "webconsole",
                "127.0.0.1:40001", "POST /system/console/bundles/42", ""));
        assertThat(gate.check(get("Bearer " + operatorToken)).allowed()).isTrue();
        assertThat(recorded).as("reads are not recorded").hasSize(2);

        auditFails = true;
        ConsoleGate.Verdict refused = gate.check(post("Bearer " + operatorToken, OWN, "same-origin"));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.reason()).contains("the store is down");
        assertThat(new ConsoleGate(() -> security, () -> null, false, CLOCK)
                .check(post("Bearer " + operatorToken, OWN, null)).status()).isEqualTo(503);
    }

    @Test
    void c48_plainHttpOnAnAddressOtherThanLoopbackIsRefusedUnlessTurnedOff() {
        Inbound remote = new Inbound("GET", "/system/console", "Bearer " + operatorToken, null, null,
                "http://10.0.0.5:7655", false, false, "10.0.0.9:50000");
        assertThat(gate(false).check(remote).status()).isEqualTo(403);
        assertThat(gate(false).check(remote).reason()).contains("HTTPS");
        assertThat(gate(true).check(remote).allowed()).isTrue();
        Inbound overTls = new Inbound("GET", "/system/console", "Bearer " + operatorToken, null, null,
                "https://10.0.0.5:8443", true, false, "10.0.0.9:50000");
        assertThat(gate(false).check(overTls).allowed()).isTrue();
    }

    /**
     * C48: reached on loopback under another name (DNS rebinding: a page whose own name now resolves
     * to 127.0.0.1 sends Basic guesses as same-origin requests), the console refuses before any
     * password is checked, so such a page can neither guess nor lock the operator's name out.
     */
    @Test
    void c48_onLoopbackAHostThatIsNoLoopbackNameIsRefusedBeforeThePasswordIsChecked() {
        ConsoleGate gate = gate(false);
        for (int i = 0; i < 6; i++) {
            Inbound rebound = new Inbound("GET", "/system/console/bundles", basic("operator", "guess" + i), null, null,
                    "http://evil.example:7655", false, true, "127.0.0.1:40002");
            ConsoleGate.Verdict verdict = gate.check(rebound);
            assertThat(verdict.status()).isEqualTo(403);
            assertThat(verdict.reason()).contains("evil.example");
        }
        assertThat(gate.check(get(basic("operator", operatorPassword))).allowed())
                .as("the operator's name was not locked by the guesses").isTrue();
        for (String own : List.of("http://localhost:7655", "http://[::1]:7655", "http://127.0.0.1")) {
            assertThat(gate.check(new Inbound("GET", "/system/console", "Bearer " + operatorToken, null, null, own,
                    false, true, "127.0.0.1:40003")).allowed()).as(own).isTrue();
        }
    }

    @Test
    void withoutAnAuthenticatorNobodyGetsIn() {
        assertThat(new ConsoleGate(() -> null, () -> audit, false, CLOCK).check(get("Bearer " + operatorToken))
                .status()).isEqualTo(503);
    }

    @Test
    void thePluginPageEscapesWhatHandlersNamed() {
        assertThat(SyncCenterPlugin.escape("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(SyncCenterPlugin.render(null)).contains("not running");
    }
}
