package dev.synccenter.impl.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.synccenter.control.metrics.HandlerMetrics;
import dev.synccenter.control.metrics.MetricsSnapshot;

/**
 * Puts the engine's counters and gauges together into one {@link MetricsSnapshot}: the counters of
 * {@link Statistics}, the store's latency from the {@link Journal}, and gauges read from the
 * handler slots and the request book. Every handler known now or counted before appears.
 *
 * <p>Lock rule: runs with the engine lock held; reads no store and calls nothing foreign.
 */
final class MetricsView {

    private MetricsView() {
    }

    static MetricsSnapshot snapshot(EngineLock lock, HandlerRegistry registry, RequestBook book, Journal journal,
            EngineThreads threads, Clock clock, Schedules schedules) {
        lock.assertHeld();
        Statistics statistics = book.statistics;
        Map<String, HandlerSlot> slots = new TreeMap<>();
        for (HandlerSlot slot : registry.all()) {
            slots.put(slot.id, slot);
        }
        TreeSet<String> ids = new TreeSet<>(slots.keySet());
        ids.addAll(statistics.handlers().keySet());
        long inBackoff = 0;
        long waiting = 0;
        for (HandlerSlot slot : slots.values()) {
            inBackoff += slot.backoffs.size();
            for (Backoff b : slot.backoffs.values()) {
                waiting += b.waiting.size();
            }
        }
        List<HandlerMetrics> handlers = new ArrayList<>(ids.size());
        for (String id : ids) {
            HandlerSlot slot = slots.get(id);
            Statistics.PerHandler counted = statistics.of(id);
            handlers.add(new HandlerMetrics(id, slot == null ? 0 : slot.queue.size(),
                    slot == null ? 0 : slot.sessions.size(), counted.finished, counted.itemsRerun,
                    counted.waitSeconds.timings(), counted.runSeconds.timings(),
                    slot == null ? 0 : slot.conflicts.size()));
        }
        return new MetricsSnapshot(clock.instant(), handlers, book.openCount(), statistics.abandonedSessions(),
                threads.deliveries().backlog(), journal.commitSeconds.timings(), !journal.store().health().ok(),
                threads.sessionThreads(), inBackoff, waiting, schedules.count(), schedules.lateness.timings());
    }
}
