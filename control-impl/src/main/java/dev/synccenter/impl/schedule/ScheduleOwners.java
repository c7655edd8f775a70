package dev.synccenter.impl.schedule;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;

/**
 * Which configuration each configured schedule's ID belongs to. The engine knows a configured
 * schedule by its ID alone: without this, two files with the same {@code id} would replace each
 * other's schedule, and deleting one would remove the other's. A service, shared by the
 * {@link ScheduleConfiguration}s, so that the map lives and dies with the bundle's components.
 */
@Component(service = ScheduleOwners.class)
public final class ScheduleOwners {

    /** Schedule ID to the configuration (its file or PID) that has it. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    /** Claims the ID for a configuration: null if it has it now, else the configuration that does. */
    String claim(String scheduleId, String configuration) {
        String owner = owners.putIfAbsent(scheduleId, configuration);
        return owner == null || owner.equals(configuration) ? null : owner;
    }

    /** Gives the ID up, if this configuration has it. */
    void release(String scheduleId, String configuration) {
        owners.remove(scheduleId, configuration);
    }
}
