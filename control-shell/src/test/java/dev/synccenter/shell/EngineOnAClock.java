package dev.synccenter.shell;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.synccenter.handler.ItemFailure;
import dev.synccenter.handler.SyncCallback;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncItem;
import dev.synccenter.impl.engine.EngineSettings;
import dev.synccenter.impl.engine.HandlerRef;
import dev.synccenter.impl.engine.RetrySettings;
import dev.synccenter.impl.engine.SyncEngine;
import dev.synccenter.impl.store.sql.SqlStore;

/**
 * The real engine on a real store (a SQLite file), on a clock the test moves, for the commands of
 * retries and schedules (C43, C44): no test waits for a real backoff or a real schedule. Retries
 * as shipped (30 s doubling) but without jitter, so that the test knows when each backoff ends.
 * Its handler {@value #HANDLER} has the items {@code alpha} and {@code beta}; an item fails
 * transiently ("server busy") as many times as the test says, then succeeds.
 */
final class EngineOnAClock implements AutoCloseable {

    static final String HANDLER = "demo";
    static final Instant START = Instant.parse("2026-12-05T08:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(10);

    final MovableClock clock = new MovableClock(START);
    final SqlStore store;
    final SyncEngine engine;
    final SyncCommands commands;
    /** Transient failures still to come, per item. */
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    EngineOnAClock(Path dir) {
        store = SqlStore.open("jdbc:sqlite:" + dir.resolve(UUID.randomUUID() + ".db"));
        engine = new SyncEngine(EngineSettings.defaults().withRetry(RetrySettings.DEFAULTS.withJitter(0)), store,
                clock);
        commands = new SyncCommands(engine, id -> 0, Duration.ofMillis(1));
        engine.handlerAdded(new HandlerRef(1, 0, HANDLER, "demo.bundle 1.0.0", new SyncHandler() {
            public String name() {
                return "Demo handler";
            }

            public List<SyncItem> items() {
                return List.of(SyncItem.of("alpha", "Alpha"), SyncItem.of("beta", "Beta"));
            }

            public void synchronize(List<String> ids, SyncCallback cb, Object ctx, long req) {
                for (String id : ids) {
                    if (failures.getOrDefault(id, new AtomicInteger()).getAndDecrement() > 0) {
                        cb.reportFailure(id, ItemFailure.transientFailure("server busy"));
                    }
                }
            }
        }));
        await().atMost(WAIT).until(() -> engine.handler(HANDLER).isPresent());
    }

    /** The item's next {@code count} syncs fail transiently. */
    void failNext(String itemId, int count) {
        failures.put(itemId, new AtomicInteger(count));
    }

    /** Moves the clock on; what fell due by then runs (C43, C44). */
    void advance(Duration by) {
        clock.now = clock.now.plus(by);
        engine.clockMoved();
    }

    /** Runs one command; its output, or the exception it threw. */
    String run(String command, String... args) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        commands.execute(command, List.of(args), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        engine.close();
        store.close();
    }

    /** A clock that stands still until the test moves it. */
    static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
