package dev.synccenter.impl.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.impl.store.StateKey;
import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.StoreChange.RequestFinished;
import dev.synccenter.impl.store.StoreException;
import dev.synccenter.impl.store.StoredRequest;

/**
 * The store contract on a real PostgreSQL server (scripts/test.sh starts one), each test in a
 * schema of its own; and a server that is down, then up, then gone, then back.
 */
class PostgresqlStoreTest extends RetriesAndSchedulesContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres("store");
    }

    /**
     * Acceptances have a writer of their own here: a change of a request submitted while its
     * acceptance is not committed yet follows it there, and is not committed before it by the main
     * writer (which would leave a result beside an unfinished request).
     */
    @Test
    void c17_c37_aChangeSubmittedWhileItsRequestsAcceptanceWaitsIsCommittedAfterIt() {
        SqlStore store = open();
        dataSource.closeGate("sync-store-intake");
        CompletableFuture<Void> accepted = store.submit(itemSync(5, "h", "a"));
        awaitWriterAtGate();
        CompletableFuture<Void> finished = store.submit(new RequestFinished(result(5, "h", ProgressStatus.SUCCEEDED,
                T0)));
        // Whatever the main writer had, it has committed once this is stored.
        stored(store.submit(new StoreChange.StateChanged(StateKey.handlerEnabled("h"), false)));
        dataSource.openGate();

        stored(accepted);
        stored(finished);
        assertThat(store.unfinished()).isEmpty();
        assertThat(store.result(5)).isPresent();
        assertThat(store.health().ok()).isTrue();
    }

    @Test
    void c40_aServerThatIsDownOrGoesAwayMakesTheStoreFailClearlyUntilItIsBack() throws Exception {
        String deadUrl = TestPostgres.nobodyListens(url);
        assertThat(deadUrl).isNotEqualTo(url);
        dataSource.url(deadUrl);

        SqlStore store = open(); // the platform starts before its database

        assertThat(store.health().ok()).isFalse();
        assertThat(store.health().reason()).contains("refused");
        CompletableFuture<Void> atOnce = store.submit(itemSync(1, "h", "a"));
        assertThat(atOnce).isCompletedExceptionally();
        assertThat(refused(atOnce)).hasMessageContaining(store.name()).hasMessageContaining("is failing since");

        dataSource.url(url);
        await().atMost(WAIT).until(() -> store.health().ok());
        stored(store.submit(itemSync(2, "h", "a")));
        assertThat(store.unfinished()).hasSize(1);

        // The server ends the store's connections and cannot be reached for a while.
        dataSource.url(deadUrl);
        assertThat(TestPostgres.terminateConnectionsOf(url)).isEqualTo(3); // the two writers' and the reader's
        assertThat(refused(store.submit(itemSync(3, "h", "a")))).hasMessageContaining(store.name())
                .hasMessageContaining("RequestAccepted of request 3");
        assertThat(store.health().ok()).isFalse();

        dataSource.url(url);
        await().atMost(WAIT).until(() -> store.health().ok());
        stored(store.submit(itemSync(4, "h", "a")));
        assertThat(store.unfinished()).extracting(StoredRequest::requestId).containsExactly(2L, 4L);
    }

    /** For the OSGi component, which retries by itself: a server that is down fails the opening. */
    @Test
    void c40_openingConnectedFailsWhileTheServerIsDownAndLeavesNothingRunning() throws Exception {
        String deadUrl = TestPostgres.nobodyListens(url);
        dataSource.url(deadUrl);
        StoreSettings s = settings().withUrl(deadUrl);

        long threadsBefore = storeThreads();
        assertThatThrownBy(() -> SqlStore.openConnected(dataSource, s)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("PostgreSQL store " + s.safeUrl() + " cannot be opened: ")
                .hasMessageContaining("refused");
        await("no store thread left running").atMost(WAIT).until(() -> storeThreads() <= threadsBefore);

        dataSource.url(url);
        try (SqlStore store = SqlStore.openConnected(dataSource, settings())) {
            assertThat(store.health().ok()).isTrue();
            stored(store.submit(itemSync(1, "h", "a")));
        }
    }

    private static long storeThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("sync-store-")).count();
    }
}
