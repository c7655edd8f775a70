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
 * @param conflicts     conflicts its conflict store reports now (gauge, C46)
 * @since 1.1.0 for {@code conflicts}
 */
public record HandlerMetrics(String handlerId, long queued, long running, Map<ProgressStatus, Long> finished,
        long itemsRerun, Timings waitSeconds, Timings runSeconds, long conflicts) {

    /** Figures without conflicts, as they were before 1.1.0. */
    public HandlerMetrics(String handlerId, long queued, long running, Map<ProgressStatus, Long> finished,
            long itemsRerun, Timings waitSeconds, Timings runSeconds) {
        this(handlerId, queued, running, finished, itemsRerun, waitSeconds, runSeconds, 0);
    }

    public HandlerMetrics {
        Objects.requireNonNull(handlerId, "handlerId");
        finished = Map.copyOf(finished);
        Objects.requireNonNull(waitSeconds, "waitSeconds");
        Objects.requireNonNull(runSeconds, "runSeconds");
    }
}
