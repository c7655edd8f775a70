package dev.synccenter.control;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A handler as the platform last read it (C31), with the state the platform keeps for it.
 *
 * @param lastSyncTime null if never synced
 * @param bundle symbolic name and version of the bundle whose service serves (or last served)
 * @param serviceId the serving service's {@code service.id}, or 0 while parked
 * @param standbys services with the same ID waiting to serve (C3)
 * @param queued requests waiting in its queue
 * @param running sessions running now
 */
public record HandlerSnapshot(String id, String name, HandlerType type, String typeLabel, String comment,
        Instant lastSyncTime, boolean active, boolean enabled, boolean connected,
        Set<HandlerCapability> capabilities, Set<HandlerPolicy> policies, List<ItemSnapshot> items,
        HandlerAvailability availability, String bundle, long serviceId, int standbys, int queued,
        int running) {

    public HandlerSnapshot {
        capabilities = Set.copyOf(capabilities);
        policies = Set.copyOf(policies);
        items = List.copyOf(items);
    }
}
