package dev.synccenter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.security.Authenticator;
import dev.synccenter.control.security.Caller;
import dev.synccenter.control.security.Role;
import dev.synccenter.http.Guard.Verdict;

/** Who may call what, from where, over what: every refusal of the context's security check. */
class GuardTest {

    /** Test fixture: knows a viewer token, an operator token and one session. */
    static final class FixedAuthenticator implements Authenticator {
        @Override
        public Optional<Caller> authorization(String header) {
            return header.startsWith("Bearer ") ? token(header.substring(7)) : Optional.empty();
        }

        @Override
        public Optional<Caller> token(String t) {
            return switch (t) {
                case "op-secret" -> Optional.of(new Caller("ops", Role.OPERATOR, "token"));
                case "view-secret" -> Optional.of(new Caller("watcher", Role.VIEWER, "token"));
                default -> Optional.empty();
            };
        }

        @Override
        public Optional<Caller> password(String user, String password) {
            return Optional.empty();
        }

        @Override
        public String openSession(Caller caller) {
            return "s1";
        }

        @Override
        public Optional<Caller> session(String id) {
            return id.equals("s1") ? Optional.of(new Caller("alice", Role.OPERATOR, "session")) : Optional.empty();
        }

        @Override
        public void closeSession(String id) {
        }
    }

    Authenticator auth = new FixedAuthenticator();
    Collection<String> endpoints = List.of("http://127.0.0.1:8080/");
    boolean allowPlain;

    Guard guard() {
        return new Guard(() -> auth, () -> endpoints, new TlsCheck(allowPlain), new OriginCheck(List.of(
                "https://proxy.example")));
    }

    static Inbound request(String method, String path) {
        return new Inbound(method, path, false, "http", "127.0.0.1:8080", "127.0.0.1", "127.0.0.1:40000", null, null,
                null, null, null);
    }

    static Inbound with(Inbound r, String authorization, String origin, String fetchSite, String cookie, String csrf) {
        return new Inbound(r.method(), r.path(), r.secure(), r.scheme(), r.host(), r.localAddr(), r.from(),
                authorization, origin, fetchSite, cookie, csrf);
    }

    Verdict check(Inbound in) {
        return guard().check(in);
    }

    /** C48: no credentials, or wrong ones, is 401 on every path but login. */
    @Test
    void c48_withoutValidCredentialsEveryCallIs401() {
        for (String method : List.of("GET", "POST")) {
            Verdict v = check(request(method, "/api/handlers"));
            assertThat(v.status()).isEqualTo(401);
            assertThat(v.reason()).isEqualTo("UNAUTHENTICATED");
        }
        assertThat(check(with(request("GET", "/api/handlers"), "Bearer wrong", null, null, null, null)).status())
                .isEqualTo(401);
        assertThat(check(with(request("GET", "/api/stream"), null, null, null, "expired", null)).status())
                .isEqualTo(401);
        assertThat(check(request("POST", "/api/login")).allowed()).as("login needs no credentials").isTrue();
        assertThat(check(with(request("GET", "/api/handlers"), "Bearer view-secret", null, null, null, null))
                .caller().name()).isEqualTo("watcher");
    }

    @Test
    void c48_noAuthenticatorRefusesEveryoneWith503() {
        auth = null;
        Verdict v = check(with(request("GET", "/api/handlers"), "Bearer op-secret", null, null, null, null));
        assertThat(v.status()).isEqualTo(503);
        assertThat(check(request("POST", "/api/login")).status()).isEqualTo(503);
    }

    /** C49: a viewer reads, an operator also changes state; logging out is for everyone. */
    @Test
    void c49_aViewerIsRefusedStateChangesWith403() {
        Inbound viewer = with(request("POST", "/api/handlers/demo/sync"), "Bearer view-secret", null, null, null, null);
        Verdict v = check(viewer);
        assertThat(v.status()).isEqualTo(403);
        assertThat(v.reason()).isEqualTo("ROLE");
        assertThat(v.error()).contains("watcher", "viewer", "operator");
        assertThat(check(with(request("DELETE", "/api/x"), "Bearer view-secret", null, null, null, null)).status())
                .isEqualTo(403);
        // C49: scheduling, retries and resolving conflicts are an operator's, like every other state change
        for (Inbound change : java.util.List.of(request("PUT", "/api/schedules/nightly"),
                request("DELETE", "/api/schedules/nightly"), request("POST", "/api/backoffs/demo/alpha/retry"),
                request("POST", "/api/backoffs/demo/alpha/give-up"), request("POST", "/api/conflicts/demo/resolve"))) {
            assertThat(check(with(change, "Bearer view-secret", null, null, null, null)).reason())
                    .as("%s %s", change.method(), change.path()).isEqualTo("ROLE");
            assertThat(check(with(change, "Bearer op-secret", null, null, null, null)).allowed()).isTrue();
        }
        assertThat(check(with(request("GET", "/api/schedules"), "Bearer view-secret", null, null, null, null))
                .allowed()).isTrue();
        assertThat(check(with(request("POST", "/api/logout"), "Bearer view-secret", null, null, null, null))
                .allowed()).isTrue();
        assertThat(check(with(request("POST", "/api/handlers/demo/sync"), "Bearer op-secret", null, null, null, null))
                .allowed()).isTrue();
    }

