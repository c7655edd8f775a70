package dev.synccenter.impl.engine;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import dev.synccenter.control.SyncControlFlag;
import dev.synccenter.control.SyncRequest;
import dev.synccenter.control.SyncResult;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.impl.store.sql.SqlStore;
import dev.synccenter.impl.store.sql.StoreSettings;

/**
 * Base of the engine's unit tests: a real engine with short deadlines, handlers registered as the
 * DS component would register them, and waits that are bounded.
 */
abstract class EngineFixture {

    static final Duration WAIT = Duration.ofSeconds(10);

    static {
        // Check conditions at once and then often: the default first delay of 100 ms adds up.
        org.awaitility.Awaitility.setDefaultPollDelay(Duration.ZERO);
        org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(2));
    }
    private static final AtomicLong SERVICE_IDS = new AtomicLong(100);

    /** Each test's own store, a real SQLite file (C36). */
    @TempDir
    Path storeDir;
    SqlStore store;
    SyncEngine engine;
    final Results results = new Results();

    /** Retries are off here (one attempt per item), as the rules before C43 expect; RetryTest turns them on. */
    EngineSettings settings() {
        return EngineSettings.defaults().withCancelGrace(Duration.ofSeconds(1))
                .withParkTimeout(Duration.ofSeconds(30)).withCallTimeout(Duration.ofSeconds(2))
                .withRetry(RetrySettings.DEFAULTS.withMaxAttempts(1));
    }

    /** The engine's clock: the system's, or a {@link TestClock} in the tests of backoff and schedules. */
    java.time.Clock clock() {
        return java.time.Clock.systemUTC();
    }

    /** The store's URL: a SQLite file here; PostgreSQL in the subclasses that say so. */
    String storeUrl;

    String newStoreUrl() throws Exception {
        return "jdbc:sqlite:" + storeDir.resolve("sync-center.db");
    }

    DataSource dataSource(String url) {
        return TestStores.dataSource(url);
    }

    void dropStore(String url) throws Exception {
        // a SQLite file goes with the test's temporary folder
    }

    @BeforeEach
    void startEngine() throws Exception {
        storeUrl = newStoreUrl();
        store = SqlStore.open(dataSource(storeUrl), StoreSettings.forUrl(storeUrl));
        engine = new SyncEngine(settings(), store, clock());
    }

    /**
     * Stops the engine and the store, and starts both again on the same database through a data
     * source the test can make fail (C40); the store then tries the database again every 50 ms.
     */
    FailingDataSource restartOnAFailingDisk() {
        engine.close();
        store.close();
        FailingDataSource disk = new FailingDataSource(dataSource(storeUrl));
        store = SqlStore.open(disk.dataSource, StoreSettings.forUrl(storeUrl).withRetryInterval(Duration.ofMillis(50)));
        engine = new SyncEngine(settings(), store, clock());
        return disk;
    }

    /** Stops the engine and starts a new one on the same store, as a restart of the platform does (C37). */
    void restart() {
        engine.close();
        engine = new SyncEngine(settings(), store, clock());
    }

    /** Stops the engine (which hands over every result first, C35) and checks C17 for every request seen. */
    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
        store.close();
        dropStore(storeUrl);
        results.perRequest.forEach((id, calls) -> org.assertj.core.api.Assertions.assertThat(calls)
                .as("result listener calls for request %d (C17)", id).isEqualTo(1));
    }

    /** Registers a handler service and waits until its metadata is read. */
    HandlerRef register(String handlerId, SyncHandler handler) {
        return register(handlerId, handler, 0);
    }

    HandlerRef register(String handlerId, SyncHandler handler, int ranking) {
        HandlerRef ref = new HandlerRef(SERVICE_IDS.incrementAndGet(), ranking, handlerId, "test.bundle 1.0.0",
                handler);
        engine.handlerAdded(ref);
        await().atMost(WAIT).until(() -> servedBy(handlerId, ref.serviceId()));
        return ref;
    }

    boolean servedBy(String handlerId, long serviceId) {
        return engine.handler(handlerId).map(h -> h.serviceId() == serviceId).orElse(false);
    }

    SyncRequest start(String handlerId, String... items) {
        return engine.startItemSync(handlerId, List.of(items), null, Set.of(), results);
    }

    SyncRequest startIgnoring(String handlerId, String... items) {
        return engine.startItemSync(handlerId, List.of(items), null,
                Set.of(SyncControlFlag.IGNORE_IF_ALREADY_SYNCING), results);
    }

    static SyncResult resultOf(SyncRequest request) {
        try {
            return request.result().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("no result for request " + request.id() + " within " + WAIT, e);
        }
    }

    static boolean isDone(SyncRequest request) {
        return request.result().toCompletableFuture().isDone();
    }

    /** Waits until every listener call for the request arrived, then checks there was exactly one (C17). */
    void assertExactlyOneResult(SyncRequest request) {
        resultOf(request);
        await().atMost(WAIT).until(() -> results.perRequest.containsKey(request.id()));
        org.assertj.core.api.Assertions.assertThat(results.perRequest.get(request.id()))
                .as("listener calls for request %d", request.id()).isEqualTo(1);
    }
}
