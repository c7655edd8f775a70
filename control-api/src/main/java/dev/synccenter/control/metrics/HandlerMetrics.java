package dev.synccenter.control.metrics;

import java.util.Map;
import java.util.Objects;

import dev.synccenter.control.ProgressStatus;

/**
 * One handler's figures.
 *
 * @param handlerId     the handler
 * @param queued        queue entries waiting for a session: one per request, except items run again
 *                      after their service went away (C27) (gauge)
 * @param running       sessions running now (gauge)
 * @param finished      results by status since the start (counters); statuses never seen are absent
 * @param itemsRerun    items started again by a later session of the same request (C27, C37), since the start
 * @param waitSeconds   from acceptance to the first session that took the request up
 * @param runSeconds    from that start to the result
 */
public record HandlerMetrics(String handlerId, long queued, long running, Map<ProgressStatus, Long> finished,
        long itemsRerun, Timings waitSeconds, Timings runSeconds) {

    public HandlerMetrics {
        Objects.requireNonNull(handlerId, "handlerId");
        finished = Map.copyOf(finished);
        Objects.requireNonNull(waitSeconds, "waitSeconds");
        Objects.requireNonNull(runSeconds, "runSeconds");
    }
}