    /** C51: another site's page cannot change state, whatever credentials the browser adds. */
    @Test
    void c51_crossSiteStateChangesAre403() {
        Inbound post = request("POST", "/api/stop");
        Verdict origin = check(with(post, "Bearer op-secret", "https://evil.example", null, null, null));
        assertThat(origin.status()).isEqualTo(403);
        assertThat(origin.reason()).isEqualTo("CROSS_SITE");
        assertThat(check(with(post, null, "https://evil.example", null, "s1", "1")).status()).isEqualTo(403);
        assertThat(check(with(post, null, null, "cross-site", "s1", "1")).reason()).isEqualTo("CROSS_SITE");
        assertThat(check(with(post, null, null, "same-site", "s1", "1")).reason()).isEqualTo("CROSS_SITE");
        assertThat(check(with(post, null, "null", null, "s1", "1")).reason()).isEqualTo("CROSS_SITE");
        assertThat(check(with(request("POST", "/api/login"), null, "http://evil.example", null, null, null))
                .reason()).as("no login from another site either").isEqualTo("CROSS_SITE");
        // reads are not state changes: an <img> from another site gets at most a 401
        assertThat(check(with(request("GET", "/api/handlers"), null, "https://evil.example", "cross-site", "s1",
                null)).allowed()).isTrue();
    }

    /** C51: with the cookie, a state change must show it comes from our own page. */
    @Test
    void c51_aCookieStateChangeNeedsSameOriginOrTheCsrfHeader() {
        Inbound post = request("POST", "/api/stop");
        Verdict bare = check(with(post, null, null, null, "s1", null));
        assertThat(bare.status()).isEqualTo(403);
        assertThat(bare.reason()).isEqualTo("CSRF");
        assertThat(check(with(post, null, "http://127.0.0.1:8080", "same-origin", "s1", null)).allowed()).isTrue();
        assertThat(check(with(post, null, null, null, "s1", "1")).allowed()).isTrue();
        assertThat(check(with(post, null, "https://proxy.example", "cross-site", "s1", null)).allowed())
                .as("a configured origin").isTrue();
        assertThat(check(with(post, "Bearer op-secret", null, null, null, null)).allowed())
                .as("a token is no ambient credential").isTrue();
        Inbound put = request("PUT", "/api/schedules/nightly");
        assertThat(check(with(put, null, null, null, "s1", null)).reason()).as("a PUT is a state change")
                .isEqualTo("CSRF");
        assertThat(check(with(put, null, null, null, "s1", "1")).allowed()).isTrue();
        assertThat(check(with(request("DELETE", "/api/schedules/nightly"), null, null, null, "s1", null)).reason())
                .isEqualTo("CSRF");
        Inbound resolve = request("POST", "/api/conflicts/demo/resolve");
        assertThat(check(with(resolve, null, null, null, "s1", null)).reason()).as("resolving conflicts (C46)")
                .isEqualTo("CSRF");
        assertThat(check(with(resolve, null, null, null, "s1", "1")).allowed()).isTrue();
    }

    /** C48: plain HTTP on an address other than loopback is refused unless allowed; TLS is served. */
    @Test
    void c48_plainHttpOnANonLoopbackAddressIs403UnlessAllowed() {
        endpoints = List.of("http://10.1.2.3:8080/", "http://127.0.0.1:8080/");
        Inbound get = with(request("GET", "/api/handlers"), "Bearer op-secret", null, null, null, null);
        Verdict v = check(get);
        assertThat(v.status()).isEqualTo(403);
        assertThat(v.reason()).isEqualTo("TLS_REQUIRED");
        Inbound secure = new Inbound("GET", "/api/handlers", true, "https", "10.1.2.3:8443", "10.1.2.3",
                "10.9.9.9:5000", "Bearer op-secret", null, null, null, null);
        assertThat(check(secure).allowed()).isTrue();
        endpoints = List.of();
        Inbound remote = new Inbound("GET", "/api/handlers", false, "http", "10.1.2.3:8080", "10.1.2.3",
                "10.9.9.9:5000", "Bearer op-secret", null, null, null, null);
        assertThat(check(remote).reason()).as("by the address it came in on").isEqualTo("TLS_REQUIRED");
        allowPlain = true;
        assertThat(check(remote).allowed()).isTrue();
    }

