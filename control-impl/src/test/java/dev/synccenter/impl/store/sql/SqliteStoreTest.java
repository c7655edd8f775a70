package dev.synccenter.impl.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.synccenter.control.EventFilter;
import dev.synccenter.control.EventLevel;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.HistoryFilter;
import dev.synccenter.impl.store.StoredRequest;

/** The store contract on a real SQLite file in WAL mode, and what only SQLite has. */
class SqliteStoreTest extends RetriesAndSchedulesContract {

    @TempDir
    Path dir;

    @Override
    protected TestDatabase database() {
        return TestDatabase.sqlite(dir);
    }

    @Test
    void theDatabaseIsInWalMode() throws SQLException {
        open().close();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    /** A real failure that works as root too: the database's folder is not there yet. */
    @Test
    void c40_aStoreWhoseFolderIsMissingFailsClearlyAndOpensByItselfOnceItExists() throws Exception {
        Path folder = dir.resolve("later");
        url = "jdbc:sqlite:" + folder.resolve("sync-center.db");
        dataSource.url(url);

        SqlStore store = open();

        assertThat(store.health().ok()).isFalse();
        CompletableFuture<Void> atOnce = store.submit(itemSync(1, "h", "a"));
        assertThat(atOnce).isCompletedExceptionally();
        assertThat(refused(atOnce)).hasMessageContaining(store.name()).hasMessageContaining("is failing since");
        Files.createDirectories(folder);
        await().atMost(WAIT).until(() -> store.health().ok());
        stored(store.submit(itemSync(2, "h", "a")));
        assertThat(store.unfinished()).extracting(StoredRequest::requestId).containsExactly(2L);
    }

    /** C39: every query shape reads an index in order: no full scan, no sort, at any table size. */
    @Test
    void c39_historyAndEventQueriesReadAnIndexInOrder() throws SQLException {
        open().close();
        List<SqlReads.Query> queries = new ArrayList<>();
        HistoryFilter h = HistoryFilter.ALL.newest(100);
        queries.add(SqlReads.historyQuery(h));
        queries.add(SqlReads.historyQuery(h.handler("h")));
        queries.add(SqlReads.historyQuery(h.status(ProgressStatus.FAILED)));
        queries.add(SqlReads.historyQuery(h.handler("h").finishedBetween(T0, T0.plusSeconds(60))));
        queries.add(SqlReads.eventsQuery(EventFilter.ALL.newest(100)));
        queries.add(SqlReads.eventsQuery(EventFilter.ALL.handler("h").newest(100)));
        queries.add(SqlReads.eventsQuery(EventFilter.ALL.handler("h").item("a").atLeast(EventLevel.WARNING)));
        try (Connection c = DriverManager.getConnection(url)) {
            for (SqlReads.Query q : queries) {
                StringBuilder plan = new StringBuilder();
                try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + q.sql())) {
                    SqlReads.bind(ps, q.args());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            plan.append(rs.getString("detail")).append("; ");
                        }
                    }
                }
                // No sort: rows come in the index's (or, unfiltered, the table's) order, and LIMIT stops early.
                assertThat(plan.toString()).as("plan of %s", q.sql()).doesNotContain("TEMP B-TREE");
                if (q.sql().contains(" AND ") || q.sql().contains("FROM results")) {
                    assertThat(plan.toString()).as("plan of %s", q.sql()).contains(" USING ")
                            .doesNotContain("SCAN results;").doesNotContain("SCAN events;");
                }
            }
        }
    }
}
