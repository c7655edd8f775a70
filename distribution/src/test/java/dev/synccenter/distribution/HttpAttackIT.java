package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.synccenter.distribution.ApiClient.Answer;
import dev.synccenter.testsupport.Poll;

/**
 * Attacks on the HTTP surfaces of the real distribution that the other tests do not make (C48 to
 * C51): an unauthenticated client that sends its login body slowly, a viewer that opens stream
 * after stream, a page that frames the web console, and a local user who reads what the platform
 * wrote. Jetty's thread pool is made small, so that a few slow clients would be enough to starve it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpAttackIT {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    /** Jetty's pool: a few more threads than it needs for its acceptor and selector. */
    private static final int JETTY_THREADS = 16;

    private final Path template = Path.of(System.getProperty("dist.dir", "target/sync-center"));
    private final Path work = Path.of(System.getProperty("it.work.dir", "target/it-work"));

    private Distribution dist;
    private ApiClient api;
    private String operator;
    private String viewer;

    @BeforeAll
    void start() throws Exception {
        dist = Distribution.start(template, work.resolve("http-attack"), Map.of("dev.synccenter.http.cfg",
                "stream.keepalive.seconds=1\n"),
                Map.of("org.apache.felix.http.jetty.threadpool.max", String.valueOf(JETTY_THREADS)));
        dist.awaitReady(STARTUP);
        api = ApiClient.of(dist);
        operator = dist.operatorToken();
        viewer = dist.ok("token-create attack-viewer --role VIEWER").text().strip();
        Poll.until("the API to answer", STARTUP, () -> api.get("/handlers", operator), a -> a.status() == 200);
    }

    @AfterAll
    void stop() {
        if (dist != null) {
            dist.close();
        }
    }

    /**
     * C48: the login takes a body from anyone. Clients that send it a byte at a time (more of them
     * than Jetty has threads) hold no thread: a token holder is served meanwhile, each slow client is
     * answered 408 at the login's deadline, and one that goes away mid-body leaves no stack trace.
     */
    @Test
    void c48_slowLoginBodiesHoldNoThreadAndAreCutAtTheirDeadline() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < JETTY_THREADS * 2; i++) {
                slow.add(slowLogin());
            }
            Socket gone = slowLogin();
            gone.close();

            Answer served = api.send(api.request("/handlers").timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + operator).GET());
            assertThat(served.status()).isEqualTo(200);

            for (Socket s : slow) {
                s.setSoTimeout(30_000);
                String answer = new String(s.getInputStream().readNBytes(200), StandardCharsets.ISO_8859_1);
                assertThat(answer).startsWith("HTTP/1.1 408");
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        assertThat(dist.logText()).doesNotContain("Early EOF").doesNotContain("Exception while processing request");
    }

    /** Headers and the first byte of a login body that would be 1,000 bytes; the rest never comes. */
    private Socket slowLogin() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), dist.httpPort), 5_000);
        OutputStream out = s.getOutputStream();
        out.write(("POST /synccenter/api/login HTTP/1.1\r\nHost: 127.0.0.1:" + dist.httpPort
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return s;
    }

    /**
     * C48: DNS rebinding. A page whose own name now resolves to 127.0.0.1 sends requests the browser
     * deems same-origin, with Host and Origin its own name; guessing the operator's password through
     * the login or the console's Basic would lock the name out. They are refused before any password
     * is checked, and the operator logs in afterwards.
     */
    @Test
    void c48_requestsNamingAnotherHostOnLoopbackAreRefusedBeforeAnyPasswordIsChecked() throws Exception {
        String evil = "rebound.example:" + dist.httpPort;
        for (int i = 0; i < 6; i++) {
            String body = "{\"user\":\"operator\",\"password\":\"guess" + i + "\"}";
            String login = raw("POST /synccenter/api/login HTTP/1.1\r\nHost: " + evil + "\r\nOrigin: http://" + evil
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body);
            assertThat(login).startsWith("HTTP/1.1 403").contains("\"reason\":\"HOST\"");
            String basic = java.util.Base64.getEncoder().encodeToString(("operator:guess" + i).getBytes(
                    StandardCharsets.UTF_8));
            assertThat(raw("GET /system/console/bundles HTTP/1.1\r\nHost: " + evil + "\r\nAuthorization: Basic "
                    + basic + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 403");
        }
        String password = Files.readAllLines(dist.home.resolve(Distribution.OPERATOR_TOKEN_FILE)).stream()
                .filter(l -> l.startsWith("password=")).findFirst().orElseThrow().substring("password=".length());
        Answer login = api.send(api.request("/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"operator\",\"password\":\"" + password + "\"}")));
        assertThat(login.status()).as("the operator's name is not locked: %s", login).isEqualTo(200);
    }

    /** Sends one request as it is and reads the whole answer (the request asks to close). */
    private String raw(String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), dist.httpPort), 5_000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** C49: a viewer's token cannot take every stream place (stream.max.clients) from the operator. */
    @Test
    void c49_aViewerCannotTakeEveryStreamPlace() throws Exception {
        List<InputStream> streams = new ArrayList<>();
        try {
            int refusedAt = -1;
            for (int i = 1; i <= 64 && refusedAt < 0; i++) {
                HttpResponse<InputStream> r = stream(viewer);
                streams.add(r.body());
                if (r.statusCode() == 503) {
                    refusedAt = i;
                }
            }
            assertThat(refusedAt).as("the viewer's stream that was refused").isBetween(2, 16);
            HttpResponse<InputStream> op = stream(operator);
            streams.add(op.body());
            assertThat(op.statusCode()).isEqualTo(200);
        } finally {
            for (InputStream in : streams) {
                in.close();
            }
        }
    }

    /**
     * C48, C49: an event stream lasts, so revoking its token or logging its session out must end it
     * too; otherwise a revoked viewer keeps reading every event for as long as it likes.
     */
    @Test
    void c48_aStreamEndsOnceItsTokenIsRevokedOrItsSessionLoggedOut() throws Exception {
        String token = dist.ok("token-create attack-streamer --role VIEWER").text().strip();
        HttpResponse<InputStream> byToken = stream(token);
        assertThat(byToken.statusCode()).isEqualTo(200);
        dist.ok("token-revoke attack-streamer");
        assertThat(readToTheEnd(byToken.body())).as("the stream of the revoked token ended").isTrue();

        String password = Files.readAllLines(dist.home.resolve(Distribution.OPERATOR_TOKEN_FILE)).stream()
                .filter(l -> l.startsWith("password=")).findFirst().orElseThrow().substring("password=".length());
        Answer login = api.send(api.request("/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"operator\",\"password\":\"" + password + "\"}")));
        assertThat(login.status()).as("login: %s", login).isEqualTo(200);
        String cookie = login.header("Set-Cookie").split(";", 2)[0];
        HttpResponse<InputStream> bySession = api.http.send(api.request("/stream").header("Cookie", cookie).GET()
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(bySession.statusCode()).isEqualTo(200);
        Answer logout = api.send(api.request("/logout").header("Cookie", cookie).header("X-SyncCenter-CSRF", "1")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(logout.status()).isEqualTo(204);
        assertThat(readToTheEnd(bySession.body())).as("the stream of the ended session ended").isTrue();
    }

    /** Reads a stream until the server ends it; false if it is still open after 30 s. */
    private static boolean readToTheEnd(InputStream in) throws Exception {
        try (in) {
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    in.readAllBytes();
                    return true;
                } catch (IOException e) {
                    return true; // cut: ended as well
                }
            }).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException stillOpen) {
            return false;
        }
    }

    private HttpResponse<InputStream> stream(String token) throws IOException, InterruptedException {
        return api.http.send(api.request("/stream").header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    /** C51: another site cannot frame the web console and have the operator click in it (clickjacking). */
    @Test
    void c51_theWebConsoleMayNotBeFramedByAnotherSite() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = Poll.until("the web console", STARTUP, () -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + dist.httpPort + "/system/console/bundles"))
                .header("Authorization", "Bearer " + operator).build(), HttpResponse.BodyHandlers.ofString()),
                r -> r.statusCode() == 200);
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValueSatisfying(
                v -> assertThat(v).isIn("DENY", "SAMEORIGIN"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                v -> assertThat(v).contains("frame-ancestors"));
    }

    /**
     * C48: what the platform writes as it runs (its framework cache, where Configuration Admin copies
     * every configuration, a store password included; the store with its audit trail; the log) is
     * not readable by other local users, even when started with the usual umask 022.
     */
    @Test
    void c48_whatThePlatformWritesIsNotReadableByOtherUsers() throws IOException {
        Path db = written("sync-center.db");
        Path storeConfig = written("store.config");
        for (Path p : List.of(db, db.getParent(), storeConfig, dist.home.resolve("logs/sync-center.log"))) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
            assertThat(mode).as(p + " is open to others").doesNotContain(PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.GROUP_READ);
        }
    }

    /**
     * C48: the zip holds what the build ships and nothing a run of target/sync-center left there:
     * no credentials, no keystore made by following the README's TLS steps, no log, no store. Each
     * file is either a jar of bin/, boot/, bundle/, http/, console/ or handlers/, or one of src/main/dist.
     */
    @Test
    void c48_theZipShipsNoSecretAndNothingARunLeftBehind() throws IOException {
        Path sources = Path.of(System.getProperty("dist.sources", "src/main/dist"));
        Path zip;
        try (Stream<Path> files = Files.list(template.getParent())) {
            zip = files.filter(p -> p.getFileName().toString().endsWith("-bin.zip")).findFirst().orElseThrow();
        }
        List<String> foreign = new ArrayList<>();
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            z.stream().filter(e -> !e.isDirectory()).map(e -> e.getName().substring("sync-center/".length()))
                    .filter(name -> !name.matches("(bin|boot|bundle|http|console|handlers)/[^/]+\\.jar")
                            && !Files.isRegularFile(sources.resolve(name)))
                    .forEach(foreign::add);
        }
        assertThat(foreign).as("files in " + zip.getFileName() + " that the build does not ship").isEmpty();
    }

    /** A file the platform wrote into its framework cache. */
    private Path written(String name) {
        return Poll.until(name + " in felix-cache", STARTUP, () -> {
            try (Stream<Path> files = Files.walk(dist.home.resolve("felix-cache"))) {
                return files.filter(p -> p.getFileName().toString().equals(name)).findFirst();
            }
        }, java.util.Optional::isPresent).orElseThrow();
    }
}
