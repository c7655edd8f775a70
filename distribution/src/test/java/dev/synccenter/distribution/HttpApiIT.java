package dev.synccenter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synccenter.distribution.ApiClient.Answer;
import dev.synccenter.distribution.SseReader.Event;
import dev.synccenter.distribution.fixture.ConflictHandler;
import dev.synccenter.testsupport.Poll;

/**
 * The HTTP API of the real distribution, as a separate process, over HTTP with the JDK client:
 * authentication and roles on every endpoint (C48, C49), cross-site refusals and the audit trail
 * (C51), the whole control surface and its error vocabulary, schedules and backoffs (C43, C44),
 * resolving conflicts (C46, C47), and the event stream. The
 * authenticator is the real one (control-security: its first-start operator token and password in
 * etc/security/operator.token); the audit trail is a test fixture bundle (the store-backed one is
 * not in the platform yet) that writes to a file and makes a viewer token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpApiIT {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Short sessions that report progress: 3 steps per item. */
    private static final String DEMO_CFG = "steps=3\nstep.millis=20\nfailure.rate=0\nbehaviour=normal\n";
    /** A small queue per stream client, so that the slow-client test needs few events. */
    private static final String HTTP_CFG = "stream.client.queue=64\nstream.history=256\nstream.keepalive.seconds=1\n";

    private final Path template = Path.of(System.getProperty("dist.dir", "target/sync-center"));
    private final Path work = Path.of(System.getProperty("it.work.dir", "target/it-work"));

    private Distribution dist;
    private ApiClient api;
    private String operator;
    private String viewer;
    private String user;
    private String password;

    @BeforeAll
    void start() throws Exception {
        dist = Distribution.start(template, work.resolve("http"), Map.of("dev.synccenter.sample.demo.cfg", DEMO_CFG,
                "dev.synccenter.http.cfg", HTTP_CFG));
        dist.dropHandler(FixtureBundle.build(work.resolve("audit-fixture.jar")), "audit-fixture.jar");
        api = ApiClient.of(dist);
        Map<String, String> credentials = Poll.until("the first-start credential file", STARTUP,
                dist::operatorSecrets, m -> m.containsKey("token"));
        operator = credentials.get("token");
        user = credentials.get("user");
        password = credentials.get("password");
        Poll.until("the API to serve the demo handler", STARTUP, () -> api.get("/handlers/demo", operator),
                a -> a.status() == 200 && a.json().get("availability").asText().equals("SERVING"));
        viewer = Poll.until("the fixture's viewer token", STARTUP, () -> Files.readString(
                dist.home.resolve("viewer.token")).strip(), t -> !t.isEmpty());
    }

    @AfterAll
    void stop() {
        if (dist != null) {
            dist.close();
        }
    }

    /** Every method and path the served openapi.json documents, with example values for its parameters. */
    private List<String[]> documentedCalls() throws Exception {
        Answer spec = api.get("/openapi.json", operator);
        assertThat(spec.status()).isEqualTo(200);
        List<String[]> calls = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = spec.json().get("paths").fields(); p.hasNext();) {
            Map.Entry<String, JsonNode> path = p.next();
            String concrete = path.getKey().replace("{handler}", "demo").replace("{item}", "alpha")
                    .replace("{id}", "1").replace("{schedule}", "it-nosuch");
            path.getValue().fieldNames().forEachRemaining(m -> calls.add(new String[] {m.toUpperCase(), concrete}));
        }
        assertThat(calls).hasSizeGreaterThan(30);
        return calls;
    }

    private Answer call(String method, String path, String token) throws Exception {
        HttpRequest.Builder r = api.request(path).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        if (path.equals("/stream")) { // the stream answers 200 and goes on: then read its status only
            var response = api.http.send(r.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (var body = response.body()) {
                String text = response.statusCode() == 200 ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(response.statusCode(), response.headers(), text);
            }
        }
        return api.send(r);
    }

    @Test
    @Order(1)
    void c48_everyEndpointRefusesCallsWithoutValidCredentialsWith401() throws Exception {
        for (String[] c : documentedCalls()) {
            if (c[1].equals("/login")) {
                continue; // the one call without credentials; a wrong password is 401 below
            }
            for (String token : new String[] {null, "not-a-token"}) {
                Answer a = call(c[0], c[1], token);
                assertThat(a.status()).as("%s %s with %s", c[0], c[1], token).isEqualTo(401);
                assertThat(a.headers().allValues("WWW-Authenticate")).as("%s %s", c[0], c[1])
                        .anyMatch(v -> v.startsWith("Bearer")).anyMatch(v -> v.startsWith("Basic"));
                assertThat(a.json().get("reason").asText()).isEqualTo("UNAUTHENTICATED");
                assertThat(a.header("Cache-Control")).isEqualTo("no-store");
                assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
            }
        }
        Answer wrong = api.post("/login", null, "{\"user\":\"" + user + "\",\"password\":\"wrong\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(dist.logText()).contains("refused with 401 (UNAUTHENTICATED)").doesNotContain("not-a-token")
                .doesNotContain(operator);
    }

    @Test
    @Order(2)
    void c49_aViewerReadsAndIsRefusedEveryOperatorEndpointWith403() throws Exception {
        for (String[] c : documentedCalls()) {
            Answer a = call(c[0], c[1], viewer);
            if (c[0].equals("GET")) {
                assertThat(a.status()).as("%s %s as viewer: %s", c[0], c[1], a).isIn(200, 404);
            } else if (!c[1].equals("/login") && !c[1].equals("/logout")) {
                assertThat(a.status()).as("%s %s as viewer: %s", c[0], c[1], a).isEqualTo(403);
                assertThat(a.json().get("reason").asText()).isEqualTo("ROLE");
            }
        }
        assertThat(api.get("/session", viewer).json().get("role").asText()).isEqualTo("VIEWER");
        assertThat(dist.logText()).contains("it-viewer is a viewer; this call needs an operator (C49)");
        assertThat(auditLines()).noneMatch(l -> l.contains("it-viewer"));
    }

    @Test
    @Order(3)
    void theWholeControlSurfaceOverHttp() throws Exception {
        JsonNode handlers = api.get("/handlers", viewer).json().get("entries");
        assertThat(handlers).anySatisfy(h -> {
            assertThat(h.get("id").asText()).isEqualTo("demo");
            assertThat(h.get("itemCount").asInt()).isEqualTo(3);
            assertThat(h.get("enabled").asBoolean()).isTrue();
        });
        assertThat(api.get("/handlers/demo/items", viewer).json().get("entries")).extracting(n -> n.get("id").asText())
                .contains("alpha", "beta", "gamma");
        assertThat(api.get("/handlers/demo/items/beta", viewer).json().get("enabled").asBoolean()).isTrue();

        Answer started = api.post("/handlers/demo/items/sync", operator, "{\"itemIds\":[\"alpha\",\"beta\"]}");
        assertThat(started.status()).isEqualTo(202);
        long id = started.json().get("requestId").asLong();
        assertThat(started.header("Location")).isEqualTo("/synccenter/api/requests/" + id);
        JsonNode done = Poll.until("request " + id + " to finish", WAIT, () -> api.get("/requests/" + id, viewer).json(),
                r -> r.get("phase").asText().equals("DONE"));
        assertThat(done.get("result").get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("items")).extracting(i -> i.get("status").asText()).containsOnly("SUCCEEDED");
        Poll.until("the result in the history", WAIT, () -> api.get("/history?handler=demo&state=SUCCEEDED&limit=5",
                viewer).json().get("entries"), e -> e.size() > 0 && e.get(0).get("requestId").asLong() == id);

        assertThat(api.post("/handlers/demo/sync", operator, null).status()).isEqualTo(202);
        assertThat(api.post("/sync", operator, null).json().get("requests")).isNotEmpty();
        assertThat(api.get("/requests?handler=demo&state=QUEUED,RUNNING,PARKED&limit=10", viewer).status())
                .isEqualTo(200);
        assertThat(api.post("/handlers/demo/items/stop", operator, "{\"itemIds\":[\"gamma\"]}").status())
                .isEqualTo(202);
        assertThat(api.post("/handlers/demo/stop", operator, null).status()).isEqualTo(202);
        assertThat(api.post("/stop", operator, null).status()).isEqualTo(202);

        assertThat(api.post("/handlers/demo/disable", operator, null).status()).isEqualTo(204);
        Answer refused = api.post("/handlers/demo/items/sync", operator, "{\"itemIds\":[\"alpha\"]}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("reason").asText()).isEqualTo("HANDLER_DISABLED");
        assertThat(api.post("/handlers/demo/enable", operator, null).status()).isEqualTo(204);
        assertThat(api.post("/handlers/demo/deactivate", operator, null).status()).isEqualTo(204);
        assertThat(api.get("/handlers/demo", viewer).json().get("active").asBoolean()).isFalse();
        assertThat(api.post("/handlers/demo/activate", operator, null).status()).isEqualTo(204);
        assertThat(api.post("/handlers/demo/items/gamma/disable", operator, null).status()).isEqualTo(204);
        assertThat(api.get("/handlers/demo/items/gamma", viewer).json().get("enabled").asBoolean()).isFalse();
        assertThat(api.post("/handlers/demo/items/gamma/enable", operator, null).status()).isEqualTo(204);
        assertThat(api.post("/update", operator, null).status()).isEqualTo(204);
        assertThat(api.post("/handlers/demo/update", operator, "{\"flags\":[\"WAIT\"]}").status()).isEqualTo(204);
        assertThat(api.post("/handlers/demo/items/alpha/update", operator, null).status()).isEqualTo(204);
        assertThat(api.post("/handlers/demo/events/update", operator, "{\"itemId\":\"alpha\"}").status())
                .isEqualTo(204);
        assertThat(api.post("/handlers/demo/conflicts/update", operator, null).status()).isEqualTo(204);
        assertThat(api.get("/events?handler=demo&level=INFORMATION&limit=5", viewer).status()).isEqualTo(200);
        assertThat(api.get("/conflicts?handler=demo", viewer).json().get("entries").isArray()).isTrue();

        // C51: each state change recorded, with who, from where and what
        String operatorName = api.get("/session", operator).json().get("user").asText();
        assertThat(auditLines()).anySatisfy(l -> assertThat(l.split("\t")).satisfies(f -> {
            assertThat(f[1]).isEqualTo(operatorName);
            assertThat(f[2]).isEqualTo("OPERATOR");
            assertThat(f[3]).isEqualTo("http");
            assertThat(f[4]).startsWith("127.0.0.1:");
            assertThat(f[5]).isEqualTo("POST /api/handlers/demo/items/sync");
            assertThat(f[6]).isEqualTo("handler=demo items=alpha,beta");
        }));
    }

    /** The error vocabulary: 400 naming the argument, 404, 405, 409, 413, 415; never a stack trace. */
    @Test
    @Order(4)
    void theErrorVocabulary() throws Exception {
        Answer bad = api.post("/handlers/demo/items/sync", operator, "{\"itemIds\":[\"alpha\",\" beta\"]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("argument").asText()).isEqualTo("itemIds[1]");
        assertThat(bad.json().get("error").asText()).contains("leading or trailing white space (C1)");
        Answer unknownItem = api.post("/handlers/demo/items/sync", operator, "{\"itemIds\":[\"nosuch\"]}");
        assertThat(unknownItem.status()).isEqualTo(400);
        assertThat(unknownItem.json().get("argument").asText()).isEqualTo("itemIds[0]");
        assertThat(api.get("/requests?limit=0", viewer).json().get("argument").asText()).isEqualTo("limit");
        assertThat(api.get("/history?since=yesterday", viewer).json().get("argument").asText()).isEqualTo("since");
        assertThat(api.get("/handlers/nosuch", viewer).status()).isEqualTo(404);
        assertThat(api.get("/requests/999999", viewer).status()).isEqualTo(404);
        assertThat(api.get("/no/such/thing", viewer).status()).isEqualTo(404);
        Answer method = call("DELETE", "/handlers", operator);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.header("Allow")).isEqualTo("GET");
        assertThat(api.post("/handlers/demo/items/sync", operator, "{\"itemIds\":[\"" + "a".repeat(70_000) + "\"]}")
                .status()).isEqualTo(413);
        Answer form = api.send(api.request("/handlers/demo/sync").header("Authorization", "Bearer " + operator)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("flags=x")));
        assertThat(form.status()).isEqualTo(415);
        assertThat(dist.logText()).doesNotContain("\tat dev.synccenter.http");
        for (Answer a : List.of(bad, unknownItem, method, form)) {
            assertThat(a.body()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(a.header("Content-Type")).startsWith("application/json");
        }
    }

    /** C51: another site's page cannot change state; a session cookie needs proof of our own page. */
    @Test
    @Order(5)
    void c51_crossSitePostsAreRefusedAndSessionsNeedSameOrigin() throws Exception {
        Answer crossSite = api.send(api.request("/handlers/demo/sync").header("Authorization", "Bearer " + operator)
                .header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.json().get("reason").asText()).isEqualTo("CROSS_SITE");

        Answer login = api.send(api.request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=" + user + "&password="
                        + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8))));
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        String setCookie = login.header("Set-Cookie");
        assertThat(setCookie).startsWith("synccenter_session=").contains("HttpOnly", "SameSite=Strict",
                "Path=/synccenter").doesNotContain("Secure");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        assertThat(api.send(api.request("/session").header("Cookie", cookie).GET()).json().get("user").asText())
                .isEqualTo(user);

        try (SseReader browser = SseReader.open(api.http, SseReader.request(api, null).header("Cookie", cookie)
                .build())) {
            assertThat(browser.status).as("EventSource sends the cookie, not a header").isEqualTo(200);
        }

        Answer noProof = api.send(api.request("/handlers/demo/sync").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(noProof.status()).isEqualTo(403);
        assertThat(noProof.json().get("reason").asText()).isEqualTo("CSRF");
        Answer evilCookie = api.send(api.request("/handlers/demo/sync").header("Cookie", cookie)
                .header("Origin", "http://evil.example").header("X-SyncCenter-CSRF", "1")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(evilCookie.status()).isEqualTo(403);
        Answer sameOrigin = api.send(api.request("/handlers/demo/sync").header("Cookie", cookie)
                .header("Origin", "http://127.0.0.1:" + dist.httpPort).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(sameOrigin.status()).isEqualTo(202);
        Answer header = api.send(api.request("/handlers/demo/sync").header("Cookie", cookie)
                .header("X-SyncCenter-CSRF", "1").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(header.status()).isEqualTo(202);
        assertThat(auditLines()).anyMatch(l -> l.contains("\t" + user + "\t"));

        Answer logout = api.send(api.request("/logout").header("Cookie", cookie).header("X-SyncCenter-CSRF", "1")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.header("Set-Cookie")).contains("Max-Age=0");
        assertThat(api.send(api.request("/session").header("Cookie", cookie).GET()).status()).isEqualTo(401);
        assertThat(dist.logText()).contains("refused with 403 (CROSS_SITE)").contains("refused with 403 (CSRF)");
    }

    /** C51: no record, no state change. */
    @Test
    @Order(6)
    void c51_aStateChangeTheAuditTrailCannotRecordIsRefusedWith503() throws Exception {
        Poll.until("earlier requests to finish", WAIT, () -> api.get("/requests", viewer).json().get("entries"),
                e -> e.isEmpty());
        int before = api.get("/history?limit=1000", viewer).json().get("entries").size();
        Path fail = Files.writeString(dist.home.resolve("audit-fixture.fail"), "");
        try {
            Answer a = api.post("/handlers/demo/items/sync", operator, "{\"itemIds\":[\"alpha\"]}");
            assertThat(a.status()).isEqualTo(503);
            assertThat(a.json().get("reason").asText()).isEqualTo("AUDIT_UNAVAILABLE");
            assertThat(api.get("/requests", viewer).json().get("entries")).isEmpty();
        } finally {
            Files.delete(fail);
        }
        assertThat(api.get("/history?limit=1000", viewer).json().get("entries").size()).isEqualTo(before);
    }

    /** C34 over SSE: a request's progress to its end, with ids, resumable with Last-Event-ID. */
    @Test
    @Order(7)
    void theStreamDeliversARequestsProgressToItsEndAndResumes() throws Exception {
        Event first;
        long id;
        try (SseReader sse = SseReader.open(api.http, SseReader.request(api, "handler=demo")
                .header("Authorization", "Bearer " + viewer).build())) {
            assertThat(sse.status).isEqualTo(200);
            assertThat(sse.contentType).startsWith("text/event-stream");
            id = api.post("/handlers/demo/items/sync", operator, "{\"itemIds\":[\"alpha\",\"beta\",\"gamma\"]}").json()
                    .get("requestId").asLong();
            first = sse.next(e -> e.type().equals("accepted") && json(e).get("id").asLong() == id, WAIT);
            assertThat(first.id()).matches("[0-9a-z]+-[0-9]+");
            sse.next(e -> e.type().equals("started") && json(e).get("id").asLong() == id, WAIT);
            Event progress = sse.next(e -> e.type().equals("progress") && json(e).get("status").asText()
                    .equals("UPDATING"), WAIT);
            assertThat(json(progress).get("maxStep").asLong()).isEqualTo(3);
            Event result = sse.next(e -> e.type().equals("result") && json(e).get("requestId").asLong() == id, WAIT);
            assertThat(json(result).get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(json(result).get("items").size()).isEqualTo(3);
        }
        // resume after the first event: what followed it comes again, up to the result
        try (SseReader again = SseReader.open(api.http, SseReader.request(api, null)
                .header("Authorization", "Bearer " + viewer).header("Last-Event-ID", first.id()).build())) {
            Event next = again.next(e -> e.id() != null, WAIT);
            assertThat(seq(next.id())).isEqualTo(seq(first.id()) + 1);
            again.next(e -> e.type().equals("result") && json(e).get("requestId").asLong() == id, WAIT);
        }
        // an ID from another run, or too old, gets a reset
        try (SseReader stale = SseReader.open(api.http, SseReader.request(api, "lastEventId=0-1")
                .header("Authorization", "Bearer " + viewer).build())) {
            assertThat(json(stale.next(e -> e.type().equals("reset"), WAIT)).get("reason").asText())
                    .contains("not from this run");
        }
        Answer badTypes = api.get("/stream?types=nonsense", viewer);
        assertThat(badTypes.status()).isEqualTo(400);
        assertThat(badTypes.json().get("argument").asText()).isEqualTo("types");
    }

    /** A stream client that does not read is dropped, never buffered without bound. */
    @Test
    @Order(8)
    void aStreamClientThatDoesNotReadIsDropped() throws Exception {
        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(1024);
            slow.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), dist.httpPort), 5_000);
            slow.getOutputStream().write(("GET /synccenter/api/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + viewer + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            // many events, and the slow client reads none of them
            Poll.until("the slow stream client to be dropped", Duration.ofSeconds(90), () -> {
                for (int i = 0; i < 20; i++) {
                    api.post("/handlers/demo/items/sync", operator, "{\"itemIds\":[\"alpha\",\"beta\",\"gamma\"]}");
                }
                return dist.logText();
            }, log -> log.contains("Event stream client 127.0.0.1:" + slow.getLocalPort() + " dropped"));
        }
        // the platform goes on serving
        assertThat(api.get("/handlers", viewer).status()).isEqualTo(200);
    }

    /**
     * C44 over HTTP: a schedule put, listed, read and removed, audited; C49: a viewer's schedule and
     * retry calls refused; C51: a cookie PUT without proof of our own page refused; bad fields
     * named; a schedule of the distribution's configuration (folders-hourly) refused with 409.
     */
    @Test
    @Order(9)
    void c44_c49_c51_schedulesOverHttp() throws Exception {
        String body = "{\"handlerId\":\"demo\",\"itemIds\":[\"alpha\"],\"every\":\"PT1H\"}";
        Answer put = api.put("/schedules/it-hourly", operator, body);
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(put.json().get("every").asText()).isEqualTo("PT1H");
        assertThat(put.json().get("origin").asText()).isEqualTo("CONTROL");
        JsonNode list = Poll.until("both schedules listed", WAIT,
                () -> api.get("/schedules", viewer).json().get("entries"), e -> e.size() == 2);
        assertThat(list).extracting(s -> s.get("id").asText() + " " + s.get("origin").asText())
                .containsExactly("folders-hourly CONFIGURATION", "it-hourly CONTROL");
        assertThat(api.get("/schedules/it-hourly", viewer).json().get("itemIds").get(0).asText()).isEqualTo("alpha");

        for (Answer a : List.of(api.put("/schedules/it-hourly", viewer, body),
                api.delete("/schedules/it-hourly", viewer), api.post("/backoffs/demo/alpha/retry", viewer, null),
                api.post("/backoffs/demo/alpha/give-up", viewer, null))) {
            assertThat(a.status()).as("%s", a).isEqualTo(403);
            assertThat(a.json().get("reason").asText()).isEqualTo("ROLE");
        }
        String cookie = api.post("/login", null, "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}")
                .header("Set-Cookie").split(";", 2)[0];
        Answer noProof = api.send(api.request("/schedules/it-cookie").header("Cookie", cookie)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(noProof.status()).isEqualTo(403);
        assertThat(noProof.json().get("reason").asText()).isEqualTo("CSRF");
        assertThat(api.get("/schedules/it-cookie", viewer).status()).as("not created").isEqualTo(404);

        for (String[] bad : new String[][] {{"{\"handlerId\":\"demo\",\"every\":\"15m\"}", "every"},
                {"{\"every\":\"PT1H\"}", "handlerId"},
                {"{\"handlerId\":\"demo\",\"every\":\"PT1H\",\"zone\":\"UTC\"}", "zone"},
                {"{\"handlerId\":\"demo\",\"cron\":\"at night\"}", "cron"}}) {
            Answer a = api.put("/schedules/it-bad", operator, bad[0]);
            assertThat(a.status()).as("%s", a).isEqualTo(400);
            assertThat(a.json().get("argument").asText()).isEqualTo(bad[1]);
        }
        Answer configured = api.delete("/schedules/folders-hourly", operator);
        assertThat(configured.status()).isEqualTo(409);
        assertThat(configured.json().get("reason").asText()).isEqualTo("SCHEDULE_FROM_CONFIGURATION");
        Answer notInBackoff = api.post("/backoffs/demo/alpha/retry", operator, null);
        assertThat(notInBackoff.status()).isEqualTo(404);
        assertThat(notInBackoff.json().get("argument").asText()).isEqualTo("item");
        assertThat(api.get("/backoffs", viewer).json().get("entries")).isEmpty();

        assertThat(api.delete("/schedules/it-hourly", operator).status()).isEqualTo(204);
        assertThat(api.get("/schedules/it-hourly", viewer).status()).isEqualTo(404);
        assertThat(api.delete("/schedules/it-hourly", operator).status()).isEqualTo(404);
        assertThat(api.get("/schedules", viewer).json().get("entries")).hasSize(1);
        assertThat(auditLines()).anySatisfy(l -> assertThat(l).contains("\tPUT /api/schedules/it-hourly\t")
                .endsWith("\tschedule=it-hourly handler=demo items=alpha"))
                .anyMatch(l -> l.contains("\tDELETE /api/schedules/it-hourly\t"))
                .noneMatch(l -> l.contains("it-viewer")).noneMatch(l -> l.contains("it-cookie"));
    }

    private static JsonNode json(Event e) {
        try {
            return ApiClient.JSON.readTree(e.data());
        } catch (IOException ex) {
            throw new AssertionError(e.data(), ex);
        }
    }

    private static long seq(String eventId) {
        return Long.parseLong(eventId.substring(eventId.lastIndexOf('-') + 1));
    }

    /**
     * Conflicts over HTTP (C46, C47, C49, C51) with the fixture handler of ConsoleConflictsIT (three
     * conflicts, two of type "both"): listed with versions and abilities for a viewer, who may not
     * resolve them; an operator's resolution with "apply to all" answered with the outcomes and
     * recorded; a bad choice named; an unknown handler 404.
     */
    @Test
    @Order(10)
    void c46_c47_c49_conflictsOverHttp() throws Exception {
        String handler = ConflictHandler.ID;
        dist.dropHandler(FixtureBundle.build(work.resolve("conflict-handler.jar"), ConflictHandler.class,
                "dev.synccenter.test.conflicthandler", "TEST FIXTURE: a handler with conflicts (HttpApiIT)",
                "dev.synccenter.handler;version=\"[1.2,2)\",dev.synccenter.control;version=\"[1.4,2)\","
                        + "org.osgi.framework;version=\"[1.8,2)\""), "conflict-handler.jar");
        JsonNode listed = Poll.until("the fixture's three conflicts", STARTUP, () -> {
            api.post("/handlers/" + handler + "/conflicts/update", operator, null);
            return api.get("/conflicts?handler=" + handler, viewer).json().get("entries");
        }, e -> e != null && e.size() == 3);
        assertThat(listed.get(0).get("type").asText()).isEqualTo("both");
        assertThat(listed.get(0).get("versions")).extracting(v -> v.get("location").asText())
                .containsExactly("laptop", "server");
        assertThat(listed.get(0).get("abilities")).hasSize(5);

        String path = "/conflicts/" + handler + "/resolve";
        String body = "{\"conflictIds\":[\"c1\"],\"choice\":{\"kind\":\"KEEP_RECENT\"},\"applyToAll\":true}";
        Answer refused = api.post(path, viewer, body);
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.json().get("reason").asText()).isEqualTo("ROLE");
        Answer bad = api.post(path, operator, "{\"conflictIds\":[\"c1\"],\"choice\":{\"kind\":\"MERGE\"}}");
        assertThat(bad.status()).as("%s", bad).isEqualTo(400);
        assertThat(bad.json().get("argument").asText()).isEqualTo("choice.kind");
        assertThat(api.post("/conflicts/nosuch/resolve", operator, body).status()).isEqualTo(404);

        Answer resolved = api.post(path, operator, body);
        assertThat(resolved.status()).as("%s", resolved).isEqualTo(200);
        assertThat(resolved.json().get("outcomes")).extracting(o -> o.get("conflictId").asText() + " "
                + o.get("result").asText()).containsExactly("c1 RESOLVED", "c2 RESOLVED");
        assertThat(api.get("/conflicts?handler=" + handler, viewer).json().get("entries"))
                .extracting(c -> c.get("id").asText()).containsExactly("c3");
        assertThat(auditLines()).anySatisfy(l -> assertThat(l).contains("\tPOST /api/conflicts/" + handler
                + "/resolve\t").endsWith("\thandler=" + handler + " conflicts=c1 choice=KEEP_RECENT applyToAll"));
    }

    private List<String> auditLines() throws IOException {
        Path log = dist.home.resolve("audit-fixture.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }
}
