package dev.synccenter.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.handler.SyncCallback;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncItem;
import dev.synccenter.impl.engine.EngineSettings;
import dev.synccenter.impl.engine.HandlerRef;
import dev.synccenter.impl.engine.SyncEngine;
import dev.synccenter.impl.store.sql.SqlStore;

/** The soak's load tool against the real engine: it counts every result once (C17). */
class LoadGeneratorTest {

    /** The engine runs on a real store: a SQLite file in the test's own folder. */
    @TempDir
    static Path dir;
    final SqlStore store = SqlStore.open("jdbc:sqlite:" + dir.resolve(UUID.randomUUID() + ".db"));
    final SyncEngine engine = new SyncEngine(EngineSettings.defaults(), store);

    @AfterEach
    void close() {
        engine.close();
        store.close();
    }

    private void register(String id, ProgressStatus outcome) {
        engine.handlerAdded(new HandlerRef(1, 0, id, "test 1", new SyncHandler() {
            public String name() {
                return "Load test";
            }

            public List<SyncItem> items() {
                return List.of(SyncItem.of("a", "A"));
            }

            public void synchronize(List<String> ids, SyncCallback cb, Object ctx, long req) {
                cb.reportProgress("a", "", outcome, 0, 0);
            }
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.handler(id).isPresent());
    }

    // C17
    @Test
    void c17_countsEveryResultOnceAndEndsWhenAllAreIn() {
        register("h", ProgressStatus.SUCCEEDED);
        LoadGenerator load = new LoadGenerator(engine);
        load.start("h", List.of("a"), 5_000, 50);
        await().atMost(Duration.ofSeconds(30)).until(() -> !load.status().running()
                && load.status().inFlightOrLost() == 0); // the request in flight at the stop has come back
        LoadGenerator.Status s = load.status();
        assertThat(s.accepted()).isEqualTo(5_000);
        assertThat(s.results()).isEqualTo(5_000);
        assertThat(s.duplicates()).isZero();
        assertThat(s.notSucceeded()).isZero();
        assertThat(s.inFlightOrLost()).isZero();
    }

    // C7
    @Test
    void c7_refusalsAreCountedAndOneRunAtATime() {
        register("h", ProgressStatus.FAILED);
        LoadGenerator load = new LoadGenerator(engine);
        load.start("nobody", List.of("a"), 10, 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> !load.status().running());
        assertThat(load.status().refused()).isEqualTo(10);
        load.start("h", List.of("a"), 1_000_000, 1);
        assertThatThrownBy(() -> load.start("h", List.of("a"), 1, 1)).isInstanceOf(UsageException.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> load.status().results() > 0); // then stop it
        load.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !load.status().running()
                && load.status().inFlightOrLost() == 0); // the request in flight at the stop has come back
        LoadGenerator.Status s = load.status();
        assertThat(s.results()).isPositive();
        assertThat(s.notSucceeded()).as("every result was FAILED, as the handler reports").isEqualTo(s.results());
    }
}
