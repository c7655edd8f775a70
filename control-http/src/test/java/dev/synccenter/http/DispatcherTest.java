package dev.synccenter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synccenter.control.RequestPhase;
import dev.synccenter.http.EngineFixture.BadCall;
import dev.synccenter.http.Route.Reply;

/** The routes over the real engine: mapping, the error vocabulary, validation and the audit trail. */
class DispatcherTest {

    @TempDir
    Path dir;
    EngineFixture f;

    @BeforeEach
    void start() {
        f = new EngineFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void handlersAndItemsWithTheirState() throws Exception {
        JsonNode list = f.call("GET", "/handlers").body();
        assertThat(list.get("entries")).hasSize(1);
        JsonNode h = list.get("entries").get(0);
        assertThat(h.get("id").asText()).isEqualTo("h");
        assertThat(h.get("availability").asText()).isEqualTo("SERVING");
        assertThat(h.get("enabled").asBoolean()).isTrue();
        assertThat(h.get("active").asBoolean()).isTrue();
        assertThat(h.get("itemCount").asInt()).isEqualTo(3);
        assertThat(h.has("items")).isFalse();
        assertThat(f.call("GET", "/handlers/h").body().get("items")).hasSize(3);
        JsonNode items = f.call("GET", "/handlers/h/items").body().get("entries");
        assertThat(items.get(1).get("id").asText()).isEqualTo("b");
        assertThat(items.get(1).get("syncing").asBoolean()).isFalse();
        assertThat(f.call("GET", "/handlers/h/items/c").body().get("name").asText()).isEqualTo("C");
    }

    @Test
    void unknownsAre404AndWrongMethods405() throws Exception {
        ApiException e = f.refusal("GET", "/handlers/nosuch", null, "");
        assertThat(e.status).isEqualTo(404);
        assertThat(e.argument).isEqualTo("handler");
        assertThat(f.refusal("GET", "/handlers/h/items/zzz", null, "").status).isEqualTo(404);
        assertThat(f.refusal("GET", "/requests/999", null, "").status).isEqualTo(404);
        assertThat(f.refusal("POST", "/handlers/nosuch/sync", null, "").status).isEqualTo(404);
        assertThat(f.refusal("GET", "/nothing/here", null, "").status).isEqualTo(404);
        ApiException m = f.refusal("DELETE", "/handlers", null, "");
        assertThat(m.status).isEqualTo(405);
        assertThat(((Dispatcher.MethodNotAllowed) m).allowed).containsExactly("GET");
        assertThat(f.refusal("GET", "/handlers/h/sync", null, "").status).isEqualTo(405);
    }

    /** C1, C7: every bad argument is a 400 that names it, and nothing was queued or recorded. */
    @Test
    void c1_c7_badArgumentsAre400NamingTheArgumentAndChangeNothing() throws Exception {
        String longId = "x".repeat(64);
        f.assertBadArguments(List.of(
                new BadCall("POST", "/handlers/h/items/sync", null, "{}", "itemIds"),
                new BadCall("POST", "/handlers/h/items/sync", null, "{\"itemIds\":[]}", "itemIds"),
                new BadCall("POST", "/handlers/h/items/sync", null, "{\"itemIds\":[\"a\",\"a\"]}", "itemIds[1]"),
                new BadCall("POST", "/handlers/h/items/sync", null, "{\"itemIds\":[\"a\",\" b\"]}", "itemIds[1]"),
                new BadCall("POST", "/handlers/h/items/sync", null, "{\"itemIds\":[\"a\", 3]}", "itemIds[1]"),
                new BadCall("POST", "/handlers/h/items/sync", null, "{\"itemIds\":\"a\"}", "itemIds"),
                new BadCall("POST", "/handlers/h/items/sync", null, "{\"itemIds\":[\"a\"],\"flags\":[\"FAST\"]}",
                        "flags[0]"),
                new BadCall("POST", "/handlers/h/items/sync", null, "{\"itemIds\":[\"a\"],\"bogus\":1}", "bogus"),
                new BadCall("POST", "/handlers/h/items/sync", null, "[1,2]", "body"),
                new BadCall("POST", "/handlers/h/items/sync", null, "{not json", "body"),
                new BadCall("POST", "/handlers/" + longId + "/sync", null, "", "handler"),
                new BadCall("POST", "/handlers/h/enable", null, "{\"flags\":[\"SOON\"]}", "flags[0]"),
                new BadCall("POST", "/handlers/h/events/update", null, "{\"itemId\":\"\"}", "itemId"),
                new BadCall("GET", "/requests/abc", null, "", "id"),
                new BadCall("GET", "/requests/0", null, "", "id"),
                new BadCall("GET", "/requests", "state=DONE", "", "state"),
                new BadCall("GET", "/requests", "limit=0", "", "limit"),
                new BadCall("GET", "/requests", "limit=1001", "", "limit"),
                new BadCall("GET", "/requests", "offset=-1", "", "offset"),
                new BadCall("GET", "/requests", "limit=1&limit=2", "", "limit"),
                new BadCall("GET", "/requests", "bogus=1", "", "bogus"),
                new BadCall("GET", "/requests", "handler=%20h", "", "handler"),
                new BadCall("GET", "/history", "state=RUNNING", "", "state"),
                new BadCall("GET", "/history", "since=yesterday", "", "since"),
                new BadCall("GET", "/history", "since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z", "", "until"),
                new BadCall("GET", "/events", "level=LOUD", "", "level"),
                new BadCall("GET", "/conflicts", "item=a", "", "item"),
                new BadCall("GET", "/handlers", "x=%zz", "", "query")));
        // the engine's own check, for an item the handler does not have, names it as the Java API does
        ApiException unknownItem = f.refusal("POST", "/handlers/h/items/sync", null, "{\"itemIds\":[\"a\",\"zzz\"]}");
        assertThat(unknownItem.status).isEqualTo(400);
        assertThat(unknownItem.argument).isEqualTo("itemIds[1]");
        assertThat(f.engine.requests()).as("nothing queued").isEmpty();
        assertThat(f.audit.entries).as("only the call that passed our own checks was recorded").hasSize(1);
    }

    @Test
    void c51_aStartIsRecordedBeforeItIsAcceptedAndAnswers202WithItsLocation() throws Exception {
        f.audit.atRecord = e -> assertThat(f.engine.requests()).as("not accepted before it is recorded").isEmpty();
        Reply r = f.call("POST", "/handlers/h/items/sync", null, "{\"itemIds\":[\"a\",\"b\"]}");
        assertThat(r.status()).isEqualTo(202);
        long id = r.body().get("requestId").asLong();
        assertThat(r.location()).isEqualTo("/synccenter/api/requests/" + id);
        assertThat(f.audit.entries).singleElement().satisfies(e -> {
            assertThat(e.who()).isEqualTo("op");
            assertThat(e.role()).isEqualTo("OPERATOR");
            assertThat(e.surface()).isEqualTo("http");
            assertThat(e.from()).isEqualTo("127.0.0.1:5000");
            assertThat(e.action()).isEqualTo("POST /api/handlers/h/items/sync");
            assertThat(e.target()).isEqualTo("handler=h items=a,b");
        });
        await().atMost(Duration.ofSeconds(10)).until(() ->
                f.call("GET", "/requests/" + id).body().get("phase").asText().equals("DONE"));
        JsonNode done = f.call("GET", "/requests/" + id).body();
        assertThat(done.get("result").get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("items").get(0).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("items").get(0).get("fraction").asDouble()).isEqualTo(1.0);
    }

    /** C51: without a record, no state change. */
    @Test
    void c51_anAuditTrailThatCannotRecordRefusesTheCallWith503() throws Exception {
        f.audit.failing = true;
        ApiException e = f.refusal("POST", "/handlers/h/sync", null, "");
        assertThat(e.status).isEqualTo(503);
        assertThat(e.reason).isEqualTo(ApiException.NO_AUDIT);
        assertThat(f.refusal("POST", "/handlers/h/disable", null, "").status).isEqualTo(503);
        assertThat(f.engine.requests()).isEmpty();
        assertThat(f.engine.handler("h").orElseThrow().enabled()).isTrue();
        Dispatcher noTrail = new Dispatcher(Routes.ALL, () -> f.engine, () -> null, 4_096, java.time.Clock.systemUTC());
        try {
            noTrail.dispatch(new Dispatcher.Incoming("POST", "/stop", null, null, java.io.InputStream.nullInputStream(),
                    EngineFixture.OPERATOR, "x"));
            throw new AssertionError("accepted without an audit trail");
        } catch (ApiException refused) {
            assertThat(refused.status).isEqualTo(503);
        }
        assertThat(f.call("GET", "/handlers").status()).as("reads need no trail").isEqualTo(200);
    }

    @Test
    void noControlServiceIs503() throws Exception {
        f.control = null;
        ApiException e = f.refusal("GET", "/handlers", null, "");
        assertThat(e.status).isEqualTo(503);
        assertThat(e.reason).isEqualTo(ApiException.NO_CONTROL);
    }

    /** C29: a disabled handler refuses starts with 409 and its reason; enable/disable are 204. */
    @Test
    void c29_stateChangesAnd409WithTheRefusalReason() throws Exception {
        assertThat(f.call("POST", "/handlers/h/disable").status()).isEqualTo(204);
        assertThat(f.engine.handler("h").orElseThrow().enabled()).isFalse();
        ApiException e = f.refusal("POST", "/handlers/h/sync", null, "");
        assertThat(e.status).isEqualTo(409);
        assertThat(e.reason).isEqualTo("HANDLER_DISABLED");
        assertThat(f.call("POST", "/handlers/h/enable").status()).isEqualTo(204);
        assertThat(f.call("POST", "/handlers/h/deactivate").status()).isEqualTo(204);
        assertThat(f.refusal("POST", "/handlers/h/items/sync", null, "{\"itemIds\":[\"a\"]}").reason)
                .isEqualTo("HANDLER_INACTIVE");
        assertThat(f.call("POST", "/handlers/h/activate").status()).isEqualTo(204);
        assertThat(f.call("POST", "/handlers/h/items/b/disable", null, "{\"flags\":[]}").status()).isEqualTo(204);
        assertThat(f.call("GET", "/handlers/h/items/b").body().get("enabled").asBoolean()).isFalse();
        assertThat(f.call("POST", "/handlers/h/items/b/enable").status()).isEqualTo(204);
        assertThat(f.call("POST", "/update").status()).isEqualTo(204);
        assertThat(f.call("POST", "/handlers/h/update").status()).isEqualTo(204);
        assertThat(f.call("POST", "/handlers/h/items/a/update").status()).isEqualTo(204);
        assertThat(f.call("POST", "/handlers/h/events/update", null, "{\"itemId\":\"a\"}").status()).isEqualTo(204);
        assertThat(f.call("POST", "/handlers/h/conflicts/update").status()).isEqualTo(204);
        assertThat(f.audit.entries).hasSize(13);
    }

    /** C20, C21: stops, of items, of a request, of a handler, of all. */
    @Test
    void c20_c21_stopsAnswer202AndCancelQueuedWork() throws Exception {
        f.gate = new CountDownLatch(1);
        long running = f.call("POST", "/handlers/h/items/sync", null, "{\"itemIds\":[\"a\"]}").body()
                .get("requestId").asLong();
        long queued = f.call("POST", "/handlers/h/items/sync", null, "{\"itemIds\":[\"b\",\"c\"]}").body()
                .get("requestId").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> f.engine.request(running).orElseThrow().phase()
                == RequestPhase.RUNNING);
        JsonNode open = f.call("GET", "/requests", "state=QUEUED", "").body();
        assertThat(open.get("entries")).hasSize(1);
        assertThat(open.get("entries").get(0).get("id").asLong()).isEqualTo(queued);
        assertThat(f.call("POST", "/requests/" + queued + "/stop").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> f.engine.request(queued).orElseThrow().phase()
                == RequestPhase.DONE);
        assertThat(f.engine.request(queued).orElseThrow().result().status().name()).isEqualTo("CANCELED");
        ApiException finished = f.refusal("POST", "/requests/" + queued + "/stop", null, "");
        assertThat(finished.status).isEqualTo(409);
        assertThat(finished.reason).isEqualTo("REQUEST_FINISHED");
        assertThat(f.call("POST", "/handlers/h/items/stop", null, "{\"itemIds\":[\"a\"]}").status()).isEqualTo(202);
        assertThat(f.call("POST", "/handlers/h/stop").status()).isEqualTo(202);
        assertThat(f.call("POST", "/stop").status()).isEqualTo(202);
        f.gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> f.engine.request(running).orElseThrow().phase()
                == RequestPhase.DONE);
        assertThat(f.audit.entries).extracting(e -> e.action()).containsExactly(
                "POST /api/handlers/h/items/sync", "POST /api/handlers/h/items/sync",
                "POST /api/requests/" + queued + "/stop", "POST /api/handlers/h/items/stop",
                "POST /api/handlers/h/stop", "POST /api/stop");
        assertThat(f.audit.entries.get(2).target()).isEqualTo("handler=h items=b,c request=" + queued);
    }

    /** C38: the history, filtered and paged, newest first. */
    @Test
    void c38_historyIsPagedNewestFirst() throws Exception {
        for (int i = 0; i < 5; i++) {
            f.call("POST", "/handlers/h/items/sync", null, "{\"itemIds\":[\"a\"]}");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> f.call("GET", "/history", "limit=10", "").body()
                .get("entries").size() == 5);
        JsonNode first = f.call("GET", "/history", "limit=2&handler=h&state=SUCCEEDED", "").body();
        assertThat(first.get("entries")).hasSize(2);
        assertThat(first.get("more").asBoolean()).isTrue();
        JsonNode last = f.call("GET", "/history", "limit=2&offset=4", "").body();
        assertThat(last.get("entries")).hasSize(1);
        assertThat(last.get("more").asBoolean()).isFalse();
        assertThat(first.get("entries").get(0).get("requestId").asLong())
                .isGreaterThan(first.get("entries").get(1).get("requestId").asLong());
        assertThat(f.call("GET", "/history", "since=2000-01-01T00:00:00Z&until=2000-01-02T00:00:00Z", "").body()
                .get("entries")).isEmpty();
        assertThat(f.call("GET", "/events", "handler=h&level=INFORMATION&limit=5", "").status()).isEqualTo(200);
        assertThat(f.call("GET", "/conflicts", "handler=h", "").body().get("entries")).isEmpty();
    }

    @Test
    void startAllAnswersTheRequestsItStarted() throws Exception {
        Reply r = f.call("POST", "/sync");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body().get("requests")).singleElement().satisfies(n ->
                assertThat(n.get("handlerId").asText()).isEqualTo("h"));
        Reply h = f.call("POST", "/handlers/h/sync", null, "{\"flags\":[\"IGNORE_IF_ALREADY_SYNCING\"]}");
        assertThat(h.status()).isEqualTo(202);
        long id = h.body().get("requestId").asLong();
        assertThat(f.call("GET", "/requests/" + id).body().get("flags").get(0).asText())
                .isEqualTo("IGNORE_IF_ALREADY_SYNCING");
    }

    @Test
    void bodiesAreBoundedAndMustBeJson() throws Exception {
        String big = "{\"itemIds\":[\"" + "a".repeat(5_000) + "\"]}";
        assertThat(f.refusal("POST", "/handlers/h/items/sync", null, big).status).isEqualTo(413);
        ApiException form = null;
        try {
            f.dispatcher.dispatch(new Dispatcher.Incoming("POST", "/handlers/h/sync", null,
                    "application/x-www-form-urlencoded", new java.io.ByteArrayInputStream("a=b".getBytes()),
                    EngineFixture.OPERATOR, "x"));
        } catch (ApiException e) {
            form = e;
        }
        assertThat(form).isNotNull();
        assertThat(form.status).isEqualTo(415);
        assertThat(f.engine.requests()).isEmpty();
    }
}
