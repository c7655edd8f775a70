package dev.synccenter.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.impl.engine.EngineSettings;
import dev.synccenter.impl.engine.HandlerRef;
import dev.synccenter.impl.engine.SyncEngine;
import dev.synccenter.impl.store.sql.Dialect;
import dev.synccenter.impl.store.sql.SqlStore;
import dev.synccenter.impl.store.sql.StoreSettings;

/**
 * The engine under {@link DurableDispatchHarness}: a start call returns once its request is stored;
 * the result listener runs once the result is stored (C36, C38). So one job here is "start call to
 * result stored", as for db-scheduler and Quartz. On SQLite with the default durability (it survives
 * a process crash) or on the same PostgreSQL as the baselines.
 */
final class EngineDurableDispatcher implements DurableDispatcher {

    private final String kind;
    private final String url;
    private final Postgres.Schema schema;
    private final int threads;
    private final AtomicLong failures = new AtomicLong();
    private SqlStore store;
    private SyncEngine engine;

    private EngineDurableDispatcher(String kind, String url, Postgres.Schema schema, int threads) {
        this.kind = kind;
        this.url = url;
        this.schema = schema;
        this.threads = threads;
    }

    static EngineDurableDispatcher onSqlite(Path dir, int round, int threads) {
        return new EngineDurableDispatcher("engine-sqlite",
                "jdbc:sqlite:" + dir.resolve("engine-" + round + "-" + System.nanoTime() + ".db"), null, threads);
    }

    static EngineDurableDispatcher onPostgres(Postgres.Schema schema, int threads) {
        return new EngineDurableDispatcher("engine-postgresql", schema.url(), schema, threads);
    }

    @Override
    public String name() {
        return kind;
    }

    @Override
    public void start() throws Exception {
        DataSource dataSource;
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(schema.baseUrl()); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema.name() + " CASCADE");
                s.execute("CREATE SCHEMA " + schema.name());
            }
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setUrl(url);
            // As the platform makes its data sources (SqlStores): batched INSERTs sent as multi-row ones.
            for (Map.Entry<String, String> p : Dialect.POSTGRESQL.driverProperties(url).entrySet()) {
                pg.setProperty(p.getKey(), p.getValue());
            }
            dataSource = pg;
        } else {
            SQLiteDataSource sqlite = new SQLiteDataSource();
            sqlite.setUrl(url);
            dataSource = sqlite;
        }
        store = SqlStore.open(dataSource, StoreSettings.forUrl(url));
        engine = new SyncEngine(EngineSettings.defaults().withPoolSize(threads).withConcurrentSessions(threads)
                .withRequestHistory(1_000_000), store);
        HandlerRef ref = new HandlerRef(1, 0, "bench", "bench.handlers 1.0.0", new FastHandler("bench", 1, true));
        engine.handlerAdded(ref);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (engine.handler("bench").map(h -> h.serviceId() != 1).orElse(true)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bench handler was not served within 30 s");
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void submit(Runnable onDone) {
        engine.startItemSync("bench", List.of(FastHandler.itemId(0)), null, Set.of(), result -> {
            if (result.status() != ProgressStatus.SUCCEEDED) {
                failures.incrementAndGet();
            }
            onDone.run();
        });
    }

    @Override
    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        if (store != null) {
            store.close();
        }
        if (schema != null) {
            schema.drop();
        } else {
            try {
                Files.deleteIfExists(Path.of(url.substring("jdbc:sqlite:".length())));
                Files.deleteIfExists(Path.of(url.substring("jdbc:sqlite:".length()) + "-wal"));
                Files.deleteIfExists(Path.of(url.substring("jdbc:sqlite:".length()) + "-shm"));
            } catch (java.io.IOException e) {
                System.err.println("could not delete " + url + ": " + e.getMessage());
            }
        }
    }
}
