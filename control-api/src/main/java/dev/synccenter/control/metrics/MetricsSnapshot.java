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
 */
public record MetricsSnapshot(Instant at, List<HandlerMetrics> handlers, long openRequests, long abandonedSessions,
        long deliveryBacklog, Timings storeCommitSeconds, boolean storeFailing, int sessionThreads) {

    public MetricsSnapshot {
        Objects.requireNonNull(at, "at");
        handlers = List.copyOf(handlers);
        Objects.requireNonNull(storeCommitSeconds, "storeCommitSeconds");
    }
}
