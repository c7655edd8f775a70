package dev.synccenter.impl.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.SyncResult;

/**
 * The engine's counters since it started: results by handler and status, wait and run times,
 * items run again, abandoned sessions. Cheap enough to update on every result: a few increments.
 *
 * <p>Lock rule: the per-handler figures are updated and read with the engine lock held; the
 * abandoned-session count is an adder.
 */
final class Statistics {

    /** One handler's counters. */
    static final class PerHandler {
        final Map<ProgressStatus, Long> finished = new EnumMap<>(ProgressStatus.class);
        long itemsRerun;
        final Histogram waitSeconds = new Histogram();
        final Histogram runSeconds = new Histogram();
    }

    // @GuardedBy("EngineLock") -- ordered by handler ID for stable output
    private final Map<String, PerHandler> handlers = new TreeMap<>();
    private final LongAdder abandoned = new LongAdder();

    /** A request has its result: counted by status, with how long it waited and ran. */
    void finished(SyncResult result) {
        PerHandler h = of(result.handlerId());
        h.finished.merge(result.status(), 1L, Long::sum);
        Instant started = result.startedAt();
        Instant accepted = result.acceptedAt();
        if (accepted != null && started != null) {
            h.waitSeconds.add(Duration.between(accepted, started).toNanos());
            h.runSeconds.add(Duration.between(started, result.finishedAt()).toNanos());
        }
    }

    /** A session starts an item a second time or more (C27, C37). */
    void rerun(String handlerId) {
        of(handlerId).itemsRerun++;
    }

    void abandoned() {
        abandoned.increment();
    }

    long abandonedSessions() {
        return abandoned.sum();
    }

    Map<String, PerHandler> handlers() {
        return handlers;
    }

    PerHandler of(String handlerId) {
        return handlers.computeIfAbsent(handlerId, k -> new PerHandler());
    }
}
