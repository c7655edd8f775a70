package dev.synccenter.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.synccenter.handler.SyncHandler;
import dev.synccenter.impl.engine.EngineSettings;
import dev.synccenter.impl.engine.HandlerRef;
import dev.synccenter.impl.engine.SyncEngine;
import dev.synccenter.impl.store.sql.SqlStore;

/** A real engine used as a plain library, with handlers registered the way the DS component does. */
public final class EngineRig implements AutoCloseable {

    private static final AtomicLong SERVICE_IDS = new AtomicLong(1000);

    public final SyncEngine engine;
    private final Path storeDir;
    private final SqlStore store;
    public final List<HandlerRef> refs = new ArrayList<>();

    public EngineRig(int poolSize) {
        this(EngineSettings.defaults().withPoolSize(poolSize).withConcurrentSessions(poolSize));
    }

    /**
     * The engine on a SQLite store in a temporary folder, with the default durability (it survives
     * a process crash): what a platform runs with by default.
     */
    public EngineRig(EngineSettings settings) {
        try {
            this.storeDir = Files.createTempDirectory("bench-store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.store = SqlStore.open("jdbc:sqlite:" + storeDir.resolve("sync-center.db"));
        this.engine = new SyncEngine(settings, store);
    }

    /** Registers a handler service; does not wait for its metadata. */
    public HandlerRef add(String handlerId, SyncHandler handler) {
        HandlerRef ref = new HandlerRef(SERVICE_IDS.incrementAndGet(), 0, handlerId, "bench.handlers 1.0.0", handler);
        refs.add(ref);
        engine.handlerAdded(ref);
        return ref;
    }

    /** Waits until the engine lists the handler as served by this service (its metadata is read). */
    public void awaitServed(HandlerRef ref, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!servedBy(ref)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("handler " + ref.handlerId() + " not served by " + ref + " within "
                        + timeout + "; last seen: " + engine.handler(ref.handlerId()));
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    public boolean servedBy(HandlerRef ref) {
        return engine.handler(ref.handlerId()).map(h -> h.serviceId() == ref.serviceId()).orElse(false);
    }

    /** Registers {@code count} handlers {@code h0 .. h(count-1)} with {@code items} items each and waits for them. */
    public List<String> addHandlers(int count, int items) {
        List<String> ids = new ArrayList<>(count);
        List<HandlerRef> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "h" + i;
            ids.add(id);
            added.add(add(id, new FastHandler("Handler " + i, items)));
            if (added.size() == 256 || i == count - 1) {
                // In batches: each registration reads metadata on a thread of the engine's cached pool.
                for (HandlerRef ref : added) {
                    awaitServed(ref, Duration.ofSeconds(60));
                }
                added.clear();
            }
        }
        return ids;
    }

    @Override
    public void close() {
        engine.close();
        store.close();
        try (var files = Files.list(storeDir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
            Files.delete(storeDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
