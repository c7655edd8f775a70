package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.synccenter.testsupport.Poll;

/**
 * The Felix Web Console and the Prometheus endpoint in the real distribution (C48 to C51): the
 * console's admin/admin is off, only an operator gets in, a cross-site call is refused, and a call
 * that changes something is in the store's audit trail before it runs; metrics need credentials.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebConsoleIT {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Path template = Path.of(System.getProperty("dist.dir", "target/sync-center"));
    private final Path work = Path.of(System.getProperty("it.work.dir", "target/it-work"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Distribution dist;
    private String console;
    private String operator;
    private String password;
    private String viewer;

    @BeforeAll
    void start() throws Exception {
        dist = Distribution.start(template, work.resolve("webconsole"), Map.of());
        dist.awaitReady(STARTUP);
        Map<String, String> secrets = dist.operatorSecrets();
        operator = secrets.get("token");
        password = secrets.get("password");
        viewer = dist.ok("token-create it-dashboard --role VIEWER").text().strip();
        console = "http://127.0.0.1:" + dist.httpPort + "/system/console";
        Poll.until("the web console to answer", STARTUP, () -> get(console + "/bundles", bearer(operator)),
                r -> r.statusCode() == 200);
    }

    @AfterAll
    void stop() {
        if (dist != null) {
            dist.close();
        }
    }

    @Test
    void c48_theBuiltInAdminLoginIsOffAndNothingWithoutCredentials() throws Exception {
        HttpResponse<String> admin = get(console + "/bundles", basic("admin", "admin"));
        assertThat(admin.statusCode()).isEqualTo(401);
        assertThat(admin.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> v.startsWith("Basic"));
        assertThat(get(console + "/bundles", null).statusCode()).isEqualTo(401);
        assertThat(get(console + "/configMgr", basic("operator", "guess")).statusCode()).isEqualTo(401);
    }

    @Test
    void c48_c49_anOperatorGetsInWithTheTokenOrThePasswordAndAViewerIsRefused() throws Exception {
        HttpResponse<String> page = get(console + "/synccenter", bearer(operator));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Sync Center").contains("<td>demo</td>")
                .as("links to the platform's own console").contains("href=\"/synccenter/\"");
        assertThat(get(console + "/bundles", basic("operator", password)).statusCode()).isEqualTo(200);
        HttpResponse<String> asViewer = get(console + "/bundles", bearer(viewer));
        assertThat(asViewer.statusCode()).isEqualTo(403);
        assertThat(dist.logText()).contains("the web console needs the operator role (C49)")
                .doesNotContain(viewer).doesNotContain(operator).doesNotContain(password);
    }

    @Test
    void c51_aCrossSiteCallIsRefusedAndACallThatChangesSomethingIsAuditedFirst() throws Exception {
        HttpResponse<String> crossSite = send(HttpRequest.newBuilder(URI.create(console + "/synccenter"))
                .POST(HttpRequest.BodyPublishers.ofString("action=x"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "http://evil.example")
                .header("Authorization", bearer(operator)));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(dist.ok("audit --limit 20").text()).doesNotContain("webconsole");

        HttpResponse<String> sameOrigin = send(HttpRequest.newBuilder(URI.create(console + "/synccenter"))
                .POST(HttpRequest.BodyPublishers.ofString("action=x"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "http://127.0.0.1:" + dist.httpPort).header("Authorization", bearer(operator)));
        assertThat(sameOrigin.statusCode()).as("the page takes no POST: past the gate, refused by the page")
                .isEqualTo(405);
        assertThat(dist.ok("audit --limit 20").text()).containsPattern(
                "(?m)^\\S+ \\S+ +operator +OPERATOR +webconsole +127\\.0\\.0\\.1:\\d+ +POST /system/console/synccenter");
    }

    @Test
    void metricsNeedCredentialsAndCountTheResults() throws Exception {
        dist.ok("start demo alpha");
        String metrics = "http://127.0.0.1:" + dist.httpPort + "/synccenter/api/metrics";
        assertThat(get(metrics, null).statusCode()).isEqualTo(401);
        HttpResponse<String> scrape = Poll.until("the result to be counted", STARTUP, () -> get(metrics,
                bearer(viewer)), r -> r.body().contains("synccenter_requests_finished_total{handler=\"demo\""));
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        assertThat(scrape.body()).contains("# TYPE synccenter_request_run_seconds histogram")
                .contains("synccenter_store_failing 0").containsPattern("synccenter_requests_open \\d+");
    }

    private HttpResponse<String> get(String url, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return send(r);
    }

    private HttpResponse<String> send(HttpRequest.Builder r) throws IOException, InterruptedException {
        return http.send(r.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