    /**
     * C48, C51: reached on loopback, a request must name a loopback host. Another name (DNS
     * rebinding: a page whose own name now resolves to 127.0.0.1) is refused before any password is
     * checked, so that a web page cannot guess passwords or lock the operator's name out.
     */
    @Test
    void c48_onLoopbackAHostThatIsNoLoopbackNameIsRefused() {
        Inbound login = new Inbound("POST", "/api/login", false, "http", "evil.example:8080", "127.0.0.1",
                "127.0.0.1:40000", null, "http://evil.example:8080", "same-origin", null, null);
        Verdict v = check(login);
        assertThat(v.status()).isEqualTo(403);
        assertThat(v.reason()).isEqualTo("HOST");
        Inbound get = with(request("GET", "/api/handlers"), "Bearer op-secret", null, null, null, null);
        assertThat(check(new Inbound("GET", "/api/handlers", false, "http", "evil.example", "127.0.0.1",
                "127.0.0.1:40000", "Bearer op-secret", null, null, null, null)).reason()).isEqualTo("HOST");
        for (String host : List.of("127.0.0.1:8080", "localhost:8080", "LOCALHOST", "[::1]:8080", "127.0.0.1")) {
            assertThat(check(new Inbound("GET", "/api/handlers", false, "http", host, "127.0.0.1", "127.0.0.1:40000",
                    get.authorization(), null, null, null, null)).allowed()).as(host).isTrue();
        }
        assertThat(check(new Inbound("GET", "/api/handlers", false, "http", "proxy.example", "127.0.0.1",
                "127.0.0.1:40000", get.authorization(), null, null, null, null)).allowed())
                .as("the host of an allowed origin (a reverse proxy that passes Host on)").isTrue();
        allowPlain = true;
        assertThat(check(new Inbound("GET", "/api/handlers", false, "http", "sync.example:8080", "10.1.2.3",
                "10.9.9.9:5000", get.authorization(), null, null, null, null)).allowed())
                .as("off loopback, a name is what clients use").isTrue();
    }

    /**
     * C48's one exception: the web console's page and static files load without credentials (the
     * login page must), by GET or HEAD only; the API beside them, and anything else, still needs them.
     */
    @Test
    void c48_theConsolePageAndItsStaticFilesAloneLoadWithoutCredentials() {
        for (String path : List.of("/", "", "/console/app.js", "/console/css/base.css", "/console/views/handlers.js")) {
            for (String method : List.of("GET", "HEAD")) {
                Verdict v = check(request(method, path));
                assertThat(v.allowed()).as(method + " " + path).isTrue();
                assertThat(v.caller()).as("no caller: the files are the same for everyone").isNull();
            }
            assertThat(check(request("POST", path)).status()).as("POST " + path).isEqualTo(401);
            assertThat(check(request("PUT", path)).status()).as("PUT " + path).isEqualTo(401);
        }
        for (String path : List.of("/console", "/consoles/x", "/api/handlers", "/api/session", "/api/stream",
                "/api/metrics", "/api/openapi.json", "/index.html", "/api/console/x")) {
            assertThat(check(request("GET", path)).status()).as("GET " + path).isEqualTo(401);
        }
        endpoints = List.of("http://0.0.0.0:8080/");
        assertThat(check(request("GET", "/console/app.js")).reason()).as("TLS still comes first")
                .isEqualTo("TLS_REQUIRED");
        endpoints = List.of("http://127.0.0.1:8080/");
        auth = null;
        assertThat(check(request("GET", "/console/app.js")).allowed()).as("files need no authenticator").isTrue();
    }

    @Test
    void loopbackIsToldWithoutLookingNamesUp() {
        assertThat(TlsCheck.isLoopback("127.0.0.1")).isTrue();
        assertThat(TlsCheck.isLoopback("127.5.0.1")).isTrue();
        assertThat(TlsCheck.isLoopback("[::1]")).isTrue();
        assertThat(TlsCheck.isLoopback("localhost")).isTrue();
        assertThat(TlsCheck.isLoopback("0.0.0.0")).isFalse();
        assertThat(TlsCheck.isLoopback("10.0.0.1")).isFalse();
        assertThat(TlsCheck.isLoopback("example.com")).isFalse();
        assertThat(TlsCheck.exposedPlain(List.of("https://10.0.0.1:8443/", "http://[::1]:80/"))).isEmpty();
    }
}
