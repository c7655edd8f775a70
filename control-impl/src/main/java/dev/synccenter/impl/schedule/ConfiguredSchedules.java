package dev.synccenter.impl.schedule;

import dev.synccenter.control.ScheduleSnapshot;
import dev.synccenter.control.ScheduleSpec;

/**
 * The engine's side of schedules that come from configuration (C44), as a service inside
 * control-impl: {@link ScheduleConfiguration} puts and removes them. Not part of the control
 * service, because through it a caller may not touch a configured schedule: only its configuration
 * changes it.
 */
public interface ConfiguredSchedules {

    /**
     * Creates the schedule, or replaces the configured one with the same ID (which keeps its last run).
     *
     * @throws dev.synccenter.control.SyncArgumentException naming the bad field ({@code spec.cron})
     * @throws dev.synccenter.control.SyncRefusedException if the store could not record it (C40)
     */
    ScheduleSnapshot put(ScheduleSpec spec);

    /** Removes a configured schedule; nothing happens if there is none with that ID. */
    void remove(String scheduleId);
}
