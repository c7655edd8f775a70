package dev.synccenter.control.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The platform's counters (since it started) and gauges (now).
 *
 * @param at                when it was taken
 * @param handlers          per handler, in handler ID order
 * @param openRequests      requests accepted and without a result: queued, parked or running (gauge)
 * @param abandonedSessions sessions that did not return within the cancel grace, since the start (C22)
 * @param deliveryBacklog   results and events waiting to be handed to listeners and handles (gauge)
 * @param storeCommitSeconds time from a change's submission to its commit in the store
 * @param storeFailing      whether the store refuses writes now (C40)
 * @param sessionThreads    platform threads that run sessions now, abandoned ones included (gauge)
 * @param itemsInBackoff    items in backoff after transient failures (gauge, C43)
 * @param waitingRetries    items of requests that wait for their next attempt (gauge, C43)
 * @param schedules         schedules that run (gauge, C44)
 * @param scheduleLatenessSeconds from each scheduled run's slot until its request was stored (C44)
 * @since 1.1.0 for the retries and schedules
 */
public record MetricsSnapshot(Instant at, List<HandlerMetrics> handlers, long openRequests, long abandonedSessions,
        long deliveryBacklog, Timings storeCommitSeconds, boolean storeFailing, int sessionThreads,
        long itemsInBackoff, long waitingRetries, int schedules, Timings scheduleLatenessSeconds) {

    private static final Timings NONE = new Timings(List.of(), List.of(), 0, 0);

    public MetricsSnapshot {
        Objects.requireNonNull(at, "at");
        handlers = List.copyOf(handlers);
        Objects.requireNonNull(storeCommitSeconds, "storeCommitSeconds");
        scheduleLatenessSeconds = scheduleLatenessSeconds == null ? NONE : scheduleLatenessSeconds;
    }

    /** A snapshot without retries and schedules, as snapshots were before 1.1.0. */
    public MetricsSnapshot(Instant at, List<HandlerMetrics> handlers, long openRequests, long abandonedSessions,
            long deliveryBacklog, Timings storeCommitSeconds, boolean storeFailing, int sessionThreads) {
        this(at, handlers, openRequests, abandonedSessions, deliveryBacklog, storeCommitSeconds, storeFailing,
                sessionThreads, 0, 0, 0, NONE);
    }
}
