package dev.synccenter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.security.Caller;
import dev.synccenter.control.security.Role;
import dev.synccenter.handler.ItemFailure;
import dev.synccenter.handler.SyncCallback;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncItem;
import dev.synccenter.http.Route.Reply;
import dev.synccenter.impl.engine.EngineSettings;
import dev.synccenter.impl.engine.HandlerRef;
import dev.synccenter.impl.engine.SyncEngine;
import dev.synccenter.impl.store.sql.SqlStore;

/**
 * The real engine on a SQLite file with one handler {@code h} (items a, b, c), whose sessions wait
 * on a gate until the test opens it, and report the items named in {@link #offline} as transient
 * failures (C42); and a dispatcher over it with a recording audit trail.
 */
final class EngineFixture implements AutoCloseable {

    static final Caller OPERATOR = new Caller("op", Role.OPERATOR, "token");

    final SqlStore store;
    final SyncEngine engine;
    final RecordingAuditTrail audit = new RecordingAuditTrail();
    volatile SyncControl control;
    volatile CountDownLatch gate = new CountDownLatch(0);
    /** Items whose sync fails transiently, so that they go into backoff (30 s by default, C43). */
    final java.util.Set<String> offline = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final Dispatcher dispatcher;

    EngineFixture(Path dir) {
        store = SqlStore.open("jdbc:sqlite:" + dir.resolve(UUID.randomUUID() + ".db"));
        engine = new SyncEngine(EngineSettings.defaults(), store);
        control = engine;
        engine.handlerAdded(new HandlerRef(1, 0, "h", "test 1", new SyncHandler() {
            public String name() {
                return "Test handler";
            }

            public List<SyncItem> items() {
                return List.of(SyncItem.of("a", "A"), SyncItem.of("b", "B"), SyncItem.of("c", "C"));
            }

            public void synchronize(List<String> ids, SyncCallback cb, Object ctx, long req) {
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (String id : ids) {
                    if (offline.contains(id)) {
                        cb.reportFailure(id, ItemFailure.transientFailure("the test took " + id + " offline"));
                    } else {
                        cb.reportProgress(id, "done", ProgressStatus.SUCCEEDED, 1, 1);
                    }
                }
            }
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.handler("h").isPresent());
        dispatcher = new Dispatcher(Routes.ALL, () -> control, () -> audit, 4_096, Clock.systemUTC());
    }

    Reply call(String method, String path) throws IOException {
        return call(method, path, null, "");
    }

    Reply call(String method, String path, String query, String json) throws IOException {
        return dispatcher.dispatch(new Dispatcher.Incoming(method, path, query, json.isEmpty() ? null : "application/json",
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), OPERATOR, "127.0.0.1:5000"));
    }

    /** The error a call gets. */
    ApiException refusal(String method, String path, String query, String json) throws IOException {
        try {
            Reply r = call(method, path, query, json);
            throw new AssertionError(method + " " + path + " was not refused: " + r);
        } catch (ApiException e) {
            return e;
        }
    }

    /** A bad call and the argument its 400 must name, in the error body too, with no Java word in it. */
    record BadCall(String method, String path, String query, String body, String argument) {
    }

    /** Each call is refused with 400 naming its argument. */
    void assertBadArguments(java.util.List<BadCall> calls) throws IOException {
        for (BadCall c : calls) {
            ApiException e = refusal(c.method(), c.path(), c.query(), c.body());
            assertThat(e.status).as("%s: %s", c, e.getMessage()).isEqualTo(400);
            assertThat(e.argument).as("%s: %s", c, e.getMessage()).isEqualTo(c.argument());
            assertThat(Json.error(e).get("error").asText()).as("%s", c).startsWith(c.argument() + ": ")
                    .doesNotContain("Exception");
        }
    }

    static JsonNode body(Reply r) {
        return r.body();
    }

    @Override
    public void close() {
        gate.countDown();
        engine.close();
        store.close();
    }
}
