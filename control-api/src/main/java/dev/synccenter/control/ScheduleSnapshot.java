package dev.synccenter.control;

import java.time.Instant;
import java.util.Objects;

/**
 * A schedule and where it stands (C44).
 *
 * @param spec what it syncs and when
 * @param origin whether it came from a configuration or through the control service
 * @param nextRunAt when it runs next
 * @param lastRunAt when it last started a run (or coalesced one into the run still open); null before the first
 * @param lastRequestId the request of its last run; 0 before the first
 * @param held true when a run fell due while its handler was disabled, inactive or not served: the
 *     run starts once the handler can sync again (C45)
 * @param runs the runs it started since the platform started
 * @param coalesced the runs that fell due while the previous was still open, and were not started (C44)
 * @since 1.3.0
 */
public record ScheduleSnapshot(ScheduleSpec spec, Origin origin, Instant nextRunAt, Instant lastRunAt,
        long lastRequestId, boolean held, long runs, long coalesced) {

    /** Where a schedule came from. */
    public enum Origin {
        /** A factory configuration (one per schedule): it lives as long as its configuration. */
        CONFIGURATION,
        /** {@link SyncControl#putSchedule}: it lives until it is removed through the control service. */
        CONTROL
    }

    public ScheduleSnapshot {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(nextRunAt, "nextRunAt");
    }
}
