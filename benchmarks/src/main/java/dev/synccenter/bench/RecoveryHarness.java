package dev.synccenter.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.synccenter.control.RequestKind;
import dev.synccenter.impl.engine.EngineSettings;
import dev.synccenter.impl.engine.SyncEngine;
import dev.synccenter.impl.store.StoreChange;
import dev.synccenter.impl.store.sql.SqlStore;

/**
 * After a crash with many requests queued (C37): {@code --requests} accepted 1-item requests are
 * written straight into a SQLite store (as the engine writes them, group commit), the store is
 * closed, and a new engine starts on it. Reports the time the engine takes to resume them all and
 * the heap they then take per request (used heap after full GCs, before and after the start). Their
 * handler is not there, so they stay parked (C26) while they are measured.
 * Options: {@code --requests=1000000 --histogram=1} (the last prints the top of the live class histogram).
 */
public final class RecoveryHarness {

    private RecoveryHarness() {
    }

    public static void main(String[] args) throws Exception {
        int requests = (int) Report.option(args, "requests", 1_000_000);
        Path dir = Files.createTempDirectory("bench-recovery");
        String url = "jdbc:sqlite:" + dir.resolve("sync-center.db");
        long w0 = System.nanoTime();
        try (SqlStore store = SqlStore.open(url)) {
            long first = store.reserveRequestIds(requests);
            Instant now = Instant.now();
            List<CompletableFuture<Void>> inFlight = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                inFlight.add(store.submit(new StoreChange.RequestAccepted(first + i, "h0", RequestKind.ITEM_SYNC,
                        Set.of(), null, false, now, List.of(FastHandler.itemId(0)))));
                if (inFlight.size() == 5_000) { // within the store's queue bound
                    inFlight.forEach(CompletableFuture::join);
                    inFlight.clear();
                }
            }
            inFlight.forEach(CompletableFuture::join);
        }
        Report.figure("recovery.writeRate", requests / ((System.nanoTime() - w0) / 1e9), "requests/s");
        try (SqlStore store = SqlStore.open(url)) {
            long before = MemoryHarness.usedAfterGc();
            long r0 = System.nanoTime();
            SyncEngine engine = new SyncEngine(EngineSettings.defaults().withParkTimeout(Duration.ofHours(1))
                    .withMaxOpenRequests(Math.max(requests, 1)), store);
            double seconds = (System.nanoTime() - r0) / 1e9;
            long after = MemoryHarness.usedAfterGc();
            int open = engine.requests().size();
            if (open != requests) {
                throw new IllegalStateException("resumed " + open + " requests, not " + requests);
            }
            Report.figure("recovery.requests", requests, "requests");
            Report.figure("recovery.seconds", seconds, "s");
            Report.figure("recovery.bytesPerRequest", (after - before) / (double) requests, "bytes");
            if (Report.option(args, "histogram", 0) > 0) {
                MemoryHarness.printHistogram();
            }
            engine.close();
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
