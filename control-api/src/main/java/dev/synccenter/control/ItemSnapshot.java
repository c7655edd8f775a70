package dev.synccenter.control;

import java.time.Instant;
import java.util.Set;

/**
 * An item as the platform last read it (C31), with the state the platform keeps for it.
 *
 * @param lastSyncTime null if never synced
 * @param syncing whether a running session has it
 */
public record ItemSnapshot(String id, String name, String typeLabel, String comment, Instant lastSyncTime,
        boolean enabled, boolean connected, Set<ItemCapability> capabilities, Set<ItemPolicy> policies,
        boolean syncing) {

    public ItemSnapshot {
        capabilities = Set.copyOf(capabilities);
        policies = Set.copyOf(policies);
    }
}
