package dev.synccenter.impl.engine;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

import dev.synccenter.impl.store.Retention;

/**
 * Keeps the store's history and events within their retention (C39, C41): every minute on a call
 * thread, and before events are listed when any were recorded since, so that a listing never shows
 * more than the retention keeps.
 *
 * <p>Lock rule: never called with the engine lock held; pruning blocks on the store.
 */
final class Pruning {

    private final Journal journal;
    private final EngineThreads threads;
    private final Supplier<EngineSettings> settings;
    private volatile boolean eventsSince;
    private ScheduledFuture<?> timer;

    Pruning(Journal journal, EngineThreads threads, Supplier<EngineSettings> settings) {
        this.journal = journal;
        this.threads = threads;
        this.settings = settings;
    }

    void start() {
        timer = threads.every(Duration.ofMinutes(1), () -> threads.runAsync(this::now));
    }

    void stop() {
        EngineThreads.cancel(timer);
    }

    /** An event was recorded: the next listing prunes first. */
    void eventRecorded() {
        eventsSince = true;
    }

    void beforeListingEvents() {
        if (eventsSince) {
            now();
        }
    }

    private void now() {
        EngineSettings s = settings.get();
        eventsSince = false;
        journal.store().prune(new Retention(Math.max(0, s.requestHistory()), Duration.ofDays(3650),
                s.eventRetentionCount(), s.eventRetentionAge(), s.eventRetentionPerHandler()));
    }
}
