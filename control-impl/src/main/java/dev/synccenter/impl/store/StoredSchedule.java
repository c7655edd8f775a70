package dev.synccenter.impl.store;

import java.time.Instant;
import java.util.Objects;

import dev.synccenter.control.ScheduleSnapshot.Origin;
import dev.synccenter.control.ScheduleSpec;

/**
 * A schedule as the store keeps it (C44): its spec, where it came from, and where it stands.
 *
 * @param nextRunAt when it runs next; a time in the past after a restart means a run was missed
 * @param lastRunAt when it last fell due and ran or was coalesced; null before the first
 * @param lastRequestId the request of its last run, 0 before the first: a run does not stack on it while it is open
 * @param held a run fell due while its handler could not sync; it starts when the handler can (C45)
 */
public record StoredSchedule(ScheduleSpec spec, Origin origin, Instant nextRunAt, Instant lastRunAt,
        long lastRequestId, boolean held) {

    public StoredSchedule {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(spec.id(), "spec.id");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(nextRunAt, "nextRunAt");
    }
}
