package dev.synccenter.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

import dev.synccenter.control.RequestKind;
import dev.synccenter.impl.store.StoreChange.RequestAccepted;
import dev.synccenter.impl.store.sql.Durability;
import dev.synccenter.impl.store.sql.SqlStore;
import dev.synccenter.impl.store.sql.StoreSettings;
import dev.synccenter.impl.store.sql.WriterStats;

/**
 * The store's write throughput: accepted requests (one row and one item row each) submitted with
 * many in flight, acknowledged only once committed, with group commit (up to 1,000 changes per
 * transaction) and without it (one per transaction). Without {@code --url}, a fresh SQLite file for
 * each durability setting; with one, that database (PostgreSQL: the tables of its current schema).
 *
 * <pre>StoreHarness [--url=jdbc:...] [--seconds=5] [--inFlight=1000]</pre>
 */
public final class StoreHarness {

    private StoreHarness() {
    }

    public static void main(String[] args) throws Exception {
        String url = Report.option(args, "url", null);
        long seconds = (long) Report.option(args, "seconds", 5);
        int inFlight = (int) Report.option(args, "inFlight", 1000);
        for (int maxBatch : List.of(1, 1000)) {
            String mode = maxBatch == 1 ? "single" : "group";
            if (url != null) {
                String db = url.startsWith("jdbc:sqlite:") ? "sqlite" : "postgresql";
                run("store." + db + "." + mode, StoreSettings.forUrl(url).withMaxBatch(maxBatch), seconds, inFlight);
                continue;
            }
            for (Durability d : Durability.values()) {
                Path dir = Files.createTempDirectory("store-harness");
                String file = "jdbc:sqlite:" + dir.resolve("sync-center.db");
                run("store.sqlite." + d.key() + "." + mode,
                        StoreSettings.forUrl(file).withDurability(d).withMaxBatch(maxBatch), seconds, inFlight);
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(dir);
            }
        }
    }

    private static void run(String label, StoreSettings settings, long seconds, int inFlight) throws Exception {
        try (SqlStore store = SqlStore.open(dataSource(settings.url()), settings)) {
            Semaphore window = new Semaphore(inFlight);
            AtomicLong acknowledged = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            WriterStats before = store.stats();
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            long next = 0;
            long last = 0;
            while (System.nanoTime() < end) {
                if (next == last) {
                    next = store.reserveRequestIds(10_000);
                    last = next + 10_000;
                }
                window.acquire();
                store.submit(new RequestAccepted(next++, "bench", RequestKind.ITEM_SYNC, Set.of(), null, false,
                        Instant.now(), List.of("item"))).whenComplete((v, e) -> {
                            (e == null ? acknowledged : failed).incrementAndGet();
                            window.release();
                        });
            }
            window.acquire(inFlight); // every change answered
            double elapsed = (System.nanoTime() - start) / 1e9;
            WriterStats after = store.stats();
            long commits = after.commits() - before.commits();
            long changes = after.changes() - before.changes();
            Report.figure(label + ".changesPerSecond", acknowledged.get() / elapsed, "changes/s");
            Report.figure(label + ".commitsPerSecond", commits / elapsed, "commits/s");
            Report.figure(label + ".changesPerCommit", commits == 0 ? 0 : (double) changes / commits, "changes");
            if (failed.get() > 0) {
                throw new IllegalStateException(label + ": " + failed.get() + " changes failed");
            }
        }
    }

    private static DataSource dataSource(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            SQLiteDataSource ds = new SQLiteDataSource();
            ds.setUrl(url);
            return ds;
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        return ds;
    }
}
