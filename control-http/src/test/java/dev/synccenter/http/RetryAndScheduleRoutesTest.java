package dev.synccenter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synccenter.control.ScheduleSpec;
import dev.synccenter.http.EngineFixture.BadCall;
import dev.synccenter.http.Route.Reply;

/**
 * The routes of retries and schedules (C43, C44) over the real engine: backoffs and waiting
 * requests as JSON, retry now and give up, schedules put, read and removed, each bad field a 400
 * that names it, a schedule from a configuration refused with 409, and every change audited first.
 */
class RetryAndScheduleRoutesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

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

    /** Starts a sync of a and b with a offline: a waits in its backoff (30 s by default), b succeeds. */
    private long waitingRequest() throws Exception {
        f.offline.add("a");
        long id = f.call("POST", "/handlers/h/items/sync", null, "{\"itemIds\":[\"a\",\"b\"]}").body()
                .get("requestId").asLong();
        await().atMost(WAIT).until(() -> f.call("GET", "/requests/" + id).body().get("phase").asText()
                .equals("WAITING"));
        return id;
    }

    private JsonNode awaitDone(long id) {
        await().atMost(WAIT).until(() -> f.call("GET", "/requests/" + id).body().get("phase").asText().equals("DONE"));
        try {
            return f.call("GET", "/requests/" + id).body();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void c43_aWaitingRequestAndItsBackoffAreShownAndRetryNowRunsIt() throws Exception {
        long id = waitingRequest();
        JsonNode waiting = f.call("GET", "/requests/" + id).body().get("waiting");
        assertThat(waiting).singleElement().satisfies(w -> {
            assertThat(w.get("itemId").asText()).isEqualTo("a");
            assertThat(w.get("attempts").asInt()).isEqualTo(1);
            assertThat(w.get("retryAt").asText()).endsWith("Z");
            assertThat(w.get("reason").asText()).contains("offline");
        });
        assertThat(f.call("GET", "/requests").body().get("entries")).as("WAITING is open")
                .anySatisfy(r -> assertThat(r.get("id").asLong()).isEqualTo(id));
        assertThat(f.call("GET", "/requests", "state=WAITING", "").body().get("entries")).hasSize(1);

        JsonNode backoffs = f.call("GET", "/backoffs", "handler=h", "").body();
        assertThat(backoffs.get("more").asBoolean()).isFalse();
        assertThat(backoffs.get("entries")).singleElement().satisfies(b -> {
            assertThat(b.get("handlerId").asText()).isEqualTo("h");
            assertThat(b.get("itemId").asText()).isEqualTo("a");
            assertThat(b.get("failures").asInt()).isEqualTo(1);
            assertThat(Duration.parse(b.get("delay").asText())).as("ISO-8601, 30 s and jitter")
                    .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(34));
            assertThat(b.get("reason").asText()).contains("offline");
            assertThat(b.get("waitingRequests")).extracting(JsonNode::asLong).containsExactly(id);
        });

        f.offline.clear();
        f.audit.atRecord = e -> assertThat(f.engine.backoffs()).as("still in backoff when recorded").hasSize(1);
        assertThat(f.call("POST", "/backoffs/h/a/retry").status()).isEqualTo(204);
        assertThat(f.audit.entries.get(f.audit.entries.size() - 1)).satisfies(e -> {
            assertThat(e.action()).isEqualTo("POST /api/backoffs/h/a/retry");
            assertThat(e.target()).isEqualTo("handler=h items=a");
        });
        JsonNode done = awaitDone(id);
        assertThat(done.get("result").get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("result").get("attempts").get("a").asInt()).isEqualTo(2);
        assertThat(done.get("result").get("attempts").get("b").asInt()).isEqualTo(1);
        assertThat(done.get("waiting")).isEmpty();
        assertThat(f.call("GET", "/backoffs").body().get("entries")).as("cleared by the success").isEmpty();

        int recorded = f.audit.entries.size();
        ApiException gone = f.refusal("POST", "/backoffs/h/a/retry", null, "");
        assertThat(gone.status).isEqualTo(404);
        assertThat(gone.argument).isEqualTo("item");
        assertThat(f.refusal("POST", "/backoffs/nosuch/a/give-up", null, "").status).isEqualTo(404);
        assertThat(f.audit.entries).as("refused before it was recorded").hasSize(recorded);
    }

    @Test
    void c43_giveUpEndsTheWaitingItemFailedWithItsAttempts() throws Exception {
        long id = waitingRequest();
        assertThat(f.call("POST", "/backoffs/h/a/give-up").status()).isEqualTo(204);
        JsonNode result = awaitDone(id).get("result");
        assertThat(result.get("status").asText()).isEqualTo("FAILED");
        assertThat(result.get("items").get("a").asText()).isEqualTo("FAILED");
        assertThat(result.get("attempts").get("a").asInt()).isEqualTo(1);
        assertThat(f.call("GET", "/history", "limit=1", "").body().get("entries").get(0).get("attempts").get("a")
                .asInt()).as("in the history too").isEqualTo(1);
    }

    @Test
    void c44_aScheduleIsPutListedReadReplacedAndRemoved() throws Exception {
        Reply put = f.call("PUT", "/schedules/nightly", null,
                "{\"handlerId\":\"h\",\"itemIds\":[\"a\"],\"every\":\"PT1H\"}");
        assertThat(put.status()).isEqualTo(200);
        JsonNode s = put.body();
        assertThat(s.get("id").asText()).isEqualTo("nightly");
        assertThat(s.get("handlerId").asText()).isEqualTo("h");
        assertThat(s.get("itemIds")).extracting(JsonNode::asText).containsExactly("a");
        assertThat(s.get("every").asText()).isEqualTo("PT1H");
        assertThat(s.has("cron")).isFalse();
        assertThat(s.get("origin").asText()).isEqualTo("CONTROL");
        assertThat(s.get("nextRunAt").asText()).endsWith("Z");
        assertThat(s.has("lastRunAt")).isFalse();
        assertThat(s.get("held").asBoolean()).isFalse();
        assertThat(s.get("runs").asLong()).isZero();
        assertThat(f.audit.entries).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("PUT /api/schedules/nightly");
            assertThat(e.target()).isEqualTo("schedule=nightly handler=h items=a");
        });

        assertThat(f.call("GET", "/schedules").body().get("entries")).singleElement()
                .satisfies(e -> assertThat(e.get("id").asText()).isEqualTo("nightly"));
        assertThat(f.call("GET", "/schedules", "handler=other", "").body().get("entries")).isEmpty();
        assertThat(f.call("GET", "/schedules/nightly").body().get("every").asText()).isEqualTo("PT1H");

        JsonNode cron = f.call("PUT", "/schedules/nightly", null,
                "{\"handlerId\":\"h\",\"cron\":\"0 0 3 * * ?\",\"zone\":\"Europe/Paris\"}").body();
        assertThat(cron.get("cron").asText()).isEqualTo("0 0 3 * * ?");
        assertThat(cron.get("zone").asText()).isEqualTo("Europe/Paris");
        assertThat(cron.has("every")).isFalse();
        assertThat(cron.get("itemIds")).as("a sync of the handler").isEmpty();
        assertThat(f.engine.schedule("nightly").orElseThrow().spec().syncsHandler()).isTrue();

        assertThat(f.call("DELETE", "/schedules/nightly").status()).isEqualTo(204);
        assertThat(f.engine.schedules()).isEmpty();
        ApiException gone = f.refusal("GET", "/schedules/nightly", null, "");
        assertThat(gone.status).isEqualTo(404);
        assertThat(gone.argument).isEqualTo("schedule");
        assertThat(f.refusal("DELETE", "/schedules/nightly", null, "").status).isEqualTo(404);
        ApiException post = f.refusal("POST", "/schedules/nightly", null, "");
        assertThat(post.status).isEqualTo(405);
        assertThat(((Dispatcher.MethodNotAllowed) post).allowed).containsExactlyInAnyOrder("GET", "PUT", "DELETE");
        assertThat(f.audit.entries).extracting(e -> e.action()).containsExactly("PUT /api/schedules/nightly",
                "PUT /api/schedules/nightly", "DELETE /api/schedules/nightly");
    }

    /** A PUT of schedule s whose body has handlerId h and these other fields, refused naming argument. */
    private static BadCall put(String fields, String argument) {
        return new BadCall("PUT", "/schedules/s", null, "{\"handlerId\":\"h\"," + fields, argument);
    }

    /** C44: a bad field is a 400 that names it as the API does, before anything is recorded. */
    @Test
    void c44_badSchedulesAre400NamingTheFieldAndChangeNothing() throws Exception {
        f.assertBadArguments(List.of(
                new BadCall("PUT", "/schedules/s", null, "{}", "handlerId"),
                new BadCall("PUT", "/schedules/s", null, "{\"handlerId\":\" h\",\"every\":\"PT1H\"}", "handlerId"),
                new BadCall("PUT", "/schedules/s", null, "{\"handlerId\":\"h\"}", "every"),
                put("\"every\":\"PT1H\",\"cron\":\"0 0 3 * * ?\"}", "every"),
                put("\"every\":\"15m\"}", "every"),
                put("\"every\":\"PT0.5S\"}", "every"),
                put("\"every\":3600}", "every"),
                put("\"every\":\"PT1H\",\"zone\":\"UTC\"}", "zone"),
                put("\"cron\":\"0 0 3 * * ?\",\"zone\":\"Mars/Base\"}", "zone"),
                put("\"itemIds\":[\"a\",\"a\"],\"every\":\"PT1H\"}", "itemIds[1]"),
                put("\"every\":\"PT1H\",\"bogus\":1}", "bogus"),
                new BadCall("PUT", "/schedules/ s", null, "{\"handlerId\":\"h\",\"every\":\"PT1H\"}", "schedule"),
                new BadCall("DELETE", "/schedules/s", null, "{\"handlerId\":\"h\"}", "handlerId"),
                new BadCall("GET", "/schedules", "limit=0", "", "limit"),
                new BadCall("GET", "/backoffs", "handler=%20h", "", "handler"),
                new BadCall("POST", "/backoffs/h/ a/retry", null, "", "item")));
        assertThat(f.audit.entries).as("nothing recorded").isEmpty();
        // the cron expression is the engine's to read: recorded, then refused with the body's name for it
        ApiException cron = f.refusal("PUT", "/schedules/s", null, "{\"handlerId\":\"h\",\"cron\":\"every night\"}");
        assertThat(cron.status).isEqualTo(400);
        assertThat(cron.argument).isEqualTo("cron");
        assertThat(cron.getMessage()).startsWith("cron: 'every night' is not a Quartz cron expression");
        assertThat(f.engine.schedules()).as("nothing stored").isEmpty();
    }

    /** A schedule from a configuration is its configuration's: a PUT or DELETE of it is refused by policy. */
    @Test
    void c44_aScheduleFromAConfigurationIsRefusedWith409() throws Exception {
        f.engine.putConfiguredSchedule(ScheduleSpec.every("hourly", "h", List.of(), Duration.ofHours(1)));
        assertThat(f.call("GET", "/schedules/hourly").body().get("origin").asText()).isEqualTo("CONFIGURATION");
        for (String method : List.of("PUT", "DELETE")) {
            ApiException e = f.refusal(method, "/schedules/hourly", null,
                    method.equals("PUT") ? "{\"handlerId\":\"h\",\"every\":\"PT5M\"}" : "");
            assertThat(e.status).as(method).isEqualTo(409);
            assertThat(e.reason).isEqualTo(ScheduleActions.CONFIGURED);
            assertThat(e.argument).isEqualTo("schedule");
            assertThat(e.getMessage()).contains("configuration");
        }
        assertThat(f.audit.entries).as("refused before it was recorded").isEmpty();
        assertThat(f.engine.schedule("hourly").orElseThrow().spec().every()).isEqualTo(Duration.ofHours(1));
    }
}
